//go:build unix

package importlinter

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLoadNamedPipes: a setup.cfg, .importlinter or pyproject.toml that is a named pipe is
// never opened (the read would wait for a writer forever): it is an error that names it.
func TestLoadNamedPipes(t *testing.T) {
	for _, name := range []string{"setup.cfg", ".importlinter", "pyproject.toml"} {
		root := t.TempDir()
		if name == "pyproject.toml" {
			if err := os.WriteFile(filepath.Join(root, ".importlinter"), []byte("[other]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := syscall.Mkfifo(filepath.Join(root, name), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := Load(root)
			done <- err
		}()
		select {
		case err := <-done:
			if want := name + ": is a named pipe, not a file (buttress reads import-linter's configuration from it)"; err == nil || err.Error() != want {
				t.Errorf("%s: got %v, want %s", name, err, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: Load blocked on a named pipe", name)
		}
	}
}
