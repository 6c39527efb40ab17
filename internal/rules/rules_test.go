package rules

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/rules/bnd"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files from the findings")

func run(t *testing.T, rules []analysis.Configured, src, module string) []finding.Finding {
	t.Helper()
	res := parser.ParseString(src, parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("the fixture does not parse: %v", res.Errors[0])
	}
	fs, sups := analysis.Run(rules, "x.py", module, res.Src, res.Module, res.Lines, res.Comments)
	fs = append(fs, sups.Report(analysis.NewRuleSet(rules))...)
	finding.Sort(fs)
	return fs
}

func configured(rs ...*analysis.Rule) []analysis.Configured {
	var out []analysis.Configured
	for _, r := range rs {
		out = append(out, analysis.Configured{Rule: r, Options: r.Options})
	}
	// The BND rules look at the modules the configuration names: for a rule's own examples and
	// fixtures, their module is both a boundary and domain (copies, so that the rules'
	// defaults stay empty).
	if len(out) != 1 {
		return out
	}
	for i, c := range out {
		switch o := c.Options.(type) {
		case *bnd.Options:
			cp := *o
			cp.PublicFunctions = true // the fixtures' functions are plain: each stands for an entry point
			out[i].Options = &cp
		case *bnd.DomainOptions:
			cp := *o
			out[i].Options = &cp
		case *bnd.InputOptions:
			cp := *o
			cp.PublicFunctions = true
			out[i].Options = &cp
		case *bnd.InfraOptions:
			cp := *o
			out[i].Options = &cp
		}
	}
	bnd.SetModules(out, []string{"pkg"}, []string{"pkg"})
	return out
}

// TestRuleMetadata checks every rule is fully described: code and name well formed and unique,
// summary, rationale, and examples.
func TestRuleMetadata(t *testing.T) {
	codeRE := regexp.MustCompile(`^[A-Z]{3,4}[0-9]{3}$`)
	nameRE := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for _, r := range All() {
		if !codeRE.MatchString(r.Code) || !nameRE.MatchString(r.Name) {
			t.Errorf("%s %s: code must be like TYP001 and name kebab-case", r.Code, r.Name)
		}
		if seen[r.Code] || seen[r.Name] {
			t.Errorf("%s %s: duplicate code or name", r.Code, r.Name)
		}
		seen[r.Code], seen[r.Name] = true, true
		if r.Summary == "" || r.Rationale == "" || r.Bad == "" || r.Good == "" || r.PerFile() == r.Project || r.Run != nil && r.Visit != nil || (r.Visit == nil) != (len(r.Nodes) == 0) {
			t.Errorf("%s: summary, rationale, bad and good examples, and Run or Visit with Nodes (only for a rule that is not Project) are all required", r.Code)
		}
	}
}

// TestExamples runs each rule on its own examples: the bad one must be reported, the good one
// not.
func TestExamples(t *testing.T) {
	for _, r := range All() {
		if r.Family() == "SUP" || r.Family() == "SYN" || r.Project {
			continue // reported by the suppression step (see TestSuppressions), the loading step (see analysis.TestSyntaxRuleExamples) or by contracts (see internal/contracts)
		}
		t.Run(r.Code, func(t *testing.T) {
			if fs := run(t, configured(r), r.Bad, "pkg.mod"); len(fs) == 0 {
				t.Errorf("the bad example is not reported:\n%s", r.Bad)
			}
			if fs := run(t, configured(r), r.Good, "pkg.mod"); len(fs) != 0 {
				t.Errorf("the good example is reported: %v\n%s", fs, r.Good)
			}
		})
	}
}

// TestFixtures runs each rule on testdata/CODE.py and compares with testdata/CODE.golden
// (`go test ./internal/rules -update` rewrites them; review the diff).
func TestFixtures(t *testing.T) {
	for _, r := range All() {
		if r.Project || r.Family() == "SYN" {
			continue // fixtures are projects, in internal/contracts/testdata; files that do not parse, in the parser's tests
		}
		t.Run(r.Code, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", r.Code+".py"))
			if err != nil {
				t.Fatalf("every rule needs fixtures with findings and non-findings: %v", err)
			}
			rules := configured(r)
			if r.Family() == "SUP" {
				rules = configured(append(All()[:0:0], All()...)...)
			}
			fs := run(t, rules, string(src), "pkg.mod")
			var b strings.Builder
			for _, f := range fs {
				if r.Family() != "SUP" && f.Code != r.Code {
					continue
				}
				fmt.Fprintf(&b, "%d:%d-%d:%d %s %s\n", f.Line, f.Col, f.EndLine, f.EndCol, f.Code, f.Message)
			}
			golden := filepath.Join("testdata", r.Code+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("findings differ from %s:\ngot:\n%s\nwant:\n%s", golden, b.String(), want)
			}
			if r.Family() != "SUP" && !strings.Contains(b.String(), r.Code) {
				t.Errorf("the fixture has no finding of %s", r.Code)
			}
		})
	}
}

// TestStarImportPassesOn: a star import whose job is to pass an interface on is not reported
// (PAT004): in a package's __init__.py, in a stub, and in a shim that defines nothing.
func TestStarImportPassesOn(t *testing.T) {
	const uses = "from pkg.core import *\n\ndef f():\n    return g()\n"
	cases := []struct {
		path, src string
		want      int
	}{
		{"pkg/mod.py", uses, 1},
		{"pkg/__init__.py", uses, 0},
		{"pkg/mod.pyi", uses, 0},
		{"pkg/old_name.py", "import warnings\nwarnings.warn('moved to pkg.core')\nfrom pkg.core import *\n", 0},
	}
	for _, c := range cases {
		res := parser.ParseString(c.src, parser.Options{})
		fs, _ := analysis.Run(configured(Lookup("PAT004")), c.path, "pkg.mod", res.Src, res.Module, res.Lines, res.Comments)
		if len(fs) != c.want {
			t.Errorf("%s: %d findings, want %d: %v", c.path, len(fs), c.want, fs)
		}
	}
}
