package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/affected"
	"github.com/buttresspy/buttress/internal/gitrepo"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newAffectedCmd() *cobra.Command {
	var pf projectFlags
	var format, since, dir string
	cmd := &cobra.Command{
		Use:   "affected [--since REF] [FILE...]",
		Short: "List the test files that a change can affect, from the import graph",
		Long: `List the test files that a change can affect, found on the project's import graph, so
that CI can run those first (or only those):

  pytest $(buttress affected --since origin/main --format pytest)

The change is what git reports since the merge-base of REF and HEAD (the commits of the
current branch, staged and unstaged changes, untracked files that are not ignored; renamed
files count under both names), the FILEs given (paths from the current directory; a file
that no longer exists counts as deleted; a directory stands for the project files in it), or
both. --since HEAD is the uncommitted changes alone.

A test file (affected-tests globs; default: test_*.py, *_test.py, tests.py) is affected when
  - it changed;
  - it imports a changed module, directly or through other modules, by imports that run: at
    module level (inside if, try or with too) or inside functions, not those under
    if TYPE_CHECKING:. Importing a.b.c runs a/__init__.py and a/b/__init__.py first, so those
    count, for the test file's own packages too;
  - a conftest.py in its directory or a directory above it (in the project) changed or
    imports a changed module;
  - a changed file matches the affected-all globs (default: pyproject.toml, setup.py,
    setup.cfg, tox.ini, pytest.ini, .python-version, requirements*.txt, requirements/*.txt,
    constraints*.txt, Pipfile, Pipfile.lock, poetry.lock, pdm.lock, uv.lock): then every test
    file is.
A deleted module affects whatever still imports it. Changes outside the project's root, and
to files it leaves out (exclude, .gitignore), affect nothing but by the affected-all globs.

What reading the code cannot see is not followed: modules imported by a name computed at
run time (importlib.import_module(name), __import__(name)), modules named in strings
(Django's INSTALLED_APPS, ROOT_URLCONF and MIDDLEWARE, pytest_plugins, entry points, plugin
registries), and data files, templates or fixtures a test reads. List such files in
affected-all if a change to them must run every test, and keep a full run on the main
branch or on a schedule. Imports resolve against the source roots: a test that imports a
module beside it by its bare name (import helpers, which works because pytest puts the
test's directory on sys.path) is followed when that directory is a source root.

Formats:
  text    each affected test file and why, aligned; a summary on stderr
  json    {"version": 1, "changed": [...], "modules": [...], "tests": [...], "all": [...]}:
          the changed files, the modules the change can affect (the changed ones and every
          module that imports one, directly or not), the affected test files, and the
          changed files that affect every test
  pytest  the affected test files, one per line, ready for pytest $(...). A path with a
          space in it would be split by the shell: with such paths, use
          buttress affected ... --format pytest | xargs -d '\n' pytest
          When no test is affected it prints nothing, and pytest with no path runs every
          test: guard with tests=$(buttress affected ...) && [ -n "$tests" ] && pytest $tests

Paths are relative to the current directory. Exit code: 0 (whether or not a test is
affected), 2 on a usage, configuration or git error (no git repository, a REF missing from
the clone, or a shallow clone without the merge-base: fetch-depth: 0, or git fetch
--unshallow, fetches it).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, []string{"text", "json", "pytest"}); err != nil {
				return err
			}
			if err := pf.validate(); err != nil {
				return err
			}
			if since == "" && len(args) == 0 {
				return errors.New("nothing changed was given: name the changed files, or give --since REF (--since origin/main for a branch's changes, --since HEAD for the uncommitted ones)")
			}
			cfg, err := pf.loadConfig(cmd.ErrOrStderr(), dir)
			if err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			var changed []string
			if since != "" {
				c, err := changesSince("--since", since, cfg.Root, "name the changed files instead (buttress affected FILE...)")
				if err != nil {
					return err
				}
				for _, f := range c.Files {
					changed = append(changed, f.Path)
					if f.OldPath != "" && f.Status == gitrepo.Renamed {
						changed = append(changed, f.OldPath)
					}
				}
			}
			root := cfg.Root
			if r, err := filepath.EvalSymlinks(root); err == nil {
				root = r
			}
			var dirs []string
			for _, a := range args {
				abs, err := filepath.Abs(a)
				if err != nil {
					return fmt.Errorf("%s: %v", a, err)
				}
				if r, err := filepath.EvalSymlinks(abs); err == nil {
					abs = r
				} else if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
					abs = filepath.Join(r, filepath.Base(abs)) // a deleted file
				}
				rel, err := filepath.Rel(root, abs)
				if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
					fmt.Fprintf(stderr, "warning: %s is outside the project at %s: it affects nothing here\n", a, showAbs(cfg.Root))
					continue
				}
				rel = filepath.ToSlash(rel)
				if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
					dirs = append(dirs, rel)
					continue
				}
				changed = append(changed, rel)
			}
			ws, pl, err := pf.loadWorkspace(stderr, cfg, &scope{}, workspace.Options{}, false)
			if err != nil {
				return err
			}
			p := affected.Project{Graph: ws.ImportGraph()}
			for _, f := range ws.Files {
				p.Files = append(p.Files, affected.File{Rel: f.Rel, Module: f.Module})
				for _, d := range dirs {
					if d == "." || strings.HasPrefix(f.Rel, d+"/") {
						changed = append(changed, f.Rel)
					}
				}
			}
			var inside []string
			for _, c := range changed {
				if !strings.HasPrefix(c, "../") {
					inside = append(inside, c)
				}
			}
			o := affected.Options{}
			if cfg.IsSet("affected.tests") {
				o.Tests = cfg.Affected.Tests
			}
			if cfg.IsSet("affected.all") {
				o.All = cfg.Affected.All
			}
			res := affected.Find(p, inside, o)
			tests := 0
			for _, f := range ws.Files {
				if affected.IsTest(o, f.Rel) {
					tests++
				}
			}
			if tests == 0 {
				globs := o.Tests
				if globs == nil {
					globs = affected.DefaultTests()
				}
				msg := fmt.Sprintf("warning: the project has no test file: no file under its source roots matches %s; set tests in [tool.buttress.affected] (as pytest's python_files), or add the tests' directory to source-roots", strings.Join(globs, ", "))
				if cfg.File != "" {
					msg += " (in " + showAbs(cfg.File) + ")"
				}
				fmt.Fprintln(stderr, msg)
			}
			return writeAffected(cmd.OutOrStdout(), stderr, format, res, tests, pl)
		},
	}
	pf.add(cmd)
	cmd.Flags().StringVar(&since, "since", "", "the change is what git reports since the merge-base of this ref and HEAD, uncommitted and untracked files included")
	addFormatFlag(cmd, &format, "text", "output format: text, json or pytest")
	cmd.Flags().StringVar(&dir, "project", "", "the project's directory (default: the current directory)")
	return cmd
}

// writeAffected writes what a change affects; total is the number of test files of the
// project.
func writeAffected(w, stderr io.Writer, format string, res affected.Result, total int, pl *places) error {
	paths := func(rels []string) []string {
		out := []string{}
		for _, r := range rels {
			out = append(out, pl.path(r))
		}
		return out
	}
	switch format {
	case "json":
		modules := res.Modules
		if modules == nil {
			modules = []string{}
		}
		return writeJSON(w, struct {
			Version int      `json:"version"`
			Changed []string `json:"changed"`
			Modules []string `json:"modules"`
			Tests   []string `json:"tests"`
			All     []string `json:"all"`
		}{1, paths(res.Changed), modules, paths(res.Tests), paths(res.All)})
	case "pytest":
		for _, t := range res.Tests {
			fmt.Fprintln(w, pl.path(t))
		}
	default:
		width := 0
		for _, t := range res.Tests {
			width = max(width, len(pl.path(t)))
		}
		for _, t := range res.Tests {
			fmt.Fprintf(w, "%-*s  %s\n", width, pl.path(t), why(res.Why[t], pl))
		}
	}
	changed := plural(len(res.Changed), "changed file")
	switch {
	case len(res.All) > 0:
		fmt.Fprintf(stderr, "buttress: every test file (%d) is affected: %s changed (affected-all)\n", len(res.Tests), pl.path(res.All[0]))
	case len(res.Tests) == 0:
		fmt.Fprintf(stderr, "buttress: no test file is affected by %s (of %s)\n", changed, plural(total, "test file"))
	default:
		fmt.Fprintf(stderr, "buttress: %d of %s affected by %s\n", len(res.Tests), plural(total, "test file"), changed)
	}
	return nil
}

// why says in a few words why a test is affected.
func why(r affected.Reason, pl *places) string {
	if r.All != "" {
		return pl.path(r.All) + " changed (affected-all)"
	}
	var b strings.Builder
	if r.Conftest != "" {
		fmt.Fprintf(&b, "through %s: ", pl.path(r.Conftest))
	}
	last := r.Chain[len(r.Chain)-1]
	switch {
	case len(r.Chain) == 1:
		b.WriteString("changed")
	case r.Deleted:
		fmt.Fprintf(&b, "imports %s, deleted: %s", last, strings.Join(r.Chain, " -> "))
	default:
		fmt.Fprintf(&b, "imports %s: %s", last, strings.Join(r.Chain, " -> "))
	}
	return b.String()
}
