package summary

import (
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
)

// dunderAll returns the names a module lists in __all__, when every statement at its top
// level that sets __all__ is a literal: `__all__ = [...]` or `(...)` (also annotated),
// `__all__ += [...]`, `__all__.extend([...])` and `__all__.append("x")`. ok is false when
// the module does not set __all__ or sets it in a way that cannot be read without running it.
func dunderAll(mod *ast.Module) (names []string, ok bool) {
	if mod == nil {
		return nil, false
	}
	isAll := func(e ast.Expr) bool {
		n, isName := e.(*ast.Name)
		return isName && n.ID == "__all__"
	}
	set := false
	for _, s := range mod.Body {
		switch s := s.(type) {
		case *ast.Assign:
			for _, t := range s.Targets {
				if isAll(t) {
					l, lit := ast.StringList(s.Value)
					if !lit {
						return nil, false
					}
					names, set = l, true
				}
			}
		case *ast.AnnAssign:
			if isAll(s.Target) && s.Value != nil {
				l, lit := ast.StringList(s.Value)
				if !lit {
					return nil, false
				}
				names, set = l, true
			}
		case *ast.AugAssign:
			if isAll(s.Target) {
				l, lit := ast.StringList(s.Value)
				if !lit || !set {
					return nil, false
				}
				names = append(names, l...)
			}
		case *ast.ExprStmt:
			call, isCall := s.Value.(*ast.Call)
			if !isCall {
				continue
			}
			attr, isAttr := call.Func.(*ast.Attribute)
			if !isAttr || !isAll(attr.Value) || len(call.Args) != 1 || !set {
				continue
			}
			switch attr.Attr {
			case "extend":
				l, lit := ast.StringList(call.Args[0])
				if !lit {
					return nil, false
				}
				names = append(names, l...)
			case "append":
				c, isConst := call.Args[0].(*ast.Constant)
				if !isConst || c.Value.Kind != ast.ConstStr {
					return nil, false
				}
				names = append(names, c.Value.Str)
			}
		}
	}
	for i := range names {
		names[i] = strings.Clone(names[i]) // the summary outlives the source
	}
	return names, set
}
