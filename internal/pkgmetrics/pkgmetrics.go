// Package pkgmetrics computes Robert C. Martin's package metrics (Agile Software Development,
// 2002) on a Python project's real import graph: for each package, how much the rest of the
// project leans on it, how much it leans on the rest, and how abstract it is.
//
// A package is every regular or namespace package of the project, with everything below it:
// pkg.sub is a package of its own and part of pkg. For a package P:
//
//   - Ca, afferent coupling: the modules outside P that import a module of P;
//   - Ce, efferent coupling: the modules outside P that a module of P imports;
//   - I, instability, Ce / (Ca + Ce): 0 for a package everything depends on and that depends
//     on nothing (hard to change), 1 for the reverse; undefined (nil) when Ca + Ce is 0;
//   - A, abstractness: the abstract classes of P's modules over all their classes (nested
//     ones included; abstract as metrics.IsAbstract says: an ABC, a Protocol, a class with an
//     abstract method); 0 when P has no class;
//   - D, distance from the main sequence, |A + I - 1|: 0 on the line where a package is as
//     abstract as it is stable; near 1, a concrete package everything depends on (the "zone
//     of pain") or an abstract one nothing uses (the "zone of uselessness"). nil with I.
//
// Only first-party modules count (an import of the standard library or of a third-party
// package is no coupling between the project's packages), every kind of import counts (at
// module level, in functions, under TYPE_CHECKING: a dependency of the design either way),
// and a module counts once however many imports it has.
package pkgmetrics

import (
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// Module is one first-party module of the graph.
type Module struct {
	Name     string
	Package  bool // a package (regular or namespace)
	Classes  int
	Abstract int
}

// Edge is an import between two first-party modules.
type Edge struct{ From, To string }

// Package holds the metrics of one package.
type Package struct {
	Name         string   `json:"name"`
	Modules      int      `json:"modules"` // the modules of the package, itself and below
	Classes      int      `json:"classes"`
	Abstract     int      `json:"abstract_classes"`
	Ca           int      `json:"afferent"`
	Ce           int      `json:"efferent"`
	Instability  *float64 `json:"instability"`
	Abstractness float64  `json:"abstractness"`
	Distance     *float64 `json:"distance"`
}

// Compute returns the metrics of every package among modules, sorted by name. Edges whose
// ends are not among modules are ignored, as are imports of a module by itself.
func Compute(modules []Module, edges []Edge) []Package {
	known := make(map[string]bool, len(modules))
	for _, m := range modules {
		known[m.Name] = true
	}
	// For every edge, the packages it leaves and enters: those holding one end and not the
	// other, which are the ancestors (and the package itself) of one end below the deepest
	// package holding both.
	in := map[string]map[string]bool{}  // package -> importers outside it
	out := map[string]map[string]bool{} // package -> imported modules outside it
	add := func(set map[string]map[string]bool, pkg, m string) {
		s := set[pkg]
		if s == nil {
			s = map[string]bool{}
			set[pkg] = s
		}
		s[m] = true
	}
	for _, e := range edges {
		if e.From == e.To || !known[e.From] || !known[e.To] {
			continue
		}
		for _, p := range enclosing(e.To) {
			if !imports.Within(e.From, p) {
				add(in, p, e.From)
			}
		}
		for _, p := range enclosing(e.From) {
			if !imports.Within(e.To, p) {
				add(out, p, e.To)
			}
		}
	}
	pkgs := map[string]*Package{}
	for _, m := range modules {
		if m.Package {
			pkgs[m.Name] = &Package{Name: m.Name}
		}
	}
	for _, m := range modules {
		for _, p := range enclosing(m.Name) {
			if pk := pkgs[p]; pk != nil {
				pk.Modules++
				pk.Classes += m.Classes
				pk.Abstract += m.Abstract
			}
		}
	}
	res := make([]Package, 0, len(pkgs))
	for name, pk := range pkgs {
		pk.Ca, pk.Ce = len(in[name]), len(out[name])
		if pk.Classes > 0 {
			pk.Abstractness = float64(pk.Abstract) / float64(pk.Classes)
		}
		if pk.Ca+pk.Ce > 0 {
			i := float64(pk.Ce) / float64(pk.Ca+pk.Ce)
			d := pk.Abstractness + i - 1
			if d < 0 {
				d = -d
			}
			pk.Instability, pk.Distance = &i, &d
		}
		res = append(res, *pk)
	}
	sort.Slice(res, func(i, j int) bool { return res[i].Name < res[j].Name })
	return res
}

// enclosing returns m and every name above it: a.b.c gives a.b.c, a.b, a.
func enclosing(m string) []string {
	out := []string{m}
	for {
		i := strings.LastIndexByte(m, '.')
		if i < 0 {
			return out
		}
		m = m[:i]
		out = append(out, m)
	}
}
