package ast

// Inspect traverses the tree rooted at n in depth-first order, calling f for each node
// (statements, expressions, patterns, type parameters and the helper nodes such as Arguments
// and Keyword). When f returns false, the children of that node are skipped.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch x := n.(type) {
	case *Module:
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.TypeIgnores {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Arguments:
		for _, c := range x.PosOnlyArgs {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Args {
			if c != nil {
				Inspect(c, f)
			}
		}
		if x.Vararg != nil {
			Inspect(x.Vararg, f)
		}
		for _, c := range x.KwOnlyArgs {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.KwDefaults {
			if c != nil {
				Inspect(c, f)
			}
		}
		if x.Kwarg != nil {
			Inspect(x.Kwarg, f)
		}
		for _, c := range x.Defaults {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Arg:
		if x.Annotation != nil {
			Inspect(x.Annotation, f)
		}
	case *Keyword:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *WithItem:
		if x.ContextExpr != nil {
			Inspect(x.ContextExpr, f)
		}
		if x.OptionalVars != nil {
			Inspect(x.OptionalVars, f)
		}
	case *Comprehension:
		if x.Target != nil {
			Inspect(x.Target, f)
		}
		if x.Iter != nil {
			Inspect(x.Iter, f)
		}
		for _, c := range x.Ifs {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *ExceptHandler:
		if x.Type != nil {
			Inspect(x.Type, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *MatchCase:
		if x.Pattern != nil {
			Inspect(x.Pattern, f)
		}
		if x.Guard != nil {
			Inspect(x.Guard, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *FunctionDef:
		if x.Args != nil {
			Inspect(x.Args, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.DecoratorList {
			if c != nil {
				Inspect(c, f)
			}
		}
		if x.Returns != nil {
			Inspect(x.Returns, f)
		}
		for _, c := range x.TypeParams {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *AsyncFunctionDef:
		if x.Args != nil {
			Inspect(x.Args, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.DecoratorList {
			if c != nil {
				Inspect(c, f)
			}
		}
		if x.Returns != nil {
			Inspect(x.Returns, f)
		}
		for _, c := range x.TypeParams {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *ClassDef:
		for _, c := range x.Bases {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Keywords {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.DecoratorList {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.TypeParams {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Return:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *Delete:
		for _, c := range x.Targets {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Assign:
		for _, c := range x.Targets {
			if c != nil {
				Inspect(c, f)
			}
		}
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *TypeAlias:
		if x.Name != nil {
			Inspect(x.Name, f)
		}
		for _, c := range x.TypeParams {
			if c != nil {
				Inspect(c, f)
			}
		}
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *AugAssign:
		if x.Target != nil {
			Inspect(x.Target, f)
		}
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *AnnAssign:
		if x.Target != nil {
			Inspect(x.Target, f)
		}
		if x.Annotation != nil {
			Inspect(x.Annotation, f)
		}
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *For:
		if x.Target != nil {
			Inspect(x.Target, f)
		}
		if x.Iter != nil {
			Inspect(x.Iter, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *AsyncFor:
		if x.Target != nil {
			Inspect(x.Target, f)
		}
		if x.Iter != nil {
			Inspect(x.Iter, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *While:
		if x.Test != nil {
			Inspect(x.Test, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *If:
		if x.Test != nil {
			Inspect(x.Test, f)
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *With:
		for _, c := range x.Items {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *AsyncWith:
		for _, c := range x.Items {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Match:
		if x.Subject != nil {
			Inspect(x.Subject, f)
		}
		for _, c := range x.Cases {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Raise:
		if x.Exc != nil {
			Inspect(x.Exc, f)
		}
		if x.Cause != nil {
			Inspect(x.Cause, f)
		}
	case *Try:
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Handlers {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Finalbody {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *TryStar:
		for _, c := range x.Body {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Handlers {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Orelse {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Finalbody {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Assert:
		if x.Test != nil {
			Inspect(x.Test, f)
		}
		if x.Msg != nil {
			Inspect(x.Msg, f)
		}
	case *Import:
		for _, c := range x.Names {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *ImportFrom:
		for _, c := range x.Names {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *ExprStmt:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *BoolOp:
		for _, c := range x.Values {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *NamedExpr:
		if x.Target != nil {
			Inspect(x.Target, f)
		}
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *BinOp:
		if x.Left != nil {
			Inspect(x.Left, f)
		}
		if x.Right != nil {
			Inspect(x.Right, f)
		}
	case *UnaryOp:
		if x.Operand != nil {
			Inspect(x.Operand, f)
		}
	case *Lambda:
		if x.Args != nil {
			Inspect(x.Args, f)
		}
		if x.Body != nil {
			Inspect(x.Body, f)
		}
	case *IfExp:
		if x.Test != nil {
			Inspect(x.Test, f)
		}
		if x.Body != nil {
			Inspect(x.Body, f)
		}
		if x.Orelse != nil {
			Inspect(x.Orelse, f)
		}
	case *Dict:
		for _, c := range x.Keys {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Values {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Set:
		for _, c := range x.Elts {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *ListComp:
		if x.Elt != nil {
			Inspect(x.Elt, f)
		}
		for _, c := range x.Generators {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *SetComp:
		if x.Elt != nil {
			Inspect(x.Elt, f)
		}
		for _, c := range x.Generators {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *DictComp:
		if x.Key != nil {
			Inspect(x.Key, f)
		}
		if x.Value != nil {
			Inspect(x.Value, f)
		}
		for _, c := range x.Generators {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *GeneratorExp:
		if x.Elt != nil {
			Inspect(x.Elt, f)
		}
		for _, c := range x.Generators {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Await:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *Yield:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *YieldFrom:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *Compare:
		if x.Left != nil {
			Inspect(x.Left, f)
		}
		for _, c := range x.Comparators {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Call:
		if x.Func != nil {
			Inspect(x.Func, f)
		}
		for _, c := range x.Args {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Keywords {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *FormattedValue:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
		if x.FormatSpec != nil {
			Inspect(x.FormatSpec, f)
		}
	case *Interpolation:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
		if x.FormatSpec != nil {
			Inspect(x.FormatSpec, f)
		}
	case *JoinedStr:
		for _, c := range x.Values {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *TemplateStr:
		for _, c := range x.Values {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Attribute:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *Subscript:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
		if x.Slice != nil {
			Inspect(x.Slice, f)
		}
	case *Starred:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *List:
		for _, c := range x.Elts {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Tuple:
		for _, c := range x.Elts {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *Slice:
		if x.Lower != nil {
			Inspect(x.Lower, f)
		}
		if x.Upper != nil {
			Inspect(x.Upper, f)
		}
		if x.Step != nil {
			Inspect(x.Step, f)
		}
	case *MatchValue:
		if x.Value != nil {
			Inspect(x.Value, f)
		}
	case *MatchSequence:
		for _, c := range x.Patterns {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *MatchMapping:
		for _, c := range x.Keys {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.Patterns {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *MatchClass:
		if x.Cls != nil {
			Inspect(x.Cls, f)
		}
		for _, c := range x.Patterns {
			if c != nil {
				Inspect(c, f)
			}
		}
		for _, c := range x.KwdPatterns {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *MatchAs:
		if x.Pattern != nil {
			Inspect(x.Pattern, f)
		}
	case *MatchOr:
		for _, c := range x.Patterns {
			if c != nil {
				Inspect(c, f)
			}
		}
	case *TypeVar:
		if x.Bound != nil {
			Inspect(x.Bound, f)
		}
		if x.DefaultValue != nil {
			Inspect(x.DefaultValue, f)
		}
	case *ParamSpec:
		if x.DefaultValue != nil {
			Inspect(x.DefaultValue, f)
		}
	case *TypeVarTuple:
		if x.DefaultValue != nil {
			Inspect(x.DefaultValue, f)
		}
	}
}

// Blocks calls fn with each list of statements directly inside s, in source order: the body
// of a def or class, the bodies and else blocks of if, for, while, with and try statements,
// their except handlers and finally blocks, and the cases of a match. A simple statement
// has none.
func Blocks(s Stmt, fn func([]Stmt)) {
	switch x := s.(type) {
	case *FunctionDef:
		fn(x.Body)
	case *AsyncFunctionDef:
		fn(x.Body)
	case *ClassDef:
		fn(x.Body)
	case *If:
		fn(x.Body)
		fn(x.Orelse)
	case *For:
		fn(x.Body)
		fn(x.Orelse)
	case *AsyncFor:
		fn(x.Body)
		fn(x.Orelse)
	case *While:
		fn(x.Body)
		fn(x.Orelse)
	case *With:
		fn(x.Body)
	case *AsyncWith:
		fn(x.Body)
	case *Try:
		fn(x.Body)
		for _, h := range x.Handlers {
			if h != nil {
				fn(h.Body)
			}
		}
		fn(x.Orelse)
		fn(x.Finalbody)
	case *TryStar:
		fn(x.Body)
		for _, h := range x.Handlers {
			if h != nil {
				fn(h.Body)
			}
		}
		fn(x.Orelse)
		fn(x.Finalbody)
	case *Match:
		for _, c := range x.Cases {
			if c != nil {
				fn(c.Body)
			}
		}
	}
}

// InspectScope walks n as Inspect does, but does not go into the functions, lambdas and
// classes defined in it (nor hand them to f): their bodies run later, if ever, so they are
// not part of what n does when it runs.
func InspectScope(n Node, f func(Node) bool) {
	Inspect(n, func(x Node) bool {
		switch x.(type) {
		case *FunctionDef, *AsyncFunctionDef, *Lambda, *ClassDef:
			return false
		}
		return f(x)
	})
}
