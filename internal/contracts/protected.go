package contracts

import "fmt"

// protected checks a Protected contract: direct imports only.
func (v *view) protected(s *Protected) {
	root := make([]int, len(v.x.names)) // the protected module each module is under, plus one
	for _, e := range s.Modules {
		ms := v.x.matching(e)
		if len(ms) == 0 {
			v.contractError(0, "protected module %q matches no module of the project", e)
		}
		for _, m := range ms {
			if s.ExactModules {
				root[m] = m + 1
				continue
			}
			lo, hi := v.x.subtree(m)
			for i := lo; i < hi; i++ {
				if root[i] == 0 {
					root[i] = m + 1
				}
			}
		}
	}
	allowed := v.set()
	for _, e := range s.AllowedImporters {
		v.expand(e, s.ExactModules, allowed, "allowed importer")
	}
	for u := range v.out {
		if allowed[u] {
			continue
		}
		for _, h := range v.out[u] {
			r := root[h.to]
			if r == 0 {
				continue
			}
			if !s.ExactModules {
				if lo, hi := v.x.subtree(r - 1); u >= lo && u < hi {
					continue // inside the same protected package
				}
			} else if u == int(h.to) {
				continue
			}
			v.report(CodeProtected, []int32{h.edge}, fmt.Sprintf("%s is protected: only its allowed importers may import it", v.x.names[r-1]))
		}
	}
}
