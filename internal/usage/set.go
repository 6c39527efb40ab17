package usage

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
)

// Set is a set of strings made to be filled fast: an open-addressing table that remembers
// its keys in the order they came, so that reading them out and emptying the set cost the
// keys it holds, not the table's size (a Go map used again costs its whole capacity to
// iterate and to clear, and a new map per file costs its growth), and a hash of a few
// instructions. The names, attributes and strings of every file go through one, and the DEAD
// rules' sets of the whole project's. Its zero value is not ready: NewSet.
type Set struct {
	seed uint64
	// slots: gen<<32 | index in keys; a slot is empty unless its high half is gen (one
	// word, so that a probe reads one slice where a slot and its mark were two).
	slots  []uint64
	gen    uint32
	keys   []string
	hashes []uint64 // of each key
}

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{seed: rand.Uint64(), gen: 1}
}

// NewSetSize returns an empty set made for about n keys: its table and lists are not grown
// (copied, placed again) as it fills.
func NewSetSize(n int) *Set {
	s := NewSet()
	size := 256
	for size < 2*n+2 {
		size *= 2
	}
	s.slots = make([]uint64, size)
	s.keys, s.hashes = make([]string, 0, n), make([]uint64, 0, n)
	return s
}

// Add puts k in the set.
func (s *Set) Add(k string) {
	if len(s.slots) == 0 {
		s.slots = make([]uint64, 256)
	}
	h := hashString(s.seed, k)
	mask := uint64(len(s.slots) - 1)
	gen := uint64(s.gen) << 32
	for i := h & mask; ; i = (i + 1) & mask {
		slot := s.slots[i]
		if slot&^0xffffffff != gen {
			s.slots[i] = gen | uint64(len(s.keys))
			s.keys = append(s.keys, k)
			s.hashes = append(s.hashes, h)
			if 2*len(s.keys) > len(s.slots) {
				s.grow()
			}
			return
		}
		if j := uint32(slot); s.hashes[j] == h && s.keys[j] == k {
			return
		}
	}
}

// grow doubles the table and places the keys again.
// Has reports whether k is in the set (a nil set is empty).
func (s *Set) Has(k string) bool {
	if s == nil || len(s.slots) == 0 {
		return false
	}
	h := hashString(s.seed, k)
	mask := uint64(len(s.slots) - 1)
	gen := uint64(s.gen) << 32
	for i := h & mask; s.slots[i]&^0xffffffff == gen; i = (i + 1) & mask {
		if j := uint32(s.slots[i]); s.hashes[j] == h && s.keys[j] == k {
			return true
		}
	}
	return false
}

// Len returns the number of keys in the set.
func (s *Set) Len() int { return len(s.keys) }

// Keys returns the keys, in the order they were first added (a copy).
func (s *Set) Keys() []string { return slices.Clone(s.keys) }

func (s *Set) grow() {
	n := 2 * len(s.slots)
	s.slots, s.gen = make([]uint64, n), 1
	mask := uint64(n - 1)
	const gen = 1 << 32
	for j, h := range s.hashes {
		i := h & mask
		for s.slots[i]&^0xffffffff == gen {
			i = (i + 1) & mask
		}
		s.slots[i] = gen | uint64(j)
	}
}

// sorted returns the keys, sorted, copied into one string (see joined), and empties the
// set.
func (s *Set) sorted() []string {
	defer s.reset()
	if len(s.keys) == 0 {
		return nil
	}
	// The hashes are the sort's scratch room: reset comes next.
	out := make([]string, len(s.keys))
	sortInto(out, s.keys, s.hashes)
	return joinInto(out)
}

// reset empties the set, and lets go of its keys (they share the source of a file).
func (s *Set) reset() {
	clear(s.keys)
	s.keys, s.hashes = s.keys[:0], s.hashes[:0]
	if s.gen++; s.gen == 0 { // once in four billion files: the old marks could come back
		clear(s.slots)
		s.gen = 1
	}
}

// joined returns a copy of strs whose strings are copied into one new string: not the
// source's bytes (the facts outlive the file's source), and one allocation for the set rather
// than one for each of its strings.
func joined(strs []string) []string {
	return joinInto(slices.Clone(strs))
}

// joinInto is joined that writes the copies over strs, and returns it.
func joinInto(out []string) []string {
	n := 0
	for _, k := range out {
		n += len(k)
	}
	var b strings.Builder
	b.Grow(n)
	for _, k := range out {
		b.WriteString(k)
	}
	all := b.String()
	for i, k := range out {
		out[i], all = all[:len(k)], all[len(k):]
	}
	return out
}

// hashString hashes a string with a seed (random for each set: no file can be made to fill
// one bucket), in a few instructions for a short name: a multiply and fold of eight bytes at
// a time, as wyhash mixes (hash/maphash took 70 instructions a name here).
func hashString(seed uint64, s string) uint64 {
	const m1, m2 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db
	n := len(s)
	var v uint64
	switch {
	case n >= 8:
		for i := 0; i+8 < n; i += 8 {
			seed = mix(seed^binary.LittleEndian.Uint64([]byte(s[i:i+8])), m1)
		}
		v = binary.LittleEndian.Uint64([]byte(s[n-8:])) // the last eight, overlapping
	case n >= 4:
		v = uint64(binary.LittleEndian.Uint32([]byte(s[:4])))<<32 | uint64(binary.LittleEndian.Uint32([]byte(s[n-4:])))
	case n > 0:
		v = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	return mix(seed^v, m2^uint64(n))
}

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}
