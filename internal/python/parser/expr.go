package parser

import (
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// startsExpr reports whether the current token can begin an expression.
func (p *parser) startsExpr() bool { return startsExprKind[p.kind()] }

// startsExprKind marks the tokens that can begin an expression (see startsExpr).
var startsExprKind = func() (t [256]bool) {
	for _, k := range []token.Kind{token.NAME, token.NUMBER, token.STRING, token.FSTRING_START,
		token.TSTRING_START, token.LPAR, token.LSQB, token.LBRACE, token.MINUS, token.PLUS,
		token.TILDE, token.NOT, token.LAMBDA, token.AWAIT, token.NONE, token.TRUE, token.FALSE,
		token.ELLIPSIS, token.STAR, token.YIELD} {
		t[k] = true
	}
	return t
}()

// startsTarget reports whether the current token can begin an assignment target.
func (p *parser) startsTarget() bool {
	switch p.kind() {
	case token.NAME, token.LPAR, token.LSQB, token.STAR:
		return true
	}
	return false
}

// starExpressions parses `star_expression (',' star_expression)* [',']`, a Tuple when there is
// a comma.
func (p *parser) starExpressions() ast.Expr {
	s := p.start()
	first := p.starExpression()
	if p.kind() != token.COMMA {
		return first
	}
	mark := len(p.exprs)
	p.exprs = append(p.exprs, first)
	for p.accept(token.COMMA) {
		if k := p.kind(); !startsExprKind[k] || k == token.YIELD {
			break
		}
		e := p.starExpression()
		p.exprs = append(p.exprs, e)
	}
	return p.tuple(sp(s, p.prevEnd()), p.popExprs(mark))
}

// tuple returns a Tuple node of elts, filled in place (see slab.slot).
func (p *parser) tuple(span ast.Span, elts []ast.Expr) *ast.Tuple {
	t := p.nodes.tuple.slot(p)
	t.Span, t.Elts, t.Ctx = span, elts, ast.Load
	return t
}

// starExpression parses `'*' bitwise_or | expression`.
func (p *parser) starExpression() ast.Expr {
	if t := p.tok(); t.Kind == token.STAR {
		p.advance()
		v := p.bitwiseOr()
		return p.nodes.starred.alloc(p, ast.Starred{Span: sp(t.Start, p.prevEnd()), Value: v})
	}
	return p.expression()
}

// checkStarOperand is called at a '*' where CPython's grammar tries starred_expression (an
// argument, a subscript element, the first element of a display): when no expression can
// follow the star, CPython's invalid_starred_expression reports "Invalid star expression" at
// the next token.
func (p *parser) checkStarOperand() {
	switch p.peek1() {
	case token.RPAR, token.RSQB, token.RBRACE, token.COMMA, token.COLON:
		if at := p.toks[p.i+1].Start; !p.lexErrorNear(at) {
			p.fail(at, "Invalid star expression")
		}
	}
}

// starNamedExpression parses `'*' bitwise_or | named_expression`.
func (p *parser) starNamedExpression() ast.Expr {
	if t := p.tok(); t.Kind == token.STAR {
		p.advance()
		v := p.bitwiseOr()
		return p.nodes.starred.alloc(p, ast.Starred{Span: sp(t.Start, p.prevEnd()), Value: v})
	}
	return p.namedExpression()
}

// namedExpression parses `NAME ':=' expression | expression`, where CPython's grammar has
// named_expression (with its invalid_named_expression: `if x = 3:`).
func (p *parser) namedExpression() ast.Expr {
	from := p.i
	e := p.namedExpr()
	if p.kind() == token.EQUAL {
		p.failNamedAssign(e, from)
	}
	return e
}

// failNamedAssign reports `e = ...` where a named_expression was parsed from token index from
// and '=' follows, as CPython's invalid_named_expression does when `'=' bitwise_or` follows
// e and no '=' or ':=' after that: for a lone NAME, "Maybe you meant '==' or ':='"; for any
// other bitwise_or not begun by a list, a tuple, a generator expression, True, None or False,
// "cannot assign to ... here". Otherwise the caller's plain "invalid syntax" at '=' stands.
func (p *parser) failNamedAssign(e ast.Expr, from int) {
	eq := p.i
	_, isName := e.(*ast.Name)
	isName = isName && eq == from+1
	if !isName && (!p.isBitwiseOr(e, from) || p.startsDisplay(from)) {
		return
	}
	p.advance()
	if p.startsExpr() && p.kind() != token.STAR && p.kind() != token.YIELD &&
		p.kind() != token.NOT && p.kind() != token.LAMBDA {
		p.bitwiseOr()
		if k := p.kind(); k != token.EQUAL && k != token.COLONEQUAL {
			p.failAtUnclosedEnd()
			if isName {
				p.fail(startOf(e), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
			}
			p.fail(startOf(e), "cannot assign to "+describe(e)+" here. Maybe you meant '==' instead of '='?")
		}
	}
	p.seek(eq)
}

// isBitwiseOr reports whether e, parsed from token index from, is a bitwise_or in CPython's
// grammar (no comparison, not, and, or, conditional, lambda or ':=' at its top).
func (p *parser) isBitwiseOr(e ast.Expr, from int) bool {
	switch x := e.(type) {
	case *ast.Compare, *ast.BoolOp, *ast.IfExp, *ast.Lambda, *ast.NamedExpr:
		return p.wrapped(from)
	case *ast.UnaryOp:
		return x.Op != ast.Not || p.wrapped(from)
	}
	return true
}

// startsDisplay reports whether a list, a tuple, a generator expression, True, None or False
// begins at token index from (CPython's `!(list|tuple|genexp|'True'|'None'|'False')`).
func (p *parser) startsDisplay(from int) bool {
	t := p.toks[from]
	switch t.Kind {
	case token.TRUE, token.NONE, token.FALSE:
		return true
	case token.LSQB, token.LPAR:
	default:
		return false
	}
	save := p.i
	defer func() { p.seek(save) }()
	p.seek(from)
	var a ast.Expr
	if !p.try(func() { a = p.atom() }) {
		return false
	}
	switch a.(type) {
	case *ast.List:
		return true
	case *ast.Tuple, *ast.GeneratorExp:
		return startOf(a) == t.Start
	}
	return false
}

// namedExpr parses `NAME ':=' expression | expression` without invalid_named_expression (call
// arguments, where CPython's grammar has no named_expression).
func (p *parser) namedExpr() ast.Expr {
	if t := p.tok(); t.Kind == token.NAME {
		switch k := p.peek1(); {
		case k == token.COLONEQUAL:
			p.seek(p.i + 2)
			target := p.nodes.name.alloc(p, ast.Name{Span: sp(t.Start, t.End), ID: p.name(t), Ctx: ast.Store})
			v := p.expression()
			return p.nodes.namedExpr.alloc(p, ast.NamedExpr{Span: sp(t.Start, p.prevEnd()), Target: target, Value: v})
		case endsName[k] && p.depth < maxDepth:
			// A name alone, the most common argument: what expression would make of it,
			// without going down to primary.
			p.advance()
			return p.nodes.name.alloc(p, ast.Name{Span: sp(t.Start, t.End), ID: p.name(t)})
		}
	} else if (t.Kind == token.STRING || t.Kind == token.NUMBER) && endsName[p.peek1()] && p.depth < maxDepth {
		// A string or a number alone, the same way.
		if t.Kind == token.STRING {
			return p.singleString(t)
		}
		p.advance()
		return p.number(t)
	}
	e := p.expression()
	if p.kind() == token.COLONEQUAL {
		p.fail(startOf(e), "cannot use assignment expressions with "+describe(e))
	}
	return e
}

// expression parses a conditional expression or a lambda.
func (p *parser) expression() ast.Expr {
	t := p.tok()
	s := t.Start
	p.enter()
	if t.Kind == token.LAMBDA {
		out := p.lambda()
		p.leave()
		return out
	}
	from := p.i
	var body ast.Expr
	if startsPrimary[t.Kind] {
		// The operand is a primary (not a unary operator, 'not' or 'await'): parse it, and
		// go through the levels of the grammar above it (power ... disjunction) only when an
		// operator follows, instead of descending through all of them for every operand.
		body = p.primary()
		if continuesOperand[p.kind()] {
			body = p.disjunctionRest(p.conjunctionRest(p.comparisonRest(p.binaryRest(p.powerRest(body, s), s, 1), s), s), s)
		}
	} else {
		body = p.disjunction()
	}
	if k := p.kind(); k != token.IF {
		if startsExprKind[k] && k != token.STAR && k != token.YIELD {
			p.checkMissingComma(body, from)
		}
		p.leave()
		return body
	}
	p.advance()
	test := p.disjunction()
	if p.kind() != token.ELSE {
		p.fail(p.start(), "expected 'else' after 'if' expression")
	}
	p.advance()
	orelse := p.expression()
	out := p.nodes.ifExp.alloc(p, ast.IfExp{Span: sp(s, p.prevEnd()), Test: test, Body: body, Orelse: orelse})
	p.leave()
	return out
}

// checkMissingComma is CPython's invalid_expression at a disjunction a (parsed from token
// index from) followed by the start of another expression b: inside brackets, unless a begins
// with a soft keyword or NAME STRING or is a legacy `print`/`exec`, "Perhaps you forgot a
// comma?" when b parses as an expression.
func (p *parser) checkMissingComma(a ast.Expr, from int) {
	if t := p.toks[from]; t.Kind == token.NAME {
		if p.toks[from+1].Kind == token.STRING {
			return
		}
		switch p.src[t.Start:t.End] {
		case "match", "case", "type", "_":
			return
		}
	}
	if n, ok := a.(*ast.Name); ok && (n.ID == "print" || n.ID == "exec") {
		return
	}
	if p.withoutInvalid {
		return // b is CPython's expression_without_invalid
	}
	save := p.i
	p.withoutInvalid = true
	ok := p.try(func() { p.expression() })
	p.withoutInvalid = false
	if ok && p.bracketLevel(p.i-1) > 0 && !p.lexErrorIn(p.toks[save].Start, p.prevEnd()) {
		p.failAtUnclosedEnd()
		p.fail(startOf(a), "invalid syntax. Perhaps you forgot a comma?")
	}
	p.seek(save)
}

// failAtUnclosedEnd is called where an invalid_ rule of CPython's has matched and looked at
// the next token: when that is the end of a bracket never closed, CPython's tokenizer reports
// "was never closed" (already recorded) instead of the rule's message.
func (p *parser) failAtUnclosedEnd() {
	if t := p.tok(); t.Kind == token.NEWLINE && p.synthetic[t.Start] {
		p.failSilently()
	}
}

// lexErrorIn reports whether the lexer recorded an error in [from, to]: CPython's tokenizer
// reports it on reading those tokens, before any rule over them.
func (p *parser) lexErrorIn(from, to int32) bool {
	for off := range p.lexErrAt {
		if int(from) <= off && off <= int(to) {
			return true
		}
	}
	return false
}

// bracketLevel is the nesting of brackets at token index i, after the token, like the
// tokenizer's level in CPython: the brackets opened and not closed since the logical line
// began.
func (p *parser) bracketLevel(i int) int {
	level := 0
	for ; i >= 0; i-- {
		switch p.toks[i].Kind {
		case token.NEWLINE, token.INDENT, token.DEDENT:
			return level
		case token.LPAR, token.LSQB, token.LBRACE:
			level++
		case token.RPAR, token.RSQB, token.RBRACE:
			level--
		}
	}
	return level
}

func (p *parser) lambda() ast.Expr {
	t := p.next()
	args := p.parameters(token.COLON, false)
	p.expect(token.COLON)
	body := p.expression()
	return p.nodes.lambda.alloc(p, ast.Lambda{Span: sp(t.Start, p.prevEnd()), Args: args, Body: body})
}

// startsPrimary marks the tokens that begin a primary (an atom, then trailers).
var startsPrimary = func() (t [token.NOTEQUAL_LEGACY + 1]bool) {
	for _, k := range []token.Kind{token.NAME, token.NUMBER, token.STRING, token.FSTRING_START,
		token.TSTRING_START, token.NONE, token.TRUE, token.FALSE, token.ELLIPSIS, token.LPAR,
		token.LSQB, token.LBRACE} {
		t[k] = true
	}
	return t
}()

// continuesOperand marks the tokens that, after an operand, one of the levels from power up to
// disjunction takes: '**', a binary operator, a comparison, 'and', 'or'.
var continuesOperand = func() (t [token.NOTEQUAL_LEGACY + 1]bool) {
	for k := range binaryOps {
		if binaryOps[k].prec > 0 {
			t[k] = true
		}
	}
	for _, k := range []token.Kind{token.DOUBLESTAR, token.EQEQUAL, token.NOTEQUAL, token.LESS,
		token.LESSEQUAL, token.GREATER, token.GREATEREQUAL, token.IN, token.NOT, token.IS,
		token.NOTEQUAL_LEGACY, token.AND, token.OR} {
		t[k] = true
	}
	return t
}()

// endsName marks the tokens that, after a NAME, make the expression that NAME alone: not a
// trailer ('.', '(', '['), an operator any level above primary takes, 'if', or the start of
// another expression (see checkMissingComma).
var endsName = func() (t [256]bool) {
	for k := range t {
		switch token.Kind(k) {
		case token.DOT, token.LPAR, token.LSQB, token.IF:
			continue
		}
		if int(k) < len(continuesOperand) && continuesOperand[k] || startsExprKind[k] {
			continue
		}
		t[k] = true
	}
	return t
}()

func (p *parser) disjunction() ast.Expr {
	s := p.start()
	return p.disjunctionRest(p.conjunction(), s)
}

// disjunctionRest parses the rest of a disjunction whose first operand, begun at s, is first.
func (p *parser) disjunctionRest(first ast.Expr, s int32) ast.Expr {
	if p.kind() != token.OR {
		return first
	}
	values := []ast.Expr{first}
	for p.accept(token.OR) {
		values = append(values, p.conjunction())
	}
	return p.nodes.boolOp.alloc(p, ast.BoolOp{Span: sp(s, p.prevEnd()), Op: ast.Or, Values: values})
}

func (p *parser) conjunction() ast.Expr {
	s := p.start()
	return p.conjunctionRest(p.inversion(), s)
}

// conjunctionRest parses the rest of a conjunction whose first operand, begun at s, is first.
func (p *parser) conjunctionRest(first ast.Expr, s int32) ast.Expr {
	if p.kind() != token.AND {
		return first
	}
	values := []ast.Expr{first}
	for p.accept(token.AND) {
		values = append(values, p.inversion())
	}
	return p.nodes.boolOp.alloc(p, ast.BoolOp{Span: sp(s, p.prevEnd()), Op: ast.And, Values: values})
}

func (p *parser) inversion() ast.Expr {
	if t := p.tok(); t.Kind == token.NOT {
		p.advance()
		p.enter()
		v := p.inversion()
		p.leave()
		return p.nodes.unaryOp.alloc(p, ast.UnaryOp{Span: sp(t.Start, p.prevEnd()), Op: ast.Not, Operand: v})
	}
	return p.comparison()
}

func (p *parser) compareOp() (ast.CmpOp, bool) {
	switch p.kind() {
	case token.EQEQUAL:
		p.advance()
		return ast.Eq, true
	case token.NOTEQUAL:
		p.advance()
		return ast.NotEq, true
	case token.LESS:
		p.advance()
		return ast.Lt, true
	case token.LESSEQUAL:
		p.advance()
		return ast.LtE, true
	case token.GREATER:
		p.advance()
		return ast.Gt, true
	case token.GREATEREQUAL:
		p.advance()
		return ast.GtE, true
	case token.IN:
		p.advance()
		return ast.In, true
	case token.NOT:
		if p.peek1() == token.IN {
			p.seek(p.i + 2)
			return ast.NotIn, true
		}
	case token.IS:
		p.advance()
		if p.accept(token.NOT) {
			return ast.IsNot, true
		}
		return ast.Is, true
	case token.NOTEQUAL_LEGACY:
		p.fail(p.start(), "invalid syntax")
	}
	return 0, false
}

func (p *parser) comparison() ast.Expr {
	s := p.start()
	return p.comparisonRest(p.bitwiseOr(), s)
}

// comparisonRest parses the rest of a comparison whose first operand, begun at s, is left.
func (p *parser) comparisonRest(left ast.Expr, s int32) ast.Expr {
	op, ok := p.compareOp()
	if !ok {
		return left
	}
	c := p.nodes.compare.alloc(p, ast.Compare{Left: left})
	right := p.bitwiseOr()
	if op2, ok2 := p.compareOp(); !ok2 {
		// One operator, the common case.
		c.Ops, c.Comparators = p.nodes.cmpOpList.one(p, op), p.nodes.exprList.one(p, right)
	} else {
		var opBuf [8]ast.CmpOp
		ops := append(opBuf[:0], op)
		mark := len(p.exprs)
		p.exprs = append(p.exprs, right)
		for op, ok = op2, ok2; ok; op, ok = p.compareOp() {
			ops = append(ops, op)
			p.exprs = append(p.exprs, p.bitwiseOr())
		}
		c.Ops, c.Comparators = p.nodes.cmpOpList.of(p, ops), p.popExprs(mark)
	}
	c.Span = sp(s, p.prevEnd())
	return c
}

// binaryOps gives each binary operator token its operator and precedence, from | (1) up to
// the multiplicative operators (6). 0 means "not a binary operator" (** is handled by power).
var binaryOps = func() (t [token.NOTEQUAL_LEGACY + 1]struct {
	op   ast.Operator
	prec int8
}) {
	set := func(k token.Kind, op ast.Operator, prec int8) { t[k].op, t[k].prec = op, prec }
	set(token.VBAR, ast.BitOr, 1)
	set(token.CIRCUMFLEX, ast.BitXor, 2)
	set(token.AMPER, ast.BitAnd, 3)
	set(token.LEFTSHIFT, ast.LShift, 4)
	set(token.RIGHTSHIFT, ast.RShift, 4)
	set(token.PLUS, ast.Add, 5)
	set(token.MINUS, ast.Sub, 5)
	set(token.STAR, ast.Mult, 6)
	set(token.SLASH, ast.Div, 6)
	set(token.DOUBLESLASH, ast.FloorDiv, 6)
	set(token.PERCENT, ast.Mod, 6)
	set(token.AT, ast.MatMult, 6)
	return t
}()

// bitwiseOr parses the binary operators from | to * / // % @ by precedence climbing: the
// grammar's six left-associative levels (bitwise_or ... term) in one loop.
func (p *parser) bitwiseOr() ast.Expr { return p.binary(1) }

// binary parses operands joined by operators of precedence minPrec or higher.
func (p *parser) binary(minPrec int8) ast.Expr {
	s := p.start()
	return p.binaryRest(p.factor(), s, minPrec)
}

// binaryRest parses the rest of a binary expression whose first operand, begun at s, is
// left.
func (p *parser) binaryRest(left ast.Expr, s int32, minPrec int8) ast.Expr {
	for n := 0; ; n++ {
		k := p.kind()
		if int(k) >= len(binaryOps) {
			return left
		}
		info := binaryOps[k]
		if info.prec < minPrec || info.prec == 0 {
			return left
		}
		p.chain(n)
		p.advance()
		if p.kind() == token.NOT {
			switch k {
			case token.PLUS, token.MINUS, token.STAR, token.SLASH, token.PERCENT, token.DOUBLESLASH, token.AT:
				p.failNotAfterOperator() // CPython's invalid_arithmetic
			}
		}
		right := p.binary(info.prec + 1)
		b := p.nodes.binOp.slot(p)
		b.Span, b.Left, b.Op, b.Right = sp(s, p.prevEnd()), left, info.op, right
		left = b
	}
}

func (p *parser) factor() ast.Expr {
	t := p.tok()
	var op ast.UnaryOpKind
	switch t.Kind {
	case token.PLUS:
		op = ast.UAdd
	case token.MINUS:
		op = ast.USub
	case token.TILDE:
		op = ast.Invert
	default:
		return p.power()
	}
	p.advance()
	if p.kind() == token.NOT {
		p.failNotAfterOperator() // CPython's invalid_factor
	}
	p.enter()
	v := p.factor()
	p.leave()
	return p.nodes.unaryOp.alloc(p, ast.UnaryOp{Span: sp(t.Start, p.prevEnd()), Op: op, Operand: v})
}

// failNotAfterOperator reports `not` right after an arithmetic operator, when an operand
// follows it: "'not' after an operator must be parenthesized". It returns otherwise.
func (p *parser) failNotAfterOperator() {
	save := p.i
	p.advance()
	ok := p.startsExpr() && p.kind() != token.STAR && p.kind() != token.YIELD && p.kind() != token.LAMBDA
	p.seek(save)
	if ok {
		p.fail(p.start(), "'not' after an operator must be parenthesized")
	}
}

func (p *parser) power() ast.Expr {
	s := p.start()
	return p.powerRest(p.awaitPrimary(), s)
}

// powerRest parses the rest of a power whose operand, begun at s, is left.
func (p *parser) powerRest(left ast.Expr, s int32) ast.Expr {
	if p.kind() != token.DOUBLESTAR {
		return left
	}
	p.advance()
	p.enter()
	right := p.factor()
	p.leave()
	return p.nodes.binOp.alloc(p, ast.BinOp{Span: sp(s, p.prevEnd()), Left: left, Op: ast.Pow, Right: right})
}

func (p *parser) awaitPrimary() ast.Expr {
	if t := p.tok(); t.Kind == token.AWAIT {
		p.advance()
		v := p.primary()
		return p.nodes.awaitExpr.alloc(p, ast.Await{Span: sp(t.Start, p.prevEnd()), Value: v})
	}
	return p.primary()
}

// primary parses an atom followed by attribute references, calls and subscripts.
func (p *parser) primary() ast.Expr {
	t := p.tok()
	var e ast.Expr
	if t.Kind == token.NAME {
		// atom's most common case, without the call.
		p.advance()
		e = p.nodes.name.alloc(p, ast.Name{Span: sp(t.Start, t.End), ID: p.name(t)})
	} else {
		e = p.atom()
	}
	switch p.kind() {
	case token.DOT, token.LPAR, token.LSQB:
		return p.trailers(e, t.Start)
	}
	return e
}

func (p *parser) trailers(e ast.Expr, s int32) ast.Expr {
	for n := 0; ; n++ {
		if n > maxChain {
			p.fail(p.start(), "too many nested expressions: the source is too complex to parse")
		}
		switch p.kind() {
		case token.DOT:
			p.advance()
			var n string
			if t := p.tok(); t.Kind == token.NAME { // expectName, without the call
				p.advance()
				n = p.name(t)
			} else {
				n, _ = p.expectName()
			}
			a := p.nodes.attribute.slot(p)
			a.Span, a.Value, a.Attr, a.Ctx = sp(s, p.prevEnd()), e, n, ast.Load
			e = a
		case token.LPAR:
			e = p.call(e, s)
		case token.LSQB:
			p.advance()
			sl := p.slices()
			p.expect(token.RSQB)
			x := p.nodes.subscript.slot(p)
			x.Span, x.Value, x.Slice, x.Ctx = sp(s, p.prevEnd()), e, sl, ast.Load
			e = x
		default:
			return e
		}
	}
}

// call parses `(arguments)` after fn.
func (p *parser) call(fn ast.Expr, s int32) ast.Expr {
	lpar := p.next()
	// A lone generator expression argument: f(x for x in y).
	var args []ast.Expr
	var kws []*ast.Keyword
	mark, kmark := len(p.exprs), len(p.kws)
	if t := p.tok(); t.Kind != token.RPAR && t.Kind != token.STAR && t.Kind != token.DOUBLESTAR && p.peek1() != token.EQUAL {
		first := p.namedExpr()
		if k := p.kind(); k == token.FOR || k == token.ASYNC {
			gens := p.comprehensionClauses()
			if p.kind() != token.RPAR {
				p.fail(startOf(first), "Generator expression must be parenthesized")
			}
			rpar := p.next()
			g := p.nodes.generatorExp.alloc(p, ast.GeneratorExp{Span: sp(lpar.Start, rpar.End), Elt: first, Generators: gens})
			return p.nodes.call.alloc(p, ast.Call{Span: sp(s, rpar.End), Func: fn, Args: []ast.Expr{g}, Keywords: []*ast.Keyword{}})
		}
		switch p.kind() {
		case token.EQUAL:
			p.failArgumentAssign(first, t)
		case token.RPAR:
			// One positional argument, the most common call: its list made at once,
			// not through the stack.
			p.advance()
			args = p.nodes.exprList.one(p, first)
			goto made
		}
		p.exprs = append(p.exprs, first)
		if p.accept(token.COMMA) {
			p.callArgumentsOnStack()
		}
	} else if t.Kind == token.RPAR {
		p.advance() // no argument
		goto made
	} else {
		p.callArgumentsOnStack()
	}
	p.expect(token.RPAR)
	args, kws = p.popExprs(mark), p.popKeywords(kmark)
made:
	c := p.nodes.call.slot(p)
	c.Span, c.Func, c.Args, c.Keywords = sp(s, p.prevEnd()), fn, args, kws
	return c
}

// callArguments parses the arguments of a call or class definition up to ')'.
func (p *parser) callArguments() ([]ast.Expr, []*ast.Keyword) {
	mark, kmark := len(p.exprs), len(p.kws)
	p.callArgumentsOnStack()
	return p.popExprs(mark), p.popKeywords(kmark)
}

// callArgumentsOnStack parses arguments up to ')' onto the expression and keyword stacks.
func (p *parser) callArgumentsOnStack() {
	sawKeyword, sawDoubleStar := false, false
	for p.kind() != token.RPAR {
		t := p.tok()
		switch {
		case t.Kind == token.STAR:
			p.checkStarOperand()
			p.advance()
			v := p.expression()
			p.failUnpackingAssign(t, "cannot assign to iterable argument unpacking")
			if sawDoubleStar {
				p.fail(t.Start, "iterable argument unpacking follows keyword argument unpacking")
			}
			p.exprs = append(p.exprs, p.nodes.starred.alloc(p, ast.Starred{Span: sp(t.Start, p.prevEnd()), Value: v}))
		case t.Kind == token.DOUBLESTAR:
			p.advance()
			v := p.expression()
			p.failUnpackingAssign(t, "cannot assign to keyword argument unpacking")
			p.kws = append(p.kws, p.nodes.keyword.alloc(p, ast.Keyword{Span: sp(t.Start, p.prevEnd()), Value: v}))
			sawDoubleStar = true
		case (t.Kind == token.TRUE || t.Kind == token.FALSE || t.Kind == token.NONE) && p.peek1() == token.EQUAL:
			// invalid_kwarg: `True=1`.
			p.fail(t.Start, "cannot assign to "+p.src[t.Start:t.End])
		case t.Kind == token.NAME && p.peek1() == token.EQUAL:
			p.seek(p.i + 2)
			if k := p.kind(); k == token.COMMA || k == token.RPAR {
				p.fail(t.Start, "expected argument value expression") // invalid_kwarg: `f(a=)`
			}
			n := p.name(t)
			v := p.expression()
			if p.kind() == token.FOR || p.kind() == token.ASYNC {
				// invalid_kwarg: `f(a=x for x in y)`.
				p.comprehensionClauses()
				p.failAtUnclosedEnd()
				p.fail(t.Start, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
			}
			p.kws = append(p.kws, p.nodes.keyword.alloc(p, ast.Keyword{Span: sp(t.Start, p.prevEnd()), Arg: p.nodes.str.alloc(p, n), Value: v}))
			sawKeyword = true
		default:
			e := p.namedExpr()
			switch p.kind() {
			case token.FOR, token.ASYNC:
				p.fail(startOf(e), "Generator expression must be parenthesized")
			case token.EQUAL:
				p.failArgumentAssign(e, t)
			}
			if sawDoubleStar {
				p.fail(startOf(e), "positional argument follows keyword argument unpacking")
			}
			if sawKeyword {
				p.fail(startOf(e), "positional argument follows keyword argument")
			}
			p.exprs = append(p.exprs, e)
		}
		if !p.accept(token.COMMA) {
			break
		}
	}
}

// failArgumentAssign reports an argument e (begun by token t) followed by '=', where CPython's
// invalid_kwarg has `!(NAME '=') expression '='`: "expression cannot contain assignment". An
// unparenthesized `x := 1` is not an expression, so CPython's plain "invalid syntax" stands.
func (p *parser) failArgumentAssign(e ast.Expr, t token.Token) {
	if _, walrus := e.(*ast.NamedExpr); !walrus || t.Kind != token.NAME {
		p.fail(startOf(e), "expression cannot contain assignment, perhaps you meant \"==\"?")
	}
}

// failUnpackingAssign reports `*a = b` or `**a = b` in call arguments (t is the star), after
// the operand: CPython's invalid_kwarg raises msg once an expression follows the '='.
func (p *parser) failUnpackingAssign(t token.Token, msg string) {
	if p.kind() != token.EQUAL {
		return
	}
	switch p.peek1() {
	case token.STAR, token.YIELD:
		return
	}
	p.advance()
	if p.startsExpr() {
		p.expression()
		p.failAtUnclosedEnd()
		p.fail(t.Start, msg)
	}
	p.seek(p.i - 1)
}

// slices parses the inside of a subscript.
func (p *parser) slices() ast.Expr {
	s := p.start()
	first := p.slice()
	if p.kind() != token.COMMA {
		if _, ok := first.(*ast.Starred); ok {
			// x[*a] is x[(*a,)].
			return p.nodes.tuple.alloc(p, ast.Tuple{Span: sp(s, p.prevEnd()), Elts: []ast.Expr{first}})
		}
		return first
	}
	mark := len(p.exprs)
	p.exprs = append(p.exprs, first)
	for p.accept(token.COMMA) {
		if p.kind() == token.RSQB {
			break
		}
		e := p.slice()
		p.exprs = append(p.exprs, e)
	}
	return p.tuple(sp(s, p.prevEnd()), p.popExprs(mark))
}

func (p *parser) slice() ast.Expr {
	start := p.start()
	if p.kind() == token.STAR {
		p.checkStarOperand()
		p.requires(311, start, "starred expressions in subscripts")
		return p.starExpression()
	}
	var lower ast.Expr
	if p.kind() != token.COLON {
		from := p.i
		lower = p.namedExpression()
		if p.kind() != token.COLON {
			if p.target < 310 && p.bareWalrus(lower, from) {
				p.requires(310, start, "an assignment expression in a subscript without parentheses")
			}
			return lower
		}
		if p.bareWalrus(lower, from) {
			p.fail(p.start(), "invalid syntax") // a slice bound is an expression: x[(a := 1):2]
		}
	}
	p.advance() // ':'
	s := p.nodes.sliceExpr.alloc(p, ast.Slice{Lower: lower})
	if p.kind() != token.COLON && p.kind() != token.COMMA && p.kind() != token.RSQB {
		s.Upper = p.expression()
	}
	if p.accept(token.COLON) {
		if p.kind() != token.COMMA && p.kind() != token.RSQB {
			s.Step = p.expression()
		}
	}
	s.Span = sp(start, p.prevEnd())
	return s
}

// atom parses names, literals and displays.
func (p *parser) atom() ast.Expr {
	t := p.tok()
	switch t.Kind {
	case token.NAME:
		p.advance()
		return p.nodes.name.alloc(p, ast.Name{Span: sp(t.Start, t.End), ID: p.name(t)})
	case token.NUMBER:
		p.advance()
		return p.number(t)
	case token.STRING, token.FSTRING_START, token.TSTRING_START:
		return p.strings()
	case token.NONE:
		p.advance()
		return p.nodes.constant.alloc(p, ast.Constant{Span: sp(t.Start, t.End), Value: ast.ConstValue{Kind: ast.ConstNone}})
	case token.TRUE:
		p.advance()
		return p.nodes.constant.alloc(p, ast.Constant{Span: sp(t.Start, t.End), Value: ast.ConstValue{Kind: ast.ConstTrue}})
	case token.FALSE:
		p.advance()
		return p.nodes.constant.alloc(p, ast.Constant{Span: sp(t.Start, t.End), Value: ast.ConstValue{Kind: ast.ConstFalse}})
	case token.ELLIPSIS:
		p.advance()
		return p.nodes.constant.alloc(p, ast.Constant{Span: sp(t.Start, t.End), Value: ast.ConstValue{Kind: ast.ConstEllipsis}})
	case token.LPAR:
		return p.parenthesized()
	case token.LSQB:
		return p.listDisplay()
	case token.LBRACE:
		return p.braceDisplay()
	}
	if t.Kind.IsKeyword() {
		p.fail(t.Start, "invalid syntax")
	}
	p.errorExpected("")
	return nil
}

func (p *parser) parenthesized() ast.Expr {
	lpar := p.next()
	p.enter()
	if t := p.tok(); t.Kind == token.RPAR {
		p.advance()
		out := p.nodes.tuple.alloc(p, ast.Tuple{Span: sp(lpar.Start, t.End), Elts: []ast.Expr{}})
		p.leave()
		return out
	}
	if p.kind() == token.YIELD {
		y := p.yieldExpr()
		p.expect(token.RPAR)
		p.leave()
		return y
	}
	if p.kind() == token.STAR {
		p.checkStarOperand()
	}
	first := p.starNamedExpression()
	switch p.kind() {
	case token.RPAR:
		if _, ok := first.(*ast.Starred); ok {
			p.fail(startOf(first), "cannot use starred expression here")
		}
		p.advance()
		p.leave()
		return first
	case token.FOR, token.ASYNC:
		p.noStarredElement(first)
		gens := p.comprehensionClauses()
		r := p.expect(token.RPAR)
		out := p.nodes.generatorExp.alloc(p, ast.GeneratorExp{Span: sp(lpar.Start, r.End), Elt: first, Generators: gens})
		p.leave()
		return out
	case token.COMMA:
		mark := len(p.exprs)
		p.exprs = append(p.exprs, first)
		for p.accept(token.COMMA) {
			if p.kind() == token.RPAR {
				break
			}
			e := p.starNamedExpression()
			p.exprs = append(p.exprs, e)
		}
		r := p.expect(token.RPAR)
		out := p.tuple(sp(lpar.Start, r.End), p.popExprs(mark))
		p.leave()
		return out
	}
	p.errorExpected(")")
	p.leave()
	return nil
}

func (p *parser) listDisplay() ast.Expr {
	lsqb := p.next()
	p.enter()
	if t := p.tok(); t.Kind == token.RSQB {
		p.advance()
		out := &ast.List{Span: sp(lsqb.Start, t.End), Elts: []ast.Expr{}}
		p.leave()
		return out
	}
	if p.kind() == token.STAR {
		p.checkStarOperand()
	}
	first := p.starNamedExpression()
	if p.kind() == token.FOR || p.kind() == token.ASYNC {
		p.noStarredElement(first)
		gens := p.comprehensionClauses()
		r := p.expect(token.RSQB)
		out := p.nodes.listComp.alloc(p, ast.ListComp{Span: sp(lsqb.Start, r.End), Elt: first, Generators: gens})
		p.leave()
		return out
	}
	mark := len(p.exprs)
	p.exprs = append(p.exprs, first)
	for p.accept(token.COMMA) {
		if p.kind() == token.RSQB {
			break
		}
		e := p.starNamedExpression()
		p.exprs = append(p.exprs, e)
	}
	r := p.expect(token.RSQB)
	out := p.nodes.list.slot(p)
	out.Span, out.Elts, out.Ctx = sp(lsqb.Start, r.End), p.popExprs(mark), ast.Load
	p.leave()
	return out
}

func (p *parser) braceDisplay() ast.Expr {
	lbrace := p.next()
	p.enter()
	if t := p.tok(); t.Kind == token.RBRACE {
		p.advance()
		out := &ast.Dict{Span: sp(lbrace.Start, t.End), Keys: []ast.Expr{}, Values: []ast.Expr{}}
		p.leave()
		return out
	}
	// Dict: first item is `key: value` or `**mapping`.
	if t := p.tok(); t.Kind == token.DOUBLESTAR {
		p.advance()
		v := p.bitwiseOr()
		out := p.dictRest(lbrace, nil, v)
		p.leave()
		return out
	}
	if p.kind() == token.STAR {
		p.checkStarOperand()
	}
	firstAt := p.i
	first := p.starNamedExpression()
	setWalrus := func(e ast.Expr, from int) {
		if p.target < 309 && p.bareWalrus(e, from) {
			p.requires(309, startOf(e), "an assignment expression in a set without parentheses")
		}
	}
	if p.kind() == token.COLON {
		if _, ok := first.(*ast.Starred); ok {
			p.fail(startOf(first), "cannot use a starred expression in a dictionary value")
		}
		p.advance()
		v := p.expression()
		if p.kind() == token.FOR || p.kind() == token.ASYNC {
			gens := p.comprehensionClauses()
			r := p.expect(token.RBRACE)
			out := p.nodes.dictComp.alloc(p, ast.DictComp{Span: sp(lbrace.Start, r.End), Key: first, Value: v, Generators: gens})
			p.leave()
			return out
		}
		out := p.dictRest(lbrace, first, v)
		p.leave()
		return out
	}
	setWalrus(first, firstAt)
	if p.kind() == token.FOR || p.kind() == token.ASYNC {
		p.noStarredElement(first)
		gens := p.comprehensionClauses()
		r := p.expect(token.RBRACE)
		out := p.nodes.setComp.alloc(p, ast.SetComp{Span: sp(lbrace.Start, r.End), Elt: first, Generators: gens})
		p.leave()
		return out
	}
	elts := []ast.Expr{first}
	for p.accept(token.COMMA) {
		if p.kind() == token.RBRACE {
			break
		}
		from := p.i
		e := p.starNamedExpression()
		setWalrus(e, from)
		elts = append(elts, e)
	}
	r := p.expect(token.RBRACE)
	out := p.nodes.set.alloc(p, ast.Set{Span: sp(lbrace.Start, r.End), Elts: elts})
	p.leave()
	return out
}

// dictRest parses the items after the first of a dict display.
func (p *parser) dictRest(lbrace token.Token, k, v ast.Expr) ast.Expr {
	mark := len(p.exprs) // the keys and values, in pairs (see popPairs)
	p.exprs = append(p.exprs, k, v)
	if k == nil && (p.kind() == token.FOR || p.kind() == token.ASYNC) {
		p.fail(startOf(v), "dict unpacking cannot be used in dict comprehension")
	}
	for p.accept(token.COMMA) {
		if p.kind() == token.RBRACE {
			break
		}
		if p.accept(token.DOUBLESTAR) {
			v := p.bitwiseOr()
			p.exprs = append(p.exprs, nil, v)
			continue
		}
		key := p.expression()
		if p.kind() != token.COLON {
			p.fail(p.start(), "':' expected after dictionary key")
		}
		p.advance()
		v := p.expression()
		p.exprs = append(p.exprs, key, v)
	}
	r := p.expect(token.RBRACE)
	keys, values := p.popPairs(mark)
	return p.nodes.dict.alloc(p, ast.Dict{Span: sp(lbrace.Start, r.End), Keys: keys, Values: values})
}

// maxChain bounds left-nested chains (a.b.c..., 1+1+..., f()()...), whose trees are as deep
// as they are long: CPython gives up on them near this depth too.
const maxChain = 10000

// chain fails when a left-nested chain gets longer than maxChain.
func (p *parser) chain(n int) {
	if n > maxChain {
		p.fail(p.start(), "too many nested expressions: the source is too complex to parse")
	}
}

// noStarredElement rejects `[*a for a in b]`.
func (p *parser) noStarredElement(e ast.Expr) {
	if _, ok := e.(*ast.Starred); ok {
		p.fail(startOf(e), "iterable unpacking cannot be used in comprehension")
	}
}

// comprehensionClauses parses one or more `[async] for targets in iter [if cond]*`.
func (p *parser) comprehensionClauses() []*ast.Comprehension {
	var gens []*ast.Comprehension
	for p.kind() == token.FOR || p.kind() == token.ASYNC {
		c := p.nodes.comprehension.alloc(p, ast.Comprehension{Ifs: []ast.Expr{}})
		if p.accept(token.ASYNC) {
			c.IsAsync = 1
		}
		p.expect(token.FOR)
		c.Target = p.targetList()
		p.setContext(c.Target, ast.Store)
		p.expect(token.IN)
		c.Iter = p.disjunction()
		for p.accept(token.IF) {
			c.Ifs = append(c.Ifs, p.disjunction())
		}
		gens = append(gens, c)
	}
	return gens
}

func (p *parser) yieldExpr() ast.Expr {
	t := p.next()
	if p.accept(token.FROM) {
		v := p.expression()
		return &ast.YieldFrom{Span: sp(t.Start, p.prevEnd()), Value: v}
	}
	y := p.nodes.yieldExpr.alloc(p, ast.Yield{})
	if p.startsExpr() && p.kind() != token.YIELD {
		y.Value = p.starExpressions()
	}
	y.Span = sp(t.Start, p.prevEnd())
	return y
}

// ---------------------------------------------------------------------------------------------
// Targets.

// targetList parses `star_target (',' star_target)* [',']` for `for` loops and comprehensions.
func (p *parser) targetList() ast.Expr {
	s := p.start()
	first := p.targetItem()
	if p.kind() != token.COMMA {
		return first
	}
	elts := []ast.Expr{first}
	for p.accept(token.COMMA) {
		if !p.startsTarget() {
			break
		}
		elts = append(elts, p.targetItem())
	}
	return p.nodes.tuple.alloc(p, ast.Tuple{Span: sp(s, p.prevEnd()), Elts: elts})
}

// targetItem parses one target: a starred target or a primary expression.
func (p *parser) targetItem() ast.Expr {
	if t := p.tok(); t.Kind == token.STAR {
		p.advance()
		v := p.targetItem()
		return p.nodes.starred.alloc(p, ast.Starred{Span: sp(t.Start, p.prevEnd()), Value: v})
	}
	return p.primary()
}

// setContext marks e as assigned (Store) or deleted (Del), checking it is a valid target.
func (p *parser) setContext(e ast.Expr, ctx ast.ExprContext) {
	switch x := e.(type) {
	case *ast.Name:
		x.Ctx = ctx
	case *ast.Attribute:
		x.Ctx = ctx
	case *ast.Subscript:
		x.Ctx = ctx
	case *ast.Starred:
		if ctx == ast.Del {
			p.fail(x.Start, "cannot delete starred")
		}
		x.Ctx = ctx
		p.setContext(x.Value, ctx)
	case *ast.Tuple:
		x.Ctx = ctx
		for _, el := range x.Elts {
			p.setContext(el, ctx)
		}
	case *ast.List:
		x.Ctx = ctx
		for _, el := range x.Elts {
			p.setContext(el, ctx)
		}
	default:
		if ctx == ast.Store && p.assignHint.first != nil {
			h := p.assignHint
			p.assignHint.first = nil
			p.failMeantEquals(h)
		}
		verb := "assign to"
		if ctx == ast.Del {
			verb = "delete"
		}
		p.fail(startOf(e), "cannot "+verb+" "+describe(e))
	}
}

// describe names an expression kind the way CPython's error messages do.
func describe(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Call:
		return "function call"
	case *ast.Compare:
		return "comparison"
	case *ast.BoolOp, *ast.BinOp, *ast.UnaryOp:
		return "expression"
	case *ast.Lambda:
		return "lambda"
	case *ast.IfExp:
		return "conditional expression"
	case *ast.NamedExpr:
		return "named expression"
	case *ast.Constant:
		switch x.Value.Kind {
		case ast.ConstNone:
			return "None"
		case ast.ConstTrue:
			return "True"
		case ast.ConstFalse:
			return "False"
		case ast.ConstEllipsis:
			return "ellipsis"
		}
		return "literal"
	case *ast.JoinedStr:
		return "f-string expression"
	case *ast.Dict:
		return "dict literal"
	case *ast.Set:
		return "set display"
	case *ast.ListComp:
		return "list comprehension"
	case *ast.SetComp:
		return "set comprehension"
	case *ast.DictComp:
		return "dict comprehension"
	case *ast.GeneratorExp:
		return "generator expression"
	case *ast.Await:
		return "await expression"
	case *ast.Yield, *ast.YieldFrom:
		return "yield expression"
	case *ast.Tuple:
		return "tuple"
	case *ast.List:
		return "list"
	case *ast.Starred:
		return "starred"
	case *ast.Name:
		return "name"
	case *ast.Attribute:
		return "attribute"
	case *ast.Subscript:
		return "subscript"
	}
	return "expression"
}
