package contracts

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// iface checks an Interface contract: every import of a module inside a package, by a module
// outside it, must be of something the package exposes.
func (v *view) iface(s *Interface, all map[string][]string) {
	var res []*regexp.Regexp
	for _, e := range s.Expose {
		re, err := regexp.Compile("^(?:" + e + ")$")
		if err != nil {
			v.contractError(0, "expose %q is not a regular expression: %v", e, err)
			return
		}
		res = append(res, re)
	}
	useAll := s.UseAll || len(s.Expose) == 0
	pkgOf := make([]int, len(v.x.names)) // the package each module is inside, plus one
	for _, e := range s.Packages {
		ms := v.x.matching(e)
		if len(ms) == 0 {
			v.missingModule(Origin{}, "package %q matches no module of the project", e)
		}
		for _, m := range ms {
			if useAll && all[v.x.names[m]] == nil && len(res) == 0 {
				v.contractError(0, "%s has no __all__ that buttress can read (a list or tuple of strings): list its interface in expose", v.x.names[m])
			}
			lo, hi := v.x.subtree(m)
			for i := lo; i < hi; i++ {
				if pkgOf[i] == 0 || len(v.x.names[pkgOf[i]-1]) < len(v.x.names[m]) {
					pkgOf[i] = m + 1
				}
			}
		}
	}
	for u := range v.out {
		for _, h := range v.out[u] {
			p := pkgOf[h.to]
			if p == 0 {
				continue
			}
			pkg := v.x.names[p-1]
			if lo, hi := v.x.subtree(p - 1); u >= lo && u < hi {
				continue // inside the package
			}
			// Every import of the module, not only the first: each may take another name.
			for ei := h.edge; ei < int32(len(v.g.Edges)); ei++ {
				e := &v.g.Edges[ei]
				if e.Importer != v.x.names[u] || e.Imported != v.x.names[h.to] {
					break
				}
				if !v.seesEdge[ei] {
					continue
				}
				member := strings.TrimPrefix(strings.TrimPrefix(e.Imported, pkg), ".")
				if e.Name == "*" {
					// A star import of the package takes its __all__, when it has one; of a
					// module inside it, whatever that module holds.
					if member == "" && (useAll && all[pkg] != nil) || member != "" && exposed(member, res, useAll, all[pkg]) {
						continue
					}
					what := pkg
					if member != "" {
						what = pkg + "." + member
					}
					v.reportEdge(CodeInterface, ei, fmt.Sprintf("a star import takes every public name of %s, not only its interface: import the names it exposes", what))
					continue
				}
				if e.Name != "" {
					member = strings.TrimPrefix(member+"."+e.Name, ".")
				}
				if member == "" || exposed(member, res, useAll, all[pkg]) {
					continue
				}
				v.reportEdge(CodeInterface, ei, fmt.Sprintf("%s is not part of the interface of %s", member, pkg))
			}
		}
	}
}

func exposed(member string, res []*regexp.Regexp, useAll bool, all []string) bool {
	for _, re := range res {
		if re.MatchString(member) {
			return true
		}
	}
	first, _, _ := strings.Cut(member, ".")
	return useAll && slices.Contains(all, first)
}
