package imports

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Source is what the graph needs of one file: its module and its import statements.
type Source struct {
	Module  string // "" for a file that is not importable (a script); its imports still count
	Package bool
	Path    string // relative to the project root
	Imports []Stmt
}

// Problem is an import that cannot be resolved at all.
type Problem struct {
	Path      string
	Line, Col int
	Msg       string
}

// Build resolves every import of the sources and returns the graph. modules lists every
// first-party module (the nodes); table resolves against the same modules.
func Build(roots []string, modules []Module, sources []Source, table *Table) (*Graph, []Problem) {
	parts := make([]Part, len(sources))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sources)/64+1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(sources) {
					return
				}
				parts[i] = Resolve(sources[i], table)
			}
		}()
	}
	wg.Wait()
	return Assemble(roots, modules, sources, parts)
}

// Part is what the imports of one source give the graph: where each import leads, in the
// order of the graph's edges, and the problems of the imports that cannot be resolved.
type Part struct {
	resolved []resolved
	Problems []Problem
	// pending is the encoding of resolved, not decoded yet (DecodePartLazy, Load), for a
	// source of stmts import statements.
	pending string
	stmts   int32
}

// resolved is an import of a source, resolved: its edge is made from it and its statement
// only once the graph is assembled, so that the parts kept while the other files are
// parsed are a sixth of the size of the edges.
type resolved struct {
	imported string // "" when it is the statement's Module
	stmt     int32  // index in Source.Imports
	cat      Category
	noName   bool // the edge's Name is "", not the statement's
}

// target is the imported module of r, an import of src.
func (r *resolved) target(src *Source) string {
	if r.imported == "" {
		return src.Imports[r.stmt].Module
	}
	return r.imported
}

// name is the edge's Name of r, an import of src.
func (r *resolved) name(src *Source) string {
	if r.noName {
		return ""
	}
	return src.Imports[r.stmt].Name
}

// Resolve resolves the imports of one source, for Assemble: a caller that gets the sources
// one at a time (as their files are parsed) resolves each as it comes, and only the
// assembly is left once the last one is.
func Resolve(src Source, table *Table) Part {
	var p Part
	for k, s := range src.Imports {
		target, name, cat, problem := table.resolve(src.Module, src.Package, s)
		if problem != "" {
			p.Problems = append(p.Problems, Problem{Path: src.Path, Line: s.Line, Col: s.Col, Msg: problem})
			continue
		}
		if p.resolved == nil {
			p.resolved = make([]resolved, 0, len(src.Imports)-k)
		}
		r := resolved{imported: target, stmt: int32(k), cat: cat, noName: name != s.Name}
		if target == s.Module {
			r.imported = ""
		}
		p.resolved = append(p.resolved, r)
	}
	// The edges of one source share their importer and path: they sort by imported module,
	// line and column (edgeLess).
	rs := p.resolved
	less := func(a, b *resolved) bool {
		if ta, tb := a.target(&src), b.target(&src); ta != tb {
			return ta < tb
		}
		sa, sb := &src.Imports[a.stmt], &src.Imports[b.stmt]
		if sa.Line != sb.Line {
			return sa.Line < sb.Line
		}
		return sa.Col < sb.Col
	}
	if len(rs) > 64 {
		sort.Slice(rs, func(i, j int) bool { return less(&rs[i], &rs[j]) })
	} else {
		for i := 1; i < len(rs); i++ {
			for j := i; j > 0 && less(&rs[j], &rs[j-1]); j-- {
				rs[j], rs[j-1] = rs[j-1], rs[j]
			}
		}
	}
	return p
}

// Assemble makes the graph of the sources from their parts (parts[i] is Resolve of
// sources[i]), and returns it with the problems of all the parts, in the order of the
// sources.
func Assemble(roots []string, modules []Module, sources []Source, parts []Part) (*Graph, []Problem) {
	// The parts are taken in the order of their importers: the edges come out in the order
	// of the graph without sorting them all (a module and its stub share an importer: their
	// edges are sorted together).
	importer := func(i int32) string {
		if m := sources[i].Module; m != "" {
			return m
		}
		return sources[i].Path
	}
	order := make([]int32, len(sources))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(importer(a), importer(b)) })
	// at[k] is where the edges of the source order[k] start.
	at := make([]int, len(order)+1)
	for k, i := range order {
		parts[i].Load() // callers Load first, to resolve again a part that does not decode
		at[k+1] = at[k] + len(parts[i].resolved)
	}
	edges := make([]Edge, at[len(order)])
	// fill makes the edges of the sources order[from:to], which start a group of sources
	// with one importer and end one.
	fill := func(from, to int) {
		group := from // the first source of the current importer
		for k := from; k < to; k++ {
			i := order[k]
			name := importer(i)
			if k > group && name != importer(order[k-1]) {
				if k-group > 1 {
					sortEdges(edges[at[group]:at[k]])
				}
				group = k
			}
			src := &sources[i]
			out := edges[at[k]:at[k+1]]
			for j, r := range parts[i].resolved {
				out[j] = newEdge(name, src, &src.Imports[r.stmt], r.target(src), r.name(src), r.cat)
			}
		}
		if to-group > 1 {
			sortEdges(edges[at[group]:at[to]])
		}
	}
	// The edges are made by a goroutine a core, each for a run of importers with about as
	// many edges as the others (129,000 edges, 17.5 MB, on the 3.11 site-packages: on one
	// core, a third of what is left to do once the last file is parsed). The modules are
	// indexed meanwhile.
	byName := func(a, b Module) int { return strings.Compare(a.Name, b.Name) }
	if !slices.IsSortedFunc(modules, byName) {
		slices.SortFunc(modules, byName)
	}
	var index map[string]int
	var wg sync.WaitGroup
	wg.Go(func() { index = moduleIndex(modules) })
	workers := min(runtime.GOMAXPROCS(0), len(edges)/4096+1)
	from := 0
	for w := 1; w <= workers && from < len(order); w++ {
		to := len(order)
		if w < workers {
			// The first source past this worker's share of the edges, moved on to the start
			// of a group: a group is sorted whole, by one worker.
			to, _ = slices.BinarySearch(at[:len(order)], len(edges)*w/workers)
			to = max(to, from+1)
			for to < len(order) && importer(order[to]) == importer(order[to-1]) {
				to++
			}
		}
		start := from
		wg.Go(func() { fill(start, to) })
		from = to
	}
	var all []Problem
	for _, p := range parts {
		all = append(all, p.Problems...)
	}
	wg.Wait()
	// The edges are in the graph's order (NewGraph's), by construction: by importer, and
	// within one by Resolve (one source) or sortEdges (several).
	return &Graph{Roots: roots, Modules: modules, Edges: edges, index: index}, all
}

// newEdge is the edge of the import s of src, which imports target.
func newEdge(importer string, src *Source, s *Stmt, target, name string, cat Category) Edge {
	return Edge{
		Importer: importer, Imported: target, Name: name, Path: src.Path, Line: s.Line, Col: s.Col, CharCol: s.CharCol, StmtLine: s.StmtLine,
		EndLine: s.EndLine, EndCol: s.EndCol,
		Kind: s.Kind, Guarded: s.Guarded, InTypeCheckingIf: s.InTypeCheckingIf, Comment: s.Comment, Category: cat,
	}
}

// sortEdges sorts a few edges (those of one file: most files have a few dozen imports at
// most) in place, comparing them by pointer, which sorting a slice of such large values by a
// comparison of values does not.
func sortEdges(edges []Edge) {
	if len(edges) > 64 {
		sort.Slice(edges, func(i, j int) bool { return edgeLess(&edges[i], &edges[j]) })
		return
	}
	for i := 1; i < len(edges); i++ {
		for j := i; j > 0 && edgeLess(&edges[j], &edges[j-1]); j-- {
			edges[j], edges[j-1] = edges[j-1], edges[j]
		}
	}
}

// resolveSource appends the edges of one source's imports, and the problems of those that
// cannot be resolved.
func resolveSource(src Source, table *Table, edges []Edge, problems []Problem) ([]Edge, []Problem) {
	importer := src.Module
	if importer == "" {
		importer = src.Path // a script: its path stands for its name
	}
	for _, s := range src.Imports {
		target, name, cat, problem := table.resolve(src.Module, src.Package, s)
		if problem != "" {
			problems = append(problems, Problem{Path: src.Path, Line: s.Line, Col: s.Col, Msg: problem})
			continue
		}
		edges = append(edges, newEdge(importer, &src, &s, target, name, cat))
	}
	return edges, problems
}

// Replace returns the graph with the imports of the file at src.Path (or none, when
// src.Imports is empty) replaced by src's, resolved with table, the one the graph was built
// with, and the problems of the new imports. The modules are those of g: a file's edit
// changes its imports, not which modules the project has. g itself is left as it was; the
// new graph shares its modules. It takes time in the number of edges, not in the number of
// files: no other file is resolved again.
func (g *Graph) Replace(src Source, table *Table) (*Graph, []Problem) {
	added, problems := resolveSource(src, table, nil, nil)
	sort.Slice(added, func(i, j int) bool { return edgeLess(&added[i], &added[j]) })
	edges := make([]Edge, 0, len(g.Edges)+len(added))
	i := 0
	for k := range g.Edges {
		e := &g.Edges[k]
		if e.Path == src.Path {
			continue
		}
		for i < len(added) && edgeLess(&added[i], e) {
			edges = append(edges, added[i])
			i++
		}
		edges = append(edges, *e)
	}
	edges = append(edges, added[i:]...)
	return &Graph{Roots: g.Roots, Modules: g.Modules, Edges: edges, index: g.index}, problems
}
