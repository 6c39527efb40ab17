package summary

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/api"
	"github.com/buttresspy/buttress/internal/cache/wire"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/metrics"
	"github.com/buttresspy/buttress/internal/usage"
)

// EncodingVersion is the version of Encode's format. Change it with the format: entries of
// another version are never read (the cache keys every entry on it).
const EncodingVersion = 10

// Encode appends the summary's own facts to b: everything but the Input, which the
// cache's key covers and Decode is given back. Slices keep whether they were nil: what
// Decode returns is what was encoded, exactly.
func (f *File) Encode(b []byte) []byte {
	e := &wire.Encoder{B: b}
	e.Int(f.Size)
	e.Int(f.Lines)
	e.String(f.ReadError)
	e.Bool(f.TooLarge)
	e.SliceLen(f.Errors == nil, len(f.Errors))
	for _, x := range f.Errors {
		e.Int(x.Line)
		e.Int(x.Col)
		e.String(x.Msg)
	}
	// The import statements are a section of their own: a run that does not build the
	// import graph needs only their number (File.Imports decodes them on first use).
	sec := e.OpenSection()
	encodeImports(e, f.Imports())
	e.CloseSection(sec)
	e.SliceLen(f.Findings == nil, len(f.Findings))
	for i := range f.Findings {
		x := &f.Findings[i]
		e.String(x.Code)
		e.String(x.Rule)
		encodePath(e, x.Path, f.Rel)
		e.Int(x.Line)
		e.Int(x.Col)
		e.Int(x.EndLine)
		e.Int(x.EndCol)
		e.String(x.Message)
		e.String(x.Symbol)
		e.SliceLen(x.Notes == nil, len(x.Notes))
		for _, n := range x.Notes {
			encodePath(e, n.Path, f.Rel)
			e.Int(n.Line)
			e.Int(n.Col)
			e.String(n.Message)
		}
	}
	e.Bool(f.Suppressions != nil)
	if f.Suppressions != nil {
		f.Suppressions.Encode(e)
	}
	e.Bool(f.Metrics != nil)
	if m := f.Metrics; m != nil {
		e.Int(m.Lines)
		e.SliceLen(m.Functions == nil, len(m.Functions))
		for i := range m.Functions {
			fn := &m.Functions[i]
			e.String(fn.Name)
			e.Int(fn.Line)
			e.Int(fn.Col)
			e.Int(fn.EndLine)
			e.Int(fn.Cyclomatic)
			e.Bool(fn.McCabe)
			e.Int(fn.Cognitive)
			e.Int(fn.Statements)
			e.Int(fn.Parameters)
			e.Int(fn.ParametersNoSelf)
			e.Int(fn.Arguments)
			e.Bool(fn.SignatureFixed)
			e.Int(fn.Nesting)
			e.Int(fn.Lines)
			e.Bool(fn.IsMethod)
			e.Bool(fn.IsAsync)
			e.Int(fn.AnnotatableParams)
			e.Int(fn.AnnotatedParams)
			e.Bool(fn.ReturnAnnotated)
		}
		e.Int(m.Classes)
		e.Int(m.Abstract)
		for _, v := range []int{m.Max.Cyclomatic, m.Max.Cognitive, m.Max.Statements, m.Max.Parameters, m.Max.ParametersNoSelf, m.Max.Nesting, m.Max.Lines} {
			e.Int(v)
		}
		for _, v := range []float64{m.Mean.Cyclomatic, m.Mean.Cognitive, m.Mean.Statements, m.Mean.Parameters, m.Mean.ParametersNoSelf, m.Mean.Nesting, m.Mean.Lines} {
			e.Float64(v)
		}
	}
	e.Bool(f.HasAll)
	encodeStrings(e, f.All)
	e.Bool(f.Usage != nil)
	if u := f.Usage; u != nil {
		encodeUsage(e, u)
	}
	e.Bool(f.Entities != nil)
	if x := f.Entities; x != nil {
		encodeEntities(e, x)
	}
	e.Bool(f.Excerpt != nil)
	if x := f.Excerpt; x != nil {
		e.Int(x.Total)
		e.Bool(x.Plain)
		e.SliceLen(x.Lines == nil, len(x.Lines))
		for _, l := range x.Lines {
			e.Int(l.N)
			e.String(l.Text)
		}
	}
	return e.B
}

func encodeStrings(e *wire.Encoder, ss []string) {
	e.SliceLen(ss == nil, len(ss))
	for _, s := range ss {
		e.String(s)
	}
}

func decodeStrings(d *wire.Decoder) []string {
	n, isNil := d.SliceLen(1)
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.String()
	}
	return out
}

func encodeUsage(e *wire.Encoder, u *usage.Facts) {
	e.SliceLen(u.Defs == nil, len(u.Defs))
	for i := range u.Defs {
		d := &u.Defs[i]
		e.Uint(uint64(d.Kind))
		e.String(d.Name)
		e.String(d.Class)
		e.Int(int(d.Line))
		e.Int(int(d.Col))
		e.Int(int(d.EndCol))
		encodeStrings(e, d.Decorators)
		encodeStrings(e, d.Bases)
		e.Int(int(d.Stmt))
		e.Bool(d.Alias)
		e.Bool(d.Meta)
		e.String(d.Metaclass)
		e.Bool(d.State)
		encodeStrings(e, d.Super)
	}
	encodeStrings(e, u.Names)
	encodeStrings(e, u.Attrs)
	encodeStrings(e, u.Strings)
	encodeStrings(e, u.Prefixes)
	encodeStrings(e, u.Suffixes)
	e.SliceLen(u.Bindings == nil, len(u.Bindings))
	for _, b := range u.Bindings {
		e.String(b.Local)
		e.String(b.Target)
	}
	e.Bool(u.Main)
	e.Bool(u.Dynamic)
	e.Bool(u.Globals)
	encodeStrings(e, u.Nominal)
}

// int32Of reads an int that must fit an int32 (a definition's position); a larger one makes
// the section invalid.
func int32Of(d *wire.Decoder) int32 {
	v := d.Int()
	if v != int(int32(v)) {
		d.Invalid()
		return 0
	}
	return int32(v)
}

func decodeUsage(d *wire.Decoder) *usage.Facts {
	u := &usage.Facts{}
	if n, isNil := d.SliceLen(14); !isNil {
		u.Defs = make([]usage.Def, n)
		for i := range u.Defs {
			x := &u.Defs[i]
			k := d.Uint()
			if k > uint64(usage.Variable) {
				d.Invalid()
			}
			x.Kind = usage.Kind(k)
			x.Name = d.String()
			x.Class = d.String()
			x.Line = int32Of(d)
			x.Col = int32Of(d)
			x.EndCol = int32Of(d)
			x.Decorators = decodeStrings(d)
			x.Bases = decodeStrings(d)
			x.Stmt = int32Of(d)
			x.Alias = d.Bool()
			x.Meta = d.Bool()
			x.Metaclass = d.String()
			x.State = d.Bool()
			x.Super = decodeStrings(d)
		}
	}
	u.Names = decodeStrings(d)
	u.Attrs = decodeStrings(d)
	u.Strings = decodeStrings(d)
	u.Prefixes = decodeStrings(d)
	u.Suffixes = decodeStrings(d)
	if n, isNil := d.SliceLen(2); !isNil {
		u.Bindings = make([]usage.Binding, n)
		for i := range u.Bindings {
			u.Bindings[i] = usage.Binding{Local: d.String(), Target: d.String()}
		}
	}
	u.Main = d.Bool()
	u.Dynamic = d.Bool()
	u.Globals = d.Bool()
	u.Nominal = decodeStrings(d)
	return u
}

func encodeEntities(e *wire.Encoder, x *api.ModuleFacts) {
	encodeStrings(e, x.Order)
	e.SliceLen(x.Bindings == nil, len(x.Bindings))
	for _, b := range x.Bindings {
		e.String(b.Name)
		e.String(b.From)
		e.String(b.Imported)
		e.Bool(b.Redundant)
		e.Int(b.Class)
	}
	encodeStrings(e, x.Stars)
	encodeStrings(e, x.All)
	e.Bool(x.HasAll)
	e.String(x.ReplacedBy)
	e.SliceLen(x.Classes == nil, len(x.Classes))
	for i := range x.Classes {
		c := &x.Classes[i]
		e.String(c.Name)
		e.String(c.Qual)
		encodeStrings(e, c.Decorators)
		encodeStrings(e, c.Bases)
		e.SliceLen(c.Fields == nil, len(c.Fields))
		for j := range c.Fields {
			fd := &c.Fields[j]
			e.String(fd.Name)
			e.Int(fd.Line)
			e.Int(fd.Col)
			e.String(fd.Head)
			e.SliceLen(fd.Type == nil, len(fd.Type))
			for _, n := range fd.Type {
				e.Uint(uint64(n.Kind))
				e.Int(n.N)
				e.String(n.Text)
				e.String(n.Arg)
			}
		}
	}
}

func decodeEntities(d *wire.Decoder) *api.ModuleFacts {
	x := &api.ModuleFacts{Order: decodeStrings(d)}
	if n, isNil := d.SliceLen(5); !isNil {
		x.Bindings = make([]api.Binding, n)
		for i := range x.Bindings {
			x.Bindings[i] = api.Binding{Name: d.String(), From: d.String(), Imported: d.String(), Redundant: d.Bool(), Class: d.Int()}
		}
	}
	x.Stars = decodeStrings(d)
	x.All = decodeStrings(d)
	x.HasAll = d.Bool()
	x.ReplacedBy = d.String()
	if n, isNil := d.SliceLen(5); !isNil {
		x.Classes = make([]api.Class, n)
		for i := range x.Classes {
			c := &x.Classes[i]
			c.Name = d.String()
			c.Qual = d.String()
			c.Decorators = decodeStrings(d)
			c.Bases = decodeStrings(d)
			if k, isNil := d.SliceLen(5); !isNil {
				c.Fields = make([]api.Field, k)
				for j := range c.Fields {
					fd := &c.Fields[j]
					fd.Name = d.String()
					fd.Line = d.Int()
					fd.Col = d.Int()
					fd.Head = d.String()
					if m, isNil := d.SliceLen(4); !isNil {
						fd.Type = make([]api.TypeNode, m)
						for t := range fd.Type {
							kind := api.TypeKind(d.Uint())
							if !kind.Valid() {
								d.Invalid()
							}
							fd.Type[t] = api.TypeNode{Kind: kind, N: d.Int(), Text: d.String(), Arg: d.String()}
						}
					}
				}
			}
		}
	}
	return x
}

// encodePath writes a path that is most often the file's own in one byte.
func encodePath(e *wire.Encoder, path, own string) {
	e.Bool(path == own)
	if path != own {
		e.String(path)
	}
}

func decodePath(d *wire.Decoder, own string) string {
	if d.Bool() {
		return own
	}
	return d.String()
}

// Decode reads the summary of in that Encode wrote. Damaged bytes are an error, never a
// panic.
func Decode(in Input, b []byte) (*File, error) { return decode(in, string(b)) }

// decode is Decode of bytes held as a string: the summary's strings are slices of it.
func decode(in Input, b string) (*File, error) {
	d := wire.NewDecoderString(b)
	f := &File{Input: in}
	f.Size = d.Int()
	f.Lines = d.Int()
	f.ReadError = d.String()
	f.TooLarge = d.Bool()
	if n, isNil := d.SliceLen(3); !isNil {
		f.Errors = make([]Error, n)
		for i := range f.Errors {
			f.Errors[i] = Error{Line: d.Int(), Col: d.Int(), Msg: d.String()}
		}
	}
	if sec := d.Section(); sec != "" {
		// Taken whole and counted, decoded on first use (File.Imports).
		n, isNil := wire.NewDecoderString(sec).SliceLen(14)
		if !isNil {
			f.lazy = &lazyImports{wire: sec, n: n}
		}
	}
	if n, isNil := d.SliceLen(10); !isNil {
		f.Findings = make([]finding.Finding, n)
		for i := range f.Findings {
			x := &f.Findings[i]
			x.Code = d.String()
			x.Rule = d.String()
			x.Path = decodePath(d, in.Rel)
			x.Line = d.Int()
			x.Col = d.Int()
			x.EndLine = d.Int()
			x.EndCol = d.Int()
			x.Message = d.String()
			x.Symbol = d.String()
			if k, isNil := d.SliceLen(4); !isNil {
				x.Notes = make([]finding.Note, k)
				for j := range x.Notes {
					x.Notes[j] = finding.Note{Path: decodePath(d, in.Rel), Line: d.Int(), Col: d.Int(), Message: d.String()}
				}
			}
		}
	}
	if d.Bool() {
		f.Suppressions = analysis.DecodeSuppressions(d, in.Rel)
	}
	if d.Bool() {
		m := &metrics.Module{Lines: d.Int()}
		if n, isNil := d.SliceLen(19); !isNil {
			m.Functions = make([]metrics.Function, n)
			for i := range m.Functions {
				fn := &m.Functions[i]
				fn.Name = d.String()
				fn.Line = d.Int()
				fn.Col = d.Int()
				fn.EndLine = d.Int()
				fn.Cyclomatic = d.Int()
				fn.McCabe = d.Bool()
				fn.Cognitive = d.Int()
				fn.Statements = d.Int()
				fn.Parameters = d.Int()
				fn.ParametersNoSelf = d.Int()
				fn.Arguments = d.Int()
				fn.SignatureFixed = d.Bool()
				fn.Nesting = d.Int()
				fn.Lines = d.Int()
				fn.IsMethod = d.Bool()
				fn.IsAsync = d.Bool()
				fn.AnnotatableParams = d.Int()
				fn.AnnotatedParams = d.Int()
				fn.ReturnAnnotated = d.Bool()
			}
		}
		m.Classes = d.Int()
		m.Abstract = d.Int()
		for _, p := range []*int{&m.Max.Cyclomatic, &m.Max.Cognitive, &m.Max.Statements, &m.Max.Parameters, &m.Max.ParametersNoSelf, &m.Max.Nesting, &m.Max.Lines} {
			*p = d.Int()
		}
		for _, p := range []*float64{&m.Mean.Cyclomatic, &m.Mean.Cognitive, &m.Mean.Statements, &m.Mean.Parameters, &m.Mean.ParametersNoSelf, &m.Mean.Nesting, &m.Mean.Lines} {
			*p = d.Float64()
		}
		f.Metrics = m
	}
	f.HasAll = d.Bool()
	// A literal __all__, even an empty one, is a non-nil slice: contracts tell "no __all__"
	// from "an empty one" by it (decodeStrings keeps nil and empty apart).
	f.All = decodeStrings(d)
	if d.Bool() {
		f.Usage = decodeUsage(d)
	}
	if d.Bool() {
		f.Entities = decodeEntities(d)
	}
	if d.Bool() {
		x := &Excerpt{Total: d.Int(), Plain: d.Bool()}
		if n, isNil := d.SliceLen(2); !isNil {
			x.Lines = make([]ExcerptLine, n)
			for i := range x.Lines {
				x.Lines[i] = ExcerptLine{N: d.Int(), Text: d.String()}
				if x.Lines[i].N < 1 || x.Lines[i].N > x.Total || i > 0 && x.Lines[i].N <= x.Lines[i-1].N {
					d.Invalid() // Line looks lines up by binary search
				}
			}
		}
		f.Excerpt = x
	}
	if err := d.Finish(); err != nil {
		return nil, fmt.Errorf("summary of %s: %w", in.Rel, err)
	}
	return f, nil
}

func encodeImports(e *wire.Encoder, stmts []imports.Stmt) {
	e.SliceLen(stmts == nil, len(stmts))
	for i := range stmts {
		s := &stmts[i]
		e.Int(s.Line)
		e.Int(s.Col)
		e.Int(s.CharCol)
		e.Int(s.StmtLine)
		e.Int(s.EndLine)
		e.Int(s.EndCol)
		e.Int(s.Level)
		e.String(s.Module)
		e.String(s.Name)
		e.Bool(s.From)
		e.Uint(uint64(s.Kind))
		e.Bool(s.Guarded)
		e.Bool(s.InTypeCheckingIf)
		e.String(s.Comment)
	}
}

// decodeImports decodes the section of the import statements that Encode wrote.
func decodeImports(sec string) ([]imports.Stmt, error) {
	d := wire.NewDecoderString(sec)
	var stmts []imports.Stmt
	if n, isNil := d.SliceLen(14); !isNil {
		stmts = make([]imports.Stmt, n)
		for i := range stmts {
			s := &stmts[i]
			s.Line = d.Int()
			s.Col = d.Int()
			s.CharCol = d.Int()
			s.StmtLine = d.Int()
			s.EndLine = d.Int()
			s.EndCol = d.Int()
			s.Level = d.Int()
			s.Module = d.String()
			s.Name = d.String()
			s.From = d.Bool()
			k := d.Uint()
			if k > uint64(imports.KindTypeChecking) {
				d.Invalid()
			}
			s.Kind = imports.Kind(k)
			s.Guarded = d.Bool()
			s.InTypeCheckingIf = d.Bool()
			s.Comment = d.String()
		}
	}
	if err := d.Finish(); err != nil {
		return nil, err
	}
	return stmts, nil
}
