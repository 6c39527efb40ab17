package analysis

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestSelectionCheck: every selector that names no rule, and every per-file-ignores glob that
// is not valid, is reported, in a fixed order, each through Locate when it is set.
func TestSelectionCheck(t *testing.T) {
	s := Selection{
		Select:         []string{"TYP", "TPY"},
		ExtendSelect:   []string{"ALL", ""},
		Ignore:         []string{"too-complex", "nope"},
		PerFileIgnores: map[string][]string{"tests/*.py": {"MOD", "XX"}, "[bad": {"TYP"}},
		Scopes:         []Scope{{Name: ScopeTests, Ignore: []string{"ERR9"}, IgnoreSet: true}, {Name: ScopeVendored, Ignore: []string{"whatever"}}},
	}
	want := []string{
		`select: "TPY" is not a rule code, prefix or name`,
		`extend-select: "" is not a rule code, prefix or name`,
		`ignore: "nope" is not a rule code, prefix or name`,
		`per-file-ignores: "[bad" is not a valid glob`,
		`per-file-ignores "tests/*.py": "XX" is not a rule code, prefix or name`,
		`tests.ignore: "ERR9" is not a rule code, prefix or name`,
	}
	err := s.Check(testRules)
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	if _, err := s.Rules(testRules); err == nil {
		t.Errorf("Rules must check the selection")
	}

	var seen []string
	s.Locate = func(e *SelectorError) error {
		seen = append(seen, fmt.Sprintf("%s|%s|%d|%s", e.List, e.Glob, e.Index, e.Value))
		if e.List == "ignore" {
			return nil // keep it as it is
		}
		return fmt.Errorf("at %s[%d]", e.List, e.Index)
	}
	err = s.Check(testRules)
	wantSeen := []string{"select||1|TPY", "extend-select||1|", "ignore||1|nope", "per-file-ignores|[bad|-1|[bad", "per-file-ignores|tests/*.py|1|XX", "tests.ignore||0|ERR9"}
	if strings.Join(seen, " ") != strings.Join(wantSeen, " ") {
		t.Errorf("Locate saw %q, want %q", seen, wantSeen)
	}
	if err == nil || !strings.Contains(err.Error(), "at select[1]\n") || !strings.Contains(err.Error(), `ignore: "nope"`) {
		t.Errorf("located: %v", err)
	}
	if err := (Selection{Select: []string{"TYP", "bare-except", "ALL"}}).Check(testRules); err != nil {
		t.Errorf("valid: %v", err)
	}
}

type libOpts struct{ Library bool }

func (o *libOpts) SetLibrary(v bool) { o.Library = v }

// TestSetLibrary: the project-wide library setting reaches every rule with a library option,
// but for a rule whose own table sets it.
func TestSetLibrary(t *testing.T) {
	a, b, c := &libOpts{}, &libOpts{}, &struct{ Max int }{}
	configured := []Configured{
		{Rule: &Rule{Name: "a"}, Options: a},
		{Rule: &Rule{Name: "b"}, Options: b},
		{Rule: &Rule{Name: "c"}, Options: c},
		{Rule: &Rule{Name: "d"}},
	}
	SetLibrary(configured, true, func(rule string) bool { return rule == "b" })
	if !a.Library || b.Library {
		t.Errorf("a.Library = %v (want true: the project's), b.Library = %v (want false: its own table's)", a.Library, b.Library)
	}
}

// TestFingerprint: each thing IgnoresIn or IgnoredInGenerated reads changes the fingerprint;
// what they do not read, and the order of a map, do not. A field added to Selection or Scope
// must be placed here: in the fingerprint, or out of it with its reason.
func TestFingerprint(t *testing.T) {
	base := func() Selection {
		return Selection{
			Select:         []string{"TYP"},
			PerFileIgnores: map[string][]string{"a/*.py": {"TYP001"}, "b.py": {"ERR"}},
			Scopes:         DefaultScopes(),
		}
	}
	fp := base().Fingerprint()
	changes := map[string]func(s *Selection){
		"a per-file-ignores glob":     func(s *Selection) { s.PerFileIgnores["c.py"] = []string{"TYP001"} },
		"a per-file-ignores selector": func(s *Selection) { s.PerFileIgnores["b.py"] = []string{"ERR001"} },
		"a scope's files":             func(s *Selection) { s.Scopes[0].Files = append(s.Scopes[0].Files, "check_*.py") },
		"a scope's ignore":            func(s *Selection) { s.Scopes[3].Ignore, s.Scopes[3].IgnoreSet = []string{"TYP"}, true },
		"a scope resolved":            func(s *Selection) { s.ResolveScopes([]*Rule{{Code: "TYP001", Name: "t", NotIn: []string{ScopeTests}}}) },
		"a scope's name":              func(s *Selection) { s.Scopes[3].Name = ScopeVendored },
		"a scope less":                func(s *Selection) { s.Scopes = s.Scopes[1:] },
	}
	for what, change := range changes {
		s := base()
		change(&s)
		if bytes.Equal(s.Fingerprint(), fp) {
			t.Errorf("%s: the same fingerprint", what)
		}
	}
	same := map[string]func(s *Selection){
		"select, extend-select, ignore (the caller's rules)": func(s *Selection) {
			s.Select, s.ExtendSelect, s.Ignore = []string{"ALL"}, []string{"ERR"}, []string{"MOD"}
		},
		"Locate (errors only)": func(s *Selection) { s.Locate = func(*SelectorError) error { return nil } },
	}
	for what, change := range same {
		s := base()
		change(&s)
		if !bytes.Equal(s.Fingerprint(), fp) {
			t.Errorf("%s: another fingerprint", what)
		}
	}
	for range 20 { // the map's order changes from one range to the next
		if !bytes.Equal(base().Fingerprint(), fp) {
			t.Fatal("a map's order changed the fingerprint")
		}
	}

	placed := map[string]bool{
		// Selection
		"Select": true, "ExtendSelect": true, "Ignore": true, "Locate": true, // out: see same
		"PerFileIgnores": true, "Scopes": true, // in
		"dirs": true, // out: compiled from the scopes' files
		// Scope
		"Name": true, "Files": true, "IgnoreSet": true, // in (Ignore, in too, is Selection's name)
		"files": true, "uppers": true, // out: compiled from Files and Ignore
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Selection](), reflect.TypeFor[Scope]()} {
		for i := range typ.NumField() {
			if f := typ.Field(i); !placed[f.Name] {
				t.Errorf("%s.%s: not placed in or out of Selection.Fingerprint", typ.Name(), f.Name)
			}
		}
	}
}
