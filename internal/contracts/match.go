package contracts

import (
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// expr is a compiled module expression.
type expr struct {
	text string
	segs []string
	wild bool
}

func compile(e string) expr {
	return expr{text: e, segs: strings.Split(e, "."), wild: strings.Contains(e, "*")}
}

// match reports whether the dotted name matches the expression exactly (not a descendant).
func (x expr) match(name string) bool {
	if !x.wild {
		return name == x.text
	}
	return MatchSegments(x.segs, strings.Split(name, "."), 1)
}

// MatchSegments reports whether the segments of a dotted name match those of a pattern, in
// which "*" stands for one segment and "**" for minStars or more (import-linter's "**" is
// one or more, tach's none or more).
func MatchSegments(pat, name []string, minStars int) bool {
	for len(pat) > 0 {
		switch pat[0] {
		case "**":
			for i := minStars; i <= len(name); i++ {
				if MatchSegments(pat[1:], name[i:], minStars) {
					return true
				}
			}
			return false
		case "*":
			if len(name) == 0 {
				return false
			}
		default:
			if len(name) == 0 || name[0] != pat[0] {
				return false
			}
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// index is the graph's modules by number, with what the checks need to know about them.
type index struct {
	g      *imports.Graph
	names  []string        // sorted
	id     map[string]int  // name -> number
	parent []int           // the enclosing module's number, or -1
	isPkg  []bool          // a package (or namespace package), not a plain module
	tops   map[string]bool // the top-level names of the project's modules
}

func newIndex(g *imports.Graph) *index {
	x := &index{g: g, names: make([]string, len(g.Modules)), id: make(map[string]int, len(g.Modules)), parent: make([]int, len(g.Modules)), isPkg: make([]bool, len(g.Modules))}
	for i, m := range g.Modules {
		x.names[i] = m.Name
		x.id[m.Name] = i
		x.isPkg[i] = m.Package || m.Path == ""
	}
	x.tops = map[string]bool{}
	for _, n := range x.names {
		x.tops[top(n)] = true
	}
	for i, n := range x.names {
		x.parent[i] = -1
		for p := n; ; {
			j := strings.LastIndexByte(p, '.')
			if j < 0 {
				break
			}
			p = p[:j]
			if k, ok := x.id[p]; ok {
				x.parent[i] = k
				break
			}
		}
	}
	return x
}

// subtree returns the numbers of the module and its descendants: a contiguous run, since
// names are sorted and '.' sorts before every character of an identifier.
func (x *index) subtree(i int) (lo, hi int) {
	prefix := x.names[i] + "."
	hi = i + 1 + sort.Search(len(x.names)-i-1, func(k int) bool {
		n := x.names[i+1+k]
		return !strings.HasPrefix(n, prefix)
	})
	return i, hi
}

// expand returns the modules an expression matches (with their descendants unless exact),
// as a set, and whether it matched any.
func (x *index) expand(e string, exact bool, into []bool) bool {
	c := compile(e)
	found := false
	mark := func(i int) {
		found = true
		if exact {
			into[i] = true
			return
		}
		lo, hi := x.subtree(i)
		for k := lo; k < hi; k++ {
			into[k] = true
		}
	}
	if !c.wild {
		if i, ok := x.id[e]; ok {
			mark(i)
		}
		return found
	}
	for i, n := range x.names {
		if c.match(n) {
			mark(i)
		}
	}
	return found
}

// matching returns the numbers of the modules an expression matches exactly.
func (x *index) matching(e string) []int {
	c := compile(e)
	if !c.wild {
		if i, ok := x.id[e]; ok {
			return []int{i}
		}
		return nil
	}
	var out []int
	for i, n := range x.names {
		if c.match(n) {
			out = append(out, i)
		}
	}
	return out
}

// top returns the top-level name of a dotted name.
func top(m string) string {
	if i := strings.IndexByte(m, '.'); i >= 0 {
		return m[:i]
	}
	return m
}

// within reports whether module u is module r or one of its descendants.
func (x *index) within(u, r int) bool {
	lo, hi := x.subtree(r)
	return u >= lo && u < hi
}

// owners returns, for each module, the listed module that holds it: the longest of its
// names (itself, then each package around it) that listed holds; "" when none does.
func (x *index) owners(listed func(name string) bool) []string {
	owner := make([]string, len(x.names))
	for i, n := range x.names {
		for q := n; ; {
			if listed(q) {
				owner[i] = q
				break
			}
			j := strings.LastIndexByte(q, '.')
			if j < 0 {
				break
			}
			q = q[:j]
		}
	}
	return owner
}
