package summary

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// Text is a file's text as columns are counted in it, with what turns the 0-based UTF-8 byte
// columns the parser gives (CPython's col_offset) into the 1-based character columns
// buttress shows. The summary converts its imports' columns with it while it has the text;
// the command line's places read the files that it did not.
type Text struct {
	text    string // as the parser reads it: UTF-8, without a BOM
	ascii   bool   // then a byte column is a character column
	starts  []int  // offset of each line's first byte, made on demand
	scanned int    // how far starts has been made
	cr      int8   // the text has a "\r": 1, has none: -1, not known yet: 0
}

// NewText returns the text of a file's bytes as the parser reads them: without a BOM, and
// decoded from the encoding it declares when it is not UTF-8. decoded, when not "", is the
// parser's text of the same bytes (parser.Result.Src): it is not parsed again.
func NewText(src, decoded string) *Text {
	text := strings.TrimPrefix(src, "\xef\xbb\xbf")
	if isASCII(text) {
		return &Text{text: text, ascii: true}
	}
	if !utf8.ValidString(text) {
		// Another encoding, declared in the file: the parser decodes it, and its columns
		// count in the decoded text.
		if decoded == "" {
			decoded = parser.ParseString(src, parser.Options{}).Src
		}
		text = decoded
	}
	return &Text{text: text, ascii: isASCII(text)}
}

// isASCII reports whether s has no byte above 0x7f, eight bytes at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// String returns the text.
func (t *Text) String() string { return t.text }

// Line returns the text of a 1-based line (without its line break), as the parser counts
// lines: "\n", "\r\n" and "\r" end one. Lines are found as far as asked: the imports whose
// columns a summary counts are mostly at the top of a file.
func (t *Text) Line(n int) (string, bool) {
	if t.starts == nil {
		t.starts = []int{0}
	}
	// Every line start before t.scanned is in t.starts.
	if t.cr == 0 {
		t.cr = -1
		if strings.IndexByte(t.text, '\r') >= 0 {
			t.cr = 1
		}
	}
	for len(t.starts) <= n && t.scanned < len(t.text) && t.cr < 0 {
		// No "\r" in the text: the next line break is the next "\n", found by IndexByte
		// rather than a byte at a time.
		j := strings.IndexByte(t.text[t.scanned:], '\n')
		if j < 0 {
			t.scanned = len(t.text)
			break
		}
		t.scanned += j + 1
		t.starts = append(t.starts, t.scanned)
	}
	for len(t.starts) <= n && t.scanned < len(t.text) {
		i := t.scanned
		switch t.text[i] {
		case '\r':
			if i+1 < len(t.text) && t.text[i+1] == '\n' {
				i++
			}
			t.starts = append(t.starts, i+1)
		case '\n':
			t.starts = append(t.starts, i+1)
		}
		t.scanned = i + 1
	}
	if n < 1 || n > len(t.starts) {
		return "", false
	}
	end := len(t.text)
	if n < len(t.starts) {
		end = t.starts[n]
	}
	return strings.TrimRight(t.text[t.starts[n-1]:end], "\r\n"), true
}

// Col turns a 1-based byte column of a 1-based line into a 1-based character column.
// Columns below 2, and on a line the text does not have, stay as they are.
func (t *Text) Col(line, byteCol int) int {
	if byteCol <= 1 || t.ascii {
		return byteCol
	}
	text, ok := t.Line(line)
	if !ok {
		return byteCol
	}
	if byteCol-1 > len(text) {
		return ast.RuneCount(text) + 1 + byteCol - 1 - len(text)
	}
	return ast.RuneCount(text[:byteCol-1]) + 1
}

// charCols sets the CharCol of each import, as Text.Col counts it in NewText(src, res.Src).
// When the parser read the file's bytes as they are (UTF-8, no "\r": then res.Src is the
// text, and res.Lines its lines), only the part of each import's line before it is looked
// at, where NewText would check the whole file for UTF-8 and scan it for line breaks (3% of
// graph's instructions on the 3.11 site-packages).
func charCols(imps []imports.Stmt, src string, res *parser.Result) {
	if res.Src != strings.TrimPrefix(src, "\xef\xbb\xbf") { // the same string, in the common case: no bytes compared
		text := NewText(src, res.Src)
		for i := range imps {
			imps[i].CharCol = text.Col(imps[i].Line, imps[i].Col+1)
		}
		return
	}
	text := res.Src
	for i := range imps {
		imps[i].CharCol = lineCol(text, res.Lines, imps[i].Line, imps[i].Col+1)
	}
}

// lineCol is Text.Col for a text whose lines end with "\n" and are indexed by lines.
func lineCol(text string, lines *ast.LineIndex, line, byteCol int) int {
	if byteCol <= 1 || !lines.HasLine(line) {
		return byteCol
	}
	start := lines.LineStart(line)
	if start+byteCol-1 <= len(text) {
		prefix := text[start : start+byteCol-1]
		if isASCII(prefix) {
			return byteCol
		}
		if strings.IndexByte(prefix, '\n') < 0 {
			return ast.RuneCount(prefix) + 1
		}
	}
	end := strings.IndexByte(text[start:], '\n')
	if end < 0 {
		end = len(text) - start
	}
	lineText := text[start : start+end]
	if byteCol-1 > len(lineText) {
		return ast.RuneCount(lineText) + 1 + byteCol - 1 - len(lineText)
	}
	return ast.RuneCount(lineText[:byteCol-1]) + 1
}
