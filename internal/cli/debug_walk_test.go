package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestCollectPyFilesAsWalkDir checks that collectPyFiles finds the files, by the same paths,
// that filepath.WalkDir finds: roots given as ".", with a trailing slash or a "./", files
// and directories named *.py, and links (not followed).
func TestCollectPyFilesAsWalkDir(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.py", "b.txt", "sub/c.py", "sub/deeper/d.py", "sub-x.py", "dir.py/e.py", "sub/.hidden.py"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "a.py"), filepath.Join(dir, "link.py")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	walkDir := func(root string) []string {
		var files []string
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && strings.HasSuffix(path, ".py") {
				files = append(files, path)
			}
			return nil
		})
		sort.Strings(files)
		return files
	}
	t.Chdir(dir)
	for _, root := range []string{dir, dir + "/", dir + "/./sub", ".", "./", "sub", "./sub/", "linkdir"} {
		got, err := collectPyFiles([]string{root})
		if err != nil {
			t.Fatal(err)
		}
		if want := walkDir(root); !slices.Equal(got, want) {
			t.Errorf("collectPyFiles(%q) = %q, WalkDir finds %q", root, got, want)
		}
	}
}
