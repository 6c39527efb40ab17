package typ

import (
	"fmt"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/parser"
)

func findings(t *testing.T, r *analysis.Rule, o *Options, module, src string) []string {
	t.Helper()
	res := parser.ParseString(src, parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("does not parse: %v", res.Errors[0])
	}
	fs, _ := analysis.Run([]analysis.Configured{{Rule: r, Options: o}}, "x.py", module, res.Src, res.Module, res.Lines, res.Comments)
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d %s", f.Line, f.Code))
	}
	return out
}

// untypedModule has one function annotated in part, among unannotated ones.
const untypedModule = `def a(x): ...
def b(x, y): ...
def c(x: int): ...
`

func TestRequire(t *testing.T) {
	cases := []struct {
		name   string
		opts   func(o *Options)
		module string
		want   string
	}{
		{"default: only the function annotated in part", func(o *Options) {}, "pkg.mod", "3 TYP002"},
		{"require all", func(o *Options) { o.Require = RequireAll }, "pkg.mod", "1 TYP002, 2 TYP002, 3 TYP002"},
		{"a module named in typed-modules", func(o *Options) { o.TypedModules = []string{"pkg.*"} }, "pkg.mod", "1 TYP002, 2 TYP002, 3 TYP002"},
		{"typed-modules that do not name it", func(o *Options) { o.TypedModules = []string{"other.*"} }, "pkg.mod", "3 TYP002"},
		{"a threshold the module reaches", func(o *Options) { o.TypedThreshold = 10 }, "pkg.mod", "1 TYP002, 2 TYP002, 3 TYP002"},
		{"modules that leave it out", func(o *Options) { o.Require, o.Modules = RequireAll, []string{"api.*"} }, "pkg.mod", ""},
	}
	for _, c := range cases {
		o := defaultOptions()
		c.opts(o)
		got := strings.Join(findings(t, MissingReturnAnnotation, o, c.module, untypedModule), ", ")
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckOptions(t *testing.T) {
	for _, c := range []struct {
		opts Options
		key  string
	}{
		{Options{Require: RequireAll, TypedThreshold: 80}, ""},
		{Options{Require: "everything", TypedThreshold: 80}, "require"},
		{Options{Require: RequireTypedModules, TypedThreshold: 101}, "typed-threshold"},
		{Options{Require: RequireTypedModules, TypedThreshold: -1}, "typed-threshold"},
	} {
		key, err := check(&c.opts)
		if key != c.key || (err != nil) != (c.key != "") {
			t.Errorf("%+v: key %q err %v, want key %q", c.opts, key, err, c.key)
		}
	}
}
