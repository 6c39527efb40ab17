package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/buttresspy/buttress/internal/finding"
)

// Options are what a renderer needs besides the findings.
type Options struct {
	// Color turns on ANSI colour in the text format. The CLI sets it only when the output is a
	// terminal.
	Color bool
	// Source returns the contents of a file, by the path findings use (relative to the project
	// root, slash-separated), for the code frames of the text and junit formats and the
	// regions of whole-file findings in SARIF. Nil, or false for a file, means no frame (and a
	// whole-file region of line 1).
	Source func(path string) (string, bool)
	// Line, when not nil, says what line n (1-based) of a file is, as Source's text split into
	// lines gives it, when that is known without reading the file (summary.File.Excerpt keeps
	// the lines of each finding's frame): has is false when the file has no line n. known
	// false sends the renderer to Source.
	Line func(path string, n int) (text string, has, known bool)
	// Rules is the metadata of every rule that ran: SARIF lists it in tool.driver.rules, JUnit
	// makes a test suite of each. A finding whose code is not among them is still rendered.
	Rules []finding.Rule
	// Root is the absolute project root, which finding paths are relative to. It is needed
	// with Cwd, and for SARIF's originalUriBaseIds ("%SRCROOT%").
	Root string
	// Cwd is the absolute directory the command runs in. When it is set with Root, every
	// format shows paths relative to it, as Ruff does ("../pkg/a.py" from a subdirectory), so
	// that they name files that exist from there; SARIF's "%SRCROOT%" is then the deepest
	// directory holding both Cwd and Root (see the package doc). When it is empty, paths are
	// shown as findings hold them, relative to the project root.
	Cwd string
	// ToolVersion is buttress's version, for SARIF's tool.driver.version.
	ToolVersion string
	// Baseline, when not nil, is what a baseline hid: the text format says so after its
	// total, the JSON format in its summary.
	Baseline *BaselineSummary
	// Quiet leaves out of the text and concise formats everything but the findings: the
	// summary by rule, the total ("Found 3 problems", "No problems found.") and what the
	// baseline hid (Ruff's --quiet). The machine formats are the same with or without it.
	Quiet bool

	// shown holds the path shown for each path of the findings (see show), made once per
	// Write: a file's findings share their path, and relating it to Cwd cleans three paths.
	shown map[string]string
}

// BaselineSummary is what applying a baseline did.
type BaselineSummary struct {
	File   string `json:"file"`   // as shown to the user
	Hidden int    `json:"hidden"` // findings the baseline holds, not shown
	Gone   int    `json:"gone"`   // findings the baseline holds that no longer occur
}

// Format names.
const (
	FormatText      = "text"
	FormatConcise   = "concise"
	FormatJSON      = "json"
	FormatJSONLines = "json-lines"
	FormatSARIF     = "sarif"
	FormatGitHub    = "github"
	FormatGitLab    = "gitlab"
	FormatJUnit     = "junit"
)

// Formats returns the names of the output formats, the default (text) first.
func Formats() []string {
	return []string{FormatText, FormatConcise, FormatJSON, FormatJSONLines, FormatSARIF, FormatGitHub, FormatGitLab, FormatJUnit}
}

// Write renders fs to w in the named format (see Formats). It does not modify fs. An unknown
// format is an error that lists the valid ones.
func Write(w io.Writer, format string, fs []finding.Finding, o Options) error {
	sorted := make([]finding.Finding, len(fs))
	copy(sorted, fs)
	finding.Sort(sorted)
	o.shown = shownPaths(sorted, o)
	var buf bytes.Buffer
	var err error
	switch format {
	case FormatText:
		// Written as it is made: the largest output, and the format of every run at a
		// terminal.
		return writeText(w, sorted, o)
	case FormatConcise:
		writeConcise(&buf, sorted, o)
	case FormatJSON:
		buf.Grow(jsonBlock + jsonBlock/4)
		err = writeJSON(w, &buf, sorted, o)
	case FormatJSONLines:
		err = writeJSONLines(&buf, sorted, o)
	case FormatGitLab:
		err = writeGitLab(&buf, sorted, o)
	case FormatSARIF:
		err = writeSARIF(&buf, sorted, o)
	case FormatGitHub:
		writeGitHub(&buf, sorted, o)
	case FormatJUnit:
		err = writeJUnit(&buf, sorted, o)
	default:
		return fmt.Errorf("unknown output format %q (valid: %s)", format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("rendering %s: %w", format, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// show returns how a path of a finding (relative to the project root, slash-separated; or
// absolute) is shown: relative to Options.Cwd when it is set.
func (o *Options) show(path string) string {
	if path == "" || o.Cwd == "" || o.Root == "" {
		return path
	}
	if p, ok := o.shown[path]; ok {
		return p
	}
	return ShowPath(o.Root, o.Cwd, path)
}

// shownPaths returns the path shown for each path of the findings and their notes, when
// paths are shown relative to Cwd; nil when they are shown as they are.
func shownPaths(fs []finding.Finding, o Options) map[string]string {
	if o.Cwd == "" || o.Root == "" {
		return nil
	}
	m := map[string]string{}
	add := func(p string) {
		if _, ok := m[p]; !ok && p != "" {
			m[p] = ShowPath(o.Root, o.Cwd, p)
		}
	}
	for i := range fs {
		add(fs[i].Path)
		for _, n := range fs[i].Notes {
			add(n.Path)
		}
	}
	return m
}

// ShowPath returns path, relative to the directory root (or absolute), as it is shown to a
// user working in cwd (both absolute): relative to cwd, slash-separated, with ".." where it
// is outside cwd ("../pkg/a.py"); absolute when no relative path leads there (another volume).
func ShowPath(root, cwd, path string) string {
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, abs)
	}
	rel, err := filepath.Rel(cwd, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// TextPath returns a path as the text outputs show it: as it is, unless it holds what would
// break the line or act on a terminal (control characters such as a newline or the escape
// that starts a colour sequence, line and paragraph separators, bidirectional controls, any
// other character that does not print) or bytes that are not UTF-8. Such a path is shown in
// double quotes with Go's escapes ("a\nb.py", "\x1b[31m.py", "caf\xe9.py"), which
// strconv.Unquote reverses; a path that starts with a double quote is quoted too, so that
// the two forms cannot be confused.
func TextPath(path string) string {
	if path == "" {
		return path
	}
	if path[0] == '"' {
		return strconv.Quote(path)
	}
	for i, r := range path {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(path[i:]); size == 1 {
				return strconv.Quote(path)
			}
		}
		if !strconv.IsPrint(r) {
			return strconv.Quote(path)
		}
	}
	return path
}

// PathBase64 returns, for a path that is not valid UTF-8, its bytes in standard base64 (RFC
// 4648, with padding), and "" for any other path. JSON strings hold Unicode only: the JSON
// outputs write such a path with U+FFFD for each byte that is not UTF-8, and this in a key
// beside it ("path_base64" beside "path"), so that the file can still be found (see
// docs/json.md).
func PathBase64(path string) string {
	if utf8.ValidString(path) {
		return ""
	}
	return base64.StdEncoding.EncodeToString([]byte(path))
}

// CommonDir returns the deepest directory that holds both a and b (absolute, cleaned).
func CommonDir(a, b string) string {
	a, b = filepath.Clean(a), filepath.Clean(b)
	for {
		if rel, err := filepath.Rel(a, b); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return a
		}
		parent := filepath.Dir(a)
		if parent == a {
			return a
		}
		a = parent
	}
}

// span is a finding's range with the conventions of the package doc applied: line 0 means the
// whole file, endLine 0 an unknown end, endCol 0 an end at an unknown column of endLine.
type span struct {
	line, col, endLine, endCol int
}

func spanOf(f *finding.Finding) span {
	if f.Line < 1 {
		return span{}
	}
	s := span{line: f.Line, col: max(f.Col, 1)}
	if f.EndLine < s.line || (f.EndLine == s.line && f.EndCol > 0 && f.EndCol < s.col) {
		return s
	}
	s.endLine = f.EndLine
	if f.EndCol > 0 {
		s.endCol = f.EndCol
	}
	return s
}

// location formats path:line:col (or less, as known) for a person.
func location(path string, line, col int) string {
	switch {
	case path == "":
		return ""
	case line < 1:
		return path
	default: // path:line:col, without fmt: the text format writes one a finding
		b := make([]byte, 0, len(path)+12)
		b = append(b, path...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(line), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(max(col, 1)), 10)
		return string(b)
	}
}

// ruleTable is the rules to describe: Options.Rules and any code a finding names that is not
// among them, one per code (the first wins), sorted by code.
func ruleTable(fs []finding.Finding, o Options) []finding.Rule {
	seen := map[string]bool{}
	var rules []finding.Rule
	for _, r := range o.Rules {
		if r.Code == "" || seen[r.Code] {
			continue
		}
		seen[r.Code] = true
		rules = append(rules, r)
	}
	for _, f := range fs {
		if seen[f.Code] {
			continue
		}
		seen[f.Code] = true
		rules = append(rules, finding.Rule{Code: f.Code, Name: f.Rule, Family: family(f.Code)})
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].Code < rules[j].Code })
	return rules
}

// family is the letters a code starts with: "TYP" for "TYP001".
func family(code string) string {
	return strings.TrimRight(code, "0123456789")
}

// ruleCount is one row of a summary by rule.
type ruleCount struct {
	code, name string
	count      int
}

// summarize counts findings by code, sorted by code, and counts distinct paths. A rule's name
// is the first non-empty one among its findings, else the one in rules.
func summarize(fs []finding.Finding, rules []finding.Rule) (byRule []ruleCount, files int) {
	idx := map[string]int{}
	paths := map[string]bool{}
	for _, f := range fs {
		if f.Path != "" {
			paths[f.Path] = true
		}
		i, ok := idx[f.Code]
		if !ok {
			i = len(byRule)
			idx[f.Code] = i
			byRule = append(byRule, ruleCount{code: f.Code})
		}
		byRule[i].count++
		if byRule[i].name == "" {
			byRule[i].name = f.Rule
		}
	}
	for _, r := range rules {
		if i, ok := idx[r.Code]; ok && byRule[i].name == "" {
			byRule[i].name = r.Name
		}
	}
	sort.Slice(byRule, func(i, j int) bool { return byRule[i].code < byRule[j].code })
	return byRule, len(paths)
}

// plural returns "1 problem" or "2 problems".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
