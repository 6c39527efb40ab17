// Package parser reads Python source into the syntax tree of package ast, with CPython's node
// shapes and positions. It recovers from syntax errors: each error is recorded and parsing goes
// on with the next statement, so a broken file still yields most of its tree.
package parser

import (
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// Version is a Python minor version such as 3.13, written as 313.
type Version int

// DefaultVersion is the target version when none is configured.
const DefaultVersion Version = 313

// Options control parsing.
type Options struct {
	// TargetVersion, when not zero, makes syntax newer than that version an error ("... requires
	// Python 3.N or newer"). Zero means DefaultVersion.
	TargetVersion Version
	// Arena, when not nil, is where the tree's nodes and lists are cut from: memory of the
	// trees parsed with it before its last Reset, reused (see Arena).
	Arena *Arena
}

// Result is a parsed file.
type Result struct {
	Module *ast.Module
	Src    string         // the prepared source all offsets refer to (UTF-8, "\n" line ends)
	Lines  *ast.LineIndex // line table of Src
	Errors []*Error       // sorted by position; empty when the file is valid
	// Comments holds the range of every comment ('#' to the end of its line), in order.
	Comments []ast.Span
}

// maxDepth bounds the nesting of expressions and statements, like CPython's parser stack limit.
const maxDepth = 3000

type bailout struct{}

type parser struct {
	src  string
	toks []token.Token // the tokens lexed and kept (see more and compact)
	// lx is the lexer while the parser lexes as it goes (see parseStreaming); nil when every
	// token is in toks.
	lx *lexer
	i  int
	// cur is token i, which the parser reads most: set with i, by advance and seek (an
	// ENDMARKER past the end). Reading it is a load or two, where toks[i] was a bounds check
	// and the arithmetic of a 12-byte stride (8% of a parse's instructions).
	cur    token.Token
	errs   []*Error
	depth  int
	target Version
	nodes  slabs
	stmts  []ast.Stmt     // statement stack (see popStmts)
	exprs  []ast.Expr     // expression stack
	kws    []*ast.Keyword // keyword stack
	parts  []strPart      // the pieces of the strings being parsed (see strings)
	// failedStmt is set after a statement failed to parse, so that the indented block which
	// usually follows a broken header is taken in without a second error.
	failedStmt bool
	// synthetic holds the offsets of NEWLINE tokens the lexer made up to end an unclosed
	// bracket: an error there is already reported as "'(' was never closed".
	synthetic map[int32]bool
	lexErrAt  map[int]bool   // offsets of the lexer's errors (not "was never closed")
	lines     *ast.LineIndex // the Result's, made for line numbers in messages or at the end
	arena     *Arena         // Options.Arena
	// assignHint is set while the targets of a one-'=' assignment are checked (see
	// failMeantEquals).
	assignHint assignHint
	// withoutInvalid is set while a second expression is tried after a first one (see
	// checkMissingComma), like CPython's expression_without_invalid.
	withoutInvalid bool
}

// Parse parses the bytes of a Python file.
func Parse(src []byte, opts Options) *Result {
	return ParseString(string(src), opts)
}

// ParseString parses a Python file held in a string. Identifiers and escape-free string values
// in the tree are slices of the (prepared) source, with no allocation of their own: code that
// keeps names beyond the tree's lifetime should strings.Clone them so as not to pin the file.
func ParseString(src string, opts Options) *Result {
	srcText, perr := prepare(src)
	if perr != nil {
		return &Result{Module: &ast.Module{}, Lines: ast.NewLineIndex(""), Errors: []*Error{perr}}
	}
	if opts.TargetVersion == 0 {
		opts.TargetVersion = DefaultVersion
	}
	if res := parseStreaming(srcText, opts); res != nil {
		return res
	}
	return parseWhole(srcText, opts)
}

// restart is the panic that abandons parseStreaming for parseWhole.
type restart struct{}

// Tokens are lexed as the parser needs them, lexAhead at a time, and those of the top-level
// statements already parsed are dropped once more than compactAfter have been (keeping
// compactKeep behind the current one): the tokens held stay a window of the file, where
// lexing it whole first cost 12 bytes per token, about as much as the source in a file of
// short statements, and more while the slice grew.
var (
	lexAhead     = 4096
	compactAfter = 1 << 16
	compactKeep  = 1024
)

// parseStreaming parses a file lexing as it goes, which gives the same tree and errors as
// parseWhole when the lexer reports no error and has nothing to tell the parser from farther
// on: it returns nil, to have the file parsed whole, as soon as the lexer reports an error (an
// unclosed bracket makes the lexer start again in recovery mode; its other errors change how
// the parser reports its own), or new f-string syntax that the target version lacks.
func parseStreaming(src string, opts Options) (res *Result) {
	pooled := getTokens(opts.Arena)
	lx := newLexer(arenaLexer(opts.Arena), *pooled, src)
	lx.limit = 0
	lx.comments = takeComments(opts.Arena)
	// No synthetic NEWLINE and no lexer's error while the parse goes on (either makes it
	// start again, whole): their maps stay nil, read as empty.
	p := &parser{src: src, lx: lx, target: opts.TargetVersion}
	p.fromArena(opts.Arena)
	defer func() {
		putTokens(opts.Arena, pooled, lx.toks)
		if r := recover(); r != nil {
			if _, ok := r.(restart); !ok {
				panic(r)
			}
			res = nil
		}
	}()
	p.seek(0)
	return p.toArena(opts.Arena, p.finish(p.parseModule(), lx.comments))
}

// parseWhole lexes the whole file, then parses it.
func parseWhole(src string, opts Options) *Result {
	pooled := getTokens(opts.Arena)
	lx := tokenizeInto(arenaLexer(opts.Arena), *pooled, src)
	toks, lexErrs, synthetic := lx.toks, lx.errs, lx.synthetic
	defer putTokens(opts.Arena, pooled, toks)
	p := &parser{src: src, toks: toks, target: opts.TargetVersion, synthetic: synthetic}
	p.fromArena(opts.Arena)
	p.errs = append(p.errs, lexErrs...)
	p.lexErrAt = make(map[int]bool, len(lexErrs))
	for _, e := range lexErrs {
		if !strings.HasSuffix(e.Msg, "was never closed") {
			p.lexErrAt[e.Offset] = true
		}
	}
	for _, off := range lx.pep701 {
		p.requires(312, int32(off), "this f-string syntax (a quote, backslash, comment or line break inside a replacement field)")
	}
	p.seek(0)
	return p.toArena(opts.Arena, p.finish(p.parseModule(), lx.comments))
}

// maxPooledTokens bounds the token slices kept for the next file: a huge file's would stay
// in memory for nothing.
const maxPooledTokens = 1 << 20

// finish makes the result of a parse.
func (p *parser) finish(mod *ast.Module, comments []ast.Span) *Result {
	var res *Result
	if a := p.arena; a != nil && !a.resOut {
		res, a.resOut = &a.res, true
	} else {
		res = new(Result)
	}
	*res = Result{Module: mod, Src: p.src, Lines: p.lineIndex(), Comments: comments}
	sortErrors(p.errs)
	p.errs = dedupErrors(p.errs)
	for _, e := range p.errs {
		e.Line, e.Col = res.Lines.Position(e.Offset)
	}
	res.Errors = p.errs
	return res
}

// more lexes the next tokens; it abandons the parse (see parseStreaming) when the lexer
// reports what only parsing the file whole handles.
func (p *parser) more() {
	lx := p.lx
	lx.limit = len(lx.toks) + lexAhead
	lx.run()
	if len(lx.errs) > 0 || lx.unclosed || len(lx.pep701) > 0 && p.target < 312 {
		panic(restart{})
	}
	p.toks = lx.toks
	if lx.done {
		p.lx = nil
	}
}

// fill makes sure that token i is lexed, when the file has that many.
func (p *parser) fill(i int) {
	for i >= len(p.toks) && p.lx != nil {
		p.more()
	}
}

// compact drops the tokens of the top-level statements parsed, but the last compactKeep:
// called between top-level statements, where no token index is held but p.i.
func (p *parser) compact() {
	if p.lx == nil || p.i < compactAfter {
		return
	}
	drop := p.i - compactKeep
	n := copy(p.lx.toks, p.lx.toks[drop:])
	p.lx.toks = p.lx.toks[:n]
	p.toks = p.lx.toks
	p.i -= drop
}

// ---------------------------------------------------------------------------------------------
// Token access.

// tok returns the current token. Tokens at or after the current one are read through it,
// peekKind or fill, which lex them when the parser lexes as it goes. advance and seek lex
// the token they move to (when it is not yet), so that the current one is always at hand:
// tok, kind and start are a load or two, inlined.
func (p *parser) tok() token.Token { return p.cur }

func (p *parser) kind() token.Kind { return p.cur.Kind }

// advance moves to the next token.
func (p *parser) advance() {
	p.i++
	if p.i < len(p.toks) {
		p.cur = p.toks[p.i]
		return
	}
	p.curMore()
}

// seek moves to token i.
func (p *parser) seek(i int) {
	p.i = i
	if i < len(p.toks) {
		p.cur = p.toks[i]
		return
	}
	p.curMore()
}

// curMore sets cur when token i is not lexed yet.
//
//go:noinline
func (p *parser) curMore() {
	p.fill(p.i)
	if p.i < len(p.toks) {
		p.cur = p.toks[p.i]
	} else {
		p.cur = token.Token{Kind: token.ENDMARKER, Start: int32(len(p.src)), End: int32(len(p.src))}
	}
}

func (p *parser) start() int32 { return p.cur.Start }

func (p *parser) prevEnd() int32 { return p.toks[p.i-1].End }

func (p *parser) peekKind(n int) token.Kind {
	if j := p.i + n; j < len(p.toks) {
		return p.toks[j].Kind
	}
	return p.peekMore(n)
}

// peek1 is peekKind(1), inlined.
func (p *parser) peek1() token.Kind {
	if j := p.i + 1; j < len(p.toks) {
		return p.toks[j].Kind
	}
	return p.peekMore1()
}

//go:noinline
func (p *parser) peekMore1() token.Kind { return p.peekMore(1) }

//go:noinline
func (p *parser) peekMore(n int) token.Kind {
	j := p.i + n
	p.fill(j)
	if j < len(p.toks) {
		return p.toks[j].Kind
	}
	return token.ENDMARKER
}

func (p *parser) next() token.Token {
	t := p.tok()
	if t.Kind != token.ENDMARKER {
		p.advance()
	}
	return t
}

func (p *parser) accept(k token.Kind) bool {
	if p.cur.Kind != k {
		return false
	}
	p.step()
	return true
}

// step is advance, not inlined (for accept, which is).
//
//go:noinline
func (p *parser) step() { p.advance() }

// isSoft reports whether the current token is the NAME s (a soft keyword).
func (p *parser) isSoft(s string) bool {
	t := p.tok()
	return t.Kind == token.NAME && int(t.End-t.Start) == len(s) && p.src[t.Start] == s[0] && p.src[t.Start:t.End] == s
}

func (p *parser) expect(k token.Kind) token.Token {
	t := p.tok()
	if t.Kind != k {
		return p.expectFailed(k)
	}
	p.advance()
	return t
}

// expectFailed reports the current token not being k; errorExpected does not return. It
// makes the error path of expect and expectName a call after which the token they read is
// dead, so that the compiler does not keep it on the stack around the call.
//
//go:noinline
func (p *parser) expectFailed(k token.Kind) token.Token {
	p.errorExpected(k.String())
	panic("unreachable: errorExpected returned")
}

// ---------------------------------------------------------------------------------------------
// Errors.

func (p *parser) fail(off int32, msg string) {
	if len(p.errs) < maxErrors {
		p.errs = append(p.errs, &Error{Offset: int(off), Msg: msg})
	}
	panic(bailout{})
}

// maxErrors bounds the errors kept for one file (of the lexer, and of the parser): past that
// many, a file is garbage and more messages help nobody.
const maxErrors = 1000

// failSilently abandons the statement without a new error (the lexer already reported one).
func (p *parser) failSilently() { panic(bailout{}) }

// errorExpected reports that the current token is not what the grammar needs. Like CPython,
// the message is a plain "invalid syntax": CPython names the token it expected only where its
// grammar forces one (see errorForced).
func (p *parser) errorExpected(what string) {
	p.errorNotExpected()
	p.fail(p.start(), "invalid syntax")
}

// errorForced reports that the current token is not what, where CPython's grammar forces that
// token (`&&':'`) or has an invalid_ rule for it: "expected ':'".
func (p *parser) errorForced(what string) {
	p.errorNotExpected()
	p.fail(p.start(), "expected '"+what+"'")
}

// expectForced is expect for a token that CPython's grammar forces (`&&'('`, `&&':'`).
func (p *parser) expectForced(k token.Kind) {
	if p.kind() != k {
		p.errorForced(k.String())
	}
	p.advance()
}

// expectColon is expect(token.COLON) at the end of a compound statement's header, where
// CPython's invalid_*_stmt rules report a header ended by its line as "expected ':'".
func (p *parser) expectColon() {
	switch p.kind() {
	case token.COLON:
		p.advance()
	case token.NEWLINE:
		p.errorForced(":")
	default:
		p.errorExpected(":")
	}
}

// errorNotExpected handles the tokens whose errors have a message of their own (indentation,
// the end of the file) or were reported by the lexer already; it returns for the others.
func (p *parser) errorNotExpected() {
	t := p.tok()
	switch t.Kind {
	case token.ILLEGAL:
		p.failSilently()
	case token.INDENT:
		p.fail(t.Start, "unexpected indent")
	case token.DEDENT:
		p.fail(t.Start, "unindent does not match any outer indentation level")
	case token.ENDMARKER:
		// Point at the end of the last line rather than past it, as CPython does.
		if p.lexErrorNear(t.Start) || p.synthetic[t.Start] {
			p.failSilently()
		}
		at := t.Start
		if p.i > 0 {
			at = p.toks[p.i-1].Start
		}
		p.fail(at, "invalid syntax")
	}
	if p.lexErrorNear(t.Start) || t.Kind == token.NEWLINE && p.synthetic[t.Start] {
		p.failSilently()
	}
}

// lexErrorNear reports whether the lexer recorded an error at off or just before it, which
// makes a parser error there redundant.
func (p *parser) lexErrorNear(off int32) bool {
	return p.lexErrAt[int(off)] || p.lexErrAt[int(off)-1]
}

// try runs fn; when fn bails out, it restores the position and the errors and returns false.
func (p *parser) try(fn func()) (ok bool) {
	save, nerr, depth, marks := p.i, len(p.errs), p.depth, p.marks()
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			p.seek(save)
			p.errs, p.depth = p.errs[:nerr], depth
			p.reset(marks)
			ok = false
		}
	}()
	fn()
	return true
}

// tryKeepErrors runs fn and reports whether it finished; unlike try, the errors recorded by a
// failed fn are kept (used to recover from a broken part and go on).
func (p *parser) tryKeepErrors(fn func()) (ok bool) {
	depth := p.depth
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			p.depth = depth
			ok = false
		}
	}()
	fn()
	return true
}

// enter counts one more level of nesting; small enough to be inlined.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.tooDeep()
	}
}

//go:noinline
func (p *parser) tooDeep() {
	p.fail(p.start(), "too many nested expressions or statements: the source is too complex to parse")
}

func (p *parser) leave() { p.depth-- }

// wrapped reports whether the tokens from index from up to the current one are one pair of
// parentheses around the rest: `(a, *b)` is, `(a), *b` is not.
func (p *parser) wrapped(from int) bool {
	if from >= p.i || p.toks[from].Kind != token.LPAR {
		return false
	}
	depth := 0
	for i := from; i < p.i; i++ {
		switch p.toks[i].Kind {
		case token.LPAR, token.LSQB, token.LBRACE:
			depth++
		case token.RPAR, token.RSQB, token.RBRACE:
			depth--
			if depth == 0 {
				return i == p.i-1
			}
		}
	}
	return false
}

// wrappedRange reports whether the tokens [from, to) are one pair of parentheses around the
// rest.
func (p *parser) wrappedRange(from, to int) bool {
	save := p.i
	p.seek(to)
	ok := p.wrapped(from)
	p.seek(save)
	return ok
}

// bareWalrus reports whether e, parsed from tokens starting at index from, is an assignment
// expression without parentheses of its own.
func (p *parser) bareWalrus(e ast.Expr, from int) bool {
	_, ok := e.(*ast.NamedExpr)
	return ok && p.toks[from].Kind != token.LPAR
}

// requires records an error when the target version is older than v.
func (p *parser) requires(v Version, off int32, what string) {
	if p.target < v {
		p.errs = append(p.errs, &Error{Offset: int(off), Msg: what + " requires Python " + v.String() + " or newer"})
	}
}

func (v Version) String() string {
	return string(rune('0'+v/100)) + "." + itoa(int(v%100))
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// ---------------------------------------------------------------------------------------------
// Identifiers.

// name returns the identifier of a NAME token, NFKC-normalised as Python does (the lexer
// marks the names that have a non-ASCII character: the others are as they are written).
func (p *parser) name(t token.Token) string {
	s := p.src[t.Start:t.End]
	if t.NonASCII {
		return norm.NFKC.String(s)
	}
	return s
}

func (p *parser) expectName() (string, token.Token) {
	t := p.tok()
	if t.Kind != token.NAME {
		t = p.expectFailed(token.NAME) // a keyword too: CPython's message names none
		return "", t
	}
	p.advance()
	return p.name(t), t
}

func strPtr(s string) *string { return &s }

func sp(start, end int32) ast.Span { return ast.Span{Start: start, End: end} }

func startOf(n ast.Node) int32 { return int32(n.Pos()) }
func endOf(n ast.Node) int32   { return int32(n.EndPos()) }

// sortErrors orders errors by position, except that "was never closed" (found only at the end
// of the file, or where recovery ended the bracket) goes after a later error inside the
// brackets: like CPython, the first error reported is the one the parser stumbled on.
func sortErrors(errs []*Error) {
	key := make(map[*Error]int, len(errs))
	for _, e := range errs {
		key[e] = e.Offset
		if e.foundAt > 0 {
			key[e] = e.foundAt - 1
		}
	}
	for _, e := range errs {
		if !strings.HasSuffix(e.Msg, "was never closed") {
			continue
		}
		next := -1
		for _, o := range errs {
			if o.Offset > e.Offset && o.foundAt == 0 && !strings.HasSuffix(o.Msg, "was never closed") && (next < 0 || o.Offset < next) {
				next = o.Offset
			}
		}
		if next >= 0 {
			key[e] = next
		}
	}
	sort.SliceStable(errs, func(a, b int) bool {
		if key[errs[a]] != key[errs[b]] {
			return key[errs[a]] < key[errs[b]]
		}
		if (errs[a].foundAt > 0) != (errs[b].foundAt > 0) {
			return errs[a].foundAt > 0 // the lexer's error explains the parser's there
		}
		return errs[a].Offset > errs[b].Offset
	})
}

// dedupErrors drops an error that repeats the one before it (same place, same message).
func dedupErrors(errs []*Error) []*Error {
	out := errs[:0]
	for i, e := range errs {
		if i > 0 && e.Offset == errs[i-1].Offset && e.Msg == errs[i-1].Msg {
			continue
		}
		out = append(out, e)
	}
	return out
}
