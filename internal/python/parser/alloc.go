package parser

import "github.com/buttresspy/buttress/internal/python/ast"

// slab hands out values of T from chunks, so that the many small nodes of a tree cost a few
// large allocations instead of one each.
type slab[T any] struct {
	buf  []T
	n    int // values of buf handed out
	used int // values handed out in this file, before buf
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

// refill makes the next chunk about as large as what the rest of the file should need, at the
// rate this file has used values of T so far: chunks that doubled up to 256 values left a
// fifth of the memory of the slabs unused at the end of each file (zeroed, then scanned by
// the collector for nothing), 38 MB of 181 MB over the 3.13 standard library.
//
//go:noinline
func (s *slab[T]) refill(p *parser) {
	s.used += s.n
	n := slabMin
	if s.used >= slabMin && p.i > 0 && p.i <= len(p.toks) {
		if at := int(p.toks[p.i-1].End); at > 0 && at < len(p.src) {
			n = s.used * (len(p.src) - at) / at
		}
	}
	s.buf, s.n = make([]T, min(max(n, slabMin), slabMax)), 0
}

// list is a slab of list elements: the lists of a tree (statement bodies, call arguments,
// elements) are cut from its chunks, each with a capacity of its own length, so that an
// append to one copies it rather than writing over the next. Most lists are short: a
// chunk serves a few hundred of them with one allocation.
type list[T any] struct {
	buf  []T
	used int // elements handed out in this file
}

// of returns a copy of elems, nil when there are none.
func (l *list[T]) of(p *parser, elems []T) []T {
	n := len(elems)
	if n == 0 {
		return nil
	}
	if n > len(l.buf) {
		if n > listMax/4 {
			out := make([]T, n) // a long list: a chunk of its own
			copy(out, elems)
			return out
		}
		l.refill(p, n)
	}
	out := l.buf[:n:n]
	l.buf = l.buf[n:]
	l.used += n
	copy(out, elems)
	return out
}

// one returns the list of the one element e.
func (l *list[T]) one(p *parser, e T) []T {
	if len(l.buf) == 0 {
		l.refill(p, 1)
	}
	out := l.buf[:1:1]
	l.buf = l.buf[1:]
	l.used++
	out[0] = e
	return out
}

// refill sizes the next chunk as slab.refill does, for at least need elements.
func (l *list[T]) refill(p *parser, need int) {
	n := listMin
	if l.used >= listMin && p.i > 0 && p.i <= len(p.toks) {
		if at := int(p.toks[p.i-1].End); at > 0 && at < len(p.src) {
			n = l.used * (len(p.src) - at) / at
		}
	}
	l.buf = make([]T, max(min(max(n, listMin), listMax), need))
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
	name      slab[ast.Name]
	constant  slab[ast.Constant]
	attribute slab[ast.Attribute]
	call      slab[ast.Call]
	keyword   slab[ast.Keyword]
	arg       slab[ast.Arg]
	binOp     slab[ast.BinOp]
	compare   slab[ast.Compare]
	subscript slab[ast.Subscript]
	tuple     slab[ast.Tuple]
	exprStmt  slab[ast.ExprStmt]
	assign    slab[ast.Assign]
	starred   slab[ast.Starred]
	unaryOp   slab[ast.UnaryOp]
	boolOp    slab[ast.BoolOp]
	ret       slab[ast.Return]
	ifStmt    slab[ast.If]

	str slab[string] // the *string fields (a keyword argument's name)

	exprList  list[ast.Expr]
	stmtList  list[ast.Stmt]
	kwList    list[*ast.Keyword]
	argList   list[*ast.Arg]
	cmpOpList list[ast.CmpOp]
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

func (p *parser) popKeywords(mark int) []*ast.Keyword {
	out := p.nodes.kwList.of(p, p.kws[mark:])
	p.kws = p.kws[:mark]
	return out
}
