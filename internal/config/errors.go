package config

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem with a configuration file. It names the file, the position (1-based line
// and byte column; 0 when the position is unknown, for example when the file cannot be read),
// the table and the key it is about, and what is wrong:
//
//	pyproject.toml:12:1: [tool.buttress] unknown key "sorce-roots" (did you mean "source-roots"?)
type Error struct {
	File  string // the file as the user would name it: relative to the current directory
	Line  int    // 1-based; 0 when unknown
	Col   int    // 1-based byte column; 0 when unknown
	Table string // dotted name of the table holding Key ("tool.buttress"); "" for the document root
	Key   string // the key the error is about, as written; "" for errors about the whole file
	Msg   string // what is wrong, naming the key, without the location
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Table != "" {
		b.WriteString("[" + e.Table + "] ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every error found in one configuration file, in file order. Load, Discover and
// Config.Decode return it when they find more than one error; errors.As finds each *Error in
// it.
type ErrorList []*Error

func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap gives errors.Is and errors.As access to each error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// errorsOf turns the collected errors into the error to return: nil, the single *Error, or an
// ErrorList sorted by position.
func errorsOf(errs []*Error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Col < errs[j].Col
	})
	return ErrorList(errs)
}

// suggest returns the candidate closest to key, or "" when none is close enough to be a likely
// typo. A candidate that differs only in case or in '_' against '-' always wins; otherwise the
// edit distance (with transpositions) must be at most a third of the candidate's length, and
// at least 1, at most 3. aliases maps other names (such as Ruff's "src") to the candidate they
// suggest.
func suggest(key string, candidates []string, aliases map[string]string) string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "-") }
	nk := norm(key)
	if a, ok := aliases[nk]; ok {
		return a
	}
	best, bestD := "", -1
	for _, c := range candidates {
		if norm(c) == nk {
			return c
		}
		d := editDistance(nk, norm(c))
		limit := min(max(len(c)/3, 1), 3)
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b (Levenshtein with
// adjacent transpositions), counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: two back (for transpositions), one back, current.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
