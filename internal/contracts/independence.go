package contracts

import "fmt"

// independence checks an Independence contract: one search from each module finds the
// others it reaches, and only those pairs are searched for every chain.
func (v *view) independence(s *Independence) {
	var ms members
	seen := map[int]bool{}
	for _, e := range s.Modules {
		found := v.matching(e)
		if len(found) == 0 {
			v.missing(e, "module", failsOnMissing)
		}
		for _, m := range found {
			if seen[m] {
				continue // matched by two expressions: one module
			}
			seen[m] = true
			if !ms.add(v, m) {
				return
			}
		}
	}
	for a := range ms.names {
		for b, ok := range ms.reached(v, a) {
			if !ok {
				continue
			}
			v.violations(CodeIndependence, ms.sets[a], ms.sets[b], ms.outside, false,
				fmt.Sprintf("%s and %s must be independent", ms.names[a], ms.names[b]))
		}
	}
}
