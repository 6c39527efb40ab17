package parser_test

// Tests of the parser across Python versions:
//
//   - TestStdlibAcrossVersions: every file of the standard libraries of CPython 3.8 to 3.12 that
//     the same CPython accepts is accepted by buttress with the default target (3.13), and its
//     tree equals that CPython's where the shapes agree (3.9 to 3.12, see below).
//   - TestTargetVersion: syntax newer than Options.TargetVersion is reported as such, feature by
//     feature, and TestTargetVersionCPython checks each snippet's minimum version against the
//     real interpreters.
//   - TestRemovedSyntax and TestWarningsAreNotErrors: what an older CPython accepted but 3.13
//     rejects, and what 3.13 accepts with only a SyntaxWarning.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// ---------------------------------------------------------------------------------------------
// Running snippets and files through CPython.

// versionAcceptScript reads a JSON list of sources on stdin and writes a JSON list with, for each,
// null when ast.parse accepts it, else "ExceptionName: message". Runs on CPython 3.6 and later.
const versionAcceptScript = `
import ast, json, sys, warnings
warnings.simplefilter("ignore")
out = []
for src in json.loads(sys.stdin.read()):
    try:
        ast.parse(src)
        out.append(None)
    except Exception as e:
        out.append("%s: %s" % (type(e).__name__, getattr(e, "msg", None) or e))
sys.stdout.write(json.dumps(out))
`

// versionCPythonVerdicts runs versionAcceptScript on srcs with interpreter python: for each source, "" when
// CPython accepts it, else its error.
func versionCPythonVerdicts(python string, srcs []string) ([]string, error) {
	in, err := json.Marshal(srcs)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(python, "-I", "-B", "-c", versionAcceptScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %s", python, err, stderr.String())
	}
	var res []*string
	if err := json.Unmarshal(out, &res); err != nil || len(res) != len(srcs) {
		return nil, fmt.Errorf("%s: bad output %.200q (%v)", python, out, err)
	}
	verdicts := make([]string, len(srcs))
	for i, r := range res {
		if r != nil {
			verdicts[i] = *r
			if verdicts[i] == "" {
				verdicts[i] = "rejected"
			}
		}
	}
	return verdicts, nil
}

// corpusScript checks files with the CPython it runs on. argv[1] is cpython.DumpScript and
// argv[2] the version ("3.11"). It reads lines "a<path>" (acceptance only) or "d<path>" (the
// tree too) on stdin and writes for each, in order, one line as dumpast.py does:
// {"path": ..., "ast": <Module or null>, "errors": [...]}, with "ast" null in mode "a".
//
// In mode "d" the tree is written in the shape of CPython 3.13's (see sameShape): fields that
// 3.13 added are written with their value for code without them (type_params [],
// default_value null), an empty Constant that 3.12 leaves in some format specs is dropped, and
// the positions that 3.X does not have or computes differently (alias before 3.10, any node
// inside an f-string before 3.12) are written as 1, 0, 1, 0, which sameShape makes buttress's
// too.
const corpusScript = `
import ast, gc, os, sys
ns = {"__name__": "dumpast"}
exec(sys.argv[1], ns)
minor = tuple(int(x) for x in sys.argv[2].split("."))
enc, exc_error, dump_tree = ns["_enc_str"], ns["_exc_error"], ns["_dump_tree"]
FIELDS = {
    "FunctionDef": ("name", "args", "body", "decorator_list", "returns", "type_comment", "type_params"),
    "AsyncFunctionDef": ("name", "args", "body", "decorator_list", "returns", "type_comment", "type_params"),
    "ClassDef": ("name", "bases", "keywords", "body", "decorator_list", "type_params"),
    "TypeVar": ("name", "bound", "default_value"),
    "ParamSpec": ("name", "default_value"),
    "TypeVarTuple": ("name", "default_value"),
}
POS = ("lineno", "col_offset", "end_lineno", "end_col_offset")
layout = ns["_layout"]

def layout313(cls):
    if cls.__name__ in FIELDS:
        cls = type(cls.__name__, (), {"_fields": FIELDS[cls.__name__], "_attributes": POS})
    elif cls.__name__ == "alias" and "lineno" not in getattr(cls, "_attributes", ()):
        cls = type("alias", (), {"_fields": cls._fields, "_attributes": POS})
    lay = layout(cls)
    return lay

layouts = {}
def cached_layout(cls):
    lay = layouts.get(cls)
    if lay is None:
        lay = layouts[cls] = layout313(cls)
    return lay
ns["_layout"] = cached_layout
ns["_layouts"] = layouts

def blank(node):
    node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = 1, 0, 1, 0

def fix(tree):
    stack = [(tree, False)]
    while stack:
        node, inf = stack.pop()
        name = type(node).__name__
        if name in ("FunctionDef", "AsyncFunctionDef", "ClassDef") and getattr(node, "type_params", None) is None:
            node.type_params = []
        if inf or (name == "alias" and minor < (3, 10)):
            blank(node)
        if name == "JoinedStr":
            if minor >= (3, 12):
                node.values = [v for v in node.values
                               if not (isinstance(v, ast.Constant) and v.value == "")]
            else:
                inf = True
        for f in node._fields:
            v = getattr(node, f, None)
            if isinstance(v, ast.AST):
                stack.append((v, inf))
            elif type(v) is list:
                for e in v:
                    if isinstance(e, ast.AST):
                        stack.append((e, inf))

def check(path, tree_too):
    head = '{"path":' + enc(path) + ',"ast":'
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read())
        if not tree_too:
            return head + 'null,"errors":[]}'
        fix(tree)
        out = [head]
        dump_tree(tree, out)
        out.append(',"errors":[]}')
        return "".join(out)
    except Exception as e:
        return head + 'null,"errors":[' + exc_error(e) + "]}"

# As in dumpast.py's main: the trees hold no cycles, the cyclic collector only costs time.
gc.collect()
gc.freeze()
gc.disable()
out = sys.stdout.buffer
for i, raw in enumerate(sys.stdin.buffer):
    raw = raw.rstrip(b"\n")
    line = check(os.fsdecode(raw[1:]), raw[:1] == b"d")
    out.write(line.encode("ascii", "backslashreplace") + b"\n")
    out.flush()
    if i % 200 == 199:
        gc.collect()
`

// corpusItem is one file for runCorpusScript.
type corpusItem struct {
	path    string
	treeToo bool
	verdict string // set by runCorpus: "" when CPython accepts the file, else its first error
}

// runCorpus runs corpusScript with python (of version minor) over items, with workers
// processes, and calls fn (concurrently, from runtime.NumCPU() goroutines) with each item and
// CPython's line for it, once the item's verdict is set.
func runCorpus(python, minor string, items []*corpusItem, workers int, fn func(it *corpusItem, line []byte)) error {
	type answer struct {
		it   *corpusItem
		line []byte
	}
	answers := make(chan answer, 64)
	var consumers sync.WaitGroup
	for range runtime.NumCPU() {
		consumers.Add(1)
		go func() {
			defer consumers.Done()
			for a := range answers {
				fn(a.it, a.line)
			}
		}()
	}
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		var mine []*corpusItem
		for i := w; i < len(items); i += workers {
			mine = append(mine, items[i])
		}
		if len(mine) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = runCorpusWorker(python, minor, mine, func(it *corpusItem, line []byte) {
				answers <- answer{it, line}
			})
		}()
	}
	wg.Wait()
	close(answers)
	consumers.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func runCorpusWorker(python, minor string, items []*corpusItem, fn func(it *corpusItem, line []byte)) error {
	var in bytes.Buffer
	for _, it := range items {
		if strings.ContainsAny(it.path, "\r\n") {
			return fmt.Errorf("path %q contains a line break", it.path)
		}
		mode := "a"
		if it.treeToo {
			mode = "d"
		}
		in.WriteString(mode + it.path + "\n")
	}
	cmd := exec.Command(python, "-I", "-B", "-c", corpusScript, cpython.DumpScript, minor)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	r := bufio.NewReaderSize(stdout, 1<<20)
	n := 0
	for ; n < len(items); n++ {
		line, err := r.ReadBytes('\n')
		if err != nil {
			break
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		// Only the errors are decoded here (the line ends with them); fn compares the tree.
		i := bytes.LastIndex(line, []byte(`,"errors":[`))
		var tail struct {
			Errors []struct {
				Line, Col int
				Message   string
			}
		}
		if !bytes.HasPrefix(line, []byte(`{"path":`)) || i < 0 || json.Unmarshal(append([]byte("{"), line[i+1:]...), &tail) != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return fmt.Errorf("%s: bad answer for %s: %.200q", python, items[n].path, line)
		}
		if len(tail.Errors) > 0 {
			e := tail.Errors[0]
			items[n].verdict = fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message)
		}
		fn(items[n], line)
	}
	werr := cmd.Wait()
	if n < len(items) {
		return fmt.Errorf("%s: answered %d of %d files (exit: %v): %s", python, n, len(items), werr, stderr.String())
	}
	return werr
}

// sameShape rewrites buttress's tree in place as corpusScript rewrites CPython 3.X's: the
// positions of alias nodes (before 3.10) and of every node inside an f-string (before 3.12)
// become those of offset 0 (line 1, column 0).
func sameShape(minor string, mod any) {
	aliasToo := minor == "3.8" || minor == "3.9"
	fstrings := minor != "3.12"
	var walk func(v reflect.Value, inF bool)
	walk = func(v reflect.Value, inF bool) {
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), inF)
			}
		case reflect.Pointer:
			if v.IsNil() || v.Elem().Kind() != reflect.Struct {
				return
			}
			s := v.Elem()
			t := s.Type()
			if t.NumField() > 0 && t.Field(0).Type == versionSpanType && (inF || aliasToo && t.Name() == "Alias") {
				s.Field(0).Set(reflect.Zero(versionSpanType))
			}
			if fstrings && t.Name() == "JoinedStr" {
				inF = true
			}
			for i := range t.NumField() {
				if t.Field(i).Tag.Get("py") != "" {
					walk(s.Field(i), inF)
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), inF)
			}
		}
	}
	walk(reflect.ValueOf(mod), false)
}

var versionSpanType = reflect.TypeOf(ast.Span{})

// ---------------------------------------------------------------------------------------------
// 1. The standard libraries of CPython 3.8 to 3.12.

// corpusMinors are the versions whose standard library is checked, newest first: a file whose
// bytes were already compared (in 3.13's library, by TestCPythonAgreement, or in a newer one
// here) is only checked for acceptance.
var corpusMinors = []string{"3.12", "3.11", "3.10", "3.9", "3.8"}

// treeMinors are the versions whose trees are compared with buttress's (see corpusScript and
// sameShape). 3.8's trees differ too much (Index and ExtSlice nodes, no positions on keywords
// and slices, ...): acceptance only.
var treeMinors = map[string]bool{"3.9": true, "3.10": true, "3.11": true, "3.12": true}

// versionKnownEntry is one line of testdata/versions/known.txt.
type versionKnownEntry struct {
	who    string // "all": CPython 3.X and 3.13 reject the file; "3.13": only 3.13 does
	reason string
	seen   bool
}

// readVersionKnown reads testdata/versions/known.txt: "3.X/relative/path  all|3.13  reason".
func readVersionKnown(t *testing.T) map[string]*versionKnownEntry {
	t.Helper()
	b, err := os.ReadFile("testdata/versions/known.txt")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]*versionKnownEntry{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 || (f[1] != "all" && f[1] != "3.13") {
			t.Fatalf("testdata/versions/known.txt:%d: want \"3.X/path all|3.13 reason\", got %q", i+1, line)
		}
		if _, dup := known[f[0]]; dup {
			t.Fatalf("testdata/versions/known.txt:%d: %s listed twice", i+1, f[0])
		}
		known[f[0]] = &versionKnownEntry{who: f[1], reason: strings.Join(f[2:], " ")}
	}
	return known
}

// stdlibKnownBugs are files of the corpus that CPython 3.X and 3.13 accept and buttress rejects:
// parser bugs, each reported as a skipped subtest until fixed.
var stdlibKnownBugs = map[string]string{}

func versionStdlibFiles(t *testing.T, root string) []string {
	t.Helper()
	all, err := cpython.PyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(root, "site-packages") + string(filepath.Separator)
	files := all[:0]
	for _, f := range all {
		if !strings.HasPrefix(f, site) {
			files = append(files, f)
		}
	}
	return files
}

func versionHashFile(t *testing.T, path string) ([]byte, [32]byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return src, sha256.Sum256(src)
}

// TestStdlibAcrossVersions parses every .py file of the standard library (test package
// included, site-packages not) of CPython 3.8, 3.9, 3.10, 3.11 and 3.12 with the default options
// and checks it against that CPython's ast.parse:
//
//   - a file that CPython 3.X accepts is accepted by buttress, without errors;
//   - a file that CPython 3.X rejects is listed in testdata/versions/known.txt, and buttress
//     rejects it too; so is every file there, which CPython 3.13 must reject as well;
//   - for 3.9 to 3.12, the tree of a file not already compared (its bytes are not in 3.13's
//     library nor in a newer one's) equals CPython 3.X's, once both are put in the same shape
//     (corpusScript and sameShape: the fields 3.13 added, and the positions 3.X lacks or
//     computes otherwise, are set alike on both sides).
//
// It takes about 60 s of CPU time in the interpreters and 25 s in the test itself (parsing and
// comparing), so 45 s to 90 s of wall time on two cores, depending on what else runs.
func TestStdlibAcrossVersions(t *testing.T) {
	if testing.Short() {
		t.Skip("five standard libraries take a while; run without -short")
	}
	known := readVersionKnown(t)
	py313 := cpython.Require(t, "3.13")
	compared := map[[32]byte]bool{}
	for _, f := range versionStdlibFiles(t, cpython.Stdlib(t, "3.13")) {
		_, h := versionHashFile(t, f)
		compared[h] = true
	}
	total, cpu0 := time.Now(), versionCPUTimes()
	// Files listed in known.txt, to be checked against CPython 3.13.
	var knownItems []*corpusItem
	var knownKeys []string
	for _, minor := range corpusMinors {
		t.Run(minor, func(t *testing.T) {
			start := time.Now()
			py := cpython.Require(t, minor)
			root := cpython.Stdlib(t, minor)
			files := versionStdlibFiles(t, root)
			key := func(path string) string {
				rel, _ := filepath.Rel(root, path)
				return minor + "/" + filepath.ToSlash(rel)
			}
			items := make([]*corpusItem, len(files))
			srcs := map[string][]byte{}
			trees := 0
			for i, f := range files {
				src, h := versionHashFile(t, f)
				srcs[f] = src
				items[i] = &corpusItem{path: f}
				if treeMinors[minor] && !compared[h] {
					compared[h] = true
					items[i].treeToo = true
					trees++
				}
			}
			var mu sync.Mutex
			var treeDiffs []string
			ours := map[string]string{} // path -> buttress's first error, "" if none
			err := runCorpus(py, minor, items, 2, func(it *corpusItem, line []byte) {
				res := parser.Parse(srcs[it.path], parser.Options{})
				var first, diff string
				if len(res.Errors) > 0 {
					first = res.Errors[0].Error()
				} else if it.treeToo && it.verdict == "" {
					sameShape(minor, res.Module)
					a := cpython.CompareFile(line, astjson.AppendFile(nil, it.path, res))
					if !a.Equal {
						diff = a.Diff
					}
				}
				mu.Lock()
				defer mu.Unlock()
				ours[it.path] = first
				if diff != "" {
					treeDiffs = append(treeDiffs, key(it.path)+": "+diff)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			var accepted, rejected, bugs int
			for _, it := range items {
				k, theirs, ours := key(it.path), it.verdict, ours[it.path]
				if theirs == "" {
					accepted++
				} else {
					rejected++
				}
				if e, ok := known[k]; ok {
					e.seen = true
					knownItems = append(knownItems, &corpusItem{path: it.path})
					knownKeys = append(knownKeys, k)
					switch {
					case e.who == "all" && theirs == "":
						t.Errorf("%s: known.txt says CPython %s rejects it, but it accepts it", k, minor)
					case e.who == "3.13" && theirs != "":
						t.Errorf("%s: known.txt says only 3.13 rejects it, but CPython %s rejects it too (%s)", k, minor, theirs)
					}
					if ours == "" {
						t.Errorf("%s: buttress accepts it; CPython 3.13 rejects it (%s)", k, e.reason)
					}
					continue
				}
				if bug, ok := stdlibKnownBugs[k]; ok && ours != "" && theirs == "" {
					bugs++
					t.Run(strings.ReplaceAll(k, "/", "_"), func(t *testing.T) {
						t.Skipf("known bug: %s (first error: %s)", bug, ours)
					})
					continue
				} else if ok {
					t.Errorf("%s is listed in stdlibKnownBugs but buttress now accepts it: remove it", k)
				}
				switch {
				case theirs != "":
					t.Errorf("%s: CPython %s rejects it (%s) and it is not in testdata/versions/known.txt (buttress: %q)",
						k, minor, theirs, ours)
				case ours != "":
					t.Errorf("%s: CPython %s accepts it, buttress rejects it: %s", k, minor, ours)
				}
			}
			sort.Strings(treeDiffs)
			for _, d := range treeDiffs {
				t.Errorf("tree differs from CPython %s's: %s", minor, d)
			}
			t.Logf("CPython %s: %d files: %d accepted and %d rejected by CPython; %d trees compared, %d differ; %d known bugs; %v",
				minor, len(files), accepted, rejected, trees, len(treeDiffs), bugs, time.Since(start).Round(time.Millisecond))
		})
	}
	for k, e := range known {
		if !e.seen {
			t.Errorf("testdata/versions/known.txt lists %s, which is not in the corpora", k)
		}
	}
	// Every listed file must be rejected by CPython 3.13 too: known.txt lists only what 3.13
	// itself rejects.
	if len(knownItems) > 0 {
		err := runCorpus(py313, "3.13", knownItems, 1, func(*corpusItem, []byte) {})
		if err != nil {
			t.Fatal(err)
		}
		for i, it := range knownItems {
			if it.verdict == "" {
				t.Errorf("%s: listed in testdata/versions/known.txt, but CPython 3.13 accepts it", knownKeys[i])
			}
		}
	}
	cpu := versionCPUTimes()
	t.Logf("all versions: %v wall time; CPU time: %v in buttress's test process, %v in the interpreters",
		time.Since(total).Round(time.Millisecond), (cpu[0] - cpu0[0]).Round(time.Millisecond),
		(cpu[1] - cpu0[1]).Round(time.Millisecond))
}

// versionCPUTimes returns the user and system CPU time of this process and of its ended children.
func versionCPUTimes() [2]time.Duration {
	var out [2]time.Duration
	for i, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			out[i] = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// 2. The target version.

// versionCase is a snippet that needs Python 3.min or newer.
type versionCase struct {
	name string
	min  parser.Version
	src  string
	// notFlagged, when set, says that the parser does not report the snippet as too new for
	// target min-1 (a known gap): that check is skipped with this reason.
	notFlagged string
	// msg, when set, is the error below min instead of "requires Python 3.N or newer": the
	// message CPython 3.13 gives, where it names the rule the newer syntax relaxed.
	msg string
}

var versionCases = []versionCase{
	// 3.8
	{name: "walrus", min: 308, src: "if (n := len(a)) > 10:\n    pass\n"},
	{name: "walrus in comprehension", min: 308, src: "[y for x in data if (y := f(x))]\n"},
	{name: "positional-only parameters", min: 308, src: "def f(a, b, /, c, *, d):\n    pass\n"},
	{name: "positional-only lambda", min: 308, src: "g = lambda a, /, b: a\n"},
	{name: "f-string debug =", min: 308, src: "print(f'{x=}')\n"},
	{name: "unparenthesized starred return", min: 308, src: "def f():\n    return 1, *a\n"},
	// 3.9
	{name: "relaxed decorator subscript", min: 309, src: "@buttons[0].clicked.connect\ndef f():\n    pass\n"},
	{name: "relaxed decorator expression", min: 309, src: "@(lambda f: f)\ndef f():\n    pass\n"},
	{name: "parenthesized context managers", min: 309, src: "with (open(a) as f, open(b) as g):\n    pass\n"},
	{name: "parenthesized context manager with as", min: 309, src: "with (open(a) as f):\n    pass\n"},
	{name: "unparenthesized starred for iterable", min: 309, src: "for x in 1, *a:\n    pass\n"},
	{name: "unparenthesized walrus in set", min: 309, src: "s = {y := 1, 2}\n"},
	{name: "unparenthesized walrus in set comprehension", min: 309, src: "s = {y := x for x in z}\n"},
	{name: "unparenthesized walrus later in a set", min: 309, src: "s = {1, y := 2}\n"},
	{name: "only starred in for iterable", min: 309, src: "for x in *a, *b:\n    pass\n"},
	{name: "starred after a parenthesized item in for iterable", min: 309, src: "for x in (1), *a:\n    pass\n"},
	// 3.10
	{name: "match statement", min: 310, src: "match x:\n    case [1, *rest]:\n        pass\n    case _:\n        pass\n"},
	{name: "unparenthesized walrus in subscript", min: 310, src: "x[y := 1]\n"},
	{name: "unparenthesized walrus in subscript tuple", min: 310, src: "x[y := 1, 2]\n"},
	// 3.11
	{name: "except*", min: 311, src: "try:\n    pass\nexcept* ValueError:\n    pass\n"},
	{name: "starred subscript", min: 311, src: "x[*a]\n"},
	{name: "starred subscript in tuple", min: 311, src: "x[1, *a]\n"},
	{name: "starred annotation", min: 311, src: "def f(*args: *Ts):\n    pass\n"},
	// 3.12
	{name: "type parameter list on def", min: 312, src: "def f[T](x: T) -> T:\n    return x\n"},
	{name: "type parameter list on class", min: 312, src: "class C[T, *Ts, **P]:\n    pass\n"},
	{name: "type statement", min: 312, src: "type Point = tuple[float, float]\n"},
	{name: "generic type statement", min: 312, src: "type ListOrSet[T] = list[T] | set[T]\n"},
	{name: "f-string nested same quotes", min: 312, src: "s = f\"{\", \".join(a)}\"\n"},
	{name: "f-string backslash in expression", min: 312, src: "s = f\"{'\\n'.join(a)}\"\n"},
	{name: "f-string comment in replacement field", min: 312, src: "s = f'''{x # a comment\n}'''\n"},
	{name: "f-string newline in single-quoted replacement field", min: 312, src: "s = f'{x\n}'\n"},
	{name: "f-string deeply nested format spec", min: 312, src: "s = f'{x:{y:{z}}}'\n"},
	{name: "f-string space before conversion end", min: 312, src: "s = f'{x!r }'\n"},
	{name: "f-string nested f-strings, same quotes", min: 312, src: "s = f\"{f\"{f\"{x}\"}\"}\"\n"},
	// 3.13
	{name: "TypeVar default", min: 313, src: "def f[T = int]():\n    pass\n"},
	{name: "TypeVarTuple default", min: 313, src: "class C[*Ts = *tuple[int]]:\n    pass\n"},
	{name: "ParamSpec default", min: 313, src: "type A[**P = [int, str]] = Callable[P, int]\n"},
	// 3.14
	{name: "t-string", min: 314, src: "s = t'Hello {name}'\n"},
	{name: "raw t-string", min: 314, src: "s = rt'\\d{x}'\n"},
	{name: "except A, B", min: 314, src: "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n", msg: "multiple exception types must be parenthesized"},
	{name: "except* A, B", min: 314, src: "try:\n    pass\nexcept* ValueError, TypeError:\n    pass\n", msg: "multiple exception types must be parenthesized"},
}

// notNewCases look like newer syntax but are accepted by every version from 3.8 on (as
// something else, sometimes): no target version may report them.
var notNewCases = []struct{ name, src, bug string }{
	{"with tuple in parentheses", "with (a, b):\n    pass\n",
		""},
	{"with tuple in parentheses, trailing comma", "with (a, b,):\n    pass\n",
		""},
	{"with tuple in parentheses as", "with (a, b) as c:\n    pass\n", ""},
	{"with parenthesized expression", "with (a):\n    pass\n", ""},
	{"with parenthesized expressions", "with (a), (b) as c:\n    pass\n", ""},
	{"with parenthesized call as", "with (a)(b) as c:\n    pass\n", ""},
	{"dotted decorator call", "@a.b.c(1)\ndef f():\n    pass\n", ""},
	{"subscript with tuple", "x[a, b:c]\n", ""},
	{"parenthesized walrus in subscript", "x[(y := 1)]\n", ""},
	{"match as a name", "match = 1\nmatch.x(case)\n", ""},
	{"type as a name", "type = 1\ntype(x)\n", ""},
	{"f-string different quotes", "s = f\"{'a'}\"\n", ""},
	{"f-string nested format spec", "s = f'{x:{y}}'\n", ""},
	{"except tuple", "try:\n    pass\nexcept (A, B) as e:\n    pass\n", ""},
	{"star in tuple subscript value", "x[(*a,)]\n", ""},
}

func versionErrors(res *parser.Result) string {
	var b []string
	for _, e := range res.Errors {
		b = append(b, e.Error())
	}
	return strings.Join(b, "; ")
}

// TestTargetVersion checks, for each feature, that parser.Parse with TargetVersion one below
// its minimum reports an error saying "requires Python 3.N or newer", and none with the
// minimum or the default target (3.13; or that 3.14 syntax is reported with the default).
func TestTargetVersion(t *testing.T) {
	for _, c := range versionCases {
		t.Run(fmt.Sprintf("%s/%s", c.min, c.name), func(t *testing.T) {
			wantMsg := "requires Python " + c.min.String() + " or newer"
			if c.msg != "" {
				wantMsg = c.msg
			}
			if res := parser.Parse([]byte(c.src), parser.Options{TargetVersion: c.min}); len(res.Errors) > 0 {
				t.Errorf("target %s: want no error, got %s\nsource:\n%s", c.min, versionErrors(res), c.src)
			}
			res := parser.Parse([]byte(c.src), parser.Options{})
			switch {
			case c.min <= parser.DefaultVersion && len(res.Errors) > 0:
				t.Errorf("default target: want no error, got %s\nsource:\n%s", versionErrors(res), c.src)
			case c.min > parser.DefaultVersion && !strings.Contains(versionErrors(res), wantMsg):
				t.Errorf("default target (3.13): want an error %q, got %q\nsource:\n%s", wantMsg, versionErrors(res), c.src)
			}
			if c.min <= 308 {
				// Buttress reads Python 3.8 and newer: below that, nothing is promised.
				res := parser.Parse([]byte(c.src), parser.Options{TargetVersion: c.min - 1})
				t.Logf("target 3.7 (not supported): errors %q", versionErrors(res))
				return
			}
			below := c.min - 1
			res = parser.Parse([]byte(c.src), parser.Options{TargetVersion: below})
			flagged := strings.Contains(versionErrors(res), wantMsg)
			if c.notFlagged != "" {
				if flagged {
					t.Errorf("target %s now reports %q: remove notFlagged", below, versionErrors(res))
				}
				t.Skipf("known bug: %s", c.notFlagged)
			}
			if !flagged {
				t.Errorf("target %s: want an error containing %q, got %q\nsource:\n%s", below, wantMsg, versionErrors(res), c.src)
			}
		})
	}
	for _, c := range notNewCases {
		t.Run("not new/"+c.name, func(t *testing.T) {
			if c.bug != "" {
				if res := parser.Parse([]byte(c.src), parser.Options{TargetVersion: 308}); len(res.Errors) == 0 {
					t.Errorf("target 3.8 no longer reports it: remove the bug note %q", c.bug)
				}
				t.Skipf("known bug: %s", c.bug)
			}
			for v := parser.Version(308); v <= 314; v++ {
				if res := parser.Parse([]byte(c.src), parser.Options{TargetVersion: v}); len(res.Errors) > 0 {
					t.Errorf("target %s: want no error, got %s\nsource:\n%s", v, versionErrors(res), c.src)
				}
			}
		})
	}
}

// TestTargetVersionCPython checks the minimum versions of versionCases and notNewCases against
// the real interpreters: each snippet is rejected by CPython 3.(N-1) and accepted by 3.N (for
// 3.14 syntax, only the rejection by 3.13 is checked here; py314_test.go in astjson checks 3.14
// itself), and the notNewCases are accepted by every version from 3.8 to 3.13.
func TestTargetVersionCPython(t *testing.T) {
	type check struct {
		name   string
		src    string
		accept bool
	}
	byMinor := map[string][]check{}
	for _, c := range versionCases {
		byMinor[(c.min - 1).String()] = append(byMinor[(c.min-1).String()], check{c.name, c.src, false})
		if c.min <= 313 {
			byMinor[c.min.String()] = append(byMinor[c.min.String()], check{c.name, c.src, true})
		}
	}
	for _, c := range notNewCases {
		for v := parser.Version(308); v <= 313; v++ {
			byMinor[v.String()] = append(byMinor[v.String()], check{"not new/" + c.name, c.src, true})
		}
	}
	for _, c := range removedCases {
		byMinor[c.acceptedBy] = append(byMinor[c.acceptedBy], check{"removed/" + c.name, c.src, true})
		byMinor["3.13"] = append(byMinor["3.13"], check{"removed/" + c.name, c.src, false})
	}
	for _, c := range warningCases {
		byMinor["3.13"] = append(byMinor["3.13"], check{"warning/" + c.name, c.src, true})
	}
	var minors []string
	for m := range byMinor {
		minors = append(minors, m)
	}
	sort.Strings(minors)
	for _, minor := range minors {
		t.Run(minor, func(t *testing.T) {
			py := cpython.Require(t, minor)
			checks := byMinor[minor]
			srcs := make([]string, len(checks))
			for i, c := range checks {
				srcs[i] = c.src
			}
			vs, err := versionCPythonVerdicts(py, srcs)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range checks {
				switch {
				case c.accept && vs[i] != "":
					t.Errorf("%s: CPython %s rejects it (%s); want accepted\nsource:\n%s", c.name, minor, vs[i], c.src)
				case !c.accept && vs[i] == "":
					t.Errorf("%s: CPython %s accepts it; want rejected\nsource:\n%s", c.name, minor, c.src)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------------------------
// Syntax that older versions accepted and 3.13 rejects, and syntax 3.13 only warns about.

// removedCases were accepted by CPython acceptedBy and are rejected by 3.13: buttress must
// reject them whatever the target version (it reads the 3.13 grammar).
var removedCases = []struct{ name, acceptedBy, src string }{
	{"del starred", "3.8", "del *a, b\n"},
	{"del starred in tuple", "3.8", "del (*a,)\n"},
}

func TestRemovedSyntax(t *testing.T) {
	for _, c := range removedCases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range []parser.Version{308, 0} {
				if res := parser.Parse([]byte(c.src), parser.Options{TargetVersion: v}); len(res.Errors) == 0 {
					t.Errorf("target %v: want an error (CPython 3.13 rejects it), got none\nsource:\n%s", v, c.src)
				}
			}
		})
	}
}

// warningCases are accepted by CPython 3.13 with a SyntaxWarning (an error only under -W
// error): buttress must accept them.
var warningCases = []struct{ name, src, bug string }{
	{"number then else", "x = 1 if 1else 0\n", ""},
	{"imaginary then else", "x = 1 if 1jelse 0\n", ""},
	{"octal then else", "x = 1 if 0o1else 0\n", ""},
	{"exponent then else", "x = 1 if 1e5else 0\n", ""},
	{"underscored then else", "x = 1 if 1_0else 0\n", ""},
	{"float then else", "x = 1.5if y else 0\n", ""},
	{"number then if", "x = 1if y else 0\n", ""},
	{"number then for", "x = [0x1for x in y]\n", ""},
	{"number then or", "x = 1or 2\n", ""},
	{"number then and", "x = 1and 2\n", ""},
	{"number then in", "x = 1in y\n", ""},
	{"number then is", "x = 1is y\n", ""},
	{"number then not in", "x = 1not in y\n", ""},
	{"invalid escape", "x = '\\d'\n", ""},
	{"is with a literal", "x = a is 1\n", ""},
}

func TestWarningsAreNotErrors(t *testing.T) {
	for _, c := range warningCases {
		t.Run(c.name, func(t *testing.T) {
			res := parser.Parse([]byte(c.src), parser.Options{})
			if c.bug != "" {
				if len(res.Errors) == 0 {
					t.Errorf("now accepted: remove the bug note %q", c.bug)
				}
				t.Skipf("known bug: %q is %s (CPython 3.13 accepts it with a SyntaxWarning); errors: %s", strings.TrimSpace(c.src), c.bug, versionErrors(res))
			}
			if len(res.Errors) > 0 {
				t.Errorf("want no error (CPython 3.13 only warns), got %s\nsource:\n%s", versionErrors(res), c.src)
			}
		})
	}
}
