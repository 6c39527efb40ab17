package mod

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// TooManyAttributes reports classes whose methods set more instance attributes than the
// threshold.
var TooManyAttributes = &analysis.Rule{
	Code: "MOD010", Name: "too-many-instance-attributes",
	NotIn:   analysis.NotInTestsOrGenerated,
	Summary: "A class whose methods set more instance attributes than the threshold (default 7), as pylint counts them",
	Rationale: "Every attribute is state each method may read and change: a class with many holds " +
		"several concepts at once, and its invariants are hard to see. Group related attributes " +
		"into a value object of their own. Counted as pylint's too-many-instance-attributes " +
		"counts them: the distinct names assigned through the first parameter of the class's " +
		"methods (`self.x = ...`, `self.x += ...`, `self.x: int = ...`, in tuples, `for` and " +
		"`with` targets, nested functions included); attributes declared in the class body (a " +
		"dataclass's fields) are not instance attributes set by methods and are not counted. " +
		"pylint also counts attributes set on other variables it infers to be instances of the " +
		"class (`obj = Cls(); obj.x = 1`, `self = cls.__new__(cls)` in a class method); buttress " +
		"does not infer. On 99 modules of the 3.11 standard library (asyncio, email, http, " +
		"logging, unittest, xml.dom, ssl, tarfile, ...), pylint 2.16 and buttress report 57 " +
		"classes alike, and 3 only pylint, each from such inference. " +
		"Off by default, as every MOD rule: the threshold is a team's call.",
	Bad:     "class Order:\n    def __init__(self):\n" + "        self.a = self.b = self.c = self.d = 0\n        self.e = self.f = self.g = self.h = 0\n",
	Good:    "class Order:\n    def __init__(self, lines, totals):\n        self.lines = lines\n        self.totals = totals\n",
	Options: &Max{Max: 7},
	Check:   checkMax,
	Nodes:   []ast.Node{(*ast.ClassDef)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		c := n.(*ast.ClassDef)
		names := map[string]bool{}
		for _, s := range c.Body {
			var args *ast.Arguments
			var body []ast.Stmt
			var decos []ast.Expr
			switch f := s.(type) {
			case *ast.FunctionDef:
				args, body, decos = f.Args, f.Body, f.DecoratorList
			case *ast.AsyncFunctionDef:
				args, body, decos = f.Args, f.Body, f.DecoratorList
			default:
				continue
			}
			self := firstParam(args)
			if self == "" || !instanceMethod(s, decos) {
				continue
			}
			for _, st := range body {
				collectSelfAttrs(st, self, names, p.Src)
			}
		}
		if len(names) > limit(p) {
			p.ReportRange(c.Pos(), c.Pos()+len("class ")+len(c.Name), fmt.Sprintf("class `%s` sets %d instance attributes (more than %d): group related ones into a class of their own", c.Name, len(names), limit(p)))
		}
		return true
	},
}

// firstParam is the name of a function's first positional parameter, "" when it has none.
func firstParam(a *ast.Arguments) string {
	if a == nil {
		return ""
	}
	if len(a.PosOnlyArgs) > 0 {
		return a.PosOnlyArgs[0].Arg
	}
	if len(a.Args) > 0 {
		return a.Args[0].Arg
	}
	return ""
}

// instanceMethod reports whether the method def takes an instance as its first parameter: not
// a static or class method (by decorator, or __new__, __init_subclass__, __class_getitem__,
// which are so without one). What a class method assigns through cls is a class attribute.
func instanceMethod(def ast.Stmt, decos []ast.Expr) bool {
	name := ""
	switch f := def.(type) {
	case *ast.FunctionDef:
		name = f.Name
	case *ast.AsyncFunctionDef:
		name = f.Name
	}
	switch name {
	case "__new__", "__init_subclass__", "__class_getitem__":
		return false
	}
	for _, d := range decos {
		if n, ok := d.(*ast.Name); ok && (n.ID == "staticmethod" || n.ID == "classmethod") {
			return false
		}
	}
	return true
}

// collectSelfAttrs adds to names every attribute of self that st assigns, in st and in the
// functions nested in it, not in nested classes. src is the source the tree's offsets are
// in: an expression whose text has no "for" holds no comprehension, and so no target.
//
// The blocks of compound statements are walked by hand, and a simple statement whose text
// has no "for" has no target but its own: ast.Inspect through every statement and its
// expressions was 1.4% of check --select ALL on the 3.11 standard library. What is left (a
// nested def, a match, a statement with "for" in its text) goes to selfAttrs.inspect, as all
// of it did.
func collectSelfAttrs(st ast.Stmt, self string, names map[string]bool, src string) {
	c := selfAttrs{self: self, names: names, src: src}
	c.stmt(st)
}

// selfAttrs gathers the attributes of self that statements assign (collectSelfAttrs).
type selfAttrs struct {
	self  string
	names map[string]bool
	src   string
}

// noFor reports whether the text of n is known to hold no "for": no comprehension is in it.
func (c *selfAttrs) noFor(n ast.Node) bool {
	from, to := n.Pos(), n.EndPos()
	return 0 <= from && from <= to && to <= len(c.src) && !strings.Contains(c.src[from:to], "for")
}

func (c *selfAttrs) stmts(list []ast.Stmt) {
	for _, s := range list {
		if s != nil {
			c.stmt(s)
		}
	}
}

func (c *selfAttrs) stmt(st ast.Stmt) {
	switch x := st.(type) {
	case *ast.ClassDef:
	case *ast.Assign:
		if !c.noFor(x) {
			c.inspect(x)
			return
		}
		for _, t := range x.Targets {
			c.target(t)
		}
	case *ast.AugAssign:
		if !c.noFor(x) {
			c.inspect(x)
			return
		}
		c.target(x.Target)
	case *ast.AnnAssign:
		if !c.noFor(x) {
			c.inspect(x)
			return
		}
		c.target(x.Target)
	case *ast.ExprStmt, *ast.Return, *ast.Raise, *ast.Assert, *ast.Delete, *ast.Pass, *ast.Break,
		*ast.Continue, *ast.Import, *ast.ImportFrom, *ast.Global, *ast.Nonlocal:
		if !c.noFor(x) {
			c.inspect(x)
		}
	case *ast.If:
		c.expr(x.Test)
		c.stmts(x.Body)
		c.stmts(x.Orelse)
	case *ast.While:
		c.expr(x.Test)
		c.stmts(x.Body)
		c.stmts(x.Orelse)
	case *ast.For:
		c.loop(x.Target, x.Iter, x.Body, x.Orelse)
	case *ast.AsyncFor:
		c.loop(x.Target, x.Iter, x.Body, x.Orelse)
	case *ast.With:
		c.withItems(x.Items)
		c.stmts(x.Body)
	case *ast.AsyncWith:
		c.withItems(x.Items)
		c.stmts(x.Body)
	case *ast.Try:
		c.try(x.Body, x.Handlers, x.Orelse, x.Finalbody)
	case *ast.TryStar:
		c.try(x.Body, x.Handlers, x.Orelse, x.Finalbody)
	default: // a def, a match, ...
		c.inspect(st)
	}
}

// loop walks a for loop (async or not): its target assigns.
func (c *selfAttrs) loop(target, iter ast.Expr, body, orelse []ast.Stmt) {
	c.target(target)
	c.expr(target)
	c.expr(iter)
	c.stmts(body)
	c.stmts(orelse)
}

func (c *selfAttrs) withItems(items []*ast.WithItem) {
	for _, it := range items {
		if it == nil {
			continue
		}
		c.expr(it.ContextExpr)
		if it.OptionalVars != nil {
			c.target(it.OptionalVars)
			c.expr(it.OptionalVars)
		}
	}
}

func (c *selfAttrs) try(body []ast.Stmt, handlers []*ast.ExceptHandler, orelse, final []ast.Stmt) {
	c.stmts(body)
	for _, h := range handlers {
		if h != nil {
			c.expr(h.Type)
			c.stmts(h.Body)
		}
	}
	c.stmts(orelse)
	c.stmts(final)
}

// expr walks an expression for the targets of its comprehensions, when its text has "for".
func (c *selfAttrs) expr(e ast.Expr) {
	if e != nil && !c.noFor(e) {
		c.inspect(e)
	}
}

// target adds the attribute of self that e, a target, assigns (those in its tuples too).
func (c *selfAttrs) target(e ast.Expr) {
	switch t := e.(type) {
	case *ast.Attribute:
		if v, ok := t.Value.(*ast.Name); ok && v.ID == c.self {
			c.names[t.Attr] = true
		}
	case *ast.Tuple:
		for _, x := range t.Elts {
			c.target(x)
		}
	case *ast.List:
		for _, x := range t.Elts {
			c.target(x)
		}
	case *ast.Starred:
		c.target(t.Value)
	}
}

// inspect walks n and everything in it with ast.Inspect.
func (c *selfAttrs) inspect(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.ClassDef:
			return false
		case *ast.Assign:
			for _, t := range x.Targets {
				c.target(t)
			}
		case *ast.AugAssign:
			c.target(x.Target)
		case *ast.AnnAssign:
			c.target(x.Target)
		case *ast.For:
			c.target(x.Target)
		case *ast.AsyncFor:
			c.target(x.Target)
		case *ast.WithItem:
			if x.OptionalVars != nil {
				c.target(x.OptionalVars)
			}
		case *ast.Comprehension:
			c.target(x.Target)
		case ast.Expr:
			// Only a comprehension has targets in an expression (statements are not in
			// expressions): what is in one without the word `for` is not walked.
			if c.noFor(x) {
				return false
			}
		}
		return true
	})
}
