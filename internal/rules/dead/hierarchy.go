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
func Hierarchies(in Input) []ClassChain { return NewProject(in).Hierarchies() }

// Hierarchies returns every top-level class of the project's modules with its longest chain
// of first-party ancestors (see the function Hierarchies).
func (pr *Project) Hierarchies() []ClassChain {
	p, in := pr.p, pr.p.in
	// Keyed by module and class: "module.Class" made for every look-up was a third of it.
	memo := map[modClass][]string{}
	var chain func(c classAt, depth int) []string
	chain = func(c classAt, depth int) []string {
		key := modClass{c.file.Module, c.def.Name}
		if ch, ok := memo[key]; ok {
			return ch
		}
		memo[key] = nil // a cycle stops here
		var best []string
		if depth < 64 {
			for _, b := range c.def.Bases {
				base, ok := p.resolveClass(c.file, b)
				if !ok {
					continue
				}
				if (modClass{base.file.Module, base.def.Name}) == key {
					continue
				}
				if up := chain(base, depth+1); len(up)+1 > len(best) {
					best = append([]string{base.file.Module + "." + base.def.Name}, up...)
				}
			}
		}
		memo[key] = best
		return best
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
			out = append(out, ClassChain{Path: f.Path, Line: d.Line, Col: d.Col, EndCol: d.EndCol, Class: f.Module + "." + d.Name, Chain: chain(c, 0)})
		}
	}
	return out
}
