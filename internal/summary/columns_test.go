package summary

import (
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestTextLine reads every line of texts with and without "\r" (the first found by
// IndexByte, the second a byte at a time), in order and out of it.
func TestTextLine(t *testing.T) {
	for _, text := range []string{"", "a", "a\n", "a\nb", "é\n\nb\nc\n", "x = 1\ny = 'é'\n\n\nz\n"} {
		want := strings.Split(text, "\n")
		for _, order := range [][]int{{1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1}, {3, 1, 6}} {
			tx := NewText(text, "")
			crlf := NewText(strings.ReplaceAll(text, "\n", "\r\n"), "")
			for _, n := range order {
				got, ok := tx.Line(n)
				got2, ok2 := crlf.Line(n)
				if n > len(want) {
					if ok || ok2 {
						t.Errorf("%q: line %d: %q %v, %q %v; want none", text, n, got, ok, got2, ok2)
					}
					continue
				}
				if !ok || got != want[n-1] || !ok2 || got2 != want[n-1] {
					t.Errorf("%q: line %d: %q %v, with CRLF %q %v; want %q", text, n, got, ok, got2, ok2, want[n-1])
				}
			}
		}
	}
}

// TestCharColsAsText: the columns of the imports are those Text.Col counts, whether the
// parser read the bytes as they are (the quick way) or changed them (a BOM, "\r" line
// ends, a declared encoding, bytes that are not UTF-8).
func TestCharColsAsText(t *testing.T) {
	for _, src := range []string{
		"import a\nimport b.c as d\n",
		"x = 'é'; import a\nfrom . import (b,\n  cé, d)\n",
		"\xef\xbb\xbfimport a; import é\n",
		"s = 'ü'\r\nimport a;  import b\r\r\nimport c",
		"# -*- coding: latin-1 -*-\ns = '\xe9'; import a\n",
		"# -*- coding: latin-1 -*-\ns = 'Ã©'; import a\n",
		"def f():\n    'ğ'; import x, y as z  # é\n    import w",
		"import a\n'\xff'; import b\n",
		"",
	} {
		res := parser.ParseString(src, parser.Options{})
		f := FromSource(Input{Rel: "m.py", Module: "m"}, []byte(src), Options{})
		text := NewText(src, res.Src)
		for _, s := range f.Imports() {
			if want := text.Col(s.Line, s.Col+1); s.CharCol != want {
				t.Errorf("%q: the import of %s at %d:%d: CharCol %d, want %d", src, s.Module+s.Name, s.Line, s.Col, s.CharCol, want)
			}
		}
		for line := 0; line <= res.Lines.Lines()+1; line++ {
			for col := 0; col < 40; col++ {
				if res.Src == text.String() {
					if got, want := lineCol(res.Src, res.Lines, line, col), text.Col(line, col); got != want {
						t.Errorf("%q: lineCol(%d, %d) = %d, want %d", src, line, col, got, want)
					}
				}
			}
		}
	}
}
