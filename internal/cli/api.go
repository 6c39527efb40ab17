package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/api"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/gitrepo"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/rules/apirule"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newAPICmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "api",
		Short: "The public API of the project's packages: snapshot it, and find breaking changes against a git ref",
		Long: `The public API of the packages the project distributes, read from source without importing
anything: every public module, class, function, method, property, attribute and data-class
field, under the path users import it from (pkg.Client, also when it is defined in
pkg/_client.py and re-exported), with parameters, annotations (compared as types), defaults,
contract-changing decorators and base classes.

The packages are those of pyproject.toml's build configuration (setuptools, hatch, flit,
poetry, PDM, maturin), else the top-level packages that are not tests, docs, examples or
scripts; [tool.buttress.api] packages overrides, and exclude leaves modules out:

  [tool.buttress.api]
  packages = ["mypkg"]
  exclude = ["mypkg.testing"]
  allow = [{symbol = "mypkg.old_fn", reason = "deprecated since 2.1, removed in 3.0"}]

See docs/api.md.`,
	}
	cmd.AddCommand(newAPISnapshotCmd(), newAPIDiffCmd())
	return cmd
}

func newAPISnapshotCmd() *cobra.Command {
	var pf projectFlags
	var format, out, ref string
	cmd := &cobra.Command{
		Use:   "snapshot [PATH]",
		Short: "Write the public API of the project's packages",
		Long: `Write the public API of the project's packages (the project found from PATH, default the
current directory), as JSON (a snapshot file, which api diff --against reads) or as text (one
declaration a line, for a reader or a diff tool).

  buttress api snapshot --format json -o api.json
  buttress api snapshot --ref v1.0 --format text

--ref reads the version of a git ref instead of the working tree. Exit code: 0, or 2 on a
usage, configuration or git error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, []string{"text", "json"}); err != nil {
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
			a, _, err := loadAPI(cfg, ref, "--ref")
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			var buf bytes.Buffer
			if format == "json" {
				err = a.WriteJSON(&buf)
			} else {
				err = a.WriteText(&buf)
			}
			if err != nil {
				return err
			}
			if out != "" {
				return os.WriteFile(out, buf.Bytes(), 0o644)
			}
			_, err = w.Write(buf.Bytes())
			return err
		},
	}
	addFormatFlag(cmd, &format, "text", "output format: text or json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&ref, "ref", "", "read the version of this git ref (branch, tag, commit) instead of the working tree")
	cmd.Flags().Var((*fileName)(&pf.config), "config", "read this configuration file instead of searching for pyproject.toml or buttress.toml")
	return cmd
}

// apiFormats are api diff's output formats.
var apiFormats = append(report.Formats(), "markdown")

func newAPIDiffCmd() *cobra.Command {
	var pf projectFlags
	var format, against, base string
	cmd := &cobra.Command{
		Use:   "diff --against REF [--base REF] [PATH]",
		Short: "Report the changes to the public API that break its users",
		Long: `Compare the public API of the project's packages with that of an older version, and report
what breaks code written against it: objects removed (or made private, or dropped from
__all__), kinds changed, parameters removed, renamed, moved, made keyword-only or
positional-only, made required or added without a default, defaults changed, *args or
**kwargs removed, annotations of parameters changed or narrowed, of returns changed or
widened, of attributes and fields changed, required fields added to data classes, fields
and enum members removed, base classes removed, classes made final.

Each finding says whether it breaks callers for certain (a call that worked now fails) or
possibly (a typed caller may now fail), and the summary suggests the version bump: major
for a break, minor for additions, patch otherwise. Moving a definition into a private module
and re-exporting it, reordering keyword-only parameters, appending an optional parameter
and reformatting an annotation are not changes.

REF is a branch, tag or commit, read straight from git's objects (no checkout), or a
snapshot file written by api snapshot --format json. The new version is the working tree,
or --base (a ref or a snapshot file).

  buttress api diff --against v1.4.0
  buttress api diff --against origin/main --base HEAD --format github
  buttress api diff --against api.json --format markdown >> CHANGELOG.md

Breaks a team has decided on go in [tool.buttress.api] allow, each with its symbol and a
reason; a symbol allows the changes reported on it and on its parameters ("pkg.f" allows
"pkg.f(x)"), and "pkg.old.*" everything below pkg.old.

Formats: those of check (text, concise, json, json-lines, sarif, github, gitlab, junit) and
markdown (a changelog section). Every finding carries its symbol, and says in its message
whether it is a certain or a possible break; json adds certainty to each finding and the
suggested bump to the summary.

Exit code: 0 when nothing breaks, 1 when something does, 2 on a usage, configuration or git
error (a REF that names no commit is one).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, apiFormats); err != nil {
				return err
			}
			if against == "" {
				return fmt.Errorf("--against is required: the git ref (or snapshot file) of the version to compare with, such as --against v1.0 or --against origin/main")
			}
			dir := ""
			if len(args) > 0 {
				dir = args[0]
			}
			stderr := cmd.ErrOrStderr()
			cfg, err := pf.loadConfig(stderr, dir)
			if err != nil {
				return err
			}
			old, oldName, err := loadAPI(cfg, against, "--against")
			if err != nil {
				return err
			}
			cur, curName, err := loadAPI(cfg, base, "--base")
			if err != nil {
				return err
			}
			res := api.Diff(old, cur)
			changes, unused := applyAllow(res.Changes, cfg.API.Allow)
			for _, i := range unused {
				a := cfg.API.Allow[i]
				e := cfg.Errorf(fmt.Sprintf("api.allow[%d].symbol", i), "allow entry %q matched no break: remove it once the release is out", a.Symbol)
				fmt.Fprintf(stderr, "warning: %v\n", e)
			}
			res.Changes = changes
			if err := writeAPIDiff(cmd.OutOrStdout(), stderr, format, res, cfg, base == "", oldName, curName); err != nil {
				return err
			}
			if len(res.Changes) > 0 {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	addFormatFlag(cmd, &format, "text", "output format: "+strings.Join(apiFormats, ", "))
	cmd.Flags().StringVar(&against, "against", "", "the old version: a git ref (branch, tag, commit) or a snapshot file (required)")
	cmd.Flags().StringVar(&base, "base", "", "the new version: a git ref or a snapshot file (default: the working tree)")
	cmd.Flags().Var((*fileName)(&pf.config), "config", "read this configuration file instead of searching for pyproject.toml or buttress.toml")
	return cmd
}

// loadAPI reads the API of the working tree (ref ""), of a snapshot file, or of a git ref,
// and says which it read.
func loadAPI(cfg *config.Config, ref, flag string) (*api.API, string, error) {
	opts := api.Options{Packages: cfg.API.Packages, Exclude: cfg.API.Exclude}
	if ref == "" {
		a, err := api.Load(api.DirTree{Root: cfg.Root}, opts)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", showAbs(cfg.Root), err)
		}
		return a, "the working tree", nil
	}
	if fi, err := os.Stat(ref); err == nil && fi.Mode().IsRegular() {
		data, err := config.ReadFile(ref)
		if err != nil {
			return nil, "", fmt.Errorf("%s %s: %v", flag, ref, err)
		}
		a, err := api.ReadSnapshot(data)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", ref, err)
		}
		return a, ref, nil
	}
	repo, err := gitrepo.Open(cfg.Root)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %v; to compare without git, give a snapshot file (buttress api snapshot --format json -o api.json)", flag, ref, err)
	}
	commit, err := repo.Resolve(ref)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %v", flag, ref, err)
	}
	root := cfg.Root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	prefix, err := filepath.Rel(repo.Top, root)
	if err != nil || strings.HasPrefix(prefix, "..") {
		return nil, "", fmt.Errorf("%s %s: the project at %s is outside the repository at %s", flag, ref, showAbs(cfg.Root), repo.Top)
	}
	a, err := api.Load(&api.GitTree{Repo: repo, Commit: commit, Prefix: filepath.ToSlash(prefix)}, opts)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %v", flag, ref, err)
	}
	return a, ref, nil
}

// applyAllow drops the changes the allow list accepts, and returns the indexes of entries
// that accepted nothing.
func applyAllow(cs []api.Change, allow []config.APIAllow) ([]api.Change, []int) {
	used := make([]bool, len(allow))
	var out []api.Change
	for _, c := range cs {
		ok := false
		for i, a := range allow {
			s := strings.TrimSpace(a.Symbol)
			if c.Symbol == s || strings.HasPrefix(c.Symbol, s+"(") ||
				strings.HasSuffix(s, ".*") && strings.HasPrefix(c.Symbol, strings.TrimSuffix(s, "*")) {
				used[i], ok = true, true
			}
		}
		if !ok {
			out = append(out, c)
		}
	}
	var unused []int
	for i, u := range used {
		if !u {
			unused = append(unused, i)
		}
	}
	return out, unused
}

func certainty(c api.Change) string {
	if c.Certain {
		return "certain"
	}
	return "possible"
}

func apiSummary(res *api.Result) (certain, possible int) {
	for _, c := range res.Changes {
		if c.Certain {
			certain++
		} else {
			possible++
		}
	}
	return
}

func writeAPIDiff(w, stderr io.Writer, format string, res *api.Result, cfg *config.Config, workTree bool, oldName, newName string) error {
	certain, possible := apiSummary(res)
	summary := fmt.Sprintf("%s against %s: %d certain and %d possible breaking changes; %d objects added, %d removed, %d changed compatibly; suggested version bump: %s",
		newName, oldName, certain, possible, res.Added, res.Removed, res.Changed, res.Bump())
	if format == "markdown" {
		return writeAPIMarkdown(w, res, oldName)
	}
	fs := make([]finding.Finding, len(res.Changes))
	cert := map[string]string{}
	for i, c := range res.Changes {
		fs[i] = c.Finding()
		fs[i].Message += " (" + certainty(c) + " break)"
		cert[fs[i].Code+"\x00"+fs[i].Symbol+"\x00"+fs[i].Message] = certainty(c)
	}
	cwd, _ := os.Getwd()
	o := report.Options{Cwd: cwd, Root: cfg.Root, Color: colorOutput(w), Rules: api.Kinds, ToolVersion: Version}
	if workTree {
		o.Source = func(path string) (string, bool) {
			b, err := os.ReadFile(filepath.Join(cfg.Root, filepath.FromSlash(path)))
			return string(b), err == nil
		}
	}
	if format != "json" {
		if err := report.Write(w, format, fs, o); err != nil {
			return err
		}
		if format == "text" {
			_, err := fmt.Fprintln(w, summary)
			return err
		}
		fmt.Fprintln(stderr, summary)
		return nil
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, format, fs, o); err != nil {
		return err
	}
	var doc struct {
		Version  int              `json:"version"`
		Findings []map[string]any `json:"findings"`
		Summary  map[string]any   `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		return err
	}
	for _, f := range doc.Findings {
		code, _ := f["code"].(string)
		sym, _ := f["symbol"].(string)
		msg, _ := f["message"].(string)
		f["certainty"] = cert[code+"\x00"+sym+"\x00"+msg]
	}
	doc.Summary["api"] = map[string]any{
		"against": oldName, "base": newName, "certain": certain, "possible": possible,
		"added": res.Added, "removed": res.Removed, "changed": res.Changed, "bump": res.Bump(),
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// writeAPIMarkdown writes the breaking changes as a changelog section.
func writeAPIMarkdown(w io.Writer, res *api.Result, oldName string) error {
	var b strings.Builder
	certain, possible := apiSummary(res)
	fmt.Fprintf(&b, "## API changes since %s\n\n", oldName)
	fmt.Fprintf(&b, "Suggested version bump: **%s** (%d breaking for certain, %d possibly; %d added, %d removed, %d changed compatibly).\n", res.Bump(), certain, possible, res.Added, res.Removed, res.Changed)
	section := func(title string, want bool) {
		var cs []api.Change
		for _, c := range res.Changes {
			if c.Certain == want {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			return
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].Symbol < cs[j].Symbol })
		fmt.Fprintf(&b, "\n### %s\n\n", title)
		for _, c := range cs {
			fmt.Fprintf(&b, "- `%s`: %s\n", c.Symbol, strings.ReplaceAll(c.Message, "`", "'"))
		}
	}
	section("Breaking changes", true)
	section("Possibly breaking changes (typed callers)", false)
	_, err := io.WriteString(w, b.String())
	return err
}

// driftFindings runs field-type-drift (API001) on the project's files outside the scopes it
// is not run in, and reports the disagreements in the files of the scope.
func driftFindings(ws *workspace.Workspace, sel analysis.Selection, s *scope) []finding.Finding {
	r := apirule.FieldTypeDrift
	var files []api.ModuleFile
	for _, f := range ws.Files {
		if f.ReadError != "" || f.Entities == nil || sel.IgnoredIn(f.Rel, r.Code, r.Name) {
			continue
		}
		files = append(files, api.ModuleFile{Rel: f.Rel, Module: f.Module, Package: f.Package, Stub: f.Stub, Facts: f.Entities})
	}
	sups := ws.Suppressions()
	var out []finding.Finding
	for _, d := range api.Drift(api.FieldTypesOf(files)) {
		if !s.contains(d.At.File) {
			continue
		}
		f := finding.Finding{
			Code: r.Code, Rule: r.Name, Path: d.At.File, Line: d.At.Line, Col: d.At.Col,
			EndLine: d.At.Line, EndCol: d.At.Col + len(d.At.Field),
			Message: d.Message(), Symbol: strings.TrimPrefix(d.At.Class, d.At.Module+".") + "." + d.At.Field,
		}
		for _, o := range d.Others {
			f.Notes = append(f.Notes, finding.Note{Path: o.File, Line: o.Line, Col: o.Col,
				Message: fmt.Sprintf("%s.%s: %s", o.Class, o.Field, o.Type)})
		}
		out = append(out, sups[f.Path].Filter([]finding.Finding{f}, analysis.RuleSet{r.Code: r})...)
	}
	return out
}
