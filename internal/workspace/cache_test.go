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
	writeFiles(t, root, map[string]string{
		"pkg/__init__.py": "from .a import f\n__all__ = ['f']\n",
		"pkg/a.py":        "import os\nfrom . import b\n\ndef f(x):\n    return b.g(x)\n",
		"pkg/b.py":        "from pkg import a\n\ndef g(x):\n    return x\n",
		"pkg/broken.py":   "def (:\n",
		"pkg/missing.py":  "import nowhere.near\nfrom . import absent\n",
	})
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
		if !reflect.DeepEqual(ws.ImportGraph(), plain.ImportGraph()) || !reflect.DeepEqual(ws.Problems, plain.Problems) {
			t.Errorf("%s: the graph or the problems differ from a load without the cache", run)
		}
		for i, f := range ws.Files {
			if !reflect.DeepEqual(f.Decoded(), plain.Files[i]) {
				t.Errorf("%s: %s differs", run, f.Rel)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Error(err)
	}
	// The cache keeps each file's resolved imports for a project of the same modules: a new
	// module (a file, an extension module, a package), or one gone, makes the unchanged
	// files resolve again. pkg/missing.py's `from . import absent` resolves to pkg.absent
	// once that module exists.
	for _, step := range []struct{ name, create, remove string }{
		{"a new module", "pkg/absent.py", ""},
		{"the module gone", "", "pkg/absent.py"},
		{"an extension module", "pkg/absent.cpython-311-x86_64-linux-gnu.so", ""},
		{"the extension gone", "", "pkg/absent.cpython-311-x86_64-linux-gnu.so"},
		{"a package", "pkg/absent/__init__.py", ""},
		{"the package gone", "", "pkg/absent/__init__.py"},
	} {
		if step.create != "" {
			p := filepath.Join(root, filepath.FromSlash(step.create))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Remove(filepath.Join(root, filepath.FromSlash(step.remove))); err != nil {
			t.Fatal(err)
		}
		plain, err := Load(cfg, Options{Metrics: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, run := range []string{"first", "second"} {
			ws, err := Load(cfg, Options{Metrics: true, CacheDir: dir, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ws.ImportGraph(), plain.ImportGraph()) || !reflect.DeepEqual(ws.Problems, plain.Problems) {
				t.Errorf("%s, %s run: the graph or the problems differ from a load without the cache:\n%v\n%v", step.name, run, ws.ImportGraph().Edges, plain.ImportGraph().Edges)
			}
		}
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

// TestLoadCachedStubResolved: a stub's imports are not resolved while its module has a .py
// (the .py's count), so a run that changes the modules then keeps none for it: when the .py
// goes, the stub resolves against the modules of that run, not those of the run before.
func TestLoadCachedStubResolved(t *testing.T) {
	root := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, "pkg", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("__init__.py", "")
	write("s.pyi", "from . import absent\n")
	cfg := config.Default(root)
	dir := filepath.Join(t.TempDir(), "cache")
	for _, step := range []func(){
		func() {},
		func() { write("s.py", "import os\n"); write("absent.py", "") },
		func() {
			if err := os.Remove(filepath.Join(root, "pkg", "s.py")); err != nil {
				t.Fatal(err)
			}
		},
	} {
		step()
		plain, err := Load(cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ws, err := Load(cfg, Options{CacheDir: dir, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ws.ImportGraph(), plain.ImportGraph()) {
			t.Errorf("the graph differs from a load without the cache:\n%v\n%v", ws.ImportGraph().Edges, plain.ImportGraph().Edges)
		}
	}
}
