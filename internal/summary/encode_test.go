package summary

import (
	"errors"
	"fmt"
	"github.com/buttresspy/buttress/internal/python/ast"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/cache/wire"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/rules"
)

// fill sets every field reachable from v to a value that is not its zero value, each
// different from the last (a counter), so that a field the encoding forgets, or two fields
// it swaps, come back wrong.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n) * 1000003) // large enough to need several varint bytes
	case reflect.Uint8: // imports.Kind: 0 to 2
		v.SetUint(uint64(1 + *n%2))
	case reflect.Float64:
		v.SetFloat(float64(*n) / 3)
	default:
		panic(fmt.Sprintf("fill: a field of kind %s: teach fill and Encode about it", v.Kind()))
	}
}

// TestEncodeEveryField round-trips a summary whose every field is set: a field added to
// File, imports.Stmt, finding.Finding or metrics.Module without a place in Encode and Decode
// fails here (and needs a new EncodingVersion).
func TestEncodeEveryField(t *testing.T) {
	var f File
	n := 0
	v := reflect.ValueOf(&f).Elem()
	for i := 0; i < v.NumField(); i++ {
		switch v.Type().Field(i).Name {
		case "Input", "Suppressions": // given back to Decode; opaque, tested on its own
			continue
		}
		if v.Type().Field(i).IsExported() {
			fill(v.Field(i), &n)
		}
	}
	var stmts []imports.Stmt
	fill(reflect.ValueOf(&stmts).Elem(), &n)
	f.imports = stmts
	f.Input = Input{Path: "/x/pkg/mod.py", Rel: "pkg/mod.py", Module: "pkg.mod", Package: true, Stub: true}
	f.Findings[0].Path = f.Rel // the common case, written in one byte
	f.Findings[1].Notes[0].Path = f.Rel
	f.Excerpt.Total = f.Excerpt.Lines[1].N // lines in order, within the file
	got, err := Decode(f.Input, f.Encode(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got.NumImports() != 2 {
		t.Errorf("NumImports = %d before the statements are decoded, want 2", got.NumImports())
	}
	if !reflect.DeepEqual(got.Decoded(), &f) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, &f)
	}
	// An excerpt whose lines are out of order, or past the end of the file, is damage: the
	// renderer looks its lines up by binary search.
	for _, x := range []Excerpt{
		{Total: 9, Lines: []ExcerptLine{{N: 3}, {N: 2}}},
		{Total: 9, Lines: []ExcerptLine{{N: 3}, {N: 3}}},
		{Total: 2, Lines: []ExcerptLine{{N: 3}}},
		{Total: 9, Lines: []ExcerptLine{{N: 0}}},
	} {
		g := File{Input: f.Input, Excerpt: &x}
		if _, err := Decode(g.Input, g.Encode(nil)); err == nil {
			t.Errorf("an excerpt with lines %v of %d decodes", x.Lines, x.Total)
		}
	}
}

// TestExcerpt: the lines a file's findings' frames show, split as the renderer splits them,
// and what Line says of the others.
func TestExcerpt(t *testing.T) {
	src := "\uFEFFa\r\nb\rc\nd\ne\nf\ng\nh\n"
	fs := []finding.Finding{{Path: "m.py", Line: 2}, {Path: "m.py", Line: 9}, {Path: "other.py", Line: 6}, {Path: "m.py"}}
	x := NewExcerpt(src, "m.py", fs)
	want := &Excerpt{Total: 9, Lines: []ExcerptLine{{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}, {7, "g"}, {8, "h"}, {9, ""}}}
	if !reflect.DeepEqual(x, want) {
		t.Fatalf("excerpt = %+v, want %+v", x, want)
	}
	for n, w := range map[int]struct {
		text       string
		has, known bool
	}{0: {"", false, true}, 1: {"a", true, true}, 4: {"d", true, true}, 5: {"", false, false}, 9: {"", true, true}, 10: {"", false, true}} {
		if text, has, known := x.Line(n); text != w.text || has != w.has || known != w.known {
			t.Errorf("Line(%d) = %q, %t, %t; want %q, %t, %t", n, text, has, known, w.text, w.has, w.known)
		}
	}
	for text, plain := range map[string]bool{"a\nb\n": true, "a\r\nb": true, "": true, "\uFEFFa\nb": false, "a\rb": false, "a\r": false, "a\r\r\n": false} {
		if x := NewExcerpt(text, "m.py", fs[:1]); x.Plain != plain {
			t.Errorf("excerpt of %q: Plain %t, want %t", text, x.Plain, plain)
		}
	}
	// A file with findings on most of its lines keeps no excerpt: its frames read it.
	big := strings.Repeat("x = 1  # "+strings.Repeat("-", 60)+"\n", 1000)
	var many []finding.Finding
	for line := 1; line <= 1000; line += 3 {
		many = append(many, finding.Finding{Path: "m.py", Line: line})
	}
	if x := NewExcerpt(big, "m.py", many); x != nil {
		t.Errorf("an excerpt of %d lines of %d", len(x.Lines), 1000)
	}
	if x := NewExcerpt(big, "m.py", many[:10]); x == nil || len(x.Lines) != 30 {
		t.Errorf("10 findings 3 lines apart: excerpt %v, want 30 lines", x)
	}
	if x := NewExcerpt(src, "m.py", fs[2:]); x != nil {
		t.Errorf("excerpt of a file without findings with a line = %+v, want nil", x)
	}
}

// TestExcerptByLineIndex: the excerpt cut by the parser's line table is the one split from
// the text.
func TestExcerptByLineIndex(t *testing.T) {
	big := strings.Repeat("x = 1  # "+strings.Repeat("-", 60)+"\n", 1000)
	for _, src := range []string{"a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc", "", "\n\n\n", "é = 1\nb\n", big} {
		for _, lines := range [][]int{{1}, {2}, {3, 9}, {8, 9, 10}, {4, 400, 990, 1000, 1001}, {1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49, 52, 55, 58, 61, 64, 67, 70, 73, 76, 79, 82}} {
			var fs []finding.Finding
			for _, n := range lines {
				fs = append(fs, finding.Finding{Path: "m.py", Line: n})
			}
			want := NewExcerpt(src, "m.py", fs)
			if got := newExcerpt(src, "m.py", fs, ast.NewLineIndex(src)); !reflect.DeepEqual(got, want) {
				t.Errorf("%.20q, lines %v: by the line table %+v, split %+v", src, lines, got, want)
			}
		}
	}
}

// TestEncodeAll keeps an empty literal __all__ apart from none: contracts tell them apart
// by nil.
func TestEncodeAll(t *testing.T) {
	for _, src := range []string{"__all__ = []\n", "x = 1\n", "__all__ = ['a']\n"} {
		f := FromSource(Input{Rel: "m.py", Module: "m"}, []byte(src), Options{})
		got, err := Decode(f.Input, f.Encode(nil))
		if err != nil {
			t.Fatal(err)
		}
		if got.HasAll != f.HasAll || (got.All == nil) != (f.All == nil) || !reflect.DeepEqual(got.All, f.All) {
			t.Errorf("%q: __all__ %#v %v, want %#v %v", src, got.All, got.HasAll, f.All, f.HasAll)
		}
	}
}

// allRules configures every rule, on by default or not, with its default options.
func allRules(t testing.TB) []analysis.Configured {
	t.Helper()
	var out []analysis.Configured
	for _, r := range append(rules.All(), analysis.SuppressionRules...) {
		c := analysis.Configured{Rule: r}
		if r.Options != nil {
			c.Options = reflect.New(reflect.TypeOf(r.Options).Elem()).Interface()
			reflect.ValueOf(c.Options).Elem().Set(reflect.ValueOf(r.Options).Elem())
		}
		out = append(out, c)
	}
	return out
}

// TestEncodeCorpus summarises real files with every rule and the metrics, and checks that
// each summary comes back from its encoding as it was, suppressions and all. With -short, a
// sample of the 3.12 standard library; otherwise all of it.
func TestEncodeCorpus(t *testing.T) {
	root := cpython.Stdlib(t, "3.12")
	paths, err := cpython.PyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		var sample []string
		for i := 0; i < len(paths); i += 10 {
			sample = append(sample, paths[i])
		}
		paths = sample
	}
	var inputs []Input
	for _, p := range paths {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		mod := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__"), "/", ".")
		inputs = append(inputs, Input{Path: p, Rel: rel, Module: mod, Package: strings.HasSuffix(rel, "__init__.py")})
	}
	files := Summarize(inputs, Options{TargetVersion: parser.Version(312), Rules: allRules(t), Metrics: true})
	withSups, withFindings := 0, 0
	for _, f := range files {
		if f.Suppressions != nil {
			withSups++
		}
		if len(f.Findings) > 0 {
			withFindings++
		}
		got, err := Decode(f.Input, f.Encode(nil))
		if err != nil {
			t.Fatalf("%s: %v", f.Rel, err)
		}
		if !reflect.DeepEqual(got.Decoded(), f) {
			t.Fatalf("%s: the decoded summary differs", f.Rel)
		}
	}
	t.Logf("%d files, %d with findings, %d with suppressions", len(files), withFindings, withSups)
	if withSups == 0 || withFindings == 0 {
		t.Errorf("the corpus exercised too little: %d files with suppressions, %d with findings", withSups, withFindings)
	}
}

// TestEncodeSuppressionsUsed checks that a cached file's suppressions go on where the
// per-file rules left them: used ones stay used, unused ones are reported by a later run.
func TestEncodeSuppressionsUsed(t *testing.T) {
	src := "try:\n    pass\nexcept:  # buttress: ignore[ERR001]  legacy\n    pass\n" +
		"x = 1  # buttress: ignore[TYP001]  stale\n" +
		"y = 2  # buttress: ignore\n" +
		"import json  # buttress: ignore[ARCH001]  for the contract\n"
	opts := Options{Rules: allRules(t)}
	f := FromSource(Input{Rel: "m.py", Module: "m"}, []byte(src), opts)
	got, err := Decode(f.Input, f.Encode(nil))
	if err != nil {
		t.Fatal(err)
	}
	report := func(f *File) string {
		// A contract finding made later, on the import line, uses the ARCH001 suppression.
		f.Suppressions.Filter([]finding.Finding{{Code: "ARCH001", Rule: "x", Path: f.Rel, Line: 7}}, analysis.NewRuleSet(opts.Rules))
		var out []string
		for _, fd := range f.Suppressions.Report(analysis.NewRuleSet(opts.Rules)) {
			out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s %s", fd.Path, fd.Line, fd.Col, fd.EndLine, fd.EndCol, fd.Code, fd.Message))
		}
		return strings.Join(out, "\n")
	}
	want := report(f)
	if g := report(got); g != want {
		t.Errorf("decoded suppressions report\n%s\nwant\n%s", g, want)
	}
	if !strings.Contains(want, "SUP001") || !strings.Contains(want, "SUP002") || strings.Contains(want, "ERR001") || strings.Contains(want, "ARCH001") {
		t.Errorf("the report does not exercise used, unused and malformed suppressions:\n%s", want)
	}
}

// TestDecodeDamaged cuts and flips an encoding everywhere: Decode fails or returns a
// summary, and never panics.
func TestDecodeDamaged(t *testing.T) {
	py := "import os\nfrom . import x  # noqa\n__all__ = ['f']\n\ndef f(a, b):\n    try:\n        pass\n    except:  # buttress: ignore[ERR001]  ok\n        pass\n"
	f := FromSource(Input{Rel: "m.py", Module: "m"}, []byte(py), Options{Rules: allRules(t), Metrics: true})
	enc := f.Encode(nil)
	for n := 0; n < len(enc); n++ {
		if _, err := Decode(f.Input, enc[:n]); err == nil {
			t.Fatalf("cut to %d of %d bytes: no error", n, len(enc))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		b := append([]byte(nil), enc...)
		for k := 0; k < 1+rng.IntN(3); k++ {
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		_, _ = Decode(f.Input, b) // must not panic
	}
}

func FuzzDecode(f *testing.F) {
	py := "import os\n__all__ = ['f']\ndef f(a):\n    pass  # buttress: ignore[X]\n"
	sum := FromSource(Input{Rel: "m.py", Module: "m"}, []byte(py), Options{Rules: allRules(f), Metrics: true})
	f.Add(sum.Encode(nil))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Decode(Input{Rel: "m.py"}, b)
		if err == nil && got == nil {
			t.Fatal("no summary and no error")
		}
		if err != nil && !errors.Is(err, wire.ErrCorrupt) {
			t.Fatalf("unexpected error %v", err)
		}
	})
}

// TestImportsLazy: a decoded summary counts its import statements without decoding them,
// decodes them once however many goroutines ask, and a section that does not decode gives
// none (the cache's checksum stands between damage and here).
func TestImportsLazy(t *testing.T) {
	in := Input{Path: "/x/m.py", Rel: "m.py", Module: "m"}
	src := "import a\nfrom b import c, d\n\ndef f():\n    import e\n"
	f := Summarize([]Input{in}, Options{TargetVersion: parser.Version(312), Overlay: map[string]string{"m.py": src}})[0]
	if len(f.Imports()) != 4 {
		t.Fatalf("imports of the source: %+v", f.Imports())
	}
	got, err := Decode(in, f.Encode(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got.lazy == nil || got.NumImports() != 4 || got.lazy.stmts != nil {
		t.Fatalf("decoded: lazy %+v, NumImports %d: want 4, not decoded yet", got.lazy, got.NumImports())
	}
	var wg sync.WaitGroup
	firsts := make([]*imports.Stmt, 8)
	for i := range firsts {
		wg.Go(func() { firsts[i] = &got.Imports()[0] })
	}
	wg.Wait()
	for _, p := range firsts {
		if p != firsts[0] {
			t.Fatal("the statements were decoded more than once")
		}
	}
	if !reflect.DeepEqual(got.Imports(), f.Imports()) {
		t.Errorf("decoded %+v, want %+v", got.Imports(), f.Imports())
	}
	none, err := Decode(in, (&File{Input: in}).Encode(nil))
	if err != nil || none.NumImports() != 0 || none.Imports() != nil || none.lazy != nil {
		t.Errorf("a file without imports: %v, %d, %+v", err, none.NumImports(), none.lazy)
	}
	bad := &File{lazy: &lazyImports{wire: "\x03\x01", n: 2}}
	if s := bad.Imports(); s != nil {
		t.Errorf("a section that does not decode gave %+v", s)
	}
}
