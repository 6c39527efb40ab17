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

// TestNewLineIndexAgreesWithScan compares the word-at-a-time scan with a byte-at-a-time one,
// on text with line ends at every position of a word and bytes next to '\n' in value.
func TestNewLineIndexAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte{'\n', '\n', 'a', ' ', 0x0b, 0x09, 0x8a, 0x0a ^ 0x80, 0}
	for n := 0; n < 2000; n++ {
		b := make([]byte, rng.Intn(70))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		src := string(b)
		want := []int32{0}
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				want = append(want, int32(i+1))
			}
		}
		if got := NewLineIndex(src).starts; !slices.Equal(got, want) {
			t.Fatalf("NewLineIndex(%q) = %v, want %v", src, got, want)
		}
	}
}
