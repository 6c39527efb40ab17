//go:build unix

package config

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileNotRegular: pipes, sockets and devices are refused without being opened, at
// once: a read that blocked would hang the test (it has a deadline of its own).
func TestReadFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A socket path must be short: make it relative to the directory.
	t.Chdir(dir)
	l, err := net.Listen("unix", "sock")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := os.Symlink("/dev/null", filepath.Join(dir, "null")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("pipe", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"pipe": "is a named pipe, not a file",
		"sock": "is a socket, not a file",
		"null": "is a character device, not a file",
		"link": "is a named pipe, not a file",
	} {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(filepath.Join(dir, name))
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != filepath.Join(dir, name)+": "+want || !IsNotRegular(err) {
				t.Errorf("%s: %v", name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: ReadFile blocked", name)
		}
	}
	if data, err := ReadIfExists(dir, "pipe", "import-linter's configuration"); data != nil ||
		err == nil || err.Error() != "pipe: is a named pipe, not a file (buttress reads import-linter's configuration from it)" {
		t.Errorf("ReadIfExists: %v", err)
	}
}

// TestReadFilePermissions: a directory that cannot be searched is named as the culprit. Root
// can search anything: the case is then only checked for a file that cannot be opened.
func TestReadFilePermissions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"locked/sub/tach.toml": "", "secret.toml": ""})
	if err := os.Chmod(filepath.Join(dir, "secret.toml"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "locked"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked"), 0o755) })
	if os.Geteuid() == 0 {
		t.Skip("root reads and searches everything: the cases run unprivileged in the CLI's script permissions.txtar")
	}
	_, err := ReadFile(filepath.Join(dir, "secret.toml"))
	if err == nil || err.Error() != filepath.Join(dir, "secret.toml")+": permission denied" {
		t.Errorf("unreadable file: %v", err)
	}
	_, err = ReadFile(filepath.Join(dir, "locked", "sub", "tach.toml"))
	want := filepath.Join(dir, "locked") + ": permission denied: cannot look for sub/tach.toml in this directory"
	if err == nil || err.Error() != want {
		t.Errorf("unsearchable directory: %v\nwant %s", err, want)
	}
	_, err = ReadIfExists(filepath.Join(dir, "locked"), "sub/tach.toml", "tach's configuration")
	if err == nil || !strings.HasPrefix(err.Error(), ".: permission denied: cannot look for sub/tach.toml") {
		t.Errorf("ReadIfExists: %v", err)
	}
}
