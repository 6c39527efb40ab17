//go:build unix

package project

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestNotRegular(t *testing.T) {
	root := tree(t, "a.py")
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.py"), 0o644); err != nil {
		t.Skip("no fifos here:", err)
	}
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{"a.py a"})
	same(t, "problems", problems(p), []string{"not-regular pipe.py: is a named pipe, not a file: not read"})
}

// TestIgnoreFilesNotRegular: a .gitignore, a .git/info/exclude or a .git file that is a named
// pipe is never opened (the walk would wait for a writer forever): the ignore file is a
// problem, and the walk goes on.
func TestIgnoreFilesNotRegular(t *testing.T) {
	root := tree(t, "a.py", "sub/b.py", "sub/.gitignore/", "wt/c.py", ".git/info/")
	for _, p := range []string{".gitignore", ".git/info/exclude", "wt/.git"} {
		if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(p)), 0o644); err != nil {
			t.Skip("no fifos here:", err)
		}
	}
	done := make(chan *Project, 1)
	go func() { done <- discover(t, root, nil) }()
	var p *Project
	select {
	case p = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the walk blocked on a named pipe")
	}
	same(t, "files", files(p), []string{"a.py a", "sub/b.py sub.b", "wt/c.py wt.c"})
	same(t, "problems", problems(p), []string{
		"not-regular .git/info/exclude: is a named pipe, not a file: its ignore patterns are not read",
		"not-regular .gitignore: is a named pipe, not a file: its ignore patterns are not read",
		"not-regular sub/.gitignore: is a directory, not a file: its ignore patterns are not read",
	})
	// The project root itself in a git work tree whose .git is a pipe.
	p = discover(t, filepath.Join(root, "wt"), nil)
	same(t, "files", files(p), []string{"c.py c"})
}
