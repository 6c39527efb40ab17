package mypyconfig

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
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

// TestFingerprint: configurations that answer alike have the same fingerprint, whatever
// their file or layout; each thing RequiresAnnotations reads moves it. A field added to
// Config, options or section must be placed in or out of the fingerprint here.
func TestFingerprint(t *testing.T) {
	load := func(files map[string]string) *Config {
		t.Helper()
		c, err := Load(project(t, files))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	strict := load(map[string]string{"mypy.ini": "[mypy]\nstrict = True\n"})
	fp := strict.Fingerprint()
	same := map[string]*Config{
		"the same in setup.cfg":      load(map[string]string{"setup.cfg": "[mypy]\nstrict = True\n"}),
		"the same, spaced and cased": load(map[string]string{"mypy.ini": "# typed\n[mypy]\nstrict   =   true\n"}),
	}
	for what, c := range same {
		if !bytes.Equal(c.Fingerprint(), fp) {
			t.Errorf("%s: another fingerprint", what)
		}
	}
	other := map[string]*Config{
		"not strict":           load(map[string]string{"mypy.ini": "[mypy]\nstrict = False\n"}),
		"errors ignored":       load(map[string]string{"mypy.ini": "[mypy]\nstrict = True\nignore_errors = True\n"}),
		"a per-module section": load(map[string]string{"mypy.ini": "[mypy]\nstrict = True\n\n[mypy-app.legacy.*]\ndisallow_untyped_defs = False\n"}),
		"another pattern":      load(map[string]string{"mypy.ini": "[mypy]\nstrict = True\n\n[mypy-app.old.*]\ndisallow_untyped_defs = False\n"}),
		"no configuration":     nil,
	}
	seen := map[string]string{string(fp): "strict"}
	for what, c := range other {
		f := string(c.Fingerprint())
		if prev, ok := seen[f]; ok {
			t.Errorf("%s: the fingerprint of %s", what, prev)
		}
		seen[f] = what
	}

	placed := map[string]bool{
		"File":   true,                                                                                                 // out: the file's name changes no answer
		"global": true, "sections": true, "untypedDefs": true, "ignoreErrors": true, "patterns": true, "options": true, // in
		"globs": true, // out: compiled from the patterns
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Config](), reflect.TypeFor[options](), reflect.TypeFor[section]()} {
		for i := range typ.NumField() {
			if f := typ.Field(i); !placed[f.Name] {
				t.Errorf("%s.%s: not placed in or out of Config.Fingerprint", typ.Name(), f.Name)
			}
		}
	}
}
