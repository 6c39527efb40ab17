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
	// The modules' index is made beside the edges.
	byName := func(a, b Module) int { return strings.Compare(a.Name, b.Name) }
	if !slices.IsSortedFunc(modules, byName) {
		slices.SortFunc(modules, byName)
	}
	indexed := make(chan map[string]int, 1)
	go func() { indexed <- moduleIndex(modules) }()
	order := make([]int32, len(sources))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(importer(a), importer(b)) })
	n := 0
	for _, p := range parts {
		n += len(p.resolved)
	}
	edges := make([]Edge, 0, n)
	group, groupAt := 0, 0 // the first source of the current importer, and its first edge
	for k, i := range order {
		name := importer(i)
		if k > 0 && name != importer(order[k-1]) {
			if k-group > 1 {
				sortEdges(edges[groupAt:])
			}
			group, groupAt = k, len(edges)
		}
		src := &sources[i]
		for _, r := range parts[i].resolved {
			edges = append(edges, newEdge(name, src, &src.Imports[r.stmt], r.target(src), r.name(src), r.cat))
		}
	}
	if len(order)-group > 1 {
		sortEdges(edges[groupAt:])
	}
	var all []Problem
	for _, p := range parts {
		all = append(all, p.Problems...)
	}
	// The edges are in the graph's order (NewGraph's), by construction: by importer, and
	// within one by Resolve (one source) or sortEdges (several).
	return &Graph{Roots: roots, Modules: modules, Edges: edges, index: <-indexed}, all
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
