package project

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
)

// TestKeywordsAsCPython: isKeyword holds the hard keywords of every CPython from 3.8 to
// 3.13 (keyword.kwlist, but 3.9's __peg_parser__); isIdentifier refuses them, takes the soft ones
// and other names.
func TestKeywordsAsCPython(t *testing.T) {
	all := map[string]bool{}
	for _, minor := range []string{"3.8", "3.9", "3.10", "3.11", "3.12", "3.13"} {
		py := cpython.Require(t, minor)
		out, err := exec.Command(py, "-c", "import keyword; print(' '.join(keyword.kwlist))").Output()
		if err != nil {
			t.Fatalf("%s: %v", py, err)
		}
		for _, k := range strings.Fields(string(out)) {
			if k == "__peg_parser__" {
				continue // 3.9's easter egg, a keyword of that version alone: named as any other
			}
			all[k] = true
			if !isKeyword(k) || isIdentifier(k) {
				t.Errorf("%s: %q is a keyword of Python %s", py, k, minor)
			}
		}
	}
	for _, s := range []string{"match", "case", "type", "_", "Async", "iff", "import_", "classes", "nonlocals", "a", "x1", "é", "ıf"} {
		if isKeyword(s) || !isIdentifier(s) {
			t.Errorf("%q: not a keyword, an identifier", s)
		}
	}
	for _, s := range []string{"", "1a", "a-b", "a.b", "a b", "\xff", "½"} {
		if isIdentifier(s) {
			t.Errorf("%q is no identifier", s)
		}
	}
	if len(all) < 35 {
		t.Errorf("only %d keywords", len(all))
	}
}
