package imports

import (
	"errors"
	"math"

	"github.com/buttresspy/buttress/internal/cache/wire"
)

// AppendPart appends the encoding of p, a Resolve of some source, to b: what a cache keeps so
// that a later run whose table has the same modules need not resolve the source's imports
// again (DecodePart). The resolved imports are a section of their own, before the problems:
// a run that builds no graph reads the problems alone (DecodePartLazy).
func AppendPart(b []byte, p *Part) []byte {
	e := wire.Encoder{B: b}
	sec := e.OpenSection()
	e.Len(len(p.resolved))
	for i := range p.resolved {
		r := &p.resolved[i]
		e.String(r.imported)
		e.Uint(uint64(r.stmt))
		e.Uint(uint64(r.cat)<<1 | uint64(flag(r.noName)))
	}
	e.CloseSection(sec)
	e.Len(len(p.Problems))
	for i := range p.Problems {
		q := &p.Problems[i]
		e.Int(q.Line)
		e.Int(q.Col)
		e.String(q.Msg)
	}
	return e.B
}

func flag(v bool) uint8 {
	if v {
		return 1
	}
	return 0
}

var errBadPart = errors.New("a resolved part that does not decode or does not fit its source")

// DecodePart decodes a part that AppendPart encoded for a source (the same module, package,
// path and import statements) at path, with stmts import statements: the Part that
// Resolve(src, table) gives for a table of the same modules. Its strings share data. An
// encoding that does not decode, or that names a statement the source does not have, is an
// error. It needs no more of the source: a run that builds no graph decodes no statement.
func DecodePart(data, path string, stmts int) (Part, error) {
	p, err := DecodePartLazy(data, path, stmts)
	if err == nil {
		err = p.Load()
	}
	return p, err
}

// DecodePartLazy is DecodePart for a run that may build no graph: the problems are decoded,
// the resolved imports kept as they are until Load (before Assemble).
func DecodePartLazy(data, path string, stmts int) (Part, error) {
	d := wire.NewDecoderString(data)
	var p Part
	p.pending = d.Section()
	p.stmts = int32(min(stmts, math.MaxInt32))
	if n := d.Len(3); n > 0 {
		p.Problems = make([]Problem, n)
		for i := range p.Problems {
			q := &p.Problems[i]
			q.Path, q.Line, q.Col, q.Msg = path, d.Int(), d.Int(), d.String()
		}
	}
	if d.Finish() != nil {
		return Part{}, errBadPart
	}
	return p, nil
}

// Load decodes the resolved imports that DecodePartLazy kept; an error says that they do not
// decode or name a statement the source does not have (resolve the source again). Assemble
// needs them loaded.
func (p *Part) Load() error {
	if p.pending == "" {
		return nil
	}
	d := wire.NewDecoderString(p.pending)
	p.pending = ""
	if n := d.Len(3); n > 0 {
		p.resolved = make([]resolved, n)
		for i := range p.resolved {
			r := &p.resolved[i]
			r.imported = d.String()
			stmt := d.Uint()
			bits := d.Uint()
			if stmt >= uint64(p.stmts) || bits>>1 > uint64(Unresolved) {
				p.resolved = nil
				return errBadPart
			}
			r.stmt, r.cat, r.noName = int32(stmt), Category(bits>>1), bits&1 != 0
		}
	}
	if d.Finish() != nil {
		p.resolved = nil
		return errBadPart
	}
	return nil
}
