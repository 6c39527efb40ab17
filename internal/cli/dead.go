package cli

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/rules/mod"
	"github.com/buttresspy/buttress/internal/rules/pat"
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
// MOD009, which resolves classes' bases across the project, or PAT002, which reads the whole
// class hierarchy.
func usageOn(configured []analysis.Configured) bool {
	return deadOn(configured) || hierarchyRule(configured) != nil || selected(configured, pat.AbstractOnlyABC.Code) != nil
}

// hierarchyRule returns MOD009 when it is selected.
func hierarchyRule(configured []analysis.Configured) *analysis.Configured {
	return selected(configured, mod.DeepInheritance.Code)
}

// selected returns the configured rule of that code, or nil when it is not selected.
func selected(configured []analysis.Configured, code string) *analysis.Configured {
	for i, r := range configured {
		if r.Code == code {
			return &configured[i]
		}
	}
	return nil
}

// setLibrary gives the project-wide `library` setting to the rules with a library option
// that their own table does not set ([tool.buttress.rules.<name>] library wins).
func setLibrary(cfg *config.Config, configured []analysis.Configured) {
	analysis.SetLibrary(configured, cfg.Library, func(rule string) bool {
		return cfg.IsSet("rules." + rule + ".library")
	})
}

// abcFindings reports the ABCs that the project uses only for their shape (PAT002), in the
// scope, filtered as every finding is. in is the project's workspace.DeadInput.
func abcFindings(ws *workspace.Workspace, in dead.Input, r *analysis.Configured, configured []analysis.Configured, sel analysis.Selection, s *scope) []finding.Finding {
	library := false
	if o, ok := r.Options.(*pat.ABCOptions); ok {
		library = o.Library
	}
	set := analysis.NewRuleSet(configured)
	sups := ws.Suppressions()
	var out []finding.Finding
	for _, c := range dead.StructuralABCs(in, library) {
		if !s.contains(c.Path) || sel.IgnoredIn(c.Path, r.Code, r.Name) {
			continue
		}
		name := c.Class[strings.LastIndexByte(c.Class, '.')+1:]
		verbs := [2]string{"inherit", "reach"}
		if len(c.Subclasses) == 1 {
			verbs = [2]string{"inherits", "reaches"}
		}
		f := finding.Finding{
			Code: r.Code, Rule: r.Name, Path: c.Path, Line: c.Line, Col: c.Col, EndLine: c.Line, EndCol: c.EndCol,
			Message: fmt.Sprintf("`%s` is an ABC used only for its shape: %s %s no code from it or %s it through super(), and no code checks it by name (isinstance, register): consider typing.Protocol", name, subclassList(c.Subclasses), verbs[0], verbs[1]),
			Symbol:  name,
		}
		out = append(out, sups[c.Path].Filter([]finding.Finding{f}, set)...)
	}
	return out
}

// subclassList names the subclasses of a finding: all of them up to three, else the first
// two and how many more.
func subclassList(names []string) string {
	short := make([]string, len(names))
	for i, n := range names {
		short[i] = n[strings.LastIndexByte(n, '.')+1:]
	}
	switch {
	case len(short) == 1:
		return "its one subclass " + short[0]
	case len(short) <= 3:
		return "its subclasses " + strings.Join(short, ", ")
	}
	return fmt.Sprintf("its subclasses %s, %s and %d more", short[0], short[1], len(short)-2)
}

// hierarchyFindings reports the classes with more first-party ancestors in a line than
// MOD009's threshold, in the scope, filtered as every finding is. p is the project indexed
// from workspace.DeadInput.
func hierarchyFindings(ws *workspace.Workspace, p *dead.Project, r *analysis.Configured, configured []analysis.Configured, sel analysis.Selection, s *scope) []finding.Finding {
	limit := r.Options.(*mod.Max).Max
	set := analysis.NewRuleSet(configured)
	sups := ws.Suppressions()
	var out []finding.Finding
	for _, c := range p.Hierarchies(limit) {
		if !s.contains(c.Path) || sel.IgnoredIn(c.Path, r.Code, r.Name) {
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
