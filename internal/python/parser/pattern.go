package parser

import (
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// matchStmt parses a match statement. The header is tried first: `match` is a soft keyword,
// and when the header does not parse, the line is an ordinary statement (`match = 1`).
func (p *parser) matchStmt() (ast.Stmt, bool) {
	var m *ast.Match
	newline := int32(-1)
	ok := p.try(func() {
		kw := p.next()
		subject := p.matchSubject()
		if p.kind() == token.NEWLINE {
			newline = p.start()
		}
		p.expect(token.COLON)
		if p.kind() != token.NEWLINE {
			p.errorExpected("NEWLINE")
		}
		p.advance()
		m = &ast.Match{Span: sp(kw.Start, kw.End), Subject: subject}
	})
	if !ok {
		if newline < 0 || p.target < 310 {
			return nil, false
		}
		if !p.try(p.simpleStmts) {
			// CPython's invalid_match_stmt: `match x NEWLINE` that is no other statement.
			p.fail(newline, "expected ':'")
		}
		return nil, true // the line was simple statements after all
	}
	p.requires(310, m.Start, "the match statement")
	if p.kind() != token.INDENT {
		p.fail(p.start(), "expected an indented block after 'match' statement on line "+itoa(p.lineOf(m.Start)))
	}
	p.advance()
	for p.kind() != token.DEDENT && p.kind() != token.ENDMARKER {
		if !p.isSoft("case") {
			p.fail(p.start(), "invalid syntax")
		}
		if c := p.caseRecovering(); c != nil {
			m.Cases = append(m.Cases, c)
		}
	}
	p.accept(token.DEDENT)
	if len(m.Cases) > 0 {
		m.End = p.lastRealEnd()
	}
	return m, true
}

func (p *parser) matchSubject() ast.Expr {
	s := p.start()
	first := p.starNamedExpression()
	if p.kind() != token.COMMA {
		if _, ok := first.(*ast.Starred); ok {
			p.fail(startOf(first), "invalid syntax")
		}
		return first
	}
	elts := []ast.Expr{first}
	for p.accept(token.COMMA) {
		if p.kind() == token.COLON {
			break
		}
		elts = append(elts, p.starNamedExpression())
	}
	return p.nodes.tuple.alloc(p, ast.Tuple{Span: sp(s, p.prevEnd()), Elts: elts})
}

// caseRecovering parses one case block; when its pattern or header is broken, it reports the
// error, takes in the block's statements (flattened into the match's enclosing body is not
// possible, so they are dropped with the case) and goes on with the next case.
func (p *parser) caseRecovering() (c *ast.MatchCase) {
	marks := p.marks()
	ok := p.tryKeepErrors(func() { c = p.caseBlock() })
	if ok {
		return c
	}
	p.reset(marks)
	p.skipLine()
	if p.kind() == token.INDENT {
		p.advance()
		p.blockStatements()
		p.accept(token.DEDENT)
		p.reset(marks)
	}
	return nil
}

func (p *parser) caseBlock() *ast.MatchCase {
	kw := p.next()
	c := &ast.MatchCase{Pattern: p.patterns()}
	if p.accept(token.IF) {
		c.Guard = p.namedExpression()
	}
	p.expectColon()
	c.Body = p.block("'case' statement", kw.Start)
	c.Span = sp(kw.Start, p.lastRealEnd())
	return c
}

// patterns parses `open_sequence_pattern | pattern`.
func (p *parser) patterns() ast.Pattern {
	s := p.start()
	first := p.maybeStarPattern()
	if p.kind() != token.COMMA {
		if _, ok := first.(*ast.MatchStar); ok {
			p.fail(s, "invalid syntax")
		}
		return first
	}
	pats := []ast.Pattern{first}
	for p.accept(token.COMMA) {
		if p.kind() == token.COLON || p.kind() == token.IF {
			break
		}
		pats = append(pats, p.maybeStarPattern())
	}
	return &ast.MatchSequence{Span: sp(s, p.prevEnd()), Patterns: pats}
}

func (p *parser) maybeStarPattern() ast.Pattern {
	if t := p.tok(); t.Kind == token.STAR {
		p.advance()
		n, nt := p.expectName()
		ms := &ast.MatchStar{Span: sp(t.Start, nt.End)}
		if n != "_" {
			ms.Name = &n
		}
		return ms
	}
	return p.pattern()
}

// pattern parses `or_pattern ['as' NAME]`.
func (p *parser) pattern() ast.Pattern {
	p.enter()
	defer p.leave()
	s := p.start()
	or := p.orPattern()
	if !p.accept(token.AS) {
		return or
	}
	n, nt := p.expectName()
	if n == "_" {
		p.fail(nt.Start, "cannot use '_' as a target")
	}
	if p.kind() == token.DOT || p.kind() == token.LPAR || p.kind() == token.EQUAL {
		p.fail(p.start(), "invalid pattern target")
	}
	return &ast.MatchAs{Span: sp(s, p.prevEnd()), Pattern: or, Name: &n}
}

func (p *parser) orPattern() ast.Pattern {
	s := p.start()
	first := p.closedPattern()
	if p.kind() != token.VBAR {
		return first
	}
	pats := []ast.Pattern{first}
	for p.accept(token.VBAR) {
		pats = append(pats, p.closedPattern())
	}
	return &ast.MatchOr{Span: sp(s, p.prevEnd()), Patterns: pats}
}

func (p *parser) closedPattern() ast.Pattern {
	t := p.tok()
	switch t.Kind {
	case token.NUMBER, token.MINUS:
		v := p.signedNumber(true)
		return &ast.MatchValue{Span: sp(startOf(v), endOf(v)), Value: v}
	case token.STRING, token.FSTRING_START, token.TSTRING_START:
		v := p.strings() // f-strings parse here; only the compiler rejects them
		return &ast.MatchValue{Span: sp(startOf(v), endOf(v)), Value: v}
	case token.NONE, token.TRUE, token.FALSE:
		p.advance()
		k := map[token.Kind]ast.ConstKind{token.NONE: ast.ConstNone, token.TRUE: ast.ConstTrue, token.FALSE: ast.ConstFalse}[t.Kind]
		return &ast.MatchSingleton{Span: sp(t.Start, t.End), Value: ast.ConstValue{Kind: k}}
	case token.NAME:
		e := p.nameOrAttr()
		if p.kind() == token.LPAR {
			return p.classPattern(e)
		}
		if n, ok := e.(*ast.Name); ok {
			if n.ID == "_" {
				return &ast.MatchAs{Span: n.Span}
			}
			id := n.ID
			return &ast.MatchAs{Span: n.Span, Name: &id}
		}
		return &ast.MatchValue{Span: sp(startOf(e), endOf(e)), Value: e}
	case token.LPAR:
		p.advance()
		if r := p.tok(); r.Kind == token.RPAR {
			p.advance()
			return &ast.MatchSequence{Span: sp(t.Start, r.End), Patterns: []ast.Pattern{}}
		}
		first := p.maybeStarPattern()
		if r := p.tok(); r.Kind == token.RPAR {
			if _, ok := first.(*ast.MatchStar); ok {
				p.fail(r.Start, "invalid syntax") // (*x) is not a sequence: it needs a comma
			}
			p.advance()
			return first
		}
		pats := []ast.Pattern{first}
		p.expect(token.COMMA)
		for p.kind() != token.RPAR {
			pats = append(pats, p.maybeStarPattern())
			if !p.accept(token.COMMA) {
				break
			}
		}
		r := p.expect(token.RPAR)
		return &ast.MatchSequence{Span: sp(t.Start, r.End), Patterns: pats}
	case token.LSQB:
		p.advance()
		pats := []ast.Pattern{}
		for p.kind() != token.RSQB {
			pats = append(pats, p.maybeStarPattern())
			if !p.accept(token.COMMA) {
				break
			}
		}
		r := p.expect(token.RSQB)
		return &ast.MatchSequence{Span: sp(t.Start, r.End), Patterns: pats}
	case token.LBRACE:
		return p.mappingPattern()
	}
	p.errorExpected("")
	return nil
}

// signedNumber parses `['-'] NUMBER [('+'|'-') NUMBER]` of literal patterns.
func (p *parser) signedNumber(allowComplex bool) ast.Expr {
	s := p.start()
	var v ast.Expr
	if t := p.tok(); t.Kind == token.MINUS {
		p.advance()
		n := p.tok()
		if n.Kind != token.NUMBER {
			p.errorExpected("NUMBER")
		}
		p.advance()
		v = p.nodes.unaryOp.alloc(p, ast.UnaryOp{Span: sp(t.Start, n.End), Op: ast.USub, Operand: p.number(n)})
	} else {
		p.advance()
		v = p.number(t)
	}
	if allowComplex && (p.kind() == token.PLUS || p.kind() == token.MINUS) {
		op := ast.Add
		if p.kind() == token.MINUS {
			op = ast.Sub
		}
		p.advance()
		n := p.tok()
		if n.Kind != token.NUMBER {
			p.errorExpected("NUMBER")
		}
		p.advance()
		imag := p.number(n)
		if c := imag.(*ast.Constant); c.Value.Kind != ast.ConstComplex {
			p.fail(n.Start, "imaginary number required in complex literal")
		}
		if c, ok := v.(*ast.Constant); ok && c.Value.Kind == ast.ConstComplex {
			p.fail(c.Start, "real number required in complex literal")
		}
		v = p.nodes.binOp.alloc(p, ast.BinOp{Span: sp(s, n.End), Left: v, Op: op, Right: imag})
	}
	return v
}

func (p *parser) nameOrAttr() ast.Expr {
	n, t := p.expectName()
	var e ast.Expr = p.nodes.name.alloc(p, ast.Name{Span: sp(t.Start, t.End), ID: n})
	for p.accept(token.DOT) {
		a, _ := p.expectName()
		e = p.nodes.attribute.alloc(p, ast.Attribute{Span: sp(t.Start, p.prevEnd()), Value: e, Attr: a})
	}
	return e
}

func (p *parser) classPattern(cls ast.Expr) ast.Pattern {
	p.expect(token.LPAR)
	mc := &ast.MatchClass{Cls: cls, Patterns: []ast.Pattern{}, KwdAttrs: []string{}, KwdPatterns: []ast.Pattern{}}
	for p.kind() != token.RPAR {
		if t := p.tok(); t.Kind == token.NAME && p.peek1() == token.EQUAL {
			p.seek(p.i + 2)
			mc.KwdAttrs = append(mc.KwdAttrs, p.name(t))
			mc.KwdPatterns = append(mc.KwdPatterns, p.pattern())
		} else {
			s := p.start()
			pat := p.pattern()
			if len(mc.KwdAttrs) > 0 {
				p.fail(s, "positional patterns follow keyword patterns")
			}
			mc.Patterns = append(mc.Patterns, pat)
		}
		if !p.accept(token.COMMA) {
			break
		}
	}
	r := p.expect(token.RPAR)
	mc.Span = sp(startOf(cls), r.End)
	return mc
}

func (p *parser) mappingPattern() ast.Pattern {
	lbrace := p.next()
	mm := &ast.MatchMapping{Keys: []ast.Expr{}, Patterns: []ast.Pattern{}}
	for p.kind() != token.RBRACE {
		if p.accept(token.DOUBLESTAR) {
			n, nt := p.expectName()
			if n == "_" {
				p.fail(nt.Start, "invalid syntax")
			}
			mm.Rest = &n
			p.accept(token.COMMA)
			break
		}
		var key ast.Expr
		switch t := p.tok(); t.Kind {
		case token.NUMBER, token.MINUS:
			key = p.signedNumber(true)
		case token.STRING, token.FSTRING_START:
			key = p.strings()
		case token.NONE, token.TRUE, token.FALSE:
			key = p.atom()
		case token.NAME:
			key = p.nameOrAttr()
			if _, ok := key.(*ast.Name); ok {
				p.fail(t.Start, "mapping pattern keys may only match literals and attribute lookups")
			}
		default:
			p.errorExpected("")
		}
		p.expect(token.COLON)
		mm.Keys = append(mm.Keys, key)
		mm.Patterns = append(mm.Patterns, p.pattern())
		if !p.accept(token.COMMA) {
			break
		}
	}
	r := p.expect(token.RBRACE)
	mm.Span = sp(lbrace.Start, r.End)
	return mm
}
