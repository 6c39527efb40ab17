package parser

import (
	"unsafe"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// Arena keeps the memory of the syntax trees parsed with it (Options.Arena) for the trees
// parsed after its Reset: a worker that parses a file, summarises it and drops its tree,
// then parses the next, writes each tree over the last one's nodes instead of allocating
// (and zeroing, faulting in and collecting) new ones.
//
// The caller owns the arena and says when its trees are dead: after Reset, every node and
// list of a tree parsed with the arena before is overwritten by the next parse, so that
// nothing may be kept from those trees but copies of plain values (positions, numbers, and
// strings, which never point into the arena: identifiers are slices of the source, other
// strings allocations of their own). The Comments of a Result are the arena's too, and so
// are the Result itself and its Lines for the first parse after a Reset; its Src and Errors
// are not.
//
// An Arena is used by one goroutine at a time. Its zero value is ready to use. Trees parsed
// between two Resets all stay valid: each parse goes on where the last one stopped.
type Arena struct {
	nodes slabs
	toks  []token.Token // the token buffer, in place of tokenPool's
	// The parser's stacks (see popStmts), empty between parses.
	stmts []ast.Stmt
	exprs []ast.Expr
	kws   []*ast.Keyword
	parts []strPart
	// comments is the buffer for the comments of the next parse, taken by it (see
	// takeComments); spent the comments of the last parse (its Result's), which are the
	// next buffer after Reset.
	comments, spent []ast.Span
	// The lexer of the last parse, made new for the next one, and the line index and Result
	// of the first parse after a Reset (linesOut and resOut: handed out): each was an
	// allocation a file, the lexer's stacks three more, and the index's table its size.
	lexer            lexer
	lines            ast.LineIndex
	res              Result
	linesOut, resOut bool
}

// arenaLexer returns the lexer of a, nil when a is nil.
func arenaLexer(a *Arena) *lexer {
	if a == nil {
		return nil
	}
	return &a.lexer
}

// Reset declares every tree parsed with the arena dead: the next parse reuses their memory.
// What it keeps for the next trees is bounded (arenaKeep): the chunks of a huge file beyond
// that are left to the collector.
func (a *Arena) Reset() {
	a.linesOut, a.resOut = false, false
	a.nodes.rewind()
	if cap(a.spent) <= maxStack {
		a.comments = a.spent[:0]
	}
	a.spent = nil
}

// takeComments returns the buffer for the comments of a parse: the arena's, once after each
// Reset (the Result of a parse without a Reset between holds the one before), or nil.
func takeComments(a *Arena) []ast.Span {
	if a == nil {
		return nil
	}
	c := a.comments
	a.comments = nil
	return c
}

// fromArena makes the parse take its nodes and lists from a, when not nil.
func (p *parser) fromArena(a *Arena) {
	if a != nil {
		p.arena = a
		p.nodes = a.nodes
		p.nodes.arena = true
		p.stmts, p.exprs, p.kws, p.parts = a.stmts, a.exprs, a.kws, a.parts
	}
}

// toArena gives the slabs of the parse back to a, when not nil, with what the parse took of
// them, and returns res. A parse abandoned (see parseStreaming) gives nothing back: the
// parse that starts again reuses the same chunks.
func (p *parser) toArena(a *Arena, res *Result) *Result {
	if a != nil {
		a.nodes = p.nodes
		a.stmts, a.exprs, a.kws = keepStack(p.stmts), keepStack(p.exprs), keepStack(p.kws)
		a.parts = keepStack(p.parts)
		a.spent = res.Comments
	}
	return res
}

// keepStack returns a parser's stack, emptied, for the next parse; nil when it grew past
// maxStack, so as not to hold it.
func keepStack[T any](s []T) []T {
	if cap(s) > maxStack {
		return nil
	}
	return s[:0]
}

// maxStack bounds the stacks an Arena keeps: a file with a list of a million elements should
// not leave that many pointers held, and scanned by every collection.
const maxStack = 1 << 14

// getTokens returns the token buffer of a parse: the arena's, or one from tokenPool.
func getTokens(a *Arena) *[]token.Token {
	if a != nil {
		return &a.toks
	}
	return tokenPool.Get().(*[]token.Token)
}

// putTokens keeps toks, the tokens of a parse, in buf (from getTokens) for the next one,
// unless they are too many to keep.
func putTokens(a *Arena, buf *[]token.Token, toks []token.Token) {
	if cap(toks) > maxPooledTokens {
		return
	}
	*buf = toks[:0]
	if a == nil {
		tokenPool.Put(buf)
	}
}

// arenaKeep bounds the bytes of chunks an arena keeps for each kind of node or list, so that
// a huge file does not leave its whole tree's memory held (and scanned by every collection,
// with what its stale pointers reach) for the small files after it. The trees of most files
// fit (the 3.13 standard library averages 120 KB of nodes a file, in some 40 slabs). 1 MiB
// rather than 256 KiB: the large files of the 3.11 site-packages (tables of numbers and
// strings) made chunks past 256 KiB again each time, 13 MB of garbage for graph, and now that
// graph runs no collection there, what its arenas keep costs no marking; check --select ALL
// on the 3.11 standard library, the same instructions (3,198 -> 3,208 M, the collector's
// timing), page faults and peak RSS.
const arenaKeep = 1 << 20

// slab hands out values of T from chunks, so that the many small nodes of a tree cost a few
// large allocations instead of one each.
type slab[T any] struct {
	buf  []T
	n    int // values of buf handed out
	used int // values handed out in this file, before buf
	// In an Arena, chunks holds the chunks made, buf being chunks[next-1]: after a Reset
	// they are handed out again, in order, before any new one is made.
	chunks [][]T
	next   int
	kept   int // len(chunks) at the last rewind, after keepChunks (see rewind)
}

// alloc returns a pointer to a copy of v. The chunk is indexed rather than resliced: the
// slab's pointer is not written for every value.
func (s *slab[T]) alloc(p *parser, v T) *T {
	if s.n == len(s.buf) {
		s.refill(p)
	}
	x := &s.buf[s.n]
	s.n++
	*x = v
	return x
}

// slot returns the next value of the slab, to be filled in place, every field: in an Arena
// it holds a node of an earlier tree. Building a large node (more than four words) as an
// argument of alloc builds it on the stack, then copies it; filled in place, each word is
// written once.
func (s *slab[T]) slot(p *parser) *T {
	if s.n == len(s.buf) {
		s.refill(p)
	}
	x := &s.buf[s.n]
	s.n++
	return x
}

// refill makes the next chunk about as large as what the rest of the file should need, at the
// rate this file has used values of T so far: chunks that doubled up to 256 values left a
// fifth of the memory of the slabs unused at the end of each file (zeroed, then scanned by
// the collector for nothing), 38 MB of 181 MB over the 3.13 standard library.
//
//go:noinline
func (s *slab[T]) refill(p *parser) {
	s.used += s.n
	if s.next < len(s.chunks) {
		s.buf, s.n = s.chunks[s.next], 0
		s.next++
		return
	}
	n := slabMin
	if s.used >= slabMin && p.i > 0 && p.i <= len(p.toks) {
		if at := int(p.toks[p.i-1].End); at > 0 && at < len(p.src) {
			n = s.used * (len(p.src) - at) / at
		}
	}
	s.buf, s.n = make([]T, min(max(n, slabMin), slabMax)), 0
	if p.nodes.arena {
		s.chunks = append(s.chunks, s.buf)
		s.next = len(s.chunks)
	}
}

// rewind makes the slab hand out its chunks again from the first, keeping arenaKeep bytes
// of them.
func (s *slab[T]) rewind() {
	if len(s.chunks) != s.kept { // no chunk made since the last rewind: they fit still
		s.chunks = keepChunks(s.chunks)
		s.kept = len(s.chunks)
	}
	s.buf, s.n, s.used, s.next = nil, 0, 0, 0
}

// keepChunks returns the first chunks, up to arenaKeep bytes, and lets go of the rest.
func keepChunks[T any](chunks [][]T) [][]T {
	var v T
	size, bytes := int(unsafe.Sizeof(v)), 0
	for i, c := range chunks {
		if bytes += len(c) * size; bytes > arenaKeep {
			clear(chunks[i:])
			return chunks[:i]
		}
	}
	return chunks
}

// list is a slab of list elements: the lists of a tree (statement bodies, call arguments,
// elements) are cut from its chunks, each with a capacity of its own length, so that an
// append to one copies it rather than writing over the next. Most lists are short: a
// chunk serves a few hundred of them with one allocation.
type list[T any] struct {
	buf  []T
	n    int // elements of buf handed out
	used int // elements handed out in this file, before buf
	// In an Arena, chunks holds the chunks made (buf is chunks[next-1]), handed out again
	// after a Reset, as slab's are.
	chunks [][]T
	next   int
	kept   int // len(chunks) at the last rewind, after keepChunks
}

// of returns a copy of elems, nil when there are none. As slab.alloc, it indexes the chunk
// rather than reslicing it, and it copies a short list (most are) element by element: copy
// is a call of typedslicecopy for lists of pointers, 45 instructions a list.
func (l *list[T]) of(p *parser, elems []T) []T {
	n := len(elems)
	if n == 0 {
		return nil
	}
	if n > len(l.buf)-l.n {
		if n > listMax/4 {
			out := make([]T, n) // a long list: a chunk of its own
			copy(out, elems)
			return out
		}
		l.refill(p, n)
	}
	i := l.n
	out := l.buf[i : i+n : i+n]
	l.n = i + n
	if n <= 4 {
		for j := range out {
			out[j] = elems[j]
		}
	} else {
		copy(out, elems)
	}
	return out
}

// one returns the list of the one element e.
func (l *list[T]) one(p *parser, e T) []T {
	if l.n == len(l.buf) {
		l.refill(p, 1)
	}
	i := l.n
	out := l.buf[i : i+1 : i+1]
	l.n = i + 1
	out[0] = e
	return out
}

// refill sizes the next chunk as slab.refill does, for at least need elements. In an arena,
// it takes the next chunk kept that is long enough, if any.
func (l *list[T]) refill(p *parser, need int) {
	l.used += l.n
	l.n = 0
	for l.next < len(l.chunks) {
		c := l.chunks[l.next]
		l.next++
		if len(c) >= need {
			l.buf = c
			return
		}
	}
	n := listMin
	if l.used >= listMin && p.i > 0 && p.i <= len(p.toks) {
		if at := int(p.toks[p.i-1].End); at > 0 && at < len(p.src) {
			n = l.used * (len(p.src) - at) / at
		}
	}
	l.buf = make([]T, max(min(max(n, listMin), listMax), need))
	if p.nodes.arena {
		l.chunks = append(l.chunks, l.buf)
		l.next = len(l.chunks)
	}
}

// rewind makes the list hand out its chunks again from the first, as slab.rewind does.
func (l *list[T]) rewind() {
	if len(l.chunks) != l.kept {
		l.chunks = keepChunks(l.chunks)
		l.kept = len(l.chunks)
	}
	l.buf, l.n, l.used, l.next = nil, 0, 0, 0
}

// The chunks of a list hold from listMin to listMax elements.
const (
	listMin = 32
	listMax = 2048
)

// The chunks of a slab hold from slabMin to slabMax values.
const (
	slabMin = 8
	slabMax = 1024
)

// slabs holds one slab per frequent node type.
type slabs struct {
	name           slab[ast.Name]
	constant       slab[ast.Constant]
	attribute      slab[ast.Attribute]
	call           slab[ast.Call]
	keyword        slab[ast.Keyword]
	arg            slab[ast.Arg]
	binOp          slab[ast.BinOp]
	compare        slab[ast.Compare]
	subscript      slab[ast.Subscript]
	tuple          slab[ast.Tuple]
	exprStmt       slab[ast.ExprStmt]
	assign         slab[ast.Assign]
	starred        slab[ast.Starred]
	unaryOp        slab[ast.UnaryOp]
	boolOp         slab[ast.BoolOp]
	ret            slab[ast.Return]
	ifStmt         slab[ast.If]
	funcDef        slab[ast.FunctionDef]
	arguments      slab[ast.Arguments]
	classDef       slab[ast.ClassDef]
	annAssign      slab[ast.AnnAssign]
	forStmt        slab[ast.For]
	alias          slab[ast.Alias]
	importFrom     slab[ast.ImportFrom]
	list           slab[ast.List]
	dict           slab[ast.Dict]
	withStmt       slab[ast.With]
	withItem       slab[ast.WithItem]
	tryStmt        slab[ast.Try]
	exceptHandler  slab[ast.ExceptHandler]
	importStmt     slab[ast.Import]
	passStmt       slab[ast.Pass]
	breakStmt      slab[ast.Break]
	continueStmt   slab[ast.Continue]
	raiseStmt      slab[ast.Raise]
	augAssign      slab[ast.AugAssign]
	sliceExpr      slab[ast.Slice]
	ifExp          slab[ast.IfExp]
	lambda         slab[ast.Lambda]
	namedExpr      slab[ast.NamedExpr]
	awaitExpr      slab[ast.Await]
	joinedStr      slab[ast.JoinedStr]
	formattedValue slab[ast.FormattedValue]
	whileStmt      slab[ast.While]
	listComp       slab[ast.ListComp]
	generatorExp   slab[ast.GeneratorExp]
	comprehension  slab[ast.Comprehension]
	yieldExpr      slab[ast.Yield]
	globalStmt     slab[ast.Global]
	deleteStmt     slab[ast.Delete]
	assertStmt     slab[ast.Assert]
	set            slab[ast.Set]
	dictComp       slab[ast.DictComp]
	setComp        slab[ast.SetComp]

	str slab[string] // the *string fields (a keyword argument's name)

	exprList  list[ast.Expr]
	stmtList  list[ast.Stmt]
	kwList    list[*ast.Keyword]
	argList   list[*ast.Arg]
	cmpOpList list[ast.CmpOp]

	aliasList    list[*ast.Alias]
	withItemList list[*ast.WithItem]
	handlerList  list[*ast.ExceptHandler]

	arena bool // the slabs of an Arena: they keep their chunks
}

// rewind makes every slab and list hand out its chunks again from the first.
func (s *slabs) rewind() {
	for _, r := range s.all() {
		r.rewind()
	}
}

// all returns every slab and list (a test checks that none is missing), in an array: a
// slice would be an allocation a file.
func (s *slabs) all() [63]interface{ rewind() } {
	return [...]interface{ rewind() }{
		&s.name, &s.constant, &s.attribute, &s.call, &s.keyword, &s.arg, &s.binOp, &s.compare,
		&s.subscript, &s.tuple, &s.exprStmt, &s.assign, &s.starred, &s.unaryOp, &s.boolOp,
		&s.ret, &s.ifStmt, &s.funcDef, &s.arguments, &s.classDef, &s.annAssign, &s.forStmt,
		&s.alias, &s.importFrom, &s.list, &s.dict, &s.str,
		&s.withStmt, &s.withItem, &s.tryStmt, &s.exceptHandler, &s.importStmt, &s.passStmt, &s.breakStmt, &s.continueStmt, &s.raiseStmt, &s.augAssign, &s.sliceExpr, &s.ifExp, &s.lambda, &s.namedExpr, &s.awaitExpr, &s.joinedStr, &s.formattedValue, &s.whileStmt, &s.listComp, &s.generatorExp, &s.comprehension, &s.yieldExpr, &s.globalStmt, &s.deleteStmt, &s.assertStmt, &s.set, &s.dictComp, &s.setComp,
		&s.exprList, &s.stmtList, &s.kwList, &s.argList, &s.cmpOpList,
		&s.aliasList, &s.withItemList, &s.handlerList,
	}
}

// The parser builds lists (statement bodies, call arguments, elements) on shared stacks and
// copies each into an exactly sized slice when it is complete: one allocation per list.

// stackMarks records the stack heights, to undo a failed statement or alternative.
type stackMarks struct{ stmts, exprs, kws int }

func (p *parser) marks() stackMarks { return stackMarks{len(p.stmts), len(p.exprs), len(p.kws)} }

func (p *parser) reset(m stackMarks) {
	p.stmts, p.exprs, p.kws = p.stmts[:m.stmts], p.exprs[:m.exprs], p.kws[:m.kws]
}

func (p *parser) popStmts(mark int) []ast.Stmt {
	out := p.nodes.stmtList.of(p, p.stmts[mark:])
	p.stmts = p.stmts[:mark]
	return out
}

func (p *parser) popExprs(mark int) []ast.Expr {
	out := p.nodes.exprList.of(p, p.exprs[mark:])
	p.exprs = p.exprs[:mark]
	return out
}

// popPairs pops the pairs pushed since mark, a dict's keys and values, as two lists.
func (p *parser) popPairs(mark int) (keys, values []ast.Expr) {
	pairs := p.exprs[mark:]
	n := len(pairs) / 2
	keys, values = p.nodes.exprList.of(p, pairs[:n]), p.nodes.exprList.of(p, pairs[n:])
	for i := 0; i < n; i++ {
		keys[i], values[i] = pairs[2*i], pairs[2*i+1]
	}
	p.exprs = p.exprs[:mark]
	return keys, values
}

func (p *parser) popKeywords(mark int) []*ast.Keyword {
	out := p.nodes.kwList.of(p, p.kws[mark:])
	p.kws = p.kws[:mark]
	return out
}
