package mypyconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRequiresAnnotations(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		file  string
		want  map[string]bool
	}{
		{"no configuration", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n"}, "", map[string]bool{"app": false}},
		{"strict in mypy.ini", map[string]string{"mypy.ini": "[mypy]\nstrict = True\n"}, "mypy.ini", map[string]bool{"app": true, "app.api": true}},
		{"mypy.ini wins over setup.cfg", map[string]string{
			"mypy.ini":  "[mypy]\ndisallow_untyped_defs = false\n",
			"setup.cfg": "[mypy]\ndisallow_untyped_defs = true\n",
		}, "mypy.ini", map[string]bool{"app": false}},
		{"setup.cfg without a [mypy] section is not mypy's", map[string]string{"setup.cfg": "[metadata]\nname = x\n"}, "", map[string]bool{"app": false}},
		{"per-module sections, most specific last", map[string]string{"setup.cfg": `[mypy]
disallow_untyped_defs = True

[mypy-app.legacy.*]
disallow_untyped_defs = False

[mypy-app.legacy.billing]
disallow_untyped_defs = True

[mypy-app.vendor.*, other.*]
ignore_errors = yes
`}, "setup.cfg", map[string]bool{
			"app": true, "app.api": true, "app.legacy": false, "app.legacy.old": false,
			"app.legacy.billing": true, "app.vendor.lib": false, "other": false,
		}},
		{"pyproject overrides", map[string]string{"pyproject.toml": `[tool.mypy]
strict = true

[[tool.mypy.overrides]]
module = ["app.scripts.*", "app.*.migrations.*"]
disallow_untyped_defs = false
`}, "pyproject.toml", map[string]bool{
			"app.core": true, "app.scripts.run": false, "app.orders.migrations.m0001": false,
		}},
		{"typed only where an override says", map[string]string{"pyproject.toml": `[tool.mypy]
python_version = "3.11"

[[tool.mypy.overrides]]
module = "app.domain.*"
disallow_untyped_defs = true
`}, "pyproject.toml", map[string]bool{"app.domain": true, "app.domain.orders": true, "app.api": false}},
	}
	for _, c := range cases {
		cfg, err := Load(project(t, c.files))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if c.file == "" {
			if cfg != nil {
				t.Errorf("%s: read %s, want none", c.name, cfg.File)
			}
		} else if cfg == nil || cfg.File != c.file {
			t.Errorf("%s: read %v, want %s", c.name, cfg, c.file)
			continue
		}
		for module, want := range c.want {
			if got := cfg.RequiresAnnotations(module); got != want {
				t.Errorf("%s: RequiresAnnotations(%s) = %v, want %v", c.name, module, got, want)
			}
		}
	}
}

func TestBrokenFile(t *testing.T) {
	if _, err := Load(project(t, map[string]string{"pyproject.toml": "[tool.mypy\n"})); err == nil {
		t.Error("a pyproject.toml that does not parse must be an error")
	}
}

// TestNotAFile: anything but a regular file under one of the names is an error naming it and
// what it is (see TestNamedPipe too).
func TestNotAFile(t *testing.T) {
	dir := project(t, map[string]string{"setup.cfg": "[mypy]\nstrict = true\n"})
	if err := os.Mkdir(filepath.Join(dir, ".mypy.ini"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || err.Error() != ".mypy.ini: is a directory, not a file" {
		t.Errorf("got %v", err)
	}
}

// TestGlobs: patterns with a * inside match as mypy's compile_glob makes them match: a * in
// the first place is any text, one after it zero or more name parts. Many *s against a deep
// module take no time.
func TestGlobs(t *testing.T) {
	for _, tt := range []struct {
		pattern, module string
		want            bool
	}{
		{"app.*.migrations", "app.migrations", true},
		{"app.*.migrations", "app.a.b.migrations", true},
		{"app.*.migrations", "app.a.migrations.x", false},
		{"app.*.migrations.*", "app.a.migrations.x", true},
		{"app.*.migrations.*", "app.migrations", true},
		{"*.tests", "a.b.tests", true},
		{"*.tests", "tests", false},
		{"*", "anything.at.all", true},
		{"a.*.b.*.c", "a.x.b.c", true},
		{"a.*.b.*.c", "a.c", false},
		{"pkg.*", "pkg", true},
		{"pkg.*", "pkg.sub", true},
		{"pkg.*", "pkgx", false},
		{"pkg", "pkg", true},
		{"pkg", "pkg.sub", false},
		{"\xa0*.x", "a.x", false},
	} {
		s := newSection([]string{tt.pattern}, options{})
		if got := matches(tt.pattern, s.globs[0], tt.module); got != tt.want {
			t.Errorf("%q matches %q: %v, want %v", tt.pattern, tt.module, got, tt.want)
		}
	}
	f := false
	c := &Config{sections: []section{newSection([]string{strings.Repeat("*.", 30) + "nomatch"}, options{untypedDefs: &f})}}
	deep := strings.TrimSuffix(strings.Repeat("a.", 60), ".")
	start := time.Now()
	c.RequiresAnnotations(deep)
	if d := time.Since(start); d > time.Second {
		t.Errorf("30 *s against a module of 60 parts: %v", d)
	}
}
