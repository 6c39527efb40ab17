//go:build unix

package mypyconfig

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestNamedPipe: a named pipe is never opened, which would block the run.
func TestNamedPipe(t *testing.T) {
	dir := project(t, map[string]string{"setup.cfg": "[mypy]\nstrict = true\n"})
	if err := syscall.Mkfifo(filepath.Join(dir, "mypy.ini"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	_, err := Load(dir)
	if err == nil || err.Error() != "mypy.ini: is a named pipe, not a file" {
		t.Errorf("got %v", err)
	}
}
