package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/gctune"
	"github.com/buttresspy/buttress/internal/mypyconfig"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/rules/typ"
	"github.com/buttresspy/buttress/internal/summary"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newCheckCmd() *cobra.Command {
	var pf projectFlags
	var bf baselineFlags
	var format string
	var sel, ignore, extend []string
	var since string
	var of outputFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Run the selected rules and the architecture contracts on the files at PATH (default: the current directory)",
		Long: `Run the selected rules on the files of the project, check its architecture contracts (of
[tool.buttress], tach and import-linter: ` + "`buttress contracts`" + ` lists them) on its import graph, and
report what they find. A file that does not parse is a finding too (SYN001).

One run checks one project, read whole for its import graph; only the files under the PATHs
are checked. The project (its configuration and root) is found from the directory all the
PATHs share, upward: the closest buttress.toml, or pyproject.toml with [tool.buttress].
The order of the PATHs does not matter. A PATH below a configuration of its own (a nested
buttress.toml) is still checked with the project's, with a warning: check it on its own to
use its own. A PATH outside the project is an error, whatever its position (check . ../other),
as are PATHs in no project whose shared directory is above the current one. With --config,
the project root is the current directory. A contract is checked on the whole import graph
whatever the PATHs, and its finding is shown when it, or one of the imports of its chain or
cycle, is in a file under them: a new import in a changed file that completes an indirect
chain from an unchanged one is shown. Findings about a
contract itself (ARCH009, ARCH010, at the line that declares it) are shown even when the
PATHs leave its configuration file out, as in a pre-commit hook.

Rules are selected by select, extend-select and ignore in the configuration, or --select,
--extend-select and --ignore here, by code (TYP001), prefix (TYP) or name
(untyped-parameter); per-file-ignores silence rules in some files. A finding is silenced on
its line by "# buttress: ignore[CODE]  reason". ` + "`buttress rules`" + ` lists the rules.
Declared contracts (ARCH) and syntax errors (SYN001) are reported whatever select says:
select = ["TYP"] does not turn them off. Only an ignore does (ignore = ["ARCH"], --ignore
ARCH004, per-file-ignores), and a more specific select wins over it, as for any rule.

Paths are shown relative to the current directory, in every format. The flags are Ruff's
where the concept is: --output-format (or --format), --statistics, --exit-zero, -q,
--output-file, --show-settings, --show-files, --stdin-filename, --color. Each rule's page is
in docs/rules (` + "`buttress rule CODE`" + ` names it).

Exit code: 0 when nothing is found (or with --exit-zero), 1 when something is, 2 on a usage or
configuration error, or when there is no file to check.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, report.Formats()); err != nil {
				return err
			}
			if err := pf.validate(); err != nil {
				return err
			}
			if err := bf.validate(); err != nil {
				return err
			}
			if err := of.validate(cmd, format, args); err != nil {
				return err
			}
			if of.stdinFilename != "" && bf.write != "" {
				return fmt.Errorf("--stdin-filename with --write-baseline: the baseline records the files on disk; write it without --stdin-filename")
			}
			stderr := cmd.ErrOrStderr()
			if of.quiet {
				stderr = io.Discard // warnings; errors still end the run with a message
			}
			if of.stdinFilename != "" {
				args = []string{of.stdinFilename}
			}
			cfg, scope, err := pf.loadConfigFor(stderr, args)
			if err != nil {
				return err
			}
			var overlay map[string]string
			if of.stdinFilename != "" {
				if overlay, err = readStdin(cmd, of.stdinFilename, scope); err != nil {
					return err
				}
			}
			gate, err := newSinceGate(since, cfg.Root)
			if err != nil {
				return err
			}
			setup, err := newCheckSetup(stderr, cfg, selectFlags{sel, extend, ignore, cmd.Flags().Changed("select")})
			if err != nil {
				return err
			}
			if of.showSettings {
				return showSettings(cmd.OutOrStdout(), cfg, setup.selection, setup.configured, setup.on, setup.contracts)
			}
			if of.showFiles {
				return showFiles(cmd.OutOrStdout(), cfg, scope)
			}
			opts := setup.workspaceOptions()
			opts.Progress, opts.Sized, opts.Overlay = progress(stderr), checkHeap, overlay
			// Only the contracts and the dead-code rules read the import graph: without them
			// its edges are not made unless something asks (a warm run of the bench project,
			// 4,628 files: a sixth fewer instructions, a fifth fewer page faults).
			opts.DeferGraph = len(setup.contracts) == 0 && !usageOn(setup.configured)
			// The cache is written while the findings are gathered and shown.
			opts.WriteBehind = true
			ws, pl, err := pf.loadWorkspace(stderr, cfg, scope, opts, true)
			if errors.Is(err, errAllExcluded) {
				fmt.Fprintf(stderr, "warning: %v\n", err)
				return nil
			}
			if err != nil {
				return err
			}
			defer func() { showCacheNotices(stderr, ws.Finish()) }()
			pl.overlay = overlay
			fs, infos := setup.findings(stderr, ws, scope, pl, pf.threads)
			if bf.write != "" {
				// Every finding, whatever --since says: the baseline is the whole picture.
				return writeBaseline(stderr, cfg, scope, fs, bf.write, ws)
			}
			fs, hidden, err := applyBaseline(cfg, scope, fs, bf.skip, overlay, ws)
			if err != nil {
				return err
			}
			fs = gate.keep(stderr, fs)
			err = of.write(cmd.OutOrStdout(), func(w io.Writer) error {
				return renderFindings(w, format, fs, infos, ws, renderOptions{baseline: hidden, quiet: of.quiet, statistics: of.statistics, overlay: overlay})
			})
			if err != nil {
				return err
			}
			if len(fs) > 0 && !of.exitZero {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	pf.add(cmd)
	bf.add(cmd, "every problem found")
	addFormatFlag(cmd, &format, "text", "output format: "+strings.Join(report.Formats(), ", "))
	of.add(cmd)
	cmd.Flags().StringSliceVar(&sel, "select", nil, "rules to run instead of the configured selection (codes, prefixes or names); declared contracts are checked whatever it says")
	cmd.Flags().StringSliceVar(&extend, "extend-select", nil, "rules to run in addition")
	cmd.Flags().StringSliceVar(&ignore, "ignore", nil, "rules not to run (ARCH, or ARCH001 and so on, turns contract checks off)")
	cmd.Flags().BoolVar(&pf.forceExclude, "force-exclude", false, "leave out the PATHs the configuration or .gitignore excludes, or that are not Python, without a warning, and exit 0 when every one is (for a pre-commit hook, which names every changed file)")
	cmd.Flags().StringVar(&since, "since", "", "report only the findings on lines added or changed since the merge-base of this git ref and HEAD, uncommitted and untracked files included, and contract findings with a new import (a shallow clone needs the history back to that merge-base: fetch-depth: 0)")
	return cmd
}

// checkHeap sets the collector's floor (gctune) once the number of files is known
// (workspace.Options.Sized): 64 MiB and 6 KiB a file, up to checkHeapMax.
// check allocates about 6 KB a file whatever the project's size (729 MB on the 123,600 files
// of 8 copies of the 3.11 site-packages, 111 MB on one copy's 15,450) and keeps half of it.
// Under the fixed 64 MiB floor of main.go the collections came at 60, 97, 225 and 440 MB on
// the 8 copies, each marking all that was kept so far: 4 collections and 275 ms of
// collector CPU there (34 ms a copy), 1 and 15 ms on one copy, besides what a running
// collection costs the parsers (write barriers, assists). With this floor one copy makes no
// collection, and 8 only the one of the walk, whose garbage fills the first 57 MB (11 ms);
// peak RSS 111 -> 130 MB and 523 -> 709 MB.
func checkHeap(files int) {
	gctune.SetFloor(min(64<<20+uint64(files)*6<<10, checkHeapMax))
}

// checkHeapMax is the largest floor checkHeap sets: below the soft memory limit of main.go
// (1 GiB), with room for what is not heap.
const checkHeapMax = 768 << 20

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

// syntaxFindings turns the syntax errors of the files in scope into findings (SYN001), but
// where per-file-ignores silence them. A finding spans the character the error is at (the
// parser gives no end; an end before the start would mislead a reader of the JSON); a file
// with a null byte, which CPython's compile() reports without a line, has its finding at the
// first null byte, the line python reports when it runs the file.
func syntaxFindings(ws *workspace.Workspace, s *scope, sel analysis.Selection, pl *places) []finding.Finding {
	r := analysis.SyntaxRule
	var fs []finding.Finding
	for _, p := range ws.Problems {
		if p.Kind == "syntax" && s.contains(p.Path) && !sel.IgnoredIn(p.Path, r.Code, r.Name) {
			line, col := p.Line, 0
			if line > 0 {
				col = pl.col(p.Path, p.Line, p.Col+1)
			} else if strings.Contains(p.Msg, "null bytes") {
				line, col = pl.nulAt(p.Path)
			}
			fd := finding.Finding{Code: r.Code, Rule: r.Name, Path: p.Path, Line: line, Col: col, Message: p.Msg}
			if line > 0 {
				fd.EndLine, fd.EndCol = line, col+1
			}
			fs = append(fs, fd)
		}
	}
	return fs
}

// loadConfig finds the configuration for dir (or --config); its warnings go to w.
func (f *projectFlags) loadConfig(w io.Writer, dir string) (*config.Config, error) {
	cfg, err := f.findConfig(dir)
	if err != nil {
		return nil, err
	}
	for _, warning := range cfg.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warning)
	}
	return cfg, nil
}

func (f *projectFlags) findConfig(dir string) (*config.Config, error) {
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

// renderOptions are how check renders its findings, beyond the format.
type renderOptions struct {
	baseline   *report.BaselineSummary // what the baseline hid
	quiet      bool                    // --quiet: the findings alone
	statistics bool                    // --statistics: the count per rule instead
	overlay    map[string]string       // files read from standard input, by path
}

// renderFindings writes findings in a format, with code frames read from the project, and
// paths relative to the current directory (for gitlab, to CI_PROJECT_DIR when it is set:
// GitLab reads them from the repository root).
func renderFindings(w io.Writer, format string, fs []finding.Finding, infos []finding.Rule, ws *workspace.Workspace, ro renderOptions) error {
	root := ws.Project.Root
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "" // paths relative to the project root
	}
	if dir := os.Getenv("CI_PROJECT_DIR"); format == report.FormatGitLab && filepath.IsAbs(dir) {
		cwd = dir
	}
	o := report.Options{
		Cwd:   cwd,
		Color: colorOutput(w),
		Source: func(path string) (string, bool) {
			if src, ok := ro.overlay[path]; ok {
				return src, true
			}
			src, err := summary.ReadSource(filepath.Join(root, filepath.FromSlash(path)), 0)
			return src, err == nil
		},
		Line:        excerptLines(ws),
		Rules:       infos,
		Root:        root,
		ToolVersion: Version,
		Baseline:    ro.baseline,
		Quiet:       ro.quiet,
	}
	if ro.statistics {
		return report.WriteStatistics(w, format, fs, o)
	}
	return report.Write(w, format, fs, o)
}

// excerpts returns the excerpts of the files' summaries (summary.Excerpt), by path: the
// lines of their findings' frames, which a run from the cache then shows, and keys the
// baseline's entries with, without reading the files again.
func excerpts(ws *workspace.Workspace) map[string]*summary.Excerpt {
	m := map[string]*summary.Excerpt{}
	if ws != nil {
		for _, f := range ws.Files {
			if f.Excerpt != nil {
				m[f.Rel] = f.Excerpt
			}
		}
	}
	return m
}

// excerptLines returns the report's Line, from the excerpts.
func excerptLines(ws *workspace.Workspace) func(path string, n int) (string, bool, bool) {
	xs := excerpts(ws)
	return func(path string, n int) (string, bool, bool) { return xs[path].Line(n) }
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

// holdToMypy gives the TYP rules the project's mypy configuration (see typ.HoldToMypy). A mypy
// configuration that cannot be read is a warning: mypy's business, not a reason to stop.
func holdToMypy(w io.Writer, cfg *config.Config, configured []analysis.Configured) {
	m, err := mypyconfig.Load(cfg.Root)
	var bad *mypyconfig.Error
	if errors.As(err, &bad) {
		fmt.Fprintf(w, "warning: %s: %s: the TYP rules go on without it\n", newPlaces(cfg.Root).text(bad.File), bad.Msg)
		return
	}
	if m != nil {
		typ.HoldToMypy(configured, analysis.ModulePredicate{Func: m.RequiresAnnotations, ID: m.Fingerprint()})
	}
}
