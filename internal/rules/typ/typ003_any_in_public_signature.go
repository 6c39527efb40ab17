package typ

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// AnyInPublicSignature reports a parameter or return of a public function annotated `Any`.
var AnyInPublicSignature = &analysis.Rule{
	Code: "TYP003", Name: "any-in-public-signature",
	Equivalents: []string{"ANN401"},
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "A parameter or return of a public function annotated `Any`",
	Rationale: "`Any` as the type of a parameter or return switches type checking off at a boundary " +
		"that other teams call: whatever they pass is accepted, whatever you return is trusted. Use " +
		"the real type, a Protocol, a TypeVar, or `object` when any value really is fine. `Any` " +
		"inside another type (`dict[str, Any]` for decoded JSON) and `*args: Any`, `**kwargs: Any` " +
		"(arguments passed through) are not reported. " +
		"Off by default: `Any` is often the honest type at a boundary (a decoded JSON value, a visitor's result), so a finding is a question, not a defect; select it for the modules whose signatures must be precise (option modules).",
	Bad:     "def set(self, key: str, value: Any) -> None:\n    ...\n",
	Good:    "def set(self, key: str, value: bytes | str) -> None:\n    ...\n",
	Options: defaultOptions(),
	Check:   check,
	Run: func(p *analysis.Pass) {
		o := options(p)
		var buf []*ast.Arg
		funcs := moduleOf(p, o.TypedThreshold).funcs
		for i := range funcs {
			f := &funcs[i]
			if !f.public || !applies(o, p.Module, f) {
				continue
			}
			buf = params(f, buf)
			for _, a := range buf {
				if a == f.args.Vararg || a == f.args.Kwarg {
					continue
				}
				if isAny(a.Annotation) {
					p.Report(a.Annotation, "parameter `%s` of public `%s` is annotated `Any`: use a precise type, a Protocol or `object`", a.Arg, f.name)
				}
			}
			if isAny(f.returns) {
				p.Report(f.returns, "the return of public `%s` is annotated `Any`: use a precise type", f.name)
			}
		}
	},
}

// isAny reports whether an annotation is `Any` itself: `Any`, `typing.Any` or the string
// "Any".
func isAny(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Name:
		return x.ID == "Any"
	case *ast.Attribute:
		return x.Attr == "Any"
	case *ast.Constant:
		return x.Value.Kind == ast.ConstStr && x.Value.Str == "Any"
	}
	return false
}
