package contracts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// forbidden checks a Forbidden contract. As import-linter does, a source and a forbidden
// module that overlap (the same module, or, unless ExactModules, one holds the other) are not
// checked against each other; every other pair is, also when another source overlaps.
func (v *view) forbidden(s *Forbidden) {
	var roots []int // the modules the source expressions match
	for _, e := range s.Sources {
		ms := v.matching(e)
		if len(ms) == 0 {
			v.missing(e, "source module", failsOnMissing)
		}
		roots = append(roots, ms...)
	}
	var targets []int // the modules the forbidden expressions match
	var external []string
	for _, e := range s.Forbidden {
		if ms := v.matching(e); len(ms) > 0 {
			targets = append(targets, ms...)
			continue
		}
		if v.isExternal(e) {
			external = append(external, e)
			continue
		}
		v.missing(e, "forbidden module", skipsMissing)
	}
	slices.Sort(roots)
	roots = slices.Compact(roots)
	slices.Sort(targets)
	targets = slices.Compact(targets)
	overlaps := func(r, t int) bool {
		return r == t || !s.ExactModules && (v.x.within(r, t) || v.x.within(t, r))
	}
	overlap := false
	for _, r := range roots {
		for _, t := range targets {
			overlap = overlap || overlaps(r, t)
		}
	}
	if !overlap {
		// The usual case: one search from every source at once.
		src, dst := v.set(), v.set()
		for _, r := range roots {
			v.mark(r, s.ExactModules, src)
		}
		for _, t := range targets {
			v.mark(t, s.ExactModules, dst)
		}
		through := func(i int) bool { return !src[i] }
		v.violations(CodeForbidden, src, dst, through, s.AllowIndirect, "forbidden")
		if len(external) > 0 {
			v.forbiddenExternal(src, external, through, s.AllowIndirect)
		}
		return
	}
	// Sources and forbidden modules overlap: each source on its own, against the forbidden
	// modules that do not overlap it.
	for _, r := range roots {
		from, to := v.set(), v.set()
		v.mark(r, s.ExactModules, from)
		for _, t := range targets {
			if !overlaps(r, t) {
				v.mark(t, s.ExactModules, to)
			}
		}
		through := func(i int) bool { return !from[i] }
		v.violations(CodeForbidden, from, to, through, s.AllowIndirect, "forbidden")
		if len(external) > 0 {
			v.forbiddenExternal(from, external, through, s.AllowIndirect)
		}
	}
}

// isExternal reports whether a module expression that matches no module of the contract's
// graph names a package from outside it: a plain name outside Within under a GrimpGraph (for
// import-linter, what is not in the root packages is external), else one whose top-level name
// is none of the project's.
func (v *view) isExternal(e string) bool {
	if strings.Contains(e, "*") {
		return false
	}
	if v.grimp != nil {
		for _, w := range v.c.Within {
			if imports.Within(e, w) {
				return false
			}
		}
		return true
	}
	return !v.x.tops[top(e)]
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

// externalMatch is externalMatch for an import of the contract: under a GrimpGraph, an
// import is of the one name grimp gives its package, and names match it exactly.
func (v *view) externalMatch(ei int32, names []string) (string, bool) {
	if v.grimp != nil {
		n := v.extName[ei]
		return n, slices.Contains(names, n)
	}
	return externalMatch(&v.g.Edges[ei], names)
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
			n, ok := v.externalMatch(int32(ei), names)
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
		last := v.dest(c[len(c)-1])
		ext := witness[int32(last)]
		name, _ := v.externalMatch(ext, names)
		v.report(CodeForbidden, append(c, ext), fmt.Sprintf("%s is forbidden", name))
	})
}
