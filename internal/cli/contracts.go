package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/contracts/importlinter"
	"github.com/buttresspy/buttress/internal/contracts/tach"
	"github.com/buttresspy/buttress/internal/finding"
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
		return nil, err
	}
	if tc != nil {
		cs = append(cs, tc.Contracts...)
		// tach names modules from its source roots: use them unless buttress has its own.
		if !cfg.IsSet("source-roots") && len(tc.SourceRoots) > 0 {
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
		return nil, err
	}
	if il != nil {
		cs = append(cs, il.Contracts...)
		if !cfg.IsSet("source-roots") && (tc == nil || len(tc.SourceRoots) == 0) && len(il.SourceRoots) > 0 {
			cfg.SourceRoots = il.SourceRoots
		}
	}
	return cs, nil
}

// contractFindings checks the contracts on the loaded project and returns the findings that
// the selection keeps, inside the scope; warnings go to w.
func contractFindings(w io.Writer, cs []contracts.Contract, ws *workspace.Workspace, configured []analysis.Configured, sel analysis.Selection, s *scope, workers int) []finding.Finding {
	on := map[string]bool{}
	for _, r := range configured {
		if r.Project {
			on[r.Code] = true
		}
	}
	if len(cs) == 0 || len(on) == 0 {
		return nil
	}
	var out []finding.Finding
	for _, r := range contracts.Check(cs, workspace.ContractInput(ws), workers) {
		for _, f := range r.Findings {
			if on[f.Code] && s.contains(f.Path) && !sel.IgnoredIn(f.Path, f.Code, f.Rule) {
				out = append(out, f)
			}
		}
		for _, msg := range r.Warnings {
			fmt.Fprintf(w, "warning: %s\n", msg)
		}
	}
	return out
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
			if format != "text" && format != "json" {
				return fmt.Errorf("--format %q: use text or json", format)
			}
			dir := ""
			if len(args) > 0 {
				dir = args[0]
			}
			cfg, err := pf.loadConfig(dir)
			if err != nil {
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
			ws, err := workspace.Load(cfg, workspace.Options{Workers: pf.threads})
			if err != nil {
				return err
			}
			reportProblems(cmd.ErrOrStderr(), ws, nil)
			results := contracts.Check(cs, workspace.ContractInput(ws), pf.threads)
			broken := 0
			doc := contractsJSON{Version: 1}
			for _, r := range results {
				c := r.Contract
				if !r.Kept() {
					broken++
				}
				doc.Contracts = append(doc.Contracts, contractJSON{
					Name: c.Name, Type: c.Spec.Type(), Tool: c.Origin.Tool, File: c.Origin.File, Line: c.Origin.Line,
					Kept: r.Kept(), Findings: len(r.Findings), Warnings: r.Warnings,
				})
			}
			if format == "json" {
				if err := writeJSON(out, doc); err != nil {
					return err
				}
			} else {
				writeContractsText(out, doc.Contracts, broken)
			}
			for _, r := range results {
				for _, msg := range r.Warnings {
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
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
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
	Line     int      `json:"line"`
	Kept     bool     `json:"kept"`
	Findings int      `json:"findings"`
	Warnings []string `json:"warnings,omitempty"`
}

func writeContractsText(w io.Writer, cs []contractJSON, broken int) {
	where := func(c contractJSON) string { return fmt.Sprintf("%s:%d (%s)", c.File, c.Line, c.Tool) }
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

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
