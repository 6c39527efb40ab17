package parser

import (
	"slices"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// moduleBlock is the number of top-level statements moved off the stack at a time.
const moduleBlock = 4096

func (p *parser) parseModule() *ast.Module {
	mod := &ast.Module{}
	// The statements of a large module are moved off the stack in blocks as they come, and
	// copied once into the body at the end: the stack does not grow to the size of the
	// module, a copy at each step.
	var blocks [][]ast.Stmt
	n := 0
	for p.kind() != token.ENDMARKER {
		p.statementRecovering(true)
		p.compact()
		if len(p.stmts) >= moduleBlock {
			blocks = append(blocks, slices.Clone(p.stmts))
			n += len(p.stmts)
			p.stmts = p.stmts[:0]
		}
	}
	if blocks == nil {
		mod.Body = p.popStmts(0)
		return mod
	}
	mod.Body = make([]ast.Stmt, 0, n+len(p.stmts))
	for _, b := range blocks {
		mod.Body = append(mod.Body, b...)
	}
	mod.Body = append(mod.Body, p.popStmts(0)...)
	return mod
}

// statementRecovering parses one statement onto the statement stack; on a syntax error it
// skips to the end of the logical line so that parsing goes on with the next statement.
func (p *parser) statementRecovering(top bool) {
	start := p.i
	marks := p.marks()
	ok := func() (ok bool) {
		defer func() {
			if r := recover(); r != nil {
				if _, isBail := r.(bailout); !isBail {
					panic(r)
				}
				ok = false
			}
		}()
		p.depth = 0
		p.statement()
		return true
	}()
	if ok {
		p.failedStmt = false
		return
	}
	p.afterFailedStatement(start, marks, top)
}

// afterFailedStatement goes on after the statement that began at token index start (the
// stacks at marks) failed: it skips the rest of its logical line.
func (p *parser) afterFailedStatement(start int, marks stackMarks, top bool) {
	p.reset(marks)
	// As after a statement that parsed: the levels the failure unwound did not leave (enter
	// and leave are not deferred).
	p.depth = 0
	p.failedStmt = true
	p.skipLine()
	if p.i == start && p.kind() != token.ENDMARKER {
		p.advance() // always make progress
	}
	// A DEDENT that closes a block this statement opened is left for the caller; at top level
	// stray DEDENTs are dropped.
	if top {
		for p.kind() == token.DEDENT {
			p.advance()
		}
	}
}

// blockStatements parses the statements of a block onto the stack, up to its DEDENT or the
// end of the file, each as statementRecovering does; the statements up to a failure run
// under one deferred recover instead of a closure and a recover each (500,000 statements
// in the 3.13 standard library).
func (p *parser) blockStatements() {
	for {
		start, marks, ok := p.statementsUntilError()
		if ok {
			return
		}
		p.afterFailedStatement(start, marks, false)
	}
}

// statementsUntilError parses statements up to the block's DEDENT or the end of the file; on
// a syntax error it returns where the failed statement began, and false.
func (p *parser) statementsUntilError() (start int, marks stackMarks, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			ok = false
		}
	}()
	for k := p.kind(); k != token.DEDENT && k != token.ENDMARKER; k = p.kind() {
		start, marks = p.i, p.marks()
		p.depth = 0
		p.statement()
		p.failedStmt = false
	}
	return start, marks, true
}

// skipLine moves past the NEWLINE that ends the current logical line.
func (p *parser) skipLine() {
	for {
		switch p.kind() {
		case token.ENDMARKER, token.INDENT, token.DEDENT:
			return
		case token.NEWLINE:
			p.advance()
			return
		}
		p.advance()
	}
}

// statement parses a compound statement or a line of simple statements onto the stack.
func (p *parser) statement() {
	switch p.kind() {
	case token.DEF, token.CLASS, token.AT, token.IF, token.WHILE, token.FOR, token.WITH, token.TRY:
		p.stmts = append(p.stmts, p.compoundStmt())
		return
	case token.ASYNC:
		switch p.peek1() {
		case token.DEF, token.FOR, token.WITH:
			p.stmts = append(p.stmts, p.compoundStmt())
			return
		}
	case token.INDENT:
		if p.failedStmt {
			// The body of a statement whose header was broken: take its statements in.
			p.advance()
			p.blockStatements()
			p.accept(token.DEDENT)
			p.failedStmt = true
			return
		}
		p.fail(p.start(), "unexpected indent")
	case token.DEDENT:
		// Blocks consume their own DEDENT, so one here is left over from a statement that
		// failed after opening a block: the error is already reported.
		p.advance()
		return
	case token.NAME:
		if t := p.tok(); t.End-t.Start == 5 && p.isSoft("match") {
			if s, ok := p.matchStmt(); ok {
				if s != nil { // else the line was simple statements after all
					p.stmts = append(p.stmts, s)
				}
				return
			}
		}
	}
	p.simpleStmts()
}

func (p *parser) compoundStmt() ast.Stmt {
	switch p.kind() {
	case token.AT:
		return p.decorated()
	case token.DEF:
		return p.funcDef(nil, -1)
	case token.CLASS:
		return p.classDef(nil)
	case token.IF:
		return p.ifStmt()
	case token.WHILE:
		return p.whileStmt()
	case token.FOR:
		return p.forStmt(-1)
	case token.WITH:
		return p.withStmt(-1)
	case token.TRY:
		return p.tryStmt()
	case token.ASYNC:
		async := p.start()
		p.advance()
		switch p.kind() {
		case token.DEF:
			return p.funcDef(nil, async)
		case token.FOR:
			return p.forStmt(async)
		case token.WITH:
			return p.withStmt(async)
		}
	}
	p.errorExpected("")
	return nil
}

// simpleStmts parses `simple_stmt (';' simple_stmt)* [';'] NEWLINE` onto the stack.
func (p *parser) simpleStmts() {
	for {
		p.stmts = append(p.stmts, p.simpleStmt())
		if p.kind() != token.SEMI {
			break
		}
		p.advance()
		if p.kind() == token.NEWLINE {
			break
		}
	}
	if p.kind() != token.NEWLINE {
		p.errorExpected("NEWLINE")
	}
	p.advance()
}

func (p *parser) simpleStmt() ast.Stmt {
	t := p.tok()
	switch t.Kind {
	case token.PASS:
		p.advance()
		return p.nodes.passStmt.alloc(p, ast.Pass{Span: sp(t.Start, t.End)})
	case token.BREAK:
		p.advance()
		return p.nodes.breakStmt.alloc(p, ast.Break{Span: sp(t.Start, t.End)})
	case token.CONTINUE:
		p.advance()
		return p.nodes.continueStmt.alloc(p, ast.Continue{Span: sp(t.Start, t.End)})
	case token.RETURN:
		p.advance()
		var v ast.Expr
		if p.startsExpr() {
			v = p.starExpressions()
		}
		return p.nodes.ret.alloc(p, ast.Return{Span: sp(t.Start, p.prevEnd()), Value: v})
	case token.IMPORT:
		return p.importStmt()
	case token.FROM:
		return p.importFrom()
	case token.RAISE:
		p.advance()
		s := p.nodes.raiseStmt.alloc(p, ast.Raise{})
		if p.startsExpr() {
			s.Exc = p.expression()
			if p.accept(token.FROM) {
				s.Cause = p.expression()
			}
		}
		s.Span = sp(t.Start, p.prevEnd())
		return s
	case token.GLOBAL, token.NONLOCAL:
		p.advance()
		var names []string
		for {
			n, _ := p.expectName()
			names = append(names, n)
			if !p.accept(token.COMMA) {
				break
			}
		}
		if t.Kind == token.GLOBAL {
			return p.nodes.globalStmt.alloc(p, ast.Global{Span: sp(t.Start, p.prevEnd()), Names: names})
		}
		return &ast.Nonlocal{Span: sp(t.Start, p.prevEnd()), Names: names}
	case token.DEL:
		p.advance()
		var targets []ast.Expr
		for {
			e := p.targetItem()
			p.setContext(e, ast.Del)
			targets = append(targets, e)
			if !p.accept(token.COMMA) || !p.startsTarget() {
				break
			}
		}
		return p.nodes.deleteStmt.alloc(p, ast.Delete{Span: sp(t.Start, p.prevEnd()), Targets: targets})
	case token.ASSERT:
		p.advance()
		s := p.nodes.assertStmt.alloc(p, ast.Assert{Test: p.expression()})
		if p.accept(token.COMMA) {
			s.Msg = p.expression()
		}
		s.Span = sp(t.Start, p.prevEnd())
		return s
	case token.NAME:
		if t.End-t.Start == 4 && p.isSoft("type") && p.peek1() == token.NAME && (p.peekKind(2) == token.EQUAL || p.peekKind(2) == token.LSQB) {
			return p.typeAlias()
		}
	}
	return p.exprOrAssign()
}

// exprOrAssign parses an expression statement or any kind of assignment.
func (p *parser) exprOrAssign() ast.Stmt {
	start, startIdx := p.start(), p.i
	var first ast.Expr
	if p.kind() == token.YIELD {
		first = p.yieldExpr()
	} else {
		first = p.starExpressions()
	}
	firstEnd := p.i
	if n, ok := first.(*ast.Name); ok && (n.ID == "print" || n.ID == "exec") {
		switch p.kind() {
		case token.NAME, token.STRING, token.NUMBER, token.FSTRING_START, token.LSQB, token.LBRACE:
			p.fail(start, "Missing parentheses in call to '"+n.ID+"'. Did you mean "+n.ID+"(...)?")
		}
	}
	switch k := p.kind(); k {
	case token.COLON:
		p.advance()
		p.checkAnnTarget(first)
		p.setContext(first, ast.Store)
		s := p.nodes.annAssign.alloc(p, ast.AnnAssign{Target: first, Annotation: p.expression()})
		if _, ok := first.(*ast.Name); ok && !p.parenthesizedAt(start) {
			s.Simple = 1
		}
		if p.accept(token.EQUAL) {
			s.Value = p.assignValue()
		}
		s.Span = sp(start, p.prevEnd())
		return s
	case token.EQUAL:
		var targets []ast.Expr
		var value ast.Expr
		if p.accept(token.EQUAL) {
			value = p.assignValue()
			if p.kind() != token.EQUAL {
				targets = p.nodes.exprList.one(p, first) // `a = b`, the common case
			} else {
				mark := len(p.exprs)
				p.exprs = append(p.exprs, first, value)
				for p.accept(token.EQUAL) {
					value = p.assignValue()
					if p.kind() == token.EQUAL {
						p.exprs = append(p.exprs, value)
					}
				}
				targets = p.popExprs(mark)
			}
		}
		if len(targets) == 1 {
			p.assignHint = assignHint{from: startIdx, to: firstEnd, first: first}
		}
		for _, t := range targets {
			p.setContext(t, ast.Store)
		}
		p.assignHint.first = nil
		a := p.nodes.assign.slot(p)
		a.Span, a.Targets, a.Value, a.TypeComment = sp(start, p.prevEnd()), targets, value, nil
		return a
	default:
		if op := augOps[k]; op != 0 {
			op-- // stored one more than the operator: 0 is not an augmented assignment
			switch first.(type) {
			case *ast.Name, *ast.Attribute, *ast.Subscript:
			default:
				p.fail(start, "'"+describe(first)+"' is an illegal expression for augmented assignment")
			}
			p.advance()
			p.setContext(first, ast.Store)
			value := p.assignValue()
			return p.nodes.augAssign.alloc(p, ast.AugAssign{Span: sp(start, p.prevEnd()), Target: first, Op: op, Value: value})
		}
	}
	return p.nodes.exprStmt.alloc(p, ast.ExprStmt{Span: sp(start, p.prevEnd()), Value: first})
}

// assignHint is the statement `first = value` (one '=') whose targets setContext checks: the
// tokens of first are [from, to), the value starts at token to+1.
type assignHint struct {
	from, to int
	first    ast.Expr
}

// failMeantEquals reports an invalid target of `first = value` as CPython's
// invalid_named_expression does, when it applies: that rule sees the last element of first
// (what the parser took for an expression followed by '=') and fires when it is a bitwise_or
// that is not a list, tuple, generator expression, True, None or False, and a bitwise_or
// starts the value: "cannot assign to function call here. Maybe you meant '==' instead of
// '='?" (for a name: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"). It
// returns when the rule does not apply.
func (p *parser) failMeantEquals(h assignHint) {
	p.fill(h.to + 1)
	if h.to+1 >= len(p.toks) {
		return
	}
	switch p.toks[h.to+1].Kind {
	case token.STAR, token.LAMBDA, token.NOT, token.YIELD:
		return // no bitwise_or starts the value
	}
	// The last element: the tokens after the last comma outside brackets.
	e, from, depth := h.first, h.from, 0
	for i := h.to - 1; i >= h.from; i-- {
		switch p.toks[i].Kind {
		case token.RPAR, token.RSQB, token.RBRACE:
			depth++
		case token.LPAR, token.LSQB, token.LBRACE:
			depth--
		case token.COMMA:
			if depth == 0 && i > h.from {
				from = i + 1
				i = h.from // stop
			}
		}
	}
	if tup, ok := h.first.(*ast.Tuple); ok && from > h.from {
		e = tup.Elts[len(tup.Elts)-1]
	} else if from > h.from {
		return
	}
	switch p.toks[from].Kind {
	case token.TRUE, token.NONE, token.FALSE:
		return
	case token.LSQB, token.LPAR:
		// A list, a tuple or a generator expression at the start excludes the element.
		open := p.toks[from].Kind
		empty, comma, comp := true, false, false
		d := 0
		for i := from; i < h.to; i++ {
			switch p.toks[i].Kind {
			case token.LPAR, token.LSQB, token.LBRACE:
				d++
				continue
			case token.RPAR, token.RSQB, token.RBRACE:
				d--
				if d == 0 {
					i = h.to // stop
				}
				continue
			}
			if d == 1 {
				empty = false
				switch p.toks[i].Kind {
				case token.COMMA:
					comma = true
				case token.FOR:
					comp = true
				}
			}
		}
		if open == token.LSQB && !comp || open == token.LPAR && (empty || comma || comp) {
			return
		}
	}
	wrapped := p.toks[from].Kind == token.LPAR && p.wrappedRange(from, h.to)
	if !wrapped {
		switch x := e.(type) {
		case *ast.Compare, *ast.BoolOp, *ast.IfExp, *ast.Lambda, *ast.NamedExpr, *ast.Starred,
			*ast.Yield, *ast.YieldFrom:
			return
		case *ast.UnaryOp:
			if x.Op == ast.Not {
				return
			}
		}
		if h.to == from+1 && p.toks[from].Kind == token.NAME {
			p.fail(p.toks[from].Start, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
		}
	}
	p.fail(startOf(e), "cannot assign to "+describe(e)+" here. Maybe you meant '==' instead of '='?")
}

// parenthesizedAt reports whether the expression starting at offset start began with '('.
func (p *parser) parenthesizedAt(start int32) bool { return p.src[start] == '(' }

func (p *parser) checkAnnTarget(e ast.Expr) {
	switch e.(type) {
	case *ast.Name, *ast.Attribute, *ast.Subscript:
		return
	case *ast.Tuple:
		p.fail(startOf(e), "only single target (not tuple) can be annotated")
	case *ast.List:
		p.fail(startOf(e), "only single target (not list) can be annotated")
	}
	p.fail(startOf(e), "illegal target for annotation")
}

func (p *parser) assignValue() ast.Expr {
	if p.kind() == token.YIELD {
		return p.yieldExpr()
	}
	return p.starExpressions()
}

// augOps holds, for each augmented assignment's token, its operator plus one (0 for the other
// kinds): an array, where a map look-up for every expression statement was 0.75% of a parse.
var augOps = [256]ast.Operator{
	token.PLUSEQUAL: ast.Add + 1, token.MINEQUAL: ast.Sub + 1, token.STAREQUAL: ast.Mult + 1,
	token.ATEQUAL: ast.MatMult + 1, token.SLASHEQUAL: ast.Div + 1, token.PERCENTEQUAL: ast.Mod + 1,
	token.AMPEREQUAL: ast.BitAnd + 1, token.VBAREQUAL: ast.BitOr + 1, token.CIRCUMFLEXEQUAL: ast.BitXor + 1,
	token.LEFTSHIFTEQUAL: ast.LShift + 1, token.RIGHTSHIFTEQUAL: ast.RShift + 1,
	token.DOUBLESTAREQUAL: ast.Pow + 1, token.DOUBLESLASHEQUAL: ast.FloorDiv + 1,
}

func (p *parser) typeAlias() ast.Stmt {
	start := p.next().Start
	id, nt := p.expectName()
	name := p.nodes.name.alloc(p, ast.Name{Span: sp(nt.Start, nt.End), ID: id, Ctx: ast.Store})
	p.requires(312, start, "the type statement")
	var params []ast.TypeParam
	if p.kind() == token.LSQB {
		params = p.typeParams()
	}
	p.expect(token.EQUAL)
	v := p.expression()
	return &ast.TypeAlias{Span: sp(start, p.prevEnd()), Name: name, TypeParams: params, Value: v}
}

func (p *parser) importStmt() ast.Stmt {
	start := p.next().Start
	p.checkImportNames()
	var namesBuf [4]*ast.Alias // most imports name a few: the list is cut from a slab
	names := namesBuf[:0]
	hasAs := false
	for {
		a := p.nodes.alias.alloc(p, ast.Alias{})
		s := p.start()
		a.Name = p.dottedName()
		if p.accept(token.AS) {
			n, _ := p.expectName()
			a.Asname = p.nodes.str.alloc(p, n)
			hasAs = true
		}
		a.Span = sp(s, p.prevEnd())
		names = append(names, a)
		if !p.accept(token.COMMA) {
			break
		}
	}
	if p.kind() == token.FROM && !hasAs && p.peek1() == token.NAME {
		// CPython's invalid_import: 'import' ','.dotted_name+ 'from' dotted_name.
		p.fail(start, "Did you mean to use 'from ... import ...' instead?")
	}
	return p.nodes.importStmt.alloc(p, ast.Import{Span: sp(start, p.prevEnd()), Names: p.nodes.aliasList.of(p, names)})
}

// checkImportNames reports an import statement ending right after 'import', as CPython does.
func (p *parser) checkImportNames() {
	if p.kind() == token.NEWLINE {
		p.errorNotExpected()
		p.fail(p.start(), "Expected one or more names after 'import'")
	}
}

func (p *parser) dottedName() string {
	n, first := p.expectName()
	if p.kind() != token.DOT {
		return n
	}
	// Written without space and of ASCII names, as most are, the name is its source text;
	// else it is built from the tokens (DOT NAME ...) from index from.
	from, size, plain := p.i, len(n), !first.NonASCII
	for p.accept(token.DOT) {
		_, t := p.expectName()
		size += 1 + int(t.End-t.Start)
		plain = plain && !t.NonASCII
	}
	if end := p.prevEnd(); plain && int(end-first.Start) == size {
		return p.src[first.Start:end]
	}
	b := []byte(n)
	for i := from; i+1 < p.i; i += 2 {
		b = append(b, '.')
		b = append(b, p.name(p.toks[i+1])...)
	}
	return string(b)
}

func (p *parser) importFrom() ast.Stmt {
	start := p.next().Start
	level := 0
	for {
		if p.accept(token.DOT) {
			level++
		} else if p.accept(token.ELLIPSIS) {
			level += 3
		} else {
			break
		}
	}
	s := p.nodes.importFrom.alloc(p, ast.ImportFrom{Level: level})
	if p.kind() != token.IMPORT || level == 0 {
		s.Module = p.nodes.str.alloc(p, p.dottedName())
	}
	p.expect(token.IMPORT)
	p.checkImportNames()
	if t := p.tok(); t.Kind == token.STAR {
		p.advance()
		s.Names = []*ast.Alias{{Span: sp(t.Start, t.End), Name: "*"}}
		s.Span = sp(start, p.prevEnd())
		return s
	}
	paren := p.accept(token.LPAR)
	var namesBuf [8]*ast.Alias
	names := namesBuf[:0]
	for {
		a := p.nodes.alias.alloc(p, ast.Alias{})
		n, t := p.expectName()
		a.Name = n
		if p.accept(token.AS) {
			n, _ := p.expectName()
			a.Asname = p.nodes.str.alloc(p, n)
		}
		a.Span = sp(t.Start, p.prevEnd())
		names = append(names, a)
		if !p.accept(token.COMMA) {
			break
		}
		if paren && p.kind() == token.RPAR {
			break
		}
		if !paren && p.kind() == token.NEWLINE {
			p.fail(p.prevEnd()-1, "trailing comma not allowed without surrounding parentheses")
		}
	}
	if paren {
		p.expect(token.RPAR)
	}
	s.Names = p.nodes.aliasList.of(p, names)
	s.Span = sp(start, p.prevEnd())
	return s
}

// ---------------------------------------------------------------------------------------------
// Blocks and compound statements.

// block parses the body after a ':' of a compound statement.
func (p *parser) block(what string, headerStart int32) []ast.Stmt {
	mark := len(p.stmts)
	if p.kind() != token.NEWLINE {
		p.simpleStmts()
		return p.popStmts(mark)
	}
	p.advance()
	if p.kind() != token.INDENT {
		line := p.lineOf(headerStart)
		at := p.start()
		if p.kind() == token.ENDMARKER || p.kind() == token.DEDENT && p.peek1() == token.ENDMARKER {
			at = p.toks[p.i-1].Start // the file ends: point at the end of the header line
		}
		p.fail(at, "expected an indented block after "+what+" on line "+itoa(line))
	}
	p.advance()
	p.enter()
	p.blockStatements()
	p.leave()
	p.accept(token.DEDENT)
	p.failedStmt = false
	return p.popStmts(mark)
}

func (p *parser) lineOf(off int32) int {
	line, _ := p.lineIndex().Position(int(off))
	return line
}

// lineIndex returns the line index of the source, made the first time it is asked for: the
// Arena's, in the first parse after its Reset.
func (p *parser) lineIndex() *ast.LineIndex {
	if p.lines == nil {
		if a := p.arena; a != nil && !a.linesOut {
			a.lines.Reset(p.src)
			p.lines, a.linesOut = &a.lines, true
		} else {
			p.lines = ast.NewLineIndex(p.src)
		}
	}
	return p.lines
}

// lastRealEnd returns the end of the last token consumed that is not a NEWLINE, INDENT or
// DEDENT: CPython ends a compound statement there (a trailing ';' included).
func (p *parser) lastRealEnd() int32 {
	for i := p.i - 1; i >= 0; i-- {
		switch p.toks[i].Kind {
		case token.NEWLINE, token.INDENT, token.DEDENT:
			continue
		}
		return p.toks[i].End
	}
	return 0
}

func (p *parser) decorated() ast.Stmt {
	var buf [4]ast.Expr // the list is cut from a slab
	decorators := buf[:0]
	for p.kind() == token.AT {
		at := p.next()
		d := p.namedExpression()
		if !isSimpleDecorator(d) {
			p.requires(309, at.Start, "a decorator that is not a dotted name or a call")
		}
		decorators = append(decorators, d)
		if p.kind() != token.NEWLINE {
			p.errorExpected("NEWLINE")
		}
		p.advance()
	}
	decos := p.nodes.exprList.of(p, decorators)
	switch p.kind() {
	case token.DEF:
		return p.funcDef(decos, -1)
	case token.CLASS:
		return p.classDef(decos)
	case token.ASYNC:
		if p.peek1() == token.DEF {
			async := p.next().Start
			return p.funcDef(decos, async)
		}
	}
	p.errorExpected("def")
	return nil
}

func isSimpleDecorator(e ast.Expr) bool {
	if c, ok := e.(*ast.Call); ok {
		e = c.Func
	}
	for {
		switch x := e.(type) {
		case *ast.Name:
			return true
		case *ast.Attribute:
			e = x.Value
		default:
			return false
		}
	}
}

// funcDef parses `def` (at the current token); async is the offset of `async`, or -1.
func (p *parser) funcDef(decos []ast.Expr, async int32) ast.Stmt {
	defTok := p.expect(token.DEF)
	start := defTok.Start
	if async >= 0 {
		start = async
	}
	name, _ := p.expectName()
	var tparams []ast.TypeParam
	if p.kind() == token.LSQB {
		tparams = p.typeParams()
	}
	p.expectForced(token.LPAR) // CPython: &&'('
	args := p.parameters(token.RPAR, true)
	p.expect(token.RPAR)
	var returns ast.Expr
	if p.kind() == token.RARROW {
		if k := p.peek1(); k == token.COLON || k == token.NEWLINE {
			// `-> :`: CPython's optional return annotation fails, and its forced ':' is
			// missing at the arrow.
			p.errorForced(":")
		}
		p.advance()
		returns = p.expression()
	}
	p.expectForced(token.COLON) // CPython: &&':'

	body := p.block("function definition", defTok.Start)
	if decos == nil {
		decos = []ast.Expr{}
	}
	if tparams == nil {
		tparams = []ast.TypeParam{}
	}
	span := sp(start, p.lastRealEnd())
	if async >= 0 {
		return &ast.AsyncFunctionDef{Span: span, Name: name, Args: args, Body: body, DecoratorList: decos, Returns: returns, TypeParams: tparams}
	}
	return p.nodes.funcDef.alloc(p, ast.FunctionDef{Span: span, Name: name, Args: args, Body: body, DecoratorList: decos, Returns: returns, TypeParams: tparams})
}

func (p *parser) classDef(decos []ast.Expr) ast.Stmt {
	classTok := p.expect(token.CLASS)
	name, _ := p.expectName()
	s := p.nodes.classDef.alloc(p, ast.ClassDef{Name: name, DecoratorList: decos, TypeParams: []ast.TypeParam{}, Bases: []ast.Expr{}, Keywords: []*ast.Keyword{}})
	if s.DecoratorList == nil {
		s.DecoratorList = []ast.Expr{}
	}
	if p.kind() == token.LSQB {
		s.TypeParams = p.typeParams()
	}
	if p.accept(token.LPAR) {
		s.Bases, s.Keywords = p.callArguments()
		p.expect(token.RPAR)
	}
	p.expectColon()
	s.Body = p.block("class definition", classTok.Start)
	s.Span = sp(classTok.Start, p.lastRealEnd())
	return s
}

func (p *parser) ifStmt() ast.Stmt {
	t := p.next() // if or elif
	what := "'if' statement"
	if t.Kind == token.ELIF {
		what = "'elif' statement"
	}
	s := p.nodes.ifStmt.alloc(p, ast.If{Test: p.namedExpression()})
	p.expectColon()
	s.Body = p.block(what, t.Start)
	switch p.kind() {
	case token.ELIF:
		s.Orelse = []ast.Stmt{p.ifStmt()}
	case token.ELSE:
		e := p.next()
		p.expectForced(token.COLON) // CPython: 'else' &&':'

		s.Orelse = p.block("'else' statement", e.Start)
	}
	s.Span = sp(t.Start, p.lastRealEnd())
	return s
}

func (p *parser) elseBlock() []ast.Stmt {
	if p.kind() != token.ELSE {
		return nil
	}
	e := p.next()
	p.expectForced(token.COLON) // CPython: 'else' &&':'

	return p.block("'else' statement", e.Start)
}

func (p *parser) whileStmt() ast.Stmt {
	t := p.next()
	s := p.nodes.whileStmt.alloc(p, ast.While{Test: p.namedExpression()})
	p.expectColon()
	s.Body = p.block("'while' statement", t.Start)
	s.Orelse = p.elseBlock()
	s.Span = sp(t.Start, p.lastRealEnd())
	return s
}

func (p *parser) forStmt(async int32) ast.Stmt {
	t := p.next()
	start := t.Start
	if async >= 0 {
		start = async
	}
	target := p.targetList()
	p.setContext(target, ast.Store)
	p.expect(token.IN)
	iterStart := p.i
	iter := p.starExpressions()
	if tup, ok := iter.(*ast.Tuple); ok && p.target < 309 && !p.wrapped(iterStart) {
		for _, e := range tup.Elts {
			if st, ok := e.(*ast.Starred); ok {
				p.requires(309, st.Start, "a starred expression in the iterable of a for statement without parentheses")
				break
			}
		}
	}
	p.expectColon()
	body := p.block("'for' statement", t.Start)
	orelse := p.elseBlock()
	span := sp(start, p.lastRealEnd())
	if async >= 0 {
		return &ast.AsyncFor{Span: span, Target: target, Iter: iter, Body: body, Orelse: orelse}
	}
	return p.nodes.forStmt.alloc(p, ast.For{Span: span, Target: target, Iter: iter, Body: body, Orelse: orelse})
}

func (p *parser) withStmt(async int32) ast.Stmt {
	t := p.next()
	start := t.Start
	if async >= 0 {
		start = async
	}
	var itemsBuf [4]*ast.WithItem // the list is cut from a slab at the end
	var items []*ast.WithItem
	parenthesized := false
	var itemErr *Error
	if p.kind() == token.LPAR {
		lpar := p.start()
		parenthesized = p.try(func() {
			p.advance()
			items = itemsBuf[:0]
			for {
				items = append(items, p.withItem(&itemErr))
				if !p.accept(token.COMMA) || p.kind() == token.RPAR {
					break
				}
			}
			p.expect(token.RPAR)
			if p.kind() != token.COLON && p.kind() != token.NEWLINE {
				p.fail(p.start(), "invalid syntax")
			}
		})
		// `with (a, b):` is a tuple context manager to Python 3.8; only `as` inside the
		// parentheses needs 3.9.
		asInside := false
		for _, it := range items {
			asInside = asInside || it.OptionalVars != nil
		}
		if parenthesized && asInside {
			p.requires(309, lpar, "parenthesized context managers")
		}
	}
	if !parenthesized {
		if itemErr != nil {
			p.fail(int32(itemErr.Offset), itemErr.Msg)
		}
		items = itemsBuf[:0]
		for {
			items = append(items, p.withItem(nil))
			if !p.accept(token.COMMA) {
				break
			}
		}
	}
	list := p.nodes.withItemList.of(p, items)
	p.expectColon()
	body := p.block("'with' statement", t.Start)
	span := sp(start, p.lastRealEnd())
	if async >= 0 {
		return &ast.AsyncWith{Span: span, Items: list, Body: body}
	}
	return p.nodes.withStmt.alloc(p, ast.With{Span: span, Items: list, Body: body})
}

// withItem parses `expression ['as' star_target]`. Inside `with (...)`, which is tried first,
// itemErr receives an error of CPython's invalid_with_item, to be reported if the parenthesized
// form does not parse at all.
func (p *parser) withItem(itemErr **Error) *ast.WithItem {
	it := p.nodes.withItem.alloc(p, ast.WithItem{ContextExpr: p.expression()})
	if p.accept(token.AS) {
		from := p.i
		it.OptionalVars = p.targetItem()
		switch p.kind() {
		case token.COMMA, token.RPAR, token.COLON, token.NEWLINE:
		default:
			if p.startsExpr() && p.kind() != token.STAR && p.kind() != token.YIELD {
				// CPython's invalid_with_item parses the target as an expression, where
				// invalid_expression may find `(a as b c)`: "Perhaps you forgot a comma?".
				at := p.i
				p.seek(from)
				if itemErr == nil {
					p.expression()
				} else {
					n := len(p.errs)
					if !p.tryKeepErrors(func() { p.expression() }) && len(p.errs) > n {
						*itemErr = p.errs[n]
						p.failSilently()
					}
				}
				p.seek(at)
			}
			p.errorExpected(":")
		}
		p.setContext(it.OptionalVars, ast.Store)
	}
	return it
}

func (p *parser) tryStmt() ast.Stmt {
	t := p.next()
	p.expectForced(token.COLON) // CPython: 'try' &&':'
	body := p.block("'try' statement", t.Start)
	var handlersBuf [4]*ast.ExceptHandler
	handlers := handlersBuf[:0]
	star := -1 // unknown
	for p.kind() == token.EXCEPT {
		et := p.next()
		isStar := p.accept(token.STAR)
		if star == -1 {
			star = b2i(isStar)
			if isStar {
				p.requires(311, et.Start, "except*")
			}
		} else if star != b2i(isStar) {
			p.fail(et.Start, "cannot have both 'except' and 'except*' on the same 'try'")
		}
		h := p.nodes.exceptHandler.alloc(p, ast.ExceptHandler{})
		if p.kind() != token.COLON && p.kind() != token.NEWLINE {
			h.Type = p.expression()
			if p.kind() == token.COMMA {
				// Python 3.14 (PEP 758): `except A, B:` without parentheses.
				elts := []ast.Expr{h.Type}
				for p.accept(token.COMMA) {
					if p.kind() == token.COLON || p.kind() == token.AS {
						break // a trailing comma
					}
					elts = append(elts, p.expression())
				}
				h.Type = p.nodes.tuple.alloc(p, ast.Tuple{Span: sp(startOf(elts[0]), p.prevEnd()), Elts: elts})
				switch {
				case p.target < 314 && p.kind() == token.AS:
					p.fail(startOf(elts[0]), "multiple exception types must be parenthesized")
				case p.kind() == token.AS:
					p.fail(startOf(elts[0]), "multiple exception types must be parenthesized when using 'as'")
				case p.target < 314:
					// CPython 3.13's message; 3.14 (PEP 758) takes the tuple.
					p.errs = append(p.errs, &Error{Offset: int(startOf(elts[0])), Msg: "multiple exception types must be parenthesized"})
				}
			}
			if p.accept(token.AS) {
				n, _ := p.expectName()
				h.Name = &n
			}
		} else if isStar {
			p.fail(p.start(), "expected one or more exception types")
		}
		p.expectColon()
		h.Body = p.block("'except' statement", et.Start)
		h.Span = sp(et.Start, p.lastRealEnd())
		handlers = append(handlers, h)
	}
	var orelse []ast.Stmt
	if len(handlers) > 0 {
		orelse = p.elseBlock()
	}
	var final []ast.Stmt
	if p.kind() == token.FINALLY {
		f := p.next()
		p.expectForced(token.COLON) // CPython: 'finally' &&':'
		final = p.block("'finally' statement", f.Start)
	}
	if len(handlers) == 0 && len(final) == 0 {
		p.fail(p.start(), "expected 'except' or 'finally' block")
	}
	hs := p.nodes.handlerList.of(p, handlers)
	if hs == nil {
		hs = []*ast.ExceptHandler{}
	}
	end := p.lastRealEnd()
	if star == 1 {
		return &ast.TryStar{Span: sp(t.Start, end), Body: body, Handlers: hs, Orelse: orelse, Finalbody: final}
	}
	return p.nodes.tryStmt.alloc(p, ast.Try{Span: sp(t.Start, end), Body: body, Handlers: hs, Orelse: orelse, Finalbody: final})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ---------------------------------------------------------------------------------------------
// Parameters.

// parameters parses a parameter list up to (not including) the closing token. annotations
// says whether `name: annotation` is allowed (def) or not (lambda).
func (p *parser) parameters(closing token.Kind, annotations bool) *ast.Arguments {
	a := p.nodes.arguments.alloc(p, ast.Arguments{})
	// The lists are gathered in arrays on the stack (most functions have a few parameters)
	// and copied into the tree's list slabs at the end.
	var argBuf, kwOnlyBuf [8]*ast.Arg
	var defBuf, kwDefBuf [8]ast.Expr
	args, kwOnly, defaults, kwDefaults := argBuf[:0], kwOnlyBuf[:0], defBuf[:0], kwDefBuf[:0]
	var posOnly []*ast.Arg
	const (
		positional = iota
		keywordOnly
		done
	)
	state := positional
	sawDefault := false
	sawSlash := false
	for p.kind() != closing {
		t := p.tok()
		switch t.Kind {
		case token.SLASH:
			if sawSlash {
				p.fail(t.Start, "/ may appear only once")
			}
			if state != positional {
				p.fail(t.Start, "/ must be ahead of *")
			}
			if len(args) == 0 {
				p.fail(t.Start, "at least one argument must precede /")
			}
			p.advance()
			sawSlash = true
			posOnly, args = p.nodes.argList.of(p, args), argBuf[:0]
		case token.STAR:
			if state == done {
				p.fail(t.Start, "arguments cannot follow var-keyword argument")
			}
			if state != positional {
				p.fail(t.Start, "* argument may appear only once")
			}
			p.advance()
			state = keywordOnly
			if p.kind() == token.COMMA || p.kind() == closing {
				if p.kind() == closing || p.peek1() == closing || p.peek1() == token.DOUBLESTAR {
					p.fail(t.Start, "named arguments must follow bare *")
				}
				break
			}
			a.Vararg = p.param(annotations, true)
			if p.kind() == token.EQUAL {
				p.fail(p.start(), "var-positional argument cannot have default value")
			}
		case token.DOUBLESTAR:
			if state == done {
				p.fail(t.Start, "arguments cannot follow var-keyword argument")
			}
			p.advance()
			a.Kwarg = p.param(annotations, false)
			if p.kind() == token.EQUAL {
				p.fail(p.start(), "var-keyword argument cannot have default value")
			}
			state = done
		default:
			if state == done {
				p.fail(t.Start, "arguments cannot follow var-keyword argument")
			}
			arg := p.param(annotations, false)
			var def ast.Expr
			if p.accept(token.EQUAL) {
				if k := p.kind(); k == token.COMMA || k == token.RPAR {
					// CPython's invalid_default: '=' &(')'|',').
					p.fail(p.toks[p.i-1].Start, "expected default value expression")
				}
				def = p.expression()
			}
			if state == positional {
				args = append(args, arg)
				if def != nil {
					defaults = append(defaults, def)
					sawDefault = true
				} else if sawDefault {
					p.fail(arg.Start, "parameter without a default follows parameter with a default")
				}
			} else {
				kwOnly = append(kwOnly, arg)
				kwDefaults = append(kwDefaults, def)
			}
		}
		if !p.accept(token.COMMA) {
			break
		}
	}
	// The lists are never nil, as in CPython's tree.
	a.PosOnlyArgs, a.Args, a.KwOnlyArgs = nonNil(posOnly), nonNil(p.nodes.argList.of(p, args)), nonNil(p.nodes.argList.of(p, kwOnly))
	a.Defaults, a.KwDefaults = nonNil(p.nodes.exprList.of(p, defaults)), nonNil(p.nodes.exprList.of(p, kwDefaults))
	return a
}

// nonNil returns l, or an empty list (which costs no allocation) for nil.
func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

func (p *parser) param(annotations, star bool) *ast.Arg {
	n, t := p.expectName()
	arg := p.nodes.arg.alloc(p, ast.Arg{Arg: n})
	if annotations && p.accept(token.COLON) {
		if star && p.kind() == token.STAR {
			st := p.next()
			v := p.bitwiseOr()
			arg.Annotation = p.nodes.starred.alloc(p, ast.Starred{Span: sp(st.Start, p.prevEnd()), Value: v})
			p.requires(311, st.Start, "a starred annotation")
		} else {
			arg.Annotation = p.expression()
		}
	}
	arg.Span = sp(t.Start, p.prevEnd())
	return arg
}

// typeParams parses `[T, *Ts, **P]`.
func (p *parser) typeParams() []ast.TypeParam {
	lsqb := p.expect(token.LSQB)
	p.requires(312, lsqb.Start, "type parameter lists")
	var out []ast.TypeParam
	for p.kind() != token.RSQB {
		t := p.tok()
		switch t.Kind {
		case token.STAR:
			p.advance()
			n, _ := p.expectName()
			tp := &ast.TypeVarTuple{Name: n}
			if p.accept(token.EQUAL) {
				p.requires(313, p.prevEnd()-1, "type parameter defaults")
				tp.DefaultValue = p.starExpression()
			}
			tp.Span = sp(t.Start, p.prevEnd())
			out = append(out, tp)
		case token.DOUBLESTAR:
			p.advance()
			n, _ := p.expectName()
			tp := &ast.ParamSpec{Name: n}
			if p.accept(token.EQUAL) {
				p.requires(313, p.prevEnd()-1, "type parameter defaults")
				tp.DefaultValue = p.expression()
			}
			tp.Span = sp(t.Start, p.prevEnd())
			out = append(out, tp)
		default:
			n, _ := p.expectName()
			tp := &ast.TypeVar{Name: n}
			if p.accept(token.COLON) {
				tp.Bound = p.expression()
			}
			if p.accept(token.EQUAL) {
				p.requires(313, p.prevEnd()-1, "type parameter defaults")
				tp.DefaultValue = p.expression()
			}
			tp.Span = sp(t.Start, p.prevEnd())
			out = append(out, tp)
		}
		if !p.accept(token.COMMA) {
			break
		}
	}
	if len(out) == 0 {
		p.fail(p.start(), "Type parameter list cannot be empty")
	}
	p.expect(token.RSQB)
	return out
}
