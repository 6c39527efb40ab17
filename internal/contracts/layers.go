package contracts

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// layers checks a Layers contract, once per container (or once without containers).
func (v *view) layers(s *Layers) {
	if len(s.Containers) == 0 {
		if s.Exhaustive {
			v.contractError(0, "exhaustive needs containers: it checks that every child of each container is a layer")
		}
		v.layersIn(s, "")
		return
	}
	seen := map[string]bool{}
	var containers []string
	for _, ce := range s.Containers {
		var pkgs []int
		for _, m := range v.matching(ce) {
			// A plain module holds no layers; import-linter takes it all the same, and then
			// its required layers are missing.
			if v.x.isPkg[m] || v.grimp != nil {
				pkgs = append(pkgs, m)
			}
		}
		if len(pkgs) == 0 {
			if v.grimp != nil && strings.Contains(ce, "*") {
				v.warnAt(v.at(ce), "container %q matches no module: import-linter checks no layers in it", ce)
			} else {
				v.contractError(v.at(ce), "container %q matches no package of the project%s", ce, v.suggest(ce))
			}
		}
		for _, m := range pkgs {
			n := v.x.names[m]
			if seen[n] {
				continue
			}
			seen[n] = true
			if !v.x.isPkg[m] {
				// import-linter takes it as a container, and fails when a layer is required:
				// its layers are missing.
				if !anyRequired(s.Layers) {
					continue
				}
				v.contractError(v.at(ce), "container %s (matched by %q) is a module, not a package: it holds no layers, and import-linter fails on it (\"Missing layer in container\"); narrow the expression to packages", n, ce)
				continue
			}
			containers = append(containers, n)
		}
	}
	sort.Strings(containers)
	for _, c := range containers {
		v.layersIn(s, c)
	}
}

func (v *view) layersIn(s *Layers, container string) {
	full := func(m string) string {
		if container == "" {
			return m
		}
		return container + "." + m
	}
	var ms members
	var level []int // the layer of each member
	for li, l := range s.Layers {
		for _, m := range l.Modules {
			i, ok := v.lookup(full(m))
			if !ok {
				if !l.Optional && !slices.Contains(l.OptionalModules, m) {
					v.contractError(v.at(m), "layer %q does not exist%s (write it as \"(%s)\" if it is optional)", full(m), v.suggest(full(m)), m)
				}
				continue
			}
			if !ms.add(v, i) {
				return
			}
			level = append(level, li)
		}
	}
	// Chains are searched through modules outside every layer: a chain through another layer
	// is reported as the violations of that layer. One search from each member finds the
	// members it reaches; only those pairs can be broken.
	for a := range ms.names {
		for b, ok := range ms.reached(v, a) {
			if !ok {
				continue
			}
			la, lb := level[a], level[b]
			var msg string
			switch {
			case la > lb:
				msg = fmt.Sprintf("the layer %s may not import the higher layer %s", ms.names[a], ms.names[b])
			case la == lb && s.Layers[la].Independent:
				msg = fmt.Sprintf("%s and %s are independent siblings in one layer", ms.names[a], ms.names[b])
			case la < lb:
				for c := la + 1; c < lb; c++ {
					if l := s.Layers[c]; l.Closed {
						var names []string
						for _, m := range l.Modules {
							names = append(names, full(m))
						}
						sep := " | "
						if !l.Independent {
							sep = " : "
						}
						msg = fmt.Sprintf("the layer %s may not reach %s past the closed layer %s", ms.names[a], ms.names[b], strings.Join(names, sep))
						break
					}
				}
			}
			if msg != "" {
				v.violations(CodeLayers, ms.sets[a], ms.sets[b], ms.outside, false, msg)
			}
		}
	}
	for li, l := range s.Layers {
		if l.MaxInstability != nil && ms.owner != nil {
			v.instability(l, full, func(m int) bool { o := ms.owner[m]; return o >= 0 && level[o] == li })
		}
	}
	if s.Exhaustive && container != "" {
		v.exhaustive(s, container)
	}
}

// instability reports a layer whose instability is above its MaxInstability; in tells the
// modules of the layer (with their descendants).
func (v *view) instability(l Layer, full func(string) string, in func(int) bool) {
	if len(v.x.names) == 0 {
		return
	}
	afferent, efferent := map[int]bool{}, map[int]bool{}
	for i := range v.out {
		for _, h := range v.out[i] {
			j := int(h.to)
			switch a, b := in(i), in(j); {
			case a && !b:
				efferent[j] = true
			case !a && b:
				afferent[i] = true
			}
		}
	}
	ca, ce := len(afferent), len(efferent)
	if ca+ce == 0 {
		return
	}
	inst := float64(ce) / float64(ca+ce)
	if inst <= *l.MaxInstability {
		return
	}
	var names []string
	for m := range l.Modules {
		names = append(names, full(l.Modules[m]))
	}
	var out []string
	for j := range efferent {
		out = append(out, v.x.names[j])
	}
	sort.Strings(out)
	shown := out
	if len(shown) > 5 {
		shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(out)-5))
	}
	line := l.Line
	if line == 0 {
		line = v.at(l.Modules[0])
	}
	if line == 0 {
		line = v.c.Origin.Line
	}
	importers := fmt.Sprintf("%d modules outside it import it", ca)
	if ca == 1 {
		importers = "1 module outside it imports it"
	}
	msg := fmt.Sprintf("[%s] the layer %s has instability %.2f, above its max-instability %.2f: it imports %s outside it (%s) and %s",
		v.c.Name, strings.Join(names, ", "), inst, *l.MaxInstability, countModules(ce), strings.Join(shown, ", "), importers)
	f := configFinding(CodeUnstable, v.c.Origin.File, line, msg)
	v.guidance(&f)
	v.res.Findings = append(v.res.Findings, f)
}

// exhaustive reports the children of a container that are neither layers nor ignored.
func (v *view) exhaustive(s *Layers, container string) {
	listed := map[string]bool{}
	for _, l := range s.Layers {
		for _, m := range l.Modules {
			listed[m] = true
		}
	}
	for _, m := range s.ExhaustiveIgnores {
		listed[m] = true
	}
	ci, ok := v.x.id[container]
	if !ok {
		return
	}
	lo, hi := v.x.subtree(ci)
	for i := lo + 1; i < hi; i++ {
		if v.x.parent[i] != ci || !v.has(i) {
			continue
		}
		name := v.x.names[i][len(container)+1:]
		if !listed[name] {
			v.res.Findings = append(v.res.Findings, configFinding(CodeLayers, v.c.Origin.File, v.c.Origin.Line,
				fmt.Sprintf("[%s] %s is in the container %s but is not a layer (the contract is exhaustive): add it to layers, or to exhaustive-ignores", v.c.Name, v.x.names[i], container)))
		}
	}
}

// anyRequired reports whether some module of the layers is not optional.
func anyRequired(ls []Layer) bool {
	for _, l := range ls {
		if !l.Optional && len(l.Modules) > len(l.OptionalModules) {
			return true
		}
	}
	return false
}

func countModules(n int) string {
	if n == 1 {
		return "1 module"
	}
	return fmt.Sprintf("%d modules", n)
}
