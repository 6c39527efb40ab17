package contracts

import (
	"fmt"
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
		for _, m := range v.x.matching(ce) {
			if v.x.isPkg[m] {
				pkgs = append(pkgs, m) // a plain module holds no layers
			}
		}
		if len(pkgs) == 0 {
			v.contractError(0, "container %q matches no package of the project", ce)
		}
		for _, m := range pkgs {
			if n := v.x.names[m]; !seen[n] {
				seen[n] = true
				containers = append(containers, n)
			}
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
			i, ok := v.x.id[full(m)]
			if !ok {
				if !l.Optional {
					v.contractError(0, "layer %q does not exist (write it as \"(%s)\" if it is optional)", full(m), m)
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
		if v.x.parent[i] != ci {
			continue
		}
		name := v.x.names[i][len(container)+1:]
		if !listed[name] {
			v.res.Findings = append(v.res.Findings, newFinding(CodeLayers, v.c.Origin.File, v.c.Origin.Line, 1,
				fmt.Sprintf("[%s] %s is in the container %s but is not a layer (the contract is exhaustive): add it to layers, or to exhaustive-ignores", v.c.Name, v.x.names[i], container)))
		}
	}
}
