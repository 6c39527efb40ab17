package tach

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/buttresspy/buttress/internal/imports"
)

// ws is what tach's pattern calls white space: Rust's \s, Unicode's White_Space (as
// unicode.IsSpace).
const ws = `[\t\n\v\f\r \x{85}\p{Z}]`

// directive is tach's "# tach-ignore" comment: an optional reason in parentheses, then
// optional names, then nothing else up to the end of the line. Like tach's pattern, it is not
// anchored at the start, so another comment may come first ("# noqa: E402  # tach-ignore").
var directive = regexp.MustCompile(`# *tach-ignore(?:\(([^)]*)\))?((?:` + ws + `+[\p{L}\p{M}\p{Nd}\p{Pc}.]+)*)` + ws + `*$`)

// parseDirective reads a tach-ignore comment: its reason, and the names it is limited to
// (none: the whole import).
func parseDirective(comment string) (reason string, names []string, ok bool) {
	if !strings.Contains(comment, "tach-ignore") {
		return "", nil, false
	}
	m := directive.FindStringSubmatch(comment)
	if m == nil {
		return "", nil, false
	}
	return m[1], strings.FieldsFunc(m[2], unicode.IsSpace), true
}

// inlineIgnore returns Contract.InlineIgnore for tach's contracts: whether the comment on an
// import (at the end of its line, or alone on the line above) is a tach-ignore that applies
// to it. A directive with names applies only to the imports of those names: the name a
// from-import takes (`from a import f  # tach-ignore f`), or the module of a plain import
// (`import a.b  # tach-ignore a.b`) or of a from-import of a submodule (`from a import b  #
// tach-ignore b`). With requireReason (rules.require_ignore_directive_reasons = "error"), a
// directive without a reason applies to nothing.
func inlineIgnore(requireReason bool) func(*imports.Edge) bool {
	return func(e *imports.Edge) bool {
		reason, names, ok := parseDirective(e.Comment)
		if !ok || requireReason && strings.TrimSpace(reason) == "" {
			return false
		}
		if len(names) == 0 {
			return true
		}
		for _, n := range names {
			switch {
			case e.Name != "":
				if n == e.Name {
					return true
				}
			case n == e.Imported || n == e.Imported[strings.LastIndexByte(e.Imported, '.')+1:]:
				return true
			}
		}
		return false
	}
}
