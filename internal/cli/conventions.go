package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/baseline"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/project"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/rules"
)

// addFormatFlag adds --output-format, Ruff's name for the output format, and --format, the
// name buttress had first, as a hidden alias of it.
func addFormatFlag(cmd *cobra.Command, p *string, def, usage string) {
	cmd.Flags().StringVar(p, "output-format", def, usage+" (--format is another name for it)")
	cmd.Flags().StringVar(p, "format", def, usage)
	_ = cmd.Flags().MarkHidden("format")
}

// formatFlagName is the name the output format was given by: --format or --output-format.
func formatFlagName(cmd *cobra.Command) string {
	if cmd.Flags().Changed("format") {
		return "--format"
	}
	return "--output-format"
}

// checkFormat checks the output format against the valid ones.
func checkFormat(cmd *cobra.Command, format string, valid []string) error {
	if cmd.Flags().Changed("format") && cmd.Flags().Changed("output-format") {
		return fmt.Errorf("--format and --output-format are two names for the same flag: give one")
	}
	if !slices.Contains(valid, format) {
		return fmt.Errorf("%s %q: unknown output format (valid: %s)", formatFlagName(cmd), format, strings.Join(valid, ", "))
	}
	return nil
}

// Colour modes of --color.
const (
	colorAuto   = "auto"
	colorAlways = "always"
	colorNever  = "never"
)

// colorFlag is the value of --color: auto, always or never.
type colorFlag string

func (c *colorFlag) String() string { return string(*c) }
func (c *colorFlag) Type() string   { return "when" }
func (c *colorFlag) Set(s string) error {
	switch s {
	case colorAuto, colorAlways, colorNever:
		*c = colorFlag(s)
		return nil
	}
	return fmt.Errorf("give auto (colour on a terminal), always or never")
}

// colorMode is --color of the running command.
var colorMode = colorFlag(colorAuto)

// colorOutput reports whether to write colour to w, as Ruff decides: --color always or never
// when given; else a FORCE_COLOR that is not empty turns colour on (in CI logs, through a
// pipe), else a NO_COLOR that is not empty, or TERM=dumb, turns it off; else colour is on when
// w is a terminal.
func colorOutput(w io.Writer) bool {
	switch colorMode {
	case colorAlways:
		return true
	case colorNever:
		return false
	}
	if os.Getenv("FORCE_COLOR") != "" {
		return true
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := fileOf(w)
	return ok && term.IsTerminal(int(f.Fd())) // a character device is not enough: /dev/null is one
}

// outputFlags are check's flags of what it writes, and where, named as Ruff's.
type outputFlags struct {
	statistics, exitZero, quiet bool
	showSettings, showFiles     bool
	outputFile, stdinFilename   string
}

func (f *outputFlags) add(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.statistics, "statistics", false, "show the number of findings of each rule instead of the findings (text, concise or json)")
	cmd.Flags().BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when something is found (errors still exit 2)")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "show the findings and nothing else: no summary, no total, no warnings")
	cmd.Flags().StringVar(&f.outputFile, "output-file", "", "write the report to this file instead of standard output")
	cmd.Flags().BoolVar(&f.showSettings, "show-settings", false, "show the settings the check would run with (configuration, rules and their options) and stop")
	cmd.Flags().BoolVar(&f.showFiles, "show-files", false, "list the files the check would check and stop")
	cmd.Flags().StringVar(&f.stdinFilename, "stdin-filename", "", "check standard input as the contents of this file of the project (its per-file-ignores, module name, imports and contracts apply); no PATH then")
}

// validate checks the flags before anything is read.
func (f *outputFlags) validate(cmd *cobra.Command, format string, args []string) error {
	if f.statistics && !slices.Contains(report.StatisticsFormats(), format) {
		return fmt.Errorf("--statistics with %s %s: the statistics come in %s", formatFlagName(cmd), format, strings.Join(report.StatisticsFormats(), ", "))
	}
	if f.showSettings && f.showFiles {
		return fmt.Errorf("--show-settings and --show-files: give one")
	}
	if cmd.Flags().Changed("output-file") && f.outputFile == "" {
		return fmt.Errorf("--output-file: the file name is empty: give the file to write, or leave the flag out to write to standard output")
	}
	if cmd.Flags().Changed("stdin-filename") {
		if f.stdinFilename == "" {
			return fmt.Errorf("--stdin-filename: the file name is empty: give the path of the file that standard input holds")
		}
		if len(args) > 0 && !(len(args) == 1 && args[0] == "-") {
			return fmt.Errorf("--stdin-filename checks standard input alone: leave out the PATHs (%s)", strings.Join(args, " "))
		}
		fi, err := os.Stat(f.stdinFilename)
		switch {
		case os.IsNotExist(err):
			return fmt.Errorf("--stdin-filename %s: no such file: standard input is checked in place of a file of the project, which must exist (where it is gives its module name and the settings that apply)", report.TextPath(f.stdinFilename))
		case err == nil && fi.IsDir():
			return fmt.Errorf("--stdin-filename %s is a directory: give the path of the file that standard input holds", report.TextPath(f.stdinFilename))
		}
	} else if len(args) == 1 && args[0] == "-" {
		return fmt.Errorf("PATH -: reading standard input needs --stdin-filename, the path of the file it holds (its module name and the settings that apply come from where it is)")
	}
	return nil
}

// write runs render on standard output, or on the --output-file, which it creates with the
// directories above it.
func (f *outputFlags) write(stdout io.Writer, render func(io.Writer) error) error {
	if f.outputFile == "" {
		return render(stdout)
	}
	name := report.TextPath(f.outputFile)
	if dir := filepath.Dir(f.outputFile); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("--output-file %s: %v", name, unwrapPath(err))
		}
	}
	out, err := os.Create(f.outputFile)
	if err != nil {
		return fmt.Errorf("--output-file %s: %v", name, unwrapPath(err))
	}
	err = render(out)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("--output-file %s: cannot write: %v: the report is incomplete", name, unwrapPath(err))
	}
	return nil
}

// unwrapPath is the cause of a file error, without the path the message names already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readStdin reads standard input as the contents of the file --stdin-filename names (the
// scope's one path), for workspace.Options.Overlay.
func readStdin(cmd *cobra.Command, name string, s *scope) (map[string]string, error) {
	if len(s.paths) != 1 || s.paths[0].dir {
		return nil, fmt.Errorf("--stdin-filename %s: give the path of a file of the project", report.TextPath(name))
	}
	b, err := io.ReadAll(cmd.InOrStdin())
	if err != nil {
		return nil, fmt.Errorf("--stdin-filename %s: cannot read standard input: %v", report.TextPath(name), err)
	}
	return map[string]string{s.paths[0].rel: string(b)}, nil
}

// shownSettings are the settings --show-settings shows, as TOML keys of [tool.buttress].
type shownSettings struct {
	SourceRoots      []string            `toml:"source-roots"`
	Exclude          []string            `toml:"exclude"`
	ExtendExclude    []string            `toml:"extend-exclude"`
	RespectGitignore bool                `toml:"respect-gitignore"`
	TargetVersion    string              `toml:"target-version"`
	CacheDir         string              `toml:"cache-dir"`
	MaxFileSize      string              `toml:"max-file-size"`
	Baseline         string              `toml:"baseline"`
	Library          bool                `toml:"library"`
	Select           []string            `toml:"select"`
	ExtendSelect     []string            `toml:"extend-select"`
	Ignore           []string            `toml:"ignore"`
	PerFileIgnores   map[string][]string `toml:"per-file-ignores"`
	Tests            config.ScopeConfig  `toml:"tests"`
	Migrations       config.ScopeConfig  `toml:"migrations"`
	Vendored         config.ScopeConfig  `toml:"vendored"`
	Generated        config.ScopeConfig  `toml:"generated"`
	Rules            map[string]any      `toml:"rules"`
}

// showSettings writes the settings check runs with (Ruff's --show-settings): where they come
// from, the configuration with every default filled in, in TOML as [tool.buttress] takes it,
// the rules that run with the options of those that have some, and the number of contracts.
func showSettings(w io.Writer, cfg *config.Config, sel analysis.Selection, configured []analysis.Configured, on map[string]bool, cs []contracts.Contract) error {
	pl := newPlaces(cfg.Root)
	from := "no configuration file: the defaults"
	if cfg.File != "" {
		from = pl.text(cfg.File)
	}
	fmt.Fprintf(w, "# Project root: %s\n# Settings from: %s\n", report.TextPath(showAbs(cfg.Root)), from)
	s := shownSettings{
		SourceRoots: cfg.SourceRoots, Exclude: cfg.Exclude, ExtendExclude: cfg.ExtendExclude,
		RespectGitignore: cfg.RespectGitignore, TargetVersion: cfg.TargetVersion, CacheDir: cfg.CacheDir,
		MaxFileSize: cfg.MaxFileSize.String(), Baseline: cfg.Baseline, Library: cfg.Library,
		Select: cfg.Select, ExtendSelect: cfg.ExtendSelect, Ignore: cfg.Ignore, PerFileIgnores: cfg.PerFileIgnores,
		Rules: map[string]any{},
	}
	for _, sc := range sel.Scopes {
		c := config.ScopeConfig{Files: sc.Files, Ignore: sc.Ignore}
		if c.Files == nil {
			c.Files = []string{}
		}
		if !sc.IgnoreSet {
			// Each rule's own scopes: the rules that do not run there by default.
			c.Ignore = []string{}
			for _, r := range rules.All() {
				if slices.Contains(r.NotIn, sc.Name) {
					c.Ignore = append(c.Ignore, r.Code)
				}
			}
		}
		switch sc.Name {
		case analysis.ScopeTests:
			s.Tests = c
		case analysis.ScopeMigrations:
			s.Migrations = c
		case analysis.ScopeVendored:
			s.Vendored = c
		case analysis.ScopeGenerated:
			s.Generated = c
		}
	}
	if len(s.SourceRoots) == 0 {
		// The default: the root, and src when it is a directory (package project).
		s.SourceRoots = []string{"."}
		if fi, err := os.Stat(filepath.Join(cfg.Root, "src")); err == nil && fi.IsDir() {
			s.SourceRoots = append(s.SourceRoots, "src")
		}
	}
	if s.CacheDir == "" {
		s.CacheDir = ".buttress_cache"
	}
	if s.Baseline == "" {
		s.Baseline = baseline.FileName
	}
	var codes []string
	for _, r := range configured {
		codes = append(codes, r.Code)
		if r.Options != nil {
			s.Rules[r.Name] = r.Options
		}
	}
	// The contracts' rules (when there are contracts) and syntax errors, on whatever select
	// says (reportedRulesOn).
	for code := range on {
		if !slices.Contains(codes, code) && (code == analysis.SyntaxRule.Code || len(cs) > 0) {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	b, err := toml.Marshal(s)
	if err != nil {
		return err
	}
	w.Write(b)
	fmt.Fprintf(w, "\n# Rules that run (%d): %s\n", len(codes), strings.Join(codes, " "))
	fmt.Fprintf(w, "# Contracts: %d (`buttress contracts` lists them)\n", len(cs))
	return nil
}

// showFiles lists the files check would check, sorted, as paths from the current directory
// (Ruff's --show-files).
func showFiles(w io.Writer, cfg *config.Config, s *scope) error {
	if err := checkSourceRoots(cfg); err != nil {
		return err
	}
	proj, err := project.Discover(cfg)
	if err != nil {
		return err
	}
	pl := newPlaces(cfg.Root)
	var files []string
	for _, f := range proj.Files {
		if s.contains(f.Rel) {
			files = append(files, pl.text(f.Rel))
		}
	}
	if len(files) == 0 {
		return fmt.Errorf("no Python file to check")
	}
	slices.Sort(files)
	for _, f := range files {
		fmt.Fprintln(w, f)
	}
	return nil
}
