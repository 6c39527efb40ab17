package workspace

import (
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
)

// TestUpdate gives a file new text, as an editor's unsaved buffer: the workspace's summary,
// problems and graph are those of a load of the project with that text on disk; an edit
// that keeps the imports keeps the graph; a file of no project is left alone.
func TestUpdate(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py": "",
		"pkg/a.py":        "import os\nfrom . import b\n\ndef f(x):\n    return b.g(x)\n",
		"pkg/b.py":        "def g(x):\n    return x\n",
		"pkg/c.py":        "from pkg import a\nimport nowhere\n",
		"pkg/c.pyi":       "import pkg.b\n",
	}
	write := func() { writeFiles(t, root, files) }
	write()
	cfg := config.Default(root)
	ws, err := Load(cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string) {
		t.Helper()
		write()
		want, err := Load(cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ws.ImportGraph().Edges, want.ImportGraph().Edges) || !reflect.DeepEqual(ws.ImportGraph().Modules, want.ImportGraph().Modules) {
			t.Errorf("%s: the graph differs from a load:\n%+v\nwant\n%+v", what, ws.ImportGraph().Edges, want.ImportGraph().Edges)
		}
		if !reflect.DeepEqual(ws.Problems, want.Problems) {
			t.Errorf("%s: problems %+v, want %+v", what, ws.Problems, want.Problems)
		}
		for i, f := range ws.Files {
			if !reflect.DeepEqual(f, want.Files[i]) {
				t.Errorf("%s: %s differs from a load", what, f.Rel)
			}
		}
	}
	update := func(rel, src string) {
		t.Helper()
		if !ws.Update(rel, []byte(src)) {
			t.Fatalf("Update(%s) = false", rel)
		}
		files[rel] = src
		if b, err := ws.ReadFile(rel); err != nil || string(b) != src {
			t.Errorf("ReadFile(%s) = %q, %v", rel, b, err)
		}
	}

	update("pkg/a.py", "import os\nimport json\nfrom pkg.c import x\n\ndef f(x):\n    return x\n")
	same("imports changed")
	update("pkg/c.py", "from pkg import a\n\n\nimport nowhere.else_\ndef (:\n")
	same("a syntax error and an import moved")
	g := ws.ImportGraph()
	update("pkg/b.py", "def g(x):\n    return x + 1\n")
	same("imports kept")
	if ws.ImportGraph() != g {
		t.Error("an edit that keeps the imports built a new graph")
	}
	update("pkg/c.pyi", "import os\n") // the .py's imports are the module's
	same("a stub beside its module")
	if ws.ImportGraph() != g {
		t.Error("a stub's edit changed the graph")
	}
	if ws.Update("elsewhere/d.py", []byte("import os\n")) {
		t.Error("Update of a file that is not in the project = true")
	}
}
