package dead

import "github.com/buttresspy/buttress/internal/usage"

// ClassChain is a first-party class with the longest line of the project's own classes above
// it: Chain[0] is a base of the class, each next one a base of the one before. Bases outside
// the project (the standard library's, a third party's) end a line.
type ClassChain struct {
	Path              string // the class's file, relative to the project root
	Line, Col, EndCol int    // where its name is
	Class             string // module.Class
	Chain             []string
}

// Hierarchies returns every top-level class of the project's modules with its longest chain
// of first-party ancestors, resolving bases through imports and re-exports as the DEAD rules
// do (a base imported from a package that re-exports it is found where it is defined). A
// cycle of bases (not valid Python at run time) ends the chain where it closes.
func Hierarchies(in Input) []ClassChain { return NewProject(in).Hierarchies(-1) }

// Hierarchies returns the top-level classes of the project's modules whose longest chain of
// first-party ancestors (see the function Hierarchies) holds more than over classes, with
// that chain.
func (pr *Project) Hierarchies(over int) []ClassChain {
	p, in := pr.p, pr.p.in
	// Each class's chain is its length and its first base, the rest being that base's own
	// chain: the names of a chain are made only for a class reported (a list of
	// "module.Class" strings for every class of the project was most of the work). Keyed by
	// module and class: "module.Class" made for every look-up was a third of it.
	type link struct {
		n    int     // the length of the chain
		base classAt // its first class, when n > 0
	}
	memo := make(map[modClass]link, len(p.classes))
	var chain func(c classAt, depth int) int
	chain = func(c classAt, depth int) int {
		key := modClass{c.file.Module, c.def.Name}
		if l, ok := memo[key]; ok {
			return l.n
		}
		memo[key] = link{} // a cycle stops here
		var best link
		if depth < 64 {
			for _, b := range c.def.Bases {
				base, ok := p.resolveClass(c.file, b)
				if !ok {
					continue
				}
				if (modClass{base.file.Module, base.def.Name}) == key {
					continue
				}
				if up := chain(base, depth+1); up+1 > best.n {
					best = link{up + 1, base}
				}
			}
		}
		memo[key] = best
		return best.n
	}
	var out []ClassChain
	for i := range in.Files {
		f := &in.Files[i]
		if f.Facts == nil || f.Module == "" {
			continue
		}
		for j := range f.Facts.Defs {
			d := &f.Facts.Defs[j]
			if d.Kind != usage.Class {
				continue
			}
			c := classAt{def: d, file: f}
			n := chain(c, 0)
			if n <= over {
				continue
			}
			// The chain as it was when the class's was made: its first base, then the first
			// n-1 of that base's (a base met in a cycle, whose chain was then empty, is the
			// last: n is 1 there).
			names := make([]string, 0, n)
			for l := memo[modClass{f.Module, d.Name}]; len(names) < n && l.n > 0; l = memo[modClass{l.base.file.Module, l.base.def.Name}] {
				names = append(names, l.base.file.Module+"."+l.base.def.Name)
			}
			out = append(out, ClassChain{Path: f.Path, Line: int(d.Line), Col: int(d.Col), EndCol: int(d.EndCol), Class: f.Module + "." + d.Name, Chain: names})
		}
	}
	return out
}
