// Package affected finds the test files that a change can affect, by reverse reachability on
// the project's import graph.
//
// A test file is affected when
//
//   - it changed itself;
//   - it reaches a changed module through imports that run: at module level (under if, try
//     and with included) or inside a function, but not under `if TYPE_CHECKING:`, which
//     never runs;
//   - importing a module runs the __init__.py of every package above it first (`import
//     a.b.c` runs a/__init__.py and a/b/__init__.py), so a module reaches its packages;
//     pytest imports a test file in a package by its dotted name, so this holds for the
//     test file too; an import of a module missing from a package of the project
//     (`import a.gone`) still runs the packages above it;
//   - a conftest.py in its directory or a directory above it (up to the project root) changed
//     or reaches a changed module: pytest loads those before the test;
//   - a changed file matches one of the "all" globs (the project's configuration, its
//     dependencies): then every test is.
//
// A deleted module is a change too: what imported it (by its name, which the import can no
// longer resolve) is affected. What cannot be seen by reading the code is not: a module
// imported by a name computed at run time (importlib.import_module(name), __import__),
// named in a string (Django's INSTALLED_APPS and ROOT_URLCONF, pytest_plugins, entry
// points), or a data file a test reads. A team that relies on those lists them in the "all"
// globs, or runs every test on a schedule as well.
package affected

import (
	"path"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/pathglob"

	"github.com/buttresspy/buttress/internal/imports"
)

// DefaultTests are the globs of the test files: pytest's default python_files (test_*.py and
// *_test.py) and Django's tests.py. A glob without a slash matches a file name at any depth;
// one with a slash, a path relative to the project root.
func DefaultTests() []string { return []string{"test_*.py", "*_test.py", "tests.py"} }

// DefaultAll are the globs of the files whose change affects every test: where pytest, the
// build and the dependencies are configured. (A conftest.py at the root affects every test
// below it by the conftest rule already.)
func DefaultAll() []string {
	return []string{
		"pyproject.toml", "setup.py", "setup.cfg", "tox.ini", "pytest.ini", ".python-version",
		"requirements*.txt", "requirements/*.txt", "constraints*.txt",
		"Pipfile", "Pipfile.lock", "poetry.lock", "pdm.lock", "uv.lock",
	}
}

// Options are the globs that say which files are tests and which affect every test.
type Options struct {
	Tests []string // DefaultTests when nil
	All   []string // DefaultAll when nil
}

// File is a file of the project.
type File struct {
	Rel    string // relative to the project root, slash-separated
	Module string // its module; "" for a file that is no module (a script)
}

// Project is what the search needs: the import graph and the files.
type Project struct {
	Graph *imports.Graph
	Files []File
}

// Result is what a change affects. Paths are relative to the project root.
type Result struct {
	Changed []string // the changed files, sorted, without duplicates
	// Modules are the modules the change can affect: those of the changed files (a deleted
	// one's too) and every module that reaches one of them.
	Modules []string
	Tests   []string          // the affected test files, sorted
	All     []string          // the changed files that match the "all" globs
	Why     map[string]Reason // for each affected test, why
}

// Reason says why a test is affected.
type Reason struct {
	All      string // a changed file that affects every test, or ""
	Conftest string // the conftest.py through which the test is affected, or ""
	// Chain goes from the test (or its conftest.py) to a changed module (a script by its
	// path): each imports the next, or is in the package that is next. The test alone when it
	// changed itself.
	Chain []string
	// Deleted says that the chain ends at a module that was deleted: the last but one imports
	// it by name.
	Deleted bool
}

// IsTest reports whether the file at rel (relative to the project root) is a test file.
func IsTest(o Options, rel string) bool {
	if o.Tests == nil {
		o.Tests = DefaultTests()
	}
	return pathglob.Match(o.Tests, rel) && !strings.HasPrefix(rel, "../")
}

// Find returns what a change to the files at changed (paths relative to the project root)
// affects.
func Find(p Project, changed []string, o Options) Result {
	if o.Tests == nil {
		o.Tests = DefaultTests()
	}
	if o.All == nil {
		o.All = DefaultAll()
	}
	g := newGraph(p)
	res := Result{Why: map[string]Reason{}}
	seen := map[string]bool{}
	var seeds []int32
	missing := map[string]bool{}
	for _, c := range changed {
		c = clean(c)
		if seen[c] {
			continue
		}
		seen[c] = true
		res.Changed = append(res.Changed, c)
		if pathglob.Match(o.All, c) {
			res.All = append(res.All, c)
		}
		if id, ok := g.byFile[c]; ok {
			seeds = append(seeds, id)
		} else if m := g.moduleOf(c); m != "" {
			missing[m] = true
		}
	}
	sort.Strings(res.Changed)
	sort.Strings(res.All)

	// A deleted module: whatever still imports it by name is changed in effect.
	if len(missing) > 0 {
		for ei := range g.g.Edges {
			e := &g.g.Edges[ei]
			if !runs(e.Kind) {
				continue
			}
			for m := range missing {
				if imports.Within(e.Imported, m) || e.Name != "" && e.Imported+"."+e.Name == m {
					if id, ok := g.ids[e.Importer]; ok {
						seeds = append(seeds, id)
						g.missingVia[id] = m
					}
				}
			}
		}
	}
	next := g.reach(seeds)

	for id, n := range next {
		if n != unreached && g.isModule[id] {
			res.Modules = append(res.Modules, g.names[id])
		}
	}
	for m := range missing {
		res.Modules = append(res.Modules, m)
	}
	sort.Strings(res.Modules)

	chain := func(id int32) (out []string, deleted bool) {
		for {
			out = append(out, g.names[id])
			n := next[id]
			if n == id {
				if m := g.missingVia[id]; m != "" {
					return append(out, m), true
				}
				return out, false
			}
			id = n
		}
	}
	for _, f := range p.Files {
		if !IsTest(o, f.Rel) {
			continue
		}
		id := g.byFile[f.Rel]
		var why Reason
		switch {
		case next[id] != unreached:
			why.Chain, why.Deleted = chain(id)
		default:
			for _, cf := range conftests(f.Rel) {
				if cid, ok := g.byFile[cf]; ok && next[cid] != unreached {
					why.Conftest = cf
					why.Chain, why.Deleted = chain(cid)
					break
				}
			}
			if why.Chain == nil && len(res.All) > 0 {
				why.All = res.All[0]
			}
		}
		if why.Chain != nil || why.All != "" {
			res.Tests = append(res.Tests, f.Rel)
			res.Why[f.Rel] = why
		}
	}
	sort.Strings(res.Tests)
	return res
}

// conftests returns the conftest.py files that pytest loads for a test at rel: in its
// directory and each directory above, up to the project root; the closest first.
func conftests(rel string) []string {
	var out []string
	dir := path.Dir(rel)
	for {
		if dir == "." {
			return append(out, "conftest.py")
		}
		out = append(out, dir+"/conftest.py")
		dir = path.Dir(dir)
	}
}

func runs(k imports.Kind) bool { return k == imports.KindModule || k == imports.KindFunction }

func clean(p string) string {
	p = path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return strings.TrimPrefix(p, "./")
}

const unreached = -1

// graph is the runtime import graph as the search needs it: a node per module and per
// script, and for each node the nodes that depend on it.
type graph struct {
	g          *imports.Graph
	names      []string
	isModule   []bool
	ids        map[string]int32 // module name, or a script's path -> node
	byFile     map[string]int32 // file -> its node
	users      [][]int32        // node -> the nodes that import it, or are in the package it is
	roots      []string
	missingVia map[int32]string // a node that imports a deleted module -> that module
}

func newGraph(p Project) *graph {
	g := &graph{g: p.Graph, ids: map[string]int32{}, byFile: map[string]int32{}, roots: p.Graph.Roots, missingVia: map[int32]string{}}
	add := func(name string, module bool) int32 {
		if id, ok := g.ids[name]; ok {
			return id
		}
		id := int32(len(g.names))
		g.ids[name] = id
		g.names = append(g.names, name)
		g.isModule = append(g.isModule, module)
		return id
	}
	for _, m := range p.Graph.Modules {
		id := add(m.Name, true)
		if m.Path != "" {
			g.byFile[m.Path] = id
		}
	}
	for _, f := range p.Files {
		if f.Module != "" {
			g.byFile[f.Rel] = add(f.Module, true) // a stub beside its .py, a second copy of a module
		} else {
			g.byFile[f.Rel] = add(f.Rel, false) // a script: the graph names it by its path
		}
	}
	for _, e := range p.Graph.Edges {
		if runs(e.Kind) && e.Category == imports.FirstParty {
			add(e.Importer, false)
		}
	}
	g.users = make([][]int32, len(g.names))
	for ei := range p.Graph.Edges {
		e := &p.Graph.Edges[ei]
		if !runs(e.Kind) {
			continue
		}
		var to int32
		ok := false
		switch e.Category {
		case imports.FirstParty:
			to, ok = g.ids[strings.TrimSuffix(e.Imported, ".__init__")]
		case imports.Unresolved:
			// A module missing from a package of the project: importing it runs the
			// packages above it before it fails (or is caught), so the importer reaches the
			// deepest of them that exists.
			for m := e.Imported; !ok; {
				i := strings.LastIndexByte(m, '.')
				if i < 0 {
					break
				}
				m = m[:i]
				to, ok = g.ids[m]
			}
		}
		if !ok {
			continue
		}
		from := g.ids[e.Importer]
		g.users[to] = append(g.users[to], from)
	}
	// A module runs its package's __init__ first.
	for id, name := range g.names {
		if !g.isModule[id] {
			continue
		}
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			if pkg, ok := g.ids[name[:i]]; ok {
				g.users[pkg] = append(g.users[pkg], int32(id))
			}
		}
	}
	return g
}

// moduleOf returns the module name a file at rel (a deleted one) had: its path below the
// source root that holds it, or "" when it is no Python file under a source root.
func (g *graph) moduleOf(rel string) string {
	var stem string
	switch {
	case strings.HasSuffix(rel, ".py"):
		stem = strings.TrimSuffix(rel, ".py")
	case strings.HasSuffix(rel, ".pyi"):
		stem = strings.TrimSuffix(rel, ".pyi")
	default:
		return ""
	}
	best := ""
	found := false
	for _, r := range g.roots {
		under := stem
		if r != "." && r != "" {
			if !strings.HasPrefix(stem, r+"/") {
				continue
			}
			under = stem[len(r)+1:]
		}
		// The deepest root wins, as a file belongs to the closest one.
		if !found || len(under) < len(best) {
			best, found = under, true
		}
	}
	if !found {
		return ""
	}
	best = strings.TrimSuffix(best, "/__init__")
	if best == "__init__" || strings.HasPrefix(best, "../") {
		return ""
	}
	return strings.ReplaceAll(best, "/", ".")
}

// reach returns, for each node, the next node on a shortest way from it to a seed (the node
// itself for a seed), or unreached.
func (g *graph) reach(seeds []int32) []int32 {
	next := make([]int32, len(g.names))
	for i := range next {
		next[i] = unreached
	}
	queue := make([]int32, 0, len(seeds))
	for _, s := range seeds {
		if next[s] == unreached {
			next[s] = s
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, u := range g.users[n] {
			if next[u] == unreached {
				next[u] = n
				queue = append(queue, u)
			}
		}
	}
	return next
}
