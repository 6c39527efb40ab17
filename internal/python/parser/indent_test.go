package parser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/hostile"
	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// indentCases are files near CPython's limit of indentation levels (99: MAXINDENT is 100,
// counting the first column); each is checked against every CPython from 3.8 to 3.13, but
// those of since (the first version that agrees) only from that version on.
var indentCases = []struct {
	name, src string
	since     string
}{
	{"98 levels", hostile.Indented(98), "3.8"},
	{"99 levels", hostile.Indented(99), "3.8"},
	{"100 levels", hostile.Indented(100), "3.8"},
	{"101 levels", hostile.Indented(101), "3.8"},
	{"150 levels", hostile.Indented(150), "3.8"},
	{"100 levels of tabs", indentedBy(100, "\t"), "3.8"},
	{"99 levels of tabs", indentedBy(99, "\t"), "3.8"},
	{"a comment and a blank line before the 100th level", indentedBy(99, " ") + strings.Repeat(" ", 99) + "if x:\n" +
		strings.Repeat(" ", 100) + "# c\n\n" + strings.Repeat(" ", 100) + "pass\n", "3.8"},
	{"99 levels, then one line 20 columns deeper", hostile.Indented(99) + strings.Repeat(" ", 120) + "z\n", "3.8"},
	// CPython 3.8 reports the line of the indentation, 3.9 to 3.12 "expected an indented
	// block" on the next: 3.13 (and buttress) "too many levels" on the line the first token
	// is on.
	{"the 100th level before a line continuation", indentedBy(99, " ") + strings.Repeat(" ", 99) + "if x:\n" +
		strings.Repeat(" ", 100) + "\\\npass\n", "3.13"},
}

func indentedBy(depth int, unit string) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(unit, i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(unit, depth) + "pass\n")
	return b.String()
}

// TestIndentationLimit: 99 levels are accepted, the 100th is one error at the start of its
// line (CPython's tokenizer stops there), however deep the file goes.
func TestIndentationLimit(t *testing.T) {
	if res := parser.ParseString(hostile.Indented(99), parser.Options{}); len(res.Errors) > 0 {
		t.Errorf("99 levels: %v", res.Errors[0])
	}
	for _, depth := range []int{100, 101, 150} {
		res := parser.ParseString(hostile.Indented(depth), parser.Options{})
		n := 0
		for _, e := range res.Errors {
			if e.Msg == "too many levels of indentation" {
				n++
			}
		}
		if len(res.Errors) == 0 || res.Errors[0].Line != 101 || res.Errors[0].Col != 0 || n != 1 {
			t.Errorf("%d levels: errors %v; want one \"too many levels of indentation\" at 101:0", depth, res.Errors)
		}
	}
}

// TestIndentationLimitCPython compares indentCases with every CPython from 3.8 to 3.13:
// accepted or rejected, and the line and message of the first error (its column too from
// 3.9, whose offsets 3.8's parser counted otherwise). CPython 3.14 is checked through pyodide
// with the astjson package's py314Cases.
func TestIndentationLimitCPython(t *testing.T) {
	dir := t.TempDir()
	paths := make([]string, len(indentCases))
	for i, c := range indentCases {
		paths[i] = filepath.Join(dir, fmt.Sprintf("case%d.py", i))
		if err := os.WriteFile(paths[i], []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, minor := range []string{"3.8", "3.9", "3.10", "3.11", "3.12", "3.13"} {
		t.Run(minor, func(t *testing.T) {
			py := cpython.Require(t, minor)
			if py == "" {
				return
			}
			var mine []string
			for i, c := range indentCases {
				if versionAtLeast(minor, c.since) {
					mine = append(mine, paths[i])
				}
			}
			dumps, err := cpython.DumpAST(py, mine, 0)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range indentCases {
				if !versionAtLeast(minor, c.since) {
					continue
				}
				res := parser.ParseString(c.src, parser.Options{})
				a := cpython.CompareFile(dumps[paths[i]], astjson.AppendFile(nil, paths[i], res))
				switch {
				case a.CPythonRejected != a.GotRejected:
					t.Errorf("%s: CPython %s rejects it: %v; buttress: %v", c.name, minor, a.CPythonRejected, a.GotRejected)
				case !a.CPythonRejected:
				case a.CPythonError.Line != a.GotError.Line || a.CPythonError.Message != a.GotError.Message ||
					minor != "3.8" && a.CPythonError.Col != a.GotError.Col:
					t.Errorf("%s: CPython %s: %d:%d %s; buttress: %d:%d %s", c.name, minor,
						a.CPythonError.Line, a.CPythonError.Col, a.CPythonError.Message, a.GotError.Line, a.GotError.Col, a.GotError.Message)
				}
			}
		})
	}
}

// versionAtLeast compares "3.N" versions.
func versionAtLeast(v, min string) bool {
	var a, b int
	fmt.Sscanf(v, "3.%d", &a)
	fmt.Sscanf(min, "3.%d", &b)
	return a >= b
}
