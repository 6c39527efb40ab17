package pkgmetrics

import (
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/workspace"
)

// FromWorkspace computes the package metrics of a loaded project: its graph's modules and
// first-party imports, and the classes its files' metrics counted (load it with Metrics on,
// for every file). It also returns, per package, the files of its modules (relative to the
// project root), to show the packages of some paths only.
func FromWorkspace(ws *workspace.Workspace) ([]Package, map[string][]string) {
	byModule := map[string]Module{}
	for _, m := range ws.ImportGraph().Modules {
		byModule[m.Name] = Module{Name: m.Name, Package: m.Package}
	}
	files := map[string][]string{}
	for _, f := range ws.Files {
		m, ok := byModule[f.Module]
		if f.Module == "" || !ok {
			continue
		}
		if f.Metrics != nil {
			m.Classes += f.Metrics.Classes
			m.Abstract += f.Metrics.Abstract
		}
		byModule[f.Module] = m
		for _, p := range enclosing(f.Module) {
			files[p] = append(files[p], f.Rel)
		}
	}
	mods := make([]Module, 0, len(byModule))
	for _, m := range ws.ImportGraph().Modules {
		mods = append(mods, byModule[m.Name])
	}
	var edges []Edge
	for _, e := range ws.ImportGraph().Edges {
		if e.Category == imports.FirstParty {
			edges = append(edges, Edge{From: e.Importer, To: e.Imported})
		}
	}
	return Compute(mods, edges), files
}
