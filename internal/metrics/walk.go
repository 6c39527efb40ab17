package metrics

import (
	"strings"
	"unsafe"

	"github.com/buttresspy/buttress/internal/python/ast"
)

// The walk visits every node once. The module-level walk (scope) only looks for defs and
// classes; each def is measured by one walk of its body (function), which measures the defs
// nested in it on the way and folds their numbers into its own (see nested).

type walker struct {
	lines    *ast.LineIndex
	src      string
	funcs    []Function
	classes  int
	abstract int
	free     []*frame // frames to reuse: only as many are ever made as defs are nested
	room     []byte   // of the qualified names (str)
}

// frame is the running count of one function.
type frame struct {
	parent    *frame
	qual      string // the qualified name
	name      string // the def's name, to recognise recursive calls
	self      string // a method's implicit first parameter ("" for a plain function)
	method    bool
	recursive bool
	cyc       int // mccabe: 1 + what the statements mccabe sees add
	cog       int // cognitive complexity
	k         int // how many of cog's increments carry a nesting increment
	stmts     int // pylint's statement count
	depth     int // deepest compound statement
}

// ctx is where a statement sits in its function.
type ctx struct {
	nest    int    // cognitive nesting level
	depth   int    // compound statements around it (for Nesting)
	vis     bool   // mccabe's visitor reaches it
	noDepth bool   // in a class body: not part of the function's own nesting
	inClass bool   // directly in a class body: a def here is a method
	classes string // the classes around a def here, inside the function: "", "C.", "C.D."
}

// scope walks statements outside any function. top says whether mccabe would give a def
// here a graph of its own: only through classes and with statements (any other compound
// statement at module level becomes a graph itself and swallows the defs in it).
func (w *walker) scope(list []ast.Stmt, prefix string, top, inClass bool) {
	for _, s := range list {
		switch x := s.(type) {
		case *ast.FunctionDef:
			w.function(x, w.str(prefix, x.Name), x.Name, x.Args, x.Body, x.DecoratorList, x.Returns, false, inClass, top, nil)
		case *ast.AsyncFunctionDef:
			w.function(x, w.str(prefix, x.Name), x.Name, x.Args, x.Body, x.DecoratorList, x.Returns, true, inClass, top, nil)
		case *ast.ClassDef:
			w.class(x)
			w.scope(x.Body, w.str(prefix, x.Name, "."), top, true)
		case *ast.With:
			w.scope(x.Body, prefix, top, inClass)
		case *ast.AsyncWith:
			w.scope(x.Body, prefix, top, inClass)
		case *ast.If:
			w.scope(x.Body, prefix, false, inClass)
			w.scope(x.Orelse, prefix, false, inClass)
		case *ast.For:
			w.scope(x.Body, prefix, false, inClass)
			w.scope(x.Orelse, prefix, false, inClass)
		case *ast.AsyncFor:
			w.scope(x.Body, prefix, false, inClass)
			w.scope(x.Orelse, prefix, false, inClass)
		case *ast.While:
			w.scope(x.Body, prefix, false, inClass)
			w.scope(x.Orelse, prefix, false, inClass)
		case *ast.Try:
			w.scopeTry(x.Body, x.Handlers, x.Orelse, x.Finalbody, prefix, inClass)
		case *ast.TryStar:
			w.scopeTry(x.Body, x.Handlers, x.Orelse, x.Finalbody, prefix, inClass)
		case *ast.Match:
			for _, c := range x.Cases {
				if c != nil {
					w.scope(c.Body, prefix, false, inClass)
				}
			}
		}
	}
}

func (w *walker) scopeTry(body []ast.Stmt, handlers []*ast.ExceptHandler, orelse, final []ast.Stmt, prefix string, inClass bool) {
	w.scope(body, prefix, false, inClass)
	for _, h := range handlers {
		if h != nil {
			w.scope(h.Body, prefix, false, inClass)
		}
	}
	w.scope(orelse, prefix, false, inClass)
	w.scope(final, prefix, false, inClass)
}

// str returns the parts joined, a string of its own (names in the tree are slices of the
// source, which Compute's result must not pin) made in the walker's room: one allocation for
// the qualified names of many defs ("C.m"), not one each. The bytes of the room are not
// written again while the module is measured (a Computer writes them over for the next).
func (w *walker) str(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	if cap(w.room)-len(w.room) < n {
		w.room = make([]byte, 0, max(n, 2048))
	}
	start := len(w.room)
	for _, p := range parts {
		w.room = append(w.room, p...)
	}
	return unsafe.String(&w.room[start], n)
}

// function measures one def, appends its Function (before those of the defs nested in it, so
// that the list is in source order) and returns its frame.
func (w *walker) function(def ast.Stmt, qual, name string, args *ast.Arguments, body []ast.Stmt,
	decos []ast.Expr, returns ast.Expr, async, method, mccabe bool, parent *frame) frame {
	idx := len(w.funcs)
	w.funcs = append(w.funcs, Function{})
	f := w.frame()
	*f = frame{parent: parent, qual: qual, name: name, method: method, cyc: 1, stmts: 1}

	fn := Function{
		Name: qual, McCabe: mccabe, IsMethod: method, IsAsync: async,
		ReturnAnnotated: returns != nil,
		SignatureFixed:  ast.HasDecorator(decos, "overload") || ast.HasDecorator(decos, "override"),
	}
	if args != nil {
		static := method && ast.HasDecorator(decos, "staticmethod")
		implicit := method && !static && len(args.PosOnlyArgs)+len(args.Args) > 0
		first := true
		count := func(a *ast.Arg) {
			if a == nil {
				return
			}
			fn.Parameters++
			if first && implicit {
				f.self = a.Arg
				first = false
				return
			}
			first = false
			fn.AnnotatableParams++
			if a.Annotation != nil {
				fn.AnnotatedParams++
			}
			if a != args.Vararg && a != args.Kwarg && !strings.HasPrefix(a.Arg, "_") {
				fn.Arguments++
			}
		}
		for _, a := range args.PosOnlyArgs {
			count(a)
		}
		for _, a := range args.Args {
			count(a)
		}
		count(args.Vararg)
		for _, a := range args.KwOnlyArgs {
			count(a)
		}
		count(args.Kwarg)
		fn.ParametersNoSelf = fn.AnnotatableParams
	}

	w.stmts(f, body, ctx{vis: true})
	if hasDocstring(body) {
		f.stmts-- // astroid takes the docstring out of the body: pylint does not count it
	}
	if f.recursive {
		f.cog++
	}

	fn.Cyclomatic, fn.Cognitive, fn.Statements, fn.Nesting = f.cyc, f.cog, f.stmts, f.depth
	if w.lines != nil {
		fn.Line, fn.Col = w.lines.Position(def.Pos())
		fn.EndLine, _ = w.lines.Position(def.EndPos())
		fn.Lines = fn.EndLine - fn.Line + 1
	}
	w.funcs[idx] = fn
	fr := *f
	w.free = append(w.free, f)
	return fr
}

// frame returns a frame to fill: one that a function done with gave back, or a new one.
func (w *walker) frame() *frame {
	if n := len(w.free); n > 0 {
		f := w.free[n-1]
		w.free = w.free[:n-1]
		return f
	}
	return new(frame)
}

// nested measures a def inside function f and folds it into f:
//   - mccabe turns a def it reaches into a subgraph of the enclosing one, which adds 1 (the
//     def's own path) plus what the statements of its body add: the def's own complexity;
//   - pylint counts the statements of a nested body in every enclosing function, not the def;
//   - the cognitive increments of the nested body carry one more level of nesting, plus the
//     nesting level at which the def sits.
func (w *walker) nested(f *frame, def ast.Stmt, name string, args *ast.Arguments, body []ast.Stmt,
	decos []ast.Expr, returns ast.Expr, async bool, c ctx) {
	// Decorators, defaults and annotations are evaluated where the def is.
	for _, d := range decos {
		w.expr(f, d, c.nest)
	}
	w.args(f, args, c.nest)
	w.expr(f, returns, c.nest)
	qual := w.str(f.qual, ".<locals>.", c.classes, name)
	child := w.function(def, qual, name, args, body, decos, returns, async, c.inClass, false, f)
	if c.vis {
		f.cyc += child.cyc
	}
	f.stmts += child.stmts - 1
	f.cog += child.cog + (c.nest+1)*child.k
	f.k += child.k
}

func (w *walker) stmts(f *frame, list []ast.Stmt, c ctx) {
	for _, s := range list {
		if s != nil {
			w.stmt(f, s, c)
		}
	}
}

// block returns the context of the blocks of a compound statement: one level deeper for
// Nesting and, when nest is true, for cognitive nesting.
func (f *frame) block(c ctx, nest bool) ctx {
	if !c.noDepth {
		c.depth++
		f.depth = max(f.depth, c.depth)
	}
	if nest {
		c.nest++
	}
	return c
}

func (w *walker) stmt(f *frame, s ast.Stmt, c ctx) {
	switch x := s.(type) {
	case *ast.FunctionDef:
		w.nested(f, x, x.Name, x.Args, x.Body, x.DecoratorList, x.Returns, false, c)
	case *ast.AsyncFunctionDef:
		w.nested(f, x, x.Name, x.Args, x.Body, x.DecoratorList, x.Returns, true, c)
	case *ast.ClassDef:
		// mccabe: walks the body (its defs become subgraphs); pylint: the class statement
		// itself is not counted, its body is; cognitive: no increment, no nesting.
		w.class(x)
		for _, e := range x.Bases {
			w.expr(f, e, c.nest)
		}
		for _, k := range x.Keywords {
			if k != nil {
				w.expr(f, k.Value, c.nest)
			}
		}
		for _, d := range x.DecoratorList {
			w.expr(f, d, c.nest)
		}
		cc := c
		cc.noDepth, cc.inClass, cc.classes = true, true, w.str(c.classes, x.Name, ".")
		w.stmts(f, x.Body, cc)
		if hasDocstring(x.Body) {
			f.stmts--
		}
	case *ast.If:
		w.ifStmt(f, x, c)
	case *ast.For:
		w.loop(f, c, x.Body, x.Orelse, x.Target, x.Iter)
	case *ast.AsyncFor:
		f.stmts++ // pylint has visit_for but no visit_asyncfor: an async for is a plain statement
		w.loop(f, c, x.Body, x.Orelse, x.Target, x.Iter)
	case *ast.While:
		w.loop(f, c, x.Body, x.Orelse, x.Test, nil)
	case *ast.Try:
		if c.vis {
			f.cyc += len(x.Handlers) + 1
		}
		f.stmts += len(x.Handlers) + b2i(len(x.Orelse) > 0) + b2i(len(x.Finalbody) > 0)
		w.try(f, c, x.Body, x.Handlers, x.Orelse, x.Finalbody, c.vis)
	case *ast.TryStar:
		// mccabe has no visitor for TryStar: a simple statement, its blocks unseen. pylint
		// (no visit_trystar) counts it as one statement.
		f.stmts++
		w.try(f, c, x.Body, x.Handlers, x.Orelse, x.Finalbody, false)
	case *ast.With:
		f.stmts++
		w.with(f, c, x.Items, x.Body)
	case *ast.AsyncWith:
		f.stmts++
		w.with(f, c, x.Items, x.Body)
	case *ast.Match:
		// mccabe has no visitor for Match: a simple statement, its cases unseen.
		f.stmts++
		f.cog += 1 + c.nest
		f.k++
		w.expr(f, x.Subject, c.nest)
		inner := f.block(c, true)
		inner.vis = false
		for _, mc := range x.Cases {
			if mc == nil {
				continue
			}
			w.expr(f, mc.Guard, inner.nest)
			w.stmts(f, mc.Body, inner)
		}
	case *ast.Return:
		// pylint's visit_return counts returns, not statements.
		w.simple(f, x, c.nest)
	default:
		f.stmts++
		w.simple(f, s, c.nest)
	}
}

func (w *walker) ifStmt(f *frame, x *ast.If, c ctx) {
	f.cog += 1 + c.nest
	f.k++
	inner := f.block(c, true)
	for {
		if c.vis {
			f.cyc++
		}
		// pylint: an if is one statement, two with an else block, unless that block is a
		// single if statement (an elif, or an if nested alone in an else).
		f.stmts++
		if len(x.Orelse) > 0 && !(len(x.Orelse) == 1 && isIf(x.Orelse[0])) {
			f.stmts++
		}
		w.expr(f, x.Test, c.nest)
		w.stmts(f, x.Body, inner)
		if len(x.Orelse) == 0 {
			return
		}
		if elif := w.elif(x); elif != nil {
			f.cog++ // elif: no nesting increment
			x = elif
			continue
		}
		f.cog++ // else: no nesting increment
		w.stmts(f, x.Orelse, inner)
		return
	}
}

// elif returns the If of x's elif clause, or nil. The tree writes `elif c:` and `else:` with
// a lone `if c:` in it the same way; an elif starts in the column of its if, a nested if to
// the right of it.
func (w *walker) elif(x *ast.If) *ast.If {
	if len(x.Orelse) != 1 {
		return nil
	}
	e, ok := x.Orelse[0].(*ast.If)
	if !ok || w.lines == nil {
		return nil
	}
	_, c1 := w.lines.Position(x.Pos())
	_, c2 := w.lines.Position(e.Pos())
	if c1 != c2 {
		return nil
	}
	return e
}

// hasDocstring reports whether a body starts with a docstring: an expression statement that
// is a string literal (not bytes, not an f-string).
func hasDocstring(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	e, ok := body[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	c, ok := e.Value.(*ast.Constant)
	return ok && c.Value.Kind == ast.ConstStr
}

func isIf(s ast.Stmt) bool {
	_, ok := s.(*ast.If)
	return ok
}

// loop measures for, async for and while; pylint counts neither for nor while as statements.
func (w *walker) loop(f *frame, c ctx, body, orelse []ast.Stmt, e1, e2 ast.Expr) {
	if c.vis {
		f.cyc++
	}
	f.cog += 1 + c.nest
	f.k++
	w.expr(f, e1, c.nest)
	w.expr(f, e2, c.nest)
	inner := f.block(c, true)
	w.stmts(f, body, inner)
	if len(orelse) > 0 {
		f.cog++ // else: no nesting increment
		w.stmts(f, orelse, inner)
	}
}

// try measures the blocks of try and try/except*; vis says whether mccabe sees them (never
// the finally block).
func (w *walker) try(f *frame, c ctx, body []ast.Stmt, handlers []*ast.ExceptHandler, orelse, final []ast.Stmt, vis bool) {
	plain := f.block(c, false) // try, finally: deeper statements, not more nesting
	plain.vis = vis
	w.stmts(f, body, plain)
	inner := f.block(c, true)
	inner.vis = vis
	for _, h := range handlers {
		if h == nil {
			continue
		}
		f.stmts++ // pylint: an except clause is a statement
		f.cog += 1 + c.nest
		f.k++
		w.expr(f, h.Type, c.nest)
		w.stmts(f, h.Body, inner)
	}
	if len(orelse) > 0 {
		f.cog++ // else: no nesting increment
		w.stmts(f, orelse, inner)
	}
	plain.vis = false
	w.stmts(f, final, plain)
}

func (w *walker) with(f *frame, c ctx, items []*ast.WithItem, body []ast.Stmt) {
	for _, it := range items {
		if it != nil {
			w.expr(f, it.ContextExpr, c.nest)
			w.expr(f, it.OptionalVars, c.nest)
		}
	}
	w.stmts(f, body, f.block(c, false))
}

// expr walks expression e for the cognitive increments and recursive calls in it. It is
// written out, not built on ast.Inspect, because expressions are most of a tree and this is
// most of the time Compute takes; a node it does not know goes to inspect.
func (w *walker) expr(f *frame, e ast.Expr, nest int) {
	// Inlined where it is called: the leaves (most of the nodes) cost no call.
	switch e.(type) {
	case nil, *ast.Name, *ast.Constant:
		return
	}
	w.inner(f, e, nest)
}

// inner is expr of a node that is not a leaf.
func (w *walker) inner(f *frame, e ast.Expr, nest int) {
	switch x := e.(type) {
	case *ast.Attribute:
		w.expr(f, x.Value, nest)
	case *ast.Call:
		w.call(f, x)
		w.expr(f, x.Func, nest)
		w.exprs(f, x.Args, nest)
		for _, k := range x.Keywords {
			if k != nil {
				w.expr(f, k.Value, nest)
			}
		}
	case *ast.BoolOp:
		w.boolOp(f, x, nest)
	case *ast.IfExp:
		f.cog += 1 + nest
		f.k++
		w.expr(f, x.Test, nest+1)
		w.expr(f, x.Body, nest+1)
		w.expr(f, x.Orelse, nest+1)
	case *ast.Lambda:
		w.args(f, x.Args, nest)
		w.expr(f, x.Body, nest+1)
	case *ast.BinOp:
		w.expr(f, x.Left, nest)
		w.expr(f, x.Right, nest)
	case *ast.UnaryOp:
		w.expr(f, x.Operand, nest)
	case *ast.Compare:
		w.expr(f, x.Left, nest)
		w.exprs(f, x.Comparators, nest)
	case *ast.Subscript:
		w.expr(f, x.Value, nest)
		w.expr(f, x.Slice, nest)
	case *ast.Slice:
		w.expr(f, x.Lower, nest)
		w.expr(f, x.Upper, nest)
		w.expr(f, x.Step, nest)
	case *ast.Starred:
		w.expr(f, x.Value, nest)
	case *ast.Tuple:
		w.exprs(f, x.Elts, nest)
	case *ast.List:
		w.exprs(f, x.Elts, nest)
	case *ast.Set:
		w.exprs(f, x.Elts, nest)
	case *ast.Dict:
		w.exprs(f, x.Keys, nest)
		w.exprs(f, x.Values, nest)
	case *ast.ListComp:
		w.expr(f, x.Elt, nest)
		w.comprehensions(f, x.Generators, nest)
	case *ast.SetComp:
		w.expr(f, x.Elt, nest)
		w.comprehensions(f, x.Generators, nest)
	case *ast.GeneratorExp:
		w.expr(f, x.Elt, nest)
		w.comprehensions(f, x.Generators, nest)
	case *ast.DictComp:
		w.expr(f, x.Key, nest)
		w.expr(f, x.Value, nest)
		w.comprehensions(f, x.Generators, nest)
	case *ast.Await:
		w.expr(f, x.Value, nest)
	case *ast.Yield:
		w.expr(f, x.Value, nest)
	case *ast.YieldFrom:
		w.expr(f, x.Value, nest)
	case *ast.NamedExpr:
		w.expr(f, x.Target, nest)
		w.expr(f, x.Value, nest)
	case *ast.JoinedStr:
		w.exprs(f, x.Values, nest)
	case *ast.TemplateStr:
		w.exprs(f, x.Values, nest)
	case *ast.FormattedValue:
		w.expr(f, x.Value, nest)
		w.expr(f, x.FormatSpec, nest)
	case *ast.Interpolation:
		w.expr(f, x.Value, nest)
		w.expr(f, x.FormatSpec, nest)
	default:
		w.inspect(f, e, nest)
	}
}

func (w *walker) exprs(f *frame, list []ast.Expr, nest int) {
	for _, e := range list {
		w.expr(f, e, nest)
	}
}

// inspect hands the expressions directly under n to expr.
func (w *walker) inspect(f *frame, n ast.Node, nest int) {
	ast.Inspect(n, func(c ast.Node) bool {
		if c == n {
			return true
		}
		if e, ok := c.(ast.Expr); ok {
			w.expr(f, e, nest)
			return false
		}
		return true
	})
}

func (w *walker) comprehensions(f *frame, gens []*ast.Comprehension, nest int) {
	for _, g := range gens {
		if g != nil {
			w.expr(f, g.Target, nest)
			w.expr(f, g.Iter, nest)
			w.exprs(f, g.Ifs, nest)
		}
	}
}

// args walks the defaults and annotations of a parameter list.
func (w *walker) args(f *frame, a *ast.Arguments, nest int) {
	if a == nil {
		return
	}
	for _, list := range [...][]*ast.Arg{a.PosOnlyArgs, a.Args, a.KwOnlyArgs, {a.Vararg, a.Kwarg}} {
		for _, p := range list {
			if p != nil {
				w.expr(f, p.Annotation, nest)
			}
		}
	}
	w.exprs(f, a.Defaults, nest)
	w.exprs(f, a.KwDefaults, nest)
}

// simple walks the expressions of a simple statement.
func (w *walker) simple(f *frame, s ast.Stmt, nest int) {
	switch x := s.(type) {
	case *ast.ExprStmt:
		w.expr(f, x.Value, nest)
	case *ast.Assign:
		w.exprs(f, x.Targets, nest)
		w.expr(f, x.Value, nest)
	case *ast.AugAssign:
		w.expr(f, x.Target, nest)
		w.expr(f, x.Value, nest)
	case *ast.AnnAssign:
		w.expr(f, x.Target, nest)
		w.expr(f, x.Annotation, nest)
		w.expr(f, x.Value, nest)
	case *ast.Return:
		w.expr(f, x.Value, nest)
	case *ast.Delete:
		w.exprs(f, x.Targets, nest)
	case *ast.Raise:
		w.expr(f, x.Exc, nest)
		w.expr(f, x.Cause, nest)
	case *ast.Assert:
		w.expr(f, x.Test, nest)
		w.expr(f, x.Msg, nest)
	case *ast.Import, *ast.ImportFrom, *ast.Global, *ast.Nonlocal, *ast.Pass, *ast.Break, *ast.Continue:
	default:
		w.inspect(f, s, nest)
	}
}

// boolOp adds one for each run of like operators in the text of a boolean expression:
// `a and b and c` is one run, `a and b or c` two, `a or b and c or d` three (or, and, or);
// a parenthesized operand is an expression of its own.
func (w *walker) boolOp(f *frame, x *ast.BoolOp, nest int) {
	last := ast.BoolOpKind(255)
	var seq func(b *ast.BoolOp)
	seq = func(b *ast.BoolOp) {
		for i, v := range b.Values {
			if i > 0 && b.Op != last {
				f.cog++
				last = b.Op
			}
			if c, ok := v.(*ast.BoolOp); ok && !w.parenthesized(b, i) {
				seq(c)
			} else {
				w.expr(f, v, nest)
			}
		}
	}
	seq(x)
}

// parenthesized reports whether operand i of b is written in parentheses: whether a '('
// comes between the operator before it (or the start of b) and the operand. Without the
// source every operand counts as parenthesized.
func (w *walker) parenthesized(b *ast.BoolOp, i int) bool {
	from := b.Pos()
	if i > 0 {
		from = b.Values[i-1].EndPos()
	}
	to := b.Values[i].Pos()
	if from < 0 || to > len(w.src) || from > to {
		return true
	}
	gap := w.src[from:to]
	for j := 0; j < len(gap); j++ {
		switch gap[j] {
		case '(':
			return true
		case '#':
			k := strings.IndexByte(gap[j:], '\n')
			if k < 0 {
				return false
			}
			j += k
		}
	}
	return false
}

// call marks the enclosing functions that x calls directly: a plain function by its name, a
// method through its first parameter (self.name(...), cls.name(...)).
func (w *walker) call(f *frame, x *ast.Call) {
	switch fn := x.Func.(type) {
	case *ast.Name:
		for fr := f; fr != nil; fr = fr.parent {
			if !fr.method && fr.name == fn.ID {
				fr.recursive = true
			}
		}
	case *ast.Attribute:
		v, ok := fn.Value.(*ast.Name)
		if !ok {
			return
		}
		for fr := f; fr != nil; fr = fr.parent {
			if fr.method && fr.self != "" && fr.self == v.ID && fr.name == fn.Attr {
				fr.recursive = true
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// class counts a class statement.
func (w *walker) class(c *ast.ClassDef) {
	w.classes++
	if IsAbstract(c) {
		w.abstract++
	}
}

// IsAbstract reports whether a class is abstract, as package metrics count abstractness: it
// derives from ABC or Protocol (by the last name of the base: abc.ABC, typing.Protocol,
// Protocol[T]), its metaclass is ABCMeta, or a method of its body is decorated with
// abstractmethod (or the older abstractproperty, abstractclassmethod, abstractstaticmethod).
// Names are read as written, not resolved: a class of the project named ABC counts too.
func IsAbstract(c *ast.ClassDef) bool {
	for _, b := range c.Bases {
		if s, ok := b.(*ast.Subscript); ok {
			b = s.Value
		}
		switch ast.LastName(b) {
		case "ABC", "Protocol":
			return true
		}
	}
	for _, k := range c.Keywords {
		if k != nil && k.Arg != nil && *k.Arg == "metaclass" && ast.LastName(k.Value) == "ABCMeta" {
			return true
		}
	}
	for _, s := range c.Body {
		var decos []ast.Expr
		switch f := s.(type) {
		case *ast.FunctionDef:
			decos = f.DecoratorList
		case *ast.AsyncFunctionDef:
			decos = f.DecoratorList
		}
		if IsAbstractMethod(decos) {
			return true
		}
	}
	return false
}

// IsAbstractMethod reports whether decorators make a method abstract: abstractmethod, or the
// older abstractproperty, abstractclassmethod and abstractstaticmethod (by their last name).
func IsAbstractMethod(decos []ast.Expr) bool {
	for _, d := range decos {
		switch ast.LastName(d) {
		case "abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod":
			return true
		}
	}
	return false
}
