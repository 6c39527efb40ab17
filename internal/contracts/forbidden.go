package contracts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// forbidden checks a Forbidden contract. As import-linter does, a source and a forbidden
// module that overlap (one holds the other) are not checked against each other; every other
// pair is, also when another source overlaps.
func (v *view) forbidden(s *Forbidden) {
	var roots []int // the modules the source expressions match
	src := v.set()
	for _, e := range s.Sources {
		ms := v.x.matching(e)
		if len(ms) == 0 {
			v.contractError(0, "source module %q matches no module of the project", e)
		}
		for _, m := range ms {
			roots = append(roots, m)
			v.x.expand(v.x.names[m], s.ExactModules, src)
		}
	}
	dst := v.set()
	var external []string
	for _, e := range s.Forbidden {
		if v.x.expand(e, s.ExactModules, dst) {
			continue
		}
		if strings.Contains(e, "*") || v.x.tops[top(e)] {
			v.contractError(0, "forbidden module %q matches no module of the project", e)
			continue
		}
		external = append(external, e)
	}
	overlap := false
	for i := range dst {
		if src[i] && dst[i] {
			overlap = true
			break
		}
	}
	if !overlap {
		// The usual case: one search from every source at once.
		through := func(i int) bool { return !src[i] }
		v.violations(CodeForbidden, src, dst, through, s.AllowIndirect, "forbidden")
		if len(external) > 0 {
			v.forbiddenExternal(src, external, through, s.AllowIndirect)
		}
		return
	}
	// Sources and forbidden modules overlap: each source on its own, against the forbidden
	// modules outside it (and, as import-linter, never a source inside a forbidden module
	// against that module).
	slices.Sort(roots)
	roots = slices.Compact(roots)
	done := make([]bool, len(v.x.names))
	for _, r := range roots {
		if done[r] {
			continue
		}
		from := v.set()
		v.x.expand(v.x.names[r], s.ExactModules, from)
		for i, ok := range from {
			if ok && !s.ExactModules {
				done[i] = true // a source inside another is covered by it
			}
		}
		to := v.set()
		for i, ok := range dst {
			to[i] = ok && !from[i] && !v.holds(i, r, dst)
		}
		through := func(i int) bool { return !from[i] }
		v.violations(CodeForbidden, from, to, through, s.AllowIndirect, "forbidden")
		if len(external) > 0 {
			v.forbiddenExternal(from, external, through, s.AllowIndirect)
		}
	}
}

// holds reports whether the forbidden module i is part of a forbidden package that holds
// the source module r (so the two overlap): some ancestor of r, or r itself, is forbidden
// and is i's ancestor or i.
func (v *view) holds(i, r int, dst []bool) bool {
	for a := r; a >= 0; a = v.x.parent[a] {
		if dst[a] && v.x.within(i, a) {
			return true
		}
	}
	return false
}

// externalMatch returns the entry of names (package names, each standing for its
// submodules too) that an import from outside the project is of: `import a.b` is of "a" and
// "a.b"; `from a import b` also of "a.b" (b may be a submodule).
func externalMatch(e *imports.Edge, names []string) (string, bool) {
	for _, n := range names {
		if imports.Within(e.Imported, n) || e.Name != "" && e.Name != "*" && imports.Within(e.Imported+"."+e.Name, n) {
			return n, true
		}
	}
	return "", false
}

// once reports whether a finding about name at the import's statement is new: `from x
// import a, b` is one import of x.
type once map[string]bool

func (o once) first(e *imports.Edge, name string) bool {
	k := fmt.Sprintf("%s:%d:%s", e.Path, e.Line, name)
	if o[k] {
		return false
	}
	o[k] = true
	return true
}

// forbiddenExternal reports imports of forbidden packages outside the project: those of the
// sources, then chains from the sources to other modules that import them.
func (v *view) forbiddenExternal(src []bool, names []string, through func(int) bool, directOnly bool) {
	users := v.set()
	witness := map[int32]int32{} // module -> its first import of a forbidden package
	seen := once{}
	for u := range v.ext {
		for _, ei := range v.ext[u] {
			e := &v.g.Edges[ei]
			n, ok := externalMatch(e, names)
			if !ok {
				continue
			}
			if src[u] {
				if seen.first(e, n) {
					v.report(CodeForbidden, []int32{ei}, fmt.Sprintf("%s is forbidden", n))
				}
			} else if !users[u] {
				users[u] = true
				witness[int32(u)] = ei
			}
		}
	}
	if directOnly {
		return
	}
	v.chains(CodeForbidden, src, users, through, false, func(c []int32) {
		last := v.x.id[v.g.Edges[c[len(c)-1]].Imported]
		ext := witness[int32(last)]
		name, _ := externalMatch(&v.g.Edges[ext], names)
		v.report(CodeForbidden, append(c, ext), fmt.Sprintf("%s is forbidden", name))
	})
}
