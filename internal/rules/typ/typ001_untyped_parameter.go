package typ

import (
	"github.com/buttresspy/buttress/internal/analysis"
)

// UntypedParameter reports parameters without an annotation (self and cls exempt).
var UntypedParameter = &analysis.Rule{
	Code: "TYP001", Name: "untyped-parameter", Default: true,
	Equivalents: []string{"ANN001", "ANN002", "ANN003"},
	Summary:     "A parameter without a type annotation (`self` and `cls` exempt)",
	Rationale: "An unannotated parameter is an implied type: callers guess, type checkers give up " +
		"(it is Any), and the day its meaning changes nothing notices. Annotate it; start with the " +
		"public functions of your boundary layers (options public-only and modules).",
	Bad:     "def paginate(items, page, size):\n    ...\n",
	Good:    "def paginate(items: Sequence[T], page: int, size: int) -> Page[T]:\n    ...\n",
	Options: &Options{},
	Run: func(p *analysis.Pass) {
		o := options(p)
		functions(p.Tree, func(f function) {
			if !applies(o, p.Module, f) {
				return
			}
			for _, a := range params(f) {
				if a.Annotation == nil {
					p.Report(a, "parameter `%s` of `%s` has no type annotation", a.Arg, f.name)
				}
			}
		})
	},
}
