package rules

import (
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/ruffwasm"
	"github.com/buttresspy/buttress/internal/rules/mod"
	"github.com/buttresspy/buttress/internal/rules/typ"
	"github.com/buttresspy/buttress/internal/summary"
)

// The comparison with Ruff (TestRuffAgreement) runs every rule that has Ruff equivalents
// (Rule.Equivalents) and Ruff with exactly those equivalents, on a fixed sample of real files,
// and matches their findings by (file, line, rule). testdata/ruff/DIFFERENCES.md explains
// every kind of disagreement found; set BUTTRESS_RUFF_DIFFS=1 to print each one.

// ruffDiffsEnv, when "1", makes TestRuffAgreement print every disagreement, rule by rule.
const ruffDiffsEnv = "BUTTRESS_RUFF_DIFFS"

// The sample: every file of the 3.11 standard library (site-packages excepted) whose path
// hashes to 0 modulo stdlibEvery, and every file of the 3.11 site-packages whose path hashes to
// 0 modulo siteEvery (paths relative to those directories, so the choice does not depend on
// where Python is installed).
const (
	stdlibEvery = 3
	siteEvery   = 25
)

// notInRuff are the equivalents Ruff does not implement (flake8 plugins it has no port of):
// they are left out of the comparison.
var notInRuff = map[string]string{
	"CCR001": "flake8-cognitive-complexity",
}

// ruffPreviewOnly are the equivalents that are preview rules in Ruff 0.17: Ruff runs them only
// with preview on, so they get a run of their own with preview on (the other rules run
// without, as most teams use Ruff).
var ruffPreviewOnly = map[string]bool{
	"PLR0904": true, // too-many-public-methods
	"PLR1702": true, // too-many-nested-blocks
}

// agreementFloor is, per rule, the agreement (findings of both tools / findings of either,
// matched by file, line and rule) below which TestRuffAgreement fails: the agreement measured
// on the sample, rounded down. It is a ratchet: raise a rule's floor whenever a change brings
// the rule closer to Ruff, and lower it only with a deliberate, documented difference
// (testdata/ruff/DIFFERENCES.md).
//
// Measured on the rules as they are now (Ruff 0.17.4, 991 files): testdata/ruff/DIFFERENCES.md
// explains each rule's disagreements.
var agreementFloor = map[string]float64{
	"ERR001": 0.66, // a bare except that reports what it caught is a deliberate boundary; a nested raise re-raises
	"ERR002": 0.28, // using, logging, handing on, explaining the exception all leave a trace
	"ERR003": 0.31, // named exceptions only (S110/S112 report broad handlers only); broad ones are ERR002's
	"ERR004": 0.93, // B904 does not look into a try nested in the handler; StopAsyncIteration is control flow
	"ERR005": 0.50, // B012 does not walk elif/else blocks (1 finding of each tool)
	"MOD001": 0.87, // mccabe counts one more per try statement than Ruff
	"MOD003": 0.88, // pylint counts the def and nested classes' bodies, Ruff while loops and docstrings
	"MOD004": 1.00,
	"MOD005": 0.97, // Ruff's nesting runs through the defs around a function
	"MOD006": 0.89, // PLW0603 only when the function rebinds the name
	"MOD008": 0.42, // Ruff counts dunder methods as public, and test cases
	"PAT003": 0.97, // _cache={} is shared on purpose
	"PAT004": 0.61, // a star import that passes an interface on is not reported
	"PAT006": 1.00,
	"PAT008": 1.00,
	"TYP001": 0.99, // a keyword-only first parameter of a method is not self
	"TYP002": 0.95, // ANN204 reports __init__ without -> None
	"TYP003": 0.35, // ANN401 reports private functions and *args: Any too
}

// anchorKind says which position two findings of a rule must share to be the same finding:
// the tools report some rules at different places (the `def` keyword or the function's name;
// the try statement or its handler).
type anchorKind int

const (
	atFinding  anchorKind = iota // where the finding starts
	atFunction                   // the `def` of the innermost function around the finding
	atClass                      // the `class` of the innermost class around the finding
	atHandler                    // the `except` of the innermost handler around the finding (of a try statement's first handler, for a finding on the `try`)
	atGlobal                     // the `global` statement around the finding (Ruff reports each name)
	// atNestingRoot is for too-deep nesting. Ruff reports the outermost block of the too-deep
	// chain, and its chain goes on through the defs and classes around the function: a
	// method under a module-level `if` is reported at that `if`. So a finding anchors at
	// the function around it, unless the function is itself inside blocks: then at the
	// function around the outermost of those blocks, or at that block when it is at module
	// level.
	atNestingRoot
)

var anchors = map[string]anchorKind{
	"ERR001": atHandler, "ERR002": atHandler, "ERR003": atHandler,
	"MOD001": atFunction, "MOD003": atFunction, "MOD004": atFunction, "MOD005": atNestingRoot,
	"MOD006": atGlobal, "MOD008": atClass, "TYP002": atFunction,
}

// sampleFile is one file of the sample.
type sampleFile struct {
	path string // to read
	show string // to show: "stdlib/..." or "site-packages/..."
}

func sampleFiles(t *testing.T) []sampleFile {
	t.Helper()
	stdlib := cpython.Stdlib(t, "3.11")
	site := cpython.SitePackages(t, "3.11")
	var out []sampleFile
	for _, c := range []struct {
		root, label string
		every       uint32
	}{{stdlib, "stdlib", stdlibEvery}, {site, "site-packages", siteEvery}} {
		files, err := cpython.PyFiles(c.root)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			rel, err := filepath.Rel(c.root, f)
			if err != nil {
				t.Fatal(err)
			}
			rel = filepath.ToSlash(rel)
			if c.label == "stdlib" && strings.HasPrefix(rel, "site-packages/") {
				continue
			}
			h := fnv.New32a()
			h.Write([]byte(rel))
			if h.Sum32()%c.every == 0 {
				out = append(out, sampleFile{f, c.label + "/" + rel})
			}
		}
	}
	return out
}

// moduleName is the dotted module name of a file shown as "stdlib/a/b.py" or
// "site-packages/a/__init__.py".
func moduleName(show string) string {
	rel := show[strings.IndexByte(show, '/')+1:]
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__")
	return strings.ReplaceAll(rel, "/", ".")
}

// comparedRules returns the rules that have Ruff equivalents, configured with their defaults
// as `check` configures them, and the map from each Ruff code to its rule's code.
func comparedRules(t *testing.T) ([]analysis.Configured, map[string]string) {
	t.Helper()
	all, err := analysis.Configure(analysis.Selection{Select: []string{"ALL"}}, All(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var rules []analysis.Configured
	toRule := map[string]string{}
	for _, r := range all {
		n := 0
		for _, eq := range r.Equivalents {
			if _, ok := notInRuff[eq]; !ok {
				toRule[eq] = r.Code
				n++
			}
		}
		if n > 0 && r.PerFile() {
			// The TYP rules' default policy (functions annotated in part, typed modules) is
			// buttress's own; Ruff's ANN rules check every function, as require = "all" does.
			if o, ok := r.Options.(*typ.Options); ok {
				o.Require = typ.RequireAll
			}
			rules = append(rules, r)
		}
	}
	return rules, toRule
}

// ruffSettings returns the settings that run the given Ruff codes with the thresholds of the
// configured rules.
func ruffSettings(t *testing.T, rules []analysis.Configured, codes []string, preview bool) map[string]any {
	t.Helper()
	maxOf := func(code string) any {
		for _, r := range rules {
			if r.Code != code {
				continue
			}
			if o, ok := r.Options.(*mod.Max); ok {
				return o.Max
			}
			t.Fatalf("%s's options are a %T, not a *mod.Max: give Ruff its threshold in ruffSettings", code, r.Options)
		}
		t.Fatalf("%s is not among the rules compared with Ruff, and ruffSettings gives Ruff its threshold: update ruffSettings", code)
		return nil
	}
	return map[string]any{
		"target-version":           "py311",
		"output-prefer-rule-codes": true,
		"lint": map[string]any{
			"preview": preview,
			"select":  codes,
			"mccabe":  map[string]any{"max-complexity": maxOf("MOD001")},
			"pylint": map[string]any{
				"max-statements":      maxOf("MOD003"),
				"max-args":            maxOf("MOD004"),
				"max-positional-args": maxOf("MOD004"),
				"max-nested-blocks":   maxOf("MOD005"),
				"max-public-methods":  maxOf("MOD008"),
			},
		},
	}
}

// runRuff runs Ruff on the sample, preview rules apart, and returns its diagnostics per file.
func runRuff(t *testing.T, ruff *ruffwasm.Ruff, rules []analysis.Configured, toRule map[string]string, paths []string) [][]ruffwasm.Diagnostic {
	t.Helper()
	var stable, preview []string
	for code := range toRule {
		if ruffPreviewOnly[code] {
			preview = append(preview, code)
		} else {
			stable = append(stable, code)
		}
	}
	sort.Strings(stable)
	sort.Strings(preview)
	out := make([][]ruffwasm.Diagnostic, len(paths))
	for _, run := range []struct {
		codes   []string
		preview bool
	}{{stable, false}, {preview, true}} {
		if len(run.codes) == 0 {
			continue
		}
		res, err := ruff.Check(ruffSettings(t, rules, run.codes, run.preview), paths, 0)
		if err != nil {
			t.Fatalf("%v\n(an equivalent Ruff does not know goes in notInRuff; one Ruff has only in preview, in ruffPreviewOnly)", err)
		}
		for i, f := range res {
			if f.Error != "" {
				t.Fatalf("Ruff on %s: %s", f.Path, f.Error)
			}
			for _, d := range f.Diagnostics {
				if d.Code == ruffwasm.SyntaxError || toRule[d.Code] != "" {
					out[i] = append(out[i], d)
					continue
				}
				t.Fatalf("%s:%d: Ruff reports %q (%s), which was not selected; with preview on, set output-prefer-rule-codes", f.Path, d.Row, d.Code, d.Message)
			}
		}
	}
	return out
}

// span is the byte range of a node, and the offset its findings are anchored at.
type span struct{ start, end, anchor int }

// fileIndex locates, in one parsed file, what findings are anchored to.
type fileIndex struct {
	res                               *parser.Result
	functions, classes, handlers, gls []span
	blocks                            []span      // if, for, while, try and with statements (the blocks Ruff's too-many-nested-blocks counts)
	tries                             map[int]int // offset of a try statement -> of its first handler
}

func indexFile(res *parser.Result) *fileIndex {
	x := &fileIndex{res: res, tries: map[int]int{}}
	// A definition's range starts at the line of its first decorator: Ruff reports a class
	// from its first `@`, and a decorator's expression starts after the `@`.
	withDecorators := func(n ast.Node, decos []ast.Expr) span {
		s := span{n.Pos(), n.EndPos(), n.Pos()}
		for _, d := range decos {
			line, _ := res.Lines.Position(d.Pos())
			s.start = min(s.start, res.Lines.LineStart(line))
		}
		return s
	}
	ast.Inspect(res.Module, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.FunctionDef:
			x.functions = append(x.functions, withDecorators(v, v.DecoratorList))
		case *ast.AsyncFunctionDef:
			x.functions = append(x.functions, withDecorators(v, v.DecoratorList))
		case *ast.ClassDef:
			x.classes = append(x.classes, withDecorators(v, v.DecoratorList))
		case *ast.ExceptHandler:
			x.handlers = append(x.handlers, span{v.Pos(), v.EndPos(), v.Pos()})
		case *ast.If, *ast.For, *ast.AsyncFor, *ast.While, *ast.With, *ast.AsyncWith:
			x.blocks = append(x.blocks, span{n.Pos(), n.EndPos(), n.Pos()})
		case *ast.Global:
			x.gls = append(x.gls, span{v.Pos(), v.EndPos(), v.Pos()})
		case *ast.Try:
			x.blocks = append(x.blocks, span{v.Pos(), v.EndPos(), v.Pos()})
			if len(v.Handlers) > 0 {
				x.tries[v.Pos()] = v.Handlers[0].Pos()
			}
		case *ast.TryStar:
			x.blocks = append(x.blocks, span{v.Pos(), v.EndPos(), v.Pos()})
			if len(v.Handlers) > 0 {
				x.tries[v.Pos()] = v.Handlers[0].Pos()
			}
		}
		return true
	})
	return x
}

// offset returns the byte offset of a 1-based line and 1-based character column.
func (x *fileIndex) offset(line, col int) int {
	off := x.res.Lines.LineStart(line)
	for i := 1; i < col && off < len(x.res.Src) && x.res.Src[off] != '\n'; i++ {
		_, size := utf8.DecodeRuneInString(x.res.Src[off:])
		off += size
	}
	return off
}

// innermost returns the anchor of the innermost span around off, or off.
func innermost(spans []span, off int) int {
	if s := around(spans, off, true); s != nil {
		return s.anchor
	}
	return off
}

// around returns the innermost (or the outermost) span around off, or nil.
func around(spans []span, off int, inner bool) *span {
	var best *span
	for i, s := range spans {
		if s.start <= off && off < s.end && (best == nil || inner == (s.start >= best.start)) {
			best = &spans[i]
		}
	}
	return best
}

// nestingRoot returns the anchor of a too-deep nesting finding at off (see atNestingRoot).
func (x *fileIndex) nestingRoot(off int) int {
	fn := around(x.functions, off, true)
	root := around(x.blocks, off, false)
	if root == nil || fn != nil && !(root.start <= fn.start && fn.end <= root.end) {
		if fn == nil {
			return off
		}
		return fn.anchor // no block around the function
	}
	return innermost(x.functions, root.start)
}

// anchor returns the line and character column a finding of rule (a buttress code) that
// starts at line:col is anchored at.
func (x *fileIndex) anchor(rule string, line, col int) [2]int {
	off := x.offset(line, col)
	switch anchors[rule] {
	case atFunction:
		off = innermost(x.functions, off)
	case atClass:
		off = innermost(x.classes, off)
	case atHandler:
		if h, ok := x.tries[off]; ok {
			off = h // SIM105 reports the try statement
		} else {
			off = innermost(x.handlers, off)
		}
	case atGlobal:
		off = innermost(x.gls, off)
	case atNestingRoot:
		off = x.nestingRoot(off)
	}
	l, c := analysis.Position(x.res.Src, x.res.Lines, off)
	return [2]int{l, c}
}

// disagreement is a line where one tool has more findings of a rule than the other.
type disagreement struct {
	show, rule string
	line       int
	byRuff     bool   // Ruff has more
	n          int    // how many more
	what       string // the findings of the tool that has more, to show
}

type tally struct{ both, buttressOnly, ruffOnly int }

func (c tally) agreement() float64 {
	if n := c.both + c.buttressOnly + c.ruffOnly; n > 0 {
		return float64(c.both) / float64(n)
	}
	return 1
}

// compare matches the two tools' findings in one file by (rule, line), each finding counted
// once at its anchor (Ruff's S110 and SIM105 on one handler are one finding of ERR003).
func compare(show string, x *fileIndex, mine []finding.Finding, theirs []ruffwasm.Diagnostic, toRule map[string]string, counts map[string]*tally) []disagreement {
	type key struct {
		rule string
		line int
	}
	sides := [2]map[key]map[[2]int]string{{}, {}}
	add := func(side int, rule string, line, col int, what string) {
		a := x.anchor(rule, line, col)
		k := key{rule, a[0]}
		if sides[side][k] == nil {
			sides[side][k] = map[[2]int]string{}
		}
		if _, dup := sides[side][k][a]; !dup {
			sides[side][k][a] = what
		}
	}
	for _, f := range mine {
		add(0, f.Code, f.Line, f.Col, f.Message)
	}
	for _, d := range theirs {
		add(1, toRule[d.Code], d.Row, d.Column, d.Code+" "+d.Message)
	}
	keys := map[key]bool{}
	for _, s := range sides {
		for k := range s {
			keys[k] = true
		}
	}
	var out []disagreement
	for k := range keys {
		c := counts[k.rule]
		b, r := len(sides[0][k]), len(sides[1][k])
		both := min(b, r)
		c.both += both
		c.buttressOnly += b - both
		c.ruffOnly += r - both
		if b == r {
			continue
		}
		side := 0
		if r > b {
			side = 1
		}
		var whats []string
		for _, w := range sides[side][k] {
			whats = append(whats, w)
		}
		sort.Strings(whats)
		out = append(out, disagreement{show, k.rule, k.line, side == 1, max(b, r) - both, strings.Join(whats, " | ")})
	}
	return out
}

func TestRuffAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("a comparison with Ruff on about 1,000 files: not with -short")
	}
	ruff := ruffwasm.Require(t)
	files := sampleFiles(t)
	rules, toRule := comparedRules(t)
	start := time.Now()

	inputs := make([]summary.Input, len(files))
	paths := make([]string, len(files))
	for i, f := range files {
		inputs[i] = summary.Input{Path: f.path, Rel: f.show, Module: moduleName(f.show), Package: strings.HasSuffix(f.path, "__init__.py")}
		paths[i] = f.path
	}
	mine := summary.Summarize(inputs, summary.Options{Rules: rules})
	buttressTime := time.Since(start)
	start = time.Now()
	theirs := runRuff(t, ruff, rules, toRule, paths)
	ruffTime := time.Since(start)

	counts := map[string]*tally{}
	for _, r := range rules {
		counts[r.Code] = &tally{}
	}
	var diffs []disagreement
	var compared, unparsed, notUTF8 int
	for i, f := range files {
		src, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(src) {
			notUTF8++ // Ruff reads only UTF-8
			continue
		}
		res := parser.Parse(src, parser.Options{})
		ruffSyntax := false
		for _, d := range theirs[i] {
			ruffSyntax = ruffSyntax || d.Code == ruffwasm.SyntaxError
		}
		if len(res.Errors) > 0 || len(mine[i].Errors) > 0 || mine[i].ReadError != "" || ruffSyntax {
			unparsed++ // Python 2, or syntax newer than 3.11 for Ruff: the rules see different trees
			continue
		}
		compared++
		var fs []finding.Finding
		for _, fd := range mine[i].Findings {
			if counts[fd.Code] != nil { // not the suppression rules' own findings
				fs = append(fs, fd)
			}
		}
		diffs = append(diffs, compare(f.show, indexFile(res), fs, theirs[i], toRule, counts)...)
	}

	t.Logf("%d files compared (%d not parsed by both, %d not UTF-8); buttress %v, Ruff %s %v",
		compared, unparsed, notUTF8, buttressTime.Round(time.Millisecond), ruffwasm.Version, ruffTime.Round(time.Millisecond))
	if compared < 500 {
		t.Errorf("only %d files compared, of a sample of %d: the comparison means little on so few", compared, len(files))
	}
	var codes []string
	for code := range counts {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	var table strings.Builder
	fmt.Fprintf(&table, "%-7s %-28s %6s %9s %9s %9s\n", "rule", "Ruff", "both", "buttress", "Ruff", "agreement")
	for _, code := range codes {
		c := counts[code]
		var eqs []string
		for _, eq := range Lookup(code).Equivalents {
			if _, ok := notInRuff[eq]; !ok {
				eqs = append(eqs, eq)
			}
		}
		fmt.Fprintf(&table, "%-7s %-28s %6d %9d %9d %8.1f%%\n", code, strings.Join(eqs, ","), c.both, c.buttressOnly, c.ruffOnly, 100*c.agreement())
	}
	t.Logf("findings of both tools, of buttress only, of Ruff only:\n%s", table.String())

	if os.Getenv(ruffDiffsEnv) == "1" {
		printDiffs(t, files, diffs)
	} else {
		t.Logf("set %s=1 to see each disagreement", ruffDiffsEnv)
	}

	for _, code := range codes {
		floor, ok := agreementFloor[code]
		if !ok {
			t.Errorf("%s: no agreement floor: add %q: %.2f to agreementFloor", code, code, math.Floor(100*counts[code].agreement())/100)
			continue
		}
		if got := counts[code].agreement(); got < floor {
			t.Errorf("%s agrees with Ruff on %.1f%% of the findings, less than its floor of %.0f%%: run with %s=1 to see the disagreements, then fix the rule or document the difference in testdata/ruff/DIFFERENCES.md and lower the floor",
				code, 100*got, 100*floor, ruffDiffsEnv)
		}
	}
	for code := range agreementFloor {
		if counts[code] == nil {
			t.Errorf("agreementFloor has %s, which is not compared with Ruff (no Ruff equivalents): remove it", code)
		}
	}
}

// printDiffs prints every disagreement, rule by rule, with its source line.
func printDiffs(t *testing.T, files []sampleFile, diffs []disagreement) {
	sort.Slice(diffs, func(i, j int) bool {
		a, b := diffs[i], diffs[j]
		if a.rule != b.rule {
			return a.rule < b.rule
		}
		if a.byRuff != b.byRuff {
			return !a.byRuff
		}
		if a.show != b.show {
			return a.show < b.show
		}
		return a.line < b.line
	})
	paths := map[string]string{}
	for _, f := range files {
		paths[f.show] = f.path
	}
	lines := map[string][]string{}
	source := func(show string, line int) string {
		if lines[show] == nil {
			src, _ := os.ReadFile(paths[show])
			lines[show] = strings.Split(string(src), "\n")
		}
		if l := lines[show]; line >= 1 && line <= len(l) {
			return strings.TrimSpace(l[line-1])
		}
		return ""
	}
	var b strings.Builder
	last := ""
	for _, d := range diffs {
		head := d.rule + " only in buttress"
		if d.byRuff {
			head = d.rule + " only in Ruff"
		}
		if head != last {
			fmt.Fprintf(&b, "\n== %s\n", head)
			last = head
		}
		more := ""
		if d.n > 1 {
			more = fmt.Sprintf("%d more: ", d.n)
		}
		fmt.Fprintf(&b, "%s:%d: %s%s\n    %s\n", d.show, d.line, more, d.what, source(d.show, d.line))
	}
	t.Logf("disagreements:%s", b.String())
}

// TestRuffAnchors checks where findings anchor, as TestRuffAgreement matches them.
func TestRuffAnchors(t *testing.T) {
	src := `import x

@decorate
class C:
    pass

def f():
    try:
        x()
    except KeyError:
        pass
    global a, b

if cond:
    def g():
        for i in y:
            pass
`
	res := parser.ParseString(src, parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors[0])
	}
	x := indexFile(res)
	for _, tc := range []struct {
		rule           string
		line, col      int
		wantL, wantCol int
		why            string
	}{
		{"MOD008", 3, 1, 4, 1, "a class reported at its decorator"},
		{"MOD001", 7, 5, 7, 1, "a function reported at its name"},
		{"ERR003", 8, 5, 10, 5, "SIM105 reports the try statement"},
		{"ERR002", 10, 12, 10, 5, "BLE001 reports the exception type"},
		{"MOD006", 12, 15, 12, 5, "PLW0603 reports each name"},
		{"MOD005", 8, 5, 7, 1, "too deep: the outermost block of f"},
		{"MOD005", 15, 5, 14, 1, "too deep in g, under a module-level if"},
		{"MOD005", 14, 1, 14, 1, "Ruff reports that if"},
		{"TYP001", 16, 13, 16, 13, "a rule anchored where it is reported"},
	} {
		if got := x.anchor(tc.rule, tc.line, tc.col); got != [2]int{tc.wantL, tc.wantCol} {
			t.Errorf("%s at %d:%d (%s): anchored at %d:%d, want %d:%d", tc.rule, tc.line, tc.col, tc.why, got[0], got[1], tc.wantL, tc.wantCol)
		}
	}
}
