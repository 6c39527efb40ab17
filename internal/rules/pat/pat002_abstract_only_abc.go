package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/metrics"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// AbstractOnlyABC reports ABCs whose methods are all abstract and that hold no state.
var AbstractOnlyABC = &analysis.Rule{
	Code: "PAT002", Name: "abstract-only-abc",
	NotIn:   analysis.Generated,
	Summary: "An ABC with only abstract methods and no state (consider `typing.Protocol`)",
	Rationale: "An abstract base class with nothing but abstract methods is an interface that " +
		"forces inheritance on every implementation. `typing.Protocol` states the same contract " +
		"structurally: implementations need not import or subclass it, and type checkers still " +
		"verify them. " +
		"Off by default: an ABC with only abstract methods is often deliberate (implementations registered with it, isinstance checks), as in cryptography's key interfaces.",
	Bad:   "class Notifier(ABC):\n    @abstractmethod\n    def send(self, msg: str) -> None: ...\n",
	Good:  "class Notifier(Protocol):\n    def send(self, msg: str) -> None: ...\n",
	Nodes: []ast.Node{(*ast.ClassDef)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		c, ok := n.(*ast.ClassDef)
		if !ok {
			return true
		}
		if !isABC(c) {
			return true
		}
		methods := 0
		for i, s := range c.Body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				if !metrics.IsAbstractMethod(x.DecoratorList) {
					return true
				}
				methods++
			case *ast.AsyncFunctionDef:
				if !metrics.IsAbstractMethod(x.DecoratorList) {
					return true
				}
				methods++
			case *ast.Pass:
			case *ast.ExprStmt:
				// A docstring first, or `...`: no state.
				k, ok := x.Value.(*ast.Constant)
				if !ok || !(k.Value.Kind == ast.ConstEllipsis || i == 0 && k.Value.Kind == ast.ConstStr) {
					return true
				}
			default:
				return true // state, nested classes, anything else: a real base class
			}
		}
		if methods > 0 {
			p.ReportRange(c.Pos(), c.Pos()+len("class ")+len(c.Name), "`"+c.Name+"` is an ABC with only abstract methods and no state: consider typing.Protocol")
		}
		return true
	},
}

func isABC(c *ast.ClassDef) bool {
	for _, b := range c.Bases {
		if ast.LastName(b) == "ABC" {
			return true
		}
	}
	for _, k := range c.Keywords {
		if k.Arg != nil && *k.Arg == "metaclass" && ast.LastName(k.Value) == "ABCMeta" {
			return true
		}
	}
	return false
}
