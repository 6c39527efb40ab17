package summary

import (
	"strings"
	"testing"
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
