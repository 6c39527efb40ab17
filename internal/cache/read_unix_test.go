//go:build linux || darwin

package cache

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/summary"
)

// TestNamedPipe: a named pipe where a file was (put there after the files were found) is an
// error for its file, never a run that waits forever for a writer.
func TestNamedPipe(t *testing.T) {
	p := newProject(t)
	path := filepath.Join(p.dir, "pipe.py")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	c, _ := Open(p.cacheDir(), p.dir, "test", identityA)
	defer c.Close()
	done := make(chan summary.Cached, 1)
	in := summary.Input{Path: path, Rel: "pipe.py"}
	go func() { done <- c.Get(in, one(in), 0) }()
	select {
	case r := <-done:
		if !errors.Is(r.Err, summary.ErrNotRegular) {
			t.Errorf("a named pipe: %+v, want the error %v", r, summary.ErrNotRegular)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Get of a named pipe is still waiting after 10 s")
	}
}
