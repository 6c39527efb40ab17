package contracts

import (
	"fmt"
	"strings"
)

// allowed checks an Allowed contract (tach's model) on the direct imports.
func (v *view) allowed(s *Allowed) {
	listed := map[string]*AllowedModule{}
	for i := range s.Modules {
		m := &s.Modules[i]
		listed[m.Module] = m
		if _, ok := v.x.id[m.Module]; !ok {
			v.missingModule(m.At, "module %q is not a module of the project", m.Module)
		}
	}
	layer := map[string]int{}
	for i, l := range s.Layers {
		layer[l.Name] = i
	}
	// owner[i]: the listed module that owns module i (the longest listed prefix), else the
	// root module, or nil.
	owner := make([]*AllowedModule, len(v.x.names))
	for i, o := range v.x.owners(func(n string) bool { return listed[n] != nil }) {
		owner[i] = listed[o]
		if owner[i] == nil {
			owner[i] = s.Root
		}
	}
	// Listed modules are named exactly: depends-on = ["core"] does not cover a listed
	// "core.api", which is a module of its own (wildcards do: "core.**").
	matchAny := func(exprs []string, name string) bool {
		for _, e := range exprs {
			if compile(e).match(name) {
				return true
			}
		}
		return false
	}
	for u := range v.out {
		ou := owner[u]
		if ou == nil || ou.Unchecked {
			continue
		}
		for _, h := range v.out[u] {
			ot := owner[h.to]
			if ot == nil || ot == ou {
				continue
			}
			msg := v.disallowed(s, ou, ot, layer, matchAny)
			if msg == "" {
				continue
			}
			if !v.c.EveryImport {
				v.report(CodeAllowed, []int32{h.edge}, msg)
				continue
			}
			// Every import of the module, as tach reports each.
			for ei := h.edge; ei < int32(len(v.g.Edges)); ei++ {
				e := &v.g.Edges[ei]
				if e.Importer != v.g.Edges[h.edge].Importer || e.Imported != v.g.Edges[h.edge].Imported {
					break
				}
				if v.seesEdge[ei] {
					v.report(CodeAllowed, []int32{ei}, msg)
				}
			}
		}
	}
}

// disallowed says why module a may not import module b, or "" when it may.
func (v *view) disallowed(s *Allowed, a, b *AllowedModule, layer map[string]int, matchAny func([]string, string) bool) string {
	if b.Visibility != nil && !matchAny(b.Visibility, a.Module) {
		return fmt.Sprintf("%s is not visible to %s (visibility: %s)", b.Module, a.Module, strings.Join(b.Visibility, ", "))
	}
	// Layers first, as tach: a lower layer may always be imported (unless past a closed one,
	// or unless it must be declared too).
	la, oka := layer[a.Layer]
	lb, okb := layer[b.Layer]
	if oka && okb {
		if lb < la {
			return fmt.Sprintf("%s is in the layer %q, which may not import the higher layer %q of %s", a.Module, a.Layer, b.Layer, b.Module)
		}
		for c := la + 1; c < lb; c++ {
			if s.Layers[c].Closed {
				return fmt.Sprintf("%s (layer %q) may not reach %s (layer %q) past the closed layer %q", a.Module, a.Layer, b.Module, b.Layer, s.Layers[c].Name)
			}
		}
		if lb > la && !s.LayersExplicit {
			return ""
		}
	}
	if matchAny(a.CannotDependOn, b.Module) {
		return fmt.Sprintf("%s cannot depend on %s", a.Module, b.Module)
	}
	if b.Utility || a.AnyDependency || matchAny(a.DependsOn, b.Module) {
		return ""
	}
	key := "depends-on"
	if v.c.Origin.Tool == FromTach {
		key = "depends_on" // as tach.toml spells it
	}
	return fmt.Sprintf("%s does not declare a dependency on %s (add it to %s)", a.Module, b.Module, key)
}
