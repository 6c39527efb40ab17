package parser_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// snippet is one source of the syntax-error corpus.
type snippet struct {
	origin string // "test_syntax.py:123#0" (read from CPython's test suite) or "hand:category#n"
	src    []byte
}

// handWritten are broken (and a few deliberately valid) sources, grouped by what is wrong.
// CPython 3.13's ast.parse decides which are errors; the categories only help reading the log.
var handWritten = []struct{ cat, src string }{
	// Unclosed, unmatched and mismatched brackets.
	{"brackets", "x = (1, 2\ny = 3\n"},
	{"brackets", "f(a, b\n"},
	{"brackets", "[1, 2, 3\n"},
	{"brackets", "{'a': 1\n"},
	{"brackets", "x = (\n"},
	{"brackets", "print('hello'\nprint('world')\n"},
	{"brackets", "def f(a, b:\n    pass\n"},
	{"brackets", "foo = [1, 2, 3\nbar = 4\n"},
	{"brackets", "x = {1: (2, [3}\n"},
	{"brackets", "x = (1]\n"},
	{"brackets", "x = 1)\n"},
	{"brackets", "]\n"},
	{"brackets", "}\n"},
	{"brackets", "x = [1, 2)\n"},
	{"brackets", "if (a and b:\n    pass\n"},
	{"brackets", "f(\n  a,\n  b,\n\nx = 1\n"},
	{"brackets", "x = [\n  1,\n  2,\ny = 3\ndef g(): pass\n"},
	{"brackets", "class C:\n    def m(self):\n        return (1,\n    def n(self):\n        pass\n"},
	// Assignment expressions where the grammar takes an expression.
	{"walrus", "x[a := 1:2]\n"},
	{"walrus", "x[1:a := 2]\n"},
	{"walrus", "x[(a := 1):2]\n"},
	{"walrus", "x[a := 1, b := 2]\n"},
	// Indentation.
	{"indent", "  x = 1\n"},
	{"indent", "if x:\npass\n"},
	{"indent", "if x:\n    a\n  b\n"},
	{"indent", "def f():\n    x = 1\n      y = 2\n"},
	{"indent", "for i in x:\n\tif i:\n        pass\n"},
	{"indent", "if x:\n        a\n\tb\n"},
	{"indent", "class C:\n\n"},
	{"indent", "def f():\n# comment\n"},
	{"indent", "while x:\nx\n"},
	{"indent", "try:\n    a\nexcept:\nb\n"},
	{"indent", "if x:\n    pass\n  else:\n    pass\n"},
	{"indent", "x = 1\n    y = 2\n"},
	{"indent", "def f():\n    return 1\n   x = 2\n"},
	{"indent", "if True:\n    pass\n        pass\n"},
	{"indent", "with a:\n"},
	{"indent", "if x:\n  a\n    b\n  c\n"},
	{"indent", "def f():\n\tif x:\n        \treturn 1\n"},
	// Stray tokens and bad literals.
	{"stray", "x = 1 2\n"},
	{"stray", "x = = 1\n"},
	{"stray", "x = 1 $\n"},
	{"stray", "a ? b\n"},
	{"stray", "x = 1 !\n"},
	{"stray", "print 'hello'\n"},
	{"stray", "import a.b.\n"},
	{"stray", "a b c\n"},
	{"stray", ") x\n"},
	{"stray", "x = `1`\n"},
	{"stray", "1 + * 2\n"},
	{"stray", "x ++= 1\n"},
	{"stray", "x = 1,,2\n"},
	{"stray", "@\ndef f(): pass\n"},
	{"stray", "def f(): pass pass\n"},
	{"stray", "x = 1;;\n"},
	{"stray", "; x\n"},
	{"stray", "x = 1 \\ y\n"},
	{"stray", "a = 1 if b\n"},
	{"stray", "x = 1\ny = 2 3\nz = 4\n"},
	{"stray", "x = a..b\n"},
	{"stray", "x = a.1\n"},
	{"stray", "€ = 1\n"},
	{"stray", "x = 1 \uff0b 2\n"},
	{"stray", "a\u00a0= 1\n"},
	{"stray", "x = 1 <> 2\n"},
	{"number", "a = 0777\n"},
	{"number", "x = 1_\n"},
	{"number", "x = 0x\n"},
	{"number", "x = 1e\n"},
	{"number", "x = 1__0\n"},
	{"number", "x = 0b2\n"},
	{"number", "x = 0o8\n"},
	{"number", "x = 1.2.3\n"},
	{"number", "x = 3jj\n"},
	{"number", "x = 0_7\n"},
	{"number", "x = 1if 2 else 3\n"},
	{"number", "x = 0x_\n"},
	{"number", "x = 1.e_1\n"},
	// Half-written definitions.
	{"def", "def\n"},
	{"def", "def f\n"},
	{"def", "def f(\n"},
	{"def", "def f(a,\n"},
	{"def", "def f():\n"},
	{"def", "def f()\n    pass\n"},
	{"def", "def f() -> :\n    pass\n"},
	{"def", "def (a): pass\n"},
	{"def", "class\n"},
	{"def", "class C(\n"},
	{"def", "class C:\n"},
	{"def", "class C(A, B:\n    pass\n"},
	{"def", "async def\n"},
	{"def", "x = lambda\n"},
	{"def", "x = lambda x\n"},
	{"def", "def f(*): pass\n"},
	{"def", "def f(**kwargs, a): pass\n"},
	{"def", "def f(a=1, b): pass\n"},
	{"def", "def f(x, /, y, /): pass\n"},
	{"def", "def f[](): pass\n"},
	{"def", "def f[T: int = ](): pass\n"},
	{"def", "@dec\n"},
	{"def", "@dec\nx = 1\n"},
	{"def", "@dec\nclass\n"},
	{"def", "def f(a, *, **k): pass\n"},
	{"def", "def f(a b): pass\n"},
	{"def", "def f(a:): pass\n"},
	{"def", "def f(a=): pass\n"},
	{"def", "def f():\n    x = 1\n    def g(\n\ndef h(): pass\n"},
	{"def", "def f(self, x\n    return x\n\nclass C: pass\n"},
	// Invalid assignment, deletion and loop targets.
	{"target", "f() = 1\n"},
	{"target", "1 = x\n"},
	{"target", "a + b = c\n"},
	{"target", "x, f() = 1, 2\n"},
	{"target", "(a, b) += 1\n"},
	{"target", "[a] += 1\n"},
	{"target", "del f()\n"},
	{"target", "del 1\n"},
	{"target", "for 1 in x: pass\n"},
	{"target", "with a as 1: pass\n"},
	{"target", "None = 1\n"},
	{"target", "True = 1\n"},
	{"target", "x.None = 1\n"},
	{"target", "a if b else c = 1\n"},
	{"target", "lambda: 1 = 2\n"},
	{"target", "'s' = 1\n"},
	{"target", "f'{x}' = 1\n"},
	{"target", "x: int = 1 = 2\n"},
	{"target", "(yield) = 1\n"},
	{"target", "x := 1\n"},
	{"target", "def f(a := 1): pass\n"},
	{"target", "(a.b := 1)\n"},
	{"target", "(a, b := 1, 2)\n"},
	{"target", "[x for x in y] = 1\n"},
	{"target", "a, b += 1\n"},
	{"target", "x + 1 += 1\n"},
	{"target", "del (a, f())\n"},
	{"target", "for x, f() in y: pass\n"},
	{"target", "import a as b.c\n"},
	{"target", "from x import a as 1\n"},
	{"target", "del *a,\n"},
	// Keywords where names belong, and soft keywords.
	{"keyword", "class = 1\n"},
	{"keyword", "def if(): pass\n"},
	{"keyword", "import def\n"},
	{"keyword", "x.class\n"},
	{"keyword", "async = 1\n"},
	{"keyword", "await = 1\n"},
	{"keyword", "def f(pass): pass\n"},
	{"keyword", "match = 1\ncase = 2\n_ = 3\ntype = 4\n"},
	{"keyword", "type X = \n"},
	{"keyword", "type 1 = x\n"},
	{"keyword", "global x, \n"},
	{"keyword", "nonlocal\n"},
	{"keyword", "assert\n"},
	{"keyword", "raise X from\n"},
	{"keyword", "import\n"},
	{"keyword", "from x import (a, b\n"},
	{"keyword", "from x import a,\n"},
	{"keyword", "from x import *, a\n"},
	{"keyword", "from x import (*)\n"},
	{"keyword", "from . import\n"},
	{"keyword", "print(a, if)\n"},
	// match statements.
	{"match", "match x:\n    case 1:\n        pass\n"},
	{"match", "match x:\n    case:\n        pass\n"},
	{"match", "match x:\ncase 1: pass\n"},
	{"match", "match x:\n    case 1 + 1: pass\n"},
	{"match", "match x:\n    case {**rest, 'a': 1}: pass\n"},
	{"match", "match x:\n    case *a: pass\n"},
	{"match", "match x:\n    case a as 1: pass\n"},
	{"match", "match x:\n    case _ as _: pass\n"},
	{"match", "match x:\n    case C(a=1, b): pass\n"},
	{"match", "match x:\n    pass\n"},
	{"match", "match x\n    case 1: pass\n"},
	{"match", "match x:\n    case f(x) + 1: pass\n"},
	{"match", "match x:\n    case {a: 1}: pass\n"},
	{"match", "match x:\n    case 1 if: pass\n"},
	{"match", "match x:\n    case (1, 2: pass\n"},
	{"match", "match x:\n    case -x: pass\n"},
	// Compound statements.
	{"compound", "if x\n    pass\n"},
	{"compound", "if x:\n    pass\nelif:\n    pass\n"},
	{"compound", "else:\n    pass\n"},
	{"compound", "elif x:\n    pass\n"},
	{"compound", "if x: pass\nelse pass\n"},
	{"compound", "for x in : pass\n"},
	{"compound", "for in x: pass\n"},
	{"compound", "for x y in z: pass\n"},
	{"compound", "while: pass\n"},
	{"compound", "try:\n    pass\n"},
	{"compound", "try:\n    pass\nx = 1\n"},
	{"compound", "try:\n    pass\nfinally:\n    pass\nexcept:\n    pass\n"},
	{"compound", "try:\n    pass\nexcept* :\n    pass\n"},
	{"compound", "try:\n    pass\nexcept A, B:\n    pass\n"},
	{"compound", "try:\n    pass\nexcept A as b.c:\n    pass\n"},
	{"compound", "try:\n    pass\nexcept:\n    pass\nexcept* A:\n    pass\n"},
	{"compound", "with open(x) as f, : pass\n"},
	{"compound", "with (a as b c): pass\n"},
	{"compound", "def f():\n    yield = 1\n"},
	{"compound", "if x: pass\n  elif y: pass\n"},
	{"compound", "for x in y:\n    pass\nelse\n    pass\n"},
	{"compound", "while x:\n    pass\nelif y:\n    pass\n"},
	{"compound", "with a, b as c as d: pass\n"},
	// Expressions.
	{"expr", "f(**)\n"},
	{"expr", "f(*)\n"},
	{"expr", "x = [*]\n"},
	{"expr", "x = {**}\n"},
	{"expr", "print(a, b c)\n"},
	{"expr", "x = (1 2)\n"},
	{"expr", "x = {1: 2, 3}\n"},
	{"expr", "x = {1, 2: 3}\n"},
	{"expr", "x = {**a: 1}\n"},
	{"expr", "x = [i for i in]\n"},
	{"expr", "x = [for i in x]\n"},
	{"expr", "x = [i for i in x if]\n"},
	{"expr", "x = (i for i)\n"},
	{"expr", "x = a[1:2:3:4]\n"},
	{"expr", "x = a[]\n"},
	{"expr", "x = not\n"},
	{"expr", "x = 1 if 2\n"},
	{"expr", "x = 1 if 2 else\n"},
	{"expr", "x = lambda: yield\n"},
	{"expr", "x = lambda *: 1\n"},
	{"expr", "x = 1 < > 2\n"},
	{"expr", "x = a not b\n"},
	{"expr", "x = a is not not b\n"},
	{"expr", "x = -\n"},
	{"expr", "x = ~\n"},
	{"expr", "x = 2 **\n"},
	{"expr", "x = a @\n"},
	{"expr", "print(*a, **b, *c)\n"},
	{"expr", "f(**a, *b)\n"},
	{"expr", "f(a=1, b)\n"},
	{"expr", "f(a for a in b, c)\n"},
	{"expr", "{**a for a in b}\n"},
	{"expr", "[*a for a in b]\n"},
	{"expr", "f(a=)\n"},
	{"expr", "f(1=2)\n"},
	{"expr", "x = yield = 1\n"},
	{"expr", "x = (*a)\n"},
	{"expr", "x = a if b else *c\n"},
	{"expr", "x = [a, b for a in c]\n"},
	{"expr", "x = 1 + \n"},
	{"expr", "x = (1 +)\n"},
	{"expr", "x = a[1:2, ::3, :]\n"},
	{"expr", "x = f(a)(b)[c].d\n"},
	{"expr", "x = lambda: (yield)\n"},
	{"expr", "print(*a, *b, **c, **c)\n"},
	// Strings and f-strings.
	{"string", "'abc\n"},
	{"string", "'''abc\n"},
	{"string", "\"abc\nx = 1\n"},
	{"string", "x = b'é'\n"},
	{"string", "x = '\\N{no such name}'\n"},
	{"string", "x = '\\x1'\n"},
	{"string", "x = b'\\x1'\n"},
	{"string", "x = '\\u12'\n"},
	{"string", "x = 'a' b'b'\n"},
	{"string", "x = f'a' b'b'\n"},
	{"string", "x = r'\\'\n"},
	{"string", "x = ur'a'\n"},
	{"string", "x = '''\n"},
	{"string", "x = 'a\\\nb'\n"},
	{"fstring", "print(f'{}')\n"},
	{"fstring", "f'{'\n"},
	{"fstring", "f'{a!x}'\n"},
	{"fstring", "f'{a!}'\n"},
	{"fstring", "f'{a:{b:{c:{d}}}}'\n"},
	{"fstring", "f'{a=!r:>10}'\n"},
	{"fstring", "f'{lambda x: 1}'\n"},
	{"fstring", "f'{a b}'\n"},
	{"fstring", "f'{)'\n"},
	{"fstring", "f'}'\n"},
	{"fstring", "f'{a}}'\n"},
	{"fstring", "f'''{\n}'''\n"},
	{"fstring", "f'{x:{y!z}}'\n"},
	{"fstring", "f'{\\n}'\n"},
	{"fstring", "f'{#}'\n"},
	{"fstring", "f'{x!r=}'\n"},
	{"fstring", "f'{*x}'\n"},
	{"fstring", "f'{x:{*y}}'\n"},
	{"fstring", "f'{f'{x'}'\n"},
	{"fstring", "x = f'abc\ny = 1\n"},
	{"fstring", "f'{x\n}'\n"},
	// Line continuations.
	{"continuation", "x = 1\\\n"},
	{"continuation", "x = 1 \\ \n"},
	{"continuation", "\\\n"},
	{"continuation", "x = 1 + \\\n\n2\n"},
	{"continuation", "if x:\n    a = 1 \\\n"},
	// Encodings, byte order marks, line ends, control characters.
	{"bytes", "\xef\xbb\xbfx = 1\n"},
	{"bytes", "# -*- coding: latin-1 -*-\nx = '\xe9'\n"},
	{"bytes", "# coding: bogus\nx = 1\n"},
	{"bytes", "x = '\xff'\n"},
	{"bytes", "x = 1\x00\n"},
	{"bytes", "x = 1\r\ny = 2\r\n"},
	{"bytes", "x = 1\ry = 2\r"},
	{"bytes", "if x:\r\n  pass\r\n pass\r\n"},
	{"bytes", "\x0cx = 1\n"},
	{"bytes", "if x:\n\x0c    pass\n"},
	{"bytes", "x = 1\x01\n"},
	{"bytes", "x = 1\x1b\n"},
	{"bytes", "\xef\xbb\xbf# coding: latin-1\nx = 1\n"},
	{"bytes", "x = '\xe9'\n# coding: latin-1\n"},
	// Errors that CPython raises only when compiling (the symbol table or the compiler), not
	// when parsing: ast.parse accepts these, and so must buttress.
	{"compile-time", "return 1\n"},
	{"compile-time", "break\n"},
	{"compile-time", "continue\n"},
	{"compile-time", "nonlocal x\n"},
	{"compile-time", "await x\n"},
	{"compile-time", "yield x\n"},
	{"compile-time", "class C:\n    return 1\n"},
	{"compile-time", "def f():\n    x = 1\n    global x\n"},
	{"compile-time", "def f(a, a): pass\n"},
	{"compile-time", "*a = 1\n"},
	{"compile-time", "x = *a\n"},
	{"compile-time", "a, *b, *c = x\n"},
	{"compile-time", "f(x=1, x=2)\n"},
	{"compile-time", "from __future__ import braces\n"},
	{"compile-time", "x = 1\nfrom __future__ import annotations\n"},
	{"compile-time", "def f():\n    from os import *\n"},
	{"compile-time", "async with a: pass\n"},
	{"compile-time", "async for x in y: pass\n"},
	{"compile-time", "[x async for x in y]\n"},
	{"compile-time", "def f():\n    nonlocal x\n"},
	{"compile-time", "def f():\n    yield 1\n    return 2\nasync def g():\n    yield 1\n    return 2\n"},
	{"compile-time", "__debug__ = 1\n"},
	{"compile-time", "match x:\n    case a: pass\n    case b: pass\n"},
	{"compile-time", "match x:\n    case a | b: pass\n"},
	{"compile-time", "match x:\n    case {1: a, 1: b}: pass\n"},
	{"compile-time", "match x:\n    case [a, a]: pass\n"},
	{"compile-time", "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n"},
	{"compile-time", "[i := 0 for i in x]\n"},
	{"compile-time", "class C:\n    [(y := 1) for x in z]\n"},
	{"compile-time", "def f():\n    x: int\n    global x\n"},
	{"compile-time", "for x in y:\n    pass\nelse:\n    break\n"},
	{"compile-time", "while x:\n    def f():\n        continue\n"},
	{"compile-time", "try:\n    pass\nfinally:\n    continue\n"},
	{"compile-time", "def f():\n    await x\n"},
	{"compile-time", "def f[T, T](): pass\n"},
	{"compile-time", "class C:\n    nonlocal x\n"},
	{"compile-time", "def f(*, a, a): pass\n"},
	{"compile-time", "def f():\n    x = 1\n    nonlocal x\n"},
}

// extractCPythonCases runs testdata/extract_syntax_cases.py, which reads CPython's test suite
// in place and prints the snippets its syntax tests compile.
func extractCPythonCases(t *testing.T, python, testDir string) []snippet {
	script, err := filepath.Abs("testdata/extract_syntax_cases.py")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-I", "-B", script, testDir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("extracting CPython's syntax test cases: %v\n%s", err, stderr.String())
	}
	var cases []snippet
	count := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c struct{ Origin, Src string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("bad line from the extraction script: %v: %s", err, sc.Text())
		}
		src, err := base64.StdEncoding.DecodeString(c.Src)
		if err != nil {
			t.Fatal(err)
		}
		origin := fmt.Sprintf("%s#%d", c.Origin, count[c.Origin])
		count[c.Origin]++
		cases = append(cases, snippet{origin, src})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func handWrittenCases() []snippet {
	var cases []snippet
	count := map[string]int{}
	for _, h := range handWritten {
		cases = append(cases, snippet{fmt.Sprintf("hand:%s#%d", h.cat, count[h.cat]), []byte(h.src)})
		count[h.cat]++
	}
	return cases
}

// parseGuarded parses src, turning a panic into an error value and a hang into a timeout.
func parseGuarded(src []byte, timeout time.Duration) (res *parser.Result, failure string) {
	type outcome struct {
		res   *parser.Result
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{panic: r}
			}
		}()
		done <- outcome{res: parser.Parse(src, parser.Options{})}
	}()
	select {
	case o := <-done:
		if o.panic != nil {
			return nil, fmt.Sprintf("panic: %v", o.panic)
		}
		return o.res, ""
	case <-time.After(timeout):
		return nil, fmt.Sprintf("no result after %v", timeout)
	}
}

// knownCrashes lists corpus snippets on which the parser panics or hangs today, by origin,
// with the reason; they are reported in the log instead of failing the test. Remove an
// entry when the parser is fixed (the test says so).
var knownCrashes = map[string]string{}

// Thresholds, a little under what was measured with CPython 3.13.0's test suite plus the
// hand-written snippets (2,111 snippets: accept/reject agreement 99.2%, CPython-rejected
// snippets rejected 98.6%, same first line 96.5%, CPython-accepted snippets accepted 99.9%).
// They guard against regressions; raise them as the parser improves. The issue asks for the
// same line on at least 95% of the files CPython rejects.
const (
	minAcceptRejectAgreement = 0.98 // share of all snippets where both accept or both reject
	minRejectedAgreement     = 0.97 // share of CPython-rejected snippets buttress rejects too
	minSameLine              = 0.95 // share of CPython-rejected snippets with the same first line
	minAcceptedAgreement     = 0.98 // share of CPython-accepted snippets buttress accepts
	// minSameMessage is the share of CPython-rejected snippets whose first error has CPython's
	// message (80.0% measured; BUTTRESS_MESSAGE_DIFFS=1 logs the others, grouped by message).
	minSameMessage = 0.92
)

// TestSyntaxErrorsAgainstCPython compares, snippet by snippet, whether CPython 3.13's parser
// (ast.parse, so errors of the compiler are not counted) and buttress reject a source, and
// on which line the first error is. The snippets are what CPython's own syntax tests compile
// (read in place from its installed test suite) and the hand-written ones above.
func TestSyntaxErrorsAgainstCPython(t *testing.T) {
	python := cpython.Require(t, "3.13")
	if python == "" {
		return
	}
	stdlib := cpython.Stdlib(t, "3.13")
	if stdlib == "" {
		return
	}
	fromSuite := extractCPythonCases(t, python, filepath.Join(stdlib, "test"))
	cases := append(fromSuite, handWrittenCases()...)

	dir := t.TempDir()
	paths := make([]string, len(cases))
	for i, c := range cases {
		paths[i] = filepath.Join(dir, fmt.Sprintf("case%05d.py", i))
		if err := os.WriteFile(paths[i], c.src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dumps, err := cpython.DumpAST(python, paths, 0)
	if err != nil {
		t.Fatal(err)
	}

	type stats struct{ total, rejected, bothReject, sameLine, sameMsg, accepted, bothAccept, sameAST int }
	var all, suite, hand stats
	var disagreements, lineDiffs, astDiffs []string
	// msgDiffs groups, by CPython's message, the snippets both reject with another message.
	msgDiffs := map[string][]string{}
	for i, c := range cases {
		st := &suite
		if strings.HasPrefix(c.origin, "hand:") {
			st = &hand
		}
		res, failure := parseGuarded(c.src, 20*time.Second)
		if failure != "" {
			if reason, ok := knownCrashes[c.origin]; ok {
				t.Logf("known bug on %s (%s): %s", c.origin, reason, failure)
			} else {
				t.Errorf("%s: %s on %q", c.origin, failure, c.src)
			}
			continue
		}
		if _, ok := knownCrashes[c.origin]; ok {
			t.Errorf("%s no longer crashes: remove it from knownCrashes", c.origin)
		}
		checkErrors(t, c.origin, res)
		got := astjson.AppendFile(nil, paths[i], res)
		a := cpython.CompareFile(dumps[paths[i]], got)
		for _, s := range []*stats{&all, st} {
			s.total++
			if a.CPythonRejected {
				s.rejected++
				if a.GotRejected {
					s.bothReject++
					// CPython gives no line for a file it cannot decode at all (a null byte, a
					// bad coding declaration): any error of ours counts there.
					if a.SameErrorLine || a.CPythonError.Line == 0 {
						s.sameLine++
					}
					if a.CPythonError.Message == a.GotError.Message {
						s.sameMsg++
					}
				}
			} else {
				s.accepted++
				if !a.GotRejected {
					s.bothAccept++
					if a.Equal {
						s.sameAST++
					}
				}
			}
		}
		quoted := fmt.Sprintf("%q", c.src)
		if len(quoted) > 300 {
			quoted = quoted[:300] + "..."
		}
		if a.CPythonRejected && a.GotRejected && a.CPythonError.Message != a.GotError.Message {
			m := a.CPythonError.Message
			msgDiffs[m] = append(msgDiffs[m], fmt.Sprintf("%s: CPython %v, buttress %v: %s", c.origin, a.CPythonError, a.GotError, quoted))
		}
		switch {
		case a.CPythonRejected && !a.GotRejected:
			disagreements = append(disagreements, fmt.Sprintf("%s: CPython rejects (%v), buttress accepts: %s", c.origin, a.CPythonError, quoted))
		case !a.CPythonRejected && a.GotRejected:
			disagreements = append(disagreements, fmt.Sprintf("%s: CPython accepts, buttress rejects (%v): %s", c.origin, a.GotError, quoted))
		case a.CPythonRejected && !a.SameErrorLine && a.CPythonError.Line != 0:
			lineDiffs = append(lineDiffs, fmt.Sprintf("%s: CPython %v, buttress %v: %s", c.origin, a.CPythonError, a.GotError, quoted))
		case !a.CPythonRejected && !a.Equal:
			astDiffs = append(astDiffs, fmt.Sprintf("%s: %s: %s", c.origin, a.Diff, quoted))
		}
	}
	sort.Strings(disagreements)
	sort.Strings(lineDiffs)
	sort.Strings(astDiffs)
	for _, d := range disagreements {
		t.Log("accept/reject disagreement: " + d)
	}
	for _, d := range lineDiffs {
		t.Log("first error on another line: " + d)
	}
	if os.Getenv("BUTTRESS_MESSAGE_DIFFS") == "1" {
		logMessageDiffs(t, msgDiffs)
	}
	for _, d := range astDiffs {
		// Both accept, yet the trees differ: buttress agrees with CPython on the whole
		// standard library, so this is a bug of its own.
		t.Error("tree differs: " + d)
	}
	pct := func(n, d int) float64 {
		if d == 0 {
			return 100
		}
		return 100 * float64(n) / float64(d)
	}
	for _, x := range []struct {
		name string
		s    stats
	}{{"CPython's test suite", suite}, {"hand-written", hand}, {"all", all}} {
		s := x.s
		t.Logf("%s: %d snippets; CPython rejects %d, buttress rejects %d of them (%.1f%%), first error on the same line for %d (%.1f%%) with the same message for %d (%.1f%%); CPython accepts %d, buttress accepts %d (%.1f%%), same tree for %d (%.1f%%); accept/reject agreement %.1f%%",
			x.name, s.total, s.rejected, s.bothReject, pct(s.bothReject, s.rejected), s.sameLine, pct(s.sameLine, s.rejected), s.sameMsg, pct(s.sameMsg, s.rejected),
			s.accepted, s.bothAccept, pct(s.bothAccept, s.accepted), s.sameAST, pct(s.sameAST, s.accepted),
			pct(s.bothReject+s.bothAccept, s.total))
	}
	if got := pct(all.bothReject+all.bothAccept, all.total); got < 100*minAcceptRejectAgreement {
		t.Errorf("accept/reject agreement with CPython is %.1f%%, want at least %.1f%%", got, 100*minAcceptRejectAgreement)
	}
	if got := pct(all.bothReject, all.rejected); got < 100*minRejectedAgreement {
		t.Errorf("buttress rejects %.1f%% of the snippets CPython rejects, want at least %.1f%%", got, 100*minRejectedAgreement)
	}
	if got := pct(all.sameLine, all.rejected); got < 100*minSameLine {
		t.Errorf("the first error is on CPython's line for %.1f%% of the snippets CPython rejects, want at least %.1f%%", got, 100*minSameLine)
	}
	if got := pct(all.sameMsg, all.rejected); got < 100*minSameMessage {
		t.Errorf("the first error has CPython's message for %.1f%% of the snippets CPython rejects, want at least %.1f%%", got, 100*minSameMessage)
	}
	if got := pct(all.bothAccept, all.accepted); got < 100*minAcceptedAgreement {
		t.Errorf("buttress accepts %.1f%% of the snippets CPython accepts, want at least %.1f%%", got, 100*minAcceptedAgreement)
	}
}

// logMessageDiffs logs the snippets on which buttress's first error has another message than
// CPython's, grouped by CPython's message, the most frequent first.
func logMessageDiffs(t *testing.T, diffs map[string][]string) {
	t.Helper()
	msgs := make([]string, 0, len(diffs))
	total := 0
	for m, ds := range diffs {
		msgs = append(msgs, m)
		total += len(ds)
		sort.Strings(ds)
	}
	sort.Slice(msgs, func(i, j int) bool {
		if len(diffs[msgs[i]]) != len(diffs[msgs[j]]) {
			return len(diffs[msgs[i]]) > len(diffs[msgs[j]])
		}
		return msgs[i] < msgs[j]
	})
	t.Logf("message mismatches: %d snippets, %d distinct CPython messages", total, len(msgs))
	for _, m := range msgs {
		t.Logf("%4d  CPython %q", len(diffs[m]), m)
	}
	for _, m := range msgs {
		t.Logf("== %d with CPython's %q:", len(diffs[m]), m)
		for _, d := range diffs[m] {
			t.Log("    " + d)
		}
	}
}

// checkErrors checks that every error has a line within the source, a column within that line
// and a message.
func checkErrors(t *testing.T, origin string, res *parser.Result) {
	t.Helper()
	nlines := res.Lines.Lines()
	for _, e := range res.Errors {
		switch {
		case strings.TrimSpace(e.Msg) == "":
			t.Errorf("%s: error without a message at %d:%d", origin, e.Line, e.Col)
		case res.Src == "" && e.Line == 0:
			// The file could not be decoded: CPython gives no position either.
		case e.Line < 1 || e.Line > nlines:
			t.Errorf("%s: error %v is on line %d, outside the %d lines of the source", origin, e, e.Line, nlines)
		case e.Col < 0 || res.Lines.LineStart(e.Line)+e.Col > len(res.Src):
			t.Errorf("%s: error %v has its column outside the source", origin, e)
		}
	}
}

// TestCompileTimeErrorsAreNotSyntaxErrors: what CPython rejects only when compiling (the
// symbol table, the compiler) is valid syntax, so buttress reports no error. Needs no CPython.
func TestCompileTimeErrorsAreNotSyntaxErrors(t *testing.T) {
	for _, h := range handWritten {
		if h.cat != "compile-time" {
			continue
		}
		res, failure := parseGuarded([]byte(h.src), 20*time.Second)
		if failure != "" {
			t.Errorf("%q: %s", h.src, failure)
			continue
		}
		for _, e := range res.Errors {
			t.Errorf("%q: unexpected error %v", h.src, e)
		}
	}
}
