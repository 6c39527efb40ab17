package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// [project].requires-python is a PEP 440 version specifier set: clauses separated by commas,
// each an operator and a version (">=3.9", "~=3.10", "==3.12.*", "!=3.9.1"). It is read as
// pip and the build backends read it (the packaging library): empty clauses are allowed
// (">=3.9,"), white space may surround the operator and version, the version is normalised
// the way PEP 440 allows (a leading "v", "3.10-rc1", "3.9.post1", upper case), and what each
// operator admits differs:
//
//   - "==" and "!=" take a trailing ".*" (prefix matching) or a local version ("+ubuntu1");
//   - "~=" needs at least two release numbers, and takes neither;
//   - "<", "<=", ">", ">=" take neither;
//   - "===" takes any text without white space, ';' or ')' (an exact string match).
//
// Anything else ("^3.8", "3.8", ">=3.8 <4", "python>=3.8") is no specifier: pip refuses it,
// and buttress reports it at its line.

// Parts of a PEP 440 version, as regular expressions (matched without regard to case).
const (
	pepRelease = `v?(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)` // submatches: the epoch, the release
	pepPre     = `(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`
	pepPost    = `(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?`
	pepDev     = `(?:[-_.]?dev[-_.]?[0-9]*)?`
	pepLocal   = `(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`
)

// The version patterns are compiled on first use, not by every run of buttress at start.
var (
	// versionEq is a version after == or !=: a prefix with ".*", or a full version.
	versionEq = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^` + pepRelease + `(?:\.\*|` + pepPre + pepPost + pepDev + pepLocal + `)$`)
	})
	// versionCompatible is a version after ~=: two release numbers at least.
	versionCompatible = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^v?(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)+)` + pepPre + pepPost + pepDev + `$`)
	})
	// versionOrdered is a version after <, <=, > or >=.
	versionOrdered = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^` + pepRelease + pepPre + pepPost + pepDev + `$`)
	})
)

// specOperators, longest first, so that a prefix never hides a longer operator.
var specOperators = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// isPySpace reports whether Python's str.strip() and the regular expression \s take r for
// white space: Unicode's, plus the ASCII separators \x1c to \x1f.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

// parseSpecifier parses one clause of a specifier set, white space trimmed and not empty. It
// returns the operator and the release numbers of its version (nil for "===" with a text
// that is not a release), or ok false when the clause is no specifier.
func parseSpecifier(clause string) (op string, release []int, ok bool) {
	for _, o := range specOperators {
		if strings.HasPrefix(clause, o) {
			op = o
			break
		}
	}
	if op == "" {
		return "", nil, false
	}
	version := strings.TrimLeftFunc(clause[len(op):], isPySpace)
	var m []string
	switch op {
	case "===":
		if strings.IndexFunc(version, func(r rune) bool { return isPySpace(r) || r == ';' || r == ')' }) >= 0 {
			return "", nil, false
		}
		m = versionOrdered().FindStringSubmatch(version) // a release, if it is one
		if m == nil {
			return op, nil, true
		}
	case "==", "!=":
		m = versionEq().FindStringSubmatch(version)
	case "~=":
		m = versionCompatible().FindStringSubmatch(version)
	default:
		m = versionOrdered().FindStringSubmatch(version)
	}
	if m == nil {
		return "", nil, false
	}
	if strings.Trim(m[1], "0") != "" {
		return op, nil, true // an epoch other than 0: no Python version
	}
	for _, n := range strings.Split(m[2], ".") {
		v, err := strconv.Atoi(n)
		if err != nil {
			v = 1 << 30 // more digits than an int holds: larger than any Python version
		}
		release = append(release, v)
	}
	return op, release, true
}

// requiresPython reads [project].requires-python: the lowest Python 3 minor version that it
// admits (">=3.10,<4" gives 10, "~=3.9" 9, "==3.11.*" 11, ">=3" and ">=2.7" 0), clamped to the
// supported range; ok is false when the file has none, or when no clause sets a lower bound
// ("<3.12", "!=3.9.*"). A value that is not a string, or not a PEP 440 specifier set, is an
// error at its line.
func requiresPython(doc *document) (minor int, ok bool, err *Error) {
	key := path{"project", "requires-python"}
	v, found := doc.lookup(key)
	if !found {
		return 0, false, nil
	}
	spec, isString := v.(string)
	if !isString {
		return 0, false, doc.errorAt(key, false, "%s must be a string, not %s", describe(key), tomlType(v))
	}
	lowest := -1
	for _, clause := range strings.Split(spec, ",") {
		clause = strings.TrimFunc(clause, isPySpace)
		if clause == "" {
			continue
		}
		op, release, valid := parseSpecifier(clause)
		if !valid {
			msg := fmt.Sprintf("%s = %q is not a PEP 440 version specifier", describe(key), spec)
			if clause != strings.TrimFunc(spec, isPySpace) {
				msg += fmt.Sprintf(" (%q is not one)", clause)
			}
			return 0, false, doc.errorAt(key, false,
				"%s: write an operator and a version, such as \">=3.10\" or \"~=3.11\", and separate clauses with commas (\">=3.10,<4\")", msg)
		}
		if release == nil || op != ">=" && op != ">" && op != "~=" && op != "==" && op != "===" {
			continue // upper bounds and exclusions say nothing of the lowest version
		}
		n := 0 // the lowest minor version of Python 3 admitted
		switch {
		case release[0] > 3:
			n = MaxMinor
		case release[0] == 3 && len(release) > 1:
			n = release[1]
		}
		lowest = max(lowest, n)
	}
	if lowest < 0 {
		return 0, false, nil
	}
	return min(max(lowest, MinMinor), MaxMinor), true, nil
}
