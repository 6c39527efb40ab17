package imports

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
				Importer: importer, Imported: target, Name: name, Path: src.Path, Line: s.Line, Col: s.Col, StmtLine: s.StmtLine,
				EndLine: s.EndLine, EndCol: s.EndCol,
				Kind: s.Kind, Guarded: s.Guarded, InTypeCheckingIf: s.InTypeCheckingIf, Comment: s.Comment, Category: cat,
			})
		}
	}
	return NewGraph(roots, modules, edges), problems
}
