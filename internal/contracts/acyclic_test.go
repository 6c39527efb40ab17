package contracts

import (
	"fmt"
	"math/rand"
	"testing"
)

// permutations calls f with every ordering of 0..n-1.
func permutations(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(p)
			return
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			rec(k + 1)
			p[k], p[i] = p[i], p[k]
		}
	}
	rec(0)
}

func randomDeps(rng *rand.Rand, k int) ([]string, []*dependency) {
	var members []string
	for i := range k {
		members = append(members, fmt.Sprintf("p.m%d", i))
	}
	var deps []*dependency
	for a := range k {
		for b := range k {
			if a != b && rng.Intn(3) == 0 {
				deps = append(deps, &dependency{from: members[a], to: members[b], n: 1 + rng.Intn(5)})
			}
		}
	}
	return members, deps
}

// acyclicWithout reports whether the dependencies minus removed have no cycle.
func acyclicWithout(members []string, deps, removed []*dependency) bool {
	idx := map[string]int{}
	for i, m := range members {
		idx[m] = i
	}
	gone := map[*dependency]bool{}
	for _, d := range removed {
		gone[d] = true
	}
	adj := make([][]int, len(members))
	for _, d := range deps {
		if !gone[d] {
			adj[idx[d.from]] = append(adj[idx[d.from]], idx[d.to])
		}
	}
	for _, c := range tarjan(adj) {
		if len(c) > 1 {
			return false
		}
	}
	return true
}

func weight(ds []*dependency) int {
	w := 0
	for _, d := range ds {
		w += d.n
	}
	return w
}

// TestFeedbackIsMinimal compares the exact feedback set with a brute force over every
// ordering, on random graphs: the removed imports must break every cycle, and weigh no more
// than the best any ordering gives.
func TestFeedbackIsMinimal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := range 300 {
		k := 2 + rng.Intn(6)
		members, deps := randomDeps(rng, k)
		got, exact := feedback(members, deps)
		if !exact {
			t.Fatalf("k=%d: not exact", k)
		}
		if !acyclicWithout(members, deps, got) {
			t.Fatalf("trial %d: removing %d dependencies leaves a cycle", trial, len(got))
		}
		best := -1
		idx := map[string]int{}
		for i, m := range members {
			idx[m] = i
		}
		permutations(k, func(order []int) {
			rank := make([]int, k)
			for r, i := range order {
				rank[i] = r
			}
			w := 0
			for _, d := range deps {
				if rank[idx[d.from]] > rank[idx[d.to]] {
					w += d.n
				}
			}
			if best < 0 || w < best {
				best = w
			}
		})
		if weight(got) != best {
			t.Fatalf("trial %d (k=%d): feedback weighs %d, the best ordering %d", trial, k, weight(got), best)
		}
	}
}

// TestFeedbackHeuristic checks that the heuristic used above maxExact siblings still breaks
// every cycle.
func TestFeedbackHeuristic(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for trial := range 50 {
		members, deps := randomDeps(rng, maxExact+1+rng.Intn(20))
		got, exact := feedback(members, deps)
		if exact {
			t.Fatal("a large cycle was solved exactly")
		}
		if !acyclicWithout(members, deps, got) {
			t.Fatalf("trial %d: the heuristic leaves a cycle", trial)
		}
	}
}

func TestMatchExpressions(t *testing.T) {
	cases := []struct {
		expr, name string
		want       bool
	}{
		{"a.b", "a.b", true},
		{"a.b", "a.b.c", false},
		{"a.*", "a.b", true},
		{"a.*", "a.b.c", false},
		{"a.*.c", "a.b.c", true},
		{"a.*.*", "a.b.c", true},
		{"a.**", "a.b", true},
		{"a.**", "a.b.c.d", true},
		{"a.**", "a", false},
		{"a.**.q", "a.b.c.q", true},
		{"a.**.q", "a.q", false},
		{"**.tests", "x.y.tests", true},
	}
	for _, c := range cases {
		if got := compile(c.expr).match(c.name); got != c.want {
			t.Errorf("%q matches %q: %v, want %v", c.expr, c.name, got, c.want)
		}
	}
	for _, bad := range []string{"", "a..b", "a.b*", "a.1b", "a-b"} {
		if ValidExpression(bad) == nil {
			t.Errorf("ValidExpression(%q) accepted it", bad)
		}
	}
}

func TestSiblings(t *testing.T) {
	cases := []struct{ a, b, parent, ca, cb string }{
		{"p.x.one", "p.y.two", "p", "p.x", "p.y"},
		{"p.x", "p.y", "p", "p.x", "p.y"},
		{"p.x.one", "p.x.two", "p.x", "p.x.one", "p.x.two"},
		{"p.x.one", "p.x", "", "", ""}, // one holds the other
		{"p", "q", "", "", ""},         // no common package
		{"p.ab", "p.a.c", "p", "p.ab", "p.a"},
	}
	for _, c := range cases {
		parent, ca, cb, _ := siblings(c.a, c.b)
		if parent != c.parent || ca != c.ca || cb != c.cb {
			t.Errorf("siblings(%s, %s) = %q %q %q, want %q %q %q", c.a, c.b, parent, ca, cb, c.parent, c.ca, c.cb)
		}
	}
}

func TestParseLayer(t *testing.T) {
	cases := []struct {
		in   string
		want Layer
		err  bool
	}{
		{"a.b", Layer{Modules: []string{"a.b"}, Independent: true}, false},
		{"a | b", Layer{Modules: []string{"a", "b"}, Independent: true}, false},
		{"a : b", Layer{Modules: []string{"a", "b"}}, false},
		{"(a)", Layer{Modules: []string{"a"}, Independent: true, Optional: true}, false},
		{"(a | b)", Layer{Modules: []string{"a", "b"}, Independent: true, Optional: true}, false},
		{"(a) | (b)", Layer{Modules: []string{"a", "b"}, Independent: true, Optional: true}, false},
		{"(a) | b", Layer{}, true},
		{"a | b : c", Layer{}, true},
		{"a |", Layer{}, true},
		{"a.*", Layer{}, true},
	}
	for _, c := range cases {
		got, err := ParseLayer(c.in)
		if (err != nil) != c.err {
			t.Errorf("ParseLayer(%q): error %v, want error %v", c.in, err, c.err)
			continue
		}
		if !c.err && fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("ParseLayer(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}
