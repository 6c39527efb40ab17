package analysis

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/buttresspy/buttress/internal/pathglob"
)

// matches reports whether a selector (a code "TYP001", a prefix "TYP" or "ERR00", or a rule
// name "untyped-parameter", or "ALL") designates the rule.
func matches(sel, code, name string) bool {
	return matchesUpper(sel, strings.ToUpper(sel), code, name)
}

// matchesUpper is matches with strings.ToUpper(sel) made once by the caller.
func matchesUpper(sel, upper, code, name string) bool {
	switch {
	case sel == "ALL":
		return true
	case strings.EqualFold(sel, name):
		return true
	}
	return strings.HasPrefix(code, upper) && sel != ""
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
	// Locate, when set, turns an error about a selector into one that says where it is
	// written (the configuration file's line and key, or the flag); nil keeps it as it is.
	Locate func(e *SelectorError) error

	// dirs, set by ResolveScopes when every scope's globs answer by the parts of a path
	// (pathglob.Set.ByParts), matches a file's directory against the directory globs of all
	// the scopes in one pass: IgnoresIn then matches each scope's name globs on the file
	// name alone.
	dirs *pathglob.Dirs
}

// SelectorError is a selector that designates no rule, or a per-file-ignores glob that is
// not valid. Error names the list but not where it is written: see Selection.Locate.
type SelectorError struct {
	List  string // "select", "extend-select", "ignore", "per-file-ignores", or a scope's "tests.ignore"
	Glob  string // for per-file-ignores: the glob that holds the selector, or that is not valid
	Index int    // the selector's index in its list; -1 for a glob that is not valid
	Value string // the selector, or the glob
	Msg   string // what is wrong, naming Value: `"TYP01" is not a rule code, prefix or name`
}

func (e *SelectorError) Error() string {
	if e.Glob != "" && e.Index >= 0 {
		return fmt.Sprintf("%s %q: %s", e.List, e.Glob, e.Msg)
	}
	return e.List + ": " + e.Msg
}

// Designates reports whether sel (a code, a prefix, a name, or ALL) designates one of the
// rules at least.
func Designates(sel string, all []*Rule) bool {
	for _, r := range all {
		if matches(sel, r.Code, r.Name) {
			return true
		}
	}
	return false
}

// ResolveScopes gives every scope without an Ignore list of its own the rules that are not
// run in it by default (Rule.NotIn), so that IgnoredIn can answer from codes alone.
func (s *Selection) ResolveScopes(all []*Rule) {
	for i := range s.Scopes {
		sc := &s.Scopes[i]
		sc.files = pathglob.Compile(sc.Files) // IgnoresIn matches them on every file
		if !sc.IgnoreSet {
			sc.Ignore = nil
			for _, r := range all {
				if sc.skips(r) {
					sc.Ignore = append(sc.Ignore, r.Code)
				}
			}
			sc.IgnoreSet = true
		}
		sc.uppers = uppers(sc.Ignore)
	}
	sets := make([]*pathglob.Set, len(s.Scopes))
	for i := range s.Scopes {
		sets[i] = s.Scopes[i].files
	}
	s.dirs = pathglob.CompileDirs(sets)
}

// uppers returns strings.ToUpper of each of sels.
func uppers(sels []string) []string {
	out := make([]string, len(sels))
	for i, sel := range sels {
		out[i] = strings.ToUpper(sel)
	}
	return out
}

// Rules returns the rules the selection enables, in code order. Like Ruff, the most specific
// selector decides: `select = ["TYP"]` with `ignore = ["TYP003"]` runs TYP001 and TYP002, and
// `ignore = ["TYP"]` with `extend-select = ["TYP002"]` runs TYP002; on a tie, ignore wins.
func (s Selection) Rules(all []*Rule) ([]*Rule, error) {
	if err := s.Check(all); err != nil {
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

// Check reports every selector that designates no rule, and every per-file-ignores glob
// that is not valid, each through Locate when it is set. Rules calls it.
func (s Selection) Check(all []*Rule) error {
	var errs []error
	fail := func(e *SelectorError) {
		if s.Locate != nil {
			if err := s.Locate(e); err != nil {
				errs = append(errs, err)
				return
			}
		}
		errs = append(errs, e)
	}
	list := func(name, glob string, sels []string) {
		for i, sel := range sels {
			if !Designates(sel, all) {
				fail(&SelectorError{List: name, Glob: glob, Index: i, Value: sel,
					Msg: fmt.Sprintf("%q is not a rule code, prefix or name", sel)})
			}
		}
	}
	list("select", "", s.Select)
	list("extend-select", "", s.ExtendSelect)
	list("ignore", "", s.Ignore)
	globs := make([]string, 0, len(s.PerFileIgnores))
	for glob := range s.PerFileIgnores {
		globs = append(globs, glob)
	}
	sort.Strings(globs)
	for _, glob := range globs {
		if !doublestar.ValidatePattern(glob) {
			fail(&SelectorError{List: "per-file-ignores", Glob: glob, Index: -1, Value: glob,
				Msg: fmt.Sprintf("%q is not a valid glob", glob)})
		}
		list("per-file-ignores", glob, s.PerFileIgnores[glob])
	}
	for _, sc := range s.Scopes {
		if sc.IgnoreSet {
			list(sc.Name+".ignore", "", sc.Ignore)
		}
	}
	return errors.Join(errs...)
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
	return s.IgnoresIn(path).Ignored
}

// Ignores is what per-file-ignores and the scopes leave out of the rules of one file: the
// selectors of the globs and scopes that match it.
type Ignores struct {
	sels   []string
	uppers []string // strings.ToUpper of each: Ignored is asked for every rule on every file
}

// Ignored reports whether a selector of ig silences the rule.
func (ig Ignores) Ignored(code, name string) bool {
	for i, sel := range ig.sels {
		if matchesUpper(sel, ig.uppers[i], code, name) {
			return true
		}
	}
	return false
}

// AppendClass appends to b what identifies the answers of ig: two files whose classes are
// equal have the same rules ignored (so a caller can compute them once for all such files).
func (ig Ignores) AppendClass(b []byte) []byte {
	for _, sel := range ig.sels {
		b = append(b, sel...)
		b = append(b, 0)
	}
	return b
}

// IgnoresIn matches the globs of per-file-ignores and of the scopes against the file at path
// (relative to the project root, slash-separated) once: the Ignores it returns answer for
// each rule.
//
// It is asked for every file of a run: a file in no scope and matched by no glob (most of
// them) costs no allocation, nor does one in a single resolved scope (its lists are shared).
func (s Selection) IgnoresIn(path string) Ignores {
	var ig Ignores
	for glob, list := range s.PerFileIgnores {
		if pathglob.Match([]string{glob}, path) {
			ig.sels = append(ig.sels, list...)
			ig.uppers = append(ig.uppers, uppers(list)...)
		}
	}
	var inDir uint64 // the scopes whose directory globs hold the file's directory
	dir, base := pathglob.Parts(path)
	byParts := s.dirs != nil && pathglob.IsPythonName(base)
	if byParts {
		inDir = s.dirs.MatchDirs(dir)
	}
	for i := range s.Scopes {
		sc := &s.Scopes[i]
		if len(sc.Ignore) == 0 {
			continue
		}
		if byParts {
			if inDir&(1<<i) == 0 && !sc.files.MatchName(base) {
				continue
			}
		} else if !sc.Contains(path) {
			continue
		}
		up := sc.uppers
		if up == nil {
			up = uppers(sc.Ignore)
		}
		if ig.sels == nil {
			ig = Ignores{sels: sc.Ignore[:len(sc.Ignore):len(sc.Ignore)], uppers: up[:len(up):len(up)]}
			continue
		}
		ig.sels = append(ig.sels, sc.Ignore...)
		ig.uppers = append(ig.uppers, up...)
	}
	return ig
}

// Fingerprint returns a digest of what IgnoresIn and IgnoredInGenerated answer: two
// selections with the same fingerprint answer the same for every path and rule (with the same
// build of buttress), so that a cache can vouch for a file's settings without asking (see
// summary.Options.IgnoredID). It covers per-file-ignores and the scopes (their names, files
// and ignores, resolved or not); select, extend-select and ignore decide which rules run at
// all, which the caller's rules say.
func (s Selection) Fingerprint() []byte {
	h := sha256.New()
	str := func(v string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(v)))])
		h.Write([]byte(v))
	}
	list := func(vs []string) {
		str(strconv.Itoa(len(vs)))
		for _, v := range vs {
			str(v)
		}
	}
	globs := make([]string, 0, len(s.PerFileIgnores))
	for glob := range s.PerFileIgnores {
		globs = append(globs, glob)
	}
	sort.Strings(globs)
	str("per-file-ignores")
	list(globs)
	for _, glob := range globs {
		list(s.PerFileIgnores[glob])
	}
	str("scopes")
	str(strconv.Itoa(len(s.Scopes)))
	for _, sc := range s.Scopes {
		str(sc.Name)
		list(sc.Files)
		list(sc.Ignore)
		str(strconv.FormatBool(sc.IgnoreSet))
	}
	return h.Sum(nil)
}
