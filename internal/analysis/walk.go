package analysis

import "github.com/buttresspy/buttress/internal/python/ast"

// The walk of the rules: ast.Inspect's order, written out by node type. A child whose type the
// tree gives (an *ast.Arg) is visited by its own method; one that is an interface (ast.Expr,
// ast.Stmt) by a type switch over that interface's types alone: no conversion of an Expr to
// a Node (a look-up of its itab, 80 instructions) for every child, nor a switch over every
// kind of node. TestWalkOrder checks the order against ast.Inspect's.

// node walks the tree rooted at n: a statement, an expression, a pattern or a type parameter
// by the switch over its interface's types, any other node by its own method.
func (w *walker) node(n ast.Node) {
	switch x := n.(type) {
	case ast.Stmt:
		w.stmt(x)
	case ast.Expr:
		w.expr(x)
	case ast.Pattern:
		w.pattern(x)
	case ast.TypeParam:
		w.typeParam(x)
	case *ast.Module:
		w.visitModule(x)
	case *ast.TypeIgnore:
		w.visitTypeIgnore(x)
	case *ast.Arguments:
		w.visitArguments(x)
	case *ast.Arg:
		w.visitArg(x)
	case *ast.Keyword:
		w.visitKeyword(x)
	case *ast.Alias:
		w.visitAlias(x)
	case *ast.WithItem:
		w.visitWithItem(x)
	case *ast.Comprehension:
		w.visitComprehension(x)
	case *ast.ExceptHandler:
		w.visitExceptHandler(x)
	case *ast.MatchCase:
		w.visitMatchCase(x)
	default:
		if n != nil {
			w.other(n)
		}
	}
}

func (w *walker) expr(e ast.Expr) {
	if x, ok := e.(*ast.Name); ok { // the most common node: no switch
		w.visitName(x)
		return
	}
	switch x := e.(type) {
	case *ast.BoolOp:
		w.visitBoolOp(x)
	case *ast.NamedExpr:
		w.visitNamedExpr(x)
	case *ast.BinOp:
		w.visitBinOp(x)
	case *ast.UnaryOp:
		w.visitUnaryOp(x)
	case *ast.Lambda:
		w.visitLambda(x)
	case *ast.IfExp:
		w.visitIfExp(x)
	case *ast.Dict:
		w.visitDict(x)
	case *ast.Set:
		w.visitSet(x)
	case *ast.ListComp:
		w.visitListComp(x)
	case *ast.SetComp:
		w.visitSetComp(x)
	case *ast.DictComp:
		w.visitDictComp(x)
	case *ast.GeneratorExp:
		w.visitGeneratorExp(x)
	case *ast.Await:
		w.visitAwait(x)
	case *ast.Yield:
		w.visitYield(x)
	case *ast.YieldFrom:
		w.visitYieldFrom(x)
	case *ast.Compare:
		w.visitCompare(x)
	case *ast.Call:
		w.visitCall(x)
	case *ast.FormattedValue:
		w.visitFormattedValue(x)
	case *ast.Interpolation:
		w.visitInterpolation(x)
	case *ast.JoinedStr:
		w.visitJoinedStr(x)
	case *ast.TemplateStr:
		w.visitTemplateStr(x)
	case *ast.Constant:
		w.visitConstant(x)
	case *ast.Attribute:
		w.visitAttribute(x)
	case *ast.Subscript:
		w.visitSubscript(x)
	case *ast.Starred:
		w.visitStarred(x)
	case *ast.List:
		w.visitList(x)
	case *ast.Tuple:
		w.visitTuple(x)
	case *ast.Slice:
		w.visitSlice(x)
	default:
		if e != nil {
			w.other(e)
		}
	}
}

func (w *walker) stmt(s ast.Stmt) {
	switch x := s.(type) {
	case *ast.FunctionDef:
		w.visitFunctionDef(x)
	case *ast.AsyncFunctionDef:
		w.visitAsyncFunctionDef(x)
	case *ast.ClassDef:
		w.visitClassDef(x)
	case *ast.Return:
		w.visitReturn(x)
	case *ast.Delete:
		w.visitDelete(x)
	case *ast.Assign:
		w.visitAssign(x)
	case *ast.TypeAlias:
		w.visitTypeAlias(x)
	case *ast.AugAssign:
		w.visitAugAssign(x)
	case *ast.AnnAssign:
		w.visitAnnAssign(x)
	case *ast.For:
		w.visitFor(x)
	case *ast.AsyncFor:
		w.visitAsyncFor(x)
	case *ast.While:
		w.visitWhile(x)
	case *ast.If:
		w.visitIf(x)
	case *ast.With:
		w.visitWith(x)
	case *ast.AsyncWith:
		w.visitAsyncWith(x)
	case *ast.Match:
		w.visitMatch(x)
	case *ast.Raise:
		w.visitRaise(x)
	case *ast.Try:
		w.visitTry(x)
	case *ast.TryStar:
		w.visitTryStar(x)
	case *ast.Assert:
		w.visitAssert(x)
	case *ast.Import:
		w.visitImport(x)
	case *ast.ImportFrom:
		w.visitImportFrom(x)
	case *ast.Global:
		w.visitGlobal(x)
	case *ast.Nonlocal:
		w.visitNonlocal(x)
	case *ast.ExprStmt:
		w.visitExprStmt(x)
	case *ast.Pass:
		w.visitPass(x)
	case *ast.Break:
		w.visitBreak(x)
	case *ast.Continue:
		w.visitContinue(x)
	default:
		if s != nil {
			w.other(s)
		}
	}
}

func (w *walker) pattern(p ast.Pattern) {
	switch x := p.(type) {
	case *ast.MatchValue:
		w.visitMatchValue(x)
	case *ast.MatchSingleton:
		w.visitMatchSingleton(x)
	case *ast.MatchSequence:
		w.visitMatchSequence(x)
	case *ast.MatchMapping:
		w.visitMatchMapping(x)
	case *ast.MatchClass:
		w.visitMatchClass(x)
	case *ast.MatchStar:
		w.visitMatchStar(x)
	case *ast.MatchAs:
		w.visitMatchAs(x)
	case *ast.MatchOr:
		w.visitMatchOr(x)
	default:
		if p != nil {
			w.other(p)
		}
	}
}

func (w *walker) typeParam(t ast.TypeParam) {
	switch x := t.(type) {
	case *ast.TypeVar:
		w.visitTypeVar(x)
	case *ast.ParamSpec:
		w.visitParamSpec(x)
	case *ast.TypeVarTuple:
		w.visitTypeVarTuple(x)
	default:
		if t != nil {
			w.other(t)
		}
	}
}

func (w *walker) visitModule(x *ast.Module) {
	w.at(0, x)
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.TypeIgnores {
		if c != nil {
			w.visitTypeIgnore(c)
		}
	}
}

func (w *walker) visitTypeIgnore(x *ast.TypeIgnore) { w.at(1, x) }

func (w *walker) visitArguments(x *ast.Arguments) {
	w.at(2, x)
	for _, c := range x.PosOnlyArgs {
		if c != nil {
			w.visitArg(c)
		}
	}
	for _, c := range x.Args {
		if c != nil {
			w.visitArg(c)
		}
	}
	if x.Vararg != nil {
		w.visitArg(x.Vararg)
	}
	for _, c := range x.KwOnlyArgs {
		if c != nil {
			w.visitArg(c)
		}
	}
	for _, c := range x.KwDefaults {
		if c != nil {
			w.expr(c)
		}
	}
	if x.Kwarg != nil {
		w.visitArg(x.Kwarg)
	}
	for _, c := range x.Defaults {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitArg(x *ast.Arg) {
	w.at(3, x)
	if x.Annotation != nil {
		w.expr(x.Annotation)
	}
}

func (w *walker) visitKeyword(x *ast.Keyword) {
	w.at(4, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitAlias(x *ast.Alias) { w.at(5, x) }

func (w *walker) visitWithItem(x *ast.WithItem) {
	w.at(6, x)
	if x.ContextExpr != nil {
		w.expr(x.ContextExpr)
	}
	if x.OptionalVars != nil {
		w.expr(x.OptionalVars)
	}
}

func (w *walker) visitComprehension(x *ast.Comprehension) {
	w.at(7, x)
	if x.Target != nil {
		w.expr(x.Target)
	}
	if x.Iter != nil {
		w.expr(x.Iter)
	}
	for _, c := range x.Ifs {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitExceptHandler(x *ast.ExceptHandler) {
	if w.facts != nil {
		w.facts.VisitExceptHandler(x)
	}
	w.at(8, x)
	if x.Type != nil {
		w.expr(x.Type)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitMatchCase(x *ast.MatchCase) {
	w.at(9, x)
	if x.Pattern != nil {
		w.pattern(x.Pattern)
	}
	if x.Guard != nil {
		w.expr(x.Guard)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitFunctionDef(x *ast.FunctionDef) {
	if w.facts != nil {
		w.facts.VisitFunctionDef(x)
	}
	w.at(10, x)
	if x.Args != nil {
		w.visitArguments(x.Args)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.DecoratorList {
		if c != nil {
			w.expr(c)
		}
	}
	if x.Returns != nil {
		w.expr(x.Returns)
	}
	for _, c := range x.TypeParams {
		if c != nil {
			w.typeParam(c)
		}
	}
}

func (w *walker) visitAsyncFunctionDef(x *ast.AsyncFunctionDef) {
	if w.facts != nil {
		w.facts.VisitAsyncFunctionDef(x)
	}
	w.at(11, x)
	if x.Args != nil {
		w.visitArguments(x.Args)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.DecoratorList {
		if c != nil {
			w.expr(c)
		}
	}
	if x.Returns != nil {
		w.expr(x.Returns)
	}
	for _, c := range x.TypeParams {
		if c != nil {
			w.typeParam(c)
		}
	}
}

func (w *walker) visitClassDef(x *ast.ClassDef) {
	if w.facts != nil {
		w.facts.VisitClassDef(x)
	}
	w.at(12, x)
	for _, c := range x.Bases {
		if c != nil {
			w.expr(c)
		}
	}
	for _, c := range x.Keywords {
		if c != nil {
			w.visitKeyword(c)
		}
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.DecoratorList {
		if c != nil {
			w.expr(c)
		}
	}
	for _, c := range x.TypeParams {
		if c != nil {
			w.typeParam(c)
		}
	}
}

func (w *walker) visitReturn(x *ast.Return) {
	w.at(13, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitDelete(x *ast.Delete) {
	w.at(14, x)
	for _, c := range x.Targets {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitAssign(x *ast.Assign) {
	if w.facts != nil {
		w.facts.VisitAssign(x)
	}
	w.at(15, x)
	for _, c := range x.Targets {
		if c != nil {
			w.expr(c)
		}
	}
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitTypeAlias(x *ast.TypeAlias) {
	w.at(16, x)
	if x.Name != nil {
		w.expr(x.Name)
	}
	for _, c := range x.TypeParams {
		if c != nil {
			w.typeParam(c)
		}
	}
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitAugAssign(x *ast.AugAssign) {
	if w.facts != nil {
		w.facts.VisitAugAssign(x)
	}
	w.at(17, x)
	if x.Target != nil {
		w.expr(x.Target)
	}
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitAnnAssign(x *ast.AnnAssign) {
	w.at(18, x)
	if x.Target != nil {
		w.expr(x.Target)
	}
	if x.Annotation != nil {
		w.expr(x.Annotation)
	}
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitFor(x *ast.For) {
	w.at(19, x)
	if x.Target != nil {
		w.expr(x.Target)
	}
	if x.Iter != nil {
		w.expr(x.Iter)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Orelse {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitAsyncFor(x *ast.AsyncFor) {
	w.at(20, x)
	if x.Target != nil {
		w.expr(x.Target)
	}
	if x.Iter != nil {
		w.expr(x.Iter)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Orelse {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitWhile(x *ast.While) {
	w.at(21, x)
	if x.Test != nil {
		w.expr(x.Test)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Orelse {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitIf(x *ast.If) {
	if w.facts != nil {
		w.facts.VisitIf(x)
	}
	w.at(22, x)
	if x.Test != nil {
		w.expr(x.Test)
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Orelse {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitWith(x *ast.With) {
	w.at(23, x)
	for _, c := range x.Items {
		if c != nil {
			w.visitWithItem(c)
		}
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitAsyncWith(x *ast.AsyncWith) {
	w.at(24, x)
	for _, c := range x.Items {
		if c != nil {
			w.visitWithItem(c)
		}
	}
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitMatch(x *ast.Match) {
	w.at(25, x)
	if x.Subject != nil {
		w.expr(x.Subject)
	}
	for _, c := range x.Cases {
		if c != nil {
			w.visitMatchCase(c)
		}
	}
}

func (w *walker) visitRaise(x *ast.Raise) {
	w.at(26, x)
	if x.Exc != nil {
		w.expr(x.Exc)
	}
	if x.Cause != nil {
		w.expr(x.Cause)
	}
}

func (w *walker) visitTry(x *ast.Try) {
	w.at(27, x)
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Handlers {
		if c != nil {
			w.visitExceptHandler(c)
		}
	}
	for _, c := range x.Orelse {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Finalbody {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitTryStar(x *ast.TryStar) {
	w.at(28, x)
	for _, c := range x.Body {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Handlers {
		if c != nil {
			w.visitExceptHandler(c)
		}
	}
	for _, c := range x.Orelse {
		if c != nil {
			w.stmt(c)
		}
	}
	for _, c := range x.Finalbody {
		if c != nil {
			w.stmt(c)
		}
	}
}

func (w *walker) visitAssert(x *ast.Assert) {
	w.at(29, x)
	if x.Test != nil {
		w.expr(x.Test)
	}
	if x.Msg != nil {
		w.expr(x.Msg)
	}
}

func (w *walker) visitImport(x *ast.Import) {
	w.at(30, x)
	for _, c := range x.Names {
		if c != nil {
			w.visitAlias(c)
		}
	}
}

func (w *walker) visitImportFrom(x *ast.ImportFrom) {
	w.at(31, x)
	for _, c := range x.Names {
		if c != nil {
			w.visitAlias(c)
		}
	}
}

func (w *walker) visitGlobal(x *ast.Global) {
	if w.facts != nil {
		w.facts.VisitGlobal(x)
	}
	w.at(32, x)
}

func (w *walker) visitNonlocal(x *ast.Nonlocal) { w.at(33, x) }

func (w *walker) visitExprStmt(x *ast.ExprStmt) {
	w.at(34, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitPass(x *ast.Pass) { w.at(35, x) }

func (w *walker) visitBreak(x *ast.Break) { w.at(36, x) }

func (w *walker) visitContinue(x *ast.Continue) { w.at(37, x) }

func (w *walker) visitBoolOp(x *ast.BoolOp) {
	w.at(38, x)
	for _, c := range x.Values {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitNamedExpr(x *ast.NamedExpr) {
	w.at(39, x)
	if x.Target != nil {
		w.expr(x.Target)
	}
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitBinOp(x *ast.BinOp) {
	if w.facts != nil {
		w.facts.VisitBinOp(x)
	}
	w.at(40, x)
	if x.Left != nil {
		w.expr(x.Left)
	}
	if x.Right != nil {
		w.expr(x.Right)
	}
}

func (w *walker) visitUnaryOp(x *ast.UnaryOp) {
	w.at(41, x)
	if x.Operand != nil {
		w.expr(x.Operand)
	}
}

func (w *walker) visitLambda(x *ast.Lambda) {
	w.at(42, x)
	if x.Args != nil {
		w.visitArguments(x.Args)
	}
	if x.Body != nil {
		w.expr(x.Body)
	}
}

func (w *walker) visitIfExp(x *ast.IfExp) {
	w.at(43, x)
	if x.Test != nil {
		w.expr(x.Test)
	}
	if x.Body != nil {
		w.expr(x.Body)
	}
	if x.Orelse != nil {
		w.expr(x.Orelse)
	}
}

func (w *walker) visitDict(x *ast.Dict) {
	w.at(44, x)
	for _, c := range x.Keys {
		if c != nil {
			w.expr(c)
		}
	}
	for _, c := range x.Values {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitSet(x *ast.Set) {
	w.at(45, x)
	for _, c := range x.Elts {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitListComp(x *ast.ListComp) {
	w.at(46, x)
	if x.Elt != nil {
		w.expr(x.Elt)
	}
	for _, c := range x.Generators {
		if c != nil {
			w.visitComprehension(c)
		}
	}
}

func (w *walker) visitSetComp(x *ast.SetComp) {
	w.at(47, x)
	if x.Elt != nil {
		w.expr(x.Elt)
	}
	for _, c := range x.Generators {
		if c != nil {
			w.visitComprehension(c)
		}
	}
}

func (w *walker) visitDictComp(x *ast.DictComp) {
	w.at(48, x)
	if x.Key != nil {
		w.expr(x.Key)
	}
	if x.Value != nil {
		w.expr(x.Value)
	}
	for _, c := range x.Generators {
		if c != nil {
			w.visitComprehension(c)
		}
	}
}

func (w *walker) visitGeneratorExp(x *ast.GeneratorExp) {
	w.at(49, x)
	if x.Elt != nil {
		w.expr(x.Elt)
	}
	for _, c := range x.Generators {
		if c != nil {
			w.visitComprehension(c)
		}
	}
}

func (w *walker) visitAwait(x *ast.Await) {
	w.at(50, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitYield(x *ast.Yield) {
	w.at(51, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitYieldFrom(x *ast.YieldFrom) {
	w.at(52, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitCompare(x *ast.Compare) {
	if w.facts != nil {
		w.facts.VisitCompare(x)
	}
	w.at(53, x)
	if x.Left != nil {
		w.expr(x.Left)
	}
	for _, c := range x.Comparators {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitCall(x *ast.Call) {
	if w.facts != nil {
		w.facts.VisitCall(x)
	}
	w.at(54, x)
	if x.Func != nil {
		w.expr(x.Func)
	}
	for _, c := range x.Args {
		if c != nil {
			w.expr(c)
		}
	}
	for _, c := range x.Keywords {
		if c != nil {
			w.visitKeyword(c)
		}
	}
}

func (w *walker) visitFormattedValue(x *ast.FormattedValue) {
	w.at(55, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
	if x.FormatSpec != nil {
		w.expr(x.FormatSpec)
	}
}

func (w *walker) visitInterpolation(x *ast.Interpolation) {
	w.at(56, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
	if x.FormatSpec != nil {
		w.expr(x.FormatSpec)
	}
}

func (w *walker) visitJoinedStr(x *ast.JoinedStr) {
	if w.facts != nil {
		w.facts.VisitJoinedStr(x)
	}
	w.at(57, x)
	for _, c := range x.Values {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitTemplateStr(x *ast.TemplateStr) {
	w.at(58, x)
	for _, c := range x.Values {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitConstant(x *ast.Constant) {
	if w.facts != nil {
		w.facts.VisitConstant(x)
	}
	w.at(59, x)
}

func (w *walker) visitAttribute(x *ast.Attribute) {
	if w.facts != nil {
		w.facts.VisitAttribute(x)
	}
	w.at(60, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitSubscript(x *ast.Subscript) {
	w.at(61, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
	if x.Slice != nil {
		w.expr(x.Slice)
	}
}

func (w *walker) visitStarred(x *ast.Starred) {
	w.at(62, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitName(x *ast.Name) {
	if w.facts != nil {
		w.facts.VisitName(x)
	}
	w.at(63, x)
}

func (w *walker) visitList(x *ast.List) {
	w.at(64, x)
	for _, c := range x.Elts {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitTuple(x *ast.Tuple) {
	w.at(65, x)
	for _, c := range x.Elts {
		if c != nil {
			w.expr(c)
		}
	}
}

func (w *walker) visitSlice(x *ast.Slice) {
	w.at(66, x)
	if x.Lower != nil {
		w.expr(x.Lower)
	}
	if x.Upper != nil {
		w.expr(x.Upper)
	}
	if x.Step != nil {
		w.expr(x.Step)
	}
}

func (w *walker) visitMatchValue(x *ast.MatchValue) {
	w.at(67, x)
	if x.Value != nil {
		w.expr(x.Value)
	}
}

func (w *walker) visitMatchSingleton(x *ast.MatchSingleton) { w.at(68, x) }

func (w *walker) visitMatchSequence(x *ast.MatchSequence) {
	w.at(69, x)
	for _, c := range x.Patterns {
		if c != nil {
			w.pattern(c)
		}
	}
}

func (w *walker) visitMatchMapping(x *ast.MatchMapping) {
	w.at(70, x)
	for _, c := range x.Keys {
		if c != nil {
			w.expr(c)
		}
	}
	for _, c := range x.Patterns {
		if c != nil {
			w.pattern(c)
		}
	}
}

func (w *walker) visitMatchClass(x *ast.MatchClass) {
	if w.facts != nil {
		w.facts.VisitMatchClass(x)
	}
	w.at(71, x)
	if x.Cls != nil {
		w.expr(x.Cls)
	}
	for _, c := range x.Patterns {
		if c != nil {
			w.pattern(c)
		}
	}
	for _, c := range x.KwdPatterns {
		if c != nil {
			w.pattern(c)
		}
	}
}

func (w *walker) visitMatchStar(x *ast.MatchStar) { w.at(72, x) }

func (w *walker) visitMatchAs(x *ast.MatchAs) {
	w.at(73, x)
	if x.Pattern != nil {
		w.pattern(x.Pattern)
	}
}

func (w *walker) visitMatchOr(x *ast.MatchOr) {
	w.at(74, x)
	for _, c := range x.Patterns {
		if c != nil {
			w.pattern(c)
		}
	}
}

func (w *walker) visitTypeVar(x *ast.TypeVar) {
	w.at(75, x)
	if x.Bound != nil {
		w.expr(x.Bound)
	}
	if x.DefaultValue != nil {
		w.expr(x.DefaultValue)
	}
}

func (w *walker) visitParamSpec(x *ast.ParamSpec) {
	w.at(76, x)
	if x.DefaultValue != nil {
		w.expr(x.DefaultValue)
	}
}

func (w *walker) visitTypeVarTuple(x *ast.TypeVarTuple) {
	w.at(77, x)
	if x.DefaultValue != nil {
		w.expr(x.DefaultValue)
	}
}
