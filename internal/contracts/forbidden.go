package contracts

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// forbidden checks a Forbidden contract.
func (v *view) forbidden(s *Forbidden) {
	src := v.set()
	for _, e := range s.Sources {
		v.expand(e, s.ExactModules, src, "source module")
	}
	dst := v.set()
	var external []string
	firstPartyTops := map[string]bool{}
	for _, n := range v.x.names {
		firstPartyTops[top(n)] = true
	}
	for _, e := range s.Forbidden {
		if v.x.expand(e, s.ExactModules, dst) {
			continue
		}
		if strings.Contains(e, "*") || firstPartyTops[top(e)] {
			v.contractError(0, "forbidden module %q matches no module of the project", e)
			continue
		}
		external = append(external, e)
	}
	for i := range dst {
		if src[i] {
			dst[i] = false // a module is never forbidden from importing itself
		}
	}
	through := func(i int) bool { return !src[i] }
	v.violations(CodeForbidden, src, dst, through, s.AllowIndirect, func(string, string) string {
		return "forbidden"
	})
	if len(external) > 0 {
		v.forbiddenExternal(src, external, through, s.AllowIndirect)
	}
}

// isExternal reports whether an import of a module outside the project is one of names (a
// name stands for its submodules too).
func isExternal(e *imports.Edge, names []string) (string, bool) {
	for _, n := range names {
		if imports.Within(e.Imported, n) {
			return n, true
		}
	}
	return "", false
}

// forbiddenExternal reports imports of forbidden packages outside the project: those of the
// sources, then chains from the sources to other modules that import them.
func (v *view) forbiddenExternal(src []bool, names []string, through func(int) bool, directOnly bool) {
	users := v.set()
	witness := map[int32]int32{} // module -> its first import of a forbidden package
	for u := range v.ext {
		for _, ei := range v.ext[u] {
			e := &v.g.Edges[ei]
			n, ok := isExternal(e, names)
			if !ok {
				continue
			}
			if src[u] {
				v.report(CodeForbidden, []int32{ei}, fmt.Sprintf("%s is forbidden", n))
			} else if !users[u] {
				users[u] = true
				witness[int32(u)] = ei
			}
		}
	}
	if directOnly {
		return
	}
	removed := map[int32]bool{}
	for n := 0; n < maxChains; n++ {
		c := v.chain(src, users, through, removed, false)
		if c == nil {
			return
		}
		removed[c[0]] = true
		last := v.x.id[v.g.Edges[c[len(c)-1]].Imported]
		ext := witness[int32(last)]
		name, _ := isExternal(&v.g.Edges[ext], names)
		v.report(CodeForbidden, append(c, ext), fmt.Sprintf("%s is forbidden", name))
	}
}
