// Package wire is the binary encoding of the cache's entries: varints, strings and flags
// appended to a byte slice, and read back by a Decoder that checks every length against the
// bytes left, so that a damaged entry is an error, never a panic or a huge allocation.
//
// The packages whose values are cached (summary, analysis) write their own fields with it,
// field by field, in a fixed order: an entry carries no field names or type descriptions. A
// change of that order or of the fields is a new summary.EncodingVersion.
package wire

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
	"unsafe"
)

// Encoder appends values to B.
type Encoder struct {
	B []byte
}

// Uint appends an unsigned varint.
func (e *Encoder) Uint(v uint64) { e.B = binary.AppendUvarint(e.B, v) }

// Int appends a signed (zig-zag) varint.
func (e *Encoder) Int(v int) { e.B = binary.AppendVarint(e.B, int64(v)) }

// Len appends a count (of a slice, or of the bytes of a string).
func (e *Encoder) Len(n int) { e.Uint(uint64(n)) }

// SliceLen appends the length of a slice and whether it is nil (0 for nil, else the length
// plus one), so that a nil slice and an empty one come back as they were.
func (e *Encoder) SliceLen(isNil bool, n int) {
	if isNil {
		e.Uint(0)
	} else {
		e.Uint(uint64(n) + 1)
	}
}

// Bool appends one byte, 0 or 1.
func (e *Encoder) Bool(v bool) {
	if v {
		e.B = append(e.B, 1)
	} else {
		e.B = append(e.B, 0)
	}
}

// String appends a length and the bytes.
func (e *Encoder) String(s string) {
	e.Len(len(s))
	e.B = append(e.B, s...)
}

// Fixed appends bytes of a length both sides know (a digest).
func (e *Encoder) Fixed(b []byte) { e.B = append(e.B, b...) }

// OpenSection appends room for the length of a section, the values appended until
// CloseSection: a reader can take the section whole (Decoder.Section) and decode it later,
// or never. It returns where the section starts, for CloseSection.
func (e *Encoder) OpenSection() int {
	e.B = append(e.B, 0, 0, 0, 0)
	return len(e.B)
}

// CloseSection ends the section that OpenSection began at start.
func (e *Encoder) CloseSection(start int) {
	binary.LittleEndian.PutUint32(e.B[start-4:start], uint32(len(e.B)-start))
}

// Float64 appends the eight bytes of the value's IEEE 754 bits: the value read back is
// the same, bit for bit.
func (e *Encoder) Float64(v float64) {
	e.B = binary.LittleEndian.AppendUint64(e.B, math.Float64bits(v))
}

// ErrCorrupt is the error of a Decoder that met bytes that are not a valid encoding.
var ErrCorrupt = errors.New("not a valid encoding")

// Decoder reads values from bytes. The first problem sets Err; from then on every read
// returns the zero value, so that a caller checks Err once, at the end.
//
// The bytes are copied into one string when the Decoder is made (or given as one), and the
// strings it returns are slices of it: one allocation per decoded entry, or none, instead of
// one per string. They keep that string alive, which is about the size of what they hold
// anyway.
type Decoder struct {
	s   string
	err error
}

// NewDecoder reads a copy of b.
func NewDecoder(b []byte) *Decoder { return &Decoder{s: string(b)} }

// NewDecoderOwned reads b without a copy: the strings it returns share b's bytes, which the
// caller must never write again (a buffer just read from a file, as strings.Builder shares
// its own).
func NewDecoderOwned(b []byte) *Decoder {
	if len(b) == 0 {
		return &Decoder{}
	}
	return &Decoder{s: unsafe.String(&b[0], len(b))}
}

// NewDecoderString reads s, without a copy: the strings it returns are slices of s.
func NewDecoderString(s string) *Decoder { return &Decoder{s: s} }

// Err returns the first problem met, or nil.
func (d *Decoder) Err() error { return d.err }

// Finish returns Err, or ErrCorrupt when bytes are left over.
func (d *Decoder) Finish() error {
	if d.err == nil && len(d.s) > 0 {
		d.fail()
	}
	return d.err
}

// Invalid marks the bytes read as not a valid encoding: a value out of range.
func (d *Decoder) Invalid() { d.fail() }

func (d *Decoder) fail() {
	if d.err == nil {
		d.err = ErrCorrupt
	}
	d.s = ""
}

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	// Most values are small: one byte, read inline (a decoded summary is mostly varints).
	// After a failure d.s is empty (fail), so that this needs no look at d.err.
	if s := d.s; s != "" && s[0] < 0x80 {
		d.s = s[1:]
		return uint64(s[0])
	}
	return d.uintLong()
}

func (d *Decoder) uintLong() uint64 {
	if d.err != nil {
		return 0
	}
	// Eight bytes at once when there are: the first without its high bit ends the varint,
	// and the 7-bit groups before it are gathered with shifts (the nanosecond times of a
	// pack's index and listings take 9 bytes, their offsets and checksums 3 to 5).
	if s := d.s; len(s) >= 8 {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		v := x&0x7f | x>>1&(0x7f<<7) | x>>2&(0x7f<<14) | x>>3&(0x7f<<21) |
			x>>4&(0x7f<<28) | x>>5&(0x7f<<35) | x>>6&(0x7f<<42) | x>>7&(0x7f<<49)
		if end := ^x & 0x8080808080808080; end != 0 {
			n := bits.TrailingZeros64(end)>>3 + 1 // bytes of the varint
			d.s = s[n:]
			return v & (1<<(7*n) - 1)
		}
		if len(s) >= 9 && s[8] < 0x80 {
			d.s = s[9:]
			return v | uint64(s[8])<<56
		}
	}
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if i == binary.MaxVarintLen64-1 && c > 1 {
			break // overflows 64 bits
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			d.s = d.s[i+1:]
			return v
		}
	}
	d.fail()
	return 0
}

// Int reads a signed varint.
func (d *Decoder) Int() int {
	u := d.Uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if v != int64(int(v)) {
		d.fail()
		return 0
	}
	return int(v)
}

// Len reads a count of elements that take at least minSize bytes each (1 when it is 0): a
// count larger than the bytes left can hold is an error, so that a damaged count never
// allocates much.
func (d *Decoder) Len(minSize int) int {
	v := d.Uint()
	if d.err != nil {
		return 0
	}
	if minSize < 1 {
		minSize = 1
	}
	if v > uint64(len(d.s)/minSize) {
		d.fail()
		return 0
	}
	return int(v)
}

// SliceLen reads what Encoder.SliceLen wrote: a length checked as Len checks it, and
// whether the slice was nil.
func (d *Decoder) SliceLen(minSize int) (n int, isNil bool) {
	v := d.Uint()
	if d.err != nil || v == 0 {
		return 0, true
	}
	if minSize < 1 {
		minSize = 1
	}
	if v-1 > uint64(len(d.s)/minSize) {
		d.fail()
		return 0, true
	}
	return int(v - 1), false
}

// Bool reads a flag.
func (d *Decoder) Bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.s) == 0 || d.s[0] > 1 {
		d.fail()
		return false
	}
	v := d.s[0] == 1
	d.s = d.s[1:]
	return v
}

// String reads a string.
func (d *Decoder) String() string {
	v := d.Uint()
	if d.err != nil {
		return ""
	}
	if v > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	s := d.s[:v]
	d.s = d.s[v:]
	return s
}

// Fixed reads len(into) bytes into into.
func (d *Decoder) Fixed(into []byte) {
	if d.err != nil {
		return
	}
	if len(d.s) < len(into) {
		d.fail()
		return
	}
	copy(into, d.s)
	d.s = d.s[len(into):]
}

// Section reads a section (Encoder.OpenSection) whole, without decoding it: its bytes, for
// a Decoder of their own (NewDecoderString).
func (d *Decoder) Section() string {
	var n [4]byte
	d.Fixed(n[:])
	if d.err != nil {
		return ""
	}
	v := binary.LittleEndian.Uint32(n[:])
	if uint64(v) > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	s := d.s[:v]
	d.s = d.s[v:]
	return s
}

// Float64 reads eight bytes of IEEE 754 bits.
func (d *Decoder) Float64() float64 {
	if d.err != nil {
		return 0
	}
	if len(d.s) < 8 {
		d.fail()
		return 0
	}
	var b [8]byte
	copy(b[:], d.s)
	d.s = d.s[8:]
	return math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
}
