package typ

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// AnyInPublicSignature reports `Any` in the annotations of public functions.
var AnyInPublicSignature = &analysis.Rule{
	Code: "TYP003", Name: "any-in-public-signature", Default: true,
	Equivalents: []string{"ANN401"},
	Summary:     "`Any` in the signature of a public function",
	Rationale: "`Any` in a public signature switches type checking off at a boundary that other " +
		"teams call: whatever they pass is accepted, whatever you return is trusted. Use the real " +
		"type, a Protocol, a TypeVar, or `object` when any value really is fine.",
	Bad:     "def set(self, key: str, value: Any) -> None:\n    ...\n",
	Good:    "def set(self, key: str, value: bytes | str) -> None:\n    ...\n",
	Options: &Options{},
	Run: func(p *analysis.Pass) {
		o := options(p)
		functions(p.Tree, func(f function) {
			if !f.public || !applies(o, p.Module, f) {
				return
			}
			for _, a := range params(f) {
				if a.Annotation != nil {
					if n := findAny(a.Annotation); n != nil {
						p.Report(n, "`Any` in the annotation of parameter `%s` of public `%s`: use a precise type, a Protocol or `object`", a.Arg, f.name)
					}
				}
			}
			if f.returns != nil {
				if n := findAny(f.returns); n != nil {
					p.Report(n, "`Any` in the return annotation of public `%s`: use a precise type", f.name)
				}
			}
		})
	},
}

// findAny returns the first `Any` (or `typing.Any`) inside an annotation.
func findAny(e ast.Expr) ast.Node {
	var found ast.Node
	ast.Inspect(e, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch x := n.(type) {
		case *ast.Name:
			if x.ID == "Any" {
				found = x
			}
		case *ast.Attribute:
			if x.Attr == "Any" {
				found = x
				return false
			}
		}
		return true
	})
	return found
}
