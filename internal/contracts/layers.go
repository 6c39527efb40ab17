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
		ms := v.x.matching(ce)
		if len(ms) == 0 {
			v.contractError(0, "container %q matches no module of the project", ce)
		}
		for _, m := range ms {
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

type layerMember struct {
	name  string
	set   []bool
	layer int
}

func (v *view) layersIn(s *Layers, container string) {
	full := func(m string) string {
		if container == "" {
			return m
		}
		return container + "." + m
	}
	var members []layerMember
	inLayer := v.set()
	for li, l := range s.Layers {
		for _, m := range l.Modules {
			set := v.set()
			if !v.x.expand(full(m), false, set) {
				if !l.Optional {
					v.contractError(0, "layer %q does not exist (write it as \"(%s)\" if it is optional)", full(m), m)
				}
				continue
			}
			members = append(members, layerMember{full(m), set, li})
			for i, ok := range set {
				if ok {
					inLayer[i] = true
				}
			}
		}
	}
	// Chains are searched through modules outside every layer: a chain through another layer
	// is reported as the violations of that layer.
	through := func(i int) bool { return !inLayer[i] }
	for _, a := range members {
		for _, b := range members {
			switch {
			case a.layer > b.layer:
				v.violations(CodeLayers, a.set, b.set, through, false, func(string, string) string {
					return fmt.Sprintf("the layer %s may not import the higher layer %s", a.name, b.name)
				})
			case a.layer == b.layer && a.name != b.name && s.Layers[a.layer].Independent:
				v.violations(CodeLayers, a.set, b.set, through, false, func(string, string) string {
					return fmt.Sprintf("%s and %s are independent siblings in one layer", a.name, b.name)
				})
			case a.layer < b.layer:
				for c := a.layer + 1; c < b.layer; c++ {
					if s.Layers[c].Closed {
						closed := full(strings.Join(s.Layers[c].Modules, " | "))
						v.violations(CodeLayers, a.set, b.set, through, false, func(string, string) string {
							return fmt.Sprintf("the layer %s may not reach %s past the closed layer %s", a.name, b.name, closed)
						})
						break
					}
				}
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
