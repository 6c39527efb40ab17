package astjson_test

// TestPython314Oracle compares buttress's trees of Python 3.14 syntax (t-strings, PEP 750;
// `except A, B:`, PEP 758) with CPython 3.14's own, run as WebAssembly through the npm
// package pyodide under node. See pyodideSetup for where it is looked for.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/hostile"
	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// pyodideSetup returns the paths of node and of the pyodide install directory (see
// cpython.RequirePyodide for where it is looked for, and the skip-or-fail rule).
func pyodideSetup(t *testing.T) (node, dir string) {
	t.Helper()
	node, pkg := cpython.RequirePyodide(t)
	return node, filepath.Dir(filepath.Dir(pkg))
}

// pyodideScript runs under node: argv[2] is the pyodide install directory, argv[3] the output
// file. It reads {"script": dumpast.py, "snippets": [...]} on stdin, writes each snippet to a
// file of pyodide's in-memory file system and dumps it with dumpast.py's own _dump_file, so
// that the lines are exactly what cpython.DumpEach gives for CPython's files. The first line
// of the output is {"python": "X.Y.Z"}.
const pyodideScript = `
const fs = require('fs');
const path = require('path');
const dir = process.argv[2], outFile = process.argv[3];
const { loadPyodide } = require(path.join(dir, 'node_modules', 'pyodide'));
(async () => {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const py = await loadPyodide({ stdout: () => {}, stderr: (s) => process.stderr.write(s + '\n') });
  py.FS.mkdirTree('/snippets');
  input.snippets.forEach((s, i) => py.FS.writeFile('/snippets/' + i + '.py', Buffer.from(s, 'utf8')));
  py.globals.set('DUMP_SCRIPT', input.script);
  py.globals.set('N', input.snippets.length);
  const out = py.runPython(` + "`" + `
import sys
ns = {"__name__": "dumpast"}
exec(DUMP_SCRIPT, ns)
lines = ['{"python":"%d.%d.%d"}' % tuple(sys.version_info[:3])]
lines += [ns["_dump_file"]("/snippets/%d.py" % i) for i in range(N)]
"\\n".join(lines) + "\\n"
` + "`" + `);
  fs.writeFileSync(outFile, out);
})().catch((e) => { console.error(e); process.exit(1); });
`

// py314Dump returns CPython 3.14's per-file line for each source, as cpython.DumpEach would.
func py314Dump(t *testing.T, srcs []string) [][]byte {
	t.Helper()
	node, dir := pyodideSetup(t)
	tmp := t.TempDir()
	script := filepath.Join(tmp, "dump314.js")
	if err := os.WriteFile(script, []byte(pyodideScript), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := json.Marshal(map[string]any{"script": cpython.DumpScript, "snippets": srcs})
	if err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(tmp, "out.jsonl")
	cmd := exec.Command(node, script, dir, outFile)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	b, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
	}
	if len(lines) != len(srcs)+1 {
		t.Fatalf("pyodide wrote %d lines for %d snippets\n%s", len(lines), len(srcs), stderr.String())
	}
	var hello struct{ Python string }
	if err := json.Unmarshal(lines[0], &hello); err != nil || !strings.HasPrefix(hello.Python, "3.14.") {
		t.Fatalf("pyodide in %s runs Python %q, want 3.14 (install pyodide@%s): %s", dir, hello.Python, cpython.PyodideVersion, lines[0])
	}
	t.Logf("pyodide: Python %s", hello.Python)
	return lines[1:]
}

// py314Case is a snippet of 3.14 syntax; reject tells that CPython 3.14 rejects it (checked),
// bug that buttress is known to disagree with 3.14 on it (the case is skipped).
type py314Case struct {
	name   string
	src    string
	reject bool
	bug    string
}

var py314Cases = []py314Case{
	// t-strings (PEP 750).
	{name: "t plain", src: "t'hello'\n"},
	{name: "t empty", src: "t''\n"},
	{name: "t field", src: "t'{x}'\n"},
	{name: "t text and fields", src: "t'a{x}b{y}c'\n"},
	{name: "t conversion r", src: "t'{x!r}'\n"},
	{name: "t conversion s", src: "t'{x!s}'\n"},
	{name: "t conversion a", src: "t'{x!a}'\n"},
	{name: "t format spec", src: "t'{x:>10}'\n"},
	{name: "t nested format spec", src: "t'{x:{width}.{prec}f}'\n"},
	{name: "t conversion and spec", src: "t'{x!r:^20}'\n"},
	{name: "t conversion and nested spec", src: "t'{x!r:{y}}'\n"},
	{name: "t debug", src: "t'{x=}'\n"},
	{name: "t debug spaces", src: "t'{ x = }'\n"},
	{name: "t debug conversion", src: "t'{x=!s}'\n"},
	{name: "t debug spec", src: "t'{x=:>10}'\n"},
	{name: "t debug conversion spec", src: "t'{x=!r:^{w}}'\n"},
	{name: "t expression text", src: "t'{x + y}'\n"},
	{name: "t expression whitespace", src: "t'{ x }'\n"},
	{name: "t tuple field", src: "t'{x, y}'\n"},
	{name: "t lambda field", src: "t'{(lambda: 1)}'\n"},
	{name: "t starred field", src: "t'{*a}'\n"},
	{name: "t concatenation", src: "t'a' t'b'\n"},
	{name: "t concatenation fields", src: "t'{a}' t'-{b}'\n"},
	{name: "t concatenation multi-line", src: "s = (\n    t'a{x}'\n    t'b{y}'\n)\n"},
	{name: "t raw", src: "rt'\\d{x}\\n'\n"},
	{name: "t raw tr", src: "tr'\\d{x}'\n"},
	{name: "t raw upper", src: "Rt'{x}\\t' T'{y}'\n"},
	{name: "t escapes", src: "t'\\n{x}\\t\\x41'\n"},
	{name: "t escaped braces", src: "t'{{lit}} {x} }}'\n"},
	{name: "t triple-quoted", src: "t'''line 1\n{x}\nline 3'''\n"},
	{name: "t triple-quoted double", src: "t\"\"\"a{x!r}\n  b{y:>{w}}\"\"\"\n"},
	{name: "t multi-line field", src: "t'{\n  x\n  + y\n}'\n"},
	{name: "t comment in field", src: "t'''{x # a comment\n}'''\n"},
	{name: "t same quotes nested", src: "t'{'a'}'\n"},
	{name: "t nested t-string", src: "t'{t\"{x}\"}'\n"},
	{name: "t nested f-string", src: "t'{f\"{x!r}\"}'\n"},
	{name: "f with t inside", src: "f'{t\"{x}\"}'\n"},
	{name: "t non-ASCII", src: "t'é{x}ü{ñ}'\n"},
	{name: "t non-ASCII in field", src: "t'{\"é\" + x!r}ß'\n"},
	{name: "t deeply nested spec", src: "t'{x:{y:>{z}}}'\n"},
	{name: "t concatenation mixed quotes", src: "t\"a{x}\" t'''b{y}''' rt'c'\n"},
	{name: "t as docstring", src: "def f():\n    t'doc {x}'\n"},
	{name: "t in call", src: "print(t'{a}', t'{b:{c}}', sep=t'')\n"},
	{name: "t yield field", src: "def f():\n    return t'{yield}'\n"},
	{name: "t await field", src: "async def f():\n    return t'{await x}'\n"},
	// except without parentheses (PEP 758).
	{name: "except A, B", src: "try:\n    pass\nexcept A, B:\n    pass\n"},
	{name: "except A, B, C", src: "try:\n    pass\nexcept A, B, C:\n    pass\n"},
	{name: "except dotted", src: "try:\n    pass\nexcept a.A, b[0], (C):\n    pass\n"},
	{name: "except star A, B", src: "try:\n    pass\nexcept* A, B:\n    pass\n"},
	{name: "except star spaced", src: "try:\n    pass\nexcept *A, B:\n    pass\n"},
	{name: "except trailing comma", src: "try:\n    pass\nexcept A, B,:\n    pass\n"},
	{name: "except star trailing comma", src: "try:\n    pass\nexcept* A, B,:\n    pass\n"},
	{name: "except mixed handlers", src: "try:\n    pass\nexcept A, B:\n    pass\nexcept (C, D) as e:\n    pass\nexcept E:\n    pass\nelse:\n    pass\nfinally:\n    pass\n"},
	// ast.parse accepts an f- or t-string as a value pattern (the compiler rejects it).
	{name: "t in case pattern", src: "match x:\n    case t'a':\n        pass\n"},
	{name: "f in case pattern", src: "match x:\n    case f'a':\n        pass\n"},
	// What 3.14 rejects.
	{name: "reject t then str", src: "t'a' 'b'\n", reject: true},
	{name: "reject str then t", src: "'a' t'b'\n", reject: true},
	{name: "reject t then f", src: "t'a' f'b'\n", reject: true},
	{name: "reject f then t", src: "f'a' t'{b}'\n", reject: true},
	{name: "reject t then bytes", src: "t'a' b'b'\n", reject: true},
	{name: "reject bt prefix", src: "bt'x'\n", reject: true},
	{name: "reject ut prefix", src: "ut'x'\n", reject: true},
	{name: "reject ft prefix", src: "ft'x'\n", reject: true},
	{name: "reject t bad conversion", src: "t'{x!z}'\n", reject: true},
	{name: "reject t empty field", src: "t'{}'\n", reject: true},
	{name: "reject t unterminated field", src: "t'{x'\n", reject: true},
	{name: "reject t lone close brace", src: "t'a}'\n", reject: true},
	{name: "reject except A, B as e", src: "try:\n    pass\nexcept A, B as e:\n    pass\n", reject: true},
	{name: "reject except star A, B as e", src: "try:\n    pass\nexcept* A, B as e:\n    pass\n", reject: true},
	{name: "t debug after conversion", src: "t'{x!r=}'\n", reject: true},
	// CPython's limit of indentation levels (see parser's TestIndentationLimitCPython).
	{name: "99 levels of indentation", src: hostile.Indented(99)},
	{name: "reject 100 levels of indentation", src: hostile.Indented(100), reject: true},
}

// TestPython314Oracle parses each of py314Cases with TargetVersion 3.14 and compares the
// canonical AST JSON with CPython 3.14's (through pyodide) by the spec's agreement rule.
func TestPython314Oracle(t *testing.T) {
	srcs := make([]string, len(py314Cases))
	for i, c := range py314Cases {
		srcs[i] = c.src
	}
	start := time.Now()
	want := py314Dump(t, srcs)
	t.Logf("CPython 3.14 (pyodide) dumped %d snippets in %v", len(srcs), time.Since(start).Round(time.Millisecond))
	for i, c := range py314Cases {
		t.Run(c.name, func(t *testing.T) {
			res := parser.Parse([]byte(c.src), parser.Options{TargetVersion: 314})
			got := astjson.AppendFile(nil, c.name, res)
			a := cpython.CompareFile(want[i], got)
			if a.CPythonRejected != c.reject {
				t.Errorf("CPython 3.14 rejected: %v, the case says %v (%v)\nsource:\n%s", a.CPythonRejected, c.reject, a.CPythonError, c.src)
			}
			if a.CPythonRejected && a.GotRejected {
				t.Logf("CPython 3.14: %v; buttress: %v", a.CPythonError, a.GotError)
				if !a.SameErrorLine {
					t.Errorf("the first errors are on different lines: CPython 3.14 %v, buttress %v", a.CPythonError, a.GotError)
				}
			}
			if c.bug != "" {
				if a.Equal {
					t.Errorf("now agrees with CPython 3.14: remove the bug note %q", c.bug)
				}
				t.Skipf("known bug: %s (%s)", c.bug, a.Diff)
			}
			if !a.Equal {
				t.Errorf("%s\nsource:\n%s\nCPython 3.14: %s\nbuttress:     %s", a.Diff, c.src, want[i], got)
			}
		})
	}
}
