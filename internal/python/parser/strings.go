package parser

import (
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/literal"
	"github.com/buttresspy/buttress/internal/python/token"
)

func (p *parser) number(t token.Token) ast.Expr {
	n, err := literal.ParseNumber((p.src[t.Start:t.End]))
	if err != nil {
		p.fail(t.Start, err.Msg)
	}
	c := p.nodes.constant.slot(p)
	c.Span, c.Kind = sp(t.Start, t.End), nil
	switch n.Kind {
	case literal.Int:
		c.Value = ast.ConstValue{Kind: ast.ConstInt, Int: n.Small, Big: n.Int}
	case literal.Float:
		c.Value = ast.ConstValue{Kind: ast.ConstFloat, Float: n.Float}
	default:
		c.Value = ast.ConstValue{Kind: ast.ConstComplex, Float: n.Float}
	}
	return c
}

// strPart is a piece of a string concatenation: literal text, or a replacement field.
type strPart struct {
	text       string   // literal text (when field is nil)
	start, end int32    // source range of the text
	field      ast.Expr // a FormattedValue or Interpolation
}

// strings parses one or more adjacent string literals (implicit concatenation).
func (p *parser) strings() ast.Expr {
	if t := p.tok(); t.Kind == token.STRING {
		switch p.peek1() {
		case token.STRING, token.FSTRING_START, token.TSTRING_START:
		default:
			return p.singleString(t)
		}
	}
	start := p.start()
	// The pieces go on the parser's stack of them (see strPart), popped at the end: most
	// concatenations and f-strings have a few, and growing a slice of them from nothing was
	// 4.2 MB of the 28 MB a parse of the 3.13 standard library allocated.
	mark := len(p.parts)
	defer func() { p.parts = p.parts[:mark] }()
	first := p.tok()
	sawBytes, sawText, sawF, sawT, sawPlain := false, false, false, false, false
	uKind := false
	for {
		t := p.tok()
		switch t.Kind {
		case token.STRING:
			p.advance()
			sawPlain = true
			v, flags := p.decodeString(t)
			if t == first && flags&strU != 0 {
				uKind = true
			}
			if flags&strBytes != 0 {
				sawBytes = true
			} else {
				sawText = true
			}
			p.parts = append(p.parts, strPart{text: v, start: t.Start, end: t.End})
			continue
		case token.FSTRING_START, token.TSTRING_START:
			sawText = true
			if t.Kind == token.TSTRING_START {
				sawT = true
				p.requires(314, t.Start, "template strings (t-strings)")
			} else {
				sawF = true
			}
			p.fstring()
			continue
		}
		break
	}
	end := p.prevEnd()
	parts := p.parts[mark:]
	if sawBytes && sawText {
		p.fail(start, "cannot mix bytes and nonbytes literals")
	}
	if sawT && (sawF || sawPlain) {
		p.fail(start, "cannot mix t-string literals with string or bytes literals")
	}
	if !sawF && !sawT {
		if len(parts) == 1 {
			return p.constStr(parts[0].text, sawBytes, uKind, start, end)
		}
		return p.constStr(joinParts(parts), sawBytes, uKind, start, end)
	}
	values := p.joinParts(parts)
	if sawT {
		return &ast.TemplateStr{Span: sp(start, end), Values: values}
	}
	return p.nodes.joinedStr.alloc(p, ast.JoinedStr{Span: sp(start, end), Values: values})
}

func (p *parser) constStr(v string, isBytes, u bool, start, end int32) *ast.Constant {
	c := p.nodes.constant.slot(p)
	kind := ast.ConstStr
	if isBytes {
		kind = ast.ConstBytes
	}
	c.Span, c.Value, c.Kind = sp(start, end), ast.ConstValue{Kind: kind, Str: v}, nil
	if u {
		c.Kind = strPtr("u")
	}
	return c
}

// joinParts merges adjacent literal pieces into Constants and drops empty ones.
func (p *parser) joinParts(parts []strPart) []ast.Expr {
	values := []ast.Expr{}
	for i := 0; i < len(parts); {
		if parts[i].field != nil {
			values = append(values, parts[i].field)
			i++
			continue
		}
		j := i + 1
		for j < len(parts) && parts[j].field == nil {
			j++
		}
		text := parts[i].text
		if j > i+1 {
			text = joinParts(parts[i:j])
		}
		if text != "" {
			values = append(values, p.nodes.constant.alloc(p, ast.Constant{Span: sp(parts[i].start, parts[j-1].end), Value: ast.ConstValue{Kind: ast.ConstStr, Str: text}}))
		}
		i = j
	}
	return values
}

// joinParts returns the texts of parts joined, made at their size.
func joinParts(parts []strPart) string {
	n := 0
	for _, pt := range parts {
		n += len(pt.text)
	}
	var b strings.Builder
	b.Grow(n)
	for _, pt := range parts {
		b.WriteString(pt.text)
	}
	return b.String()
}

func stringPrefixOf(b string) (int, int) {
	if len(b) > 0 && (b[0] == '"' || b[0] == '\'') {
		return 0, 0 // no prefix, the common case
	}
	n := 0
	for n < len(b) && b[n] != '"' && b[n] != '\'' {
		n++
	}
	flags, _ := stringPrefix(b[:n])
	return n, flags
}

// fstring parses an f-string or t-string from its start token to its end token, pushing
// its pieces onto p.parts (the strings in its fields push theirs above them, and pop them).
func (p *parser) fstring() {
	st := p.next()
	_, flags := stringPrefixOf(p.src[st.Start:st.End])
	raw := flags&strRaw != 0
	isT := st.Kind == token.TSTRING_START
	for {
		t := p.tok()
		switch t.Kind {
		case token.FSTRING_MIDDLE:
			p.advance()
			p.parts = append(p.parts, strPart{text: p.decodeMiddle(t, raw), start: t.Start, end: t.End})
		case token.LBRACE:
			f, debug := p.replacementField(raw, isT)
			if debug != nil {
				p.parts = append(p.parts, *debug)
			}
			p.parts = append(p.parts, strPart{field: f})
		case token.FSTRING_END:
			p.advance()
			return
		default:
			if p.lexErrorNear(t.Start) || t.Kind == token.ILLEGAL {
				p.failSilently()
			}
			p.fail(t.Start, "f-string: expecting '}'")
		}
	}
}

func (p *parser) decodeMiddle(t token.Token, raw bool) string {
	body := p.src[t.Start:t.End]
	if strings.Contains(body, "{{") || strings.Contains(body, "}}") {
		body = undoubleBraces(body)
	}
	v, err := literal.DecodeString(body, raw)
	if err != nil {
		p.fail(t.Start+int32(err.Offset), err.Msg)
	}
	return v
}

// replacementField parses `{expr [=] [!conv] [:spec]}`. It returns the field and, for the
// `=` debug form, the literal text that precedes it.
func (p *parser) replacementField(raw, isT bool) (ast.Expr, *strPart) {
	lbraceIdx := p.i
	lbrace := p.next()
	p.enter()
	defer p.leave()
	switch k := p.kind(); k {
	case token.EQUAL, token.EXCLAMATION, token.COLON, token.RBRACE:
		p.fail(p.start(), "f-string: valid expression required before '"+k.String()+"'")
	}
	e := p.fieldExpr(lbraceIdx)
	exprEnd := p.prevEnd()
	var debug *strPart
	if t := p.tok(); t.Kind == token.EQUAL {
		p.advance()
		next := p.start()
		debug = &strPart{text: p.sourceWithoutComments(lbraceIdx, p.i), start: lbrace.End, end: next}
		switch p.kind() {
		case token.EXCLAMATION, token.COLON, token.RBRACE:
		default:
			p.failFieldToken("f-string: expecting '!', or ':', or '}'")
		}
	} else {
		switch p.kind() {
		case token.EXCLAMATION, token.COLON, token.RBRACE:
		default:
			p.failFieldToken("f-string: expecting '=', or '!', or ':', or '}'")
		}
	}
	conversion := -1
	var conv token.Token // the conversion's NAME, checked once the field is whole
	var bangEnd int32
	if t := p.tok(); t.Kind == token.EXCLAMATION {
		p.advance()
		c := p.tok()
		switch {
		case c.Kind == token.COLON || c.Kind == token.RBRACE:
			p.failFieldToken("f-string: missing conversion character")
		case c.Kind != token.NAME:
			p.failFieldToken("f-string: invalid conversion character")
		}
		conv, bangEnd = c, t.End
		conversion = int(p.src[c.Start])
		p.advance()
		if k := p.kind(); k != token.COLON && k != token.RBRACE {
			p.failFieldToken("f-string: expecting ':' or '}'")
		}
		if p.start() != c.End {
			p.requires(312, c.End, "white space after an f-string conversion")
		}
	}
	var spec ast.Expr
	if t := p.tok(); t.Kind == token.COLON {
		p.advance()
		var specParts []strPart
		for p.kind() != token.RBRACE {
			switch m := p.tok(); m.Kind {
			case token.FSTRING_MIDDLE:
				p.advance()
				specParts = append(specParts, strPart{text: p.decodeMiddle(m, raw), start: m.Start, end: m.End})
			case token.LBRACE:
				// A field inside a format spec is a FormattedValue, in t-strings too.
				f, dbg := p.replacementField(raw, false)
				if dbg != nil {
					specParts = append(specParts, *dbg)
				}
				specParts = append(specParts, strPart{field: f})
			default:
				p.failFieldToken("f-string: expecting '}', or format specs")
			}
		}
		spec = p.nodes.joinedStr.alloc(p, ast.JoinedStr{Span: sp(t.Start, p.prevEnd()), Values: p.joinParts(specParts)})
	}
	if p.kind() != token.RBRACE {
		if p.lexErrorNear(p.start()) || p.kind() == token.ILLEGAL {
			p.failSilently()
		}
		p.fail(p.start(), "f-string: expecting '}'")
	}
	rbrace := p.next()
	if conv.Kind == token.NAME {
		if conv.Start != bangEnd {
			p.fail(conv.Start, "f-string: conversion type must come right after the exclamanation mark")
		}
		switch p.src[conv.Start:conv.End] {
		case "s", "r", "a":
		default:
			p.fail(conv.Start, "f-string: invalid conversion character '"+p.src[conv.Start:conv.End]+"': expected 's', 'r', or 'a'")
		}
	}
	if debug != nil && conversion == -1 && spec == nil {
		conversion = 'r'
	}
	if isT {
		return &ast.Interpolation{Span: sp(lbrace.Start, rbrace.End), Value: e, Str: (p.src[lbrace.End:exprEnd]), Conversion: conversion, FormatSpec: spec}, debug
	}
	return p.nodes.formattedValue.alloc(p, ast.FormattedValue{Span: sp(lbrace.Start, rbrace.End), Value: e, Conversion: conversion, FormatSpec: spec}), debug
}

// failFieldToken reports msg at the current token of a replacement field, unless the lexer
// already reported an error there.
func (p *parser) failFieldToken(msg string) {
	m := p.tok()
	if m.Kind == token.ILLEGAL {
		// An unknown ASCII character is an operator to CPython's tokenizer, which the field's
		// rule reports.
		for _, e := range p.errs {
			if e.Offset == int(m.Start) && e.Msg == "invalid syntax" {
				e.Msg = msg
			}
		}
		p.failSilently()
	}
	if p.lexErrorNear(m.Start) {
		p.failSilently()
	}
	p.fail(p.start(), msg)
}

// fieldExpr parses the expression of a replacement field whose '{' is token lbraceIdx. Where
// the expression fails with no more than "invalid syntax", CPython's invalid_replacement_field
// rule has a better word: a bare lambda, or no valid expression after the '{'.
func (p *parser) fieldExpr(lbraceIdx int) ast.Expr {
	n := len(p.errs)
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(bailout); ok && len(p.errs) == n+1 && p.errs[n].Msg == "invalid syntax" {
			p.errs[n] = p.fieldExprError(lbraceIdx)
		}
		panic(r)
	}()
	if p.kind() == token.YIELD {
		return p.yieldExpr()
	}
	return p.starExpressions()
}

// fieldExprError is the error for a replacement field whose expression does not parse: a
// lambda at the field's own level whose ':' starts the format spec (an empty one, or one with
// text) is "not allowed without parentheses"; anything else is "expecting a valid expression".
func (p *parser) fieldExprError(lbraceIdx int) *Error {
	depth, lambda := 0, -1
	for i := lbraceIdx + 1; ; i++ {
		if p.fill(i + 1); i+1 >= len(p.toks) {
			break
		}
		switch t := p.toks[i]; t.Kind {
		case token.LPAR, token.LSQB, token.LBRACE:
			depth++
		case token.RPAR, token.RSQB, token.RBRACE:
			depth--
		case token.LAMBDA:
			if prev := p.toks[i-1].Kind; depth == 0 && lambda < 0 && (i == lbraceIdx+1 || prev == token.COMMA) {
				lambda = i
			}
		case token.COLON:
			if depth == 0 && lambda >= 0 {
				if k := p.toks[i+1].Kind; k == token.FSTRING_MIDDLE || k == token.RBRACE {
					return &Error{Offset: int(p.toks[lambda].Start), Msg: "f-string: lambda expressions are not allowed without parentheses"}
				}
			}
		}
		if depth < 0 || p.toks[i].Kind == token.COLON && depth == 0 || p.toks[i].Kind == token.FSTRING_END {
			break
		}
	}
	return &Error{Offset: int(p.toks[lbraceIdx+1].Start), Msg: "f-string: expecting a valid expression after '{'"}
}

// undoubleBraces turns the escaped braces `{{` and `}}` of f-string text into single ones.
func undoubleBraces(b string) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if (b[i] == '{' || b[i] == '}') && i+1 < len(b) && b[i+1] == b[i] {
			i++
		}
	}
	return string(out)
}

// sourceWithoutComments returns the source text from the end of token i to the start of token
// j, with comments left out, as CPython writes the text of an `=` debug field.
func (p *parser) sourceWithoutComments(i, j int) string {
	from, to := p.toks[i].End, p.toks[j].Start
	text := p.src[from:to]
	if strings.IndexByte(text, '#') < 0 {
		return text
	}
	var b []byte
	for k := i + 1; k <= j; k++ {
		gap := p.src[p.toks[k-1].End:p.toks[k].Start]
		for len(gap) > 0 {
			h := strings.IndexByte(gap, '#')
			if h < 0 {
				b = append(b, gap...)
				break
			}
			b = append(b, gap[:h]...)
			gap = gap[h:]
			nl := strings.IndexByte(gap, '\n')
			if nl < 0 {
				break
			}
			gap = gap[nl:]
		}
		if k < j {
			b = append(b, p.src[p.toks[k].Start:p.toks[k].End]...)
		}
	}
	return string(b)
}

// singleString parses a lone string literal (the common case) without the bookkeeping of a
// concatenation.
func (p *parser) singleString(t token.Token) ast.Expr {
	p.advance()
	v, flags := p.decodeString(t)
	return p.constStr(v, flags&strBytes != 0, flags&strU != 0, t.Start, t.End)
}

// decodeString returns the value of a STRING token and its prefix flags.
func (p *parser) decodeString(t token.Token) (string, int) {
	q, flags := int(t.Start), 0
	if c := p.src[q]; c != '"' && c != '\'' { // a prefix: most strings have none
		var prefixLen int
		prefixLen, flags = stringPrefixOf(p.src[t.Start:t.End])
		q += prefixLen
	}
	qlen := 1
	if int(t.End)-q >= 6 && p.src[q+1] == p.src[q] && p.src[q+2] == p.src[q] {
		qlen = 3
	}
	bodyStart, bodyEnd := q+qlen, int(t.End)-qlen
	if bodyEnd < bodyStart {
		p.failSilently() // an unterminated string the lexer already reported
	}
	body := p.src[bodyStart:bodyEnd]
	var v string
	var err *literal.Error
	switch {
	case flags&strBytes != 0:
		v, err = literal.DecodeBytes(body, flags&strRaw != 0)
	case flags&strRaw != 0 || strings.IndexByte(body, '\\') < 0:
		// Nothing to decode: DecodeString would look for a '\r' too, which the prepared
		// source does not have.
		v = body
	default:
		v, err = literal.DecodeString(body, false)
	}
	if err != nil {
		p.fail(int32(bodyStart+err.Offset), err.Msg)
	}
	return v, flags
}
