package tach

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/buttresspy/buttress/internal/imports"
)

// ws is what tach's pattern calls white space: Rust's \s, Unicode's White_Space (as
// unicode.IsSpace).
const ws = `[\t\n\v\f\r \x{85}\p{Z}]`

// directivePattern is tach's "# tach-ignore" comment: an optional reason in parentheses, then
// optional names (Rust's \w and dots), then nothing else up to the end of the line. Like
// tach's, it is not anchored at the start, so anything may come first ("# noqa: E402  #
// tach-ignore", or code).
// It is compiled on first use: its Unicode classes cost every run of buttress 0.3 ms at start.
var directivePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`# *tach-ignore(?:\(([^)]*)\))?((?:` + ws + `+[\p{L}\p{M}\p{Nd}\p{Pc}.]+)*)` + ws + `*$`)
})

// parseDirective reads a line as tach does: its reason (the text in parentheses, "" when
// there is none), and the names it is limited to (none: every import).
func parseDirective(line string) (reason string, names []string, ok bool) {
	if !strings.Contains(line, "tach-ignore") {
		return "", nil, false
	}
	m := directivePattern().FindStringSubmatch(line)
	if m == nil {
		return "", nil, false
	}
	if names = strings.FieldsFunc(m[2], unicode.IsSpace); len(names) == 0 {
		names = nil
	}
	return m[1], names, true
}

// directive is one "# tach-ignore" comment of a file.
type directive struct {
	line    int    // where it is written (1-based)
	applies int    // the line it applies to: its own, or the next when the line holds only the comment
	reason  string // "" when it has none
	names   []string
	used    bool // it silences something
}

// matches reports whether the directive silences a diagnostic about the import of path (as
// tach names it: "a.b.f" for `from a.b import f`): a directive without names silences every
// diagnostic on its line; with names, those whose path ends with one of them, as text
// ("# tach-ignore f" silences a.b.f, and a.b.elf too).
func (d *directive) matches(path string) bool {
	if len(d.names) == 0 {
		return true
	}
	for _, n := range d.names {
		if strings.HasSuffix(path, n) {
			return true
		}
	}
	return false
}

// fileDirectives are the directives of one file, as tach keeps them: one per line they apply
// to (the first written), and the others, redundant.
type fileDirectives struct {
	active    map[int]*directive // by the line they apply to
	redundant []*directive
}

// readDirectives finds the directives in a file's text, line by line as tach reads it (Rust's
// lines(): split at "\n", a "\r" before it dropped), in strings too: tach does not tokenize.
func readDirectives(text string) *fileDirectives {
	fd := &fileDirectives{active: map[int]*directive{}}
	if !strings.Contains(text, "tach-ignore") {
		return fd
	}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		reason, names, ok := parseDirective(line)
		if !ok {
			continue
		}
		d := &directive{line: i + 1, applies: i + 1, reason: reason, names: names}
		if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "#") {
			d.applies++ // a comment alone on its line is about the next line
		}
		if _, dup := fd.active[d.applies]; dup {
			fd.redundant = append(fd.redundant, d)
			continue
		}
		fd.active[d.applies] = d
	}
	return fd
}

// sorted returns the active directives by the line they apply to, the order in which tach
// lets them take the diagnostics they match.
func (fd *fileDirectives) sorted() []*directive {
	out := make([]*directive, 0, len(fd.active))
	for _, d := range fd.active {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].applies < out[j].applies })
	return out
}

// drop removes the directives tach sets aside for an import of the other check (tach check
// ignores those on the lines of imports from outside the project, and check-external those on
// imports of the project): the active one that applies to line, and the redundant ones
// written on it.
func (fd *fileDirectives) drop(line int) {
	delete(fd.active, line)
	kept := fd.redundant[:0]
	for _, d := range fd.redundant {
		if d.line != line {
			kept = append(kept, d)
		}
	}
	fd.redundant = kept
}

// claim finds the directives that silence a diagnostic about the import e: those that apply
// to the line of its name or to the first line of its statement (so a comment on the first
// line of `from a import (` covers every name). It returns whether one does, and marks used
// the first in the order of the lines they apply to, as tach's greedy matching does.
func (fd *fileDirectives) claim(e *imports.Edge) bool {
	if fd == nil || len(fd.active) == 0 {
		return false
	}
	path := importPath(e)
	lines := []int{stmtLine(e), e.Line}
	if lines[0] == lines[1] {
		lines = lines[1:]
	}
	silenced := false
	for _, l := range lines {
		if d := fd.active[l]; d != nil && d.matches(path) {
			if !silenced {
				d.used = true
			}
			silenced = true
		}
	}
	return silenced
}

// ignoredExternal reports whether an import is silenced the way tach check-external reads a
// directive: the one that applies to the first line of the statement, without names or with
// the imported module's full name (or, for a from-import, the name it takes).
func (fd *fileDirectives) ignoredExternal(e *imports.Edge) bool {
	if fd == nil {
		return false
	}
	d := fd.active[stmtLine(e)]
	if d == nil {
		return false
	}
	if len(d.names) == 0 {
		return true
	}
	for _, n := range d.names {
		if n == importPath(e) || e.Name != "" && n == e.Name || e.Name == "" && n == e.Imported[strings.LastIndexByte(e.Imported, '.')+1:] {
			return true
		}
	}
	return false
}

// importPath is the path tach gives an import: the module of `import a.b`, the module and the
// name of `from a.b import f` ("a.b.f").
func importPath(e *imports.Edge) string {
	if e.Name != "" {
		return e.Imported + "." + e.Name
	}
	return e.Imported
}

func stmtLine(e *imports.Edge) int {
	if e.StmtLine > 0 {
		return e.StmtLine
	}
	return e.Line
}
