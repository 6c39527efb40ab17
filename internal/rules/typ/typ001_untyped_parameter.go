package typ

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// UntypedParameter reports parameters without an annotation (self and cls exempt).
var UntypedParameter = &analysis.Rule{
	Code: "TYP001", Name: "untyped-parameter", Default: true,
	Equivalents: []string{"ANN001", "ANN002", "ANN003"},
	Precision:   "84% (21 of 25 sampled findings judged right, on the 3.11 standard library and site-packages; testdata/precision/TYP001.md in the source)",
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "A parameter without a type annotation, in a function annotated in part or in a typed module",
	Rationale: "An unannotated parameter is an implied type: callers guess, type checkers give up " +
		"(it is Any), and the day its meaning changes nothing notices. By default this reports the " +
		"parameters missing from functions that are annotated in part, and every unannotated " +
		"parameter of a typed module (80% of it annotated, or named in typed-modules); " +
		"require = \"all\" reports every one. `self` and `cls` are exempt. Annotate it; start with the " +
		"public functions of your boundary layers (options public-only and modules).",
	Bad:     "def paginate(items: list[Item], page, size):\n    ...\n",
	Good:    "def paginate(items: list[Item], page: int, size: int) -> Page[Item]:\n    ...\n",
	Options: defaultOptions(),
	Check:   check,
	Run: func(p *analysis.Pass) {
		var buf []*ast.Arg
		checked(p, func(f *function) {
			buf = params(f, buf)
			for _, a := range buf {
				if a.Annotation == nil {
					p.Report(a, "parameter `%s` of `%s` has no type annotation", a.Arg, f.name)
				}
			}
		})
	},
}
