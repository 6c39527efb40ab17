package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/workspace"
)

// scope is the part of a project named by the PATH arguments of check, metrics and
// coverage: files and directories inside the project. The whole project is still loaded
// (the import graph needs every file); rules, metrics and output are limited to the scope.
type scope struct {
	paths []scopePath // empty: the whole project
}

type scopePath struct {
	arg string // as given, for messages
	rel string // relative to the project root, slash-separated
	dir bool
}

// contains reports whether rel, a project file's path relative to the root, is in scope.
func (s *scope) contains(rel string) bool {
	if len(s.paths) == 0 {
		return true
	}
	for _, p := range s.paths {
		if rel == p.rel || p.dir && strings.HasPrefix(rel, p.rel+"/") {
			return true
		}
	}
	return false
}

// only is contains as a workspace.Options.Only filter: nil for the whole project.
func (s *scope) only() func(string) bool {
	if len(s.paths) == 0 {
		return nil
	}
	return s.contains
}

// problems picks the loading problems to show: those of files in scope, and those of no file.
func (s *scope) problems(p workspace.Problem) bool {
	return p.Path == "" || s.contains(p.Path)
}

// loadConfigFor finds the configuration for the PATH arguments, or reads --config. Every
// PATH must exist.
//
// One run checks one project, whose import graph it reads whole, so the PATHs resolve to one
// configuration, whatever their order: the one found from the deepest directory that holds
// them all (a file's directory for a file), upward, as for a single PATH; with --config, the
// current directory is the project root. A PATH with a configuration of its own below that
// project (a nested buttress.toml, or pyproject.toml with [tool.buttress]) is still checked
// with the project's, since its files are part of the project's graph: a warning names that
// closer configuration, which applies when the PATH is checked on its own. (Ruff, which
// checks each file on its own, uses each file's closest configuration; its settings for paths
// with none come from the current directory.)
func (f *projectFlags) loadConfigFor(w io.Writer, args []string) (*config.Config, *scope, error) {
	type arg struct {
		name, abs string
		dir       bool
	}
	var given []arg
	for _, a := range args {
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", a, err)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", a)
			}
			return nil, nil, fmt.Errorf("%s: %v", a, err)
		}
		given = append(given, arg{a, abs, fi.IsDir()})
	}
	dirOf := func(g arg) string {
		if g.dir {
			return g.abs
		}
		return filepath.Dir(g.abs)
	}
	start := ""
	for i, g := range given {
		if i == 0 {
			start = dirOf(g)
		} else {
			start = report.CommonDir(start, dirOf(g))
		}
	}
	cfg, err := f.loadConfig(w, start)
	if err != nil {
		return nil, nil, err
	}
	s := &scope{}
	whole := false
	for _, g := range given {
		rel, err := filepath.Rel(cfg.Root, g.abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, nil, fmt.Errorf("%s is outside the project at %s (with --config, the project root is the current directory): check each project on its own", g.name, showAbs(cfg.Root))
		}
		if rel == "." {
			whole = true // the whole project
		}
		s.paths = append(s.paths, scopePath{arg: g.name, rel: filepath.ToSlash(rel), dir: g.dir})
	}
	if f.config == "" && len(given) > 1 {
		closer := map[string][]string{} // a closer configuration file -> the PATHs below it
		var files []string
		dirs := map[string]string{}
		for _, g := range given {
			d := dirOf(g)
			file, ok := dirs[d]
			if !ok {
				if c, err := config.Discover(d); err == nil {
					file = c.File
				}
				dirs[d] = file
			}
			if file != "" && file != cfg.File {
				if closer[file] == nil {
					files = append(files, file)
				}
				closer[file] = append(closer[file], g.name)
			}
		}
		if cfg.File == "" && len(files) > 0 {
			// The directory the paths share is in no configured project, but some are: they
			// span projects (or a project and what is around it), and the defaults would
			// silently replace the configuration.
			return nil, nil, fmt.Errorf("the paths span more than one project: %s has the configuration %s, but the directory all the paths share (%s) has none; check each project on its own",
				closer[files[0]][0], showAbs(files[0]), showAbs(start))
		}
		for _, file := range files {
			names := closer[file]
			what := strings.Join(names, ", ") + " are"
			switch {
			case len(names) == 1:
				what = names[0] + " is"
			case len(names) > 3:
				what = fmt.Sprintf("%s and %s are", strings.Join(names[:2], ", "), plural(len(names)-2, "more path"))
			}
			fmt.Fprintf(w, "warning: %s checked with %s, found from the directory all the paths share, not with %s, which is closer: check %s on its own to use that configuration\n",
				what, showAbs(cfg.File), showAbs(file), showAbs(filepath.Dir(file)))
		}
	}
	if whole {
		s.paths = nil
	}
	return cfg, s, nil
}

// showAbs shows an absolute path relative to the current directory.
func showAbs(abs string) string {
	if abs == "" {
		return abs
	}
	cwd, err := os.Getwd()
	if err != nil {
		return abs
	}
	return report.ShowPath(cwd, cwd, abs)
}

// analysed says which PATH arguments matched no project file (excluded by the configuration
// or .gitignore, or not Python), and fails when there is no file at all to analyse: a run
// that checks nothing must not say that nothing was found.
func (s *scope) analysed(w io.Writer, ws *workspace.Workspace, pl *places) error {
	var unmatched []string
	for _, p := range s.paths {
		one := scope{paths: []scopePath{p}}
		found := false
		for _, f := range ws.Files {
			if one.contains(f.Rel) {
				found = true
				break
			}
		}
		if !found {
			what := " is not a project file (excluded by the configuration or .gitignore, or not a .py/.pyi file)"
			if why := walkProblem(ws, p.rel); why != "" {
				what = ": " + why // what it really is: a named pipe, a directory that cannot be read
			} else if p.dir {
				what = " holds no project file (excluded by the configuration or .gitignore, or no .py/.pyi files)"
			}
			unmatched = append(unmatched, p.arg+what)
		}
	}
	if len(unmatched) > 0 && len(unmatched) == len(s.paths) {
		return fmt.Errorf("nothing to analyse: %s", strings.Join(unmatched, "; "))
	}
	for _, u := range unmatched {
		fmt.Fprintf(w, "warning: %s: nothing analysed there\n", u)
	}
	if len(ws.Files) == 0 {
		p := ws.Project
		var roots []string
		for _, r := range p.SourceRoots {
			roots = append(roots, pl.path(r))
		}
		msg := fmt.Sprintf("nothing to analyse: the project at %s has no .py or .pyi file", pl.path("."))
		if len(roots) > 0 {
			msg += " under its source roots (" + strings.Join(roots, ", ") + ")"
		}
		var left []string
		if p.Skipped > 0 {
			left = append(left, plural(p.Skipped, "file"))
		}
		if p.SkippedDirs > 0 {
			left = append(left, plural(p.SkippedDirs, "directory"))
		}
		if len(left) > 0 {
			msg += fmt.Sprintf("; %s left out by exclude, extend-exclude or .gitignore", strings.Join(left, " and "))
		}
		if ws.Config.File != "" {
			msg += "; the configuration is " + showAbs(ws.Config.File)
		} else {
			msg += "; no configuration was found (buttress.toml, or pyproject.toml with [tool.buttress])"
		}
		return errors.New(msg)
	}
	return nil
}

// walkProblem is what the walk found wrong with the file or directory at rel (relative to
// the project root), such as "is a named pipe, not a file: not read"; "" when nothing.
func walkProblem(ws *workspace.Workspace, rel string) string {
	for _, p := range ws.Problems {
		if p.Path == rel && p.Line == 0 && p.Kind != "syntax" && p.Kind != "import" {
			return p.Msg
		}
	}
	return ""
}

// loadScoped loads the project for the PATH arguments with options, limited to their scope.
func (f *projectFlags) loadScoped(w io.Writer, args []string, opts workspace.Options) (*workspace.Workspace, *scope, *places, error) {
	cfg, s, err := f.loadConfigFor(w, args)
	if err != nil {
		return nil, nil, nil, err
	}
	ws, pl, err := f.loadWorkspace(w, cfg, s, opts, false)
	if err != nil {
		return nil, nil, nil, err
	}
	return ws, s, pl, nil
}
