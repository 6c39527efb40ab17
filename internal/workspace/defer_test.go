package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
)

// TestDeferGraph checks that a load that leaves the graph to its first use (Options.DeferGraph)
// gives the problems of a load that makes it (those of imports that cannot be resolved among
// them, a stray stub's left out), then the same graph, with the cache cold and warm; and that
// Update on such a load replaces the edges of the graph as it was loaded.
func TestDeferGraph(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py":         "from . import a\n",
		"pkg/a.py":                "import os\nfrom . import b\nfrom ... import beyond\n",
		"pkg/b.py":                "from .a import f\nimport nowhere\n",
		"pkg/b.pyi":               "from .. import also_beyond\n",
		"pkg/sub/__init__.py":     "",
		"pkg/sub/c.py":            "from .. import a\nfrom .... import far\n",
		"script.py":               "import pkg.a\nfrom . import x\n",
		"django-stubs/models.pyi": "from ..db import Model\n", // a stray stub: not the project's problem
	}
	writeFiles(t, root, files)
	cfg := config.Default(root)
	eager, err := Load(cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	imports := 0
	for _, p := range eager.Problems {
		if p.Kind == "import" {
			imports++
		}
	}
	if imports < 3 {
		t.Fatalf("the fixture should have import problems, got %+v", eager.Problems)
	}
	cache := t.TempDir()
	for _, run := range []string{"no cache", "cold", "warm"} {
		opts := Options{DeferGraph: true}
		if run != "no cache" {
			opts.CacheDir, opts.Version = cache, "test"
		}
		ws, err := Load(cfg, opts)
		if err != nil {
			t.Fatal(err)
		}
		if ws.graph != nil {
			t.Errorf("%s: the graph was made by Load", run)
		}
		if !reflect.DeepEqual(ws.Problems, eager.Problems) {
			t.Errorf("%s: problems\n%+v\nwant\n%+v", run, ws.Problems, eager.Problems)
		}
		if !reflect.DeepEqual(ws.ImportGraph(), eager.ImportGraph()) {
			t.Errorf("%s: graph\n%+v\nwant\n%+v", run, ws.ImportGraph(), eager.ImportGraph())
		}
	}

	ws, err := Load(cfg, Options{DeferGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	src := "import json\nfrom pkg.sub import c\n"
	if !ws.Update("pkg/a.py", []byte(src)) {
		t.Fatal("Update(pkg/a.py) = false")
	}
	if !eager.Update("pkg/a.py", []byte(src)) {
		t.Fatal("Update(pkg/a.py) = false")
	}
	if !reflect.DeepEqual(ws.ImportGraph(), eager.ImportGraph()) || !reflect.DeepEqual(ws.Problems, eager.Problems) {
		t.Errorf("after Update: graph or problems differ from an eager load's:\n%+v\n%+v", ws.ImportGraph().Edges, eager.ImportGraph().Edges)
	}
}

// writeFiles writes the files (path relative to root, slash-separated, -> content) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
