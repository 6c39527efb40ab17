package contracts

import "fmt"

// protected checks a Protected contract: direct imports only. Each protected module is
// checked on its own (as import-linter does): an import of it, or (unless ExactModules) of
// one of its descendants, is a violation unless the importer is an allowed importer or is
// inside that same protected module.
func (v *view) protected(s *Protected) {
	isRoot := make([]bool, len(v.x.names))
	var external []string // protected packages from outside the project
	for _, e := range s.Modules {
		ms := v.matching(e)
		if len(ms) == 0 && v.isExternal(e) {
			if v.grimp != nil && !v.extSeen[e] {
				// grimp's graph has an external package only when something imports it, and
				// import-linter fails on a protected module that is not in the graph.
				v.contractError(v.at(e), "protected module %q is not imported by any module of the root packages, so import-linter's graph does not have it (import-linter fails on it too)", e)
			}
			external = append(external, e)
			continue
		}
		if len(ms) == 0 {
			v.missing(e, "protected module", failsOnMissing)
		}
		for _, m := range ms {
			isRoot[m] = true
		}
	}
	allowed := v.set()
	for _, e := range s.AllowedImporters {
		ms := v.matching(e)
		if len(ms) == 0 {
			// import-linter looks for the descendants of an allowed importer (and fails when
			// there is no such module) only when it takes modules as packages.
			how := skipsMissing
			if !s.ExactModules {
				how = failsOnMissing
			}
			v.missing(e, "allowed importer", how)
		}
		for _, m := range ms {
			v.mark(m, s.ExactModules, allowed)
		}
	}
	seen := once{}
	for u := range v.out {
		if allowed[u] {
			continue
		}
		for _, ei := range v.ext[u] {
			e := &v.g.Edges[ei]
			if n, ok := v.externalMatch(ei, external); ok && seen.first(e, n) {
				v.report(CodeProtected, []int32{ei}, fmt.Sprintf("%s is protected: only its allowed importers may import it", n))
			}
		}
		for _, h := range v.out[u] {
			t := int(h.to)
			for a := t; a >= 0; a = v.x.parent[a] {
				if s.ExactModules && a != t {
					break
				}
				if !isRoot[a] || !s.ExactModules && v.x.within(u, a) || s.ExactModules && u == a {
					continue
				}
				v.report(CodeProtected, []int32{h.edge}, fmt.Sprintf("%s is protected: only its allowed importers may import it", v.x.names[a]))
				break
			}
		}
	}
}
