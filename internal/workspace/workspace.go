// Package workspace loads a project for analysis: it discovers the files, summarises them in
// parallel, and builds the import graph. Every command that looks at a whole project starts
// here.
package workspace

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/cache"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/project"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/stdlib"
	"github.com/buttresspy/buttress/internal/summary"
	"github.com/buttresspy/buttress/internal/usage"
)

// Workspace is a loaded project.
type Workspace struct {
	Config   *config.Config
	Project  *project.Project
	Files    []*summary.File // one per project file, in the project's order
	Problems []Problem       // everything found wrong on the way, sorted
	// Notices are what the cache has to say: a cache ignored and rebuilt, or one that
	// cannot be written. They are shown; the run goes on.
	Notices []cache.Notice

	// The import graph (ImportGraph): assembled by Load, or by makeGraph on first use when
	// Options.DeferGraph is set.
	graph     *imports.Graph
	graphOnce sync.Once
	makeGraph func() *imports.Graph

	// The writing of the cache when Options.WriteBehind is set, for Finish.
	writing []chan []cache.Notice

	// What Update needs to summarise a file again and replace its imports in the graph.
	sopts   summary.Options
	table   *imports.Table
	index   map[string]int    // Rel -> index in Files
	overlay map[string][]byte // Rel -> the text Update was given, for ReadFile

	// What CheckContracts found last, and when: Update counts the edits (texts) and those
	// that changed a module's __all__ (alls).
	texts, alls int
	checked     *checkedContracts
}

type checkedContracts struct {
	cs           []contracts.Contract
	graph        *imports.Graph
	texts, alls  int
	readsAllText bool // a tach contract: it reads the directives of every file
	results      []contracts.Result
}

// Problem is a file that could not be read or parsed, a broken import, or a project problem.
// Problems never stop a run; they are shown, and counted.
type Problem struct {
	Path      string // relative to the project root
	Line, Col int    // 0 when the problem has no position
	Kind      string // "syntax", "unreadable", "too-large", "import", or a project.ProblemKind
	Msg       string
}

// Options control loading.
type Options struct {
	Workers int                   // parallel parsers; default one per core
	Rules   []analysis.Configured // per-file rules to run while parsing
	// Ignored, when not nil, reports whether a rule is not run on a file (per-file-ignores
	// and scopes): see summary.Options.
	Ignored func(path string) analysis.Ignores
	// IgnoredID, when not nil, is a digest of what Ignored answers: see summary.Options.
	IgnoredID []byte
	// IgnoredGenerated, when not nil, reports whether a rule is not run on a generated file:
	// see summary.Options.
	IgnoredGenerated func(code, name string) bool
	Metrics          bool // compute each file's metrics (summary.File.Metrics)
	// Only, when not nil, limits rules and metrics to the files (by path relative to the
	// root) for which it returns true; every file is still parsed for the import graph.
	Only func(rel string) bool
	// Progress, when not nil, is called once the files are known with their number and a
	// counter of the files done so far; it returns a function called when all are done.
	Progress func(total int, done *atomic.Int64) (stop func())
	// Sized, when not nil, is called once the files are known with their number, before
	// they are summarised (graph's and check's collector floors grow with the project).
	Sized func(files int)
	// CacheDir, when not "", is the directory of the cache that keeps the files' summaries
	// from run to run (see internal/cache); Version is buttress's version, which the cache
	// records with the build's identity.
	CacheDir string
	Version  string
	// MapCache maps the cache's files into memory rather than reading them
	// (cache.OpenMapped): for a process that ends after this load, as the mappings stay.
	MapCache bool
	// Usage: record each file's definitions and references (summary.File.Usage), for the
	// dead-code rules.
	Usage bool
	// Entities: record each file's bindings and classes' fields (summary.File.Entities), for
	// field-type drift (API001).
	Entities bool
	// Overlay, when not nil, holds the contents of files (by path relative to the root) to
	// use instead of what is on disk: see summary.Options.
	Overlay map[string]string
	// WriteBehind lets Load return before the cache is written: the pack and the listings
	// are written while the caller goes on, and Finish waits for them and returns their
	// notices. The caller must call Finish before it exits (a pack not finished is not
	// used, and is removed an hour later).
	WriteBehind bool
	// DeferGraph leaves the assembly of the import graph (its edges, sorted, and its modules)
	// to the first call of ImportGraph, for a caller that may not need it (check without
	// contracts or dead-code rules). The imports are resolved all the same, as the files are
	// summarised, and the problems of those that cannot be are among Problems.
	DeferGraph bool
}

// Finish waits for the cache to be written, when Load was asked not to (Options.WriteBehind),
// and returns what the writing has to say (a cache that cannot be written); nil otherwise, and
// on a second call.
func (ws *Workspace) Finish() []cache.Notice {
	var notices []cache.Notice
	for _, ch := range ws.writing {
		notices = append(notices, <-ch...)
	}
	ws.writing = nil
	return notices
}

// ImportGraph returns the project's import graph: every first-party module, and every
// import of them.
func (ws *Workspace) ImportGraph() *imports.Graph {
	ws.graphOnce.Do(func() {
		if ws.makeGraph != nil {
			ws.graph, ws.makeGraph = ws.makeGraph(), nil
		}
	})
	return ws.graph
}

// Load discovers, summarises and graphs the project that cfg describes.
func Load(cfg *config.Config, opts Options) (*Workspace, error) {
	major, minor := cfg.PythonVersion()
	var done atomic.Int64
	sopts := summary.Options{TargetVersion: parser.Version(major*100 + minor), Workers: opts.Workers, Rules: opts.Rules, Ignored: opts.Ignored, IgnoredID: opts.IgnoredID, IgnoredGenerated: opts.IgnoredGenerated, Metrics: opts.Metrics, Only: opts.Only, Done: &done, MaxFileSize: int64(cfg.MaxFileSize), Overlay: opts.Overlay, Usage: opts.Usage, Entities: opts.Entities}
	// The cache is opened (its index and entries read) while the files are discovered.
	type opened struct {
		c       *cache.Cache
		notices []cache.Notice
	}
	var cached chan opened
	if opts.CacheDir != "" {
		if profile := summary.Profile(sopts); profile != "" {
			cached = make(chan opened, 1)
			go func() {
				open := cache.Open
				if opts.MapCache {
					open = cache.OpenMapped
				}
				c, notices := open(opts.CacheDir, cfg.Root, profile, cache.Identity(opts.Version))
				cached <- opened{c, notices}
			}()
		}
	}
	// So are the directories' listings, when the cache has them (cache.Listings).
	var popts project.Options
	var listings *cache.Listings
	var notices []cache.Notice
	if cached != nil {
		openListings := cache.OpenListings
		if opts.MapCache {
			openListings = cache.OpenListingsMapped
		}
		if listings, notices = openListings(opts.CacheDir, cfg.Root, project.ReadDirStat); listings != nil {
			popts.ReadDir = listings.ReadDir
		}
	}
	// Without a cache, the files are summarised as the walk finds them, when their summaries
	// do not take their module names (graph's: summary.EarlyOK).
	var early *summary.Early
	if cached == nil && opts.Overlay == nil && summary.EarlyOK(sopts) {
		early = summary.StartEarly(sopts)
		popts.Found = func(f *project.File) {
			early.Add(summary.Input{Path: f.Path, Rel: f.Rel, Module: f.Module, Package: f.Init, Stub: f.Stub})
		}
	}
	proj, err := project.DiscoverWith(cfg, popts)
	var listed chan []cache.Notice
	if listings != nil && err == nil {
		listed = make(chan []cache.Notice, 1)
		go func() { listed <- listings.Close() }() // written while the files are summarised
	}
	if err != nil {
		if early != nil {
			early.Abandon()
		}
		if listings != nil {
			listings.Abandon()
		}
		if cached != nil {
			if o := <-cached; o.c != nil {
				o.c.Abandon()
			}
		}
		return nil, err
	}
	ws := &Workspace{Config: cfg, Project: proj, Notices: notices}
	for rel, src := range opts.Overlay {
		if ws.overlay == nil {
			ws.overlay = map[string][]byte{}
		}
		ws.overlay[rel] = []byte(src) // for ReadFile: what the contracts read of the files
	}
	inputs := make([]summary.Input, len(proj.Files))
	for i, f := range proj.Files {
		inputs[i] = summary.Input{Path: f.Path, Rel: f.Rel, Module: f.Module, Package: f.Init, Stub: f.Stub}
	}
	if opts.Sized != nil {
		opts.Sized(len(inputs))
	}
	if opts.Progress != nil {
		stop := opts.Progress(len(inputs), &done)
		defer stop()
	}
	// What the graph needs of the project alone is made while the cache is opened and the
	// files are summarised: the table the imports resolve with, and the modules in order.
	// The table is built beside the rest: in a warm run only the files that changed need it.
	tableReady := make(chan *imports.Table, 1)
	go func() { tableReady <- graphTable(moduleNames(proj), major, minor) }()
	table := sync.OnceValue(func() *imports.Table { return <-tableReady })
	skip := stubsWithPy(proj, inputs)
	modules := make(chan []imports.Module, 1)
	if !opts.DeferGraph {
		go func() { modules <- graphModules(proj) }()
	}
	var c *cache.Cache
	if cached != nil {
		o := <-cached
		c, ws.Notices = o.c, append(ws.Notices, o.notices...)
	}
	if c != nil {
		sopts.Cache = c
		c.SetTable(tableDigest(proj, major, minor))
	}
	// Each file's imports are resolved as soon as it is summarised, beside the parsing of
	// the others: only the graph's assembly is left once the last file is done. The cache
	// keeps them: a file whose summary it holds, in a project of the same modules, resolves
	// to what it did last time.
	parts := make([]imports.Part, len(inputs))
	sopts.Each = func(i int, f *summary.File) {
		if skip[i] {
			return
		}
		if !opts.DeferGraph {
			f.Imports() // decoded here, beside the others, for the graph's assembly
		}
		if c != nil {
			if data, ok := c.Resolved(f.Rel); ok {
				decode := imports.DecodePart
				if opts.DeferGraph {
					decode = imports.DecodePartLazy // the edges when the graph is asked for
				}
				if p, err := decode(data, f.Rel, f.NumImports()); err == nil {
					parts[i] = p
					return
				}
			}
		}
		parts[i] = imports.Resolve(source(f), table())
		if c == nil {
			return
		}
		c.SetResolved(f.Rel, imports.AppendPart(nil, &parts[i]))
	}
	if early != nil {
		ws.Files = early.Finish(inputs, sopts.Each)
	} else {
		ws.Files = summary.Summarize(inputs, sopts)
	}
	var closed chan []cache.Notice
	if c != nil {
		closed = make(chan []cache.Notice, 1)
		go func() { closed <- c.Close() }() // the pack is written while the graph is built
	}
	sopts.Cache, sopts.Done, sopts.Each = nil, nil, nil
	ws.sopts = sopts

	for _, p := range proj.Problems {
		ws.Problems = append(ws.Problems, Problem{Path: p.Path, Kind: string(p.Kind), Msg: p.Msg})
	}
	for _, f := range ws.Files {
		ws.Problems = append(ws.Problems, fileProblems(f)...)
	}

	if opts.DeferGraph {
		// The problems now (they are shown with the loading's), the edges when asked for.
		ws.table = table()
		var problems []imports.Problem
		for i := range parts {
			if !skip[i] {
				problems = append(problems, parts[i].Problems...)
			}
		}
		ws.addImportProblems(problems)
		ws.makeGraph = func() *imports.Graph {
			for i := range parts {
				if !skip[i] && parts[i].Load() != nil {
					parts[i] = imports.Resolve(source(ws.Files[i]), ws.table)
				}
			}
			g, _ := ws.assemble(skip, parts, graphModules(proj))
			return g
		}
	} else {
		ws.table = table()
		g, problems := ws.assemble(skip, parts, <-modules)
		ws.graph = g
		ws.addImportProblems(problems)
	}
	for _, ch := range []chan []cache.Notice{closed, listed} {
		switch {
		case ch == nil:
		case opts.WriteBehind:
			ws.writing = append(ws.writing, ch)
		default:
			ws.Notices = append(ws.Notices, <-ch...)
		}
	}
	ws.sortProblems()
	return ws, nil
}

// fileProblems are the problems of reading and parsing one file.
func fileProblems(f *summary.File) []Problem {
	var out []Problem
	if f.ReadError != "" {
		kind := "unreadable"
		if f.TooLarge {
			kind = "too-large"
		}
		out = append(out, Problem{Path: f.Rel, Kind: kind, Msg: f.ReadError})
	}
	if len(f.Errors) > 0 {
		e := f.Errors[0]
		msg := e.Msg
		switch n := len(f.Errors); {
		case n == 2:
			msg += " (and 1 more syntax error)"
		case n > 2:
			msg += " (and " + strconv.Itoa(n-1) + " more syntax errors)"
		}
		out = append(out, Problem{Path: f.Rel, Line: e.Line, Col: e.Col, Kind: "syntax", Msg: msg})
	}
	return out
}

func (ws *Workspace) sortProblems() {
	sort.SliceStable(ws.Problems, func(i, j int) bool {
		a, b := ws.Problems[i], ws.Problems[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Update summarises the project file at rel (relative to the root, slash-separated) again
// from src, its text in an editor that may not be saved yet, with the rules and options the
// project was loaded with, and replaces its summary, its problems and, when its imports
// changed, its edges in the graph (Graph.Replace: no other file is read or resolved again).
// It reports whether rel is a file of the project; Update does nothing for one that is not.
// ReadFile returns src for rel from then on. Update is not safe for concurrent use, nor
// with anything that reads the workspace.
func (ws *Workspace) Update(rel string, src []byte) bool {
	if ws.index == nil {
		ws.index = make(map[string]int, len(ws.Files))
		for i, f := range ws.Files {
			ws.index[f.Rel] = i
		}
	}
	i, ok := ws.index[rel]
	if !ok {
		return false
	}
	ws.ImportGraph() // assembled from the imports as loaded, before this file's change
	old := ws.Files[i]
	f := summary.FromSource(old.Input, src, ws.sopts)
	ws.Files[i] = f
	ws.texts++
	if old.HasAll != f.HasAll || !slices.Equal(old.All, f.All) {
		ws.alls++
	}
	if ws.overlay == nil {
		ws.overlay = map[string][]byte{}
	}
	ws.overlay[rel] = src

	graphed := ws.table != nil && !(f.Stub && ws.hasPy(f.Module))
	changed := graphed && !slices.Equal(old.Imports(), f.Imports())
	kept := ws.Problems[:0:0]
	for _, p := range ws.Problems {
		fileKind := p.Kind == "syntax" || p.Kind == "unreadable" || p.Kind == "too-large"
		if p.Path == rel && (fileKind || changed && p.Kind == "import") {
			continue
		}
		kept = append(kept, p)
	}
	ws.Problems = append(kept, fileProblems(f)...)
	if changed {
		g, problems := ws.graph.Replace(source(f), ws.table)
		ws.graph = g
		if !(f.Stub && f.Module == "") { // a stray stub's imports are not the project's problems
			for _, p := range problems {
				ws.Problems = append(ws.Problems, Problem{Path: p.Path, Line: p.Line, Col: p.Col, Kind: "import", Msg: p.Msg})
			}
		}
	}
	ws.sortProblems()
	return true
}

// hasPy reports whether the module has a .py file in the project (then its stub's imports
// are not in the graph).
func (ws *Workspace) hasPy(module string) bool {
	if module == "" {
		return false
	}
	for _, f := range ws.Files {
		if !f.Stub && f.Module == module {
			return true
		}
	}
	return false
}

// ReadFile reads a project file (rel to the root, slash-separated): the text Update was last
// given for it, or else the file on disk.
func (ws *Workspace) ReadFile(rel string) ([]byte, error) {
	if src, ok := ws.overlay[rel]; ok {
		return src, nil
	}
	return os.ReadFile(filepath.Join(ws.Project.Root, filepath.FromSlash(rel)))
}

// Read returns the number of the project's files that were read: those that could not be
// are Problems ("unreadable"), and analysed no further.
func (ws *Workspace) Read() int {
	n := 0
	for _, f := range ws.Files {
		if f.ReadError == "" {
			n++
		}
	}
	return n
}

// graphTable is the table the imports of the project resolve with: its modules, which the
// discovery found, and the standard library of the target version.
func graphTable(names []string, major, minor int) *imports.Table {
	return imports.NewTable(names,
		func(top string) bool { return stdlib.Is(major, minor, top) },
		func(m string) bool { return stdlib.HasModule(major, minor, m) })
}

// moduleNames returns the names of the project's modules, in no order.
func moduleNames(proj *project.Project) []string {
	names := make([]string, 0, len(proj.Modules))
	for name := range proj.Modules {
		names = append(names, name)
	}
	return names
}

// tableDigest is the digest of what a table of the project's module names resolves imports
// against, beside the importer's summary: the names, and the standard library of the target
// version (which the build's identity, a part of every cache key, pins). The names are
// hashed in one stream, in an order that the project alone decides, without sorting them
// all: each module with files at its first file, in the files' order (by path), then the
// few without (namespace packages, extension modules), sorted. Each name once, so that two
// sets of names never share a digest; one set may get two, when a name moves from one part
// to the other (a package that loses its __init__.py): its imports are then resolved again,
// as after any change of the modules. (A multiset sum of each name's SHA-256, on two
// goroutines, took 1.4 ms of CPU on the bench project's 4,600 modules; this, a third.)
func tableDigest(proj *project.Project, major, minor int) summary.Key {
	h := sha256.New()
	var buf [4096]byte
	b := fmt.Appendf(buf[:0], "modules of Python %d.%d\x00%d\x00", major, minor, len(proj.Modules))
	add := func(name string) {
		if len(b)+binary.MaxVarintLen64+len(name) > len(buf) {
			h.Write(b)
			b = buf[:0]
		}
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
	}
	for _, f := range proj.Files {
		if f.Module != "" && f.First() {
			add(f.Module)
		}
	}
	for _, name := range proj.Fileless() {
		add(name)
	}
	h.Write(b)
	return summary.Key(h.Sum(nil))
}

// stubsWithPy marks the inputs that are no source of the graph. The imports of a module are
// those of its .py file; a stub's count only for a module that has no .py (a stub-only
// module). Files that are not modules (scripts) count too. A module's files come .py first
// (project.Module), so only the stubs are looked up.
func stubsWithPy(proj *project.Project, inputs []summary.Input) []bool {
	skip := make([]bool, len(inputs))
	for i, in := range inputs {
		if in.Stub && in.Module != "" {
			m := proj.Modules[in.Module]
			skip[i] = m != nil && len(m.Files) > 0 && !m.Files[0].Stub
		}
	}
	return skip
}

// source is what the graph needs of a file.
func source(f *summary.File) imports.Source {
	return imports.Source{Module: f.Module, Package: f.Package, Path: f.Rel, Imports: f.Imports()}
}

// graphModules returns the graph's nodes: every module of the project, by name.
func graphModules(proj *project.Project) []imports.Module {
	modules := make([]imports.Module, 0, len(proj.Modules))
	for name, m := range proj.Modules {
		path := m.Extension
		if len(m.Files) > 0 {
			path = m.Files[0].Rel // the .py when there is one
		}
		modules = append(modules, imports.Module{Name: name, Path: path, Package: m.Package})
	}
	slices.SortFunc(modules, func(a, b imports.Module) int { return strings.Compare(a.Name, b.Name) })
	return modules
}

// assemble assembles the graph from the parts of the files that are its sources (parts[i]
// resolved from ws.Files[i], unless skip[i]) and the modules (graphModules). It returns the
// problems of the imports that cannot be resolved, in the files' order.
func (ws *Workspace) assemble(skip []bool, parts []imports.Part, modules []imports.Module) (*imports.Graph, []imports.Problem) {
	proj := ws.Project
	sources := make([]imports.Source, 0, len(ws.Files))
	kept := make([]imports.Part, 0, len(ws.Files))
	for i, f := range ws.Files {
		if !skip[i] {
			sources = append(sources, source(f))
			kept = append(kept, parts[i])
		}
	}
	var roots []string
	for _, r := range proj.SourceRoots {
		rel, err := filepath.Rel(proj.Root, r)
		if err != nil {
			rel = r
		}
		roots = append(roots, filepath.ToSlash(rel))
	}
	sort.Strings(roots)
	return imports.Assemble(roots, modules, sources, kept)
}

// addImportProblems adds the problems of the imports that cannot be resolved to the
// workspace's, but for those of stray stubs.
func (ws *Workspace) addImportProblems(problems []imports.Problem) {
	if len(problems) == 0 {
		return
	}
	// A stub (.pyi) that is no module of the project (such as the stubs a package ships for
	// another, under a directory like django-stubs) is read by type checkers from roots of
	// their own and never run: its relative imports are not this project's problems.
	strayStub := map[string]bool{}
	for _, f := range ws.Files {
		if f.Stub && f.Module == "" {
			strayStub[f.Rel] = true
		}
	}
	for _, p := range problems {
		if !strayStub[p.Path] {
			ws.Problems = append(ws.Problems, Problem{Path: p.Path, Line: p.Line, Col: p.Col, Kind: "import", Msg: p.Msg})
		}
	}
}

// CheckContracts checks contracts on the workspace: contracts.Check on ContractInput. The
// results are kept, and a later call with the same contracts returns them again, as long as
// nothing they depend on has changed since (Update): the import graph, the modules' __all__,
// and, for tach's contracts, which read the directives of every file, any file's text. An
// edit in an editor that leaves the imports alone does not check the contracts again.
func (ws *Workspace) CheckContracts(cs []contracts.Contract, workers int) []contracts.Result {
	if k := ws.checked; k != nil && len(k.cs) == len(cs) && len(cs) > 0 && &k.cs[0] == &cs[0] &&
		k.graph == ws.ImportGraph() && k.alls == ws.alls && (!k.readsAllText || k.texts == ws.texts) {
		return cloneResults(k.results)
	}
	results := contracts.Check(cs, ContractInput(ws), workers)
	k := &checkedContracts{cs: cs, graph: ws.ImportGraph(), texts: ws.texts, alls: ws.alls, results: results}
	for _, c := range cs {
		if c.Origin.Tool == contracts.FromTach {
			k.readsAllText = true
		}
	}
	ws.checked = k
	return cloneResults(results)
}

// cloneResults copies results deep enough that a caller may change their findings.
func cloneResults(rs []contracts.Result) []contracts.Result {
	out := make([]contracts.Result, len(rs))
	for i, r := range rs {
		r.Findings = slices.Clone(r.Findings)
		for j := range r.Findings {
			r.Findings[j].Notes = slices.Clone(r.Findings[j].Notes)
		}
		out[i] = r
	}
	return out
}

// ContractInput is what architecture contracts are checked on: the graph, the literal __all__
// of each module, and a reader of the project's files (tach's ignore comments are read from
// the files' text, as tach reads them).
func ContractInput(ws *Workspace) contracts.Input {
	all := map[string][]string{}
	for _, f := range ws.Files {
		if f.HasAll && f.Module != "" {
			if _, seen := all[f.Module]; !seen || !f.Stub {
				all[f.Module] = f.All
			}
		}
	}
	return contracts.Input{Graph: ws.ImportGraph(), All: all, ReadFile: ws.ReadFile}
}

// Suppressions returns the suppression comments of the files that have some, by path
// relative to the root: project-wide findings (contracts, unused code) are silenced by them
// as the per-file ones were.
func (ws *Workspace) Suppressions() map[string]*analysis.Suppressions {
	sups := map[string]*analysis.Suppressions{}
	for _, f := range ws.Files {
		if f.Suppressions != nil {
			sups[f.Rel] = f.Suppressions
		}
	}
	return sups
}

// DeadInput is what the DEAD rules need of a loaded project (its Rules left to the caller):
// every file's usage facts (the project must be loaded with Options.Usage), the graph, and
// the dotted names of the packaging configuration (pyproject.toml's entry points, setup.cfg)
// and of the .pth files at the root.
func DeadInput(ws *Workspace) dead.Input {
	in := dead.Input{Graph: ws.ImportGraph()}
	for _, f := range ws.Files {
		in.Files = append(in.Files, dead.File{Path: f.Rel, Module: f.Module, Package: f.Package, Stub: f.Stub, Facts: f.Usage, All: f.All, HasAll: f.HasAll})
	}
	names := []string{"pyproject.toml", "setup.cfg"}
	// .pth files run their import lines at startup: import _distutils_hack; ....add_shim().
	if pth, err := filepath.Glob(filepath.Join(ws.Project.Root, "*.pth")); err == nil {
		for _, p := range pth {
			names = append(names, filepath.Base(p))
		}
	}
	// The entry points of a project installed in place (pip install -e: an .egg-info, a
	// .dist-info), and the Python scripts without a .py suffix that it runs from bin/ or
	// scripts/ (setup(scripts=[...])): the modules and names they import are used.
	for _, g := range []string{"*.egg-info/entry_points.txt", "*.dist-info/entry_points.txt", "src/*.egg-info/entry_points.txt"} {
		if m, err := filepath.Glob(filepath.Join(ws.Project.Root, g)); err == nil {
			for _, p := range m {
				rel, _ := filepath.Rel(ws.Project.Root, p)
				names = append(names, rel)
			}
		}
	}
	for _, dir := range []string{"bin", "scripts"} {
		entries, _ := os.ReadDir(filepath.Join(ws.Project.Root, dir))
		for _, e := range entries {
			if !e.IsDir() && filepath.Ext(e.Name()) == "" && pythonScript(filepath.Join(ws.Project.Root, dir, e.Name())) {
				names = append(names, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, name := range names {
		if b, err := os.ReadFile(filepath.Join(ws.Project.Root, name)); err == nil && len(b) < 1<<20 {
			in.Config = append(in.Config, usage.Tokens(string(b))...)
		}
	}
	// Compiled extensions call Python code by name (cryptography's Rust calls
	// pkcs7._smime_enveloped_decode): a name in their bytes counts as used.
	for _, m := range ws.Project.Modules {
		if m.Extension == "" {
			continue
		}
		p := filepath.Join(ws.Project.Root, filepath.FromSlash(m.Extension))
		if fi, err := os.Stat(p); err != nil || fi.Size() > 256<<20 {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			in.Native = append(in.Native, string(b))
		}
	}
	major, minor := ws.Config.PythonVersion()
	in.Stdlib = func(top string) bool { return stdlib.Is(major, minor, top) }
	return in
}

// pythonScript reports whether the file at p starts with a #! line that runs Python.
func pythonScript(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := f.Read(head)
	line, _, _ := strings.Cut(string(head[:n]), "\n")
	return strings.HasPrefix(line, "#!") && strings.Contains(line, "python")
}
