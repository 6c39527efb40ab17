package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newCheckCmd() *cobra.Command {
	var pf projectFlags
	var format string
	var sel, ignore, extend []string
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Run the selected rules and the architecture contracts on the files at PATH (default: the current directory)",
		Long: `Run the selected rules on the files of the project, check its architecture contracts (of
[tool.buttress], tach and import-linter: ` + "`buttress contracts`" + ` lists them) on its import graph, and
report what they find. A file that does not parse is a finding too (SYN001).

The project (its configuration and root) is found from the first PATH, upward; every PATH
must be inside it, and only the files under them are checked. The whole project is still
read, for its import graph.

Rules are selected by select, extend-select and ignore in the configuration, or --select,
--extend-select and --ignore here, by code (TYP001), prefix (TYP) or name
(untyped-parameter); per-file-ignores silence rules in some files. A finding is silenced on
its line by "# buttress: ignore[CODE]  reason". ` + "`buttress rules`" + ` lists the rules.

Exit code: 0 when nothing is found, 1 when something is, 2 on a usage or configuration error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(report.Formats(), format) {
				return fmt.Errorf("unknown output format %q (valid: %s)", format, strings.Join(report.Formats(), ", "))
			}
			cfg, scope, err := pf.loadConfigFor(args)
			if err != nil {
				return err
			}
			selection := configSelection(cfg)
			if cmd.Flags().Changed("select") {
				selection.Select = sel
			}
			selection.ExtendSelect = append(selection.ExtendSelect, extend...)
			selection.Ignore = append(selection.Ignore, ignore...)
			configured, err := analysis.Configure(selection, rules.All(), ruleOptions{cfg})
			if err != nil {
				return err
			}
			selection.ResolveScopes(rules.All())
			cs, err := loadContracts(cfg)
			if err != nil {
				return err
			}
			ws, err := workspace.Load(cfg, workspace.Options{Workers: pf.threads, Rules: configured, Ignored: selection.IgnoredIn, IgnoredGenerated: selection.IgnoredInGenerated, Only: scope.only(), Progress: progress(cmd.ErrOrStderr())})
			if err != nil {
				return err
			}
			// Syntax errors in the files checked are findings (the rules could not see all of
			// those files); other problems are shown on stderr.
			reportProblems(cmd.ErrOrStderr(), ws, func(p workspace.Problem) bool { return p.Kind != "syntax" && scope.problems(p) })
			scope.warnUnmatched(cmd.ErrOrStderr(), ws)
			fs := syntaxFindings(ws, scope)
			unparsed := len(fs) > 0
			for _, f := range ws.Files {
				for _, fd := range f.Findings {
					if !selection.IgnoredIn(fd.Path, fd.Code, fd.Rule) {
						fs = append(fs, fd)
					}
				}
			}
			fs = append(fs, contractFindings(cmd.ErrOrStderr(), cs, ws, configured, selection, scope, pf.threads)...)
			fs = append(fs, unusedSuppressions(ws, configured, selection, scope)...)
			finding.Sort(fs)
			var infos []finding.Rule
			for _, r := range configured {
				infos = append(infos, r.Info())
			}
			if unparsed {
				infos = append(infos, syntaxError)
			}
			if err := renderFindings(cmd.OutOrStdout(), format, fs, infos, ws); err != nil {
				return err
			}
			if len(fs) > 0 {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	pf.add(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	cmd.Flags().StringSliceVar(&sel, "select", nil, "rules to run instead of the configured selection (codes, prefixes or names)")
	cmd.Flags().StringSliceVar(&extend, "extend-select", nil, "rules to run in addition")
	cmd.Flags().StringSliceVar(&ignore, "ignore", nil, "rules not to run")
	return cmd
}

// configSelection is the rule selection of a configuration, with its scopes.
func configSelection(cfg *config.Config) analysis.Selection {
	s := analysis.Selection{
		Select: cfg.Select, ExtendSelect: cfg.ExtendSelect, Ignore: cfg.Ignore,
		PerFileIgnores: cfg.PerFileIgnores, Scopes: analysis.DefaultScopes(),
	}
	for i := range s.Scopes {
		sc := &s.Scopes[i]
		c, key := cfg.Tests, analysis.ScopeTests
		switch sc.Name {
		case analysis.ScopeMigrations:
			c, key = cfg.Migrations, analysis.ScopeMigrations
		case analysis.ScopeVendored:
			c, key = cfg.Vendored, analysis.ScopeVendored
		case analysis.ScopeGenerated:
			c, key = cfg.Generated, analysis.ScopeGenerated
		}
		if cfg.IsSet(key + ".files") {
			sc.Files = c.Files
		}
		if cfg.IsSet(key + ".ignore") {
			sc.Ignore, sc.IgnoreSet = c.Ignore, true
		}
	}
	return s
}

// unusedSuppressions reports the suppression comments of the files in scope that silenced
// nothing in the whole run (SUP001), and the malformed ones (SUP002).
func unusedSuppressions(ws *workspace.Workspace, configured []analysis.Configured, sel analysis.Selection, s *scope) []finding.Finding {
	set := analysis.NewRuleSet(configured)
	var out []finding.Finding
	for _, f := range ws.Files {
		if f.Suppressions == nil || !s.contains(f.Rel) {
			continue
		}
		for _, fd := range f.Suppressions.Report(set) {
			if !sel.IgnoredIn(fd.Path, fd.Code, fd.Rule) {
				out = append(out, fd)
			}
		}
	}
	return out
}

// syntaxError describes the findings made of syntax errors, which no selection turns off.
var syntaxError = finding.Rule{
	Code: "SYN001", Name: "syntax-error", Family: "SYN",
	Summary:  "The file does not parse",
	HelpText: "Python would refuse this file. The rules ran on what could be parsed around the error; fix the syntax for a complete check.",
}

// syntaxFindings turns the syntax errors of the files in scope into findings.
func syntaxFindings(ws *workspace.Workspace, s *scope) []finding.Finding {
	var fs []finding.Finding
	for _, p := range ws.Problems {
		if p.Kind == "syntax" && s.contains(p.Path) {
			fs = append(fs, finding.Finding{
				Code: syntaxError.Code, Rule: syntaxError.Name, Path: p.Path, Line: p.Line, Col: p.Col + 1,
				Message: p.Msg,
			})
		}
	}
	return fs
}

// config finds the configuration for dir (or --config).
func (f *projectFlags) loadConfig(dir string) (*config.Config, error) {
	if f.config != "" {
		return config.Load(f.config)
	}
	if dir == "" {
		dir = "."
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory: give the project's directory", dir)
	}
	return config.Discover(dir)
}

// renderFindings writes findings in a format, with code frames read from the project.
func renderFindings(w io.Writer, format string, fs []finding.Finding, infos []finding.Rule, ws *workspace.Workspace) error {
	root := ws.Project.Root
	return report.Write(w, format, fs, report.Options{
		Color: colorOutput(w),
		Source: func(path string) (string, bool) {
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
			return string(b), err == nil
		},
		Rules:       infos,
		Root:        root,
		ToolVersion: Version,
	})
}

// colorOutput reports whether w is a terminal that wants colour (NO_COLOR unset).
func colorOutput(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ruleOptions reads per-rule options from [tool.buttress.rules.<name>].
type ruleOptions struct{ cfg *config.Config }

func (o ruleOptions) Tables() ([]string, error)          { return o.cfg.Keys("rules") }
func (o ruleOptions) Decode(name string, into any) error { return o.cfg.Decode("rules."+name, into) }
func (o ruleOptions) Errorf(name string, format string, args ...any) error {
	return o.cfg.Errorf("rules."+name, format, args...)
}
func (o ruleOptions) Suggest(name string, candidates []string) string {
	return config.Suggest(name, candidates)
}
