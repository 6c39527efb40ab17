// Package finding holds what every check reports: a Finding is plain data (a rule's code, a
// place, a message, and optional notes such as the hops of an import chain). Checks produce
// findings; filtering (selection, suppressions, baselines) and rendering happen once, at the
// end, the same for every command.
package finding

import (
	"sort"
)

// Finding is one problem found in the analysed code.
type Finding struct {
	Code    string // rule code, e.g. "TYP001" or "ARCH001"
	Rule    string // the rule's kebab-case name, e.g. "untyped-parameter"
	Path    string // file relative to the project root, slash-separated
	Line    int    // 1-based line of the start
	Col     int    // 1-based column of the start, in Unicode characters (as editors count)
	EndLine int    // 1-based line of the end (0 when unknown)
	EndCol  int    // 1-based column just past the end, in characters (0 when unknown)
	Message string // one sentence for a person: what is wrong, and where it matters
	Notes   []Note // more places that explain the finding (e.g. each hop of an import chain)
	// Symbol is what the finding is in or about, stable when lines move: the qualified name of
	// the innermost function or class around it ("Repo.save", "load.<locals>.parse"; "" at
	// module level), or for a contract finding the import ("shop.domain -> shop.api").
	Symbol string
}

// FrameContext is how many lines before and after a finding's line its code frame shows
// (the text formats). The summaries keep those lines of their findings (summary.Excerpt), so
// that the frames of a run from the cache read no file.
const FrameContext = 2

// Note is a secondary place of a finding.
type Note struct {
	Path    string
	Line    int
	Col     int
	Message string
}

// Rule describes a rule for renderers that list rule metadata (SARIF, JUnit).
type Rule struct {
	Code     string // "TYP001"
	Name     string // "untyped-parameter"
	Family   string // "TYP"
	Summary  string // one line
	HelpText string // the rationale, and how to fix it (may be several paragraphs)
	HelpURI  string // the address of the rule's documentation page; "" when it has none
}

// Sort orders findings by path, line, column, code and message: output is stable from run to
// run whatever the order in which parallel checks reported.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}
