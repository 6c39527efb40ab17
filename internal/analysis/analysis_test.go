package analysis

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/python/parser"
)

func rule(code, name string, def bool) *Rule {
	return &Rule{Code: code, Name: name, Default: def, Run: func(*Pass) {}}
}

var testRules = []*Rule{
	rule("TYP001", "untyped-parameter", true),
	rule("TYP002", "missing-return-annotation", true),
	rule("TYP003", "any-in-public-signature", true),
	rule("ERR001", "bare-except", true),
	rule("MOD001", "too-complex", false),
}

func codes(rs []*Rule) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

func TestSelection(t *testing.T) {
	cases := []struct {
		name string
		sel  Selection
		want []string
	}{
		{"defaults", Selection{}, []string{"ERR001", "TYP001", "TYP002", "TYP003"}},
		{"select a family", Selection{Select: []string{"TYP"}}, []string{"TYP001", "TYP002", "TYP003"}},
		{"select by name", Selection{Select: []string{"bare-except"}}, []string{"ERR001"}},
		{"extend-select adds an off rule", Selection{ExtendSelect: []string{"MOD001"}}, []string{"ERR001", "MOD001", "TYP001", "TYP002", "TYP003"}},
		{"ignore one of a family", Selection{Select: []string{"TYP"}, Ignore: []string{"TYP003"}}, []string{"TYP001", "TYP002"}},
		{"more specific select wins over ignore", Selection{Ignore: []string{"TYP"}, ExtendSelect: []string{"TYP002"}}, []string{"ERR001", "TYP002"}},
		{"ignore wins a tie", Selection{Select: []string{"TYP001"}, Ignore: []string{"untyped-parameter"}}, nil},
		{"ALL", Selection{Select: []string{"ALL"}, Ignore: []string{"ERR"}}, []string{"MOD001", "TYP001", "TYP002", "TYP003"}},
	}
	for _, c := range cases {
		got, err := c.sel.Rules(testRules)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(codes(got), c.want) {
			t.Errorf("%s: %v, want %v", c.name, codes(got), c.want)
		}
	}
	if _, err := (Selection{Select: []string{"TPY"}}).Rules(testRules); err == nil {
		t.Errorf("an unknown selector must be an error")
	}
}

func TestPerFileIgnores(t *testing.T) {
	sel := Selection{PerFileIgnores: map[string][]string{
		"tests/**":    {"TYP"},
		"__init__.py": {"bare-except"},
	}}
	cases := []struct {
		path, code, name string
		want             bool
	}{
		{"tests/unit/test_a.py", "TYP001", "untyped-parameter", true},
		{"src/a.py", "TYP001", "untyped-parameter", false},
		{"src/pkg/__init__.py", "ERR001", "bare-except", true},
		{"src/pkg/__init__.py", "TYP001", "untyped-parameter", false},
	}
	for _, c := range cases {
		if got := sel.IgnoredIn(c.path, c.code, c.name); got != c.want {
			t.Errorf("IgnoredIn(%s, %s) = %v, want %v", c.path, c.code, got, c.want)
		}
	}
}

type opts struct {
	Max int `toml:"max"`
}

// fakeOptions is an OptionSource with the tables in a map.
type fakeOptions map[string]int

func (f fakeOptions) Tables() ([]string, error) {
	var names []string
	for n := range f {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

func (f fakeOptions) Decode(name string, into any) error {
	if v, ok := f[name]; ok {
		if v < 0 {
			return fmt.Errorf("%s: max must not be negative", name)
		}
		into.(*opts).Max = v
	}
	return nil
}

func (f fakeOptions) Errorf(name string, format string, args ...any) error {
	return fmt.Errorf("[rules.%s] %s", name, fmt.Sprintf(format, args...))
}

func (f fakeOptions) Suggest(name string, candidates []string) string {
	for _, c := range candidates {
		if strings.HasPrefix(c, name[:3]) {
			return c
		}
	}
	return ""
}

func TestConfigureCopiesOptions(t *testing.T) {
	r := rule("MOD001", "too-complex", true)
	r.Options = &opts{Max: 10}
	got, err := Configure(Selection{}, []*Rule{r}, fakeOptions{"too-complex": 20})
	if err != nil || len(got) != 1 {
		t.Fatalf("Configure: %v %v", got, err)
	}
	if got[0].Options.(*opts).Max != 20 || r.Options.(*opts).Max != 10 {
		t.Errorf("configured %d, defaults %d: want 20 and 10 (defaults untouched)", got[0].Options.(*opts).Max, r.Options.(*opts).Max)
	}
}

func TestConfigureChecksEveryTable(t *testing.T) {
	complex := rule("MOD001", "too-complex", true)
	complex.Options = &opts{Max: 10}
	off := rule("MOD002", "too-cognitive", false)
	off.Options = &opts{Max: 15}
	plain := rule("MOD006", "global-statement", true)
	all := []*Rule{complex, off, plain}
	cases := []struct {
		src  fakeOptions
		want string // "" for no error
	}{
		{fakeOptions{"too-complex": 3, "too-cognitive": 4}, ""},
		{fakeOptions{"too-complx": 3}, `[rules.too-complx] no rule is named "too-complx"; did you mean "too-complex"? (` + "`buttress rules`" + ` lists them)`},
		{fakeOptions{"zzz": 3}, `[rules.zzz] no rule is named "zzz" (` + "`buttress rules`" + ` lists them)`},
		{fakeOptions{"MOD001": 3}, `[rules.MOD001] options are set by the rule's name, not its code: [...rules.too-complex] for MOD001`},
		{fakeOptions{"global-statement": 3}, `[rules.global-statement] rule global-statement (MOD006) has no options`},
		// A rule that is not selected still has its table checked.
		{fakeOptions{"too-cognitive": -1}, `too-cognitive: max must not be negative`},
	}
	for _, c := range cases {
		_, err := Configure(Selection{}, all, c.src)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("Configure with %v:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

func TestScopes(t *testing.T) {
	typ := rule("TYP001", "untyped-parameter", true)
	typ.NotIn = []string{ScopeTests, ScopeMigrations}
	mod := rule("MOD007", "module-too-long", true)
	mod.NotIn = []string{ScopeMigrations}
	err := rule("ERR001", "bare-except", true)
	all := []*Rule{typ, mod, err}
	cases := []struct {
		name   string
		scopes []Scope
		path   string
		want   []string // the codes ignored in path
	}{
		{"a source file", DefaultScopes(), "shop/orders.py", nil},
		{"test_*.py", DefaultScopes(), "shop/test_orders.py", []string{"TYP001"}},
		{"*_test.py", DefaultScopes(), "orders_test.py", []string{"TYP001"}},
		{"conftest.py", DefaultScopes(), "conftest.py", []string{"TYP001"}},
		{"under tests/", DefaultScopes(), "tests/unit/helpers.py", []string{"TYP001"}},
		{"under a nested test/", DefaultScopes(), "Lib/test/support/__init__.py", []string{"TYP001"}},
		{"a Django migration", DefaultScopes(), "shop/migrations/0001_initial.py", []string{"TYP001", "MOD007"}},
		{"an Alembic migration", DefaultScopes(), "alembic/versions/1a2b_add.py", []string{"TYP001", "MOD007"}},
		{"a name that only looks like a test", DefaultScopes(), "shop/testing_tools.py", nil},
		{"the configuration's own list", []Scope{{Name: ScopeTests, Files: []string{"qa/**"}, Ignore: []string{"ERR"}, IgnoreSet: true}}, "qa/a.py", []string{"ERR001"}},
		{"an empty list runs everything", []Scope{{Name: ScopeTests, Files: DefaultTestFiles(), IgnoreSet: true}}, "tests/a.py", nil},
	}
	for _, c := range cases {
		sel := Selection{Scopes: c.scopes}
		sel.ResolveScopes(all)
		var got []string
		for _, r := range all {
			if sel.IgnoredIn(c.path, r.Code, r.Name) {
				got = append(got, r.Code)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %s ignores %v, want %v", c.name, c.path, got, c.want)
		}
	}
}

func TestIsGenerated(t *testing.T) {
	for src, want := range map[string]bool{
		"# Generated from ASLParser.g4 by ANTLR 4.13.2\nfrom antlr4 import *\n":                 true,
		"# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\n": true,
		"# @generated by a tool\nx = 1\n":                                                       true,
		"# This file is automatically generated. Edit the template instead.\n":                  true,
		"\"\"\"Tokens generated by the lexer.\"\"\"\nx = 1\n":                                   false, // a docstring, not a generator's header
		"x = 1\n" + strings.Repeat("y = 2\n", 20) + "# generated by hand\n":                     false, // past the header
		"": false,
	} {
		if got := IsGenerated(src); got != want {
			t.Errorf("IsGenerated(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestFindingSymbol(t *testing.T) {
	src := `hit()

@hit
def outer(a):
    y = hit()
    def inner():
        return hit()
    class Local:
        def m(self):
            hit()
    return hit(y)

class C:
    z = hit()
    async def method(self):
        if self:
            hit()
`
	want := []string{"", "outer", "outer", "outer.<locals>.inner", "outer.<locals>.Local.m", "outer", "C", "C.method"}
	res := parser.ParseString(src, parser.Options{})
	fs, _ := Run([]Configured{{Rule: lineRule("ERR001", "bare-except")}}, "x.py", "x", res.Src, res.Module, res.Lines, res.Comments)
	var got []string
	for _, f := range fs {
		got = append(got, f.Symbol)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("symbols %q, want %q", got, want)
	}
}

// TestScopesByDirectory: with the scopes' directory globs remembered by directory
// (Selection.dirs), every file gets the same Ignores as by matching its whole path, the
// same file again too; a scope glob that a directory and a file name can both match turns
// the memory off.
func TestScopesByDirectory(t *testing.T) {
	typ := rule("TYP001", "untyped-parameter", true)
	typ.NotIn = []string{ScopeTests, ScopeMigrations}
	mod := rule("MOD007", "module-too-long", true)
	mod.NotIn = []string{ScopeMigrations, ScopeVendored}
	all := []*Rule{typ, mod, rule("ERR001", "bare-except", true)}
	paths := []string{"a.py", "test_a.py", "tests.py", "conftest.py", "x/conftest.py", "tests/a.py",
		"a/tests/b.py", "a/testsx/b.py", "a/b/test/c/d.pyi", "shop/migrations/0001_x.py",
		"alembic/versions/1_a.py", "a/alembic/versions/b/c.py", "pip/_vendor/rich/x.py",
		"vendor/a_test.py", "third_party/tests/test_x.py", "src/typeshed/stdlib/os.pyi",
		"shop/orders.py", "shop/testing_tools.py", "tests", "a/tests", "README.md"}
	for _, scopes := range [][]Scope{
		DefaultScopes(),
		{{Name: ScopeTests, Files: []string{"**/qa/**", "check_*.py"}, Ignore: []string{"TYP"}, IgnoreSet: true}, {Name: ScopeVendored, Files: []string{"**/ext/lib/**"}}},
	} {
		sel := Selection{Scopes: scopes}
		sel.ResolveScopes(all)
		if sel.dirs == nil {
			t.Fatalf("scopes %v: no memory of directories", scopes)
		}
		plain := sel
		plain.dirs = nil
		for range 2 { // the second time from the memory
			for _, p := range paths {
				if got, want := sel.IgnoresIn(p), plain.IgnoresIn(p); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: by directory %v, by path %v", p, got, want)
				}
			}
		}
	}
	sel := Selection{Scopes: []Scope{{Name: ScopeTests, Files: []string{"**/t.py/**"}}}}
	sel.ResolveScopes(all)
	if sel.dirs != nil {
		t.Error("a directory glob named like a Python file is remembered by directory")
	}
}
