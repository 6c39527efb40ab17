package rules_test

// The DEAD rules decide over a whole project, so their precision is read on whole projects:
// CPython 3.11's standard library, the 3.11 site-packages and Debian's Django, each checked
// as one project with `library = true` (all three are libraries: their public names are API
// that code outside them uses, and library mode is what their maintainers would set), but
// DEAD003, read without it (in library mode it judges private modules only, and the corpora
// hold almost none that nothing imports). The
// records are in testdata/precision/DEAD00N.md, kept honest as TestPrecisionRecords keeps
// those of the per-file rules. To read a sample:
//
//	BUTTRESS_PRECISION_SAMPLE=DEAD001 go test ./internal/rules -run TestDeadPrecisionRecords -v

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/workspace"
)

var (
	deadOnce     sync.Once
	deadFindings []corpusFinding
	deadErr      error
)

// loadDeadFindings checks the three corpora with every DEAD rule in library mode.
func loadDeadFindings(t *testing.T) []corpusFinding {
	t.Helper()
	stdlib := cpython.Stdlib(t, "3.11")
	site := cpython.SitePackages(t, "3.11")
	debianDjango := cpython.RequireDebianPackage(t, "django")
	deadOnce.Do(func() {
		// Django is read from a copy of its .py files: a project of dist-packages would hold
		// every other package Debian installed there.
		dj := t.TempDir()
		if err := copyTree(debianDjango, filepath.Join(dj, "django")); err != nil {
			deadErr = err
			return
		}
		sel := analysis.Selection{Scopes: analysis.DefaultScopes()}
		sel.ResolveScopes(rules.All())
		for _, c := range []struct{ name, root string }{{"stdlib-3.11", stdlib}, {"site-packages-3.11", site}, {"django-3.2", dj}} {
			ws, err := workspace.Load(config.Default(c.root), workspace.Options{Usage: true})
			if err != nil {
				deadErr = err
				return
			}
			in := workspace.DeadInput(ws)
			in.Rules = map[string]*dead.Options{}
			for _, r := range dead.Rules() {
				// In library mode no public module is judged, and the corpora hold few
				// private ones that nothing imports: DEAD003 is read as an application's.
				in.Rules[r.Code] = &dead.Options{Library: r != dead.UnusedModule}
			}
			for _, f := range dead.Check(in) {
				if !sel.IgnoredIn(f.Path, f.Code, f.Rule) {
					deadFindings = append(deadFindings, corpusFinding{c.name, c.root, f})
				}
			}
		}
		sortCorpusFindings(deadFindings)
	})
	if deadErr != nil {
		t.Fatal(deadErr)
	}
	return deadFindings
}

// copyTree copies the .py files under src to dst.
func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if fi.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}

func TestDeadPrecisionRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("reads three whole corpora; run without -short")
	}
	all := loadDeadFindings(t)
	if want := os.Getenv("BUTTRESS_PRECISION_SAMPLE"); strings.HasPrefix(strings.ToUpper(want), "DEAD") {
		printSample(t, all, strings.ToUpper(want))
	}
	for _, r := range dead.Rules() {
		t.Run(r.Code, func(t *testing.T) { checkRecord(t, r, all, "DEAD rule") })
	}
}
