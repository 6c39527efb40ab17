package ast

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
	"unicode/utf8"
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

// TestNewLineIndexAgreesWithScan compares NewLineIndex with a byte-at-a-time scan, on text
// with line ends at every position of a word and bytes next to '\n' in value.
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
		if got := NewLineIndex(src).lineStarts(); !slices.Equal(got, want) {
			t.Fatalf("NewLineIndex(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestPositionAgreesWithSearch compares Position with a search of the line starts by
// sort.Search, at every offset of random texts, and before and past them.
func TestPositionAgreesWithSearch(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 500; n++ {
		b := make([]byte, rng.Intn(90))
		if n%5 == 0 { // past a block of the index, lines long and short
			b = make([]byte, rng.Intn(3000))
		}
		newline := 2 + rng.Intn(300)
		for i := range b {
			b[i] = "ab "[rng.Intn(3)]
			if rng.Intn(newline) == 0 {
				b[i] = '\n'
			}
		}
		src := string(b)
		x := NewLineIndex(src)
		starts := x.lineStarts()
		for off := -2; off <= len(src)+2; off++ {
			i := sort.Search(len(starts), func(i int) bool { return int(starts[i]) > off }) - 1
			if i < 0 {
				i = 0
			}
			line, col := x.Position(off)
			if line != i+1 || col != off-int(starts[i]) {
				t.Fatalf("Position(%d) of %q = %d, %d; want %d, %d", off, src, line, col, i+1, off-int(starts[i]))
			}
		}
	}
}

// TestLineIndexAsFarAsAsked: an index that finds its lines as far as each question needs
// answers every question, asked in any order, as the whole table does; so does one reused
// by Reset for text after text, whatever it held before.
func TestLineIndexAsFarAsAsked(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	var reused LineIndex
	for n := 0; n < 3000; n++ {
		b := make([]byte, rng.Intn(200))
		if n%50 == 0 {
			b = make([]byte, rng.Intn(5000))
		}
		for i := range b {
			b[i] = "ab \n"[rng.Intn(4)]
		}
		src := string(b)
		want := []int32{0}
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				want = append(want, int32(i+1))
			}
		}
		wantPhysical := len(want) - 1
		if len(src) > 0 && src[len(src)-1] != '\n' {
			wantPhysical++
		}
		x := NewLineIndex(src)
		if n%2 == 0 {
			reused.Reset(src)
			x = &reused
		}
		for range 12 {
			switch rng.Intn(5) {
			case 0, 1:
				off := rng.Intn(len(src)+4) - 2
				i := sort.Search(len(want), func(i int) bool { return int(want[i]) > off }) - 1
				i = max(i, 0)
				if rng.Intn(2) == 0 {
					if col := x.Column(off); col != off-int(want[i]) {
						t.Fatalf("Column(%d) of %q = %d, want %d", off, src, col, off-int(want[i]))
					}
				} else if line, col := x.Position(off); line != i+1 || col != off-int(want[i]) {
					t.Fatalf("Position(%d) of %q = %d, %d; want %d, %d", off, src, line, col, i+1, off-int(want[i]))
				}
			case 2:
				line := rng.Intn(len(want)+3) - 1
				w := 0
				switch {
				case line > len(want):
					w = int(want[len(want)-1])
				case line >= 1:
					w = int(want[line-1])
				}
				if got := x.LineStart(line); got != w {
					t.Fatalf("LineStart(%d) of %q = %d, want %d", line, src, got, w)
				}
			case 3:
				line := rng.Intn(len(want)+3) - 1
				if got := x.HasLine(line); got != (line >= 1 && line <= len(want)) {
					t.Fatalf("HasLine(%d) of %q = %v", line, src, got)
				}
				if got := x.PhysicalLines(src); got != wantPhysical {
					t.Fatalf("PhysicalLines of %q = %d, want %d", src, got, wantPhysical)
				}
			case 4:
				if rng.Intn(4) == 0 {
					if got := x.Lines(); got != len(want) {
						t.Fatalf("Lines of %q = %d, want %d", src, got, len(want))
					}
				}
			}
		}
		if got := x.lineStarts(); !slices.Equal(got, want) {
			t.Fatalf("the lines of %q: %v, want %v", src, got, want)
		}
	}
}

func TestRuneCount(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	pieces := []string{"a", "_", " ", "é", "\xff", "\xe2\x82", "€", "abcdefgh"}
	for n := 0; n < 2000; n++ {
		s := ""
		for range rng.Intn(12) {
			s += pieces[rng.Intn(len(pieces))]
		}
		if got, want := RuneCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("RuneCount(%q) = %d, want %d", s, got, want)
		}
	}
}
