package imports

import "sort"

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
	n := 0
	for _, src := range sources {
		n += len(src.Imports)
	}
	edges := make([]Edge, 0, n) // one per import at most: growing it was a tenth of a cached run
	var problems []Problem
	for _, src := range sources {
		edges, problems = resolveSource(src, table, edges, problems)
	}
	return NewGraph(roots, modules, edges), problems
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
		edges = append(edges, Edge{
			Importer: importer, Imported: target, Name: name, Path: src.Path, Line: s.Line, Col: s.Col, CharCol: s.CharCol, StmtLine: s.StmtLine,
			EndLine: s.EndLine, EndCol: s.EndCol,
			Kind: s.Kind, Guarded: s.Guarded, InTypeCheckingIf: s.InTypeCheckingIf, Comment: s.Comment, Category: cat,
		})
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
