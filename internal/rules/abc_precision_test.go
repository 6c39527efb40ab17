package rules_test

// PAT002 decides over a whole project's class hierarchy, so its precision is read on whole
// projects: CPython 3.11's standard library and the 3.11 site-packages, each checked as one
// project without `library = true` (in library mode it judges private ABCs alone, and the
// corpora hold two). The record is testdata/precision/PAT002.md, kept honest as
// TestPrecisionRecords keeps those of the per-file rules. To read the sample:
//
//	BUTTRESS_PRECISION_SAMPLE=PAT002 go test ./internal/rules -run TestABCPrecisionRecord -v

import (
	"os"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/rules/pat"
	"github.com/buttresspy/buttress/internal/workspace"
)

// loadABCFindings checks both corpora with PAT002, as an application's.
func loadABCFindings(t *testing.T) []corpusFinding {
	t.Helper()
	stdlib := cpython.Stdlib(t, "3.11")
	site := cpython.SitePackages(t, "3.11")
	sel := analysis.Selection{Scopes: analysis.DefaultScopes()}
	sel.ResolveScopes(rules.All())
	r := pat.AbstractOnlyABC
	var out []corpusFinding
	for _, c := range []struct{ name, root string }{{"stdlib-3.11", stdlib}, {"site-packages-3.11", site}} {
		ws, err := workspace.Load(config.Default(c.root), workspace.Options{Usage: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range dead.StructuralABCs(workspace.DeadInput(ws), false) {
			if sel.IgnoredIn(a.Path, r.Code, r.Name) {
				continue
			}
			out = append(out, corpusFinding{c.name, c.root, finding.Finding{Code: r.Code, Rule: r.Name, Path: a.Path, Line: a.Line, Col: a.Col, Message: "`" + a.Class + "` is used only for its shape; subclasses: " + strings.Join(a.Subclasses, ", ")}})
		}
	}
	sortCorpusFindings(out)
	return out
}

func TestABCPrecisionRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two whole corpora; run without -short")
	}
	all := loadABCFindings(t)
	if os.Getenv("BUTTRESS_PRECISION_SAMPLE") == pat.AbstractOnlyABC.Code {
		printSample(t, all, pat.AbstractOnlyABC.Code)
	}
	checkRecord(t, pat.AbstractOnlyABC, all, "PAT002")
}
