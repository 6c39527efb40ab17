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
	"sort"
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

// debianDjango is Debian's python3-django, which .ci/run installs.
const debianDjango = "/usr/lib/python3/dist-packages/django"

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
	if _, err := os.Stat(debianDjango); err != nil {
		if os.Getenv(cpython.RequireEnv) == "1" {
			t.Fatalf("Debian's python3-django is needed: %v", err)
		}
		t.Skipf("Debian's python3-django is not installed: %v", err)
	}
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
		sort.SliceStable(deadFindings, func(i, j int) bool {
			a, b := deadFindings[i], deadFindings[j]
			if a.corpus != b.corpus {
				return a.corpus < b.corpus
			}
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
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
		t.Run(r.Code, func(t *testing.T) {
			path := filepath.Join("testdata", "precision", r.Code+".md")
			rec, err := readRecord(path)
			if err != nil {
				t.Fatalf("every DEAD rule needs a precision record (%v): read its sample with BUTTRESS_PRECISION_SAMPLE=%s", err, r.Code)
			}
			total := 0
			for _, f := range all {
				if f.Code == r.Code {
					total++
				}
			}
			if len(rec.verdicts) < minSample && len(rec.verdicts) < total {
				t.Fatalf("%s judges %d findings; at least %d are needed (or all of them, when the corpora hold fewer)", path, len(rec.verdicts), minSample)
			}
			if len(rec.verdicts) > 0 {
				p := float64(rec.right()) / float64(len(rec.verdicts))
				if p < minPrecision && r.Default {
					t.Errorf("%s: precision %.0f%% (%d of %d), below %.0f%%: the rule must not be on by default", path, 100*p, rec.right(), len(rec.verdicts), 100*minPrecision)
				}
				if !strings.Contains(r.Precision, precisionPhrase(rec)) {
					t.Errorf("%s's Precision field says %q; its record says %q", r.Code, r.Precision, precisionPhrase(rec))
				}
			}
			got := sample(all, r.Code, len(rec.places))
			for i, place := range rec.places {
				if i >= len(got) {
					t.Errorf("%s: finding %d (%s) is no longer in the sample: the rule reports fewer findings; read a new sample", path, i+1, place)
					continue
				}
				if got[i].place() != place {
					t.Errorf("%s: finding %d is %s in the record but %s in today's sample: the rule changed; read its sample again", path, i+1, place, got[i].place())
				}
			}
		})
	}
}
