package usage

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestStringSet fills a set with names, some again, empties it, fills it again: it holds
// each name once, sorted out, and nothing of the file before.
func TestStringSet(t *testing.T) {
	s := NewSet()
	for round := 0; round < 3; round++ {
		want := map[string]bool{}
		for i := 0; i < 5000; i++ {
			k := fmt.Sprintf("n%d_%d", round, i%(700+round*900))
			if i%7 == 0 {
				k = k[:1+i%len(k)] // short ones too: 1 to 3, 4 to 7, 8 and more bytes
			}
			s.Add(k)
			want[k] = true
		}
		for k := range want {
			if !s.Has(k) {
				t.Fatalf("round %d: %q added, not in the set", round, k)
			}
		}
		if s.Has("absent") || s.Len() != len(want) {
			t.Fatalf("round %d: Has(absent) %v, Len %d, want false, %d", round, s.Has("absent"), s.Len(), len(want))
		}
		got := s.sorted()
		var keys []string
		for k := range want {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !slices.Equal(got, keys) {
			t.Fatalf("round %d: %d keys, want %d", round, len(got), len(keys))
		}
	}
	if got := s.sorted(); got != nil {
		t.Errorf("empty set: %q", got)
	}
}

func TestContainsRegister(t *testing.T) {
	for _, s := range []string{"", "r", "register", "registe", "xregister", "register_interface", "reregister", "rregisterr", "Register", "regist", "unregistered", "rrrrrrrrregister"} {
		if got, want := containsRegister(s), strings.Contains(s, "register"); got != want {
			t.Errorf("containsRegister(%q) = %v, want %v", s, got, want)
		}
	}
}
