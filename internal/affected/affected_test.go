package affected_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/affected"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/workspace"
)

// load writes files (path: content) into a temporary project and loads it.
func load(t *testing.T, files map[string]string) affected.Project {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Discover(root)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load(cfg, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := affected.Project{Graph: ws.ImportGraph()}
	for _, f := range ws.Files {
		p.Files = append(p.Files, affected.File{Rel: f.Rel, Module: f.Module})
	}
	return p
}

var project = map[string]string{
	"pyproject.toml":          "[tool.buttress]\n",
	"app/__init__.py":         "",
	"app/core/__init__.py":    "",
	"app/core/models.py":      "X = 1\n",
	"app/core/util.py":        "",
	"app/api.py":              "from .core import models\n",
	"app/lazy.py":             "def f():\n    from app.core import util\n",
	"app/typed.py":            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.core import util\nelse:\n    import app.core\n",
	"app/stub.pyi":            "",
	"app/stub.py":             "",
	"tests/__init__.py":       "",
	"tests/conftest.py":       "import app.api\n",
	"tests/test_api.py":       "from app import api\n",
	"tests/test_lazy.py":      "import app.lazy\n",
	"tests/test_typed.py":     "import app.typed\n",
	"tests/test_stub.py":      "import app.stub\n",
	"tests/unit/helpers.py":   "",
	"tests/unit/test_deep.py": "from tests.unit import helpers\n",
	"other/conftest.py":       "import app.core.util\n",
	"other/test_other.py":     "",
	"other/gone_test.py":      "import app.gone\nfrom app import removed\n",
	"app/tests.py":            "import app.core.models\n",
}

func TestFind(t *testing.T) {
	p := load(t, project)
	all := []string{"app/tests.py", "other/gone_test.py", "other/test_other.py", "tests/test_api.py", "tests/test_lazy.py", "tests/test_stub.py", "tests/test_typed.py", "tests/unit/test_deep.py"}
	for _, c := range []struct {
		changed []string
		tests   []string
	}{
		// Through a relative import, and through tests/conftest.py for every test below it.
		{[]string{"app/core/models.py"}, []string{"app/tests.py", "tests/test_api.py", "tests/test_lazy.py", "tests/test_stub.py", "tests/test_typed.py", "tests/unit/test_deep.py"}},
		// Inside a function: yes; under TYPE_CHECKING: no; other/conftest.py: its tests.
		{[]string{"app/core/util.py"}, []string{"other/gone_test.py", "other/test_other.py", "tests/test_lazy.py"}},
		// A package's __init__ runs for every module below it, the test's own packages too.
		{[]string{"app/core/__init__.py"}, []string{"app/tests.py", "other/gone_test.py", "other/test_other.py", "tests/test_api.py", "tests/test_lazy.py", "tests/test_stub.py", "tests/test_typed.py", "tests/unit/test_deep.py"}},
		{[]string{"tests/__init__.py"}, []string{"tests/test_api.py", "tests/test_lazy.py", "tests/test_stub.py", "tests/test_typed.py", "tests/unit/test_deep.py"}},
		{[]string{"tests/unit/helpers.py"}, []string{"tests/unit/test_deep.py"}},
		// A stub is its module.
		{[]string{"app/stub.pyi"}, []string{"tests/test_stub.py"}},
		// A test file itself; a deleted one is not listed (pytest would not find it).
		{[]string{"tests/test_lazy.py", "tests/test_removed.py"}, []string{"tests/test_lazy.py"}},
		// Deleted modules: whatever imports them by name.
		{[]string{"app/gone.py"}, []string{"other/gone_test.py"}},
		{[]string{"app/removed/__init__.py"}, []string{"other/gone_test.py"}},
		// Files the graph does not see.
		{[]string{"README.md", "app/data.json"}, nil},
		// Configuration: every test.
		{[]string{"pyproject.toml"}, all},
		{[]string{"requirements-dev.txt"}, all},
		{[]string{"requirements/base.txt"}, all},
	} {
		got := affected.Find(p, c.changed, affected.Options{})
		if !reflect.DeepEqual(got.Tests, c.tests) {
			t.Errorf("%v:\n got %v\nwant %v", c.changed, got.Tests, c.tests)
		}
	}
}

func TestReasons(t *testing.T) {
	p := load(t, project)
	got := affected.Find(p, []string{"app/core/models.py", "./tests/unit/../test_lazy.py"}, affected.Options{})
	if want := []string{"app/core/models.py", "tests/test_lazy.py"}; !reflect.DeepEqual(got.Changed, want) {
		t.Errorf("Changed = %v, want %v", got.Changed, want)
	}
	for test, want := range map[string]affected.Reason{
		"tests/test_api.py":       {Chain: []string{"tests.test_api", "app.api", "app.core.models"}},
		"tests/test_lazy.py":      {Chain: []string{"tests.test_lazy"}},
		"tests/unit/test_deep.py": {Conftest: "tests/conftest.py", Chain: []string{"tests.conftest", "app.api", "app.core.models"}},
		"app/tests.py":            {Chain: []string{"app.tests", "app.core.models"}},
	} {
		if r := got.Why[test]; !reflect.DeepEqual(r, want) {
			t.Errorf("Why[%s] = %+v, want %+v", test, r, want)
		}
	}
	if want := []string{"app.api", "app.core.models", "app.tests", "tests.conftest", "tests.test_api", "tests.test_lazy"}; !reflect.DeepEqual(got.Modules, want) {
		t.Errorf("Modules = %v", got.Modules)
	}

	got = affected.Find(p, []string{"app/gone.py"}, affected.Options{})
	if r := got.Why["other/gone_test.py"]; !r.Deleted || !reflect.DeepEqual(r.Chain, []string{"other.gone_test", "app.gone"}) {
		t.Errorf("a deleted module: %+v", r)
	}
	if !reflect.DeepEqual(got.Modules, []string{"app.gone", "other.gone_test"}) {
		t.Errorf("a deleted module: Modules = %v", got.Modules)
	}

	got = affected.Find(p, []string{"app/api.py", "setup.cfg"}, affected.Options{})
	if got.Why["other/test_other.py"].All != "setup.cfg" || !reflect.DeepEqual(got.All, []string{"setup.cfg"}) {
		t.Errorf("affected-all: %+v, All %v", got.Why["other/test_other.py"], got.All)
	}
	// A test reached both ways says how it is reached by the graph.
	if r := got.Why["tests/test_api.py"]; r.All != "" || len(r.Chain) != 2 {
		t.Errorf("a test reached by the graph and by affected-all: %+v", r)
	}
}

func TestOptions(t *testing.T) {
	p := load(t, project)
	o := affected.Options{Tests: []string{"tests/unit/*.py", "check_*.py"}, All: []string{"app/data.json"}}
	got := affected.Find(p, []string{"tests/unit/helpers.py"}, o)
	if want := []string{"tests/unit/helpers.py", "tests/unit/test_deep.py"}; !reflect.DeepEqual(got.Tests, want) {
		t.Errorf("custom test globs: %v, want %v", got.Tests, want)
	}
	got = affected.Find(p, []string{"app/data.json"}, o)
	if want := []string{"tests/unit/helpers.py", "tests/unit/test_deep.py"}; !reflect.DeepEqual(got.Tests, want) {
		t.Errorf("custom affected-all: %v, want %v", got.Tests, want)
	}
	got = affected.Find(p, []string{"pyproject.toml"}, affected.Options{All: []string{}})
	if len(got.Tests) != 0 {
		t.Errorf("affected-all = [] still affects every test: %v", got.Tests)
	}
}

// TestScripts: a test in a directory whose name is no identifier, outside any package, is
// no module but a script, which the graph names by its path.
func TestScripts(t *testing.T) {
	p := load(t, map[string]string{
		"pyproject.toml":        "[tool.buttress]\nsource-roots = [\"src\", \".\"]\n",
		"src/app/__init__.py":   "",
		"src/app/m.py":          "",
		"src/app/n.py":          "",
		"e2e-tests/conftest.py": "",
		"e2e-tests/test_m.py":   "from app import m\n",
		"e2e-tests/test_n.py":   "import app.n\n",
	})
	got := affected.Find(p, []string{"src/app/m.py"}, affected.Options{})
	if !reflect.DeepEqual(got.Tests, []string{"e2e-tests/test_m.py"}) || !reflect.DeepEqual(got.Why["e2e-tests/test_m.py"].Chain, []string{"e2e-tests/test_m.py", "app.m"}) {
		t.Errorf("a script: %v %+v", got.Tests, got.Why)
	}
	if !reflect.DeepEqual(got.Modules, []string{"app.m"}) {
		t.Errorf("Modules = %v: scripts are no modules", got.Modules)
	}
	got = affected.Find(p, []string{"e2e-tests/conftest.py"}, affected.Options{})
	if !reflect.DeepEqual(got.Tests, []string{"e2e-tests/test_m.py", "e2e-tests/test_n.py"}) {
		t.Errorf("a conftest.py that is a script: %v", got.Tests)
	}
	got = affected.Find(p, []string{"src/app/gone.py"}, affected.Options{})
	if len(got.Tests) != 0 || !reflect.DeepEqual(got.Modules, []string{"app.gone"}) {
		t.Errorf("a deleted module under src: %v %v", got.Tests, got.Modules)
	}
}
