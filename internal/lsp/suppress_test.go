package lsp

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/buttresspy/buttress/internal/finding"
)

func TestSuppress(t *testing.T) {
	for _, c := range []struct {
		name, text string
		line       int
		want       string // the text with the edit; "" when there is none
	}{
		{"end of line", "def f(x=[]):\n    pass\n", 1, "def f(x=[]):  # buttress: ignore[PAT003]\n    pass\n"},
		{"trailing blanks", "x = f()   \n", 1, "x = f()  # buttress: ignore[PAT003]   \n"},
		{"crlf", "a = 1\r\ndef f(x=[]):\r\n    pass\r\n", 2, "a = 1\r\ndef f(x=[]):  # buttress: ignore[PAT003]\r\n    pass\r\n"},
		{"last line without break", "def f(x=[]): pass", 1, "def f(x=[]): pass  # buttress: ignore[PAT003]"},
		{"joins a directive", "x = 1  # buttress: ignore[TYP001]  why\n", 1, "x = 1  # buttress: ignore[TYP001, PAT003]  why\n"},
		{"before another comment", "import x  # noqa: F401\n", 1, "import x  # buttress: ignore[PAT003]  # noqa: F401\n"},
		{"not in a string", "s = \"\"\"a\nb\"\"\"; t = '#'\n", 2, "s = \"\"\"a\nb\"\"\"; t = '#'  # buttress: ignore[PAT003]\n"},
		{"non-ASCII before", "é = f()  # x\n", 1, "é = f()  # buttress: ignore[PAT003]  # x\n"},
		{"inside a string", "s = \"\"\"a\nb\n\"\"\"\n", 1, ""},
		{"after a backslash", "x = 1 + \\\n    2\n", 1, ""},
		{"blank line", "\n\n", 1, ""},
		{"no such line", "x = 1\n", 5, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			edit, ok := Suppress(c.text, c.line, "PAT003")
			got := ""
			if ok {
				got = apply(t, c.text, edit)
			}
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// apply applies an insertion to a text.
func apply(t *testing.T, text string, e protocol.TextEdit) string {
	if e.Range.Start != e.Range.End {
		t.Fatalf("not an insertion: %+v", e)
	}
	starts := lineStarts(text)
	off := starts[e.Range.Start.Line]
	units := 0
	for i, r := range text[off:] {
		if units == int(e.Range.Start.Character) {
			off += i
			return text[:off] + e.NewText + text[off:]
		}
		units++
		if r >= 0x10000 {
			units++
		}
	}
	return text + e.NewText
}

func TestDiagnosticRange(t *testing.T) {
	text := "a = '😀' + b\nimport x\n"
	// b is character 11 (1-based) on line 1; the emoji takes two UTF-16 units.
	d := diagnostic("/p", text, finding.Finding{Code: "TYP001", Line: 1, Col: 11, EndLine: 1, EndCol: 12, Message: "m"})
	if d.Range.Start.Character != 11 || d.Range.End.Character != 12 || d.Severity != protocol.DiagnosticSeverityWarning {
		t.Errorf("range %+v, severity %v", d.Range, d.Severity)
	}
	// No end: to the end of the line.
	d = diagnostic("/p", text, finding.Finding{Code: "ARCH001", Line: 2, Col: 1, Message: "m"})
	if d.Range.Start != (protocol.Position{Line: 1}) || d.Range.End != (protocol.Position{Line: 1, Character: 8}) || d.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("range %+v, severity %v", d.Range, d.Severity)
	}
}
