// Package project finds the Python files of a project and names their modules.
//
// # Files
//
// Discover walks each source root (see config.Config.SourceRoots; by default the project
// root, and src when it is a directory) in parallel and keeps every .py and .pyi file that is
// not left out:
//
//   - by the configuration's exclude and extend-exclude globs (a glob without a slash matches
//     a name at any depth; one with a slash matches the path relative to the project root);
//   - by git's ignore files, when respect-gitignore is on: the .gitignore files of every
//     directory walked, those of the directories between the git work tree's root (the
//     nearest directory above the project root holding .git) and the source root, and
//     .git/info/exclude (for a worktree or submodule, that of the repository). Outside a git
//     work tree, the .gitignore files at and below the project root still apply. The project
//     root and its parents are never themselves tested, so a project inside an ignored
//     directory (say, a site-packages under a pyenv checkout) is still read. See ignore.go
//     for the pattern rules, which are git's.
//
// A directory left out is not walked. Directories named .git are never walked. What is left
// out is counted, not listed (Skipped, SkippedDirs); what cannot be read is a Problem, and
// the walk goes on. Discover does not open the Python files: a file that cannot be read is
// reported by whatever reads it. A .py or .pyi that is not a regular file (a named pipe, a
// socket, a device) is a NotRegular problem, and so is an ignore file (.gitignore,
// .git/info/exclude) that is not one: those are read with config.ReadFile, which never opens
// anything but a regular file, so that a named pipe cannot make the walk wait forever.
//
// Symbolic links are followed: a link to a file is a file at the link's path; a link to a
// directory is walked at the link's path, unless the directory it points to contains the
// link (a loop), which is a Problem. Broken links are Problems. A source root is never
// walked when it leads outside the project root, by its path ("../..", "/etc") or through a
// symbolic link (a src linked to /usr): that is a Problem too. (The configuration refuses
// such source roots where it is read; this covers the default src, and every other origin.)
//
// # Source roots and module names
//
// A file's module name is its path below its source root, dotted: pkg/__init__.py is "pkg",
// pkg/mod.py is "pkg.mod", and a .pyi is the stub of the module of the same name (its
// File.Stub is set, and it joins the .py in the same Module). When source roots are nested
// (the project root and src), a file belongs to the most specific one: each source root is
// walked on its own, and the walk of an outer root does not enter an inner one.
//
// Module names are those importlib.import_module finds with the source roots on sys.path.
// The import system splits a name at its dots and looks each element up as a file or
// directory name; it does not ask for identifiers. So inside a regular package (a directory
// holding __init__.py, or any directory below one), every element goes that has no dot, even
// one no import statement can spell: app/migrations/0001_initial.py is the module
// "app.migrations.0001_initial", pkg/my-app/x.py is "pkg.my-app.x" (my-app is a package if
// it holds an __init__.py, else a namespace portion inside pkg), and pkg/class.py is
// "pkg.class". Such files are loaded by name (Django's migrations and management commands,
// plugin loaders through pkgutil): their relative imports resolve against their package. So
// does a file directly in a source root: 0001.py is the module "0001" (CPython's own
// _sysconfigdata_*-linux-gnu.py is imported so); being top-level, it has no package either way.
//
// In a namespace package outside any regular package (a directory with no __init__.py on
// the way from the source root), a name must be an identifier that is not a keyword: such
// directories hold tools that are run (scripts/run-tests.py, my-scripts/tool.py), and a file
// there whose name no import statement can spell is a script, listed with Module "" (the
// graph names it by its path, its imports count, and a relative import in it is a problem:
// run as a script, it has no package). importlib would find import_module("scripts.run-tests")
// too: a deliberate difference. Never a module, anywhere: a name element with a dot
// (pkg/foo.bar.py: the dot splits the name), with control characters or not valid UTF-8, and
// an __init__.py directly in a source root.
//
// A stub (.pyi) is read by type checkers, not by the import system: its name must be made of
// identifiers (so the stubs a package ships under a directory like django-stubs name no
// module of the project), unless a .py file has the same name, whose module it then joins.
//
// A directory below a source root whose name is a module name as above (a namespace portion
// needs identifiers unless it is inside a regular package), that holds Python files at any
// depth, and that no file names as a module (it has no __init__.py, and there is no module
// file of that name), is a namespace package (PEP 420): a Module with no files, Namespace and
// Package set. Namespace portions with the same name under several source roots are one
// namespace package, as in Python.
//
// A compiled extension module (name.*.so, name.*.pyd) is a module too, with no file to read:
// it is recorded in Module.Extension, so that imports of it resolve, and its directory counts
// for namespace packages.
//
// Two .py files, or two .pyi files, claiming one module name (under two source roots, or as
// pkg/mod.py and pkg/mod/__init__.py) is a DuplicateModule problem, reported on every file
// but the first by Rel; both stay in Module.Files. A .py and a .pyi of one name are not
// duplicates, wherever they are.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/buttresspy/buttress/internal/config"
)

// Project is the files and modules of a Python project.
type Project struct {
	Root        string             // absolute project root (config.Config.Root)
	SourceRoots []string           // absolute, existing directories, most specific (deepest) first
	Files       []*File            // every file found, sorted by Rel
	Modules     map[string]*Module // by dotted name: modules, packages and namespace packages
	Problems    []Problem          // sorted by Path, then Kind and Msg
	Skipped     int                // .py and .pyi files left out by excludes or ignore files
	SkippedDirs int                // directories left out (not walked: their files are not counted)

	extensions []extension // compiled extension modules, folded into Modules by build
	fileless   []string    // the modules without files, sorted (Fileless)
}

// Fileless returns the names of the modules that have no file (namespace packages and
// compiled extension modules), sorted.
func (p *Project) Fileless() []string { return p.fileless }

// File is one .py or .pyi file.
type File struct {
	Path   string // absolute (through any symbolic link that led to it)
	Rel    string // relative to Project.Root, slash-separated
	Root   string // the absolute source root it is under
	Module string // dotted module name; "" when the file is no module (a script, a stray stub)
	Stub   bool   // a .pyi
	Init   bool   // __init__.py or __init__.pyi

	dirMod string // dotted name of the longest importable leading part of its directory
	loose  string // for a stub with no Module: the module it would name as a .py (see build)
	first  bool   // the first of its module's Files (First)
}

// First reports whether the file is the first of its module's files (Module.Files[0]): each
// module with files has one.
func (f *File) First() bool { return f.first }

// Module is a module, a package or a namespace package.
type Module struct {
	Name      string
	Files     []*File // .py files first, then .pyi; each group by Rel. Empty for a namespace package
	Package   bool    // a regular package (its file is an __init__) or a namespace package
	Namespace bool    // a namespace package: a directory with no __init__
	// Extension is the compiled extension module (.so, .pyd) of this name, relative to the
	// project root, or "". Such a module exists for imports, but has no source to read.
	Extension string
}

// Problem is something found wrong in the project's files: never fatal.
type Problem struct {
	Kind ProblemKind
	Path string // relative to Project.Root, slash-separated ("." for the root); for a source root, as configured
	Msg  string
}

func (p Problem) String() string { return p.Path + ": " + p.Msg }

// ProblemKind classifies problems.
type ProblemKind string

// Kinds of problems.
const (
	DuplicateModule ProblemKind = "duplicate-module" // two .py (or two .pyi) files claim one module name
	Unreadable      ProblemKind = "unreadable"       // a directory or ignore file that cannot be read
	SymlinkLoop     ProblemKind = "symlink-loop"     // a link to a directory that contains it, or to itself
	BrokenSymlink   ProblemKind = "broken-symlink"   // a link whose target does not exist or cannot be reached
	NotRegular      ProblemKind = "not-regular"      // a .py or .pyi that is a pipe, socket or device
	BadSourceRoot   ProblemKind = "source-root"      // a configured source root that is missing, not a directory, excluded, outside the project, or a glob matching nothing
)

// Discover finds the project's files as cfg says (see the package documentation). It returns
// an error only when the run is impossible: the project root is missing or not a directory.
// Everything else is a Problem.
func Discover(cfg *config.Config) (*Project, error) {
	return DiscoverWith(cfg, Options{})
}

// Options change how DiscoverWith walks.
type Options struct {
	// ReadDir, when not nil, lists each directory (unsorted, as ReadDir does) in place of
	// reading it: a cache of listings (internal/cache.Listings).
	ReadDir func(dir string) ([]Entry, error)
	// Found, when not nil, is called with each file as the walk finds it, from several
	// goroutines, before the walk is over: for a caller that reads the files meanwhile.
	// Path, Rel, Stub and Init are final; Module is not (a stub may take the name of a .py
	// file found later).
	Found func(f *File)
}

// DiscoverWith is Discover with options.
func DiscoverWith(cfg *config.Config, opts Options) (*Project, error) {
	if cfg == nil {
		return nil, errors.New("project.Discover: no configuration")
	}
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("project root: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("project root %s is not a directory", root)
	}
	w := newWalker(root, cfg.ExcludePatterns(), cfg.RespectGitignore)
	w.readDir = opts.ReadDir
	w.found = opts.Found
	return w.run(cfg.SourceRoots), nil
}

// File returns the file at path (absolute, or relative to the project root), or nil when the
// project has no such file.
func (p *Project) File(path string) *File {
	if filepath.IsAbs(path) {
		r, err := filepath.Rel(p.Root, path)
		if err != nil {
			return nil
		}
		path = r
	}
	rel := filepath.ToSlash(filepath.Clean(path))
	i := sort.Search(len(p.Files), func(i int) bool { return p.Files[i].Rel >= rel })
	if i < len(p.Files) && p.Files[i].Rel == rel {
		return p.Files[i]
	}
	return nil
}

// build sorts the files found and computes modules, namespace packages and duplicates.
func (p *Project) build() {
	// The modules are indexed from the files in the walk's order while the files are sorted
	// (on the bench project, 4,628 files, a third of what a warm run does on one core
	// between the walk and the summaries): the index does not depend on the order, and a
	// module's files are sorted below.
	files := slices.Clone(p.Files)
	sorted := make(chan struct{})
	go func() {
		sortByRel(p.Files)
		close(sorted)
	}()
	defer func() { <-sorted }()
	p.Modules = make(map[string]*Module, len(files))
	var dirs []string // dotted names of the directories holding files, at any depth
	seen := make(map[string]bool, len(files)/4)
	lastDir := ""
	var loose []*File // stubs that name a module only if a .py file names it too
	for _, f := range files {
		if f.loose != "" {
			loose = append(loose, f)
		} else if f.Module != "" {
			m := p.Modules[f.Module]
			if m == nil {
				m = &Module{Name: f.Module}
				p.Modules[f.Module] = m
				f.first = true // unless the files are sorted otherwise below
			}
			m.Files = append(m.Files, f)
			m.Package = m.Package || f.Init
		}
		if f.dirMod == lastDir {
			continue // the files of a directory come together: its names are seen
		}
		lastDir = f.dirMod
		for d := f.dirMod; d != "" && !seen[d]; d = d[:max(strings.LastIndexByte(d, '.'), 0)] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	// The modules of the .py files are all known now: a loose stub joins its .py's module,
	// or is a stray stub, no module of the project.
	for _, f := range loose {
		if m := p.Modules[f.loose]; m != nil && slices.ContainsFunc(m.Files, func(g *File) bool { return !g.Stub }) {
			f.Module = f.loose
			m.Files = append(m.Files, f)
			m.Package = m.Package || f.Init
		}
		f.loose = ""
	}
	for _, e := range p.extensions {
		m := p.Modules[e.module]
		if m == nil {
			m = &Module{Name: e.module}
			p.Modules[e.module] = m
			p.fileless = append(p.fileless, e.module)
		}
		if m.Extension == "" || e.rel < m.Extension {
			m.Extension = e.rel
		}
		for d := e.dirMod; d != "" && !seen[d]; d = d[:max(strings.LastIndexByte(d, '.'), 0)] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	p.extensions = nil
	for _, name := range dirs {
		if p.Modules[name] == nil {
			p.Modules[name] = &Module{Name: name, Package: true, Namespace: true}
			p.fileless = append(p.fileless, name)
		}
	}
	slices.Sort(p.fileless)
	for _, m := range p.Modules {
		if len(m.Files) < 2 {
			continue
		}
		// .py files before .pyi, each group by Rel.
		m.Files[0].first = false
		slices.SortFunc(m.Files, func(a, b *File) int {
			switch {
			case a.Stub == b.Stub:
				return strings.Compare(a.Rel, b.Rel)
			case b.Stub:
				return -1
			}
			return 1
		})
		m.Files[0].first = true
		var first [2]*File // by Stub
		for _, f := range m.Files {
			k := 0
			if f.Stub {
				k = 1
			}
			if first[k] == nil {
				first[k] = f
				continue
			}
			p.Problems = append(p.Problems, Problem{Kind: DuplicateModule, Path: f.Rel,
				Msg: fmt.Sprintf("module %q is also defined by %s", m.Name, first[k].Rel)})
		}
	}
	slices.SortFunc(p.Problems, func(a, b Problem) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
}

// sortByRel sorts files by Rel: the halves of a large project side by side, then merged.
func sortByRel(files []*File) {
	byRel := func(a, b *File) int { return strings.Compare(a.Rel, b.Rel) }
	if len(files) < 2048 {
		slices.SortFunc(files, byRel)
		return
	}
	half := len(files) / 2
	a, b := slices.Clone(files[:half]), files[half:]
	done := make(chan struct{})
	go func() {
		slices.SortFunc(a, byRel)
		close(done)
	}()
	slices.SortFunc(b, byRel)
	<-done
	b = slices.Clone(b)
	i, j := 0, 0
	for k := range files {
		if j == len(b) || i < len(a) && byRel(a[i], b[j]) <= 0 {
			files[k], i = a[i], i+1
		} else {
			files[k], j = b[j], j+1
		}
	}
}

// errText is the reason in an error from the file system, without the path it names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	if errors.Is(err, syscall.ELOOP) {
		return "too many levels of symbolic links"
	}
	return err.Error()
}
