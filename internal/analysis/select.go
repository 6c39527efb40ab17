package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// matches reports whether a selector (a code "TYP001", a prefix "TYP" or "ERR00", or a rule
// name "untyped-parameter", or "ALL") designates the rule.
func matches(sel, code, name string) bool {
	switch {
	case sel == "ALL":
		return true
	case strings.EqualFold(sel, name):
		return true
	}
	return strings.HasPrefix(code, strings.ToUpper(sel)) && sel != ""
}

// specificity orders selectors: a name or a full code is the most specific; longer prefixes
// are more specific than shorter ones; ALL is the least.
func specificity(sel, code string) int {
	switch {
	case sel == "ALL":
		return 0
	case !strings.HasPrefix(code, strings.ToUpper(sel)):
		return 100 // a rule name: as specific as a full code
	}
	return len(sel)
}

// Selection is what a configuration (and the command line) selects.
type Selection struct {
	Select         []string // empty: the rules on by default
	ExtendSelect   []string
	Ignore         []string
	PerFileIgnores map[string][]string // file glob (relative to the project root) -> selectors
	// Scopes are the kinds of files with rules of their own (tests, migrations); see Scope.
	// ResolveScopes must be called before IgnoredIn when one of them has no Ignore of its own.
	Scopes []Scope
}

// ResolveScopes gives every scope without an Ignore list of its own the rules that are not
// run in it by default (Rule.NotIn), so that IgnoredIn can answer from codes alone.
func (s *Selection) ResolveScopes(all []*Rule) {
	for i := range s.Scopes {
		sc := &s.Scopes[i]
		if sc.IgnoreSet {
			continue
		}
		sc.Ignore = nil
		for _, r := range all {
			if sc.skips(r) {
				sc.Ignore = append(sc.Ignore, r.Code)
			}
		}
		sc.IgnoreSet = true
	}
}

// Rules returns the rules the selection enables, in code order. Like Ruff, the most specific
// selector decides: `select = ["TYP"]` with `ignore = ["TYP003"]` runs TYP001 and TYP002, and
// `ignore = ["TYP"]` with `extend-select = ["TYP002"]` runs TYP002; on a tie, ignore wins.
func (s Selection) Rules(all []*Rule) ([]*Rule, error) {
	if err := s.check(all); err != nil {
		return nil, err
	}
	var out []*Rule
	for _, r := range all {
		on, best := r.Default && len(s.Select) == 0, -1
		if len(s.Select) > 0 || len(s.ExtendSelect) > 0 {
			for _, sel := range append(append([]string{}, s.Select...), s.ExtendSelect...) {
				if matches(sel, r.Code, r.Name) && specificity(sel, r.Code) > best {
					on, best = true, specificity(sel, r.Code)
				}
			}
			if best < 0 && len(s.Select) == 0 {
				on = r.Default
			}
		}
		for _, sel := range s.Ignore {
			if matches(sel, r.Code, r.Name) && specificity(sel, r.Code) >= best {
				on = false
			}
		}
		if on {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// check reports selectors that designate no rule, with a suggestion.
func (s Selection) check(all []*Rule) error {
	lists := [][]string{s.Select, s.ExtendSelect, s.Ignore}
	for _, sels := range s.PerFileIgnores {
		lists = append(lists, sels)
	}
	for _, sc := range s.Scopes {
		lists = append(lists, sc.Ignore)
	}
	for _, list := range lists {
		for _, sel := range list {
			found := false
			for _, r := range all {
				if matches(sel, r.Code, r.Name) {
					found = true
					break
				}
			}
			if !found {
				return fmt.Errorf("%q is not a rule code, prefix or name: `buttress rules` lists them", sel)
			}
		}
	}
	for glob := range s.PerFileIgnores {
		if !doublestar.ValidatePattern(glob) {
			return fmt.Errorf("per-file-ignores: %q is not a valid glob", glob)
		}
	}
	return nil
}

// IgnoredIn reports whether per-file-ignores, or the scopes the file is in, silence the rule
// in the file at path (relative to the project root, slash-separated). A glob without a slash
// matches the file name.
func (s Selection) IgnoredIn(path, code, name string) bool {
	return s.IgnoredInFile(path)(code, name)
}

// IgnoredInFile is IgnoredIn for the rules of one file: the globs are matched once, and the
// function it returns answers for each rule.
func (s Selection) IgnoredInFile(path string) func(code, name string) bool {
	var sels []string
	for glob, list := range s.PerFileIgnores {
		if globsMatch([]string{glob}, path) {
			sels = append(sels, list...)
		}
	}
	for i := range s.Scopes {
		if sc := &s.Scopes[i]; len(sc.Ignore) > 0 && sc.Contains(path) {
			sels = append(sels, sc.Ignore...)
		}
	}
	return func(code, name string) bool {
		for _, sel := range sels {
			if matches(sel, code, name) {
				return true
			}
		}
		return false
	}
}
