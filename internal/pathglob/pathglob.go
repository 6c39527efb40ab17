// Package pathglob matches project paths against the globs of a configuration
// (per-file-ignores, the scopes' files, the tests of `buttress affected`), one way everywhere:
// a glob without a slash matches the file name at any depth (`test_*.py`, `conftest.py`),
// one with a slash matches the whole path relative to the project root (`tests/**`,
// `**/migrations/**`), with doublestar's `**`.
//
// The shapes nearly every configuration uses (and the default scopes are made of) are
// matched without doublestar: a name with no wildcard, a name with one `*` (`test_*.py`),
// and a directory at any depth (`**/tests/**`, `**/alembic/versions/**`). Each is matched on every file of every run
// (a warm run of 4,600 files spent a tenth of its time in doublestar); the answers are the
// same, which a test checks against doublestar on the paths of a real tree.
package pathglob

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"
)

// Match reports whether one of the globs matches path (relative to the project root,
// slash-separated).
func Match(globs []string, path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	for _, glob := range globs {
		if matchOne(glob, path, base) {
			return true
		}
	}
	return false
}

// Set is a list of globs read once, for matching many paths: the same answers as Match, without
// looking each glob's shape up again for every path.
type Set struct {
	shapes []*shape
	// dirs are the directories of the set's `**/dir/**` globs of one part: such a glob
	// matches a path one of whose parts is dir, which one pass over the path's parts
	// answers for all of them (instead of a search of the path for each).
	dirs []string
	// byParts: every glob is matched against the file name alone, or is a directory at any
	// depth whose last part is no Python file's name (ByParts).
	byParts bool
}

// Compile reads globs into a Set.
func Compile(globs []string) *Set {
	s := &Set{byParts: true}
	for _, g := range globs {
		sh := shapeOf(g)
		if sh.kind == anyDir && strings.IndexByte(sh.a, '/') < 0 {
			s.dirs = append(s.dirs, sh.a)
			s.byParts = s.byParts && !IsPythonName(sh.a)
			continue
		}
		s.shapes = append(s.shapes, sh)
		s.byParts = s.byParts && (sh.onName || sh.kind == anyDir && !IsPythonName(sh.a[strings.LastIndexByte(sh.a, '/')+1:]))
	}
	return s
}

// IsPythonName reports whether a file name is that of a Python file (.py or .pyi).
func IsPythonName(name string) bool {
	return strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi")
}

// Parts splits a path into its directory ("" for a file at the root) and its file name.
func Parts(path string) (dir, base string) {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
}

// ByParts reports whether the set answers for a Python file (IsPythonName) by the parts of
// its path: then Match(path) is MatchName(base) or the set's directory globs matching dir
// (CompileDirs, Parts), and what the
// directory answers holds for all of its files. Each glob is then matched against the file
// name alone (test_*.py), or is a directory at any depth (**/tests/**) whose last part is no
// Python file's name (a directory named x.py would match the file x.py too).
func (s *Set) ByParts() bool { return s.byParts }

// Dirs matches a directory against the directory globs of several sets at once (sets that
// answer by parts, ByParts): one pass over the directory's parts for all of them.
type Dirs struct {
	names  []dirName // the one-part directories (**/tests/**), each with the sets that have it
	shapes []setShape
	// last is the answer of MatchDirs for the directory asked last: a run asks for each
	// file, and a directory's files come one after the other (on the 850k-line bench
	// project, 4,628 files in 2,216 directories, the matching was a fifth of the settings
	// digest of a warm run).
	last atomic.Pointer[dirsAnswer]
}

type dirsAnswer struct {
	dir  string
	bits uint64
}

type dirName struct {
	name string
	sets uint64
}

type setShape struct {
	sh  *shape
	set int
}

// CompileDirs gathers the directory globs of up to 64 sets; set i is bit i of MatchDirs'
// answer. It returns nil when a set does not answer by parts, or there are more than 64.
func CompileDirs(sets []*Set) *Dirs {
	if len(sets) > 64 {
		return nil
	}
	d := &Dirs{}
	for i, s := range sets {
		if s == nil || !s.byParts {
			return nil
		}
	next:
		for _, name := range s.dirs {
			for k := range d.names {
				if d.names[k].name == name {
					d.names[k].sets |= 1 << i
					continue next
				}
			}
			d.names = append(d.names, dirName{name, 1 << i})
		}
		for _, sh := range s.shapes {
			if !sh.onName {
				d.shapes = append(d.shapes, setShape{sh, i})
			}
		}
	}
	return d
}

// MatchDirs returns the sets whose directory globs match dir (a directory at any depth is
// dir or holds it), as bits.
func (d *Dirs) MatchDirs(dir string) uint64 {
	if dir == "" {
		return 0
	}
	if a := d.last.Load(); a != nil && a.dir == dir {
		return a.bits
	}
	bits := d.matchDirs(dir)
	d.last.Store(&dirsAnswer{dir, bits})
	return bits
}

func (d *Dirs) matchDirs(dir string) uint64 {
	var bits uint64
	for _, x := range d.shapes {
		if x.sh.match(dir, "") {
			bits |= 1 << x.set
		}
	}
	if len(d.names) == 0 {
		return bits
	}
	for rest := dir; ; {
		part, after, more := strings.Cut(rest, "/")
		for k := range d.names {
			if len(part) == len(d.names[k].name) && part == d.names[k].name {
				bits |= d.names[k].sets
			}
		}
		if !more {
			return bits
		}
		rest = after
	}
}

// MatchName reports whether one of the globs matched against the file name alone matches
// base (ByParts).
func (s *Set) MatchName(base string) bool {
	for _, sh := range s.shapes {
		if sh.onName && sh.match(base, base) {
			return true
		}
	}
	return false
}

// Match reports whether one of the set's globs matches path (relative to the project root,
// slash-separated).
func (s *Set) Match(path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	for _, sh := range s.shapes {
		if sh.match(path, base) {
			return true
		}
	}
	if len(s.dirs) > 0 {
		for rest := path; ; {
			part, after, more := strings.Cut(rest, "/")
			for _, d := range s.dirs {
				if len(part) == len(d) && part == d {
					return true
				}
			}
			if !more {
				break
			}
			rest = after
		}
	}
	return false
}

// shape is a glob read once: how to match it.
type shape struct {
	glob   string
	onName bool   // no slash: matched against the file name
	kind   int    // literal, star, anyDir or other
	a, b   string // literal: a; star: prefix a, suffix b; anyDir: the directory a, and b "/a/"
}

const (
	literal = iota
	star
	anyDir
	other
)

// shapes holds the shape of every glob seen: a run matches the same few globs against
// every file, from several goroutines. The map is never changed once published: a new glob
// publishes a copy (copy on write), so that the lookup of every file is a plain map read.
var (
	shapes   atomic.Pointer[map[string]*shape]
	shapesMu sync.Mutex // serialises the writers
)

func shapeOf(glob string) *shape {
	if m := shapes.Load(); m != nil {
		if sh, ok := (*m)[glob]; ok {
			return sh
		}
	}
	const metas = `*?[]{}\`
	sh := &shape{glob: glob, onName: strings.IndexByte(glob, '/') < 0, kind: other}
	meta := strings.IndexAny(glob, metas)
	switch {
	case meta < 0:
		sh.kind, sh.a = literal, glob
	case sh.onName && glob[meta] == '*' && !strings.ContainsAny(glob[meta+1:], metas):
		sh.kind, sh.a, sh.b = star, glob[:meta], glob[meta+1:]
	case strings.HasPrefix(glob, "**/") && strings.HasSuffix(glob, "/**") && len(glob) > 6 &&
		!strings.ContainsAny(glob[3:len(glob)-3], metas) && !strings.Contains(glob, "//") &&
		glob[3] != '/' && glob[len(glob)-4] != '/':
		sh.kind, sh.a, sh.b = anyDir, glob[3:len(glob)-3], glob[2:len(glob)-2]
	}
	shapesMu.Lock()
	defer shapesMu.Unlock()
	old := shapes.Load()
	next := map[string]*shape{glob: sh}
	if old != nil {
		if had, ok := (*old)[glob]; ok {
			return had
		}
		for g, x := range *old {
			next[g] = x
		}
	}
	shapes.Store(&next)
	return sh
}

// matchOne matches one glob against path, whose file name is base.
func matchOne(glob, path, base string) bool {
	return shapeOf(glob).match(path, base)
}

// match matches the glob of sh against path, whose file name is base.
func (sh *shape) match(path, base string) bool {
	target := path
	if sh.onName {
		target = base
	}
	switch sh.kind {
	case literal:
		return target == sh.a
	case star: // name*suffix: the star matches any run of characters of the name
		return len(target) >= len(sh.a)+len(sh.b) && strings.HasPrefix(target, sh.a) && strings.HasSuffix(target, sh.b)
	case anyDir: // **/dir/** (or **/a/b/**): a path with dir as consecutive parts
		d := sh.a
		return strings.Contains(path, sh.b) || // "/dir/" inside
			len(path) > len(d) && path[len(d)] == '/' && path[:len(d)] == d || // "dir/" first
			path == d || len(path) > len(d) && path[len(path)-len(d)-1] == '/' && path[len(path)-len(d):] == d
	}
	ok, _ := doublestar.Match(sh.glob, target)
	return ok
}
