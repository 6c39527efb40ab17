package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/project"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/workspace"
)

// scope is the part of a project named by the PATH arguments of check, metrics and
// coverage: files and directories inside the project. The whole project is still loaded
// (the import graph needs every file); rules, metrics and output are limited to the scope.
type scope struct {
	paths []scopePath // empty: the whole project
	// forceExclude: PATHs that match no project file are left out without a warning, and
	// when none matches, analysed returns errAllExcluded (check --force-exclude).
	forceExclude bool
}

// errAllExcluded is analysed's answer, under --force-exclude, when every PATH is excluded.
var errAllExcluded = errors.New("every path given is excluded by the configuration or .gitignore, or is not a .py/.pyi file (--force-exclude): nothing to check")

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
// closer configuration, which applies when the PATH is checked on its own. A PATH outside
// the project is an error, whatever its position: one in another project when the shared
// directory is in none (see owner), and, when no project is found at all, PATHs whose shared
// directory is above the current directory. (Ruff, which
// checks each file on its own, uses each file's closest configuration; its settings for paths
// with none come from the current directory.)
func (f *projectFlags) loadConfigFor(w io.Writer, args []string) (*config.Config, *scope, error) {
	type arg struct {
		name, abs string
		dir       bool
	}
	var given []arg
	for _, a := range args {
		show := report.TextPath(a)
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", show, err)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", show)
			}
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, nil, fmt.Errorf("%s: cannot read: %v", show, err)
		}
		given = append(given, arg{show, abs, fi.IsDir()})
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
	s := &scope{forceExclude: f.forceExclude}
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
		// Each PATH on its own would be checked as part of its own project: the closest
		// configuration, or else the directory that a pyproject.toml, tach.toml or
		// .importlinter marks as a project's root. One that is not the shared project's is
		// named: an error when the shared directory is in no project (the PATHs span
		// projects, or a project and what is around it, and the project's configuration and
		// contracts would silently not apply), a warning when it is a project that holds it.
		chosen := ownerOf(cfg)
		closer := map[owner][]string{} // a closer project -> the PATHs in it
		var owners []owner
		dirs := map[string]owner{}
		for _, g := range given {
			d := dirOf(g)
			o, ok := dirs[d]
			if !ok {
				if c, err := config.Discover(d); err == nil {
					o = ownerOf(c)
				}
				dirs[d] = o
			}
			if o != (owner{}) && o != chosen {
				if closer[o] == nil {
					owners = append(owners, o)
				}
				closer[o] = append(closer[o], g.name)
			}
		}
		if chosen == (owner{}) && len(owners) == 0 && isAboveCwd(start) {
			// No project anywhere: the shared directory would be the project, and one
			// above the current directory holds more than was asked for (the whole
			// machine, for "check . /tmp/x").
			return nil, nil, fmt.Errorf("the paths are in no project, and the directory they share (%s) is above the current directory: check each on its own, or run buttress from %s to check everything under it as one project",
				showAbs(start), showAbs(start))
		}
		if chosen == (owner{}) && len(owners) > 0 {
			o := owners[0]
			return nil, nil, fmt.Errorf("the paths span more than one project: %s %s, but the directory all the paths share (%s) is in no project; check each project on its own",
				closer[o][0], o.has(), showAbs(start))
		}
		for _, o := range owners {
			names := closer[o]
			what := strings.Join(names, ", ") + " are"
			switch {
			case len(names) == 1:
				what = names[0] + " is"
			case len(names) > 3:
				what = fmt.Sprintf("%s and %s are", strings.Join(names[:2], ", "), plural(len(names)-2, "more path"))
			}
			if o.file != "" {
				fmt.Fprintf(w, "warning: %s checked with %s, found from the directory all the paths share, not with %s, which is closer: check %s on its own to use that configuration\n",
					what, chosen.show(), showAbs(o.file), showAbs(filepath.Dir(o.file)))
			} else {
				fmt.Fprintf(w, "warning: %s checked as part of the project at %s, found from the directory all the paths share, not as the project at %s (%s), which is closer: check %s on its own to check it as that project\n",
					what, showAbs(chosen.dir()), showAbs(o.root), o.markers, showAbs(o.root))
			}
		}
	}
	if whole {
		s.paths = nil
	}
	return cfg, s, nil
}

// isAboveCwd reports whether dir holds the current directory (and is not it).
func isAboveCwd(dir string) bool {
	cwd, err := os.Getwd()
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(dir, cwd)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// owner is the project a directory belongs to, as one run would check it: its configuration
// file, or when it has none, the root that a file of a project marks; the zero owner is no
// project at all (no such file in the directory or above).
type owner struct {
	file, root string // one of them
	markers    string // the files that mark root, ", "-separated
}

// projectMarkers are the files that make a directory a project's root when there is no
// configuration: buttress reads its settings, tach's and import-linter's contracts there.
// (setup.cfg, which may hold import-linter's configuration, is too common to mark one.)
var projectMarkers = []string{config.PyprojectTOML, "tach.toml", ".importlinter"}

func ownerOf(c *config.Config) owner {
	if c.File != "" {
		return owner{file: c.File}
	}
	var found []string
	for _, m := range projectMarkers {
		if fi, err := os.Stat(filepath.Join(c.Root, m)); err == nil && !fi.IsDir() {
			found = append(found, m)
		}
	}
	if len(found) == 0 {
		return owner{}
	}
	return owner{root: c.Root, markers: strings.Join(found, ", ")}
}

// dir is the project's root directory.
func (o owner) dir() string {
	if o.file != "" {
		return filepath.Dir(o.file)
	}
	return o.root
}

// show names the project for a message: its configuration file, or its root.
func (o owner) show() string {
	if o.file != "" {
		return showAbs(o.file)
	}
	return showAbs(o.root)
}

// has says what makes a PATH part of the project, after its name.
func (o owner) has() string {
	if o.file != "" {
		return "has the configuration " + showAbs(o.file)
	}
	return fmt.Sprintf("is in the project at %s (%s)", showAbs(o.root), o.markers)
}

// showAbs shows an absolute path relative to the current directory, as text output shows
// paths (report.TextPath).
func showAbs(abs string) string {
	if abs == "" {
		return abs
	}
	cwd, err := os.Getwd()
	if err != nil {
		return report.TextPath(abs)
	}
	return report.TextPath(report.ShowPath(cwd, cwd, abs))
}

// analysed fails when the run would analyse nothing, or less than the PATHs name: a run
// that checks nothing must not say that nothing was found.
//
//   - A PATH that cannot be read (a file without read permission, a named pipe, socket or
//     device, a directory that cannot be listed, a file gone since the run started) is an
//     error that gives the cause, whatever the other PATHs hold.
//   - A PATH that matches no project file (excluded by the configuration or .gitignore, or
//     not Python) is a warning when another PATH matches some, and an error when none does.
//   - A run in which no file could be read at all is an error.
//
// Files that cannot be read found while walking a directory are loading problems, reported
// and counted by reportProblems.
func (s *scope) analysed(w io.Writer, ws *workspace.Workspace, pl *places) error {
	var unreadable []string
	for _, p := range s.paths {
		if why := s.unreadable(p, ws); why != "" {
			unreadable = append(unreadable, pl.text(p.rel)+": "+why)
		}
	}
	if len(unreadable) > 0 {
		return fmt.Errorf("cannot analyse what the command line names: %s", strings.Join(unreadable, "; "))
	}
	var unmatched []string
	for _, p := range s.paths {
		one := scope{paths: []scopePath{p}}
		found := false
		for _, f := range ws.Files {
			if f.ReadError == "" && one.contains(f.Rel) {
				found = true
				break
			}
		}
		if !found {
			what := "is not a project file (excluded by the configuration or .gitignore, or not a .py/.pyi file)"
			if p.dir {
				what = "holds no project file (excluded by the configuration or .gitignore, or no .py/.pyi files)"
				if n := s.unreadableUnder(p, ws); n > 0 {
					what = fmt.Sprintf("holds no project file that could be read (%d unreadable, listed above)", n)
				}
			}
			unmatched = append(unmatched, p.arg+" "+what)
		}
	}
	if s.forceExclude {
		if len(unmatched) > 0 && len(unmatched) == len(s.paths) {
			return errAllExcluded
		}
		unmatched = nil
	}
	if len(unmatched) > 0 && len(unmatched) == len(s.paths) {
		return fmt.Errorf("nothing to analyse: %s", strings.Join(unmatched, "; "))
	}
	for _, u := range unmatched {
		fmt.Fprintf(w, "warning: %s: nothing analysed there\n", u)
	}
	if len(ws.Files) > 0 && ws.Read() == 0 {
		return fmt.Errorf("nothing to analyse: not one file of the project at %s could be read (the problems are listed above)", pl.text("."))
	}
	if len(ws.Files) == 0 {
		p := ws.Project
		var roots []string
		for _, r := range p.SourceRoots {
			roots = append(roots, pl.text(r))
		}
		msg := fmt.Sprintf("nothing to analyse: the project at %s has no .py or .pyi file", pl.text("."))
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

// unreadable says why the file or directory a PATH names cannot be read, or "" when it can.
func (s *scope) unreadable(p scopePath, ws *workspace.Workspace) string {
	for _, pr := range ws.Problems {
		if pr.Path != p.rel {
			continue
		}
		switch project.ProblemKind(pr.Kind) {
		case project.Unreadable, project.NotRegular, project.BrokenSymlink, project.SymlinkLoop:
			return pr.Msg // "unreadable" is also the kind of a file that could not be read
		}
	}
	if p.dir {
		return ""
	}
	for _, f := range ws.Files {
		if f.Rel == p.rel {
			return f.ReadError // "" when it was read
		}
	}
	// Not among the project's files: excluded (a warning, above), or gone since the run
	// started, when the PATH was there.
	if _, err := os.Lstat(filepath.Join(ws.Project.Root, filepath.FromSlash(p.rel))); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Sprintf("cannot read: %v (it was there when the run started)", err)
	}
	return ""
}

// unreadableUnder counts what could not be read under a directory PATH: files, and the
// directories, pipes and other entries reported as problems.
func (s *scope) unreadableUnder(p scopePath, ws *workspace.Workspace) int {
	one := scope{paths: []scopePath{p}}
	n := 0
	for _, pr := range ws.Problems { // the files that could not be read among them
		if (pr.Kind == string(project.NotRegular) || pr.Kind == string(project.Unreadable)) && pr.Path != p.rel && one.contains(pr.Path) {
			n++
		}
	}
	return n
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
