package ast

import "testing"

func TestPhysicalLines(t *testing.T) {
	for src, want := range map[string]int{"": 0, "a": 1, "a\n": 1, "a\nb": 2, "a\nb\n": 2, "\n": 1, "\n\n": 2} {
		if got := NewLineIndex(src).PhysicalLines(src); got != want {
			t.Errorf("PhysicalLines(%q) = %d, want %d", src, got, want)
		}
	}
}
