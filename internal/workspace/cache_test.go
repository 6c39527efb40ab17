package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
)

// TestLoadCached loads a project twice through the cache: the second load's files, graph
// and problems are those of a load without it, and nothing is said; a cache that cannot be
// made is a notice, and the load goes on without it.
func TestLoadCached(t *testing.T) {
	root := t.TempDir()
	for name, src := range map[string]string{
		"pkg/__init__.py": "from .a import f\n__all__ = ['f']\n",
		"pkg/a.py":        "import os\nfrom . import b\n\ndef f(x):\n    return b.g(x)\n",
		"pkg/b.py":        "from pkg import a\n\ndef g(x):\n    return x\n",
		"pkg/broken.py":   "def (:\n",
		"pkg/missing.py":  "import nowhere.near\nfrom . import absent\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config.Default(root)
	plain, err := Load(cfg, Options{Metrics: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "cache")
	for _, run := range []string{"cold", "warm"} {
		ws, err := Load(cfg, Options{Metrics: true, CacheDir: dir, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ws.Notices) > 0 {
			t.Errorf("%s: notices %v", run, ws.Notices)
		}
		if !reflect.DeepEqual(ws.Graph, plain.Graph) || !reflect.DeepEqual(ws.Problems, plain.Problems) {
			t.Errorf("%s: the graph or the problems differ from a load without the cache", run)
		}
		for i, f := range ws.Files {
			if !reflect.DeepEqual(f, plain.Files[i]) {
				t.Errorf("%s: %s differs", run, f.Rel)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Error(err)
	}
	blocked := filepath.Join(root, "pkg", "a.py", "cache") // under a file
	ws, err := Load(cfg, Options{CacheDir: blocked, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Notices) != 1 || !strings.Contains(ws.Notices[0].Msg, "going on without a cache") || len(ws.Files) != len(plain.Files) {
		t.Errorf("a cache that cannot be made: %v, %d files", ws.Notices, len(ws.Files))
	}
}
