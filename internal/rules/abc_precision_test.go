package rules_test

// PAT002 decides over a whole project's class hierarchy, so its precision is read on whole
// projects: CPython 3.11's and 3.13's standard libraries, the 3.11 site-packages and Debian's
// dist-packages (of which only the findings in debianABCPackages count: the rest differs from
// machine to machine), each checked as one project without `library = true` (in library mode
// it judges private ABCs alone, and the corpora hold three). The record is testdata/precision/PAT002.md, kept honest as
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

// debianDist is Debian's directory of Python packages, and debianABCPackages the packages of
// it whose PAT002 findings the record reads (.ci/run installs them).
const debianDist = cpython.DebianDist

var debianABCPackages = []string{"cryptography", "packaging", "pip", "rich", "virtualenv"}

// loadABCFindings checks the corpora with PAT002, as an application's.
func loadABCFindings(t *testing.T) []corpusFinding {
	t.Helper()
	stdlib := cpython.Stdlib(t, "3.11")
	stdlib13 := cpython.Stdlib(t, "3.13")
	site := cpython.SitePackages(t, "3.11")
	for _, p := range debianABCPackages {
		cpython.RequireDebianPackage(t, p)
	}
	inDebian := func(path string) bool {
		for _, p := range debianABCPackages {
			if strings.HasPrefix(path, p+"/") {
				return true
			}
		}
		return false
	}
	sel := analysis.Selection{Scopes: analysis.DefaultScopes()}
	sel.ResolveScopes(rules.All())
	r := pat.AbstractOnlyABC
	var out []corpusFinding
	for _, c := range []struct{ name, root string }{{"stdlib-3.11", stdlib}, {"stdlib-3.13", stdlib13}, {"site-packages-3.11", site}, {"dist-packages", debianDist}} {
		ws, err := workspace.Load(config.Default(c.root), workspace.Options{Usage: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range dead.StructuralABCs(workspace.DeadInput(ws), false) {
			if sel.IgnoredIn(a.Path, r.Code, r.Name) || c.root == debianDist && !inDebian(a.Path) {
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
		t.Skip("reads four whole corpora; run without -short")
	}
	all := loadABCFindings(t)
	if os.Getenv("BUTTRESS_PRECISION_SAMPLE") == pat.AbstractOnlyABC.Code {
		printSample(t, all, pat.AbstractOnlyABC.Code)
	}
	checkRecord(t, pat.AbstractOnlyABC, all, "PAT002")
}
