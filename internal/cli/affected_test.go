package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
)

// pytestPython returns a Python that has pytest (Debian's python3-pytest, which .ci/run
// installs), or fails or skips the test.
func pytestPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import pytest").Run() == nil {
			return p
		}
	}
	msg := "no Python with pytest (Debian's python3-pytest)"
	if os.Getenv(cpython.RequireEnv) == "1" {
		t.Fatalf("%s, and %s=1 is set", msg, cpython.RequireEnv)
	}
	t.Skipf("skipping: %s", msg)
	return ""
}

// TestAffectedRunsPytest runs pytest on what `buttress affected --format pytest` prints, as
// the help says to, in a real repository with a real history: a branch changes a module,
// and pytest runs the tests of that module alone; then with the form for paths with spaces.
func TestAffectedRunsPytest(t *testing.T) {
	python := pytestPython(t)
	dir := t.TempDir()
	files := map[string]string{
		"pyproject.toml":              "[tool.buttress]\n",
		"app/__init__.py":             "",
		"app/prices.py":               "def total(xs):\n    return sum(xs)\n",
		"app/names.py":                "def upper(s):\n    return s.upper()\n",
		"tests/__init__.py":           "",
		"tests/test_prices.py":        "from app.prices import total\n\ndef test_total():\n    assert total([1, 2]) == 3\n",
		"tests/test_names.py":         "from app.names import upper\n\ndef test_upper():\n    assert upper('a') == 'A'\n",
		"tests/with space/test_sp.py": "from app import names\n\ndef test_names():\n    assert names.upper('b') == 'B'\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "PYTHONDONTWRITEBYTECODE=1", "PYTHON="+python)
	run := func(script string) string {
		t.Helper()
		cmd := exec.Command("sh", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
		return string(out)
	}
	run("git init -q -b main && git add -A && git commit -q -m base && git checkout -q -b feature")
	run(`printf 'def total(xs):\n    return sum(xs, 0)\n' > app/prices.py && git commit -q -am 'change prices'`)

	out := run(`"$PYTHON" -m pytest -p no:cacheprovider -v $(buttress affected --since main --format pytest)`)
	if !strings.Contains(out, "tests/test_prices.py::test_total PASSED") || strings.Contains(out, "test_names") || !regexp.MustCompile(`\b1 passed\b`).MatchString(out) {
		t.Errorf("pytest on the tests affected by a change to app/prices.py:\n%s", out)
	}

	// A change to app/names.py affects a test whose path has a space: one path a line, read
	// by xargs -d '\n', keeps it whole.
	run(`printf 'def upper(s):\n    return s.upper()  # changed\n' > app/names.py`)
	out = run(`buttress affected --since main --format pytest | xargs -d '\n' "$PYTHON" -m pytest -p no:cacheprovider -v`)
	for _, want := range []string{"tests/test_names.py::test_upper PASSED", "tests/with space/test_sp.py::test_names PASSED", "tests/test_prices.py::test_total PASSED", "3 passed"} {
		if !strings.Contains(out, want) {
			t.Errorf("pytest on the tests affected by changes to app/prices.py and app/names.py: no %q in\n%s", want, out)
		}
	}
}
