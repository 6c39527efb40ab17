package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	pathpkg "path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/buttresspy/buttress/internal/config"
)

// The walk: each directory is a job; a job lists its directory, keeps its Python files and
// hands its subdirectories on. A subdirectory goes to one of `workers` goroutines when one is
// idle, and is walked in place otherwise, so the number of goroutines stays bounded and no
// queue is needed. The goroutines live as long as the walk: one per directory (2,218 on the
// bench project) cost a goroutine's creation, its stack's growth and its exit each (a warm
// run's task-clock 43.59 -> 42.38 ms without them).

// workers bounds the goroutines listing directories. Listing is mostly system calls: a few
// goroutines per core keep the cores busy while some wait on a cold disk.
var workers = max(4, 4*runtime.GOMAXPROCS(0))

// Entry is a directory entry: its name, and its type as the listing gives it (fs.ModeType
// bits only; a symbolic link is not followed). A listing is a slice of them, one allocation
// for all, where []fs.DirEntry costs an object for each.
type Entry struct {
	Name string
	Type fs.FileMode
}

type walker struct {
	root      string    // absolute project root
	excl      *excluder // exclude and extend-exclude
	gitignore bool      // respect-gitignore

	// The ignore base: the git work tree holding the root, or the root. Paths for ignore
	// rules are relative to it.
	base        string
	infoExclude *ignoreFile            // .git/info/exclude, the bottom of every chain
	chains      map[string]*ignoreFile // memo for chainFor

	roots     []string       // absolute source roots being walked, most specific first
	rootIndex map[string]int // and their index

	readDir func(dir string) ([]Entry, error) // Options.ReadDir, or nil for listDir
	found   func(f *File)                     // Options.Found, or nil

	work        chan *dirJob // to an idle worker
	started     int          // workers started so far (under startMu): at most workers
	startMu     sync.Mutex
	wg          sync.WaitGroup
	mu          sync.Mutex
	files       []*File
	extensions  []extension
	problems    []Problem
	skipped     atomic.Int64
	skippedDirs atomic.Int64
}

// dirJob is one directory to list.
type dirJob struct {
	abs    string      // OS path
	rel    string      // relative to the project root, slash-separated; "" for the root
	brel   string      // relative to the ignore base; meaningful when inBase
	inBase bool        // below the ignore base: ignore files apply
	ign    *ignoreFile // the ignore rules in force for this directory (not yet its own .gitignore)
	real   *realDir    // for loop detection
	root   int         // index of the source root

	// elem is the directory's own name and parent the naming of the directory holding it;
	// the walk names the directory once it has listed it (a name that is not an identifier
	// needs an __init__.py there or above). The source root is named "" from the start.
	elem   string
	parent naming
	naming
}

// naming is a directory's place in module names (see the package documentation).
type naming struct {
	mod   string // dotted name below the source root ("" for the source root), when named
	named bool   // every element of its path can be an element of a module name
	ident bool   // every element of its path is an identifier (stubs are named only then)
	inPkg bool   // it is a regular package (it holds __init__.py), or inside one, below the source root
	root  bool   // it is the source root (a sys.path entry)
	// dirMod is the dotted name of the longest named leading part of its path, identDirMod
	// that of the longest leading part made of identifiers: the namespace packages that the
	// .py files, and the stubs, of the directory imply.
	dirMod, identDirMod string
}

// rootNaming is the naming of a source root: named "", and no package (an __init__.py
// directly in a source root is no module).
var rootNaming = naming{named: true, ident: true, root: true}

// child returns the naming of the subdirectory elem of a directory named n; pkg says whether
// the subdirectory holds an __init__.py (a regular package).
func (n naming) child(elem string, pkg bool) naming {
	c := naming{inPkg: n.inPkg || pkg, dirMod: n.dirMod, identDirMod: n.identDirMod}
	c.ident = n.ident && isIdentifier(elem)
	c.named = n.named && (c.ident || isModuleElement(elem) && c.inPkg)
	if c.named {
		c.mod = joinDot(n.mod, elem)
		c.dirMod = c.mod
		if c.ident {
			c.identDirMod = c.mod
		}
	}
	return c
}

// module returns the module name of the file stem (without .py or .pyi) in a directory named
// n, or "" when the file cannot be imported by name; for a stub, also loose: the name it would
// have as a .py, when that differs (a stub is named by identifiers only, or joins the .py of
// that name).
func (n naming) module(stem string, stub bool) (name, loose string) {
	if !n.named {
		return "", ""
	}
	switch {
	case stem == "__init__":
		name = n.mod
	case isIdentifier(stem) || isModuleElement(stem) && (n.inPkg || n.root):
		name = joinDot(n.mod, stem)
	default:
		return "", ""
	}
	if stub && !(n.ident && (stem == "__init__" || isIdentifier(stem))) {
		return "", name
	}
	return name, ""
}

// realDir is the real (symlink-free) path of a directory being walked, linked to that of
// the directory it was reached from.
type realDir struct {
	path   string
	parent *realDir
}

func newWalker(root string, excludes []string, gitignore bool) *walker {
	w := &walker{
		root:      root,
		excl:      newExcluder(excludes),
		gitignore: gitignore,
		base:      root,
		chains:    map[string]*ignoreFile{},
		rootIndex: map[string]int{},
		work:      make(chan *dirJob),
	}
	if gitignore {
		w.findGit()
	}
	return w
}

// run walks the source roots (patterns as configured; empty for the default) and returns
// the project.
func (w *walker) run(patterns []string) *Project {
	jobs := w.sourceRoots(patterns)
	for i := range jobs {
		w.spawn(&jobs[i])
	}
	w.wg.Wait()
	close(w.work)
	p := &Project{
		Root:        w.root,
		SourceRoots: w.roots,
		Files:       w.files,
		Problems:    w.problems,
		extensions:  w.extensions,
		Skipped:     int(w.skipped.Load()),
		SkippedDirs: int(w.skippedDirs.Load()),
	}
	p.build()
	return p
}

func (w *walker) problem(kind ProblemKind, rel, format string, args ...any) {
	if rel == "" {
		rel = "."
	}
	w.mu.Lock()
	w.problems = append(w.problems, Problem{Kind: kind, Path: rel, Msg: fmt.Sprintf(format, args...)})
	w.mu.Unlock()
}

// findGit sets the ignore base to the git work tree holding the root, and reads its
// .git/info/exclude.
func (w *walker) findGit() {
	for dir := w.root; ; {
		dotgit := filepath.Join(dir, ".git")
		if fi, err := os.Stat(dotgit); err == nil {
			w.base = dir
			gitDir := dotgit
			if !fi.IsDir() {
				gitDir = gitDirOf(dotgit)
			}
			if gitDir != "" {
				w.infoExclude = w.readIgnore(filepath.Join(gitDir, "info", "exclude"), "", nil)
			}
			return
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		dir = parent
	}
}

// gitDirOf reads a .git file ("gitdir: PATH", in worktrees and submodules) and returns the
// directory that holds info/exclude: the repository's common directory when there is one.
func gitDirOf(dotgit string) string {
	data, err := config.ReadFile(dotgit)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(data), "\n")
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return ""
	}
	dir = strings.TrimSpace(dir)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(dotgit), dir)
	}
	if common, err := config.ReadFile(filepath.Join(dir, "commondir")); err == nil {
		c := strings.TrimSpace(string(common))
		if !filepath.IsAbs(c) {
			c = filepath.Join(dir, c)
		}
		return c
	}
	return dir
}

// readIgnore reads an ignore file and returns the chain with its rules on top of parent; a
// missing file leaves parent as it is, an unreadable one is a problem, and so is one that is
// not a regular file (a named pipe), which is never opened.
func (w *walker) readIgnore(file, dir string, parent *ignoreFile) *ignoreFile {
	data, err := config.ReadFile(file)
	if err != nil {
		var fe *config.FileError
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case errors.As(err, &fe) && fe.Mode != 0:
			w.problem(NotRegular, w.relPath(file), "%s: its ignore patterns are not read", fe.Why)
		case errors.As(err, &fe) && fe.Dir != "":
			w.problem(Unreadable, w.relPath(fe.Dir), "%s", fe.Why)
		case errors.As(err, &fe):
			w.problem(Unreadable, w.relPath(file), "cannot read ignore file: %s", fe.Why)
		default:
			w.problem(Unreadable, w.relPath(file), "cannot read ignore file: %s", errText(err))
		}
		return parent
	}
	if f := newIgnoreFile(data, dir, parent); f != nil {
		return f
	}
	return parent
}

// chainFor returns the ignore rules in force for the entries of the directory at brel
// (relative to the ignore base): its own .gitignore on top of those of its parents.
func (w *walker) chainFor(brel string) *ignoreFile {
	if c, ok := w.chains[brel]; ok {
		return c
	}
	parent := w.infoExclude
	if brel != "" {
		parent = w.chainFor(parentRel(brel))
	}
	c := w.readIgnore(filepath.Join(w.base, filepath.FromSlash(brel), ".gitignore"), brel, parent)
	w.chains[brel] = c
	return c
}

// relPath names the file at abs in problems: relative to the project root, slash-separated.
func (w *walker) relPath(abs string) string {
	rel, err := filepath.Rel(w.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

func parentRel(rel string) string {
	if d := pathpkg.Dir(rel); d != "." {
		return d
	}
	return ""
}

// relTo returns target relative to dir, slash-separated, "" for dir itself, and whether
// target is inside dir.
func relTo(dir, target string) (string, bool) {
	r, err := filepath.Rel(dir, target)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == "." {
		return "", true
	}
	return r, r != ".." && !strings.HasPrefix(r, "../")
}

// left reports whether the entry name, in the directory at dir (relative to the project
// root; bdir relative to the ignore base, with ign the rules in force in it), is left out,
// and why.
func (w *walker) left(dir, bdir string, inBase bool, ign *ignoreFile, name string, isDir bool) string {
	if w.excl.excluded(dir, name, isDir) {
		return "exclude"
	}
	if w.gitignore && inBase && ign.ignored(bdir, name, isDir) {
		return "an ignore file"
	}
	return ""
}

// sourceRoots resolves the source root patterns into the first jobs of the walk.
func (w *walker) sourceRoots(patterns []string) []dirJob {
	explicit := len(patterns) > 0
	if !explicit {
		patterns = []string{".", "src"}
	}
	type found struct{ abs, pattern string }
	var roots []found
	seen := map[string]bool{}
	for _, pat := range patterns {
		slash := filepath.ToSlash(pat)
		full := pat
		if !filepath.IsAbs(pat) {
			full = filepath.Join(w.root, filepath.FromSlash(slash))
		}
		var matches []string
		if strings.ContainsAny(slash, `*?[{\`) {
			ms, err := doublestar.FilepathGlob(full)
			if err != nil {
				w.problem(BadSourceRoot, pat, "source root is not a valid glob")
				continue
			}
			for _, m := range ms {
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					matches = append(matches, m)
				}
			}
			if len(matches) == 0 {
				w.problem(BadSourceRoot, pat, "source root pattern matches no directory")
			}
		} else {
			fi, err := os.Stat(full)
			switch {
			case err != nil && !explicit:
				// the default "src" need not exist
			case err != nil:
				w.problem(BadSourceRoot, pat, "source root: %s", errText(err))
			case !fi.IsDir():
				w.problem(BadSourceRoot, pat, "source root is not a directory")
			default:
				matches = append(matches, full)
			}
		}
		for _, m := range matches {
			m = filepath.Clean(m)
			if seen[m] {
				continue
			}
			seen[m] = true
			if why := config.Outside(w.root, m); why != "" && explicit {
				// The configuration refuses such source roots where it is read; this is for
				// the rest (another tool's source roots, a configuration made in code): never
				// walk the machine. (The default src, linked elsewhere, is a source root as
				// before: it is a directory of the project like any other, see TestSymlinks.)
				w.problem(BadSourceRoot, pat, "source root %s: not walked", why)
				continue
			}
			if why := w.rootLeftOut(m); why != "" {
				if explicit && len(matches) == 1 && m == filepath.Clean(full) {
					w.problem(BadSourceRoot, pat, "source root is left out by %s", why)
				} else {
					w.skippedDirs.Add(1)
				}
				continue
			}
			roots = append(roots, found{m, pat})
		}
	}
	// Most specific first: deeper paths first, then by path.
	sort.Slice(roots, func(i, j int) bool {
		di, dj := strings.Count(roots[i].abs, string(filepath.Separator)), strings.Count(roots[j].abs, string(filepath.Separator))
		if di != dj {
			return di > dj
		}
		return roots[i].abs < roots[j].abs
	})
	var jobs []dirJob
	for _, r := range roots {
		real, err := filepath.EvalSymlinks(r.abs)
		if err != nil {
			w.problem(BadSourceRoot, r.pattern, "source root: %s", errText(err))
			continue
		}
		w.rootIndex[r.abs] = len(w.roots)
		w.roots = append(w.roots, r.abs)
		rel, _ := filepath.Rel(w.root, r.abs)
		j := dirJob{
			abs:    r.abs,
			rel:    filepath.ToSlash(rel),
			real:   &realDir{path: real},
			root:   len(w.roots) - 1,
			naming: rootNaming,
		}
		if j.rel == "." {
			j.rel = ""
		}
		j.brel, j.inBase = relTo(w.base, r.abs)
		if w.gitignore && j.inBase {
			j.ign = w.infoExclude
			if j.brel != "" {
				j.ign = w.chainFor(parentRel(j.brel))
			}
		}
		jobs = append(jobs, j)
	}
	return jobs
}

// rootLeftOut reports whether a source root, or a directory between the project root and it,
// is excluded or ignored.
func (w *walker) rootLeftOut(abs string) string {
	rel, inside := relTo(w.root, abs)
	if !inside || rel == "" {
		return ""
	}
	parts := strings.Split(rel, "/")
	for i, name := range parts {
		dir := strings.Join(parts[:i], "/")
		bdir, inBase := relTo(w.base, filepath.Join(w.root, filepath.FromSlash(dir)))
		var ign *ignoreFile
		if w.gitignore && inBase {
			ign = w.chainFor(bdir)
		}
		if why := w.left(dir, bdir, inBase, ign, name, true); why != "" {
			return why
		}
	}
	return ""
}

// spawn hands j to an idle worker, or to a new one while fewer than `workers` run, else
// walks it here. The walk owns *j.
func (w *walker) spawn(j *dirJob) {
	w.wg.Add(1)
	select {
	case w.work <- j:
		return
	default:
	}
	w.startMu.Lock()
	start := w.started < workers
	if start {
		w.started++
	}
	w.startMu.Unlock()
	if start {
		go w.worker(j)
		return
	}
	w.walk(j)
	w.wg.Done()
}

// worker walks j, then the jobs handed to it, until the walk is over.
func (w *walker) worker(j *dirJob) {
	for ; j != nil; j = <-w.work {
		w.walk(j)
		w.wg.Done()
	}
}

// extension is a compiled extension module found beside the Python files.
type extension struct {
	module string // dotted name
	rel    string // relative to the project root
	dirMod string // dotted name of its directory
}

// extensionStem returns the module name of a compiled extension module file such as
// _speedups.cpython-311-x86_64-linux-gnu.so, _rust.abi3.so or _ctypes.pyd: the part before
// the first dot, when it is an identifier.
func extensionStem(name string) (string, bool) {
	if !strings.HasSuffix(name, ".so") && !strings.HasSuffix(name, ".pyd") {
		return "", false
	}
	stem, _, _ := strings.Cut(name, ".")
	return stem, isIdentifier(stem)
}

func isPython(name string) bool {
	return strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi")
}

// walk lists one directory.
func (w *walker) walk(j *dirJob) {
	var entries []Entry
	var err error
	if w.readDir != nil {
		entries, err = w.readDir(j.abs)
	} else {
		entries, err = listDir(j.abs)
	}
	if err != nil {
		w.problem(Unreadable, j.rel, "cannot read directory: %s", errText(err))
		if len(entries) == 0 {
			return
		}
	}
	ign := j.ign
	pkg := false // an __init__.py: a regular package, for the import system
	dirs := 0    // at most this many subdirectories (links may be)
	for _, e := range entries {
		if e.Type.IsDir() || e.Type&fs.ModeSymlink != 0 {
			dirs++
		}
		switch e.Name {
		case ".gitignore":
			if w.gitignore && j.inBase {
				ign = w.readIgnore(j.abs+string(filepath.Separator)+".gitignore", j.brel, ign)
			}
		case "__init__.py":
			pkg = pkg || !e.Type.IsDir()
		}
	}
	if j.elem != "" {
		j.naming = j.parent.child(j.elem, pkg)
	}
	var files []*File
	var exts []extension
	var subdirs []dirJob
	if dirs > 0 {
		// Made to size: a dirJob is large, and doubling a slice of them was a third of
		// what the walk allocates.
		subdirs = make([]dirJob, 0, dirs)
	}
	for _, e := range entries {
		name, typ := e.Name, e.Type
		link := typ&fs.ModeSymlink != 0
		if !link && !typ.IsDir() && !isPython(name) || name == ".git" {
			if j.named && typ.IsRegular() {
				if stem, ok := extensionStem(name); ok && w.left(j.rel, j.brel, j.inBase, ign, name, false) == "" {
					exts = append(exts, extension{module: joinDot(j.mod, stem), rel: joinRel(j.rel, name), dirMod: j.dirMod})
				}
			}
			continue // the common case: not ours, and no system call to know it
		}
		abs := j.abs + string(filepath.Separator) + name
		if link {
			fi, err := os.Stat(abs)
			if err != nil {
				if w.left(j.rel, j.brel, j.inBase, ign, name, false) != "" {
					if isPython(name) {
						w.skipped.Add(1)
					}
					continue
				}
				rel := joinRel(j.rel, name)
				if errors.Is(err, syscall.ELOOP) {
					w.problem(SymlinkLoop, rel, "symbolic link loop: %s", errText(err))
				} else {
					w.problem(BrokenSymlink, rel, "broken symbolic link: %s", errText(err))
				}
				continue
			}
			typ = fi.Mode().Type()
		}
		if typ.IsDir() {
			if w.left(j.rel, j.brel, j.inBase, ign, name, true) != "" {
				w.skippedDirs.Add(1)
				continue
			}
			// Another source root is walked on its own. With one root (the usual case) no
			// subdirectory can be one, its path being longer than the root's: no lookup.
			if len(w.rootIndex) > 1 {
				if _, ok := w.rootIndex[abs]; ok {
					continue
				}
			}
			sub := dirJob{abs: abs, rel: joinRel(j.rel, name), inBase: j.inBase, ign: ign, root: j.root, elem: name, parent: j.naming}
			switch {
			case j.inBase && j.brel == j.rel:
				sub.brel = sub.rel // the ignore base is the project root (no git, or its root): the same path
			case j.inBase:
				sub.brel = joinRel(j.brel, name)
			}
			if link {
				real, err := filepath.EvalSymlinks(abs)
				if err != nil {
					w.problem(BrokenSymlink, sub.rel, "broken symbolic link: %s", errText(err))
					continue
				}
				if at := loopsTo(j.real, real); at != "" {
					w.problem(SymlinkLoop, sub.rel, "symbolic link loop: it points to %s, which contains it", at)
					continue
				}
				sub.real = &realDir{path: real, parent: j.real}
			} else {
				sub.real = &realDir{path: j.real.path + string(filepath.Separator) + name, parent: j.real.parent}
			}
			subdirs = append(subdirs, sub)
			continue
		}
		if !isPython(name) {
			continue
		}
		if w.left(j.rel, j.brel, j.inBase, ign, name, false) != "" {
			w.skipped.Add(1)
			continue
		}
		if !typ.IsRegular() {
			w.problem(NotRegular, joinRel(j.rel, name), "%s: not read", config.NotFile(typ))
			continue
		}
		files = append(files, w.newFile(j, abs, name))
	}
	if len(files) > 0 || len(exts) > 0 {
		w.mu.Lock()
		w.files = append(w.files, files...)
		w.extensions = append(w.extensions, exts...)
		w.mu.Unlock()
	}
	if w.found != nil {
		for _, f := range files {
			w.found(f)
		}
	}
	for i := range subdirs {
		w.spawn(&subdirs[i]) // a pointer: a goroutine's closure copied a dirJob to the heap
	}
}

// newFile makes the File for the Python file name, at abs, in the directory of j.
func (w *walker) newFile(j *dirJob, abs, name string) *File {
	f := &File{Path: abs, Root: w.roots[j.root]}
	// Rel is usually the tail of Path (abs ends in "/" + name): share its bytes rather than
	// build it again.
	n := len(abs) - len(name)
	if j.rel != "" {
		n -= len(j.rel) + 1
	}
	if filepath.Separator == '/' && n >= 0 && abs[n:n+len(j.rel)] == j.rel {
		f.Rel = abs[n:]
	} else {
		f.Rel = joinRel(j.rel, name)
	}
	stem, ok := strings.CutSuffix(name, ".py")
	if !ok {
		stem = strings.TrimSuffix(name, ".pyi")
		f.Stub = true
	}
	f.Init = stem == "__init__"
	f.Module, f.loose = j.module(stem, f.Stub)
	f.dirMod = j.dirMod
	if f.Stub {
		f.dirMod = j.identDirMod
	}
	return f
}

func joinDot(pkg, name string) string {
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

// loopsTo returns the real path of the directory on the way down (from) that contains (or
// is) target, or "" when following a link to target makes no loop. A plain subdirectory
// shares its parent's link in the chain: only the real paths reached through links, and
// the source root's, need checking, as prefixes.
func loopsTo(from *realDir, target string) string {
	for d := from; d != nil; d = d.parent {
		if within(d.path, target) {
			return target
		}
	}
	return ""
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}
