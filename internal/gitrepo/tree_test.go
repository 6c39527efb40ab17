package gitrepo

import (
	"os"
	"path/filepath"
	"testing"
)

// TestListTreeAndReadBlobs: the files of a commit are read from git's objects, not from the
// work tree, which has moved on; symbolic links are left out.
func TestListTreeAndReadBlobs(t *testing.T) {
	dir, git := repo(t)
	write(t, dir, "pkg/__init__.py", "old = 1\n")
	write(t, dir, "pkg/sub/mod.py", "x = 1\n")
	write(t, dir, "other/a.py", "")
	if err := os.Symlink("__init__.py", filepath.Join(dir, "pkg", "link.py")); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	write(t, dir, "pkg/__init__.py", "new = 2\n")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	commit, err := r.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.ListTree(commit, "pkg")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Path != "pkg/__init__.py" || files[1].Path != "pkg/sub/mod.py" {
		t.Fatalf("ListTree: %+v", files)
	}
	blobs, err := r.ReadBlobs([]string{files[0].OID, files[1].OID})
	if err != nil {
		t.Fatal(err)
	}
	if string(blobs[files[0].OID]) != "old = 1\n" || string(blobs[files[1].OID]) != "x = 1\n" {
		t.Errorf("ReadBlobs: %q", blobs)
	}
	if _, err := r.ReadBlobs([]string{"0123456789012345678901234567890123456789"}); err == nil {
		t.Error("a missing object is no error")
	}
}
