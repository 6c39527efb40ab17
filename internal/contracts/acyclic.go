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
	comps := tarjan(adj)
	compOf := make([]int, len(nodes)) // the component of each node
	for ci, comp := range comps {
		for _, c := range comp {
			compOf[c] = ci
		}
	}
	inComp := make([][]*dependency, len(comps)) // the dependencies inside each component
	for k, d := range deps {
		if a, b := compOf[idx[k[0]]], compOf[idx[k[1]]]; a == b {
			inComp[a] = append(inComp[a], d)
		}
	}
	for ci, comp := range comps {
		if len(comp) < 2 {
			continue
		}
		sort.Ints(comp)
		members := make([]string, len(comp))
		for i, c := range comp {
			members[i] = nodes[c]
		}
		ds := inComp[ci]
		sort.Slice(ds, func(i, j int) bool {
			if ds[i].from != ds[j].from {
				return ds[i].from < ds[j].from
			}
			return ds[i].to < ds[j].to
		})
		breakers, exact := feedback(members, ds)
		v.reportCycle(p, members, ds, breakers, exact)
	}
}

// maxCycleNotes bounds the dependencies listed under one cycle, and the siblings and the
// dependencies to remove that its message names.
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
	for i, m := range members {
		if i == maxCycleNotes {
			names = append(names, fmt.Sprintf("... and %d more", len(members)-i))
			break
		}
		names = append(names, rel(m))
	}
	var list []string
	isBreaker := make(map[*dependency]bool, len(breakers))
	for i, d := range breakers {
		isBreaker[d] = true
		switch {
		case i < maxCycleNotes:
			list = append(list, fmt.Sprintf("%s -> %s (%s)", rel(d.from), rel(d.to), plural(d.n, "import")))
		case i == maxCycleNotes:
			list = append(list, fmt.Sprintf("... and %d more", len(breakers)-i))
		}
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
	pos := make(map[string]int32, k)
	for i, m := range members {
		pos[m] = int32(i)
	}
	arcs := make([]arc, len(deps))
	for i, d := range deps {
		arcs[i] = arc{pos[d.from], pos[d.to], d.n}
	}
	var order []int32
	exact := k <= maxExact
	if exact {
		w := make([][]int, k) // w[a][b]: imports of b by a
		for i := range w {
			w[i] = make([]int, k)
		}
		for _, a := range arcs {
			w[a.from][a.to] += a.n
		}
		for _, u := range bestOrder(w) {
			order = append(order, int32(u))
		}
	} else {
		order = greedyOrder(k, arcs)
	}
	rank := make([]int32, k)
	for r, i := range order {
		rank[i] = int32(r)
	}
	var out []*dependency
	for i, d := range deps {
		if rank[arcs[i].from] > rank[arcs[i].to] {
			out = append(out, d) // goes backwards in the order: removed
		}
	}
	return out, exact
}

// arc is a weighted dependency between the nodes from and to of a graph numbered from 0.
type arc struct {
	from, to int32
	n        int
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
// sources first (the first in number order when there are several), and otherwise the node
// with the most outgoing over incoming weight (the first in number order on ties). The
// weights of the nodes left are kept up to date as nodes go, and the candidates are kept in
// two heaps, so it costs O((k + arcs) log k), not the O(k²) of looking at every node each time.
func greedyOrder(k int, arcs []arc) []int32 {
	// The arcs of each node, out and in, in compressed rows.
	outOff, inOff := make([]int32, k+1), make([]int32, k+1)
	for _, a := range arcs {
		if a.from != a.to {
			outOff[a.from+1]++
			inOff[a.to+1]++
		}
	}
	for u := range k {
		outOff[u+1] += outOff[u]
		inOff[u+1] += inOff[u]
	}
	outArcs, inArcs := make([]arc, outOff[k]), make([]arc, inOff[k])
	outFill, inFill := slices.Clone(outOff[:k]), slices.Clone(inOff[:k])
	out, in := make([]int, k), make([]int, k)
	for _, a := range arcs {
		if a.from != a.to {
			outArcs[outFill[a.from]] = a
			outFill[a.from]++
			inArcs[inFill[a.to]] = a
			inFill[a.to]++
			out[a.from] += a.n
			in[a.to] += a.n
		}
	}
	left := make([]bool, k)
	// ends: the nodes left that are a sink or a source, smallest number first; a node
	// stays one until it goes, since weights only fall.
	ends := &nodeHeap{less: func(a, b heapEntry) bool { return a.node < b.node }}
	// best: every node left by out - in, highest then smallest number first; an entry whose
	// weight is no longer the node's is stale, and skipped.
	best := &nodeHeap{less: func(a, b heapEntry) bool {
		if a.key != b.key {
			return a.key > b.key
		}
		return a.node < b.node
	}}
	for u := range int32(k) {
		left[u] = true
		if out[u] == 0 || in[u] == 0 {
			ends.push(heapEntry{node: u})
		} else {
			best.push(heapEntry{node: u, key: out[u] - in[u]})
		}
	}
	changed := func(x int32) {
		if out[x] == 0 || in[x] == 0 {
			ends.push(heapEntry{node: x}) // maybe twice: skipped once gone
		} else {
			best.push(heapEntry{node: x, key: out[x] - in[x]})
		}
	}
	var head, tail []int32
	for n := k; n > 0; n-- {
		next := int32(-1)
		for ends.len() > 0 {
			if e := ends.pop(); left[e.node] {
				next = e.node
				break
			}
		}
		sink := next >= 0 && out[next] == 0
		for next < 0 {
			e := best.pop()
			if left[e.node] && e.key == out[e.node]-in[e.node] && out[e.node] != 0 && in[e.node] != 0 {
				next = e.node
			}
		}
		if sink {
			tail = append(tail, next)
		} else {
			head = append(head, next)
		}
		left[next] = false
		for _, a := range outArcs[outOff[next]:outOff[next+1]] {
			if left[a.to] {
				in[a.to] -= a.n
				changed(a.to)
			}
		}
		for _, a := range inArcs[inOff[next]:inOff[next+1]] {
			if left[a.from] {
				out[a.from] -= a.n
				changed(a.from)
			}
		}
	}
	slices.Reverse(tail)
	return append(head, tail...)
}

type heapEntry struct {
	node int32
	key  int
}

// nodeHeap is a binary heap of entries, the least by less on top.
type nodeHeap struct {
	items []heapEntry
	less  func(a, b heapEntry) bool
}

func (h *nodeHeap) len() int { return len(h.items) }

func (h *nodeHeap) push(e heapEntry) {
	h.items = append(h.items, e)
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(h.items[i], h.items[p]) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *nodeHeap) pop() heapEntry {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < last && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return top
}
