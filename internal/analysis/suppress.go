package analysis

import (
	"regexp"
	"strings"
	"sync"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// Suppression comments:
//
//	x = f(a)  # buttress: ignore[TYP001, ERR002]  the reason, for the next reader
//	# buttress: ignore-file[MOD007]  generated code
//
// ignore[...] silences the listed rules (codes, prefixes or names) for findings that start on
// the comment's line; for a finding about a function, that is its `def` line; for a contract
// finding, the line of the import. ignore-file[...] anywhere in a file silences the listed
// rules in the whole file. A suppression that silences nothing is itself reported (SUP001),
// so that stale ones are cleaned up; a malformed one (no rule list) is reported too (SUP002).
//
// The suppressions a team already has for Ruff and flake8 are honoured for the rules that
// have an equivalent there (Rule.Equivalents):
//
//	except:  # noqa: E722            silences ERR001 on this line (codes match by prefix, as flake8's)
//	x = f()  # noqa                  silences every rule that has a Ruff or flake8 equivalent
//	# ruff: noqa: F403               (on a line of its own) silences PAT004 in the whole file
//	# ruff: noqa, # flake8: noqa     (on a line of its own) the whole file, for those rules
//
// A noqa comment may follow other text in the comment (`# type: ignore  # noqa: E501`). Unused
// noqa comments are not reported: they are for the other tools.

// SuppressionRules are the built-in rules about suppression comments.
var SuppressionRules = []*Rule{
	{
		Code: "SUP001", Name: "unused-suppression", Default: true,
		Summary: "A `# buttress: ignore[...]` comment that suppresses nothing",
		Rationale: "A suppression that no longer matches a finding hides nothing today and will hide " +
			"a real problem tomorrow. Remove it, or remove the codes that no longer apply.",
		Bad:  "x = 1  # buttress: ignore[TYP001]  nothing here is untyped",
		Good: "x = 1",
		Run:  func(*Pass) {}, // reported by the suppression step itself
	},
	{
		Code: "SUP002", Name: "malformed-suppression", Default: true,
		Summary: "A `# buttress:` comment that is not `ignore[CODES]` or `ignore-file[CODES]`",
		Rationale: "A suppression must name the rules it silences, so that it silences nothing else. " +
			"Write `# buttress: ignore[CODE, ...]  reason`.",
		Bad:  "x = f()  # buttress: ignore",
		Good: "x = f()  # buttress: ignore[ERR002]  the caller logs it",
		Run:  func(*Pass) {},
	},
}

// The directives' patterns are compiled on first use: a warm run, which parses only the files
// that changed, may not need them.
var (
	suppressionRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^#\s*buttress:\s*(ignore-file|ignore)\s*(?:\[([^\]]*)\])?`)
	})
	// A noqa directive anywhere in a comment, as flake8's and Ruff's: `# noqa`, `#noqa: E722`,
	// `# NOQA:E722,W291 F401`.
	noqaRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)#\s*noqa(?:\s*:\s*([A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?`)
	})
	// A file-level directive, alone on its line: `# ruff: noqa`, `# flake8: noqa: F403`.
	fileNoqaRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^#\s*(?:ruff|flake8)\s*[:=]\s*noqa(?:\s*:\s*([A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?\s*$`)
	})
)

// directive is one suppression comment.
type directive struct {
	line int  // 1-based
	file bool // the whole file
	noqa bool // a Ruff or flake8 directive: selectors are their codes, matched through Rule.Equivalents
	// selectors are what it names: buttress codes, prefixes or names, or noqa codes; a noqa
	// directive without codes names every rule that has equivalents.
	selectors []string
	used      []bool
	pos       span // the comment, for SUP001
}

// span is a place in a file, in the 1-based lines and character columns of findings.
type span struct{ line, col, endLine, endCol int }

// Suppressions are the suppression comments of one file. They silence the file's findings as
// they are made, and keep track of which were used, so that findings made later (contract
// findings, on the whole project) are silenced the same way and unused suppressions are
// reported once everything is known.
type Suppressions struct {
	path       string
	directives []*directive
	malformed  []span
}

// ParseSuppressions reads the suppression comments of a file; it returns nil when there is
// none.
func ParseSuppressions(path, src string, comments []ast.Span, lines *ast.LineIndex) *Suppressions {
	var s *Suppressions
	add := func(d *directive, start, end int) {
		if s == nil {
			s = &Suppressions{path: path}
		}
		d.pos = spanOf(src, lines, start, end)
		d.line = d.pos.line
		d.used = make([]bool, len(d.selectors))
		s.directives = append(s.directives, d)
	}
	for _, c := range comments {
		start, end := int(c.Start), int(c.End)
		text := src[start:end]
		if strings.Contains(text, "buttress:") {
			m := suppressionRE().FindStringSubmatch(text)
			var sels []string
			if m != nil {
				for _, sel := range strings.Split(m[2], ",") {
					if sel = strings.TrimSpace(sel); sel != "" {
						sels = append(sels, strings.Clone(sel)) // not the source's bytes: the summary outlives it
					}
				}
			}
			if len(sels) == 0 {
				if s == nil {
					s = &Suppressions{path: path}
				}
				s.malformed = append(s.malformed, spanOf(src, lines, start, end))
			} else {
				add(&directive{file: m[1] == "ignore-file", selectors: sels}, start, end)
			}
		}
		// A q in the comment first (two fast scans), then the word: most comments have none.
		if strings.IndexByte(text, 'q') < 0 && strings.IndexByte(text, 'Q') < 0 || !containsFold(text, "noqa") {
			continue
		}
		if m := fileNoqaRE().FindStringSubmatch(text); m != nil && aloneOnLine(src, start) {
			add(&directive{file: true, noqa: true, selectors: noqaCodes(m[1])}, start, end)
			continue
		}
		if m := noqaRE().FindStringSubmatch(text); m != nil {
			add(&directive{noqa: true, selectors: noqaCodes(m[1])}, start, end)
		}
	}
	return s
}

func noqaCodes(list string) []string {
	// Cloned: ToUpper returns an upper-case list itself, the source's bytes, which the
	// summary would keep alive.
	return strings.FieldsFunc(strings.Clone(strings.ToUpper(list)), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// containsFold reports whether s contains the lower-case ASCII word sub, ignoring case: as
// strings.Contains(strings.ToLower(s), sub), without making the lower-case copy of every
// comment (outside ASCII only the Kelvin sign and the dotted capital I lower-case to ASCII
// letters, k and i: sub must hold neither).
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// aloneOnLine reports whether only white space precedes offset on its line.
func aloneOnLine(src string, offset int) bool {
	for i := offset - 1; i >= 0 && src[i] != '\n' && src[i] != '\r'; i-- {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\f' {
			return false
		}
	}
	return true
}

func spanOf(src string, lines *ast.LineIndex, start, end int) span {
	line, col := Position(src, lines, start)
	endLine, endCol := Position(src, lines, end)
	return span{line, col, endLine, endCol}
}

// Rules tells a suppression step what it needs of each rule: its equivalents for noqa, and
// whether it runs (for SUP001 and SUP002).
type Rules interface {
	Equivalents(code string) []string
	Enabled(code string) bool
}

// RuleSet is Rules over the configured rules of a run.
type RuleSet map[string]*Rule

// NewRuleSet indexes configured rules by code.
func NewRuleSet(rules []Configured) RuleSet {
	set := make(RuleSet, len(rules))
	for _, r := range rules {
		set[r.Code] = r.Rule
	}
	return set
}

// Equivalents returns the Ruff and flake8 codes of the rule with that code.
func (s RuleSet) Equivalents(code string) []string {
	if r := s[code]; r != nil {
		return r.Equivalents
	}
	return nil
}

// Enabled reports whether the rule with that code runs.
func (s RuleSet) Enabled(code string) bool { return s[code] != nil }

// Filter drops the findings the suppressions silence, and remembers which suppressions were
// used. The findings must be of this file.
func (s *Suppressions) Filter(fs []finding.Finding, rules Rules) []finding.Finding {
	if s == nil || len(s.directives) == 0 {
		return fs
	}
	kept := fs[:0]
	for _, f := range fs {
		silenced := false
		for _, d := range s.directives {
			if !d.file && d.line != f.Line {
				continue
			}
			if d.silences(f, rules) {
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, f)
		}
	}
	return kept
}

// silences reports whether the directive silences the finding, and marks what it used.
func (d *directive) silences(f finding.Finding, rules Rules) bool {
	if !d.noqa {
		hit := false
		for i, sel := range d.selectors {
			if matches(sel, f.Code, f.Rule) {
				d.used[i] = true
				hit = true
			}
		}
		return hit
	}
	eq := rules.Equivalents(f.Code)
	if len(eq) == 0 {
		return false
	}
	if len(d.selectors) == 0 {
		return true // a blanket noqa
	}
	for _, code := range d.selectors {
		for _, e := range eq {
			if strings.HasPrefix(e, code) {
				return true
			}
		}
	}
	return false
}

// Clone returns a copy of the suppressions that Filter marks apart from s: a language server
// filters the contract findings of a file again at each edit of another, and keeps the
// suppressions as the file's own rules left them to start each time from.
func (s *Suppressions) Clone() *Suppressions {
	if s == nil {
		return nil
	}
	c := &Suppressions{path: s.path, malformed: s.malformed, directives: make([]*directive, len(s.directives))}
	for i, d := range s.directives {
		cp := *d
		cp.used = append([]bool(nil), d.used...)
		c.directives[i] = &cp
	}
	return c
}

// Report returns the SUP001 findings of the buttress suppressions that silenced nothing, and
// the SUP002 findings of malformed ones, for the rules that run. Call it once every finding
// of the file has been through Filter.
func (s *Suppressions) Report(rules Rules) []finding.Finding {
	if s == nil {
		return nil
	}
	var out []finding.Finding
	report := func(code, name string, at span, msg string) {
		if rules.Enabled(code) {
			out = append(out, finding.Finding{Code: code, Rule: name, Path: s.path, Line: at.line, Col: at.col, EndLine: at.endLine, EndCol: at.endCol, Message: msg})
		}
	}
	for _, d := range s.directives {
		if d.noqa {
			continue
		}
		var unused []string
		for i, sel := range d.selectors {
			if !d.used[i] {
				unused = append(unused, sel)
			}
		}
		if len(unused) > 0 {
			report("SUP001", "unused-suppression", d.pos,
				"suppression of "+strings.Join(unused, ", ")+" suppresses nothing here: remove it")
		}
	}
	for _, at := range s.malformed {
		report("SUP002", "malformed-suppression", at,
			"a `# buttress:` comment must be `ignore[CODE, ...]` or `ignore-file[CODE, ...]`, followed by the reason")
	}
	return out
}
