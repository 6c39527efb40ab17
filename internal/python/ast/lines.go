package ast

import (
	"encoding/binary"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// LineIndex maps byte offsets of a source to 1-based lines and 0-based byte columns. It is
// built on its first use: a parse makes one for every file, and a run that asks for no
// position (`debug parse`, a file without findings) does not pay for the scan of its lines
// (1.7% of parsing the 3.13 standard library). It is safe for concurrent use.
type LineIndex struct {
	once   sync.Once
	src    string  // the source until the index is built
	starts []int32 // offset of the first byte of each line
}

// NewLineIndex returns the index of src, whose lines end with "\n". It holds src until its
// first use.
func NewLineIndex(src string) *LineIndex {
	return &LineIndex{src: src}
}

// lineStarts returns the offsets of the lines' first bytes, building them the first time.
func (x *LineIndex) lineStarts() []int32 {
	x.once.Do(x.build)
	return x.starts
}

func (x *LineIndex) build() {
	src := x.src
	starts := make([]int32, 1, strings.Count(src, "\n")+1) // counting first costs less than growing
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, int32(i))
	}
	x.starts, x.src = starts, ""
}

// Position returns the 1-based line and 0-based byte column of offset.
func (x *LineIndex) Position(offset int) (line, col int) {
	starts := x.lineStarts()
	i := sort.Search(len(starts), func(i int) bool { return int(starts[i]) > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - int(starts[i])
}

// LineStart returns the offset of the first byte of the 1-based line.
func (x *LineIndex) LineStart(line int) int {
	starts := x.lineStarts()
	if line < 1 {
		return 0
	}
	if line > len(starts) {
		return int(starts[len(starts)-1])
	}
	return int(starts[line-1])
}

// Lines returns the number of lines.
func (x *LineIndex) Lines() int { return len(x.lineStarts()) }

// PhysicalLines returns the number of lines of src, the source the index was built from, as
// editors count them: a final newline does not start another line, and an empty source has
// none.
func (x *LineIndex) PhysicalLines(src string) int {
	starts := x.lineStarts()
	n := len(starts)
	if len(src) > int(starts[n-1]) {
		return n // a last line without a newline
	}
	return n - 1
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
