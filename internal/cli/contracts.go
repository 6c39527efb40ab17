package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/contracts/importlinter"
	"github.com/buttresspy/buttress/internal/contracts/tach"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/workspace"
)

// loadContracts gathers the contracts of the project: [[tool.buttress.contracts]], then
// those of tach's and import-linter's configurations when the project has them. When tach's
// (or else import-linter's) configuration sets source roots and buttress's does not, the
// project takes them, so that modules have the names those tools give them: call it before
// loading the workspace.
func loadContracts(cfg *config.Config) ([]contracts.Contract, error) {
	cs, err := contracts.FromConfig(cfg)
	if err != nil {
		return nil, err
	}
	tc, err := tach.Load(cfg.Root)
	if err != nil {
		return nil, showErrorFiles(err, cfg.Root)
	}
	if tc != nil {
		cs = append(cs, tc.Contracts...)
		// tach names modules from its source roots: use them unless buttress has its own.
		if !cfg.IsSet("source-roots") && len(tc.SourceRoots) > 0 {
			if err := checkToolRoots(cfg, tc.SourceRoots, tc.File, "source_roots"); err != nil {
				return nil, err
			}
			cfg.SourceRoots = tc.SourceRoots
		}
		// tach's respect_gitignore = false reads what .gitignore leaves out: so does buttress,
		// unless its own configuration says otherwise.
		if !cfg.IsSet("respect-gitignore") && tc.RespectGitignore != nil {
			cfg.RespectGitignore = *tc.RespectGitignore
		}
	}
	il, err := importlinter.Load(cfg.Root)
	if err != nil {
		return nil, showErrorFiles(err, cfg.Root)
	}
	if il != nil {
		cs = append(cs, il.Contracts...)
		if !cfg.IsSet("source-roots") && (tc == nil || len(tc.SourceRoots) == 0) && len(il.SourceRoots) > 0 {
			if err := checkToolRoots(cfg, il.SourceRoots, il.File, "source_roots"); err != nil {
				return nil, err
			}
			cfg.SourceRoots = il.SourceRoots
		}
	}
	return cs, nil
}

// showErrorFiles makes the files that configuration errors name (relative to the project
// root, as tach's and import-linter's loaders name them) relative to the current directory.
func showErrorFiles(err error, root string) error {
	show := func(e *config.Error) {
		if e.File != "" && !filepath.IsAbs(e.File) {
			e.File = showAbs(filepath.Join(root, filepath.FromSlash(e.File)))
		}
	}
	var list config.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			show(e)
		}
		return err
	}
	var one *config.Error
	if errors.As(err, &one) {
		show(one)
	}
	return err
}

// reportedRulesOn returns the codes of the rules that report what buttress finds beyond the
// per-file rules, the declared contracts (ARCH) and syntax errors (SYN001), that the
// selection leaves on. They are reported whatever select says: a select that names none of
// them (select = ["TYP"]) is about the per-file rules, and must not switch contracts a team
// declared, or files that do not parse, off unseen. Only an ignore turns one off (ignore,
// --ignore; per-file-ignores in the files they name), and, as for every rule, a more specific
// select or extend-select wins over it: ignore = ["ARCH"] with extend-select = ["ARCH001"]
// keeps the layer contracts alone.
func reportedRulesOn(sel analysis.Selection) (map[string]bool, error) {
	// They are all on by default, so the selection with select folded into extend-select
	// keeps them all but those ignored.
	s := analysis.Selection{Ignore: sel.Ignore, PerFileIgnores: sel.PerFileIgnores}
	s.ExtendSelect = append(append(s.ExtendSelect, sel.Select...), sel.ExtendSelect...)
	rs, err := s.Rules(rules.All())
	if err != nil {
		return nil, err
	}
	on := map[string]bool{}
	for _, r := range rs {
		if r.Contract() || r.Code == analysis.SyntaxRule.Code {
			on[r.Code] = true
		}
	}
	return on, nil
}

// contractFindings checks the contracts on the loaded project and returns the findings of the
// rules that are on, inside the scope; warnings go to w. Findings about the contracts
// themselves, at a line of the configuration file that declares them (ARCH009, ARCH010), and
// findings about the whole project are shown whatever the scope: a check of a few files (a
// pre-commit hook) must still say that a contract is broken as written.
func contractFindings(w io.Writer, cs []contracts.Contract, ws *workspace.Workspace, on map[string]bool, set analysis.RuleSet, sel analysis.Selection, s *scope, workers int, pl *places) []finding.Finding {
	if len(cs) == 0 || len(on) == 0 {
		return nil
	}
	declared := map[string]bool{} // the files that declare contracts
	for _, c := range cs {
		declared[c.Origin.File] = true
	}
	sups := ws.Suppressions()
	var out []finding.Finding
	for _, r := range ws.CheckContracts(cs, workers) {
		for _, f := range r.Findings {
			inScope := f.Path == "" || declared[f.Path] || s.contains(f.Path) || chainInScope(f, s)
			if !on[f.Code] || !inScope || sel.IgnoredIn(f.Path, f.Code, f.Rule) {
				continue
			}
			// A `# buttress: ignore[ARCH001]` on the import's line silences it.
			for _, kept := range sups[f.Path].Filter([]finding.Finding{f}, set) {
				pl.contractPlace(&kept)
				out = append(out, kept)
			}
		}
		for _, msg := range r.Warnings {
			fmt.Fprintf(w, "warning: %s\n", showWarning(r.Contract, msg, pl))
		}
	}
	return out
}

// chainInScope reports whether one of the imports a contract finding notes (the hops of its
// chain, the dependencies of its cycle) is in a file in scope: a new import in a changed file
// can complete a chain whose finding sits at its first import, in a file that did not change
// (`check CHANGED.py`, as a pre-commit hook runs it, must still show it).
func chainInScope(f finding.Finding, s *scope) bool {
	for _, n := range f.Notes {
		if n.Path != "" && s.contains(n.Path) {
			return true
		}
	}
	return false
}

// showWarning shows the path a contract's warning starts with (its declaration's file,
// relative to the project root) relative to the current directory.
func showWarning(c *contracts.Contract, msg string, pl *places) string {
	if f := c.Origin.File; f != "" && strings.HasPrefix(msg, f+":") {
		return pl.path(f) + msg[len(f):]
	}
	return msg
}

func newContractsCmd() *cobra.Command {
	var pf projectFlags
	var format string
	cmd := &cobra.Command{
		Use:   "contracts [PATH]",
		Short: "List the architecture contracts of the project at PATH, where each comes from, and whether it is kept",
		Long: `List every architecture contract of the project: those of [tool.buttress] (or buttress.toml),
and those read from tach's and import-linter's configurations. For each: its name, type, where
it is declared, and whether the code keeps it, with the number of findings when it does not.
` + "`buttress check`" + ` shows the findings themselves.

Exit code: 0 when every contract is kept, 1 when one is broken, 2 on a configuration error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, []string{"text", "json"}); err != nil {
				return err
			}
			if err := pf.validate(); err != nil {
				return err
			}
			dir := ""
			if len(args) > 0 {
				dir = args[0]
			}
			cfg, err := pf.loadConfig(cmd.ErrOrStderr(), dir)
			if err != nil {
				return err
			}
			if err := checkSourceRoots(cfg); err != nil {
				return err
			}
			cs, err := loadContracts(cfg)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if len(cs) == 0 {
				if format == "json" {
					return writeJSON(out, contractsJSON{Version: 1, Contracts: []contractJSON{}})
				}
				fmt.Fprintln(out, "No contracts: declare them in [[tool.buttress.contracts]] (see `buttress rule ARCH001`), tach.toml or .importlinter.")
				return nil
			}
			ws, pl, err := pf.loadWorkspace(cmd.ErrOrStderr(), cfg, &scope{}, workspace.Options{}, false)
			if err != nil {
				return err
			}
			results := contracts.Check(cs, workspace.ContractInput(ws), pf.threads)
			broken := 0
			doc := contractsJSON{Version: 1}
			for _, r := range results {
				c := r.Contract
				if !r.Kept() {
					broken++
				}
				var warnings []string
				for _, msg := range r.Warnings {
					warnings = append(warnings, showWarning(c, msg, pl))
				}
				doc.Contracts = append(doc.Contracts, contractJSON{
					Name: c.Name, Type: c.Spec.Type(), Tool: c.Origin.Tool, File: pl.path(c.Origin.File), File64: report.PathBase64(pl.path(c.Origin.File)), Line: c.Origin.Line,
					Kept: r.Kept(), Findings: len(r.Findings), Warnings: warnings,
				})
			}
			if format == "json" {
				if err := writeJSON(out, doc); err != nil {
					return err
				}
			} else {
				writeContractsText(out, doc.Contracts, broken)
			}
			for _, c := range doc.Contracts {
				for _, msg := range c.Warnings {
					fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", msg)
				}
			}
			if broken > 0 {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	pf.add(cmd)
	addFormatFlag(cmd, &format, "text", "output format: text or json")
	return cmd
}

type contractsJSON struct {
	Version   int            `json:"version"`
	Contracts []contractJSON `json:"contracts"`
}

type contractJSON struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Tool     string   `json:"tool"`
	File     string   `json:"file"`
	File64   string   `json:"file_base64,omitempty"`
	Line     int      `json:"line"`
	Kept     bool     `json:"kept"`
	Findings int      `json:"findings"`
	Warnings []string `json:"warnings,omitempty"`
}

func writeContractsText(w io.Writer, cs []contractJSON, broken int) {
	where := func(c contractJSON) string { return fmt.Sprintf("%s:%d (%s)", report.TextPath(c.File), c.Line, c.Tool) }
	name, typ, at := 0, 0, 0
	for _, c := range cs {
		name, typ, at = max(name, len(c.Name)), max(typ, len(c.Type)), max(at, len(where(c)))
	}
	for _, c := range cs {
		state := "kept"
		if !c.Kept {
			state = fmt.Sprintf("BROKEN (%s)", plural(c.Findings, "finding"))
		}
		fmt.Fprintf(w, "%-*s  %-*s  %-*s  %s\n", name, c.Name, typ, c.Type, at, where(c), state)
	}
	kept := len(cs) - broken
	fmt.Fprintf(w, "\n%s kept, %d broken.", plural(kept, "contract"), broken)
	if broken > 0 {
		fmt.Fprint(w, " `buttress check` shows what breaks them.")
	}
	fmt.Fprintln(w)
}

// plural counts: "1 problem", "2 problems", "3 classes".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") && !strings.HasSuffix(what, "ey") {
		return fmt.Sprintf("%d %sies", n, what[:len(what)-1])
	}
	if strings.HasSuffix(what, "s") || strings.HasSuffix(what, "x") || strings.HasSuffix(what, "ch") || strings.HasSuffix(what, "sh") {
		return fmt.Sprintf("%d %ses", n, what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}
