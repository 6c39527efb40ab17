package dead

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAttrsInStrings holds attrsInStrings to the test it stands for in reaches, over random
// dotted strings and names: a name is in it exactly when the first "." + name of some string
// ends there or at a dot.
func TestAttrsInStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "ab", "b", "abc", "x", "", "_a", "a_"}
	word := func() string {
		var b strings.Builder
		for n := r.IntN(5); n >= 0; n-- {
			if n > 0 || r.IntN(2) == 0 {
				b.WriteString(words[r.IntN(len(words))])
			}
			if n > 0 {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	for round := 0; round < 2000; round++ {
		var strs []string
		for n := r.IntN(4); n >= 0; n-- {
			strs = append(strs, word())
		}
		attrs := attrsInStrings(strs)
		for _, name := range words[:len(words)-1] {
			if name == "" {
				continue
			}
			want := false
			for _, s := range strs {
				if i := strings.Index(s, "."+name); i >= 0 && (i+1+len(name) == len(s) || s[i+1+len(name)] == '.') {
					want = true
				}
			}
			if got := has(attrs, name); got != want {
				t.Fatalf("strings %q, name %q: %v, want %v (attrs %q)", strs, name, got, want, attrs)
			}
		}
	}
}
