// Package strroom copies strings into shared buffers (rooms), for the facts a summary keeps
// of a file: names, decorators, bindings that must outlive the file's source (the buffer a
// worker reads the next file into) and would otherwise be one allocation each. A room's
// bytes are never written again once a string is made of them, so the strings stay valid
// for as long as anything holds them; a room that is full goes on in a new buffer.
package strroom

import "unsafe"

// Room is a buffer the strings are copied into. Its zero value copies each string into a
// buffer of its own.
type Room struct {
	b    []byte
	next int // the size of the buffer made when a string does not fit (at least the string's)
}

// Sized returns a room of n bytes, for strings whose total size is known: a string that does
// not fit after all is copied alone.
func Sized(n int) *Room { return &Room{b: make([]byte, 0, n)} }

// Chunked returns a room whose buffers, of n bytes (or a longer string's size), are made as
// the strings come.
func Chunked(n int) *Room { return &Room{next: n} }

// Str returns a copy of s in the room. (Small enough to be inlined: the buffer's making is
// in more.)
func (r *Room) Str(s string) string {
	if s == "" {
		return ""
	}
	if cap(r.b)-len(r.b) < len(s) {
		return r.more(s)
	}
	start := len(r.b)
	r.b = r.b[:start+len(s)]
	copy(r.b[start:], s)
	return unsafe.String(&r.b[start], len(s))
}

// more is Str when s does not fit in the room.
func (r *Room) more(s string) string {
	r.b = make([]byte, len(s), max(r.next, len(s)))
	copy(r.b, s)
	return unsafe.String(&r.b[0], len(s))
}

// Strs returns a copy of ss (nil for nil), its strings in the room.
func (r *Room) Strs(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = r.Str(s)
	}
	return out
}
