package pathglob

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
)

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		glob, path string
		want       bool
	}{
		{"test_*.py", "a/b/test_x.py", true},
		{"test_*.py", "a/test_dir/x.py", false},
		{"tests/**", "tests/a/b.py", true},
		{"tests/**", "src/tests/b.py", false},
		{"**/tests/**", "src/tests/b.py", true},
		{"**/migrations/**", "app/migrations/0001_initial.py", true},
		{"conftest.py", "conftest.py", true},
	} {
		if got := Match([]string{c.glob}, c.path); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.glob, c.path, got, c.want)
		}
	}
}

// TestFastShapesAgreeWithDoublestar checks the globs matched without doublestar against
// doublestar itself, on the paths of a real tree (this repository's) and on edge cases.
func TestFastShapesAgreeWithDoublestar(t *testing.T) {
	globs := []string{
		"test_*.py", "*_test.py", "tests.py", "conftest.py", "**/tests/**", "**/test/**",
		"**/migrations/**", "**/alembic/versions/**", "**/_vendor/**", "**/vendor/**",
		"*", "*.py", "a*", "*a", "setup.py", "**/x/**", "x/**", "**/x", "te*st.py",
		"**/x/y/**", "**/a/b/c/**", "**//x/**", "**/x//**",
	}
	paths := []string{
		"tests", "tests/a.py", "a/tests", "a/tests/b.py", "a/testsx/b.py", "a/xtests/b.py",
		"test_.py", "test_x.py", "a/test_x.py", "test_", "x_test.py", "_test.py", "conftest.py",
		"a/conftest.py", "aconftest.py", "x", "x/y", "a/x/y", "a/x", "tes.py", "test.py",
		"a/b/c/d.py", "", "a", "vendor/a/b.py", "pip/_vendor/rich/x.py", "x/y", "x/y/z.py",
		"a/x/y/z.py", "a/x/yy/z.py", "a/xx/y/z.py", "a/x/y", "ab/c", "a/b/c", "a/b/cd", "q/a/b/c/d",
		"x//y", "a//x/b",
	}
	_ = filepathWalk("..", func(p string) { paths = append(paths, p) })
	n := 0
	for _, glob := range globs {
		for _, p := range paths {
			base := p[strings.LastIndexByte(p, '/')+1:]
			target := p
			if !strings.Contains(glob, "/") {
				target = base
			}
			want, _ := doublestar.Match(glob, target)
			if got := matchOne(glob, p, base); got != want {
				t.Errorf("matchOne(%q, %q) = %v, doublestar says %v", glob, p, got, want)
			}
			n++
		}
	}
	if len(paths) < 100 {
		t.Fatalf("only %d paths walked: the comparison needs a real tree", len(paths))
	}
	// A compiled Set answers as Match does, for each glob alone and for lists of them.
	lists := [][]string{nil, globs[:6], globs[6:10], globs[10:], globs}
	for _, g := range globs {
		lists = append(lists, []string{g})
	}
	for _, list := range lists {
		set := Compile(list)
		for _, p := range paths {
			if got, want := set.Match(p), Match(list, p); got != want {
				t.Errorf("Compile(%q).Match(%q) = %v, Match says %v", list, p, got, want)
			}
			n++
		}
	}
	// A Set that answers by parts answers as Match does for every Python file: by its
	// file name or its directory. Directories named like Python files make a Set that
	// does not.
	lists = append(lists, []string{"**/x.py/**"}, []string{"**/a/x.pyi/**", "test_*.py"}, []string{"x/**"}, []string{"*.py", "**/t.py"})
	byParts := 0
	for _, list := range lists {
		set := Compile(list)
		if !set.ByParts() {
			continue
		}
		byParts++
		for _, p := range append(paths, "x.py/x.py", "a/x.py/b/x.py", "a/x.pyi/x.pyi", "x.py") {
			dir, base := Parts(p)
			if !IsPythonName(base) {
				continue
			}
			if got, want := set.MatchName(base) || CompileDirs([]*Set{set}).MatchDirs(dir) != 0, Match(list, p); got != want {
				t.Errorf("Compile(%q) by parts of %q = %v, Match says %v", list, p, got, want)
			}
			n++
		}
	}
	// Dirs answers for all the sets at once what each answers for a directory.
	var sets []*Set
	for _, list := range lists {
		if set := Compile(list); set.ByParts() {
			sets = append(sets, set)
		}
	}
	dirs := CompileDirs(sets)
	if dirs == nil {
		t.Fatal("CompileDirs of sets that answer by parts: nil")
	}
	for _, p := range paths {
		dir, _ := Parts(p)
		var want uint64
		for i, set := range sets {
			want |= CompileDirs([]*Set{set}).MatchDirs(dir) << i
		}
		if got := dirs.MatchDirs(dir); got != want {
			t.Errorf("MatchDirs(%q) = %b, the sets one by one %b", dir, got, want)
		}
	}
	if CompileDirs(append(sets, Compile([]string{"x/**"}))) != nil {
		t.Error("CompileDirs of a set that does not answer by parts")
	}
	for _, list := range [][]string{{"**/x.py/**"}, {"**/a/x.pyi/**", "test_*.py"}, {"x/**"}, {"*.py", "**/t.py"}} {
		if Compile(list).ByParts() {
			t.Errorf("Compile(%q) answers by parts", list)
		}
	}
	if byParts < 10 {
		t.Errorf("only %d sets answer by parts: the default scopes' globs should", byParts)
	}
	t.Logf("%d comparisons", n)
}

// filepathWalk calls f with the slash-separated path, relative to root, of every file and
// directory under root.
func filepathWalk(root string, f func(string)) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if rel, err := filepath.Rel(root, p); err == nil && rel != "." {
			f(filepath.ToSlash(rel))
		}
		return nil
	})
}
