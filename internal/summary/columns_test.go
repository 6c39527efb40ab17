package summary

import (
	"testing"

	"github.com/buttresspy/buttress/internal/python/parser"
)

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
		for _, s := range f.Imports {
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
