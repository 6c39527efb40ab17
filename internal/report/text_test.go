package report

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/summary"
)

func TestSplitLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"", []string{""}},
		{"a", []string{"a"}},
		{"a\n", []string{"a", ""}},
		{"a\r\nb\rc\nd", []string{"a", "b", "c", "d"}},
		{"\ufeffa\n\nb", []string{"a", "", "b"}},
		{"a\f\vb\n", []string{"a\f\vb", ""}},
		{"a\r\n\r\n", []string{"a", "", ""}},
		{"a\r", []string{"a", ""}},
		{"\n\r", []string{"", "", ""}},
	} {
		if got := splitLines(c.src); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitLines(%q) = %q, want %q", c.src, got, c.want)
		}
		// The frames split as far as they need, in steps: the same lines.
		for _, step := range []int{1, 2, 5} {
			tw := newTextWriter(nil, Options{Source: func(string) (string, bool) { return c.src, true }})
			for n := 1; n <= len(c.want)+step; n += step {
				got, has := tw.line("f.py", n)
				if n <= len(c.want) && (!has || got != c.want[n-1]) || n > len(c.want) && has {
					t.Errorf("line %d of %q = %q, %t", n, c.src, got, has)
				}
			}
		}
	}
}

func TestDisplayLine(t *testing.T) {
	for _, c := range []struct {
		line  string
		text  string
		cells []int
	}{
		{"", "", []int{0}},
		{"ab", "ab", []int{0, 1, 2}},
		{"\tx", "    x", []int{0, 4, 5}},
		{"a\tb", "a   b", []int{0, 1, 4, 5}},
		{"abcd\te", "abcd    e", []int{0, 1, 2, 3, 4, 8, 9}},
		{"日本x", "日本x", []int{0, 2, 4, 5}},
		{"ｘ", "ｘ", []int{0, 2}}, // fullwidth
		{"e\u0301x", "e\u0301x", []int{0, 1, 1, 2}},
		{"\x1b[0m\x7f", "␛[0m␡", []int{0, 1, 2, 3, 4, 5}},
		{"a\u202eb", "a\ufffdb", []int{0, 1, 2, 3}},
		{"a\xffb", "a\ufffdb", []int{0, 1, 2, 3}},
		{"😀!", "😀!", []int{0, 2, 3}},
		{"x = 1   ", "x = 1", []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
	} {
		text := window(c.line, 0, 1000)
		var cells []int
		for col := 1; col <= len(c.cells); col++ {
			cells = append(cells, cellOf(c.line, col))
		}
		if text != c.text || !reflect.DeepEqual(cells, c.cells) {
			t.Errorf("window, cellOf(%q) = %q %v, want %q %v", c.line, text, cells, c.text, c.cells)
		}
	}
}

// TestWindow checks the cutting of long lines: "…" where the line goes on, a space when it
// does not (so that lines cut on the left stay aligned), tabs and wide characters across an
// edge.
func TestWindow(t *testing.T) {
	for _, c := range []struct {
		line     string
		from, to int
		want     string
	}{
		{"abcdef", 0, 3, "abc…"},
		{"abc   ", 0, 3, "abc"},
		{"abc   d", 0, 3, "abc…"},
		{"abcdef", 2, 4, "…cd…"},
		{"abcdef", 2, 10, "…cdef"},
		{"ab", 2, 10, "…"},
		{"a", 2, 10, "…"},
		{"", 2, 10, ""},
		{"\tx", 2, 10, "…  x"},
		{"a日本", 2, 10, "… 本"},
		{"abc日", 0, 4, "abc…"},
	} {
		if got := window(c.line, c.from, c.to); got != c.want {
			t.Errorf("window(%q, %d, %d) = %q, want %q", c.line, c.from, c.to, got, c.want)
		}
	}
}

// frameOf renders one finding in the text format over the given source.
func frameOf(t *testing.T, src string, f finding.Finding) string {
	t.Helper()
	f.Code, f.Path, f.Message = "X1", "a.py", "m"
	o := Options{Source: func(string) (string, bool) { return src, true }}
	out := string(render(t, FormatText, []finding.Finding{f}, o))
	head, _, ok := strings.Cut(out, "\n1  X1\n")
	if !ok {
		t.Fatalf("no summary in %q", out)
	}
	return head
}

func TestFrames(t *testing.T) {
	for _, c := range []struct {
		name, src string
		f         finding.Finding
		want      string
	}{
		{"column past the end", "abc\n", finding.Finding{Line: 1, Col: 9},
			"a.py:1:9: X1 m\n  |\n1 | abc\n  |    ^\n  |\n"},
		{"end before start on the line", "abcdef\n", finding.Finding{Line: 1, Col: 4, EndLine: 1, EndCol: 2},
			"a.py:1:4: X1 m\n  |\n1 | abcdef\n  |    ^\n  |\n"},
		{"unknown end", "abcdef\n", finding.Finding{Line: 1, Col: 2},
			"a.py:1:2: X1 m\n  |\n1 | abcdef\n  |  ^\n  |\n"},
		{"empty range", "abcdef\n", finding.Finding{Line: 1, Col: 3, EndLine: 1, EndCol: 3},
			"a.py:1:3: X1 m\n  |\n1 | abcdef\n  |   ^\n  |\n"},
		{"end at the end of the line", "abcdef\n", finding.Finding{Line: 1, Col: 3, EndLine: 1, EndCol: 7},
			"a.py:1:3: X1 m\n  |\n1 | abcdef\n  |   ^^^^\n  |\n"},
		{"end line without a column", "abcdef\nx\n", finding.Finding{Line: 1, Col: 2, EndLine: 2},
			"a.py:1:2: X1 m\n  |\n1 | abcdef\n  |  ^^^^^\n2 | x\n  |\n"},
		{"empty file", "", finding.Finding{Line: 1, Col: 1},
			"a.py:1:1: X1 m\n  |\n1 |\n  | ^\n  |\n"},
		{"line after the trailing newline", "a\n", finding.Finding{Line: 2, Col: 1},
			"a.py:2:1: X1 m\n  |\n1 | a\n2 |\n  | ^\n  |\n"},
		{"line past the end of the file", "a\n", finding.Finding{Line: 3, Col: 1},
			"a.py:3:1: X1 m\n"},
		{"wide gutter", strings.Repeat("x\n", 12), finding.Finding{Line: 10, Col: 1, EndLine: 10, EndCol: 2},
			"a.py:10:1: X1 m\n   |\n 8 | x\n 9 | x\n10 | x\n   | ^\n11 | x\n12 | x\n   |\n"},
		{"long line cut on the right", strings.Repeat("x", 200) + "\n", finding.Finding{Line: 1, Col: 3, EndLine: 1, EndCol: 5},
			"a.py:1:3: X1 m\n  |\n1 | " + strings.Repeat("x", 160) + "…\n  |   ^^\n  |\n"},
		{"long line cut on both sides", "a\n" + strings.Repeat("y", 500) + "z" + strings.Repeat("y", 500) + "\nb\n", finding.Finding{Line: 2, Col: 501, EndLine: 2, EndCol: 502},
			"a.py:2:501: X1 m\n  |\n1 | …\n2 | …" + strings.Repeat("y", 60) + "z" + strings.Repeat("y", 99) + "…\n  |  " + strings.Repeat(" ", 60) + "^\n3 | …\n  |\n"},
		{"range past the window", strings.Repeat("w", 300) + "\n", finding.Finding{Line: 1, Col: 1, EndLine: 1, EndCol: 300},
			"a.py:1:1: X1 m\n  |\n1 | " + strings.Repeat("w", 160) + "…\n  | " + strings.Repeat("^", 160) + "\n  |\n"},
		{"range past the line", strings.Repeat("v", 300) + "\nx\n", finding.Finding{Line: 1, Col: 299, EndLine: 2},
			"a.py:1:299: X1 m\n  |\n1 | …" + strings.Repeat("v", 62) + "\n  |  " + strings.Repeat(" ", 60) + "^^\n2 | …\n  |\n"},
		{"tab before a wide character", "\t日本 = 1\n", finding.Finding{Line: 1, Col: 2, EndLine: 1, EndCol: 4},
			"a.py:1:2: X1 m\n  |\n1 |     日本 = 1\n  |     ^^^^\n  |\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := frameOf(t, c.src, c.f); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			// The same frame from the lines a summary keeps, without reading the file.
			f := c.f
			f.Code, f.Path, f.Message = "X1", "a.py", "m"
			x := summary.NewExcerpt(c.src, "a.py", []finding.Finding{f})
			o := Options{
				Source: func(string) (string, bool) { t.Error("the file was read"); return c.src, true },
				Line:   func(_ string, n int) (string, bool, bool) { return x.Line(n) },
			}
			out := string(render(t, FormatText, []finding.Finding{f}, o))
			if !strings.HasPrefix(out, c.want+"\n1  X1") {
				t.Errorf("from the excerpt: got\n%s\nwant\n%s", out, c.want)
			}
		})
	}
}

func TestTextColor(t *testing.T) {
	fs := []finding.Finding{{Code: "X1", Path: "a.py", Line: 1, Col: 1, Message: "m"}}
	o := Options{Source: func(string) (string, bool) { return "a\n", true }}
	if out := render(t, FormatText, fs, o); strings.Contains(string(out), "\x1b") {
		t.Errorf("escape codes without Color: %q", out)
	}
	o.Color = true
	out := string(render(t, FormatText, fs, o))
	for _, want := range []string{styleBold + "a.py:1:1:" + styleReset, styleCode + "X1" + styleReset, styleDim + "1 |" + styleReset} {
		if !strings.Contains(out, want) {
			t.Errorf("%q not in %q", want, out)
		}
	}
}

// TestFrameHugeLine checks that a finding on a file with one huge line prints a bounded frame,
// quickly: the frame reads the line no further than the window.
func TestFrameHugeLine(t *testing.T) {
	src := "# " + strings.Repeat("comment ", 6<<20) + "\nx = 1\n" // a 48 MB line
	for _, f := range []finding.Finding{{Line: 1, Col: 1}, {Line: 2, Col: 1}, {Line: 1, Col: 40 << 20, EndLine: 1, EndCol: 40<<20 + 5}} {
		out := frameOf(t, src, f)
		if len(out) > 1000 || !strings.Contains(out, "…") {
			t.Errorf("%+v: %d bytes:\n%.2000s", f, len(out), out)
		}
	}
}

// TestTextHostileMessage checks that a message cannot break the one-line headline or move the
// terminal's cursor.
func TestTextHostileMessage(t *testing.T) {
	fs := []finding.Finding{{Code: "X1", Rule: "r\n", Path: "a.py", Line: 1, Col: 1,
		Message: "one\ntwo\x1b[2J\u202e", Notes: []finding.Note{{Message: "n\r\n"}}}}
	out := string(render(t, FormatText, fs, Options{}))
	want := "a.py:1:1: X1 one␊two␛[2J\ufffd\n  = note: n␍␊\n\n1  X1  r␊\n\nFound 1 problem (1 file).\n"
	if out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}

// TestTextBlocks: an output of many blocks (several workers, files of all sizes) comes out
// in order, byte for byte what the files rendered one at a time give.
func TestTextBlocks(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	src := map[string]string{}
	var fs []finding.Finding
	for f := range 300 {
		path := fmt.Sprintf("pkg/m%03d.py", f)
		var b strings.Builder
		lines := 1 + f%40*7
		for n := 1; n <= lines; n++ {
			fmt.Fprintf(&b, "value_%d = compute(%d, %q)\n", n, n*f, strings.Repeat("x", n%50))
		}
		src[path] = b.String()
		for n := 1; n <= lines; n += 1 + f%5 {
			fs = append(fs, finding.Finding{Path: path, Line: n, Col: 1 + n%9, Code: "ERR001", Rule: "bare-except", Message: fmt.Sprintf("finding %d of %s", n, path)})
		}
	}
	o := Options{Quiet: true, Source: func(p string) (string, bool) { s, ok := src[p]; return s, ok }}
	var whole bytes.Buffer
	if err := Write(&whole, FormatText, fs, o); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	for i := 0; i < len(fs); {
		j := i
		for j < len(fs) && fs[j].Path == fs[i].Path {
			j++
		}
		if err := Write(&want, FormatText, fs[i:j], o); err != nil {
			t.Fatal(err)
		}
		i = j
	}
	if whole.Len() < 4*textBlock {
		t.Fatalf("%d bytes: too few for several blocks", whole.Len())
	}
	if !bytes.Equal(whole.Bytes(), want.Bytes()) {
		t.Error("the text of the whole differs from that of its files one at a time")
	}
}
