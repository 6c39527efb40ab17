package cli

import (
	"io"
	"slices"
	"sync"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/apirule"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/rules/pat"
	"github.com/buttresspy/buttress/internal/workspace"
)

// checkSetup is what `buttress check` runs on a project: the rules selected (configuration,
// then the command line) with their options, and the contracts. `buttress server` runs the
// same, so that the editor shows what check reports.
type checkSetup struct {
	cfg        *config.Config
	selection  analysis.Selection
	configured []analysis.Configured
	contracts  []contracts.Contract
	on         map[string]bool // the reported rules on: contracts and SYN001 (reportedRulesOn)
}

// selectFlags are check's --select, --extend-select and --ignore; selectGiven says whether
// --select was given (an empty --select= selects nothing).
type selectFlags struct {
	sel, extend, ignore []string
	selectGiven         bool
}

// newCheckSetup reads the selection and the contracts of a project; warnings go to w. It loads
// the contracts, which may set the project's source roots: call it before loading the
// workspace.
func newCheckSetup(w io.Writer, cfg *config.Config, flags selectFlags) (*checkSetup, error) {
	selection := configSelection(cfg)
	if err := checkSelectors(cfg, selection, map[string][]string{"select": flags.sel, "extend-select": flags.extend, "ignore": flags.ignore}); err != nil {
		return nil, err
	}
	if flags.selectGiven {
		selection.Select = flags.sel
	}
	selection.ExtendSelect = append(selection.ExtendSelect, flags.extend...)
	selection.Ignore = append(selection.Ignore, flags.ignore...)
	configured, err := analysis.Configure(selection, rules.All(), ruleOptions{cfg})
	if err != nil {
		return nil, err
	}
	selection.ResolveScopes(rules.All())
	setLibrary(cfg, configured)
	holdToMypy(w, cfg, configured)
	cs, err := loadContracts(cfg)
	if err != nil {
		return nil, err
	}
	if err := setBoundaries(w, cfg, cs, configured); err != nil {
		return nil, err
	}
	on, err := reportedRulesOn(selection)
	if err != nil {
		return nil, err
	}
	return &checkSetup{cfg: cfg, selection: selection, configured: configured, contracts: cs, on: on}, nil
}

// workspaceOptions are the options to load the project with: the per-file rules run while
// each file is parsed.
func (c *checkSetup) workspaceOptions() workspace.Options {
	return workspace.Options{Rules: c.configured, Ignored: c.selection.IgnoresIn, IgnoredID: c.selection.Fingerprint(), IgnoredGenerated: c.selection.IgnoredInGenerated, Usage: usageOn(c.configured), Entities: driftOn(c.configured)}
}

// driftOn reports whether field-type drift (API001) is selected: the files' bindings and
// classes' fields are then recorded as they are parsed.
func driftOn(configured []analysis.Configured) bool {
	for _, r := range configured {
		if r.Code == apirule.FieldTypeDrift.Code {
			return true
		}
	}
	return false
}

// findings returns what check finds in the scope of a loaded project, sorted, before the
// baseline: syntax errors, the per-file rules' findings, the contracts' and the unused
// suppressions, each silenced by per-file-ignores and suppression comments; and the rules
// that ran, for the renderers. Warnings go to w.
func (c *checkSetup) findings(w io.Writer, ws *workspace.Workspace, s *scope, pl *places, threads int) ([]finding.Finding, []finding.Rule) {
	warnUnmatchedBoundaries(w, c.cfg, c.configured, ws)
	var infos []finding.Rule
	for _, r := range c.configured {
		if !r.Project && r.Code != analysis.SyntaxRule.Code {
			infos = append(infos, r.Info())
		}
	}
	var fs []finding.Finding
	if c.on[analysis.SyntaxRule.Code] {
		infos = append(infos, analysis.SyntaxRule.Info())
		fs = syntaxFindings(ws, s, c.selection, pl)
	}
	ign := ignoredIn{sel: c.selection}
	// Made to size: grown by doubling, the list of the bench project's 1,033 findings was
	// copied ten times into fresh pages (a third of this function's time in a warm run).
	n := len(fs)
	for _, f := range ws.Files {
		n += len(f.Findings)
	}
	fs = slices.Grow(fs, n-len(fs))
	for _, f := range ws.Files {
		if !s.contains(f.Rel) {
			continue
		}
		for _, fd := range f.Findings {
			if !ign.ignored(fd.Path, fd.Code, fd.Rule) {
				fs = append(fs, fd)
			}
		}
	}
	if len(c.contracts) > 0 {
		for _, r := range contracts.Rules() {
			if c.on[r.Code] {
				infos = append(infos, r.Info())
			}
		}
		fs = append(fs, contractFindings(w, c.contracts, ws, c.on, analysis.NewRuleSet(c.configured), c.selection, s, threads, pl)...)
	}
	// The project-wide rules read the summaries and write nothing: API001 runs beside the
	// DEAD rules and MOD009 (one index of the project for both) and PAT002, each into its own
	// list, appended in this order whatever finishes first.
	var drift, deadFs, deep, abcs []finding.Finding
	var wg sync.WaitGroup
	for _, r := range c.configured {
		if r.Code == apirule.FieldTypeDrift.Code {
			infos = append(infos, r.Info())
			wg.Add(1)
			go func() {
				defer wg.Done()
				drift = driftFindings(ws, c.selection, s)
			}()
		}
	}
	if usageOn(c.configured) {
		// One reading of the packaging files, .pth files and extensions for both.
		in := workspace.DeadInput(ws)
		in.Rules = deadRules(c.configured)
		hier := hierarchyRule(c.configured)
		if deadOn(c.configured) {
			for _, r := range c.configured {
				if r.Family() == "DEAD" {
					infos = append(infos, r.Info())
				}
			}
		}
		if hier != nil {
			infos = append(infos, hier.Info())
		}
		if deadOn(c.configured) || hier != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := dead.NewProject(in)
				// MOD009 reads the index beside the DEAD rules' check, which writes nothing
				// in it (its goroutines fill caches of their own).
				var hw sync.WaitGroup
				if hier != nil {
					hw.Add(1)
					go func() {
						defer hw.Done()
						deep = hierarchyFindings(ws, p, hier, c.configured, c.selection, s)
					}()
				}
				if deadOn(c.configured) {
					deadFs = deadFindings(ws, p, c.configured, c.selection, s)
				}
				hw.Wait()
			}()
		}
		// PAT002 indexes the classes alone (dead.StructuralABCs), far less than the DEAD
		// rules' project: it runs beside them.
		if r := selected(c.configured, pat.AbstractOnlyABC.Code); r != nil {
			infos = append(infos, r.Info())
			wg.Add(1)
			go func() {
				defer wg.Done()
				abcs = abcFindings(ws, in, r, c.configured, c.selection, s)
			}()
		}
	}
	wg.Wait()
	for i := range drift {
		pl.contractPlace(&drift[i])
	}
	fs = append(fs, drift...)
	fs = append(fs, deadFs...)
	fs = append(fs, deep...)
	fs = append(fs, abcs...)
	fs = append(fs, unusedSuppressions(ws, c.configured, c.selection, s)...)
	finding.Sort(fs)
	return fs, infos
}

// ignoredIn is Selection.IgnoredIn for findings that come file by file: the globs and scopes
// are matched once for each run of findings of one file, not once for each finding.
type ignoredIn struct {
	sel  analysis.Selection
	path string
	fn   func(code, name string) bool
}

func (c *ignoredIn) ignored(path, code, name string) bool {
	if c.fn == nil || path != c.path {
		c.path, c.fn = path, c.sel.IgnoredInFile(path)
	}
	return c.fn(code, name)
}
