package cli

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/workspace"
)

// deadOn reports whether a DEAD rule is selected: the files' usage facts are then recorded.
func deadOn(configured []analysis.Configured) bool {
	for _, r := range configured {
		if r.Family() == "DEAD" {
			return true
		}
	}
	return false
}

// deadFindings checks the whole project for unused code, and returns the findings in the
// scope that per-file-ignores, the scopes and suppression comments leave.
func deadFindings(ws *workspace.Workspace, configured []analysis.Configured, sel analysis.Selection, s *scope) []finding.Finding {
	in := workspace.DeadInput(ws)
	in.Rules = map[string]*dead.Options{}
	for _, r := range configured {
		if r.Family() == "DEAD" {
			o, _ := r.Options.(*dead.Options)
			in.Rules[r.Code] = o
		}
	}
	set := analysis.NewRuleSet(configured)
	sups := map[string]*analysis.Suppressions{}
	for _, f := range ws.Files {
		if f.Suppressions != nil {
			sups[f.Rel] = f.Suppressions
		}
	}
	var out []finding.Finding
	for _, f := range dead.Check(in) {
		if !s.contains(f.Path) || sel.IgnoredIn(f.Path, f.Code, f.Rule) {
			continue
		}
		out = append(out, sups[f.Path].Filter([]finding.Finding{f}, set)...)
	}
	return out
}
