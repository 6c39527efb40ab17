// Package summary turns a parsed file into its summary: the compact facts that project-wide
// analysis works on (imports now; symbols, metrics and per-file findings later). The syntax
// tree is dropped once a file is summarised, which keeps memory flat as a codebase grows.
package summary

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/api"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/metrics"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/usage"
)

// Input names a file to summarise.
type Input struct {
	Path    string // to read
	Rel     string // to show: relative to the project root, slash-separated
	Module  string // dotted module name; "" when the file cannot be imported as a module
	Package bool   // an __init__ file: the base of its relative imports
	Stub    bool   // a .pyi file
}

// Error is a syntax error or a read error in a file.
type Error struct {
	Line, Col int // 1-based line (0 when the file has none), 0-based byte column
	Msg       string
}

// File is the summary of one file.
type File struct {
	Input
	Size      int
	Lines     int
	ReadError string  // set when the file could not be read, or was not (TooLarge)
	TooLarge  bool    // the file is larger than Options.MaxFileSize: not read (Size is its size)
	Errors    []Error // syntax errors, in order
	// imports are the file's import statements (Imports). A summary read from the cache
	// holds their encoding instead (lazy) until they are asked for: a warm run that builds
	// no import graph needs only their number.
	imports  []imports.Stmt
	lazy     *lazyImports
	Findings []finding.Finding // of the per-file rules that ran, suppressions applied
	// Suppressions are the file's suppression comments, when rules ran on it and it has
	// some: they silence the project's findings in the file too, and unused ones are
	// reported once the whole run is done.
	Suppressions *analysis.Suppressions
	Metrics      *metrics.Module // when Options.Metrics is set; names cloned from the source
	// All holds the names of the module's __all__ when it is a literal list or tuple of
	// strings (see dunderAll); HasAll says whether it is.
	All    []string
	HasAll bool
	// Usage is what the file defines and refers to, for the dead-code rules: set when
	// Options.Usage is.
	Usage *usage.Facts
	// Entities are the module's bindings and classes' fields for field-type drift (API001):
	// set when Options.Entities is and the file was read.
	Entities *api.ModuleFacts
	// Excerpt holds the lines of the file that the code frames of its findings show, so
	// that a run from the cache renders them without reading the file: nil when the file has
	// no finding with a line.
	Excerpt *Excerpt
}

// Imports returns the file's import statements, in order. Those of a summary read from the
// cache are decoded on the first call; the entry's checksum was verified when it was read,
// so a section that does not decode is a fault of the encoding itself: then there are none.
func (f *File) Imports() []imports.Stmt {
	if l := f.lazy; l != nil {
		l.once.Do(func() { l.stmts, _ = decodeImports(l.wire) })
		return l.stmts
	}
	return f.imports
}

// NumImports returns the number of the file's import statements, without decoding them.
func (f *File) NumImports() int {
	if f.lazy != nil {
		return f.lazy.n
	}
	return len(f.imports)
}

// Decoded returns a copy of the summary with its import statements decoded: for comparing
// a summary read from the cache with one made from the source.
func (f *File) Decoded() *File {
	g := *f
	g.imports, g.lazy = f.Imports(), nil
	return &g
}

// lazyImports are import statements as Encode wrote them, decoded on first use.
type lazyImports struct {
	once  sync.Once
	wire  string
	n     int
	stmts []imports.Stmt
}

// Excerpt is what the text renderer needs of a file for its findings' frames: each finding's
// line and the finding.FrameContext lines on either side, split as the renderer splits a file
// (ast.SplitLines, after a leading byte-order mark).
type Excerpt struct {
	Total int           // the number of lines of the file
	Lines []ExcerptLine // by line number
	// Plain: the file has no byte-order mark and no "\r" alone, so that split at "\n" alone
	// its lines are the same, but for the "\r" that ends them in a "\r\n" file.
	Plain bool
}

// ExcerptLine is one line of an Excerpt.
type ExcerptLine struct {
	N    int // 1-based
	Text string
}

// Line returns line n of the file: has is false when the file has no such line, known false
// when the excerpt does not hold it.
func (x *Excerpt) Line(n int) (text string, has, known bool) {
	if x == nil {
		return "", false, false
	}
	if n < 1 || n > x.Total {
		return "", false, true
	}
	i, ok := slices.BinarySearchFunc(x.Lines, n, func(l ExcerptLine, n int) int { return l.N - n })
	if !ok {
		return "", false, false
	}
	return x.Lines[i].Text, true, true
}

// NewExcerpt returns the lines of src, the text of the file rel, that the frames of its
// findings among fs show; nil when none of them has a line.
func NewExcerpt(src, rel string, fs []finding.Finding) *Excerpt {
	return newExcerpt(src, rel, fs, nil)
}

// newExcerpt is NewExcerpt; lines, when not nil, is the line table of src, which then has
// no byte-order mark and no "\r" (the parser's prepared source is src itself): the lines are
// cut by it, without a pass over the file to count and split them again.
func newExcerpt(src, rel string, fs []finding.Finding, lines *ast.LineIndex) *Excerpt {
	var want []int
	for i := range fs {
		if fs[i].Path == rel && fs[i].Line > 0 {
			for n := max(1, fs[i].Line-finding.FrameContext); n <= fs[i].Line+finding.FrameContext; n++ {
				want = append(want, n)
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if lines != nil {
		x := &Excerpt{Total: lines.Lines(), Plain: true}
		line := func(n int) string {
			end := len(src)
			if n < x.Total {
				end = lines.LineStart(n+1) - 1 // before its "\n"
			}
			return src[lines.LineStart(n):end]
		}
		// The lines kept are counted and measured first, then copied into one string (a
		// copy each was 17,000 allocations over the 3.11 standard library).
		budget, size, k := max(len(src)/4, 4<<10), 0, 0
		for _, n := range want {
			if n > x.Total {
				break
			}
			if size += len(line(n)); size > budget {
				return nil
			}
			k++
		}
		var b strings.Builder
		b.Grow(size)
		if k > 0 {
			x.Lines = make([]ExcerptLine, k)
		}
		for i, n := range want[:k] {
			l := line(n)
			b.WriteString(l)
			all := b.String() // b never grows: its bytes stay where they are
			x.Lines[i] = ExcerptLine{N: n, Text: all[len(all)-len(l):]}
		}
		return x
	}
	src, bom := strings.CutPrefix(src, "\uFEFF")
	x := &Excerpt{Total: ast.CountLines(src)}
	x.Plain = !bom && x.Total == strings.Count(src, "\n")+1
	ls := ast.NewLineSplitter(src).UpTo(min(want[len(want)-1], x.Total))
	// The lines kept are bounded: a file with findings on most of its lines keeps none (its
	// frames read it, once), so that the summaries stay small next to the source.
	budget, size := max(len(src)/4, 4<<10), 0
	for _, n := range want {
		if n > len(ls) {
			break
		}
		if size += len(ls[n-1]); size > budget {
			return nil
		}
		x.Lines = append(x.Lines, ExcerptLine{N: n, Text: strings.Clone(ls[n-1])})
	}
	return x
}

// Options control summarising.
type Options struct {
	TargetVersion parser.Version
	Workers       int                   // default: one per core
	Rules         []analysis.Configured // per-file rules to run on each tree before it is dropped
	// Ignored, when not nil, returns for the file at path (relative to the project root)
	// what reports whether a rule is not run there: per-file-ignores, and the scopes (tests,
	// migrations, ...).
	Ignored func(path string) analysis.Ignores
	// IgnoredID, when not nil, is a digest of what Ignored answers: the same digest, the same
	// answers for every path (analysis.Selection.Fingerprint). With it, the cache knows a
	// file's settings digest from the last run without making it (see Settings); without
	// it, the digest of every file is made.
	IgnoredID []byte
	// IgnoredGenerated, when not nil, reports whether a rule is not run on a file whose
	// header says a tool generated it (analysis.IsGenerated).
	IgnoredGenerated func(code, name string) bool
	Metrics          bool // compute each file's metrics
	// Only, when not nil, limits rules and metrics to the files (by Rel) for which it
	// returns true; every file is still parsed for its imports.
	Only func(rel string) bool
	// Done, when not nil, counts the files summarised so far (for a progress display); it
	// is updated from several goroutines.
	Done *atomic.Int64
	// Cache, when not nil, keeps summaries from run to run: a file whose content and
	// settings are those of a stored summary is not parsed again. The settings are
	// everything above that changes a file's summary (see Profile): the target version, the
	// rules and their options, which of them run on the file (Ignored, IgnoredGenerated),
	// whether metrics are computed and whether the file is analysed at all (Only), and the
	// file's path, module name, and package and stub flags.
	Cache Cache
	// Overlay, when not nil, holds the contents of files (by Rel) to summarise instead of
	// what is on disk: a file read from standard input (check --stdin-filename). Such a
	// file is neither looked up in the cache nor stored in it.
	Overlay map[string]string
	// MaxFileSize, when positive, is the size in bytes above which a file is not read: it is
	// summarised with TooLarge and a ReadError saying so. Parsing takes up to about 50 bytes
	// per byte of a file of short statements, and the files are parsed in parallel.
	MaxFileSize int64
	// Usage: record each file's definitions and references (File.Usage), for the dead-code
	// rules.
	Usage bool
	// Entities: record each file's bindings and classes' fields (File.Entities), for
	// field-type drift.
	Entities bool
	// Each, when not nil, is called with the index of each input and its summary as soon as
	// it is made, from the goroutine that made it: the import graph resolves a file's
	// imports while the others are parsed.
	Each func(i int, f *File)

	// rulesFor holds the rules that run on files alike (see rulesFor), for one Summarize.
	rulesFor *sync.Map
}

// Summarize reads, parses and summarises every input in parallel. The result has one summary
// per input, in the same order.
func Summarize(inputs []Input, opts Options) []*File {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]*File, len(inputs))
	opts.rulesFor = new(sync.Map)
	var k *keyer
	if opts.Cache != nil {
		if k = newKeyer(opts); !k.ok {
			k = nil
		} else {
			opts.Cache.SetRun(k.run)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &scratch{}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(inputs) {
					return
				}
				if src, ok := opts.Overlay[inputs[i].Rel]; ok {
					out[i] = fromSource(&File{Input: inputs[i]}, src, opts, sc)
				} else if k != nil {
					out[i] = summarizeCached(inputs[i], opts, k, sc)
				}
				if out[i] == nil {
					out[i] = summarizeOne(inputs[i], opts, sc)
				}
				if opts.Each != nil {
					opts.Each(i, out[i])
				}
				if opts.Done != nil {
					opts.Done.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// scratch is what a goroutine of Summarize reuses from one file to the next.
type scratch struct {
	// text holds the file's text, read into the buffer of the file before: a summary keeps
	// no byte of its text (TestSummaryKeepsNoSource; imports, __all__, syntax errors,
	// findings, suppressions, usage facts, entities and metrics are copies). 30 MB of
	// allocation fewer for check --select ALL on the 3.11 standard library, 107 MB for
	// graph on the 3.11 site-packages.
	text    []byte
	imports []imports.Stmt // a file's imports as they are found, copied out at their length
	// importNodes are the import statements of the file, for its usage facts (never nil once
	// made: nil would say that they were not looked for).
	importNodes []ast.Stmt
	// arena holds the syntax tree of the file before, dead once its summary is made (a File
	// holds no node: TestFileHoldsNoTree): the next file's is parsed over it.
	arena parser.Arena
	// settings is the file's for the cache (Cache.Get), made anew for each file.
	settings Settings
	// runner runs the rules over one file after the other in the same room.
	runner analysis.Runner
}

// summarizeOne reads and summarises one file; sc, when not nil, is the scratch of the
// goroutine that does it.
func summarizeOne(in Input, opts Options, sc *scratch) *File {
	f := &File{Input: in}
	var buf *[]byte
	if sc != nil {
		buf = &sc.text
	}
	src, err := readFile(in.Path, opts.MaxFileSize, buf)
	if big, ok := err.(*tooLargeError); ok {
		f.TooLarge, f.Size = true, int(big.size)
		f.ReadError = big.Error()
		return f
	}
	if err != nil {
		f.ReadError = readErrorText(err)
		return f
	}
	return fromSource(f, src, opts, sc)
}

// tooLargeError is a file larger than Options.MaxFileSize.
type tooLargeError struct {
	size, limit int64
	grew        bool // the file grew past the limit while being read: size is a lower bound
}

func (e *tooLargeError) Error() string {
	size := fmt.Sprintf("%s bytes", thousands(e.size))
	if e.grew {
		size = "more than " + size
	}
	return fmt.Sprintf("not read: %s is over the limit of %s; to read it, set max-file-size = %q in [tool.buttress] (pyproject.toml) or in buttress.toml",
		size, sizeText(e.limit), sizeText(suggestLimit(e.size)))
}

// sizeText writes a size in bytes as the configuration does: "20MB", "512KB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// suggestLimit is a limit that admits a file of size bytes: the next whole number of MB.
func suggestLimit(size int64) int64 { return (size>>20 + 1) << 20 }

// thousands writes n with commas: 52,428,800.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// FromSource summarises a file whose bytes are already in memory.
func FromSource(in Input, src []byte, opts Options) *File {
	return fromSource(&File{Input: in}, string(src), opts, nil)
}

// fromSource summarises a file whose text is src; sc, when not nil, is the scratch of the
// goroutine that does it.
func fromSource(f *File, src string, opts Options, sc *scratch) *File {
	f.Size = len(src)
	popts := parser.Options{TargetVersion: opts.TargetVersion}
	if sc != nil {
		sc.arena.Reset()
		popts.Arena = &sc.arena
	}
	res := parser.ParseString(src, popts)
	f.Lines = res.Lines.PhysicalLines(res.Src)
	for _, e := range res.Errors {
		// A copy: the summary outlives the text, whose buffer is reused (scratch.text).
		f.Errors = append(f.Errors, Error{Line: e.Line, Col: e.Col, Msg: strings.Clone(e.Msg)})
	}
	var importNodes []ast.Stmt // nil: the usage facts find the import statements themselves
	if sc != nil {
		if sc.importNodes == nil {
			sc.importNodes = make([]ast.Stmt, 0, 64)
		}
		sc.imports, sc.importNodes = imports.ExtractNodesInto(sc.imports[:0], sc.importNodes[:0], res.Module, res.Lines)
		importNodes = sc.importNodes
		if len(sc.imports) > 0 {
			f.imports = slices.Clone(sc.imports)
		}
	} else {
		f.imports = imports.Extract(res.Module, res.Lines)
	}
	imports.AttachComments(f.imports, res.Src, res.Comments, res.Lines)
	f.All, f.HasAll = dunderAll(res.Module)
	if len(f.imports) > 0 {
		// The columns buttress shows, counted now that the text is at hand: the graph's
		// JSON would otherwise read every file again for them.
		charCols(f.imports, src, res)
	}
	analyze := opts.Only == nil || opts.Only(f.Rel)
	var facts *usage.Extractor
	if opts.Usage {
		facts = usage.Begin(res.Module, importNodes, res.Src, f.Module, f.Package, func(offset int) (int, int) {
			return analysis.Position(res.Src, res.Lines, offset)
		})
	}
	if opts.Entities {
		f.Entities = api.Facts(res.Module, res.Lines, f.Module, f.Package)
	}
	if opts.Metrics && analyze {
		f.Metrics = metrics.Compute(res.Module, res.Lines, res.Src)
		for i := range f.Metrics.Functions {
			f.Metrics.Functions[i].Name = strings.Clone(f.Metrics.Functions[i].Name)
		}
	}
	if len(opts.Rules) > 0 && analyze {
		rules := opts.Rules
		if opts.Ignored != nil || opts.IgnoredGenerated != nil {
			rules = rulesFor(f.Rel, res.Src, opts)
		}
		var visit analysis.Visitor
		if facts != nil {
			visit = facts // in the rules' walk: one walk of the tree for both
		}
		run := &analysis.Runner{}
		if sc != nil {
			run = &sc.runner
		}
		f.Findings, f.Suppressions = run.RunVisiting(rules, f.Rel, f.Module, res.Src, res.Module, res.Lines, res.Comments, visit, usage.Visits...)
	} else if facts != nil && res.Module != nil {
		ast.Inspect(res.Module, facts.Visit)
	}
	if facts != nil {
		f.Usage = facts.Finish()
	}
	var lines *ast.LineIndex
	if res.Src == src { // the same string: no byte-order mark, "\r" or other encoding
		lines = res.Lines
	}
	f.Excerpt = newExcerpt(src, f.Rel, f.Findings, lines)
	cloneImportStrings(f.imports)
	return f
}

// rulesFor returns the rules of opts that run on the file at rel, whose source is src: those
// that neither its per-file-ignores and scopes (Options.Ignored) nor, when a tool generated
// it, Options.IgnoredGenerated leave out. Files alike in both (most of a project's: the
// same globs match, or none) share one list, made once (Options.rulesFor): asked of every
// rule for every file, the selectors' matching was 2% of a check of the standard library.
func rulesFor(rel, src string, opts Options) []analysis.Configured {
	generated := opts.IgnoredGenerated != nil && analysis.IsGenerated(src)
	var ig analysis.Ignores
	if opts.Ignored != nil {
		ig = opts.Ignored(rel)
	}
	var key string
	if opts.rulesFor != nil {
		b := []byte{'0'}
		if generated {
			b[0] = '1'
		}
		key = string(ig.AppendClass(b))
		if rules, ok := opts.rulesFor.Load(key); ok {
			return rules.([]analysis.Configured)
		}
	}
	rules := make([]analysis.Configured, 0, len(opts.Rules))
	for _, r := range opts.Rules {
		if opts.Ignored != nil && ig.Ignored(r.Code, r.Name) || generated && opts.IgnoredGenerated(r.Code, r.Name) {
			continue
		}
		rules = append(rules, r)
	}
	if opts.rulesFor != nil {
		opts.rulesFor.Store(key, rules)
	}
	return rules
}

func readErrorText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return "cannot read: " + pe.Err.Error()
	}
	return "cannot read: " + err.Error()
}

// cloneImportStrings copies the names and comments of the imports, slices of the source,
// into one string of their own, so that the source can be freed: one allocation a file
// instead of one or two an import (129k imports on the 3.11 site-packages).
func cloneImportStrings(imps []imports.Stmt) {
	n := 0
	for i := range imps {
		n += len(imps[i].Module) + len(imps[i].Name) + len(imps[i].Comment)
	}
	if n == 0 {
		return
	}
	var b strings.Builder
	b.Grow(n)
	for i := range imps {
		b.WriteString(imps[i].Module)
		b.WriteString(imps[i].Name)
		b.WriteString(imps[i].Comment)
	}
	all, at := b.String(), 0
	take := func(s string) string {
		if s == "" {
			return ""
		}
		at += len(s)
		return all[at-len(s) : at]
	}
	for i := range imps {
		imps[i].Module = take(imps[i].Module)
		imps[i].Name = take(imps[i].Name)
		imps[i].Comment = take(imps[i].Comment)
	}
}
