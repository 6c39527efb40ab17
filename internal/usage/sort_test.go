package usage

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

func TestSortStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"", "a", "b", "_", "self", "self_", "get", "\xff", "\x00", "é", "A", "z"}
	for _, n := range append(slices.Collect(func(yield func(int) bool) {
		for n := range 400 {
			if !yield(n) {
				return
			}
		}
	}), 1<<16+3) { // past 1<<16 the words hold fewer bytes
		strs := make([]string, n)
		for i := range strs {
			s := ""
			for range r.IntN(5) {
				s += alphabet[r.IntN(len(alphabet))]
			}
			strs[i] = s
		}
		want := slices.Clone(strs)
		sort.Strings(want)
		SortStrings(strs)
		if !slices.Equal(strs, want) {
			t.Fatalf("%d strings: got %q, want %q", n, strs, want)
		}
	}
}

func BenchmarkSortStrings(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"self", "get", "set", "_", "name", "value", "test", "data", "x", "node", "visit", "__"}
	strs := make([]string, 2000)
	for i := range strs {
		s := ""
		for range 1 + r.IntN(4) {
			s += words[r.IntN(len(words))]
		}
		strs[i] = s
	}
	b.Run("SortStrings", func(b *testing.B) {
		a := make([]string, len(strs))
		for b.Loop() {
			copy(a, strs)
			SortStrings(a)
		}
	})
	b.Run("sort.Strings", func(b *testing.B) {
		a := make([]string, len(strs))
		for b.Loop() {
			copy(a, strs)
			sort.Strings(a)
		}
	})
}
