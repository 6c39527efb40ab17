package parser

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// frame kinds of the lexer's bracket stack.
const (
	frParen   = iota // ( [ {
	frFString        // the literal body of an f-string or t-string
	frField          // a {replacement field} of an f-string
	frSpec           // the format spec of a replacement field
)

type frame struct {
	kind   uint8
	open   byte  // the bracket character for frParen
	quote  byte  // for frFString
	triple bool  // for frFString
	raw    bool  // for frFString
	start  int32 // offset of the opening bracket or string start
	indent int   // for frParen: indentation of the line the bracket is on
}

// CPython's tokenizer limits, kept so that deeply nested input fails the same way.
const (
	maxParenLevel  = 200
	maxIndentLevel = 100
)

// lexer turns a whole source into tokens. It never stops on an error: it records it and goes
// on, so the parser always sees a complete token stream ending in ENDMARKER.
type lexer struct {
	src        string
	pos        int
	toks       []token.Token
	errs       []*Error
	indents    []int // indentation columns (tabs to multiples of 8)
	altIndents []int // the same with tabs counting 1, to detect inconsistent tabs
	stack      []frame
	lineStart  bool // at the start of a logical line
	parenLevel int  // open brackets, including replacement fields
	lastLine   int  // offset of the start of the current physical line

	pep701     []int      // offsets of f-string syntax new in Python 3.12 (PEP 701)
	comments   []ast.Span // every comment, '#' to the end of its line
	unclosed   bool       // a bracket was never closed
	lineAt     int        // lineOf's memo: offset and line last computed
	lineNo     int
	tooDeep    bool           // "too many levels of indentation" was reported
	recovering bool           // lexing again to recover from an unclosed bracket
	synthetic  map[int32]bool // offsets of NEWLINE tokens made up while recovering

	// limit pauses run once that many tokens are in toks (the parser lexing as it goes:
	// see parser.more); done is set once the ENDMARKER is.
	limit int
	done  bool
}

// tokenPool recycles token slices between files: the tree does not keep them.
var tokenPool = sync.Pool{New: func() any { return new([]token.Token) }}

func tokenize(src string) ([]token.Token, []*Error) {
	lx := tokenizeInto(nil, make([]token.Token, 0, len(src)/5+16), src)
	return lx.toks, lx.errs
}

// tokenizeInto lexes src into buf. When a bracket is never closed, the whole rest of the file
// would be one logical line; the source is then lexed again in recovery mode, where a line
// that is indented no deeper than the line that opened the bracket ends the bracket (see
// closeAbandoned). The offsets of the NEWLINE tokens made up that way are returned, so that
// the parser does not report them again. The lexer holds the tokens, the errors and those
// offsets.
// The lexer is lx, when not nil: the lexer of an earlier parse, done with (see newLexer).
func tokenizeInto(lx *lexer, buf []token.Token, src string) *lexer {
	lx = newLexer(lx, buf, src)
	lx.run()
	if !lx.unclosed {
		return lx
	}
	lx = newLexer(lx, lx.toks, src)
	lx.recovering = true
	lx.run()
	return lx
}

// newLexer returns a lexer of src that writes its tokens into buf. It is lx, when not nil,
// made new: the lexer of an earlier parse (an Arena's), whose stacks are reused. Nothing of
// a lexer outlives its parse but copies and its errors (which it makes anew).
func newLexer(lx *lexer, buf []token.Token, src string) *lexer {
	if lx == nil {
		lx = &lexer{}
	}
	indents, altIndents, stack := lx.indents[:0], lx.altIndents[:0], lx.stack[:0]
	if cap(indents) == 0 {
		indents, altIndents = make([]int, 0, 16), make([]int, 0, 16) // room for fastLine's INDENTs
	}
	*lx = lexer{
		src:        src,
		toks:       buf[:0],
		indents:    append(indents, 0),
		altIndents: append(altIndents, 0),
		stack:      stack,
		lineStart:  true,
		lineNo:     1,
		limit:      math.MaxInt,
	}
	return lx
}

// closeAbandoned is called in recovery mode at a newline inside brackets. When the next
// non-blank line is indented no deeper than the line of the outermost open bracket and does
// not start with a closing bracket, the brackets were never closed: it reports them, drops
// them, and ends the logical line.
func (lx *lexer) closeAbandoned(nl int) bool {
	for _, f := range lx.stack {
		if f.kind != frParen {
			return false // inside an f-string: leave it to the f-string rules
		}
	}
	// Find the next non-blank, non-comment line.
	p := nl + 1
	for p < len(lx.src) {
		q, col := p, 0
		for q < len(lx.src) && (lx.src[q] == ' ' || lx.src[q] == '\t' || lx.src[q] == '\f') {
			if lx.src[q] == '\t' {
				col = (col/8 + 1) * 8
			} else {
				col++
			}
			q++
		}
		if q >= len(lx.src) {
			return false
		}
		switch lx.src[q] {
		case '\n':
			p = q + 1
			continue
		case '#':
			for q < len(lx.src) && lx.src[q] != '\n' {
				q++
			}
			p = q + 1
			continue
		case ')', ']', '}':
			return false
		}
		if col > lx.stack[0].indent || col == lx.stack[0].indent && !startsStatement(lx.src[q:]) {
			return false
		}
		for i := len(lx.stack) - 1; i >= 0; i-- {
			lx.errorf(int(lx.stack[i].start), "'%c' was never closed", lx.stack[i].open)
		}
		lx.stack = lx.stack[:0]
		lx.parenLevel = 0
		lx.markSynthetic(nl)
		return true
	}
	return false
}

// startsStatement reports whether a line that starts with b looks like the start of a new
// statement rather than more of a bracketed expression: a statement keyword, a decorator, or
// an assignment `name = ...`.
func startsStatement(b string) bool {
	if b[0] == '@' {
		return true
	}
	n := 0
	for n < len(b) && isIdentByte(b[n]) {
		n++
	}
	if n == 0 {
		return false
	}
	switch b[:n] {
	case "def", "class", "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
		"return", "import", "from", "raise", "pass", "break", "continue", "del", "global",
		"nonlocal", "assert", "async":
		return true
	}
	rest := strings.TrimLeft(b[n:], " \t")
	return len(rest) > 1 && rest[0] == '=' && rest[1] != '='
}

// lineIndent returns the indentation column of the current physical line, which holds
// offset off (only needed while recovering from an unclosed bracket).
func (lx *lexer) lineIndent(off int) int {
	col := 0
	for i := lx.lastLine; i < off; i++ {
		switch lx.src[i] {
		case ' ':
			col++
		case '\t':
			col = (col/8 + 1) * 8
		case '\f':
			col = 0
		default:
			return col
		}
	}
	return col
}

func (lx *lexer) emit(k token.Kind, start, end int) {
	lx.toks = append(lx.toks, token.Token{Kind: k, Start: int32(start), End: int32(end)})
}

func (lx *lexer) errorf(off int, format string, args ...any) {
	if len(lx.errs) >= maxErrors {
		return // a file this broken has said enough
	}
	lx.errs = append(lx.errs, &Error{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// unterminatedFString reports the f-string f, unterminated, found at offset at.
func (lx *lexer) unterminatedFString(f *frame, at, line int) {
	if len(lx.errs) >= maxErrors {
		return
	}
	kind := "f-string"
	if lx.src[f.start]|0x20 == 't' || lx.src[f.start+1]|0x20 == 't' {
		kind = "t-string"
	}
	msg := fmt.Sprintf("unterminated %s literal (detected at line %d)", kind, line)
	if f.triple {
		msg = fmt.Sprintf("unterminated triple-quoted %s literal (detected at line %d)", kind, line)
	}
	lx.errs = append(lx.errs, &Error{Offset: int(f.start), Msg: msg, foundAt: at + 1})
}

// markSynthetic records a NEWLINE made up at offset off (see synthetic), making the map on
// the first: most files have none, and the parse reads a nil map as empty.
func (lx *lexer) markSynthetic(off int) {
	if lx.synthetic == nil {
		lx.synthetic = map[int32]bool{}
	}
	lx.synthetic[int32(off)] = true
}

func (lx *lexer) top() *frame {
	if len(lx.stack) == 0 {
		return nil
	}
	return &lx.stack[len(lx.stack)-1]
}

// Byte classes of the lexer's dispatch (see run).
const (
	clOther   = iota // an operator, or a character no token begins with
	clSpace          // ' ', '\t', '\f'
	clLetter         // an ASCII letter or '_'
	clDigit          // '0' to '9'
	clDot            // '.': an operator, or the start of a number
	clQuote          // '"' or '\''
	clHash           // '#'
	clNewline        // '\n'
	clHigh           // a byte >= 0x80: the start of a non-ASCII identifier (or an error)

	// fastClass splits clOther further, for fastLine.
	clOpen  // '(', '[', '{'
	clClose // ')', ']', '}'
	clOp1   // ',', ';', '~': an operator of one character that no other begins
)

var (
	byteClass [256]uint8
	// identByte marks the ASCII bytes of an identifier after its first.
	identByte [256]bool
	// nameEnd marks the bytes that, right after the ASCII part of a name, make it something
	// else: a string prefix before a quote, or a non-ASCII identifier.
	nameEnd [256]bool
	// strStop marks the bytes a single-quoted string's scan stops at.
	strStop [256]bool
	// opSingle marks the operator characters that never begin a longer operator.
	opSingle [256]bool
	// numberGoesOn marks the bytes that, after the digits of a decimal integer, make it more
	// (or an error): a letter, a digit, '_', '.', or a non-ASCII character.
	numberGoesOn [256]bool
	// fastClass is fastLine's one table: the byte class (byteClass) in the bits of classMask,
	// with the flags fIdent (identByte), fNameEnd (nameEnd) and fStrStop (strStop). One table
	// keeps its address in one register for the whole loop, where each table took a LEAQ of
	// its own and the register it went to (10 instructions a byte of a name, now 6).
	fastClass [256]uint8
)

// fastClass's flags.
const (
	classMask = 0x0f
	fIdent    = 0x10
	fNameEnd  = 0x20
	fStrStop  = 0x40
	fHex      = 0x80 // a hexadecimal digit
)

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		switch {
		case b == ' ' || b == '\t' || b == '\f':
			byteClass[c] = clSpace
		case isASCIILetter(b) || b == '_':
			byteClass[c] = clLetter
		case b >= '0' && b <= '9':
			byteClass[c] = clDigit
		case b == '.':
			byteClass[c] = clDot
		case b == '"' || b == '\'':
			byteClass[c] = clQuote
		case b == '#':
			byteClass[c] = clHash
		case b == '\n':
			byteClass[c] = clNewline
		case b >= 0x80:
			byteClass[c] = clHigh
		}
		identByte[c] = isIdentByte(b)
		nameEnd[c] = b == '"' || b == '\'' || b >= 0x80
		numberGoesOn[c] = isIdentByte(b) || b == '.' || b >= 0x80
		strStop[c] = b == '"' || b == '\'' || b == '\\' || b == '\n'
		fastClass[c] = byteClass[c]
		switch b {
		case '(', '[', '{':
			fastClass[c] = clOpen
		case ')', ']', '}':
			fastClass[c] = clClose
		case ',', ';', '~':
			fastClass[c] = clOp1
		}
		if identByte[c] {
			fastClass[c] |= fIdent
		}
		if nameEnd[c] {
			fastClass[c] |= fNameEnd
		}
		if strStop[c] {
			fastClass[c] |= fStrStop
		}
		if b >= '0' && b <= '9' || b|0x20 >= 'a' && b|0x20 <= 'f' {
			fastClass[c] |= fHex
		}
	}
	for _, c := range "()[]{},;~" {
		opSingle[c] = true
	}
}

func (lx *lexer) run() {
	src := lx.src
	for len(lx.toks) < lx.limit {
		if n := len(lx.stack); n > 0 {
			if k := lx.stack[n-1].kind; k == frFString || k == frSpec {
				lx.lexFStringText()
				continue
			}
		}
		if lx.lineStart && lx.parenLevel == 0 {
			if !lx.indentation() {
				continue // blank line consumed
			}
		}
		if before, n := lx.pos, len(lx.toks); lx.fastLine() && (lx.pos != before || len(lx.toks) != n) {
			continue
		}
		// Skip white space.
		pos := lx.pos
		for {
			for pos < len(src) && byteClass[src[pos]] == clSpace {
				pos++
			}
			if pos >= len(src) || src[pos] != '\\' {
				break
			}
			if pos+1 < len(src) && src[pos+1] == '\n' {
				if lx.fieldFString() != nil {
					lx.notePEP701(pos)
				}
				pos += 2
				lx.lastLine = pos
				if pos >= len(src) {
					lx.errorf(pos-2, "unexpected EOF while parsing")
				}
				continue
			}
			if pos+1 >= len(src) {
				lx.errorf(pos, "unexpected EOF while parsing")
				pos++
				continue
			}
			break
		}
		lx.pos = pos
		if pos >= len(src) {
			lx.eof()
			lx.done = true
			return
		}
		start := pos
		c := src[start]
		switch byteClass[c] {
		case clLetter:
			lx.lineStart = false
			// An ASCII name or keyword, unless a quote or a non-ASCII character follows.
			p := start + 1
			for p < len(src) && identByte[src[p]] {
				p++
			}
			if p < len(src) && nameEnd[src[p]] {
				lx.lexNameOrString()
				continue
			}
			lx.pos = p
			lx.emit(keyword(src[start:p]), start, p)
		case clHigh:
			lx.lineStart = false
			lx.lexNameOrString()
		case clDigit:
			lx.lineStart = false
			lx.lexNumber()
		case clDot:
			lx.lineStart = false
			if start+1 < len(src) && src[start+1] >= '0' && src[start+1] <= '9' {
				lx.lexNumber()
			} else {
				lx.lexOperator()
			}
		case clQuote:
			lx.lineStart = false
			lx.lexString(start, start, 0)
		case clHash:
			if lx.fieldFString() != nil {
				lx.notePEP701(start)
			}
			if i := strings.IndexByte(src[pos:], '\n'); i >= 0 {
				lx.pos += i
			} else {
				lx.pos = len(src)
			}
			lx.comments = append(lx.comments, ast.Span{Start: int32(start), End: int32(lx.pos)})
		case clNewline:
			lx.pos++
			if lx.parenLevel > 0 {
				if fs := lx.fieldFString(); fs != nil && !fs.triple {
					lx.notePEP701(start)
				}
				if lx.recovering {
					lx.closeAbandoned(start)
				}
			}
			if lx.parenLevel == 0 {
				if !lx.lineStart {
					lx.emit(token.NEWLINE, start, start+1)
				}
				lx.lineStart = true
			}
			lx.lastLine = lx.pos
		default:
			lx.lineStart = false
			lx.lexOperator()
		}
	}
}

// fastLine lexes the common tokens (ASCII names and keywords, plain integers, operators and
// brackets, white space, line ends and the indentation of a line as deep as the one before)
// as run does, while no f-string is open and the lexer is not recovering, with its state in
// local variables; it stops before anything else (a string, a non-ASCII name, another number,
// a comment, a rarer operator, a backslash, an error, the end of the file, an INDENT or
// DEDENT) and leaves that to run. It reports whether it ran at all.
//
// Its loop calls no function (the tokens go into room reserved before it, a bracket onto
// the room the stack has), so that the compiler keeps its state in registers rather than
// spilling it around calls on every token.
func (lx *lexer) fastLine() bool {
	if lx.recovering || len(lx.src) == 0 || lx.src[len(lx.src)-1] != '\n' {
		// fastLoop's scans of a name, of white space, of a string on its line and of an
		// indentation stop at a line end at the latest, without comparing with the length
		// of src: a source that does not end with one (a rare file) is run's.
		return false
	}
	for i := range lx.stack {
		if lx.stack[i].kind != frParen {
			return false
		}
	}
	for {
		lx.fastLoop()
		if !lx.fastString() {
			return true
		}
	}
}

// fastLoop is fastLine's loop: it stops before a string with a prefix, a triple-quoted or an
// empty one, which fastString takes, so that it calls no function.
func (lx *lexer) fastLoop() {
	if cap(lx.toks)-len(lx.toks) < fastRoom {
		lx.toks = slices.Grow(lx.toks, max(fastRoom, len(lx.toks)))
	}
	if cap(lx.stack) == 0 {
		lx.stack = make([]frame, 0, 16)
	}
	if cap(lx.comments)-len(lx.comments) < 16 {
		lx.comments = slices.Grow(lx.comments, max(64, len(lx.comments)))
	}
	src := lx.src
	// toks ends where the loop must stop (the room reserved, or the limit), so that n < len(toks)
	// is both the loop's test and the bounds check of every token written.
	toks := lx.toks[:min(lx.limit, cap(lx.toks))]
	n, pos := len(lx.toks), lx.pos
	level := lx.parenLevel
	// The lexer is at the start of a logical line (lx.lineStart) while n == lineTok: a token
	// written makes n larger, a NEWLINE sets lineTok to n, and the indentation of a line
	// handled here sets it to -1. It is not a variable set for every token: the loop keeps
	// its state in registers, and has none to spare.
	lineTok := -1
	if lx.lineStart {
		lineTok = n
	}
loop:
	for uint(pos) < uint(len(src)) && uint(n) < uint(len(toks)) { // unsigned: the bounds checks of src[pos] and toks[n] go
		c := src[pos]
		switch fastClass[c] & classMask {
		case clSpace:
			// A run of white space in a loop of its own: the main loop keeps much state.
			for pos++; fastClass[at(src, pos)]&classMask == clSpace; pos++ { // stops at the final '\n'
			}
		case clLetter:
			// src ends with a line end (see fastLine): the scan stops within it.
			p := pos + 1
			for fastClass[at(src, p)]&fIdent != 0 {
				p++
			}
			if fastClass[at(src, p)]&fNameEnd != 0 { // p < len(src), as above
				break loop // a string prefix (see strings, below) or a non-ASCII name
			}
			k := token.NAME
			if l := p - pos; l >= 2 && l <= 8 {
				e := &kwTable[(uint(c)*kwMulA+uint(src[p-1])*kwMulB+uint(l))&127]
				if e.n == uint8(l) {
					if pos+8 > len(src) {
						break loop // near the end of the file: run has keyword
					}
					if load64(src[pos:pos+8])&(^uint64(0)>>(64-8*l)) == e.word {
						k = e.kind
					}
				}
			}
			toks[n] = token.Token{Kind: k, Start: int32(pos), End: int32(p)}
			n++
			pos = p
			if at(src, pos) == ' ' { // pos < len(src): the token is not the final '\n'
				pos++ // the one space that follows a name more often than not
			}
		case clDigit:
			p := pos
			for at(src, p)-'0' < 10 { // stops at the final '\n'
				p++
			}
			if numberGoesOn[at(src, p)] { // p < len(src), as above
				// A hexadecimal integer, 0x and digits without '_'; any other is run's.
				if p != pos+1 || c != '0' || src[p]|0x20 != 'x' {
					break loop
				}
				p++
				h := p
				for p < len(src) && fastClass[src[p]]&fHex != 0 {
					p++
				}
				if p == h || p < len(src) && numberGoesOn[src[p]] {
					break loop
				}
			} else if c == '0' && p > pos+1 {
				break loop
			}
			toks[n] = token.Token{Kind: token.NUMBER, Start: int32(pos), End: int32(p)}
			n++
			pos = p
		case clNewline:
			pos++
			lx.lastLine = pos
			if level != 0 {
				continue
			}
			if n != lineTok {
				toks[n] = token.Token{Kind: token.NEWLINE, Start: int32(pos - 1), End: int32(pos)}
				n++
			}
			lineTok = n
			// The next line, when it is indented with spaces as deep as the current block:
			// no INDENT or DEDENT, nothing for indentation to do. Blank lines are skipped as
			// indentation skips them. Anything else (another indentation, a tab, a comment,
			// a continuation, the end of the file) is left to run, from the start of the
			// line.
			top := lx.indents[len(lx.indents)-1]
			if top != lx.altIndents[len(lx.altIndents)-1] {
				break loop
			}
			for {
				if pos >= len(src) {
					break loop // the end of the file
				}
				p := pos
				for p+8 <= len(src) && src[p:p+8] == "        " {
					p += 8
				}
				for at(src, p) == ' ' { // stops at the final '\n'
					p++
				}
				switch src[p] {
				case '\n':
					pos = p + 1
					lx.lastLine = pos
					continue
				case '#':
					pos = p // a comment line: the main loop takes the comment and its line end
					continue loop
				case '\t', '\f', '\\':
					break loop
				}
				if col := p - pos; col > top {
					// One level deeper: an INDENT, as indentation makes it.
					ni := len(lx.indents)
					if ni >= maxIndentLevel-1 || ni == cap(lx.indents) || ni == cap(lx.altIndents) || n == len(toks) {
						break loop
					}
					lx.indents = lx.indents[:ni+1]
					lx.indents[ni] = col
					lx.altIndents = lx.altIndents[:ni+1]
					lx.altIndents[ni] = col
					toks[n] = token.Token{Kind: token.INDENT, Start: int32(pos), End: int32(p)}
					n++
				} else if col < top {
					// Back to an outer level: a DEDENT for each level left, when the column
					// is one of them (indented with spaces alone); else run reports it.
					k := len(lx.indents) - 1
					for k > 0 && col < lx.indents[k] {
						k--
					}
					if col != lx.indents[k] || col != lx.altIndents[k] || n+len(lx.indents)-1-k > len(toks) {
						break loop
					}
					for range len(lx.indents) - 1 - k {
						toks[n] = token.Token{Kind: token.DEDENT, Start: int32(p), End: int32(p)}
						n++
					}
					lx.indents = lx.indents[:k+1]
					lx.altIndents = lx.altIndents[:k+1]
				}
				pos, lineTok = p, -1
				continue loop
			}
		case clHash:
			nc := len(lx.comments)
			if nc == cap(lx.comments) {
				break loop
			}
			// The line end, eight bytes at a time: a byte of w^newlines is zero at a '\n'.
			end := pos + 1
			for ; end+8 <= len(src); end += 8 {
				w := load64(src[end:end+8]) ^ newlines
				if z := (w - ones) &^ w & highs; z != 0 {
					end += bits.TrailingZeros64(z) / 8
					goto found
				}
			}
			for at(src, end) != '\n' { // stops at the final '\n'
				end++
			}
		found:
			lx.comments = lx.comments[:nc+1]
			lx.comments[nc] = ast.Span{Start: int32(pos), End: int32(end)}
			pos = end
		case clQuote:
			// A string on one line (the loop calls no function): others are left to
			// strings, below.
			// It stops at the final '\n' at the latest, and a backslash is never the last
			// byte of src: no comparison with its length.
			p := pos + 1
			for {
				if b := at(src, p); fastClass[b]&fStrStop == 0 || b != c && b != '\\' && b != '\n' {
					p++ // not a stop, or the other quote
				} else if b == '\\' && at(src, p+1) != '\n' {
					p += 2 // an escape
				} else {
					break
				}
			}
			if p >= len(src) || src[p] != c || p == pos+1 {
				break loop // a line end, a continuation, the end of the file, or '' (maybe ''')
			}
			p++
			toks[n] = token.Token{Kind: token.STRING, Start: int32(pos), End: int32(p)}
			n++
			pos = p
		case clDot:
			if pos+1 < len(src) && (src[pos+1]-'0' < 10 || src[pos+1] == '.') {
				if pos+2 < len(src) && src[pos+1] == '.' && src[pos+2] == '.' {
					toks[n] = token.Token{Kind: token.ELLIPSIS, Start: int32(pos), End: int32(pos + 3)}
					n++
					pos += 3
					continue
				}
				break loop // a number, or '..'
			}
			toks[n] = token.Token{Kind: token.DOT, Start: int32(pos), End: int32(pos + 1)}
			n++
			pos++
		case clOpen:
			ns := len(lx.stack)
			if level >= maxParenLevel || ns == cap(lx.stack) {
				break loop
			}
			lx.stack = lx.stack[:ns+1]
			lx.stack[ns] = frame{kind: frParen, open: c, start: int32(pos)}
			level++
			toks[n] = token.Token{Kind: ops1[c&127], Start: int32(pos), End: int32(pos + 1)}
			n++
			pos++
			if at(src, pos) == ' ' { // pos < len(src): the token is not the final '\n'
				pos++
			}
		case clClose:
			ns := len(lx.stack)
			if ns == 0 || closerOf(lx.stack[ns-1].open) != c {
				break loop
			}
			lx.stack = lx.stack[:ns-1]
			level--
			toks[n] = token.Token{Kind: ops1[c&127], Start: int32(pos), End: int32(pos + 1)}
			n++
			pos++
			if at(src, pos) == ' ' { // pos < len(src): the token is not the final '\n'
				pos++
			}
		case clOp1:
			toks[n] = token.Token{Kind: ops1[c&127], Start: int32(pos), End: int32(pos + 1)}
			n++
			pos++
			if at(src, pos) == ' ' { // pos < len(src): the token is not the final '\n'
				pos++
			}
		case clOther:
			k := ops1[c&127]
			if c >= 128 || k == token.ILLEGAL {
				break loop
			}
			l := 1
			if pos+1 < len(src) {
				// An operator that may go on: its '=' form (+=, ==, <=), or a rarer one
				// (**, //, <<, >>, ->, <>) that run lexes.
				c1 := src[pos+1]
				if c1 == '=' && opEqual[c] != token.ILLEGAL {
					k, l = opEqual[c], 2
				} else if c1 == c && (c == '*' || c == '/' || c == '<' || c == '>') {
					// **, //, <<, >> and their augmented forms.
					k, l = map2[c], 2
					if pos+2 < len(src) && src[pos+2] == '=' {
						k, l = map2eq[c], 3
					}
				} else if c1 == '>' && c == '-' {
					k, l = token.RARROW, 2
				} else if c1 == '>' && c == '<' {
					break loop // <>, the parser's to report
				}
			}
			toks[n] = token.Token{Kind: k, Start: int32(pos), End: int32(pos + l)}
			n++
			pos += l
			if at(src, pos) == ' ' { // pos < len(src): the token is not the final '\n'
				pos++
			}
		default:
			break loop
		}
	}
	lx.toks = lx.toks[:n] // the same array as toks
	lx.pos, lx.parenLevel, lx.lineStart = pos, level, n == lineTok
}

// fastString lexes the string at lx.pos that fastLoop stopped before, if fastLine takes it
// (see scanString), and reports whether it did: one with a prefix (b, r, u, br or rb; f- and
// t-strings are run's), triple-quoted, or empty.
func (lx *lexer) fastString() bool {
	src, pos := lx.src, lx.pos
	if pos >= len(src) || len(lx.toks) >= min(lx.limit, cap(lx.toks)) {
		return false
	}
	q := pos
	for q < len(src) && q-pos < 3 && fastClass[src[q]]&fIdent != 0 {
		q++
	}
	if q >= len(src) || src[q] != '"' && src[q] != '\'' || q > pos && !plainPrefix(src[pos:q]) {
		return false
	}
	end := scanString(src, q)
	if end < 0 {
		return false
	}
	lx.toks = append(lx.toks, token.Token{Kind: token.STRING, Start: int32(pos), End: int32(end)})
	lx.pos, lx.lineStart = end, false
	return true
}

// scanString returns the end of the string whose opening quote is at q, or -1 when it is
// not terminated where fastLine may take it: a single-quoted string on its line (a backslash
// and the byte after it are skipped, as lexString skips them, but for a line continuation),
// or a triple-quoted string (see scanTriple). Others are left to run, which reports them.
func scanString(src string, q int) int {
	quote := src[q]
	for p := q + 1; p < len(src); p++ {
		c := src[p]
		if fastClass[c]&fStrStop == 0 {
			continue
		}
		if c == quote {
			if p == q+1 && p+1 < len(src) && src[p+1] == c {
				return scanTriple(src, q)
			}
			return p + 1
		}
		if c == '\n' || c == '\\' && (p+1 >= len(src) || src[p+1] == '\n') {
			break
		}
		if c == '\\' {
			p++
		}
	}
	return -1
}

// scanTriple returns the end of the triple-quoted string whose opening quotes are at q, or -1
// when it is not terminated. As lexString does, it goes from quote to quote with IndexByte,
// skipping each backslash and the byte after it.
func scanTriple(src string, q int) int {
	c := src[q]
	p := q + 3
	for {
		i := strings.IndexByte(src[p:], c)
		if i < 0 {
			return -1
		}
		at := p + i
		if j := strings.IndexByte(src[p:at], '\\'); j >= 0 {
			if p += j + 2; p > len(src) {
				return -1
			}
			continue
		}
		if at+2 < len(src) && src[at+1] == c && src[at+2] == c {
			return at + 3
		}
		p = at + 1
	}
}

// plainPrefix reports whether s, the letters before a quote, is a prefix of a string that
// is neither an f-string nor a t-string: b, r, u, br or rb in any case.
func plainPrefix(s string) bool {
	switch len(s) {
	case 1:
		c := s[0] | 0x20
		return c == 'b' || c == 'r' || c == 'u'
	case 2:
		c, d := s[0]|0x20, s[1]|0x20
		return c == 'b' && d == 'r' || c == 'r' && d == 'b'
	}
	return false
}

// Constants of fastLine's search for a line end, eight bytes at a time.
const (
	newlines = 0x0a0a0a0a0a0a0a0a
	ones     = 0x0101010101010101
	highs    = 0x8080808080808080
)

// at returns s[i] without a bounds check, for fastLoop's scans, which stop at the '\n' that
// ends s (see fastLine) before they could leave it.
func at(s string, i int) byte {
	return *(*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))
}

// load64 returns the eight bytes of s, little-endian: one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// fastRoom is the room for tokens fastLine makes before its loop.
const fastRoom = 1024

// fieldFString returns the f-string whose replacement field the lexer is in (at any bracket
// depth inside the field), or nil when it is not inside a field.
func (lx *lexer) fieldFString() *frame {
	inField := false
	for i := len(lx.stack) - 1; i >= 0; i-- {
		switch lx.stack[i].kind {
		case frField:
			inField = true
		case frSpec:
			return nil
		case frFString:
			if inField {
				return &lx.stack[i]
			}
			return nil
		}
	}
	return nil
}

// specDepth counts the format specs open in the innermost f-string.
func (lx *lexer) specDepth() int {
	n := 0
	for i := len(lx.stack) - 1; i >= 0 && lx.stack[i].kind != frFString; i-- {
		if lx.stack[i].kind == frSpec {
			n++
		}
	}
	return n
}

// notePEP701 records f-string syntax that Python 3.12 made legal: a string in a replacement
// field quoted like the f-string itself, a backslash or a comment in a replacement field, or
// a line break in a replacement field of a single-quoted f-string.
func (lx *lexer) notePEP701(off int) { lx.pep701 = append(lx.pep701, off) }

// enclosingFString returns the innermost f-string frame.
func (lx *lexer) enclosingFString() *frame {
	for i := len(lx.stack) - 1; i >= 0; i-- {
		if lx.stack[i].kind == frFString {
			return &lx.stack[i]
		}
	}
	return &frame{}
}

// indentation reads the indentation of a new line and emits INDENT/DEDENT tokens. It returns
// false when the line is blank or a comment only (consumed entirely).
func (lx *lexer) indentation() bool {
	src := lx.src
	col, alt := 0, 0
	p := lx.pos
	// Most indentation is spaces only: eight at a time (one 8-byte comparison), then one.
	for p+8 <= len(src) && src[p:p+8] == "        " {
		p += 8
	}
	for p < len(src) && src[p] == ' ' {
		p++
	}
	col, alt = p-lx.pos, p-lx.pos
	for p < len(src) {
		switch src[p] {
		case ' ':
			col++
			alt++
		case '\t':
			col = (col/8 + 1) * 8
			alt++
		case '\f':
			col, alt = 0, 0
		default:
			goto done
		}
		p++
	}
done:
	if p >= len(src) {
		lx.pos = p
		return true // EOF: let the main loop finish
	}
	switch src[p] {
	case '#':
		start := p
		if i := strings.IndexByte(src[p:], '\n'); i >= 0 {
			p += i
		} else {
			p = len(src)
		}
		lx.comments = append(lx.comments, ast.Span{Start: int32(start), End: int32(p)})
		if p < len(src) {
			p++
		}
		lx.pos = p
		lx.lastLine = p
		return false
	case '\n':
		lx.pos = p + 1
		lx.lastLine = lx.pos
		return false
	case '\\':
		// A line continuation right after the indentation: the indentation is this line's,
		// the first token is on a following line. When what follows is blank, the whole
		// logical line is blank.
		q := p
		for q+1 < len(src) && src[q] == '\\' && src[q+1] == '\n' {
			q += 2
			for q < len(src) && (src[q] == ' ' || src[q] == '\t' || src[q] == '\f') {
				q++
			}
		}
		if q > p && q >= len(src) {
			lx.errorf(p, "unexpected EOF while parsing")
		}
		if q > p && (q >= len(src) || src[q] == '\n' || src[q] == '#') {
			lx.pos = q
			lx.lastLine = q
			return false
		}
		if q > p {
			p = q
			lx.lastLine = q
		}
	}
	lx.pos = p
	lx.lineStart = false
	top := lx.indents[len(lx.indents)-1]
	altTop := lx.altIndents[len(lx.altIndents)-1]
	switch {
	case col == top:
		if alt != altTop {
			lx.errorf(p, "inconsistent use of tabs and spaces in indentation")
		}
	case col > top:
		// CPython's tokenizer takes at most 99 levels (MAXINDENT is 100, counting the first
		// column), and stops at the 100th: one error, at the start of its line.
		if len(lx.indents) >= maxIndentLevel && !lx.tooDeep {
			// At the start of the line the first token is on (after a continuation, the
			// next), as CPython 3.13 reports it.
			lx.errorf(strings.LastIndexByte(src[:lx.lastLine], '\n')+1, "too many levels of indentation")
			lx.tooDeep = true
		}
		if alt <= altTop {
			lx.errorf(p, "inconsistent use of tabs and spaces in indentation")
		}
		lx.indents = append(lx.indents, col)
		lx.altIndents = append(lx.altIndents, alt)
		lx.emit(token.INDENT, lx.lastLine, p)
	default:
		for len(lx.indents) > 1 && col < lx.indents[len(lx.indents)-1] {
			lx.indents = lx.indents[:len(lx.indents)-1]
			lx.altIndents = lx.altIndents[:len(lx.altIndents)-1]
			lx.emit(token.DEDENT, p, p)
		}
		if col != lx.indents[len(lx.indents)-1] {
			lx.errorf(p, "unindent does not match any outer indentation level")
			// Recover: treat this column as a new level so following lines stay consistent.
		} else if alt != lx.altIndents[len(lx.altIndents)-1] {
			lx.errorf(p, "inconsistent use of tabs and spaces in indentation")
		}
	}
	return true
}

func (lx *lexer) eof() {
	n := len(lx.src)
	fieldOpen := false
	// Unclosed brackets and strings.
	for i := len(lx.stack) - 1; i >= 0; i-- {
		f := lx.stack[i]
		switch f.kind {
		case frParen:
			lx.errorf(int(f.start), "'%c' was never closed", f.open)
			lx.unclosed = true
		case frField:
			// CPython's tokenizer, in the expression of a field at the end of the file,
			// reports the innermost bracket open.
			lx.errorf(int(f.start), "'{' was never closed")
			fieldOpen = true
		case frFString:
			lx.unterminatedFString(&f, n, lx.lastLineOf())
		}
	}
	lx.stack = lx.stack[:0]
	lx.parenLevel = 0
	if !lx.lineStart {
		if lx.unclosed || fieldOpen {
			lx.markSynthetic(n) // "was never closed" explains any error here
		}
		lx.emit(token.NEWLINE, n, n)
	}
	for len(lx.indents) > 1 {
		lx.indents = lx.indents[:len(lx.indents)-1]
		lx.emit(token.DEDENT, n, n)
	}
	lx.emit(token.ENDMARKER, n, n)
}

// lineOf returns the 1-based line of offset, for error messages. The lexer only ever asks
// about offsets at or after the previous one asked about, in the common case, so it counts on
// from there.
func (lx *lexer) lineOf(off int) int {
	if off > len(lx.src) {
		off = len(lx.src)
	}
	if off < lx.lineAt {
		lx.lineAt, lx.lineNo = 0, 1
	}
	lx.lineNo += strings.Count(lx.src[lx.lineAt:off], "\n")
	lx.lineAt = off
	return lx.lineNo
}

// lastLineOf returns the line of the last character of the file: CPython's "detected at line"
// for a string still open at the end of the file.
func (lx *lexer) lastLineOf() int {
	n := len(lx.src)
	if n > 0 && lx.src[n-1] == '\n' {
		n--
	}
	return lx.lineOf(n)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isIdentByte(c byte) bool {
	return isASCIILetter(c) || c == '_' || c >= '0' && c <= '9'
}

// lexNameOrString reads an identifier, a keyword, or a prefixed string.
func (lx *lexer) lexNameOrString() {
	src := lx.src
	start := lx.pos
	p := start
	for p < len(src) && isIdentByte(src[p]) {
		p++
	}
	if p < len(src) && (src[p] == '"' || src[p] == '\'') && p-start <= 2 {
		if flags, ok := stringPrefix(src[start:p]); ok {
			lx.lexString(start, p, flags)
			return
		}
	}
	if p < len(src) && src[p] >= 0x80 || start < len(src) && src[start] >= 0x80 {
		p = lx.lexUnicodeName(start)
		lx.toks = append(lx.toks, token.Token{Kind: token.NAME, NonASCII: true, Start: int32(start), End: int32(p)})
		lx.pos = p
		return
	}
	lx.pos = p
	lx.emit(keyword(src[start:p]), start, p)
}

// kwTable holds the hard keywords by kwHash: no two share a slot (see init).
var (
	kwTable [128]struct {
		s    string
		kind token.Kind
		n    uint8  // len(s), 0 for a free slot
		word uint64 // the bytes of s, little-endian
	}
)

// The multipliers of kwHash that put every keyword in a slot of its own: a perfect hash, so
// that telling a keyword from a name costs one hash and one comparison. Constants (init
// checks them), so that the hash is a LEAQ or two rather than two multiplications by
// variables loaded from memory. They are the first pair (a, then b, from 1) that works.
const kwMulA, kwMulB = 1, 11

func kwHash(s string, a, b uint) uint {
	return (uint(s[0])*a + uint(s[len(s)-1])*b + uint(len(s))) & 127
}

func init() {
	for kw, k := range token.Keywords {
		h := kwHash(kw, kwMulA, kwMulB)
		if kwTable[h].n != 0 {
			panic("kwHash is not a perfect hash of the keywords: " + kw + " and " + kwTable[h].s)
		}
		kwTable[h].s, kwTable[h].kind, kwTable[h].n = kw, k, uint8(len(kw))
		for i := len(kw) - 1; i >= 0; i-- {
			kwTable[h].word = kwTable[h].word<<8 | uint64(kw[i])
		}
	}
}

// keyword returns the kind of the ASCII identifier s: its keyword, or NAME.
func keyword(s string) token.Kind {
	if len(s) < 2 || len(s) > 8 {
		return token.NAME
	}
	e := &kwTable[kwHash(s, kwMulA, kwMulB)]
	if len(e.s) == len(s) && e.s == s {
		return e.kind
	}
	return token.NAME
}

// lexUnicodeName reads an identifier that contains non-ASCII characters and returns its end.
func (lx *lexer) lexUnicodeName(start int) int {
	src := lx.src
	p := start
	first := true
	for p < len(src) {
		c := src[p]
		if c < 0x80 {
			if isIdentByte(c) && (!first || !(c >= '0' && c <= '9')) {
				p++
				first = false
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(src[p:])
		if r == utf8.RuneError && size <= 1 {
			lx.errorf(p, "invalid non-printable character U+FFFD")
			p++
			first = false
			continue
		}
		ok := isIDContinue(r)
		if first {
			ok = isIDStart(r)
		}
		if !ok {
			if p == start {
				if unicode.IsPrint(r) {
					lx.errorf(p, "invalid character '%c' (U+%04X)", r, r)
				} else {
					lx.errorf(p, "invalid non-printable character U+%04X", r)
				}
				return p + size
			}
			break
		}
		p += size
		first = false
	}
	return p
}

// isIDStart approximates XID_Start (the categories of PEP 3131 plus Other_ID_Start).
func isIDStart(r rune) bool {
	return r == '_' || unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl, unicode.Other_ID_Start)
}

// isIDContinue approximates XID_Continue.
func isIDContinue(r rune) bool {
	return isIDStart(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue)
}

// String prefix flags.
const (
	strRaw = 1 << iota
	strBytes
	strF
	strT
	strU
)

func stringPrefix(p string) (int, bool) {
	flags := 0
	for _, c := range []byte(p) {
		var f int
		switch c | 0x20 {
		case 'r':
			f = strRaw
		case 'b':
			f = strBytes
		case 'f':
			f = strF
		case 't':
			f = strT
		case 'u':
			f = strU
		default:
			return 0, false
		}
		if flags&f != 0 {
			return 0, false
		}
		flags |= f
	}
	if flags&strU != 0 && flags != strU {
		return 0, false
	}
	n := 0
	for _, f := range []int{strBytes, strF, strT} {
		if flags&f != 0 {
			n++
		}
	}
	return flags, n <= 1
}

// lexString reads a string starting at start whose opening quote is at q.
func (lx *lexer) lexString(start, q, flags int) {
	src := lx.src
	quote := src[q]
	triple := q+2 < len(src) && src[q+1] == quote && src[q+2] == quote
	if fs := lx.fieldFString(); fs != nil && quote == fs.quote && (!fs.triple || triple) {
		lx.notePEP701(start) // before 3.12 this quote ended the f-string
	}
	qlen := 1
	if triple {
		qlen = 3
	}
	if flags&(strF|strT) != 0 {
		kind := token.FSTRING_START
		if flags&strT != 0 {
			kind = token.TSTRING_START
		}
		lx.emit(kind, start, q+qlen)
		lx.stack = append(lx.stack, frame{kind: frFString, quote: quote, triple: triple, raw: flags&strRaw != 0, start: int32(start)})
		lx.pos = q + qlen
		return
	}
	p := q + qlen
	// nextQuote is where the next quote character is, for a triple-quoted string, whose
	// scan goes from backslash to backslash or quote with IndexByte, which looks at many
	// bytes at a time: docstrings are a fair part of most files.
	nextQuote := -1
	for {
		if triple && p < len(src) {
			if nextQuote < p {
				if i := strings.IndexByte(src[p:], quote); i >= 0 {
					nextQuote = p + i
				} else {
					nextQuote = len(src)
				}
			}
			if i := strings.IndexByte(src[p:nextQuote], '\\'); i >= 0 {
				p += i
			} else {
				p = nextQuote
			}
		} else if !triple {
			for p < len(src) && !strStop[src[p]] {
				p++
			}
		}
		if p >= len(src) {
			if lx.unterminatedInField(quote, triple, q) {
				// nothing more to say
			} else if triple {
				lx.errorf(start, "unterminated triple-quoted string literal (detected at line %d)", lx.lastLineOf())
			} else {
				lx.errorf(start, "unterminated string literal (detected at line %d)", lx.lineOf(start))
			}
			lx.emit(token.STRING, start, len(src))
			lx.pos = len(src)
			return
		}
		c := src[p]
		if c == quote {
			if !triple {
				p++
				break
			}
			if p+2 < len(src) && src[p+1] == quote && src[p+2] == quote {
				p += 3
				break
			}
		} else if c == '\\' {
			if lx.fieldFString() != nil {
				lx.notePEP701(p)
			}
			p++
			if p < len(src) && src[p] == '\n' {
				p++
				continue
			}
		} else if c == '\n' && !triple {
			if !lx.unterminatedInField(quote, triple, q) {
				lx.errorf(start, "unterminated string literal (detected at line %d)", lx.lineOf(start))
			}
			lx.emit(token.STRING, start, p)
			lx.pos = p
			return
		}
		p++
	}
	lx.emit(token.STRING, start, p)
	lx.pos = p
}

// unterminatedInField reports, for an unterminated string whose opening quote is at q, that
// the string is in a replacement field and quoted like the innermost f-string: like CPython's
// tokenizer, it takes the quote for the f-string's end, and a '}' as missing.
func (lx *lexer) unterminatedInField(quote byte, triple bool, q int) bool {
	if len(lx.stack) == 0 {
		return false
	}
	if fs := lx.enclosingFString(); fs.quote == quote && fs.triple == triple {
		lx.errorf(q, "f-string: expecting '}'")
		return true
	}
	return false
}

// lexFStringText reads the literal text of an f-string body or format spec, up to a
// replacement field, the end of the spec or the closing quote.
func (lx *lexer) lexFStringText() {
	src := lx.src
	f := lx.top()
	inSpec := f.kind == frSpec
	fs := lx.enclosingFString()
	start := lx.pos
	p := start
	emitMiddle := func(end int) {
		if end > start {
			lx.emit(token.FSTRING_MIDDLE, start, end)
		}
	}
	for {
		if p >= len(src) {
			emitMiddle(p)
			lx.pos = p
			lx.unterminatedFString(fs, p, lx.lastLineOf())
			lx.popFString()
			return
		}
		c := src[p]
		switch {
		case c == fs.quote && (!fs.triple || p+2 < len(src) && src[p+1] == c && src[p+2] == c):
			qlen := 1
			if fs.triple {
				qlen = 3
			}
			emitMiddle(p)
			lx.popFString() // in a format spec, the parser expects the '}'
			lx.emit(token.FSTRING_END, p, p+qlen)
			lx.pos = p + qlen
			return
		case c == '\n' && !fs.triple:
			emitMiddle(p)
			lx.pos = p
			if inSpec {
				// CPython ends the spec at the line end and expects the closing brace.
				lx.stack = lx.stack[:len(lx.stack)-1]
				return
			}
			lx.unterminatedFString(fs, p, lx.lineOf(int(fs.start)))
			lx.popFString()
			return
		case c == '\\' && fs.raw:
			// In a raw f-string a backslash still keeps the next quote or backslash from
			// ending the string, and stays in the text.
			if p+1 < len(src) && (src[p+1] == fs.quote || src[p+1] == '\\') {
				p += 2
				continue
			}
			p++
			continue
		case c == '\\':
			if p+1 < len(src) && (src[p+1] == '{' || src[p+1] == '}') {
				p++ // the backslash stays literal text; the brace is handled next
				continue
			}
			if p+1 < len(src) && src[p+1] == 'N' && p+2 < len(src) && src[p+2] == '{' {
				// \N{NAME}: the braces are part of the escape.
				e := p + 3
				for e < len(src) && src[e] != '}' && src[e] != fs.quote && src[e] != '\n' {
					e++
				}
				if e < len(src) && src[e] == '}' {
					p = e + 1
					continue
				}
			}
			p = min(p+2, len(src)) // a backslash at the very end of the file stays in the text
			continue
		case c == '{':
			if !inSpec && p+1 < len(src) && src[p+1] == '{' {
				p += 2 // a doubled brace stands for one; the parser undoes the doubling
				continue
			}
			emitMiddle(p)
			if inSpec {
				switch d := lx.specDepth(); {
				case d >= 3:
					lx.errorf(p, "f-string: expressions nested too deeply")
				case d == 2:
					lx.notePEP701(p) // before 3.12: "f-string: expressions nested too deeply"
				}
			}
			if lx.parenLevel >= maxParenLevel {
				lx.errorf(p, "too many nested parentheses")
				lx.popFString()
				lx.pos = p + 1
				return
			}
			lx.emit(token.LBRACE, p, p+1)
			lx.stack = append(lx.stack, frame{kind: frField, open: '{', start: int32(p)})
			lx.parenLevel++
			lx.pos = p + 1
			return
		case c == '}':
			if inSpec {
				emitMiddle(p)
				lx.stack = lx.stack[:len(lx.stack)-1] // the spec
				lx.closeField(p)
				return
			}
			if p+1 < len(src) && src[p+1] == '}' {
				p += 2
				continue
			}
			emitMiddle(p)
			lx.errorf(p, "f-string: single '}' is not allowed")
			p++
			start = p
			continue
		}
		p++
	}
}

// closeField emits the '}' at p that closes the innermost replacement field.
func (lx *lexer) closeField(p int) {
	lx.emit(token.RBRACE, p, p+1)
	if f := lx.top(); f != nil && f.kind == frField {
		lx.stack = lx.stack[:len(lx.stack)-1]
		lx.parenLevel--
	}
	lx.pos = p + 1
}

// popFString removes the innermost f-string frame and everything opened inside it.
func (lx *lexer) popFString() {
	for len(lx.stack) > 0 {
		f := lx.stack[len(lx.stack)-1]
		lx.stack = lx.stack[:len(lx.stack)-1]
		if f.kind == frParen || f.kind == frField {
			lx.parenLevel--
		}
		if f.kind == frFString {
			return
		}
	}
}

func (lx *lexer) lexNumber() {
	src := lx.src
	start := lx.pos
	p := start
	// The common case: a plain decimal integer, with no leading zero but for 0 itself.
	for p < len(src) && src[p]-'0' < 10 {
		p++
	}
	if p > start && (src[start] != '0' || p == start+1) && (p >= len(src) || !numberGoesOn[src[p]]) {
		lx.emit(token.NUMBER, start, p)
		lx.pos = p
		return
	}
	p = start
	digits := func(ok func(byte) bool) bool {
		// Digits with single underscores between them; reports whether any digit was read.
		any := false
		for p < len(src) {
			if ok(src[p]) {
				p++
				any = true
				continue
			}
			if src[p] == '_' && any && p+1 < len(src) && ok(src[p+1]) {
				p++
				continue
			}
			break
		}
		return any
	}
	isDec := func(c byte) bool { return c >= '0' && c <= '9' }
	kindName := "decimal"
	if src[p] == '0' && p+1 < len(src) && (src[p+1]|0x20 == 'x' || src[p+1]|0x20 == 'o' || src[p+1]|0x20 == 'b') {
		var ok func(byte) bool
		switch src[p+1] | 0x20 {
		case 'x':
			ok = func(c byte) bool { return isDec(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
			kindName = "hexadecimal"
		case 'o':
			ok = func(c byte) bool { return c >= '0' && c <= '7' }
			kindName = "octal"
		default:
			ok = func(c byte) bool { return c == '0' || c == '1' }
			kindName = "binary"
		}
		p += 2
		if p < len(src) && src[p] == '_' {
			p++
		}
		if !digits(ok) {
			lx.errorf(start, "invalid %s literal", kindName)
		}
		if p < len(src) && isDec(src[p]) {
			lx.errorf(p, "invalid digit '%c' in %s literal", src[p], kindName)
		}
	} else {
		isFloat := false
		if src[p] != '.' {
			digits(isDec)
		}
		if p < len(src) && src[p] == '.' {
			isFloat = true
			p++
			digits(isDec)
		}
		if p < len(src) && src[p]|0x20 == 'e' {
			q := p + 1
			if q < len(src) && (src[q] == '+' || src[q] == '-') {
				q++
			}
			if q < len(src) && isDec(src[q]) {
				p = q
				digits(isDec)
				isFloat = true
			} else if !keywordFollows(src[p:]) { // `1else` is 1 followed by else
				lx.errorf(start, "invalid decimal literal")
				p = q
			}
		}
		if p < len(src) && src[p]|0x20 == 'j' {
			p++
			isFloat = true
		}
		if !isFloat && p-start > 1 && src[start] == '0' {
			// Leading zeros are only allowed for zero itself.
			for i := start; i < p; i++ {
				if src[i] != '0' && src[i] != '_' {
					lx.errorf(start, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
					break
				}
			}
		}
	}
	if p < len(src) && src[p] == '_' {
		lx.errorf(start, "invalid %s literal", kindName)
		for p < len(src) && isIdentByte(src[p]) {
			p++
		}
	} else if p < len(src) && (isIdentByte(src[p]) || src[p] >= 0x80) && !keywordFollows(src[p:]) {
		lx.errorf(start, "invalid %s literal", kindName)
		for p < len(src) && isIdentByte(src[p]) {
			p++
		}
	}
	lx.emit(token.NUMBER, start, p)
	lx.pos = p
}

// keywordFollows reports whether b starts with one of the keywords CPython accepts right after
// a number (with a deprecation warning), like `1if x else y`.
func keywordFollows(b string) bool {
	for _, kw := range [...]string{"and", "else", "for", "if", "in", "is", "not", "or"} {
		if len(b) >= len(kw) && string(b[:len(kw)]) == kw {
			return true
		}
	}
	return false
}

var ops1 = [128]token.Kind{
	'!': token.EXCLAMATION, '%': token.PERCENT, '&': token.AMPER, '(': token.LPAR, ')': token.RPAR,
	'*': token.STAR, '+': token.PLUS, ',': token.COMMA, '-': token.MINUS, '.': token.DOT,
	'/': token.SLASH, ':': token.COLON, ';': token.SEMI, '<': token.LESS, '=': token.EQUAL,
	'>': token.GREATER, '@': token.AT, '[': token.LSQB, ']': token.RSQB, '^': token.CIRCUMFLEX,
	'{': token.LBRACE, '|': token.VBAR, '}': token.RBRACE, '~': token.TILDE,
}

// opEqual maps an operator character to its kind when followed by '=' (like "+=").
var opEqual = [128]token.Kind{
	'!': token.NOTEQUAL, '%': token.PERCENTEQUAL, '&': token.AMPEREQUAL, '*': token.STAREQUAL,
	'+': token.PLUSEQUAL, '-': token.MINEQUAL, '/': token.SLASHEQUAL, ':': token.COLONEQUAL,
	'<': token.LESSEQUAL, '=': token.EQEQUAL, '>': token.GREATEREQUAL, '@': token.ATEQUAL,
	'^': token.CIRCUMFLEXEQUAL, '|': token.VBAREQUAL,
}

// operator returns the kind and length of the operator at the start of b, or ILLEGAL.
func operator(b string) (token.Kind, int) {
	c := b[0]
	if c >= 128 {
		return token.ILLEGAL, 1
	}
	var c1, c2 byte
	if len(b) > 1 {
		c1 = b[1]
	}
	if len(b) > 2 {
		c2 = b[2]
	}
	switch c {
	case '*', '/', '<', '>':
		if c1 == c {
			// **, //, <<, >> and their augmented forms.
			if c2 == '=' {
				return map2eq[c], 3
			}
			return map2[c], 2
		}
		if c == '<' && c1 == '>' {
			return token.NOTEQUAL_LEGACY, 2
		}
	case '-':
		if c1 == '>' {
			return token.RARROW, 2
		}
	case '.':
		if c1 == '.' && c2 == '.' {
			return token.ELLIPSIS, 3
		}
	}
	if c1 == '=' && opEqual[c] != token.ILLEGAL {
		return opEqual[c], 2
	}
	return ops1[c], 1
}

// map2 and map2eq give the kinds of a doubled operator character and its augmented form.
var (
	map2 = [128]token.Kind{
		'*': token.DOUBLESTAR, '/': token.DOUBLESLASH, '<': token.LEFTSHIFT, '>': token.RIGHTSHIFT,
	}
	map2eq = [128]token.Kind{
		'*': token.DOUBLESTAREQUAL, '/': token.DOUBLESLASHEQUAL, '<': token.LEFTSHIFTEQUAL, '>': token.RIGHTSHIFTEQUAL,
	}
)

func (lx *lexer) lexOperator() {
	src := lx.src
	p := lx.pos
	c := src[p]
	f := lx.top()
	// Inside a replacement field, ':' and '!' at the field's own level end the expression.
	if f != nil && f.kind == frField {
		switch {
		case c == ':':
			lx.emit(token.COLON, p, p+1)
			lx.stack = append(lx.stack, frame{kind: frSpec})
			lx.pos = p + 1
			return
		case c == '}':
			lx.closeField(p)
			return
		}
	}
	k, n := token.ILLEGAL, 1
	if opSingle[c] {
		k = ops1[c] // a bracket, ',', ';' or '~': the common case, and one character
	} else {
		k, n = operator(src[p:])
	}
	if n > 1 {
		lx.emit(k, p, p+n)
		lx.pos = p + n
		return
	}
	switch k {
	case token.ILLEGAL:
		r, size := utf8.DecodeRuneInString(src[p:])
		switch {
		case c == '\\':
			lx.errorf(p, "unexpected character after line continuation character")
		case c < 0x80 && unicode.IsPrint(r):
			// CPython's tokenizer makes an operator of an unknown ASCII character ('$', '?',
			// '`'), which no rule takes: a plain syntax error.
			lx.errorf(p, "invalid syntax")
		case r == utf8.RuneError && size <= 1:
			lx.errorf(p, "invalid non-printable character U+FFFD")
		case unicode.IsPrint(r):
			lx.errorf(p, "invalid character '%c' (U+%04X)", r, r)
		default:
			lx.errorf(p, "invalid non-printable character U+%04X", r)
		}
		lx.emit(token.ILLEGAL, p, p+size)
		lx.pos = p + size
		return
	case token.LPAR, token.LSQB, token.LBRACE:
		if lx.parenLevel >= maxParenLevel {
			lx.errorf(p, "too many nested parentheses")
			lx.emit(token.ILLEGAL, p, p+1)
			lx.pos = p + 1
			return
		}
		f := frame{kind: frParen, open: c, start: int32(p)}
		if lx.recovering {
			f.indent = lx.lineIndent(p)
		}
		lx.stack = append(lx.stack, f)
		lx.parenLevel++
	case token.RPAR, token.RSQB, token.RBRACE:
		if f == nil || f.kind != frParen {
			if f == nil {
				lx.errorf(p, "unmatched '%c'", c)
			} else {
				lx.errorf(p, "f-string: unmatched '%c'", c)
			}
		} else {
			if want := closerOf(f.open); want != c {
				lx.errorf(p, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, f.open)
			}
			lx.stack = lx.stack[:len(lx.stack)-1]
			lx.parenLevel--
		}
	}
	lx.emit(k, p, p+1)
	lx.pos = p + 1
}

func closerOf(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	}
	return '}'
}
