package dead_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeProject writes files (path -> text) under a new directory and returns it.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestApplicationLoading: the ways applications load their own modules without an import
// statement, each seen on real code (in parentheses), leave those modules and what they
// define alone; a module nothing loads is still reported, alone in its package.
func TestApplicationLoading(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"app/__init__.py": "",
		"app/cli.py":      "from app import activation, core, fixers, regions, steps, uses_six, util\nfrom app.lists import use\nfrom app.fixers.fix_a import MAPPING\n\ndef main():\n    core.run()\n    use.find(\"x\")\n    activation.templates()\n    regions.load(\"x\")\n    fixers.load(MAPPING)\n    steps.load()\n\nif __name__ == \"__main__\":\n    main()\n",
		"app/core.py":     "def run():\n    pass\n",
		// Nothing loads it: reported, and its function with it (DEAD003 says the module).
		"app/old_report.py": "def build():\n    pass\n",
		// Entry points of a project installed in place (twine's commands).
		"app.egg-info/entry_points.txt": "[app.commands]\nupload = app.commands.upload:main\n",
		"app/commands/__init__.py":      "",
		"app/commands/upload.py":        "def main():\n    pass\n",
		// A module's name computed with its package's prefix (cfn-lint's providers).
		"app/regions/__init__.py":  "import importlib\n\ndef load(region):\n    return importlib.import_module(f\"app.regions.{region}\")\n",
		"app/regions/eu_west_1.py": "DATA = {}\n",
		// A directory of plugins that a list of names and exec load (system-config-printer's
		// troubleshooter), its classes found on the module.
		"app/steps/__init__.py": "STEPS = [\"Welcome\", \"Shrug\"]\n\ndef load():\n    for s in STEPS:\n        exec(\"from .%s import %s\" % (s, s))\n",
		"app/steps/Welcome.py":  "class Welcome:\n    pass\n",
		"app/steps/Shrug.py":    "class Shrug:\n    pass\n",
		// A file found by a name built from a piece of it (vulture's whitelists), and the
		// module its siblings import by its bare name, as scripts run from their directory.
		"app/lists/__init__.py":      "",
		"app/lists/use.py":           "from pathlib import Path\n\ndef find(name):\n    return Path(\"lists\") / (name + \"_list.py\")\n",
		"app/lists/argparse_list.py": "from list_utils import Entry\n\nEntry.x\n",
		"app/lists/list_utils.py":    "class Entry:\n    x = 1\n",
		// A template read as data (virtualenv's activate_this.py).
		"app/activation/__init__.py":      "def templates():\n    yield \"activate_this.py\"\n",
		"app/activation/activate_this.py": "import sys\n",
		// A file whose name is no identifier, run by path (pip's __pip-runner__.py).
		"app/__app-runner__.py": "def run():\n    pass\n",
		// A script without .py in bin/ that imports a module.
		"bin/app-service": "#!/usr/bin/python3\nfrom app.service import serve\nserve()\n",
		"app/service.py":  "def serve():\n    pass\n",
		// Classes found by a computed name in modules loaded by one (lib2to3's fixers), even
		// when another module imports the module for something else.
		"app/fixers/__init__.py":      "CLASS_PREFIX = \"Fix\"\n\ndef load(name):\n    mod = __import__(\"app.fixers.fix_\" + name)\n    return getattr(mod, CLASS_PREFIX + name.title())\n",
		"app/fixers/fix_a.py":         "MAPPING = {}\n\nclass FixA:\n    pass\n",
		"app/plugins2/a.py":           "def x():\n    pass\n",
		"app/plugins2/b.py":           "def y():\n    pass\n",
		"app/_vendor/__init__.py":     "",
		"app/_vendor/lib/__init__.py": "from app._vendor.lib import missing\n",
		"app/_vendor/lib/helpers.py":  "def helper():\n    pass\n",
		"app/util.py":                 "import datetime\n\ndef unused_helper():\n    pass\n",
		"app/uses_six.py":             "from app import six\nfrom app.six.moves import urllib\n",
		"app/six.py":                  "moves = None\n",
	})
	got, _ := checkProject(t, dir)
	var lines []string
	for _, f := range got {
		lines = append(lines, f.Code+" "+f.Path+" "+f.Symbol)
	}
	want := []string{
		"DEAD003 app/old_report.py ",
		"DEAD001 app/util.py unused_helper",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
