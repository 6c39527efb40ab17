//go:build linux && (amd64 || arm64)

package cache

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/buttresspy/buttress/internal/project"
)

// checkRootClose checks that close lets the root's descriptor go.
func checkRootClose(t *testing.T, r *rootDir) {
	t.Helper()
	fd := r.fd
	r.close()
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != syscall.EBADF {
		t.Errorf("after close, fstat of the root's descriptor gave %v, want EBADF", err)
	}
}

// TestRootLetGo: a cache and listings let their root's descriptor go when they are closed or
// abandoned (the server opens them again and again).
func TestRootLetGo(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, DirName)
	open := func() int {
		es, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	before := open()
	for i := 0; i < 3; i++ {
		c, _ := Open(dir, root, "p", []byte("id"))
		c.Close()
		c, _ = Open(dir, root, "p", []byte("id"))
		c.Abandon()
		l, _ := OpenListings(dir, root, project.ReadDirStat)
		l.Close()
		l, _ = OpenListings(dir, root, project.ReadDirStat)
		l.Abandon()
	}
	if after := open(); after != before {
		t.Errorf("%d descriptors open after, %d before", after, before)
	}
}
