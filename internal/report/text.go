package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
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
	"github.com/buttresspy/buttress/internal/python/ast"
)

// Frame layout.
const (
	contextLines = finding.FrameContext // lines of context shown before and after a finding's line
	tabStop      = 4                    // tabs in code frames expand to the next multiple of this many cells
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
	files map[string]*ast.LineSplitter // path → its lines, split as far as the frames need; nil when unreadable
}

func newTextWriter(buf *bytes.Buffer, o Options) *textWriter {
	return &textWriter{buf: buf, o: o, files: map[string]*ast.LineSplitter{}}
}

// style wraps s in an ANSI style when colour is on.
func (t *textWriter) style(st, s string) string {
	if !t.o.Color || s == "" {
		return s
	}
	return st + s + styleReset
}

// writeText writes the findings to w, each with its code frame, then (unless Quiet) the
// count of each rule and the total.
func writeText(w io.Writer, fs []finding.Finding, o Options) error {
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
	// Each worker renders the files it takes into blocks of its own of about textBlock
	// bytes (a file's text never spans two), and notes where each file's text is; the
	// blocks are then written in order through one small buffer. (One buffer a worker,
	// grown by doubling and copied into one for the whole output, allocated three times the
	// output: 1.2 MB of fresh pages for the bench project's 400 KB.)
	workers := min(runtime.GOMAXPROCS(0), len(chunks))
	blocks := make([][][]byte, workers)
	type place struct{ w, block, start, end int }
	places := make([]place, len(chunks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := new(bytes.Buffer)
			out.Grow(textBlock + textBlock/8)
			tw := newTextWriter(out, o)
			for {
				c := int(next.Add(1) - 1)
				if c >= len(chunks) {
					break
				}
				if out.Len() >= textBlock {
					blocks[w] = append(blocks[w], out.Bytes())
					out = new(bytes.Buffer)
					out.Grow(textBlock + textBlock/8)
					tw.buf = out
				}
				start := out.Len()
				clear(tw.files) // the lines of one file at a time are kept
				for i := range chunks[c] {
					tw.finding(&chunks[c][i])
					out.WriteByte('\n')
				}
				places[c] = place{w, len(blocks[w]), start, out.Len()}
			}
			blocks[w] = append(blocks[w], out.Bytes())
		}()
	}
	wg.Wait()
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, p := range places {
		bw.Write(blocks[p.w][p.block][p.start:p.end])
	}
	if !o.Quiet {
		var tail bytes.Buffer
		if len(fs) > 0 {
			ruleTableText(&tail, fs, o)
			tail.WriteByte('\n')
		}
		total(&tail, fs, o)
		bw.Write(tail.Bytes())
	}
	return bw.Flush()
}

// textBlock is the size of the blocks the text format's workers render into.
const textBlock = 64 << 10

// ruleTableText writes the count of findings of each rule, most frequent first, then by code:
// "count  code  name" (the text format's summary, and --statistics).
func ruleTableText(buf *bytes.Buffer, fs []finding.Finding, o Options) {
	byRule, _ := summarize(fs, o.Rules)
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
}

// total writes the last lines of the text formats: "Found 3 problems (2 files)." or "No
// problems found.", then what the baseline hid.
func total(buf *bytes.Buffer, fs []finding.Finding, o Options) {
	if len(fs) == 0 {
		buf.WriteString("No problems found.\n")
	} else {
		_, files := summarize(fs, o.Rules)
		t := newTextWriter(buf, o)
		buf.WriteString(t.style(styleBold, fmt.Sprintf("Found %s (%s).", plural(len(fs), "problem"), plural(files, "file"))))
		buf.WriteByte('\n')
	}
	baselineNotice(buf, o.Baseline)
}

// writeConcise writes one line per finding, `path:line:col: CODE message` as the text format's
// headlines (Ruff's concise format), then the total unless Options.Quiet.
func writeConcise(buf *bytes.Buffer, fs []finding.Finding, o Options) {
	t := newTextWriter(buf, o)
	for i := range fs {
		t.headline(&fs[i])
	}
	if !o.Quiet {
		total(buf, fs, o)
	}
}

// finding writes one finding: its headline, code frame and notes.
func (t *textWriter) finding(f *finding.Finding) {
	s := spanOf(f)
	t.headline(f)
	if f.Path != "" && s.line > 0 {
		t.frame(f.Path, s)
	}
	for _, n := range f.Notes {
		t.buf.WriteString("  ")
		t.buf.WriteString(t.style(styleNote, "= note:"))
		t.buf.WriteByte(' ')
		if loc := location(TextPath(t.o.show(n.Path)), n.Line, n.Col); loc != "" {
			t.buf.WriteString(loc)
			t.buf.WriteString(": ")
		}
		t.buf.WriteString(sanitize(n.Message))
		t.buf.WriteByte('\n')
	}
}

// headline writes the first line of a finding: `path:line:col: CODE message`.
func (t *textWriter) headline(f *finding.Finding) {
	s := spanOf(f)
	if loc := location(TextPath(t.o.show(f.Path)), s.line, s.col); loc != "" {
		t.buf.WriteString(t.style(styleBold, loc+":"))
		t.buf.WriteByte(' ')
	}
	t.buf.WriteString(t.style(styleCode, sanitize(f.Code)))
	t.buf.WriteByte(' ')
	t.buf.WriteString(sanitize(f.Message))
	t.buf.WriteByte('\n')
}

// line returns line n of path, and whether the file has it: from Options.Line when it
// knows the line, else from the file, read once.
func (t *textWriter) line(path string, n int) (string, bool) {
	if t.o.Line != nil {
		if l, has, known := t.o.Line(path, n); known {
			return l, has
		}
	}
	sl, ok := t.files[path]
	if !ok {
		if t.o.Source != nil {
			if src, ok := t.o.Source(path); ok {
				sl = ast.NewLineSplitter(strings.TrimPrefix(src, "\uFEFF"))
			}
		}
		t.files[path] = sl
	}
	if sl == nil {
		return "", false
	}
	if ls := sl.UpTo(n); len(ls) >= n {
		return ls[n-1], true
	}
	return "", false
}

// splitLines splits source text into lines as Python counts them: a line ends at "\r\n", "\r"
// or "\n". A leading byte-order mark is not part of the first line. Text that ends in a line
// break has an empty last line (where a finding at the end of the file points).
func splitLines(src string) []string {
	return ast.SplitLines(strings.TrimPrefix(src, "\uFEFF"))
}

// frame writes the code frame of a finding at s in path, if the file can be read and has the
// line.
//
// A frame shows at most frameWidth cells of each line, the same window of every line, so
// that the lines stay aligned: from the line's start when the finding's column is near it,
// else from frameLead cells before the column. A line cut on either side shows "…" there (a
// frame of a file with a 50 MB line prints a line, not 50 MB), and the carets keep pointing
// at the finding's characters.
func (t *textWriter) frame(path string, s span) {
	// ls[i] is line first0+i: the finding's line and the context around it that the file has.
	first0 := max(1, s.line-contextLines)
	var ls []string
	for n := first0; n <= s.line+contextLines; n++ {
		l, ok := t.line(path, n)
		if !ok {
			break
		}
		ls = append(ls, l)
	}
	if s.line-first0 >= len(ls) {
		return
	}
	at := func(n int) string { return ls[n-first0] }
	first, last := first0, first0+len(ls)-1
	for first < s.line && isBlank(at(first)) {
		first++
	}
	for last > s.line && isBlank(at(last)) {
		last--
	}
	// Carets from the start column to the end column, or to the end of the line when the
	// range goes on past it; at least one, and one when the end is unknown.
	line := at(s.line)
	start := cellOf(line, s.col)
	end := start
	switch {
	case s.endLine == s.line && s.endCol > 0:
		end = cellOf(line, s.endCol)
	case s.endLine > 0:
		end = cellOf(line, -1)
	}
	from := 0
	if start >= frameWidth-frameLead {
		from = start - frameLead
	}
	to := from + frameWidth
	gw := len(strconv.Itoa(last))
	// gutter writes the gutter of line n (a blank one for 0), in place: a frame has a few
	// and a run may show thousands of frames.
	gutter := func(n int) {
		if t.o.Color {
			t.buf.WriteString(styleDim)
		}
		var num [20]byte
		digits := num[:0]
		if n != 0 {
			digits = strconv.AppendInt(digits, int64(n), 10)
		}
		for range gw - len(digits) {
			t.buf.WriteByte(' ')
		}
		t.buf.Write(digits)
		t.buf.WriteString(" |")
		if t.o.Color {
			t.buf.WriteString(styleReset)
		}
	}
	gutter(0)
	t.buf.WriteByte('\n')
	for n := first; n <= last; n++ {
		text := window(at(n), from, to)
		gutter(n)
		if text != "" {
			t.buf.WriteByte(' ')
			t.buf.WriteString(text)
		}
		t.buf.WriteByte('\n')
		if n != s.line {
			continue
		}
		carets := max(min(end, to)-start, 1)
		gutter(0)
		t.buf.WriteByte(' ')
		if from > 0 {
			t.buf.WriteByte(' ') // under the "…" of the lines cut on the left
		}
		t.buf.WriteString(strings.Repeat(" ", start-from))
		t.buf.WriteString(t.style(styleCaret, strings.Repeat("^", carets)))
		t.buf.WriteByte('\n')
	}
	gutter(0)
	t.buf.WriteByte('\n')
}

// Code frame windows, in terminal cells.
const (
	frameWidth = 160 // at most this many cells of a line are shown
	frameLead  = 60  // cells shown before the finding's column when the line is cut
)

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

// cellWidth returns how many display cells r takes at cell (tabs reach the next tab stop).
func cellWidth(r rune, cell int) int {
	switch {
	case r == '\t':
		return tabStop - cell%tabStop
	case r >= 0x20 && r < 0x7f:
		return 1
	}
	_, w := displayRune(r)
	return w
}

// cellOf is the display cell where 1-based character column col of a source line starts; a
// column past the end of the line (or -1) is the cell just after it. It reads the line only
// up to the column.
func cellOf(line string, col int) int {
	cell, n := 0, 1
	for _, r := range line { // invalid UTF-8 bytes come as U+FFFD, one per byte
		if n == col {
			return cell
		}
		cell += cellWidth(r, cell)
		n++
	}
	return cell
}

// window returns the cells [from, to) of a source line as a code frame shows them: tabs
// expanded, control characters made visible (displayRune), no trailing white space. When
// from > 0, the first cell is "…" when the line has characters before from, a space when it
// has none; the text ends with "…" when the line goes on past to with more than white space.
// It reads the line only up to the end of the window, and past it only to its next
// character that is not white space.
func window(line string, from, to int) string {
	if from == 0 && len(line) <= to && printableASCII(line) {
		return strings.TrimRight(line, " ") // the common case: shown as it is
	}
	var b strings.Builder
	cell := 0
	left, right := false, false
	for i, r := range line {
		w := cellWidth(r, cell)
		next := cell + w
		switch {
		case next <= from && (w > 0 || cell < from):
			left = true
		case cell < from: // a tab or a wide character across the window's left edge
			left = true
			b.WriteString(strings.Repeat(" ", next-from))
		case next > to:
			right = strings.TrimLeft(line[i:], " \t\f") != ""
		case r == '\t':
			b.WriteString(strings.Repeat(" ", w))
		case r >= 0x20 && r < 0x7f:
			b.WriteByte(byte(r)) // printable ASCII, the common case: one cell as it is
		default:
			r, _ := displayRune(r)
			b.WriteRune(r)
		}
		if next > to {
			break
		}
		cell = next
	}
	text := strings.TrimRight(b.String(), " ")
	if right {
		text += "…"
	}
	if from > 0 {
		switch {
		case left:
			text = "…" + text
		case text != "":
			text = " " + text
		}
	}
	return text
}

// printableASCII reports whether s holds only printable ASCII characters: one cell each,
// shown as they are.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
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

// baselineNotice says what the baseline hid, and when it can shrink.
func baselineNotice(buf *bytes.Buffer, b *BaselineSummary) {
	if b == nil {
		return
	}
	if b.Hidden > 0 {
		fmt.Fprintf(buf, "%s in the baseline (%s) not shown: --no-baseline shows them.\n", plural(b.Hidden, "problem"), sanitize(b.File))
	}
	if b.Gone > 0 {
		verb := "no longer occur"
		if b.Gone == 1 {
			verb = "no longer occurs"
		}
		fmt.Fprintf(buf, "%s of the baseline %s: run `buttress check --write-baseline` to shrink it.\n", plural(b.Gone, "problem"), verb)
	}
}
