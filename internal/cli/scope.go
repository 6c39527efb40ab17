package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/buttresspy/buttress/internal/config"
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

// loadConfigFor finds the configuration for the PATH arguments: from the first one (its
// directory, for a file), or --config. Every PATH must exist and be inside the project root.
func (f *projectFlags) loadConfigFor(args []string) (*config.Config, *scope, error) {
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
	start := ""
	if len(given) > 0 {
		start = given[0].abs
		if !given[0].dir {
			start = filepath.Dir(start)
		}
	}
	cfg, err := f.loadConfig(start)
	if err != nil {
		return nil, nil, err
	}
	s := &scope{}
	for _, g := range given {
		rel, err := filepath.Rel(cfg.Root, g.abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			how := "found from the first path"
			if f.config != "" {
				how = "the current directory, with --config"
			}
			return nil, nil, fmt.Errorf("%s is outside the project at %s (%s): check each project on its own", g.name, cfg.Root, how)
		}
		if rel == "." {
			return cfg, &scope{}, nil // the whole project
		}
		s.paths = append(s.paths, scopePath{arg: g.name, rel: filepath.ToSlash(rel), dir: g.dir})
	}
	return cfg, s, nil
}

// warnUnmatched says which PATH arguments matched no project file: excluded by the
// configuration or .gitignore, or not Python.
func (s *scope) warnUnmatched(w io.Writer, ws *workspace.Workspace) {
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
			what := "is not a project file (excluded by the configuration or .gitignore, or not a .py/.pyi file)"
			if p.dir {
				what = "holds no project file (excluded by the configuration or .gitignore, or no .py/.pyi files)"
			}
			fmt.Fprintf(w, "warning: %s %s: nothing checked there\n", p.arg, what)
		}
	}
}

// loadScoped loads the project for the PATH arguments with options, limited to their scope.
func (f *projectFlags) loadScoped(w io.Writer, args []string, opts workspace.Options) (*workspace.Workspace, *scope, error) {
	cfg, s, err := f.loadConfigFor(args)
	if err != nil {
		return nil, nil, err
	}
	opts.Workers = f.threads
	opts.Only = s.only()
	ws, err := workspace.Load(cfg, opts)
	if err != nil {
		return nil, nil, err
	}
	reportProblems(w, ws, s.problems)
	s.warnUnmatched(w, ws)
	return ws, s, nil
}
