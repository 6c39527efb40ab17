package contracts

import (
	"fmt"
	"strings"
)

// protected checks a Protected contract: direct imports only. Each protected module is
// checked on its own (as import-linter does): an import of it, or (unless ExactModules) of
// one of its descendants, is a violation unless the importer is an allowed importer or is
// inside that same protected module.
func (v *view) protected(s *Protected) {
	isRoot := make([]bool, len(v.x.names))
	var external []string // protected packages from outside the project
	for _, e := range s.Modules {
		ms := v.x.matching(e)
		if len(ms) == 0 && !strings.Contains(e, "*") && !v.x.tops[top(e)] {
			external = append(external, e)
			continue
		}
		if len(ms) == 0 {
			v.contractError(0, "protected module %q matches no module of the project", e)
		}
		for _, m := range ms {
			isRoot[m] = true
		}
	}
	allowed := v.set()
	for _, e := range s.AllowedImporters {
		v.expand(e, s.ExactModules, allowed, "allowed importer")
	}
	seen := once{}
	for u := range v.out {
		if allowed[u] {
			continue
		}
		for _, ei := range v.ext[u] {
			e := &v.g.Edges[ei]
			if n, ok := externalMatch(e, external); ok && seen.first(e, n) {
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
