package imports

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// Module is a node of the graph.
type Module struct {
	Name    string `json:"name"`
	Path    string `json:"path"` // the module's file, relative to the project root; "" for a namespace package or an external module
	Package bool   `json:"package"`
}

// Edge is one import: importer's file imports imported at line:col.
type Edge struct {
	Importer string `json:"importer"`
	Imported string `json:"imported"`
	// Name is what a from-import takes from Imported when it is not a submodule (`from a
	// import f` gives Imported "a", Name "f"); "*" for a star import, "" otherwise.
	Name     string `json:"-"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	CharCol  int    `json:"-"` // Stmt.CharCol: Col as a 1-based character column, 0 when not known
	StmtLine int    `json:"-"` // Stmt.StmtLine: the first line of the statement
	EndLine  int    `json:"-"` // where the imported name ends (Stmt.EndLine)
	EndCol   int    `json:"-"` // Stmt.EndCol
	Kind     Kind   `json:"-"`
	Guarded  bool   `json:"guarded"`
	// InTypeCheckingIf is Stmt.InTypeCheckingIf: grimp's reading of TYPE_CHECKING.
	InTypeCheckingIf bool     `json:"-"`
	Comment          string   `json:"-"` // Stmt.Comment
	Category         Category `json:"-"`
}

// Graph is a project's import graph: every first-party module, and every import of them.
type Graph struct {
	Roots   []string
	Modules []Module // sorted by name
	Edges   []Edge   // sorted by importer, imported, path, line, col

	index map[string]int // module name -> index in Modules
}

// NewGraph sorts modules and edges and indexes them.
func NewGraph(roots []string, modules []Module, edges []Edge) *Graph {
	byName := func(a, b Module) int { return strings.Compare(a.Name, b.Name) }
	if !slices.IsSortedFunc(modules, byName) {
		slices.SortFunc(modules, byName)
	}
	if !edgesSorted(edges) { // Build gives them sorted
		slices.SortFunc(edges, compareEdges)
	}
	return &Graph{Roots: roots, Modules: modules, Edges: edges, index: moduleIndex(modules)}
}

// moduleIndex maps each module's name to its place in modules.
func moduleIndex(modules []Module) map[string]int {
	index := make(map[string]int, len(modules))
	for i, m := range modules {
		index[m.Name] = i
	}
	return index
}

func edgesSorted(edges []Edge) bool {
	for i := 1; i < len(edges); i++ {
		if edgeLess(&edges[i], &edges[i-1]) {
			return false
		}
	}
	return true
}

// compareEdges orders edges by importer, imported, path, line and column.
func compareEdges(a, b Edge) int {
	if c := strings.Compare(a.Importer, b.Importer); c != 0 {
		return c
	}
	if c := strings.Compare(a.Imported, b.Imported); c != 0 {
		return c
	}
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return cmp.Compare(a.Line, b.Line)
	}
	return cmp.Compare(a.Col, b.Col)
}

func edgeLess(a, b *Edge) bool {
	if a.Importer != b.Importer {
		return a.Importer < b.Importer
	}
	if a.Imported != b.Imported {
		return a.Imported < b.Imported
	}
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// HasModule reports whether name is a first-party module of the graph.
func (g *Graph) HasModule(name string) bool { _, ok := g.index[name]; return ok }

// Within reports whether module m is pkg or inside it.
func Within(m, pkg string) bool {
	return m == pkg || strings.HasPrefix(m, pkg) && len(m) > len(pkg) && m[len(pkg)] == '.'
}

// KindSet selects import kinds.
type KindSet uint8

// Has reports whether k is in the set.
func (s KindSet) Has(k Kind) bool { return s&(1<<k) != 0 }

// Kinds makes a set.
func Kinds(ks ...Kind) KindSet {
	var s KindSet
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

// AllKinds selects every kind.
const AllKinds = KindSet(1<<KindModule | 1<<KindFunction | 1<<KindTypeChecking)

// adjacency is the first-party graph for some kinds: for each module index, the sorted,
// distinct modules it imports, each with its first import edge (the witness).
type adjacency struct {
	g    *Graph
	out  [][]int32
	via  [][]int32 // edge index for each out entry
	in   [][]int32
	viaI [][]int32
}

func (g *Graph) adjacency(kinds KindSet) *adjacency {
	n := len(g.Modules)
	a := &adjacency{g: g, out: make([][]int32, n), via: make([][]int32, n), in: make([][]int32, n), viaI: make([][]int32, n)}
	for ei := range g.Edges {
		e := &g.Edges[ei]
		if !kinds.Has(e.Kind) || e.Category != FirstParty {
			continue
		}
		from, ok1 := g.index[e.Importer]
		to, ok2 := g.index[e.Imported]
		if !ok1 || !ok2 {
			continue
		}
		// Edges are sorted by importer then imported, so duplicates are adjacent.
		if o := a.out[from]; len(o) > 0 && o[len(o)-1] == int32(to) {
			continue
		}
		a.out[from] = append(a.out[from], int32(to))
		a.via[from] = append(a.via[from], int32(ei))
		a.in[to] = append(a.in[to], int32(from))
		a.viaI[to] = append(a.viaI[to], int32(ei))
	}
	return a
}

// Cycle is a strongly connected set of modules with one shortest cycle through it.
type Cycle struct {
	Modules []string // sorted
	Witness []Edge   // a shortest cycle: Witness[i].Imported == Witness[i+1].Importer, last back to first
	// Unproven is set when the set is so large, and its cycles so long, that the search for
	// a shortest cycle stopped at its budget (see shortestCycle): Witness is a cycle through
	// the set, maybe not a shortest one.
	Unproven bool
}

// cycleBudget bounds the work of the search for a shortest cycle in one strongly connected
// set (imports looked at, plus 16 per module of the set): about a second.
const cycleBudget = 1 << 24

// Cycles returns every strongly connected set of two or more first-party modules (or a module
// that imports itself), sorted by their first module, considering imports of the given kinds.
func (g *Graph) Cycles(kinds KindSet) []Cycle {
	a := g.adjacency(kinds)
	comps := a.scc()
	var out []Cycle
	for _, comp := range comps {
		if len(comp) == 1 {
			self := false
			for _, t := range a.out[comp[0]] {
				if t == comp[0] {
					self = true
				}
			}
			if !self {
				continue
			}
		}
		c := Cycle{}
		for _, m := range comp {
			c.Modules = append(c.Modules, g.Modules[m].Name)
		}
		sort.Strings(c.Modules)
		var proven bool
		c.Witness, proven = a.shortestCycle(comp, cycleBudget+16*len(comp))
		c.Unproven = !proven
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Modules[0] < out[j].Modules[0] })
	return out
}

// scc returns the strongly connected components of the graph.
func (a *adjacency) scc() [][]int32 { return StronglyConnected(a.out) }

// StronglyConnected returns the strongly connected components of the graph whose node v has
// edges to out[v] (Tarjan's algorithm, iterative, so deep graphs need no deep stack). Each
// component is one slice; single nodes without a self-loop are components too.
func StronglyConnected(out [][]int32) [][]int32 {
	n := len(out)
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int32
	var comps [][]int32
	next := int32(0)
	type frame struct{ v, i int32 }
	for s := 0; s < n; s++ {
		if index[s] >= 0 {
			continue
		}
		call := []frame{{int32(s), 0}}
		index[s], low[s] = next, next
		next++
		stack = append(stack, int32(s))
		onStack[s] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if int(f.i) < len(out[v]) {
				w := out[v][f.i]
				f.i++
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				if low[v] < low[p] {
					low[p] = low[v]
				}
			}
			if low[v] == index[v] {
				var comp []int32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp = append(comp, w)
					if w == v {
						break
					}
				}
				comps = append(comps, comp)
			}
		}
	}
	return comps
}

// shortestCycle finds a shortest cycle inside a strongly connected component, the same one a
// breadth-first search from each member back to itself would keep (the shortest, and on ties
// the one through the first member in name order, its hops in name order), without paying for
// every search in full:
//
//   - members are searched in name order, each in the component minus the members searched
//     before it: a cycle through an earlier member was already found from that member;
//   - a search stops at the depth of the shortest cycle found so far: it only looks for shorter;
//   - once a member is searched it leaves the component, and so do, in a cascade, the members
//     that no longer import or are no longer imported by one left (they are on no cycle of the
//     rest). A ring of n modules costs one search, not n.
//
// The first member of the first shortest cycle is searched with every member of that cycle
// still there, and a search never goes through a module from which it cannot come back in
// time, so the cycle found is the one the search from that member in the whole component finds.
//
// A shortest cycle cannot be found in linear time in every graph: in a large component whose
// cycles are all long and never fall apart as members go, each search is long and none can be
// skipped. The searches stop once they have looked at budget imports (plus the search under
// way), and the cycle is then the shortest of those found, with proven false.
func (a *adjacency) shortestCycle(comp []int32, budget int) (witness []Edge, proven bool) {
	sorted := append([]int32(nil), comp...)
	slices.Sort(sorted)
	k := len(sorted)
	local := make(map[int32]int32, k)
	for i, v := range sorted {
		local[v] = int32(i)
	}
	// The component's own graph, in compressed rows, its hops in name order.
	outOff := make([]int32, k+1)
	var outTo, outVia []int32
	indeg := make([]int32, k)
	for i, v := range sorted {
		for j, w := range a.out[v] {
			if lw, ok := local[w]; ok {
				outTo = append(outTo, lw)
				outVia = append(outVia, a.via[v][j])
				indeg[lw]++
			}
		}
		outOff[i+1] = int32(len(outTo))
	}
	inOff := make([]int32, k+1)
	for i := range k {
		inOff[i+1] = inOff[i] + indeg[i]
	}
	inFrom := make([]int32, len(outTo))
	fill := slices.Clone(inOff[:k])
	outdeg := make([]int32, k)
	for u := range k {
		outdeg[u] = outOff[u+1] - outOff[u]
		for _, w := range outTo[outOff[u]:outOff[u+1]] {
			inFrom[fill[w]] = int32(u)
			fill[w]++
		}
	}

	gone := make([]bool, k)
	var trim []int32
	remove := func(u int32) {
		gone[u] = true
		for _, w := range outTo[outOff[u]:outOff[u+1]] {
			if !gone[w] {
				if indeg[w]--; indeg[w] == 0 {
					trim = append(trim, w)
				}
			}
		}
		for _, w := range inFrom[inOff[u]:inOff[u+1]] {
			if !gone[w] {
				if outdeg[w]--; outdeg[w] == 0 {
					trim = append(trim, w)
				}
			}
		}
	}

	seen := make([]int32, k) // the search (s+1) that reached each member
	depth := make([]int32, k)
	prevEdge := make([]int32, k)
	prevNode := make([]int32, k)
	var queue, best []int32
	proven = true
	work := 0
	for s := range int32(k) {
		if gone[s] {
			continue
		}
		if work > budget && best != nil {
			proven = false
			break
		}
		queue = append(queue[:0], s)
		seen[s], depth[s] = s+1, 0
	search:
		for qi := 0; qi < len(queue); qi++ {
			v := queue[qi]
			if best != nil && int(depth[v])+1 >= len(best) {
				break // every cycle left to find is as long as the best one
			}
			work += int(outOff[v+1] - outOff[v])
			for j := outOff[v]; j < outOff[v+1]; j++ {
				w := outTo[j]
				if gone[w] {
					continue
				}
				if w == s {
					path := []int32{outVia[j]}
					for u := v; u != s; u = prevNode[u] {
						path = append(path, prevEdge[u])
					}
					slices.Reverse(path)
					best = path
					break search
				}
				if seen[w] == s+1 {
					continue
				}
				seen[w], depth[w] = s+1, depth[v]+1
				prevEdge[w], prevNode[w] = outVia[j], v
				queue = append(queue, w)
			}
		}
		if len(best) == 1 {
			break
		}
		remove(s)
		for len(trim) > 0 {
			u := trim[len(trim)-1]
			trim = trim[:len(trim)-1]
			if !gone[u] {
				remove(u)
			}
		}
	}
	witness = make([]Edge, len(best))
	for i, ei := range best {
		witness[i] = a.g.Edges[ei]
	}
	return witness, proven
}

// bfs returns the edge indices of a shortest path from any source to a node accepted by goal,
// staying inside allowed (when not nil). With cycle set, the sources are not goals at depth 0.
// Neighbours are visited in name order, so the path is the same from run to run.
func (a *adjacency) bfs(sources []int32, goal func(int32) bool, allowed map[int32]bool, cycle bool) []int32 {
	prevEdge := make(map[int32]int32, 64)
	prevNode := make(map[int32]int32, 64)
	seen := make(map[int32]bool, 64)
	queue := append([]int32(nil), sources...)
	for _, s := range sources {
		seen[s] = true
		if !cycle && goal(s) {
			return []int32{}
		}
	}
	for qi := 0; qi < len(queue); qi++ {
		v := queue[qi]
		for k, w := range a.out[v] {
			if allowed != nil && !allowed[w] {
				continue
			}
			if goal(w) {
				path := []int32{a.via[v][k]}
				for u := v; ; {
					e, ok := prevEdge[u]
					if !ok {
						break
					}
					path = append(path, e)
					u = prevNode[u]
				}
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return path
			}
			if seen[w] {
				continue
			}
			seen[w] = true
			prevEdge[w] = a.via[v][k]
			prevNode[w] = v
			queue = append(queue, w)
		}
	}
	return nil
}

// Why returns a shortest chain of imports from module from (or any module inside it) to module
// to (or any module inside it), or nil when there is none.
func (g *Graph) Why(from, to string, kinds KindSet) []Edge {
	a := g.adjacency(kinds)
	var sources []int32
	for i, m := range g.Modules {
		if Within(m.Name, from) {
			sources = append(sources, int32(i))
		}
	}
	if len(sources) == 0 {
		return nil
	}
	goal := func(v int32) bool { return Within(g.Modules[v].Name, to) }
	path := a.bfs(sources, goal, nil, false)
	if path == nil {
		return nil
	}
	out := make([]Edge, len(path))
	for i, ei := range path {
		out[i] = g.Edges[ei]
	}
	return out
}

// Deps returns the first-party modules that module (or any module inside it) imports, directly
// or, with transitive, through any chain, sorted.
func (g *Graph) Deps(module string, kinds KindSet, transitive, reverse bool) []string {
	a := g.adjacency(kinds)
	next := a.out
	if reverse {
		next = a.in
	}
	seen := map[int32]bool{}
	var queue []int32
	for i, m := range g.Modules {
		if Within(m.Name, module) {
			seen[int32(i)] = true
			queue = append(queue, int32(i))
		}
	}
	start := len(queue)
	var found []string
	for qi := 0; qi < len(queue); qi++ {
		if qi >= start && !transitive {
			break
		}
		for _, w := range next[queue[qi]] {
			if seen[w] {
				continue
			}
			seen[w] = true
			found = append(found, g.Modules[w].Name)
			queue = append(queue, w)
		}
	}
	sort.Strings(found)
	return found
}

// Collapse merges modules into their first n name parts (packages at depth n); imports between
// modules that merge into one disappear.
func (g *Graph) Collapse(n int) *Graph {
	if n <= 0 {
		return g
	}
	cut := func(m string) string {
		parts := strings.SplitN(m, ".", n+1)
		if len(parts) > n {
			parts = parts[:n]
		}
		return strings.Join(parts, ".")
	}
	mods := map[string]Module{}
	for _, m := range g.Modules {
		c := cut(m.Name)
		cm := mods[c]
		cm.Name = c
		if c == m.Name {
			cm.Path, cm.Package = m.Path, m.Package
		} else {
			cm.Package = true
		}
		mods[c] = cm
	}
	var modules []Module
	for _, m := range mods {
		modules = append(modules, m)
	}
	var edges []Edge
	for _, e := range g.Edges {
		if g.HasModule(e.Importer) {
			e.Importer = cut(e.Importer) // not a script's path, whose dots are no module's
		}
		if e.Category == FirstParty || e.Category == Unresolved {
			e.Imported = cut(e.Imported)
		}
		if e.Importer == e.Imported {
			continue
		}
		edges = append(edges, e)
	}
	return NewGraph(g.Roots, modules, edges)
}
