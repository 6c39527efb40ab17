package report

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/buttresspy/buttress/internal/finding"
)

// Frame layout.
const (
	contextLines = 2 // lines of context shown before and after a finding's line
	tabStop      = 4 // tabs in code frames expand to the next multiple of this many cells
)

// ANSI styles of the text format.
const (
	styleReset = "\x1b[0m"
	styleBold  = "\x1b[1m"
	styleDim   = "\x1b[2m"
	styleCode  = "\x1b[1;31m"
	styleCaret = "\x1b[1;31m"
	styleNote  = "\x1b[1;36m"
)

// textWriter renders findings as text, reading each source file at most once.
type textWriter struct {
	buf   *bytes.Buffer
	o     Options
	files map[string][]string // path → lines; nil when unreadable
}

func newTextWriter(buf *bytes.Buffer, o Options) *textWriter {
	return &textWriter{buf: buf, o: o, files: map[string][]string{}}
}

// style wraps s in an ANSI style when colour is on.
func (t *textWriter) style(st, s string) string {
	if !t.o.Color || s == "" {
		return s
	}
	return st + s + styleReset
}

func writeText(buf *bytes.Buffer, fs []finding.Finding, o Options) {
	// The findings of each file are rendered on their own (a code frame needs only its
	// file), so files are rendered in parallel and written in order.
	var chunks [][]finding.Finding
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].Path == fs[i].Path {
			j++
		}
		chunks = append(chunks, fs[i:j])
		i = j
	}
	out := make([]bytes.Buffer, len(chunks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(chunks)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1) - 1)
				if c >= len(chunks) {
					return
				}
				tw := newTextWriter(&out[c], o)
				for i := range chunks[c] {
					tw.finding(&chunks[c][i])
					out[c].WriteByte('\n')
				}
			}
		}()
	}
	wg.Wait()
	for c := range out {
		buf.Write(out[c].Bytes())
	}
	t := newTextWriter(buf, o)
	if len(fs) == 0 {
		buf.WriteString("No problems found.\n")
		return
	}
	byRule, files := summarize(fs, o.Rules)
	sort.SliceStable(byRule, func(i, j int) bool { return byRule[i].count > byRule[j].count })
	countW, codeW := 0, 0
	for _, r := range byRule {
		countW = max(countW, len(strconv.Itoa(r.count)))
		codeW = max(codeW, len(r.code))
	}
	for _, r := range byRule {
		line := fmt.Sprintf("%*d  %-*s  %s", countW, r.count, codeW, r.code, sanitize(r.name))
		buf.WriteString(strings.TrimRight(line, " "))
		buf.WriteByte('\n')
	}
	buf.WriteByte('\n')
	buf.WriteString(t.style(styleBold, fmt.Sprintf("Found %s (%s).", plural(len(fs), "problem"), plural(files, "file"))))
	buf.WriteByte('\n')
}

// finding writes one finding: its headline, code frame and notes.
func (t *textWriter) finding(f *finding.Finding) {
	s := spanOf(f)
	if loc := location(t.o.show(f.Path), s.line, s.col); loc != "" {
		t.buf.WriteString(t.style(styleBold, loc+":"))
		t.buf.WriteByte(' ')
	}
	t.buf.WriteString(t.style(styleCode, sanitize(f.Code)))
	t.buf.WriteByte(' ')
	t.buf.WriteString(sanitize(f.Message))
	t.buf.WriteByte('\n')
	if f.Path != "" && s.line > 0 {
		t.frame(f.Path, s)
	}
	for _, n := range f.Notes {
		t.buf.WriteString("  ")
		t.buf.WriteString(t.style(styleNote, "= note:"))
		t.buf.WriteByte(' ')
		if loc := location(t.o.show(n.Path), n.Line, n.Col); loc != "" {
			t.buf.WriteString(loc)
			t.buf.WriteString(": ")
		}
		t.buf.WriteString(sanitize(n.Message))
		t.buf.WriteByte('\n')
	}
}

// lines returns the lines of path, or nil when it cannot be read.
func (t *textWriter) lines(path string) []string {
	if ls, ok := t.files[path]; ok {
		return ls
	}
	var ls []string
	if t.o.Source != nil {
		if src, ok := t.o.Source(path); ok {
			ls = splitLines(src)
		}
	}
	t.files[path] = ls
	return ls
}

// splitLines splits source text into lines as Python counts them: a line ends at "\r\n", "\r"
// or "\n". A leading byte-order mark is not part of the first line. Text that ends in a line
// break has an empty last line (where a finding at the end of the file points).
func splitLines(src string) []string {
	src = strings.TrimPrefix(src, "\uFEFF")
	var ls []string
	start := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			ls = append(ls, src[start:i])
			start = i + 1
		case '\r':
			ls = append(ls, src[start:i])
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	return append(ls, src[start:])
}

// frame writes the code frame of a finding at s in path, if the file can be read and has the
// line.
func (t *textWriter) frame(path string, s span) {
	ls := t.lines(path)
	if s.line > len(ls) {
		return
	}
	first, last := max(1, s.line-contextLines), min(len(ls), s.line+contextLines)
	for first < s.line && isBlank(ls[first-1]) {
		first++
	}
	for last > s.line && isBlank(ls[last-1]) {
		last--
	}
	gw := len(strconv.Itoa(last))
	gutter := func(n int) string {
		if n == 0 {
			return t.style(styleDim, strings.Repeat(" ", gw)+" |")
		}
		return t.style(styleDim, fmt.Sprintf("%*d |", gw, n))
	}
	t.buf.WriteString(gutter(0) + "\n")
	for n := first; n <= last; n++ {
		text, cells := displayLine(ls[n-1])
		t.buf.WriteString(gutter(n))
		if text != "" {
			t.buf.WriteByte(' ')
			t.buf.WriteString(text)
		}
		t.buf.WriteByte('\n')
		if n != s.line {
			continue
		}
		// Carets from the start column to the end column, or to the end of the line when the
		// range goes on past it; at least one, and one when the end is unknown.
		start := cellAt(cells, s.col)
		end := start
		switch {
		case s.endLine == s.line && s.endCol > 0:
			end = cellAt(cells, s.endCol)
		case s.endLine > 0:
			end = cells[len(cells)-1]
		}
		carets := max(end-start, 1)
		t.buf.WriteString(gutter(0))
		t.buf.WriteByte(' ')
		t.buf.WriteString(strings.Repeat(" ", start))
		t.buf.WriteString(t.style(styleCaret, strings.Repeat("^", carets)))
		t.buf.WriteByte('\n')
	}
	t.buf.WriteString(gutter(0) + "\n")
}

// cellAt is the display cell where 1-based character column col starts, given cells from
// displayLine; a column past the end of the line is the cell just after it.
func cellAt(cells []int, col int) int {
	return cells[min(col, len(cells))-1]
}

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

// displayLine returns a source line as it is shown in a code frame (tabs expanded, control
// characters made visible, no trailing white space) and, for each character (code point) of
// the original line and one past its end, the display cell it starts at.
func displayLine(line string) (string, []int) {
	var b strings.Builder
	b.Grow(len(line))
	cells := make([]int, 0, len(line)+1)
	cell := 0
	for _, r := range line { // invalid UTF-8 bytes come as U+FFFD, one per byte
		cells = append(cells, cell)
		switch {
		case r == '\t':
			n := tabStop - cell%tabStop
			b.WriteString(strings.Repeat(" ", n))
			cell += n
		case r >= 0x20 && r < 0x7f:
			b.WriteByte(byte(r)) // printable ASCII, the common case: one cell as it is
			cell++
		default:
			r, w := displayRune(r)
			b.WriteRune(r)
			cell += w
		}
	}
	cells = append(cells, cell)
	return strings.TrimRight(b.String(), " "), cells
}

// displayRune returns what is shown for r and how many terminal cells it takes.
func displayRune(r rune) (rune, int) {
	switch {
	case r < 0x20:
		return 0x2400 + r, 1 // control pictures: ␀ … ␟
	case r == 0x7f:
		return '\u2421', 1 // ␡
	case r >= 0x80 && r <= 0x9f, isBidiControl(r), r == '\u2028', r == '\u2029':
		return utf8.RuneError, 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf), r >= 0x1160 && r <= 0x11ff:
		return r, 0 // combining marks, zero-width format characters, Hangul medial vowels
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return r, 2
	}
	return r, 1
}

// isBidiControl reports the characters that reorder displayed text (the "Trojan Source"
// characters): embeddings, overrides and isolates.
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// sanitize makes a message safe for a terminal and a one-line headline: control characters
// become control pictures, C1 controls and bidirectional controls U+FFFD.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('\u2421')
		case (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
