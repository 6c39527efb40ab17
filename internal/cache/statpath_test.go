//go:build linux || darwin

package cache

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestStatPath: statPath answers as syscall.Stat does, for a file, a directory, a link, a
// missing path, a path with a NUL and one longer than its buffer; and allocates nothing.
func TestStatPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.py")
	if err := os.WriteFile(file, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, filepath.Join(dir, "link.py")); err != nil {
		t.Fatal(err)
	}
	long := longDir(t, dir)
	for _, p := range []string{file, dir, filepath.Join(dir, "link.py"), filepath.Join(dir, "missing.py"), file + "\x00x", long, "relative-missing"} {
		var got, want syscall.Stat_t
		gotErr, wantErr := statPath(p, &got), syscall.Stat(p, &want)
		if gotErr != wantErr || got != want {
			t.Errorf("%.60q: statPath = %v, %+v; syscall.Stat = %v, %+v", p, gotErr, got.Ino, wantErr, want.Ino)
		}
	}
	var st syscall.Stat_t
	if n := testing.AllocsPerRun(50, func() { _ = statPath(file, &st) }); n > 0 && runtime.GOOS == "linux" && (runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64") {
		t.Errorf("statPath allocates %.0f times a call", n)
	}
}

// TestRootStat: a stat from the root's descriptor answers as syscall.Stat of the whole path
// does, for paths under the root (a file, a directory, a link, a missing one, one with a NUL,
// one longer than the buffer), the root itself and a path outside it; it allocates nothing;
// and close lets the descriptor go (where there is one).
func TestRootStat(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	sub := filepath.Join(root, "pkg")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(sub, "a.py")
	for _, f := range []string{file, filepath.Join(outside, "b.py")} {
		if err := os.WriteFile(f, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "b.py"), filepath.Join(sub, "link.py")); err != nil {
		t.Fatal(err)
	}
	long := longDir(t, sub)
	r := openRoot(root)
	if r == nil && runtime.GOOS == "linux" && (runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64") {
		t.Fatal("openRoot gave nothing")
	}
	paths := []string{file, sub, filepath.Join(sub, "link.py"), filepath.Join(sub, "missing.py"), file + "\x00x", long, root, root + "/", filepath.Join(outside, "b.py"), outside}
	for _, p := range paths {
		var got, want syscall.Stat_t
		gotErr, wantErr := r.stat(p, &got), syscall.Stat(p, &want)
		if gotErr != wantErr || got != want {
			t.Errorf("%.60q: rootDir.stat = %v, %+v; syscall.Stat = %v, %+v", p, gotErr, got.Ino, wantErr, want.Ino)
		}
	}
	var st syscall.Stat_t
	if n := testing.AllocsPerRun(50, func() { _ = r.stat(file, &st) }); n > 0 && r != nil {
		t.Errorf("rootDir.stat allocates %.0f times a call", n)
	}
	checkRootClose(t, r)
}

// longDir makes a directory below dir whose path is longer than statPath's buffer.
func longDir(t *testing.T, dir string) string {
	t.Helper()
	long := dir
	for len(long) < 700 {
		long = filepath.Join(long, strings.Repeat("d", 60))
	}
	if err := os.MkdirAll(long, 0o755); err != nil {
		t.Fatal(err)
	}
	return long
}
