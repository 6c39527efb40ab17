package contracts

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// dependency is one squashed dependency between two siblings: every import from the first
// (or its descendants) of the second (or its descendants).
type dependency struct {
	from, to string // the siblings' full names
	n        int    // imports
	witness  int32  // the first import
}

// acyclic checks an Acyclic contract. Every import between two modules is a dependency
// between the children of their closest common package; each package checked gets the
// dependencies between its own children.
func (v *view) acyclic(s *Acyclic) {
	if len(s.Modules) > 0 {
		v.acyclicModules(s.Modules)
		return
	}
	// Group the dependencies by the package whose children they join.
	byParent := map[string]map[[2]string]*dependency{}
	for u := range v.out {
		from := v.x.names[u]
		for _, h := range v.out[u] {
			to := v.x.names[h.to]
			parent, cf, ct, ok := siblings(from, to)
			if !ok {
				continue
			}
			m := byParent[parent]
			if m == nil {
				m = map[[2]string]*dependency{}
				byParent[parent] = m
			}
			key := [2]string{cf, ct}
			if d := m[key]; d != nil {
				d.n += int(h.n)
				if edgeBefore(v.g.Edges[h.edge].Path, v.g.Edges[h.edge].Line, v.g.Edges[d.witness].Path, v.g.Edges[d.witness].Line) {
					d.witness = h.edge
				}
			} else {
				m[key] = &dependency{cf, ct, int(h.n), h.edge}
			}
		}
	}
	skips := make([]expr, len(s.SkipDescendants))
	for i, e := range s.SkipDescendants {
		skips[i] = compile(e)
		if v.grimp != nil && len(v.matching(e)) == 0 {
			v.missing(e, "skipped descendant", failsOnNoMatch)
		}
	}
	checked := map[string]bool{}
	for _, e := range s.Packages {
		ms := v.matching(e)
		if len(ms) == 0 {
			v.missing(e, "package", failsOnNoMatch)
		}
		for _, m := range ms {
			root := v.x.names[m]
			depth0 := strings.Count(root, ".")
			lo, hi := v.x.subtree(m)
			for i := lo; i < hi; i++ {
				p := v.x.names[i]
				if checked[p] || s.Depth > 0 && strings.Count(p, ".")-depth0 >= s.Depth || skipped(p, root, skips) {
					continue
				}
				checked[p] = true
			}
		}
	}
	for _, p := range sortedKeys(checked) {
		if deps := byParent[p]; len(deps) > 1 {
			v.cycles(p, deps)
		}
	}
}

// acyclicModules checks the cycles among listed modules, each holding its descendants but
// those listed themselves (the owner of a module is its longest listed prefix).
func (v *view) acyclicModules(listed []string) {
	isListed := map[string]bool{}
	for _, m := range listed {
		isListed[m] = true
		if _, ok := v.x.id[m]; !ok {
			v.contractError(0, "module %q is not a module of the project", m)
		}
	}
	owner := v.x.owners(func(n string) bool { return isListed[n] })
	deps := map[[2]string]*dependency{}
	for u := range v.out {
		for _, h := range v.out[u] {
			a, b := owner[u], owner[h.to]
			if a == "" || b == "" || a == b {
				continue
			}
			if d := deps[[2]string{a, b}]; d != nil {
				d.n += int(h.n)
			} else {
				deps[[2]string{a, b}] = &dependency{a, b, int(h.n), h.edge}
			}
		}
	}
	if len(deps) > 1 {
		v.cycles("", deps)
	}
}

// skipped reports whether p is, or is inside, a package whose descendants are skipped (below
// root, the package the check starts from).
func skipped(p, root string, skips []expr) bool {
	for q := p; len(q) > len(root); q = q[:strings.LastIndexByte(q, '.')] {
		for _, x := range skips {
			if x.match(q) {
				return true
			}
		}
	}
	return false
}

func edgeBefore(p1 string, l1 int, p2 string, l2 int) bool {
	if p1 != p2 {
		return p1 < p2
	}
	return l1 < l2
}

// siblings returns the closest common package of two modules and the children of it that
// hold each; ok is false when one module holds the other, or they share no package.
func siblings(a, b string) (parent, ca, cb string, ok bool) {
	i := 0 // length of the common prefix of whole segments
	for {
		ja, jb := strings.IndexByte(a[i:], '.'), strings.IndexByte(b[i:], '.')
		if ja < 0 || jb < 0 || ja != jb || a[i:i+ja] != b[i:i+jb] {
			break
		}
		i += ja + 1
	}
	if i == 0 {
		return "", "", "", false
	}
	parent = a[:i-1]
	seg := func(m string) string {
		if j := strings.IndexByte(m[i:], '.'); j >= 0 {
			return m[:i+j]
		}
		return m
	}
	ca, cb = seg(a), seg(b)
	if ca == cb || ca == parent || cb == parent {
		return "", "", "", false
	}
	return parent, ca, cb, true
}

// cycles reports each strongly connected set of children of p, with the lightest set of
// dependencies (fewest imports) whose removal breaks every cycle in it.
func (v *view) cycles(p string, deps map[[2]string]*dependency) {
	var nodes []string
	idx := map[string]int{}
	for k := range deps {
		for _, n := range k {
			if _, ok := idx[n]; !ok {
				idx[n] = 0
				nodes = append(nodes, n)
			}
		}
	}
	sort.Strings(nodes)
	for i, n := range nodes {
		idx[n] = i
	}
	adj := make([][]int, len(nodes))
	for k := range deps {
		adj[idx[k[0]]] = append(adj[idx[k[0]]], idx[k[1]])
	}
	for _, comp := range tarjan(adj) {
		if len(comp) < 2 {
			continue
		}
		sort.Ints(comp)
		var members []string
		var inComp []*dependency
		in := map[int]bool{}
		for _, c := range comp {
			in[c] = true
			members = append(members, nodes[c])
		}
		for k, d := range deps {
			if in[idx[k[0]]] && in[idx[k[1]]] {
				inComp = append(inComp, d)
			}
		}
		sort.Slice(inComp, func(i, j int) bool {
			if inComp[i].from != inComp[j].from {
				return inComp[i].from < inComp[j].from
			}
			return inComp[i].to < inComp[j].to
		})
		breakers, exact := feedback(members, inComp)
		v.reportCycle(p, members, inComp, breakers, exact)
	}
}

// maxCycleNotes bounds the dependencies listed under one cycle.
const maxCycleNotes = 20

func (v *view) reportCycle(p string, members []string, deps, breakers []*dependency, exact bool) {
	rel := func(m string) string {
		if p == "" {
			return m // modules, not the children of one package
		}
		return "." + m[len(p)+1:]
	}
	what := "the children of " + p
	if p == "" {
		what = "the modules"
	}
	var names []string
	for _, m := range members {
		names = append(names, rel(m))
	}
	var list []string
	isBreaker := map[*dependency]bool{}
	for _, d := range breakers {
		list = append(list, fmt.Sprintf("%s -> %s (%s)", rel(d.from), rel(d.to), plural(d.n, "import")))
		isBreaker[d] = true
	}
	how := "the fewest imports whose removal breaks every cycle"
	if !exact {
		how = "a small set of imports (found by a heuristic: the cycle is large) whose removal breaks every cycle"
	}
	first := &v.g.Edges[breakers[0].witness]
	f := edgeFinding(CodeAcyclic, first,
		fmt.Sprintf("[%s] %s import each other in a cycle (%s); %s: %s", v.c.Name, what, strings.Join(names, ", "), how, strings.Join(list, ", ")))
	// The breakers first, then the other dependencies of the cycle.
	ordered := append(append([]*dependency{}, breakers...), slices.DeleteFunc(slices.Clone(deps), func(d *dependency) bool { return isBreaker[d] })...)
	for i, d := range ordered {
		if i == maxCycleNotes {
			f.Notes = append(f.Notes, notef(v.c.Origin.File, v.c.Origin.Line, 0, "... and %d more dependencies in this cycle", len(ordered)-i))
			break
		}
		e := &v.g.Edges[d.witness]
		verb := "keep"
		if isBreaker[d] {
			verb = "remove"
		}
		f.Notes = append(f.Notes, notef(e.Path, e.Line, e.Col+1, "%s imports %s (%s -> %s: %s; %s)", e.Importer, v.shown(d.witness), rel(d.from), rel(d.to), plural(d.n, "import"), verb))
	}
	v.guidance(&f)
	v.res.Findings = append(v.res.Findings, f)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// tarjan returns the strongly connected components of a small graph.
func tarjan(adj [][]int) [][]int {
	out := make([][]int32, len(adj))
	for u, ws := range adj {
		for _, w := range ws {
			out[u] = append(out[u], int32(w))
		}
	}
	var comps [][]int
	for _, c := range imports.StronglyConnected(out) {
		comp := make([]int, len(c))
		for i, v := range c {
			comp[i] = int(v)
		}
		comps = append(comps, comp)
	}
	return comps
}

// maxExact is the largest cycle (in siblings) whose feedback set is computed exactly.
const maxExact = 16

// feedback returns the lightest set of dependencies whose removal leaves the siblings
// acyclic (a minimum feedback arc set, weighted by imports), and whether it is exact: for
// up to maxExact siblings by dynamic programming over orderings, above that by the greedy
// ordering of Eades, Lin and Smyth.
func feedback(members []string, deps []*dependency) ([]*dependency, bool) {
	k := len(members)
	pos := map[string]int{}
	for i, m := range members {
		pos[m] = i
	}
	w := make([][]int, k) // w[a][b]: imports of b by a
	for i := range w {
		w[i] = make([]int, k)
	}
	for _, d := range deps {
		w[pos[d.from]][pos[d.to]] += d.n
	}
	var order []int
	exact := k <= maxExact
	if exact {
		order = bestOrder(w)
	} else {
		order = greedyOrder(w)
	}
	rank := make([]int, k)
	for r, i := range order {
		rank[i] = r
	}
	var out []*dependency
	for _, d := range deps {
		if rank[pos[d.from]] > rank[pos[d.to]] {
			out = append(out, d) // goes backwards in the order: removed
		}
	}
	return out, exact
}

// bestOrder orders the nodes so that the weight of the edges going backwards is smallest:
// cost[S] is the best cost of placing the set S first; the last of S placed pays for its
// edges into the rest of S.
func bestOrder(w [][]int) []int {
	k := len(w)
	full := 1<<k - 1
	cost := make([]int, full+1)
	last := make([]int8, full+1)
	for set := 1; set <= full; set++ {
		cost[set] = -1
		for rest := set; rest != 0; rest &= rest - 1 {
			v := bits.TrailingZeros(uint(rest))
			before := set &^ (1 << v)
			c := cost[before]
			for b := before; b != 0; b &= b - 1 {
				c += w[v][bits.TrailingZeros(uint(b))]
			}
			if cost[set] < 0 || c < cost[set] {
				cost[set], last[set] = c, int8(v)
			}
		}
	}
	order := make([]int, k)
	for set, i := full, k-1; set != 0; i-- {
		v := int(last[set])
		order[i] = v
		set &^= 1 << v
	}
	return order
}

// greedyOrder is the ordering heuristic of Eades, Lin and Smyth, weighted: sinks go last,
// sources first, and otherwise the node with the most outgoing over incoming weight. The
// weights of the nodes left are kept up to date as nodes go, so it costs O(k²).
func greedyOrder(w [][]int) []int {
	k := len(w)
	left := make([]bool, k)
	in, out := make([]int, k), make([]int, k)
	for u := range k {
		left[u] = true
		for x := range k {
			if x != u {
				out[u] += w[u][x]
				in[u] += w[x][u]
			}
		}
	}
	remove := func(u int) {
		left[u] = false
		for x := range k {
			if left[x] {
				out[x] -= w[x][u]
				in[x] -= w[u][x]
			}
		}
	}
	var head, tail []int
	for n := k; n > 0; n-- {
		next, sink := -1, false
		for u := range k {
			if left[u] && (out[u] == 0 || in[u] == 0) {
				next, sink = u, out[u] == 0
				break
			}
		}
		if next < 0 {
			best := 0
			for u := range k {
				if left[u] && (next < 0 || out[u]-in[u] > best) {
					next, best = u, out[u]-in[u]
				}
			}
		}
		if sink {
			tail = append(tail, next)
		} else {
			head = append(head, next)
		}
		remove(next)
	}
	slices.Reverse(tail)
	return append(head, tail...)
}
