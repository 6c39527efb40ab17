package contracts

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/imports"
)

// greedyOrderDense is the plain statement of greedyOrder, on a weight matrix, looking at
// every node at each step (O(k²)): the tests check that the two give the same order.
func greedyOrderDense(w [][]int) []int32 {
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
	var head, tail []int32
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
			tail = append(tail, int32(next))
		} else {
			head = append(head, int32(next))
		}
		left[next] = false
		for x := range k {
			if left[x] {
				out[x] -= w[x][next]
				in[x] -= w[next][x]
			}
		}
	}
	slices.Reverse(tail)
	return append(head, tail...)
}

// TestGreedyOrderAgrees compares greedyOrder with its plain statement on random graphs,
// sparse and dense, with repeated and self arcs and ties of weight.
func TestGreedyOrderAgrees(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for trial := range 500 {
		k := 1 + rng.Intn(60)
		p := rng.Float64() * 0.4
		var arcs []arc
		w := make([][]int, k)
		for i := range w {
			w[i] = make([]int, k)
		}
		add := func(a, b, n int) {
			arcs = append(arcs, arc{int32(a), int32(b), n})
			if a != b {
				w[a][b] += n
			}
		}
		if trial%2 == 0 {
			for a := range k {
				for b := range k {
					for rng.Float64() < p {
						add(a, b, 1+rng.Intn(1+trial%8))
					}
				}
			}
		} else {
			// Unions of permutations: every node has as much weight out as in, and
			// the choices are ties until the first nodes go.
			for range 1 + rng.Intn(4) {
				for a, b := range rng.Perm(k) {
					add(a, b, 1)
				}
			}
		}
		rng.Shuffle(len(arcs), func(i, j int) { arcs[i], arcs[j] = arcs[j], arcs[i] })
		if got, want := greedyOrder(k, arcs), greedyOrderDense(w); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d (k=%d, %d arcs): order\n%v\nwant\n%v", trial, k, len(arcs), got, want)
		}
	}
}

// ringDeps is a ring of k siblings, each importing the next.
func ringDeps(k int) ([]string, []*dependency) {
	members := make([]string, k)
	for i := range members {
		members[i] = fmt.Sprintf("p.m%06d", i)
	}
	deps := make([]*dependency, k)
	for i := range deps {
		deps[i] = &dependency{from: members[i], to: members[(i+1)%k], n: 1}
	}
	return members, deps
}

func TestFeedbackOfARing(t *testing.T) {
	members, deps := ringDeps(50000)
	got, exact := feedback(members, deps)
	if exact || len(got) != 1 {
		t.Fatalf("a ring of 50,000: %d dependencies removed (exact %v), want 1", len(got), exact)
	}
}

// BenchmarkFeedbackRing finds the feedback set of a ring of 200,000 siblings.
func BenchmarkFeedbackRing(b *testing.B) {
	members, deps := ringDeps(200000)
	for b.Loop() {
		if got, _ := feedback(members, deps); len(got) != 1 {
			b.Fatal(len(got))
		}
	}
}

// ringGraph is a package p of n modules, each importing the next, the last the first.
func ringGraph(n int) *imports.Graph {
	name := func(i int) string { return fmt.Sprintf("p.m%06d", i) }
	mods := []imports.Module{{Name: "p", Path: "p/__init__.py", Package: true}}
	var edges []imports.Edge
	for i := range n {
		mods = append(mods, imports.Module{Name: name(i), Path: fmt.Sprintf("p/m%06d.py", i)})
		edges = append(edges, imports.Edge{Importer: name(i), Imported: name((i + 1) % n), Path: fmt.Sprintf("p/m%06d.py", i), Line: 1, Col: 7, Kind: imports.KindModule, Category: imports.FirstParty})
	}
	return imports.NewGraph([]string{"."}, mods, edges)
}

func acyclicRing(n int, modules bool) (Contract, Input) {
	spec := &Acyclic{Packages: []string{"p"}}
	if modules {
		spec = &Acyclic{}
		for i := range n {
			spec.Modules = append(spec.Modules, fmt.Sprintf("p.m%06d", i))
		}
	}
	c := Contract{Name: "ring", Origin: Origin{Tool: FromButtress, File: "buttress.toml", Line: 1}, Spec: spec}
	return c, Input{Graph: ringGraph(n)}
}

// TestAcyclicRing checks a ring of 20,000 siblings (2,000 with -short): one finding, one
// dependency to remove, and a message of bounded length.
func TestAcyclicRing(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for _, modules := range []bool{false, true} {
		c, in := acyclicRing(n, modules)
		res := Check([]Contract{c}, in, 1)
		if len(res) != 1 || len(res[0].Findings) != 1 {
			t.Fatalf("modules %v: %d findings, want 1", modules, len(res[0].Findings))
		}
		f := res[0].Findings[0]
		if !strings.Contains(f.Message, "a small set of imports") || len(f.Message) > 2000 {
			t.Errorf("modules %v: message of %d bytes: %.300s", modules, len(f.Message), f.Message)
		}
	}
}

// BenchmarkAcyclicRing checks an acyclic contract on a ring of 200,000 siblings (the graph
// is built outside the timing).
func BenchmarkAcyclicRing(b *testing.B) {
	c, in := acyclicRing(200000, false)
	b.ResetTimer()
	for b.Loop() {
		if res := Check([]Contract{c}, in, 1); len(res[0].Findings) != 1 {
			b.Fatal(len(res[0].Findings))
		}
	}
}
