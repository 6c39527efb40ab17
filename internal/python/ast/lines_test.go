package ast

import (
	"math/rand"
	"slices"
	"testing"
)

func TestPhysicalLines(t *testing.T) {
	for src, want := range map[string]int{"": 0, "a": 1, "a\n": 1, "a\nb": 2, "a\nb\n": 2, "\n": 1, "\n\n": 2} {
		if got := NewLineIndex(src).PhysicalLines(src); got != want {
			t.Errorf("PhysicalLines(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestLineSplitter: the lazy splitter and the line count agree with SplitLines on every
// prefix asked for, whatever the line breaks ("\n", "\r\n", "\r" alone, at the end or not).
func TestLineSplitter(t *testing.T) {
	texts := []string{"", "a", "\n", "\r", "\r\n", "a\n", "a\r", "a\r\n", "\n\n", "\r\r", "\r\n\r\n", "\n\r", "a\rb\nc\r\nd", "x = 1\r\n\r\ny\r"}
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte("ab \r\n")
	for range 2000 {
		b := make([]byte, rng.Intn(12))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		want := SplitLines(text)
		if got := CountLines(text); got != len(want) {
			t.Fatalf("CountLines(%q) = %d, want %d", text, got, len(want))
		}
		sl := NewLineSplitter(text)
		for _, n := range []int{0, 1, 2, 1, 5, len(want), len(want) + 3} {
			if got := sl.UpTo(n); !slices.Equal(got, want[:min(n, len(want))]) {
				t.Fatalf("UpTo(%d) of %q = %q, want %q", n, text, got, want[:min(n, len(want))])
			}
		}
	}
}
