package wire

import (
	"encoding/binary"
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	e := &Encoder{}
	e.Uint(0)
	e.Uint(math.MaxUint64)
	e.Int(-1)
	e.Int(math.MinInt64)
	e.Int(math.MaxInt64)
	e.Bool(true)
	e.Bool(false)
	e.String("")
	e.String("héllo")
	e.Float64(math.Inf(-1))
	e.Float64(0.1)
	e.Fixed([]byte{1, 2, 3})
	e.SliceLen(true, 0)
	e.SliceLen(false, 0)
	e.SliceLen(false, 2)
	e.Bool(true) // the two elements
	e.Bool(true)
	e.Len(0)
	d := NewDecoder(e.B)
	var fixed [3]byte
	got := []any{d.Uint(), d.Uint(), d.Int(), d.Int(), d.Int(), d.Bool(), d.Bool(), d.String(), d.String(), d.Float64(), d.Float64()}
	d.Fixed(fixed[:])
	n1, nil1 := d.SliceLen(1)
	n2, nil2 := d.SliceLen(1)
	n3, nil3 := d.SliceLen(0)
	d.Bool()
	d.Bool()
	n4 := d.Len(1)
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
	want := []any{uint64(0), uint64(math.MaxUint64), -1, math.MinInt64, math.MaxInt64, true, false, "", "héllo", math.Inf(-1), 0.1}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: %v, want %v", i, got[i], want[i])
		}
	}
	if fixed != [3]byte{1, 2, 3} || n1 != 0 || !nil1 || n2 != 0 || nil2 || n3 != 2 || nil3 || n4 != 0 {
		t.Errorf("fixed %v, slices %d %v %d %v %d %v, len %d", fixed, n1, nil1, n2, nil2, n3, nil3, n4)
	}
}

// TestDamaged: what cannot be read is an error, and every later read a zero value.
func TestDamaged(t *testing.T) {
	cases := map[string]func(d *Decoder){
		"a varint cut short":            func(d *Decoder) { d.Uint() },
		"a varint beyond 64 bits":       func(d *Decoder) { d.Uint() },
		"a string longer than the rest": func(d *Decoder) { _ = d.String() },
		"a count beyond the rest":       func(d *Decoder) { d.Len(4) },
		"a flag that is not 0 or 1":     func(d *Decoder) { d.Bool() },
		"a float cut short":             func(d *Decoder) { d.Float64() },
		"bytes left over":               func(d *Decoder) {},
	}
	inputs := map[string][]byte{
		"a varint cut short":            {0x80},
		"a varint beyond 64 bits":       {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
		"a string longer than the rest": {5, 'a'},
		"a count beyond the rest":       {3, 0, 0, 0, 0},
		"a flag that is not 0 or 1":     {2},
		"a float cut short":             {1, 2, 3},
		"bytes left over":               {0},
	}
	for name, read := range cases {
		d := NewDecoder(inputs[name])
		read(d)
		if d.Finish() == nil {
			t.Errorf("%s: no error", name)
		}
		if d.Uint() != 0 || d.String() != "" || d.Bool() {
			t.Errorf("%s: reads after the error are not zero", name)
		}
	}
}

// TestUintEveryLength: Uint reads what binary.Uvarint reads, for varints of every length,
// canonical or not, followed by other bytes or not, and fails where it fails (cut short, past
// 64 bits), whichever way it reads them (eight bytes at once, or one by one near the end).
func TestUintEveryLength(t *testing.T) {
	var cases [][]byte
	for shift := 0; shift < 64; shift++ {
		for _, v := range []uint64{1 << shift, 1<<shift - 1, 1<<shift + 1, 1<<shift | 0x5555555555555555>>(63-shift)} {
			cases = append(cases, binary.AppendUvarint(nil, v))
		}
	}
	cases = append(cases, binary.AppendUvarint(nil, math.MaxUint64),
		[]byte{0x80, 0x00}, []byte{0xff, 0x80, 0x80, 0x00}, // not canonical: still read
		[]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02}, // past 64 bits
		[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	for _, c := range cases {
		for _, tail := range [][]byte{nil, {0x00}, {0x7f, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}, {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89}} {
			for cut := 0; cut <= len(c); cut++ {
				b := append(append([]byte{}, c[:cut]...), tail...)
				want, n := binary.Uvarint(b)
				d := NewDecoder(b)
				got := d.Uint()
				if n <= 0 {
					if d.Err() == nil {
						t.Errorf("% x: read %d, want a failure", b, got)
					}
					continue
				}
				if d.Err() != nil || got != want || len(d.s) != len(b)-n {
					t.Errorf("% x: read %d (%v, %d bytes left), want %d (%d left)", b, got, d.Err(), len(d.s), want, len(b)-n)
				}
			}
		}
	}
}
