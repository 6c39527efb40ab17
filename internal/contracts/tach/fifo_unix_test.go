//go:build unix

package tach

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLoadNamedPipes: a tach.toml, a pyproject.toml, a tach.domain.toml, a .gitignore or a
// .git/info/exclude that is a named pipe is never opened (the read would wait for a writer
// forever): the configuration files are errors that name them, the ignore files are passed
// over.
func TestLoadNamedPipes(t *testing.T) {
	mkfifo := func(root, name string) {
		if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(name)), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	load := func(root string) (*Config, error) {
		type result struct {
			cfg *Config
			err error
		}
		done := make(chan result, 1)
		go func() {
			cfg, err := Load(root)
			done <- result{cfg, err}
		}()
		select {
		case r := <-done:
			return r.cfg, r.err
		case <-time.After(20 * time.Second):
			t.Fatal("Load blocked on a named pipe")
		}
		return nil, nil
	}
	for _, name := range []string{"tach.toml", "pyproject.toml"} {
		root := write(t, map[string]string{"app/__init__.py": ""})
		mkfifo(root, name)
		_, err := load(root)
		if want := name + ": is a named pipe, not a file (buttress reads tach's configuration from it)"; err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", name, err, want)
		}
	}

	root := write(t, map[string]string{
		"tach.toml":        "[[modules]]\npath = \"app\"\ndepends_on = []\n",
		"app/__init__.py":  "",
		"lib/__init__.py":  "",
		".git/info/.keep":  "",
		"other/.gitignore": "",
	})
	mkfifo(root, ".gitignore")
	mkfifo(root, ".git/info/exclude")
	mkfifo(root, "lib/tach.domain.toml")
	_, err := load(root)
	if want := "lib/tach.domain.toml: is a named pipe, not a file (buttress reads tach's configuration from it)"; err == nil || err.Error() != want {
		t.Errorf("tach.domain.toml: got %v, want %s", err, want)
	}
}
