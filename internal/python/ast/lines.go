package ast

import (
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// LineIndex maps byte offsets of a source to 1-based lines and 0-based byte columns. Its
// lines are found as far as they are asked for: a parse makes one for every file, and a run
// that asks for no position (`debug parse`, a file without findings) does not pay for the
// scan of its lines (1.7% of parsing the 3.13 standard library), nor one that asks for the
// positions of a file's imports (`graph`: most are at its top) for the scan of the rest. It
// is not safe for concurrent use: a lookup may extend the table.
type LineIndex struct {
	src    string  // the source, until every line is found
	starts []int32 // offsets of the first bytes of the lines found so far, in order
	// known is the start of the last line found (0 before any): every line that starts
	// before it is in starts.
	known int
	done  bool // starts holds every line
}

// NewLineIndex returns the index of src, whose lines end with "\n". It holds src until its
// last line is found.
func NewLineIndex(src string) *LineIndex {
	return &LineIndex{src: src}
}

// Reset makes x the index of src, its lines found as for NewLineIndex, in the memory of its
// last table: for a caller that indexes one file after the other, and keeps none of them.
func (x *LineIndex) Reset(src string) {
	starts := x.starts[:0]
	if cap(starts) > maxKeptStarts {
		starts = nil // a huge file's: not held for the small ones after it
	}
	*x = LineIndex{src: src, starts: starts}
}

// maxKeptStarts bounds the table Reset keeps (256 KiB).
const maxKeptStarts = 1 << 16

// through returns the starts of the lines found, with at least every line that starts at or
// before offset.
func (x *LineIndex) through(offset int) []int32 {
	if !x.done && uint(offset) >= uint(x.known) { // a negative offset too: starts may be empty
		x.scan(offset)
	}
	return x.starts
}

// scan finds lines until one starts past offset, and past twice the part of the source
// already indexed (at least scanAhead bytes), or the source ends. A caller that asks for one
// position after the other (a rule's findings, the imports of a file) makes a few calls a
// file, where finding one more line each time was a call a line: 12 M instructions more
// than a scan of the whole file for check --select ALL on the 3.11 standard library.
//
//go:noinline
func (x *LineIndex) scan(offset int) {
	starts := x.starts
	if len(starts) == 0 {
		if cap(starts) == 0 {
			starts = make([]int32, 0, 64)
		}
		starts = append(starts, 0)
	}
	src := x.src
	i := int(starts[len(starts)-1])
	for to := max(offset, 2*i, scanAhead); i <= to; {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			x.done, x.src = true, ""
			break
		}
		i += j + 1
		starts = append(starts, int32(i))
	}
	x.starts, x.known = starts, i
}

// scanAhead is the least part of a source that scan indexes: a file's imports are mostly
// in its first kilobyte.
const scanAhead = 1 << 10

// lineStarts returns the offsets of every line's first byte, finding the lines not found yet.
func (x *LineIndex) lineStarts() []int32 {
	if !x.done {
		// Counting first costs less than growing.
		if n := len(x.starts) + strings.Count(x.src[x.known:], "\n") + 1; n > cap(x.starts) {
			x.starts = slices.Grow(x.starts, n-len(x.starts))
		}
		x.scan(len(x.src))
	}
	return x.starts
}

// Position returns the 1-based line and 0-based byte column of offset.
func (x *LineIndex) Position(offset int) (line, col int) {
	starts := x.through(offset)
	i := sort.Search(len(starts), func(i int) bool { return int(starts[i]) > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - int(starts[i])
}

// Column returns the 0-based byte column of offset, as Position does, without finding the
// lines before it when they are not found yet: only its own line is looked at.
func (x *LineIndex) Column(offset int) int {
	if x.done || offset < x.known || offset > len(x.src) {
		_, col := x.Position(offset)
		return col
	}
	return offset - (strings.LastIndexByte(x.src[:offset], '\n') + 1)
}

// LineStart returns the offset of the first byte of the 1-based line.
func (x *LineIndex) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	starts := x.toLine(line)
	if line > len(starts) {
		return int(starts[len(starts)-1])
	}
	return int(starts[line-1])
}

// HasLine reports whether the source has the 1-based line.
func (x *LineIndex) HasLine(line int) bool {
	return line >= 1 && line <= len(x.toLine(line))
}

// toLine returns the starts of the lines found, up to line at least when the source has it.
func (x *LineIndex) toLine(line int) []int32 {
	for (len(x.starts) < line || len(x.starts) == 0) && !x.done {
		x.scan(x.known)
	}
	return x.starts
}

// Lines returns the number of lines.
func (x *LineIndex) Lines() int { return len(x.lineStarts()) }

// PhysicalLines returns the number of lines of src, the source the index was built from, as
// editors count them: a final newline does not start another line, and an empty source has
// none. The lines not found yet are counted, not indexed.
func (x *LineIndex) PhysicalLines(src string) int {
	// The line breaks: those before the last line found, and those after its start.
	n := max(len(x.starts)-1, 0)
	if !x.done {
		n += strings.Count(src[x.known:], "\n")
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		return n + 1 // a last line without a newline
	}
	return n
}

// SplitLines splits text at every line break Python and the editors' protocol know: "\r\n",
// "\r" and "\n". Text that ends in a line break has an empty last line.
func SplitLines(text string) []string {
	// One allocation: at most one line per line break, and the last.
	ls := make([]string, 0, strings.Count(text, "\n")+strings.Count(text, "\r")+1)
	if strings.IndexByte(text, '\r') < 0 {
		// The usual case, "\n" alone, a line at a time rather than a byte at a time.
		for {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				return append(ls, text)
			}
			ls, text = append(ls, text[:i]), text[i+1:]
		}
	}
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			ls = append(ls, text[start:i])
			start = i + 1
		case '\r':
			ls = append(ls, text[start:i])
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	return append(ls, text[start:])
}

// LineSplitter splits a text into lines as SplitLines does, only as far as asked: the
// places that show a few lines of a file (code frames) need none of what follows them.
type LineSplitter struct {
	lines []string
	rest  string // not split yet
	cr    bool   // the text has a "\r": breaks are found a byte at a time
	done  bool
}

// NewLineSplitter returns a splitter of text.
func NewLineSplitter(text string) *LineSplitter {
	return &LineSplitter{rest: text, cr: strings.IndexByte(text, '\r') >= 0}
}

// UpTo returns the first n lines of the text, or all of them when it has fewer.
func (sl *LineSplitter) UpTo(n int) []string {
	for len(sl.lines) < n && !sl.done {
		i := strings.IndexByte(sl.rest, '\n')
		if sl.cr {
			i = strings.IndexAny(sl.rest, "\r\n")
		}
		if i < 0 {
			sl.lines, sl.rest, sl.done = append(sl.lines, sl.rest), "", true
			break
		}
		sl.lines = append(sl.lines, sl.rest[:i])
		if sl.rest[i] == '\r' && i+1 < len(sl.rest) && sl.rest[i+1] == '\n' {
			i++
		}
		sl.rest = sl.rest[i+1:]
	}
	return sl.lines[:min(n, len(sl.lines))]
}

// CountLines returns the number of lines SplitLines returns for text.
func CountLines(text string) int {
	n := strings.Count(text, "\n") + 1
	for {
		i := strings.IndexByte(text, '\r')
		if i < 0 {
			return n
		}
		if i+1 == len(text) || text[i+1] != '\n' {
			n++ // a "\r" alone ends a line; in "\r\n" the "\n" counted it
		}
		text = text[i+1:]
	}
}

// RuneCount returns the number of runes in s, as utf8.RuneCountInString counts them, eight
// bytes at a time while they are ASCII (a name, the indentation before a column: nearly
// always), where the count of the standard library decodes byte by byte.
func RuneCount(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	return len(s)
}
