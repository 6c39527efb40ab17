package imports

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"sort"
	"testing"
)

// shortestCycleEverySearch is the plain definition of the witness shortestCycle finds: a
// breadth-first search from every member back to itself, in name order, keeping the first
// shortest. It costs a whole search per member; the tests compare the two on random graphs.
func (a *adjacency) shortestCycleEverySearch(comp []int32) []int32 {
	member := make(map[int32]bool, len(comp))
	for _, v := range comp {
		member[v] = true
	}
	sorted := append([]int32(nil), comp...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var best []int32
	for _, s := range sorted {
		path := a.bfs([]int32{s}, func(v int32) bool { return v == s }, member, true)
		if path != nil && (best == nil || len(path) < len(best)) {
			best = path
		}
	}
	return best
}

// numberedGraph makes modules m00000.. and first-party module-level imports between them.
func numberedGraph(n int, pairs [][2]int) *Graph {
	name := func(i int) string { return fmt.Sprintf("m%06d", i) }
	mods := make([]Module, n)
	for i := range mods {
		mods[i] = Module{Name: name(i), Path: name(i) + ".py"}
	}
	edges := make([]Edge, 0, len(pairs))
	for i, p := range pairs {
		edges = append(edges, Edge{Importer: name(p[0]), Imported: name(p[1]), Path: name(p[0]) + ".py", Line: 1 + i%7, Kind: KindModule, Category: FirstParty})
	}
	return NewGraph([]string{"."}, mods, edges)
}

// TestShortestCycleAgrees compares the witness of every cycle with the search from every
// member, on random graphs sparse and dense, with self-imports, rings and rings with chords.
func TestShortestCycleAgrees(t *testing.T) {
	rng := rand.New(rand.NewSource(10))
	for trial := range 400 {
		n := 2 + rng.Intn(40)
		var pairs [][2]int
		switch trial % 4 {
		case 0: // random, sparse to dense
			p := rng.Float64() * 0.3
			for u := range n {
				for w := range n {
					if rng.Float64() < p && (u != w || rng.Intn(8) == 0) {
						pairs = append(pairs, [2]int{u, w})
					}
				}
			}
		case 1, 2: // a ring in a random order, with a few chords
			perm := rng.Perm(n)
			for i := range n {
				pairs = append(pairs, [2]int{perm[i], perm[(i+1)%n]})
			}
			for range rng.Intn(trial%4*3 + 1) {
				pairs = append(pairs, [2]int{rng.Intn(n), rng.Intn(n)})
			}
		case 3: // several rings sharing modules
			for range 1 + rng.Intn(4) {
				l := 2 + rng.Intn(n-1)
				perm := rng.Perm(n)[:l]
				for i := range l {
					pairs = append(pairs, [2]int{perm[i], perm[(i+1)%l]})
				}
			}
		}
		g := numberedGraph(n, pairs)
		a := g.adjacency(Kinds(KindModule))
		for _, comp := range a.scc() {
			if len(comp) == 1 && !slicesContains(a.out[comp[0]], comp[0]) {
				continue
			}
			want := a.shortestCycleEverySearch(comp)
			var got []int32
			witness, proven := a.shortestCycle(comp, math.MaxInt)
			if !proven {
				t.Fatalf("trial %d: not proven without a budget", trial)
			}
			for _, e := range witness {
				got = append(got, edgeIndex(g, e))
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("trial %d: %d modules, imports %v:\nwitness %v\nwant    %v", trial, n, pairs, got, want)
			}
		}
	}
}

func slicesContains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func edgeIndex(g *Graph, e Edge) int32 {
	for i := range g.Edges {
		if g.Edges[i] == e {
			return int32(i)
		}
	}
	return -1
}

// ringGraph is n modules each importing the next, the last the first: one cycle through all.
func ringGraph(n int) *Graph {
	pairs := make([][2]int, n)
	for i := range pairs {
		pairs[i] = [2]int{i, (i + 1) % n}
	}
	return numberedGraph(n, pairs)
}

func TestCyclesOfARing(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	cs := ringGraph(n).Cycles(Kinds(KindModule))
	if len(cs) != 1 || len(cs[0].Modules) != n || len(cs[0].Witness) != n {
		t.Fatalf("%d cycles, want one of %d modules", len(cs), n)
	}
	for i, e := range cs[0].Witness {
		if next := cs[0].Witness[(i+1)%n]; e.Imported != next.Importer {
			t.Fatalf("hop %d (%s -> %s) is not followed by an import from %s", i, e.Importer, e.Imported, e.Imported)
		}
	}
}

// BenchmarkCyclesRing finds the cycle of a ring of 200,000 modules (the graph is built
// outside the timing).
func BenchmarkCyclesRing(b *testing.B) {
	g := ringGraph(200000)
	b.ResetTimer()
	for b.Loop() {
		if cs := g.Cycles(Kinds(KindModule)); len(cs) != 1 {
			b.Fatal(len(cs))
		}
	}
}

// layeredGraph is a hostile graph for the search: layers of width modules, each importing two
// modules of the next layer at random, the last layer the first, names shuffled. Every cycle
// is layers imports long or longer, and no module leaves the component as others are searched,
// so proving that no cycle is shorter takes a long search from every module.
func layeredGraph(layers, width int, seed int64) *Graph {
	rng := rand.New(rand.NewSource(seed))
	perm := rng.Perm(layers * width)
	var pairs [][2]int
	for l := range layers {
		for i := range width {
			for range 2 {
				pairs = append(pairs, [2]int{perm[l*width+i], perm[(l+1)%layers*width+rng.Intn(width)]})
			}
		}
	}
	return numberedGraph(layers*width, pairs)
}

// TestShortestCycleBudget checks that a search stopped by its budget still gives a cycle of
// the component, and says that it may not be a shortest one.
func TestShortestCycleBudget(t *testing.T) {
	g := layeredGraph(20, 50, 1)
	a := g.adjacency(Kinds(KindModule))
	for _, comp := range a.scc() {
		if len(comp) < 2 {
			continue
		}
		member := map[string]bool{}
		for _, v := range comp {
			member[g.Modules[v].Name] = true
		}
		full, proven := a.shortestCycle(comp, math.MaxInt)
		if !proven || len(full) != 20 {
			t.Fatalf("without a budget: %d imports (proven %v), want 20", len(full), proven)
		}
		cut, proven := a.shortestCycle(comp, 100)
		if proven {
			t.Fatal("a budget of 100 imports proved a shortest cycle in a component of 1,000 modules")
		}
		for i, e := range cut {
			if !member[e.Importer] || e.Imported != cut[(i+1)%len(cut)].Importer {
				t.Fatalf("hop %d (%s -> %s) does not go round the component", i, e.Importer, e.Imported)
			}
		}
	}
}

// BenchmarkCyclesHostile is the worst graph known for the search (layeredGraph) at 200,000
// modules: the budget bounds it (without it, 216 s).
func BenchmarkCyclesHostile(b *testing.B) {
	g := layeredGraph(100, 2000, 1)
	b.ResetTimer()
	for b.Loop() {
		cs := g.Cycles(Kinds(KindModule))
		if len(cs) != 1 || !cs[0].Unproven {
			b.Fatalf("%d cycles", len(cs))
		}
		b.ReportMetric(float64(len(cs[0].Witness)), "imports")
	}
}
