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
	if s.Exhaustive && container != "" {
		v.exhaustive(s, container)
	}
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
