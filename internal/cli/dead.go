package cli

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/rules/mod"
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

// usageOn reports whether a rule that needs the files' usage facts is selected: a DEAD rule,
// or MOD009, which resolves classes' bases across the project.
func usageOn(configured []analysis.Configured) bool {
	return deadOn(configured) || hierarchyRule(configured) != nil
}

// hierarchyRule returns MOD009 when it is selected.
func hierarchyRule(configured []analysis.Configured) *analysis.Configured {
	for i, r := range configured {
		if r.Code == mod.DeepInheritance.Code {
			return &configured[i]
		}
	}
	return nil
}

// hierarchyFindings reports the classes with more first-party ancestors in a line than
// MOD009's threshold, in the scope, filtered as every finding is. p is the project indexed
// from workspace.DeadInput.
func hierarchyFindings(ws *workspace.Workspace, p *dead.Project, r *analysis.Configured, configured []analysis.Configured, sel analysis.Selection, s *scope) []finding.Finding {
	limit := r.Options.(*mod.Max).Max
	set := analysis.NewRuleSet(configured)
	sups := ws.Suppressions()
	var out []finding.Finding
	for _, c := range p.Hierarchies() {
		if len(c.Chain) <= limit || !s.contains(c.Path) || sel.IgnoredIn(c.Path, r.Code, r.Name) {
			continue
		}
		name := c.Class[strings.LastIndexByte(c.Class, '.')+1:]
		f := finding.Finding{
			Code: r.Code, Rule: r.Name, Path: c.Path, Line: c.Line, Col: c.Col, EndLine: c.Line, EndCol: c.EndCol,
			Message: fmt.Sprintf("class `%s` has %d of the project's classes above it in a line (more than %d): %s", name, len(c.Chain), limit, strings.Join(c.Chain, " → ")),
		}
		out = append(out, sups[c.Path].Filter([]finding.Finding{f}, set)...)
	}
	return out
}

// deadFindings checks the whole project for unused code, and returns the findings in the
// scope that per-file-ignores, the scopes and suppression comments leave. p is the project
// indexed from workspace.DeadInput, with the DEAD rules that are on (deadRules).
func deadFindings(ws *workspace.Workspace, p *dead.Project, configured []analysis.Configured, sel analysis.Selection, s *scope) []finding.Finding {
	set := analysis.NewRuleSet(configured)
	sups := ws.Suppressions()
	var out []finding.Finding
	ign := ignoredIn{sel: sel}
	for _, f := range p.Check() {
		if !s.contains(f.Path) || ign.ignored(f.Path, f.Code, f.Rule) {
			continue
		}
		out = append(out, sups[f.Path].Filter([]finding.Finding{f}, set)...)
	}
	return out
}

// deadRules are the DEAD rules that are on, by code, with their options (dead.Input.Rules).
func deadRules(configured []analysis.Configured) map[string]*dead.Options {
	rules := map[string]*dead.Options{}
	for _, r := range configured {
		if r.Family() == "DEAD" {
			o, _ := r.Options.(*dead.Options)
			rules[r.Code] = o
		}
	}
	return rules
}
