package analysis

import "github.com/buttresspy/buttress/internal/cache/wire"

// Encode appends the suppressions to e, with which of them have silenced a finding so far:
// a file's summary is cached with its suppressions as the per-file rules left them, and a
// later run goes on from there (contract findings, then the unused ones). The path is not
// written: DecodeSuppressions is given it.
func (s *Suppressions) Encode(e *wire.Encoder) {
	e.Len(len(s.directives))
	for _, d := range s.directives {
		e.Int(d.line)
		e.Bool(d.file)
		e.Bool(d.noqa)
		e.Len(len(d.selectors))
		for i, sel := range d.selectors {
			e.String(sel)
			e.Bool(d.used[i])
		}
		encodeSpan(e, d.pos)
	}
	e.Len(len(s.malformed))
	for _, sp := range s.malformed {
		encodeSpan(e, sp)
	}
}

func encodeSpan(e *wire.Encoder, s span) {
	e.Int(s.line)
	e.Int(s.col)
	e.Int(s.endLine)
	e.Int(s.endCol)
}

func decodeSpan(d *wire.Decoder) span {
	return span{line: d.Int(), col: d.Int(), endLine: d.Int(), endCol: d.Int()}
}

// DecodeSuppressions reads what Encode wrote, for the file at path (relative to the
// project root). A damaged encoding sets d's error.
func DecodeSuppressions(d *wire.Decoder, path string) *Suppressions {
	s := &Suppressions{path: path}
	n := d.Len(7) // line, two flags, a count and a span: at least 7 bytes
	if n > 0 {
		s.directives = make([]*directive, n)
	}
	for i := range s.directives {
		dir := &directive{line: d.Int(), file: d.Bool(), noqa: d.Bool()}
		if k := d.Len(2); k > 0 {
			dir.selectors = make([]string, k)
			dir.used = make([]bool, k)
			for j := range dir.selectors {
				dir.selectors[j] = d.String()
				dir.used[j] = d.Bool()
			}
		} else {
			dir.selectors, dir.used = []string{}, []bool{} // as ParseSuppressions leaves a bare noqa
		}
		dir.pos = decodeSpan(d)
		s.directives[i] = dir
	}
	if n := d.Len(4); n > 0 {
		s.malformed = make([]span, n)
		for i := range s.malformed {
			s.malformed[i] = decodeSpan(d)
		}
	}
	return s
}
