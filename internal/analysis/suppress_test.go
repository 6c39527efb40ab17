package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// lineRule reports a finding on every line that holds the word "hit".
func lineRule(code, name string, equivalents ...string) *Rule {
	return &Rule{Code: code, Name: name, Default: true, Equivalents: equivalents, Run: func(p *Pass) {
		off := 0
		for _, line := range strings.SplitAfter(p.Src, "\n") {
			if i := strings.Index(line, "hit"); i >= 0 {
				p.ReportAt(off+i, "hit")
			}
			off += len(line)
		}
	}}
}

func runSource(t *testing.T, src string, rules ...*Rule) (kept []string, sups []string) {
	t.Helper()
	res := parser.ParseString(src, parser.Options{})
	var configured []Configured
	for _, r := range append(rules, SuppressionRules...) {
		configured = append(configured, Configured{Rule: r})
	}
	fs, s := Run(configured, "x.py", "x", res.Src, res.Module, res.Lines, res.Comments)
	fs = append(fs, s.Report(NewRuleSet(configured))...)
	finding.Sort(fs)
	for _, f := range fs {
		if strings.HasPrefix(f.Code, "SUP") {
			sups = append(sups, fmt.Sprintf("%d %s", f.Line, f.Code))
		} else {
			kept = append(kept, fmt.Sprintf("%d %s", f.Line, f.Code))
		}
	}
	return kept, sups
}

func TestNoqa(t *testing.T) {
	bare := lineRule("ERR001", "bare-except", "E722")
	blind := lineRule("ERR002", "broad-except-swallowed", "BLE001")
	own := lineRule("MOD002", "too-cognitive") // no Ruff or flake8 equivalent
	cases := []struct {
		name, src string
		want      string // the findings kept, "line CODE" joined by ", "
	}{
		{"the equivalent code", "hit  # noqa: E722\n", "1 ERR002, 1 MOD002"},
		{"without a space, in capitals", "hit  #NOQA:E722\n", "1 ERR002, 1 MOD002"},
		{"several codes, commas and spaces", "hit  # noqa: E501, BLE001 E722\n", "1 MOD002"},
		{"a prefix, as flake8 matches", "hit  # noqa: BLE0\n", "1 ERR001, 1 MOD002"},
		{"codes that are not codes: a blanket noqa, as flake8 reads it", "hit  # noqa: BLE\n", "1 MOD002"},
		{"another tool's code only", "hit  # noqa: E501\n", "1 ERR001, 1 ERR002, 1 MOD002"},
		{"blanket noqa: every rule with an equivalent", "hit  # noqa\n", "1 MOD002"},
		{"after other text in the comment", "hit  # type: ignore  # noqa: E722\n", "1 ERR002, 1 MOD002"},
		{"only on its own line", "hit  # noqa: E722\nhit\n", "1 ERR002, 1 MOD002, 2 ERR001, 2 ERR002, 2 MOD002"},
		{"ruff: noqa on a line of its own: the whole file", "# ruff: noqa: E722\nhit\nhit\n", "2 ERR002, 2 MOD002, 3 ERR002, 3 MOD002"},
		{"flake8: noqa: the whole file", "# flake8: noqa\nhit\n", "2 MOD002"},
		{"ruff: noqa after code is not file-level", "x = 1  # ruff: noqa: E722\nhit\n", "2 ERR001, 2 ERR002, 2 MOD002"},
		{"a word that is not a directive", "hit  # the noqa story\n", "1 ERR001, 1 ERR002, 1 MOD002"},
	}
	for _, c := range cases {
		kept, sups := runSource(t, c.src, bare, blind, own)
		if got := strings.Join(kept, ", "); got != c.want {
			t.Errorf("%s:\n%s\nkept %q, want %q", c.name, c.src, got, c.want)
		}
		if len(sups) > 0 {
			t.Errorf("%s: noqa comments are never reported as unused or malformed: %v", c.name, sups)
		}
	}
}

func TestButtressSuppressions(t *testing.T) {
	bare := lineRule("ERR001", "bare-except", "E722")
	blind := lineRule("ERR002", "broad-except-swallowed", "BLE001")
	cases := []struct {
		name, src  string
		want, sups string
	}{
		{"by code", "hit  # buttress: ignore[ERR001]  why\n", "1 ERR002", ""},
		{"by name and prefix", "hit  # buttress: ignore[bare-except, ERR00]\n", "", ""},
		{"unused", "hit  # buttress: ignore[ERR001, MOD001]\n", "1 ERR002", "1 SUP001"},
		{"file", "# buttress: ignore-file[ERR]\nhit\n", "", ""},
		{"malformed", "hit  # buttress: ignore\n", "1 ERR001, 1 ERR002", "1 SUP002"},
	}
	for _, c := range cases {
		kept, sups := runSource(t, c.src, bare, blind)
		if got := strings.Join(kept, ", "); got != c.want {
			t.Errorf("%s: kept %q, want %q", c.name, got, c.want)
		}
		if got := strings.Join(sups, ", "); got != c.sups {
			t.Errorf("%s: suppression findings %q, want %q", c.name, got, c.sups)
		}
	}
}

// TestSuppressionsOfLaterFindings: findings made after the file's rules ran (contract
// findings) are silenced by the same comments, and a suppression they use is not unused.
func TestSuppressionsOfLaterFindings(t *testing.T) {
	src := "import shop.api  # buttress: ignore[ARCH001]  the migration moves it\nimport shop.db  # buttress: ignore[ARCH002]\n"
	res := parser.ParseString(src, parser.Options{})
	arch := &Rule{Code: "ARCH001", Name: "layer-violation", Default: true, Project: true}
	configured := []Configured{{Rule: arch}, {Rule: SuppressionRules[0]}}
	fs, sups := Run(configured, "x.py", "x", res.Src, res.Module, res.Lines, res.Comments)
	if len(fs) != 0 {
		t.Fatalf("no per-file finding expected: %v", fs)
	}
	set := NewRuleSet(configured)
	later := []finding.Finding{
		{Code: "ARCH001", Rule: "layer-violation", Path: "x.py", Line: 1},
		{Code: "ARCH001", Rule: "layer-violation", Path: "x.py", Line: 2},
	}
	kept := sups.Filter(later, set)
	if len(kept) != 1 || kept[0].Line != 2 {
		t.Errorf("kept %v, want only the finding on line 2", kept)
	}
	rep := sups.Report(set)
	if len(rep) != 1 || rep[0].Line != 2 || !strings.Contains(rep[0].Message, "ARCH002") {
		t.Errorf("unused: %v, want the ARCH002 suppression of line 2 only", rep)
	}
}
