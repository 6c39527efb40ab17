package contracts

import "fmt"

// independence checks an Independence contract.
func (v *view) independence(s *Independence) {
	type member struct {
		name string
		set  []bool
	}
	var members []member
	any := v.set()
	for _, e := range s.Modules {
		for _, m := range v.x.matching(e) {
			set := v.set()
			v.x.expand(v.x.names[m], false, set)
			members = append(members, member{v.x.names[m], set})
			for i, ok := range set {
				if ok {
					any[i] = true
				}
			}
		}
		if len(v.x.matching(e)) == 0 {
			v.contractError(0, "module %q matches no module of the project", e)
		}
	}
	through := func(i int) bool { return !any[i] }
	for _, a := range members {
		for _, b := range members {
			if a.name == b.name {
				continue
			}
			v.violations(CodeIndependence, a.set, b.set, through, false, func(string, string) string {
				return fmt.Sprintf("%s and %s must be independent", a.name, b.name)
			})
		}
	}
}
