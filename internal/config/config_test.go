package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// write creates files under dir from a map of slash-separated relative paths to contents.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name      string
		pyproject bool
		src       string
		want      func(c *Config)
	}{
		{
			name: "empty buttress.toml gives defaults",
			src:  "",
			want: func(*Config) {},
		},
		{
			name:      "pyproject without the section gives defaults",
			pyproject: true,
			src:       "[project]\nname = \"x\"\n\n[tool.ruff]\nline-length = 100\nsrc = [\"lib\"]\n",
			want:      func(*Config) {},
		},
		{
			name:      "all keys in pyproject",
			pyproject: true,
			src: `[project]
name = "x"

[tool.ruff]
exclude = ["whatever"]

[tool.buttress]
source-roots = ["src", "packages/*/src"]
exclude = ["gen"]
extend-exclude = ["**/migrations/*.py"]
respect-gitignore = false
target-version = "py311"

[tool.mypy]
strict = true
`,
			want: func(c *Config) {
				c.SourceRoots = []string{"src", "packages/*/src"}
				c.Exclude = []string{"gen"}
				c.ExtendExclude = []string{"**/migrations/*.py"}
				c.RespectGitignore = false
				c.TargetVersion = "3.11"
			},
		},
		{
			name:      "dotted keys and inline tables",
			pyproject: true,
			src:       "tool.buttress.target-version = \"3.8\"\n[tool.other]\nx = 1\n",
			want:      func(c *Config) { c.TargetVersion = "3.8" },
		},
		{
			name:      "inline table",
			pyproject: true,
			src:       "[tool]\nbuttress = { extend-exclude = [\"a\"], target-version = \"3.14\" }\n",
			want: func(c *Config) {
				c.ExtendExclude = []string{"a"}
				c.TargetVersion = "3.14"
			},
		},
		{
			name: "library",
			src:  "library = true\n",
			want: func(c *Config) { c.Library = true },
		},
		{
			name: "buttress.toml top level",
			src:  "target-version = \"py314\"\nexclude = []\n",
			want: func(c *Config) {
				c.TargetVersion = "3.14"
				c.Exclude = []string{}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse("f.toml", []byte(tt.src), tt.pyproject)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			want := Default("")
			tt.want(want)
			for _, f := range []struct {
				name      string
				got, want any
			}{
				{"SourceRoots", got.SourceRoots, want.SourceRoots},
				{"Exclude", got.Exclude, want.Exclude},
				{"ExtendExclude", got.ExtendExclude, want.ExtendExclude},
				{"RespectGitignore", got.RespectGitignore, want.RespectGitignore},
				{"TargetVersion", got.TargetVersion, want.TargetVersion},
				{"Library", got.Library, want.Library},
			} {
				if !reflect.DeepEqual(f.got, f.want) {
					t.Errorf("%s = %#v, want %#v", f.name, f.got, f.want)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		pyproject bool
		src       string
		want      string // the whole error text; several errors one per line
	}{
		{
			name:      "unknown key among other tools",
			pyproject: true,
			src: `[project]
name = "x"

[tool.ruff]
line-length = 100

[tool.buttress]
target-version = "3.12"
sorce-roots = ["src"]
`,
			want: `pyproject.toml:9:1: [tool.buttress] unknown key "sorce-roots" (did you mean "source-roots"?)`,
		},
		{
			name: "unknown key in buttress.toml",
			src:  "\n\nexlude = [\"x\"]\n",
			want: `pyproject.toml:3:1: unknown key "exlude" (did you mean "exclude"?)`,
		},
		{
			name: "underscores for dashes",
			src:  "respect_gitignore = true\n",
			want: `pyproject.toml:1:1: unknown key "respect_gitignore" (did you mean "respect-gitignore"?)`,
		},
		{
			name: "Ruff's src",
			src:  "src = [\"lib\"]\n",
			want: `pyproject.toml:1:1: unknown key "src" (did you mean "source-roots"?)`,
		},
		{
			name: "library is a boolean",
			src:  "library = \"yes\"\n",
			want: `pyproject.toml:1:11: "library" must be a boolean (true or false), not a string`,
		},
		{
			name: "is-library",
			src:  "is-library = true\n",
			want: `pyproject.toml:1:1: unknown key "is-library" (did you mean "library"?)`,
		},
		{
			name: "transposition",
			src:  "tagret-version = \"3.12\"\n",
			want: `pyproject.toml:1:1: unknown key "tagret-version" (did you mean "target-version"?)`,
		},
		{
			name: "api allow without a reason or symbol",
			src:  "[api]\nallow = [{symbol = \"pkg.x\", reason = \"ok\"}, {symbol = \"pkg.y\"},\n  {reason = \"gone\"}]\n",
			want: "pyproject.toml:2:45: [api] \"allow\" element 2 (pkg.y) needs a reason: say why the break is accepted, for whoever reads it next\n" +
				"pyproject.toml:3:3: [api] \"allow\" element 3 needs a symbol: the dotted path api diff reports, such as {symbol = \"pkg.old_fn\", reason = \"...\"}",
		},
		{
			name: "api allow unknown key",
			src:  "[api]\nallow = [{symbl = \"pkg.x\", reason = \"ok\"}]\n",
			want: `pyproject.toml:2:11: [api.allow] unknown key "symbl" (did you mean "symbol"?)`,
		},
		{
			name: "affected-all is in [tool.buttress.affected]",
			src:  "affected-all = [\"setup.py\"]\n",
			want: `pyproject.toml:1:1: unknown key "affected-all" (did you mean "affected"?)`,
		},
		{
			name: "pytest's python_files",
			src:  "[affected]\npython_files = [\"check_*.py\"]\n",
			want: `pyproject.toml:2:1: [affected] unknown key "python_files" (did you mean "tests"?)`,
		},
		{
			name: "affected.all is globs",
			src:  "[affected]\nall = [\"a[\"]\n",
			want: `pyproject.toml:2:8: [affected] "all" element 1 is not a valid glob: "a["`,
		},
		{
			name: "nothing close lists the keys",
			src:  "line-length = 88\n",
			want: `pyproject.toml:1:1: unknown key "line-length" (expected one of "source-roots", "exclude", "extend-exclude", "respect-gitignore", "target-version", "cache-dir", "max-file-size", "select", "extend-select", "ignore", "per-file-ignores", "tests", "migrations", "vendored", "generated", "affected", "baseline", "rules", "api", "boundaries", "domain", "library", "contracts")`,
		},
		{
			name:      "unknown sub-table",
			pyproject: true,
			src:       "[tool.buttress]\n\n[tool.buttress.lint]\nselect = [\"TYP\"]\n",
			want:      `pyproject.toml:3:16: [tool.buttress] unknown key "lint" (expected one of "source-roots", "exclude", "extend-exclude", "respect-gitignore", "target-version", "cache-dir", "max-file-size", "select", "extend-select", "ignore", "per-file-ignores", "tests", "migrations", "vendored", "generated", "affected", "baseline", "rules", "api", "boundaries", "domain", "library", "contracts")`,
		},
		{
			name:      "dotted key",
			pyproject: true,
			src:       "\n\n\n  tool.buttress.exclud = [\"a\"]\n[project]\nname = \"x\"\n",
			want:      `pyproject.toml:4:17: [tool.buttress] unknown key "exclud" (did you mean "exclude"?)`,
		},
		{
			name:      "wrong type for a boolean",
			pyproject: true,
			src:       "[tool.buttress]\nrespect-gitignore = \"yes\"\n",
			want:      `pyproject.toml:2:21: [tool.buttress] "respect-gitignore" must be a boolean (true or false), not a string`,
		},
		{
			name:      "string for an array",
			pyproject: true,
			src:       "[tool.buttress]\nsource-roots = \"src\"\n",
			want:      `pyproject.toml:2:16: [tool.buttress] "source-roots" must be an array of strings, not a string`,
		},
		{
			name:      "wrong element type, on its own line",
			pyproject: true,
			src:       "[tool.buttress]\nexclude = [\n  \"a\",\n  3,\n]\n",
			want:      `pyproject.toml:4:3: [tool.buttress] "exclude" element 2 must be a string, not an integer`,
		},
		{
			name:      "table for a string, inline",
			pyproject: true,
			src:       "[tool]\nbuttress = { target-version = { x = 1 } }\n",
			want:      `pyproject.toml:2:31: [tool.buttress] "target-version" must be a string, not a table`,
		},
		{
			name:      "section not a table",
			pyproject: true,
			src:       "[tool]\nbuttress = 3\n",
			want:      `pyproject.toml:2:12: [tool] "buttress" must be a table, not an integer`,
		},
		{
			name: "unsupported version",
			src:  "target-version = \"3.7\"\n",
			want: `pyproject.toml:1:18: "target-version": unsupported Python version "3.7" (supported: "3.8" to "3.14", or "py38" to "py314")`,
		},
		{
			name: "future version",
			src:  "target-version = \"py315\"\n",
			want: `pyproject.toml:1:18: "target-version": unsupported Python version "py315" (supported: "3.8" to "3.14", or "py38" to "py314")`,
		},
		{
			name: "float version",
			src:  "target-version = 3.12\n",
			want: `pyproject.toml:1:18: "target-version" must be a string, not a float`,
		},
		{
			name: "date for a string",
			src:  "target-version = 1979-05-27\n",
			want: `pyproject.toml:1:18: "target-version" must be a string, not a local date`,
		},
		{
			name: "empty source roots",
			src:  "source-roots = []\n",
			want: `pyproject.toml:1:16: "source-roots" must list at least one directory (leave it out for the default: the project root, and src)`,
		},
		{
			name: "bad glob",
			src:  "extend-exclude = [\"ok\", \"[abc\"]\n",
			want: `pyproject.toml:1:25: "extend-exclude" element 2 is not a valid glob: "[abc"`,
		},
		{
			name: "empty glob",
			src:  "exclude = [\"\"]\n",
			want: `pyproject.toml:1:12: "exclude" element 1 must not be empty`,
		},
		{
			name: "several errors, in file order",
			src:  "target-version = \"2.7\"\nsorce-roots = 1\nrespect-gitignore = 1\n",
			want: `pyproject.toml:1:18: "target-version": unsupported Python version "2.7" (supported: "3.8" to "3.14", or "py38" to "py314")
pyproject.toml:2:1: unknown key "sorce-roots" (did you mean "source-roots"?)
pyproject.toml:3:21: "respect-gitignore" must be a boolean (true or false), not an integer`,
		},
		{
			name:      "syntax error",
			pyproject: true,
			src:       "[tool.buttress]\nexclude = [\"a\"\n",
			want:      `pyproject.toml:2:15: invalid TOML: array is incomplete`,
		},
		{
			name:      "duplicate key",
			pyproject: true,
			src:       "[tool.buttress]\nexclude = []\nexclude = []\n",
			want:      `pyproject.toml:3:1: invalid TOML: key exclude is already defined`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("pyproject.toml", []byte(tt.src), tt.pyproject)
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			if e.File != "pyproject.toml" || e.Line == 0 {
				t.Errorf("error lacks file or line: %+v", e)
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	_, err := parse("pyproject.toml", []byte("[tool.buttress]\n\nsorce-roots = 1\n"), true)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	want := Error{File: "pyproject.toml", Line: 3, Col: 1, Table: "tool.buttress", Key: "sorce-roots",
		Msg: `unknown key "sorce-roots" (did you mean "source-roots"?)`}
	if *e != want {
		t.Errorf("got %+v\nwant %+v", *e, want)
	}
}

func TestPythonVersion(t *testing.T) {
	for _, tt := range []struct {
		in    string
		minor int
	}{{"3.8", 8}, {"py38", 8}, {"3.13", 13}, {"py313", 13}, {"3.14", 14}, {"py314", 14}} {
		c, err := parse("b.toml", []byte("target-version = \""+tt.in+"\"\n"), false)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if major, minor := c.PythonVersion(); major != 3 || minor != tt.minor {
			t.Errorf("%s: got %d.%d, want 3.%d", tt.in, major, minor, tt.minor)
		}
	}
	for _, bad := range []string{"", "3", "3.", "3.7", "3.15", "3.08", "py3", "py37", "py39x", "py3.12", "4.0", "3.13.1", " 3.12", "python3.12", "3.1e1"} {
		if _, err := parse("b.toml", []byte("target-version = \""+bad+"\"\n"), false); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if major, minor := Default("").PythonVersion(); major != 3 || minor != 13 {
		t.Errorf("default: %d.%d", major, minor)
	}
}

func TestDiscover(t *testing.T) {
	const withSection = "[tool.buttress]\ntarget-version = \"3.10\"\n"
	tests := []struct {
		name     string
		files    map[string]string
		start    string // relative to the temp dir
		wantFile string // relative; "" for none
		wantRoot string // relative
		wantVer  string
	}{
		{
			name: "no configuration: defaults, rooted at the closest pyproject.toml",
			files: map[string]string{
				"proj/pyproject.toml":      "[project]\nname = \"p\"\n",
				"proj/src/pkg/__init__.py": "",
			},
			start:    "proj/src/pkg",
			wantRoot: "proj",
			wantVer:  "3.13",
		},
		{
			name:     "nothing found: defaults, root is the start",
			files:    map[string]string{"a/b/x.py": ""},
			start:    "a/b",
			wantRoot: "a/b",
			wantVer:  "3.13",
		},
		{
			name:     "buttress.toml wins over pyproject.toml",
			files:    map[string]string{"p/buttress.toml": "target-version = \"3.9\"\n", "p/pyproject.toml": withSection},
			start:    "p",
			wantFile: "p/buttress.toml",
			wantRoot: "p",
			wantVer:  "3.9",
		},
		{
			name:     "upward",
			files:    map[string]string{"p/pyproject.toml": withSection, "p/src/pkg/mod.py": ""},
			start:    "p/src/pkg",
			wantFile: "p/pyproject.toml",
			wantRoot: "p",
			wantVer:  "3.10",
		},
		{
			name: "pyproject without the section is passed over",
			files: map[string]string{
				"mono/pyproject.toml":        withSection,
				"mono/libs/a/pyproject.toml": "[project]\nname = \"a\"\n[tool.ruff]\nsrc = [\"x\"]\n",
			},
			start:    "mono/libs/a",
			wantFile: "mono/pyproject.toml",
			wantRoot: "mono",
			wantVer:  "3.10",
		},
		{
			name: "the closest file wins, even a pyproject over a farther buttress.toml",
			files: map[string]string{
				"r/buttress.toml":      "target-version = \"3.9\"\n",
				"r/sub/pyproject.toml": withSection,
			},
			start:    "r/sub",
			wantFile: "r/sub/pyproject.toml",
			wantRoot: "r/sub",
			wantVer:  "3.10",
		},
		{
			name:     "an empty [tool.buttress] counts",
			files:    map[string]string{"e/pyproject.toml": "[tool.buttress]\n", "pyproject.toml": withSection},
			start:    "e",
			wantFile: "e/pyproject.toml",
			wantRoot: "e",
			wantVer:  "3.13",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tt.files)
			c, err := Discover(filepath.Join(dir, tt.start))
			if err != nil {
				t.Fatal(err)
			}
			wantFile := ""
			if tt.wantFile != "" {
				wantFile = filepath.Join(dir, tt.wantFile)
			}
			if c.File != wantFile {
				t.Errorf("File = %q, want %q", c.File, wantFile)
			}
			if want := filepath.Join(dir, tt.wantRoot); c.Root != want {
				t.Errorf("Root = %q, want %q", c.Root, want)
			}
			if c.TargetVersion != tt.wantVer {
				t.Errorf("TargetVersion = %q, want %q", c.TargetVersion, tt.wantVer)
			}
		})
	}
}

func TestDiscoverError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"pyproject.toml": "[tool.buttress]\nsource_roots = [\"src\"]\n",
		"src/pkg/a.py":   "",
	})
	t.Chdir(dir)
	_, err := Discover(filepath.Join(dir, "src", "pkg"))
	want := `pyproject.toml:2:1: [tool.buttress] unknown key "source_roots" (did you mean "source-roots"?)`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	// A broken pyproject.toml on the way up is an error too: it cannot be told whether it
	// configures buttress.
	write(t, dir, map[string]string{"src/pyproject.toml": "[tool\n"})
	_, err = Discover(filepath.Join(dir, "src", "pkg"))
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join("src", "pyproject.toml")+":1:") {
		t.Fatalf("got %v", err)
	}
	// From a directory below the file, the error names it with "..", as every path is shown.
	t.Chdir(filepath.Join(dir, "src", "pkg"))
	_, err = Discover(".")
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join("..", "pyproject.toml")+":1:") {
		t.Fatalf("got %v, want an error naming ../pyproject.toml", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"conf/shared.toml":     "source-roots = [\"lib\"]\n",
		"conf/pyproject.toml":  "[tool.buttress]\ntarget-version = \"3.9\"\n",
		"other/pyproject.toml": "[project]\nname = \"o\"\n",
		"bad/ci.toml":          "[tool.buttress]\nexclude = []\n",
	})
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)

	c, err := Load("../conf/shared.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.File != filepath.Join(dir, "conf", "shared.toml") || c.Root != work || !reflect.DeepEqual(c.SourceRoots, []string{"lib"}) {
		t.Errorf("any name is read as buttress.toml, rooted at the current directory: %+v", c)
	}

	c, err = Load(filepath.Join(dir, "conf", "pyproject.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.TargetVersion != "3.9" || c.Root != work {
		t.Errorf("pyproject.toml by name: %+v", c)
	}

	c, err = Load("../other/pyproject.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.File == "" || c.TargetVersion != "3.13" || c.IsSet("exclude") {
		t.Errorf("pyproject.toml without the section gives defaults: %+v", c)
	}

	// ci.toml is read as a buttress.toml, so [tool.buttress] is an unknown key "tool".
	_, err = Load("../bad/ci.toml")
	if err == nil || !strings.HasSuffix(err.Error(), `ci.toml:1:2: unknown key "tool": a buttress.toml holds the keys at its top level, without [tool.buttress] (that table is for pyproject.toml)`) {
		t.Errorf("got %v", err)
	}

	_, err = Load("../missing.toml")
	var e *Error
	if !errors.As(err, &e) || e.Line != 0 || !strings.Contains(err.Error(), "missing.toml: cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

func TestExcludeSemantics(t *testing.T) {
	c, err := parse("b.toml", []byte("extend-exclude = [\"gen\"]\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	got := c.ExcludePatterns()
	if len(got) != len(DefaultExclude())+1 || got[len(got)-1] != "gen" {
		t.Errorf("extend-exclude adds to the defaults: %v", got)
	}
	c, err = parse("b.toml", []byte("exclude = [\"only\"]\nextend-exclude = [\"gen\"]\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ExcludePatterns(); !reflect.DeepEqual(got, []string{"only", "gen"}) {
		t.Errorf("exclude replaces the defaults: %v", got)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"source-roots", "exclude", "extend-exclude", "respect-gitignore", "target-version"}
	for key, want := range map[string]string{
		"sorce-roots":        "source-roots",
		"source-root":        "source-roots",
		"SOURCE_ROOTS":       "source-roots",
		"exclud":             "exclude",
		"extend-excludes":    "extend-exclude",
		"respect-git-ignore": "respect-gitignore",
		"target-verison":     "target-version",
		"x":                  "",
		"select":             "",
		"line-length":        "",
	} {
		if got := suggest(key, cands, nil); got != want {
			t.Errorf("suggest(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"ab", "ba", 1}, {"abc", "acb", 1}, {"héllo", "hello", 1}} {
		if d := editDistance(tt.a, tt.b); d != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}
