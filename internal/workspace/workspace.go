// Package workspace loads a project for analysis: it discovers the files, summarises them in
// parallel, and builds the import graph. Every command that looks at a whole project starts
// here.
package workspace

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/cache"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/project"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/stdlib"
	"github.com/buttresspy/buttress/internal/summary"
)

// Workspace is a loaded project.
type Workspace struct {
	Config   *config.Config
	Project  *project.Project
	Files    []*summary.File // one per project file, in the project's order
	Graph    *imports.Graph
	Problems []Problem // everything found wrong on the way, sorted
	// Notices are what the cache has to say: a cache ignored and rebuilt, or one that
	// cannot be written. They are shown; the run goes on.
	Notices []cache.Notice
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
	Ignored func(path string) func(code, name string) bool
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
	// CacheDir, when not "", is the directory of the cache that keeps the files' summaries
	// from run to run (see internal/cache); Version is buttress's version, which the cache
	// records with the build's identity.
	CacheDir string
	Version  string
	// Overlay, when not nil, holds the contents of files (by path relative to the root) to
	// use instead of what is on disk: see summary.Options.
	Overlay map[string]string
}

// Load discovers, summarises and graphs the project that cfg describes.
func Load(cfg *config.Config, opts Options) (*Workspace, error) {
	major, minor := cfg.PythonVersion()
	var done atomic.Int64
	sopts := summary.Options{TargetVersion: parser.Version(major*100 + minor), Workers: opts.Workers, Rules: opts.Rules, Ignored: opts.Ignored, IgnoredGenerated: opts.IgnoredGenerated, Metrics: opts.Metrics, Only: opts.Only, Done: &done, MaxFileSize: int64(cfg.MaxFileSize), Overlay: opts.Overlay}
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
				c, notices := cache.Open(opts.CacheDir, cfg.Root, profile, cache.Identity(opts.Version))
				cached <- opened{c, notices}
			}()
		}
	}
	proj, err := project.Discover(cfg)
	if err != nil {
		if cached != nil {
			if o := <-cached; o.c != nil {
				o.c.Abandon()
			}
		}
		return nil, err
	}
	ws := &Workspace{Config: cfg, Project: proj}
	inputs := make([]summary.Input, len(proj.Files))
	for i, f := range proj.Files {
		inputs[i] = summary.Input{Path: f.Path, Rel: f.Rel, Module: f.Module, Package: f.Init, Stub: f.Stub}
	}
	if opts.Progress != nil {
		stop := opts.Progress(len(inputs), &done)
		defer stop()
	}
	var c *cache.Cache
	if cached != nil {
		o := <-cached
		c, ws.Notices = o.c, append(ws.Notices, o.notices...)
	}
	if c != nil {
		sopts.Cache = c
	}
	ws.Files = summary.Summarize(inputs, sopts)
	if c != nil {
		ws.Notices = append(ws.Notices, c.Close()...)
	}

	for _, p := range proj.Problems {
		ws.Problems = append(ws.Problems, Problem{Path: p.Path, Kind: string(p.Kind), Msg: p.Msg})
	}
	for _, f := range ws.Files {
		if f.ReadError != "" {
			kind := "unreadable"
			if f.TooLarge {
				kind = "too-large"
			}
			ws.Problems = append(ws.Problems, Problem{Path: f.Rel, Kind: kind, Msg: f.ReadError})
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
			ws.Problems = append(ws.Problems, Problem{Path: f.Rel, Line: e.Line, Col: e.Col, Kind: "syntax", Msg: msg})
		}
	}

	ws.Graph = ws.buildGraph(major, minor)
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
	return ws, nil
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

func (ws *Workspace) buildGraph(major, minor int) *imports.Graph {
	proj := ws.Project
	var names []string
	var modules []imports.Module
	for name, m := range proj.Modules {
		names = append(names, name)
		path := m.Extension
		if len(m.Files) > 0 {
			path = m.Files[0].Rel // the .py when there is one
		}
		modules = append(modules, imports.Module{Name: name, Path: path, Package: m.Package})
	}
	table := imports.NewTable(names,
		func(top string) bool { return stdlib.Is(major, minor, top) },
		func(m string) bool { return stdlib.HasModule(major, minor, m) })

	// The imports of a module are those of its .py file; a stub's count only for a module that
	// has no .py (a stub-only module). Files that are not modules (scripts) count too.
	hasPy := map[string]bool{}
	for _, f := range ws.Files {
		if !f.Stub && f.Module != "" {
			hasPy[f.Module] = true
		}
	}
	var sources []imports.Source
	for _, f := range ws.Files {
		if f.Stub && hasPy[f.Module] {
			continue
		}
		sources = append(sources, imports.Source{Module: f.Module, Package: f.Package, Path: f.Rel, Imports: f.Imports})
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
	g, problems := imports.Build(roots, modules, sources, table)
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
	return g
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
	root := ws.Project.Root
	return contracts.Input{Graph: ws.Graph, All: all, ReadFile: func(rel string) ([]byte, error) {
		return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	}}
}
