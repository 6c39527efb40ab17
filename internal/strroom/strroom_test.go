package strroom

import (
	"strings"
	"testing"
	"unsafe"
)

// TestRoom: the copies equal the strings, do not share the originals' bytes, and stay
// unchanged whatever is copied after them, in a sized room, a growing one and a zero one.
func TestRoom(t *testing.T) {
	src := []byte("def handler(request): return decorate(app.route)")
	words := strings.Fields(string(src))
	for _, r := range []*Room{Sized(20), Chunked(16), {}} {
		var got []string
		for i := 0; i < 50; i++ {
			for _, w := range words {
				got = append(got, r.Str(w))
			}
			got = append(got, r.Str(""))
		}
		copy(src, strings.Repeat("x", len(src))) // the source read over, as the next file's
		i := 0
		for k := 0; k < 50; k++ {
			for _, w := range words {
				if got[i] != w {
					t.Fatalf("copy %d: %q, want %q", i, got[i], w)
				}
				i++
			}
			if got[i] != "" {
				t.Fatalf("copy of \"\": %q", got[i])
			}
			i++
		}
	}
	if r := Sized(0); r.Strs(nil) != nil || len(r.Strs([]string{})) != 0 {
		t.Error("Strs of nil or empty")
	}
}

// TestChunked: a chunked room makes its buffers of its size, or of a longer string's.
func TestChunked(t *testing.T) {
	r := Chunked(16)
	a, b := r.Str("0123456789"), r.Str("abcdef")
	if cap(r.b) != 16 || len(r.b) != 16 || unsafe.StringData(b) != unsafe.SliceData(r.b[len(a):]) {
		t.Errorf("two strings that fit 16 bytes: cap %d len %d, the second not after the first", cap(r.b), len(r.b))
	}
	r.Str("x")
	if cap(r.b) != 16 || len(r.b) != 1 {
		t.Errorf("a third that does not fit: a new buffer of 16, got cap %d len %d", cap(r.b), len(r.b))
	}
	r.Str(strings.Repeat("y", 40))
	if cap(r.b) != 40 {
		t.Errorf("a string longer than the size: a buffer of its own size, got %d", cap(r.b))
	}
}
