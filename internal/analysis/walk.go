package analysis

import "github.com/buttresspy/buttress/internal/python/ast"

// node walks the tree rooted at n in ast.Inspect's order, handing each node to w.at with its
// kind: one type switch a node both numbers it and finds its children, where ast.Inspect's
// switch, a call through its callback and kindOf's switch were three.
func (w *walker) node(n ast.Node) {
	if x, ok := n.(*ast.Name); ok { // the most common node, and a leaf: no switch
		w.at(63, x)
		return
	}
	switch x := n.(type) {
	case *ast.Module:
		w.at(0, x)
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.TypeIgnores {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Arguments:
		w.at(2, x)
		for _, c := range x.PosOnlyArgs {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Args {
			if c != nil {
				w.node(c)
			}
		}
		if x.Vararg != nil {
			w.node(x.Vararg)
		}
		for _, c := range x.KwOnlyArgs {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.KwDefaults {
			if c != nil {
				w.node(c)
			}
		}
		if x.Kwarg != nil {
			w.node(x.Kwarg)
		}
		for _, c := range x.Defaults {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Arg:
		w.at(3, x)
		if x.Annotation != nil {
			w.node(x.Annotation)
		}
	case *ast.Keyword:
		w.at(4, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.WithItem:
		w.at(6, x)
		if x.ContextExpr != nil {
			w.node(x.ContextExpr)
		}
		if x.OptionalVars != nil {
			w.node(x.OptionalVars)
		}
	case *ast.Comprehension:
		w.at(7, x)
		if x.Target != nil {
			w.node(x.Target)
		}
		if x.Iter != nil {
			w.node(x.Iter)
		}
		for _, c := range x.Ifs {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.ExceptHandler:
		w.at(8, x)
		if x.Type != nil {
			w.node(x.Type)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.MatchCase:
		w.at(9, x)
		if x.Pattern != nil {
			w.node(x.Pattern)
		}
		if x.Guard != nil {
			w.node(x.Guard)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.FunctionDef:
		w.at(10, x)
		if x.Args != nil {
			w.node(x.Args)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.DecoratorList {
			if c != nil {
				w.node(c)
			}
		}
		if x.Returns != nil {
			w.node(x.Returns)
		}
		for _, c := range x.TypeParams {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.AsyncFunctionDef:
		w.at(11, x)
		if x.Args != nil {
			w.node(x.Args)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.DecoratorList {
			if c != nil {
				w.node(c)
			}
		}
		if x.Returns != nil {
			w.node(x.Returns)
		}
		for _, c := range x.TypeParams {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.ClassDef:
		w.at(12, x)
		for _, c := range x.Bases {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Keywords {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.DecoratorList {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.TypeParams {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Return:
		w.at(13, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.Delete:
		w.at(14, x)
		for _, c := range x.Targets {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Assign:
		w.at(15, x)
		for _, c := range x.Targets {
			if c != nil {
				w.node(c)
			}
		}
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.TypeAlias:
		w.at(16, x)
		if x.Name != nil {
			w.node(x.Name)
		}
		for _, c := range x.TypeParams {
			if c != nil {
				w.node(c)
			}
		}
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.AugAssign:
		w.at(17, x)
		if x.Target != nil {
			w.node(x.Target)
		}
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.AnnAssign:
		w.at(18, x)
		if x.Target != nil {
			w.node(x.Target)
		}
		if x.Annotation != nil {
			w.node(x.Annotation)
		}
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.For:
		w.at(19, x)
		if x.Target != nil {
			w.node(x.Target)
		}
		if x.Iter != nil {
			w.node(x.Iter)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.AsyncFor:
		w.at(20, x)
		if x.Target != nil {
			w.node(x.Target)
		}
		if x.Iter != nil {
			w.node(x.Iter)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.While:
		w.at(21, x)
		if x.Test != nil {
			w.node(x.Test)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.If:
		w.at(22, x)
		if x.Test != nil {
			w.node(x.Test)
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.With:
		w.at(23, x)
		for _, c := range x.Items {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.AsyncWith:
		w.at(24, x)
		for _, c := range x.Items {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Match:
		w.at(25, x)
		if x.Subject != nil {
			w.node(x.Subject)
		}
		for _, c := range x.Cases {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Raise:
		w.at(26, x)
		if x.Exc != nil {
			w.node(x.Exc)
		}
		if x.Cause != nil {
			w.node(x.Cause)
		}
	case *ast.Try:
		w.at(27, x)
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Handlers {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Finalbody {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.TryStar:
		w.at(28, x)
		for _, c := range x.Body {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Handlers {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Finalbody {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Assert:
		w.at(29, x)
		if x.Test != nil {
			w.node(x.Test)
		}
		if x.Msg != nil {
			w.node(x.Msg)
		}
	case *ast.Import:
		w.at(30, x)
		for _, c := range x.Names {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.ImportFrom:
		w.at(31, x)
		for _, c := range x.Names {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.ExprStmt:
		w.at(34, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.BoolOp:
		w.at(38, x)
		for _, c := range x.Values {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.NamedExpr:
		w.at(39, x)
		if x.Target != nil {
			w.node(x.Target)
		}
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.BinOp:
		w.at(40, x)
		if x.Left != nil {
			w.node(x.Left)
		}
		if x.Right != nil {
			w.node(x.Right)
		}
	case *ast.UnaryOp:
		w.at(41, x)
		if x.Operand != nil {
			w.node(x.Operand)
		}
	case *ast.Lambda:
		w.at(42, x)
		if x.Args != nil {
			w.node(x.Args)
		}
		if x.Body != nil {
			w.node(x.Body)
		}
	case *ast.IfExp:
		w.at(43, x)
		if x.Test != nil {
			w.node(x.Test)
		}
		if x.Body != nil {
			w.node(x.Body)
		}
		if x.Orelse != nil {
			w.node(x.Orelse)
		}
	case *ast.Dict:
		w.at(44, x)
		for _, c := range x.Keys {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Values {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Set:
		w.at(45, x)
		for _, c := range x.Elts {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.ListComp:
		w.at(46, x)
		if x.Elt != nil {
			w.node(x.Elt)
		}
		for _, c := range x.Generators {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.SetComp:
		w.at(47, x)
		if x.Elt != nil {
			w.node(x.Elt)
		}
		for _, c := range x.Generators {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.DictComp:
		w.at(48, x)
		if x.Key != nil {
			w.node(x.Key)
		}
		if x.Value != nil {
			w.node(x.Value)
		}
		for _, c := range x.Generators {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.GeneratorExp:
		w.at(49, x)
		if x.Elt != nil {
			w.node(x.Elt)
		}
		for _, c := range x.Generators {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Await:
		w.at(50, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.Yield:
		w.at(51, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.YieldFrom:
		w.at(52, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.Compare:
		w.at(53, x)
		if x.Left != nil {
			w.node(x.Left)
		}
		for _, c := range x.Comparators {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Call:
		w.at(54, x)
		if x.Func != nil {
			w.node(x.Func)
		}
		for _, c := range x.Args {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Keywords {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.FormattedValue:
		w.at(55, x)
		if x.Value != nil {
			w.node(x.Value)
		}
		if x.FormatSpec != nil {
			w.node(x.FormatSpec)
		}
	case *ast.Interpolation:
		w.at(56, x)
		if x.Value != nil {
			w.node(x.Value)
		}
		if x.FormatSpec != nil {
			w.node(x.FormatSpec)
		}
	case *ast.JoinedStr:
		w.at(57, x)
		for _, c := range x.Values {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.TemplateStr:
		w.at(58, x)
		for _, c := range x.Values {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Attribute:
		w.at(60, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.Subscript:
		w.at(61, x)
		if x.Value != nil {
			w.node(x.Value)
		}
		if x.Slice != nil {
			w.node(x.Slice)
		}
	case *ast.Starred:
		w.at(62, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.List:
		w.at(64, x)
		for _, c := range x.Elts {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Tuple:
		w.at(65, x)
		for _, c := range x.Elts {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.Slice:
		w.at(66, x)
		if x.Lower != nil {
			w.node(x.Lower)
		}
		if x.Upper != nil {
			w.node(x.Upper)
		}
		if x.Step != nil {
			w.node(x.Step)
		}
	case *ast.MatchValue:
		w.at(67, x)
		if x.Value != nil {
			w.node(x.Value)
		}
	case *ast.MatchSequence:
		w.at(69, x)
		for _, c := range x.Patterns {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.MatchMapping:
		w.at(70, x)
		for _, c := range x.Keys {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.Patterns {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.MatchClass:
		w.at(71, x)
		if x.Cls != nil {
			w.node(x.Cls)
		}
		for _, c := range x.Patterns {
			if c != nil {
				w.node(c)
			}
		}
		for _, c := range x.KwdPatterns {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.MatchAs:
		w.at(73, x)
		if x.Pattern != nil {
			w.node(x.Pattern)
		}
	case *ast.MatchOr:
		w.at(74, x)
		for _, c := range x.Patterns {
			if c != nil {
				w.node(c)
			}
		}
	case *ast.TypeVar:
		w.at(75, x)
		if x.Bound != nil {
			w.node(x.Bound)
		}
		if x.DefaultValue != nil {
			w.node(x.DefaultValue)
		}
	case *ast.ParamSpec:
		w.at(76, x)
		if x.DefaultValue != nil {
			w.node(x.DefaultValue)
		}
	case *ast.TypeVarTuple:
		w.at(77, x)
		if x.DefaultValue != nil {
			w.node(x.DefaultValue)
		}
	case *ast.TypeIgnore:
		w.at(1, x)
	case *ast.Alias:
		w.at(5, x)
	case *ast.Global:
		w.at(32, x)
	case *ast.Nonlocal:
		w.at(33, x)
	case *ast.Pass:
		w.at(35, x)
	case *ast.Break:
		w.at(36, x)
	case *ast.Continue:
		w.at(37, x)
	case *ast.Constant:
		w.at(59, x)
	case *ast.Name:
		w.at(63, x)
	case *ast.MatchSingleton:
		w.at(68, x)
	case *ast.MatchStar:
		w.at(72, x)
	default:
		if n != nil {
			w.other(n)
		}
	}
}
