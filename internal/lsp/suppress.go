package lsp

import (
	"regexp"
	"strings"
	"sync"

	"go.lsp.dev/protocol"

	"github.com/buttresspy/buttress/internal/python/parser"
)

// directiveRE is a `# buttress: ignore[...]` comment (analysis.ParseSuppressions reads them):
// its list is extended rather than a second comment added.
var directiveRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#\s*buttress:\s*ignore\s*\[([^\]]*)\]`) })

// Suppress returns the edit that silences rule code on a 1-based line of a Python text, as
// one writes it by hand: `  # buttress: ignore[CODE]` at the end of the line; the code added
// to the list of a `# buttress: ignore[...]` already there; or the directive put before
// another comment on the line (`# buttress: ignore[CODE]  # noqa`), since a directive must
// start its comment. It reports false when the comment cannot go on that line: the line
// ends inside a string or after a backslash, where a comment would change the code (the
// text with the edit has more syntax errors than without, or no such comment on the line).
func Suppress(text string, line int, code string) (protocol.TextEdit, bool) {
	starts := lineStarts(text)
	if line < 1 || line > len(starts) {
		return protocol.TextEdit{}, false
	}
	res := parser.ParseString(text, parser.Options{})
	lineStart := starts[line-1]
	lineEnd := len(text)
	if line < len(starts) {
		lineEnd = starts[line]
	}
	lineText := strings.TrimRight(text[lineStart:lineEnd], "\r\n")
	var at int
	var insert string
	comment := -1 // the byte column of the comment on the line, if any
	for _, c := range res.Comments {
		l, col := res.Lines.Position(int(c.Start))
		if l == line {
			if line == 1 && strings.HasPrefix(text, "\ufeff") {
				col += len("\ufeff") // the parser reads the text without its byte order mark
			}
			comment = col
			break
		}
		if l > line {
			break
		}
	}
	switch {
	case comment >= 0 && comment < len(lineText) && lineText[comment] == '#':
		c := lineText[comment:]
		if m := directiveRE().FindStringSubmatchIndex(c); m != nil {
			list := strings.TrimSpace(c[m[2]:m[3]])
			at = lineStart + comment + m[3]
			insert = ", " + code
			if list == "" {
				insert = code
			}
		} else {
			at = lineStart + comment
			insert = "# buttress: ignore[" + code + "]  "
		}
	case comment >= 0:
		return protocol.TextEdit{}, false // the comment is not where the parser said: leave it
	default:
		at = lineStart + len(strings.TrimRight(lineText, " \t\f"))
		insert = "  # buttress: ignore[" + code + "]"
		if strings.TrimSpace(lineText) == "" {
			return protocol.TextEdit{}, false
		}
	}
	edited := text[:at] + insert + text[at:]
	if after := parser.ParseString(edited, parser.Options{}); len(after.Errors) > len(res.Errors) || !silences(after, line, code) {
		return protocol.TextEdit{}, false
	}
	pos := protocol.Position{Line: uint32(line - 1), Character: uint32(utf16Len(text[lineStart:at]))}
	return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: insert}, true
}

// silences reports whether a parsed text has a `# buttress: ignore[...]` comment naming code
// on a line: the edit made a comment, not text inside a string.
func silences(res *parser.Result, line int, code string) bool {
	for _, c := range res.Comments {
		if l, _ := res.Lines.Position(int(c.Start)); l != line {
			continue
		}
		m := directiveRE().FindStringSubmatch(res.Src[c.Start:c.End])
		if m == nil {
			return false
		}
		for _, sel := range strings.Split(m[1], ",") {
			if strings.TrimSpace(sel) == code {
				return true
			}
		}
		return false
	}
	return false
}

// lineStarts returns the byte offset of each line of a text, lines ended by "\n", "\r\n" or
// "\r".
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}
