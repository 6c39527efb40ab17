package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// MutableDefault reports mutable default argument values.
var MutableDefault = &analysis.Rule{
	Code: "PAT003", Name: "mutable-default", Default: true,
	NotIn:       analysis.Generated,
	Equivalents: []string{"B006"},
	Summary:     "A mutable default argument (`[]`, `{}`, `set()`, ...)",
	Rationale: "A default value is built once, when the function is defined, and shared by every " +
		"call: appending to it in one call changes it for all the next ones. Default to None and " +
		"create the value inside the function.",
	Bad:  "def add(item, into=[]):\n    into.append(item)\n    return into\n",
	Good: "def add(item, into=None):\n    into = [] if into is None else into\n    into.append(item)\n    return into\n",
	Run: func(p *analysis.Pass) {
		ast.Inspect(p.Tree, func(n ast.Node) bool {
			var args *ast.Arguments
			switch f := n.(type) {
			case *ast.FunctionDef:
				args = f.Args
			case *ast.AsyncFunctionDef:
				args = f.Args
			case *ast.Lambda:
				args = f.Args
			default:
				return true
			}
			for _, d := range append(append([]ast.Expr{}, args.Defaults...), args.KwDefaults...) {
				if d != nil && mutable(d) {
					p.Report(d, "mutable default value is shared by every call: default to None and build it inside the function")
				}
			}
			return true
		})
	},
}

func mutable(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.List, *ast.Dict, *ast.Set, *ast.ListComp, *ast.DictComp, *ast.SetComp:
		return true
	case *ast.Call:
		switch name(x.Func) {
		case "list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque":
			return true
		}
	}
	return false
}
