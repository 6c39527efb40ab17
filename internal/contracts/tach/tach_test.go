package tach

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/git-pkgs/gitignore"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
)

// fx is one configuration under test: its file name and text, to find the lines the
// contracts' origins point at.
type fx struct{ file, text string }

// line returns the line of the n-th (1-based) occurrence of sub in the text.
func (f fx) line(t *testing.T, sub string, n int) int {
	t.Helper()
	off := 0
	for i := 0; i < n; i++ {
		j := strings.Index(f.text[off:], sub)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times in the test configuration", sub, n)
		}
		off += j + len(sub)
	}
	return strings.Count(f.text[:off], "\n") + 1
}

var defaultKinds = imports.Kinds(imports.KindModule, imports.KindFunction)

// contract is a contract as the translation makes every one, before the per-case fields.
func (f fx) contract(name string, line int, spec contracts.Spec) contracts.Contract {
	return contracts.Contract{
		Name: name, Origin: contracts.Origin{Tool: contracts.FromTach, File: f.file, Line: line},
		Kinds: defaultKinds, UnmatchedIgnores: contracts.AlertNone, Spec: spec,
	}
}

func ig(importer, imported string) contracts.IgnoreImport {
	return contracts.IgnoreImport{Importer: importer, Imported: imported, Raw: importer + " -> " + imported}
}

// nestedIgnores are the ignores of an interface contract for modules nested in its packages.
func nestedIgnores(mods ...string) []contracts.IgnoreImport {
	var out []contracts.IgnoreImport
	for _, m := range mods {
		out = append(out, ig("**", m), ig("**", m+".**"))
	}
	return out
}

// toPyproject moves a tach.toml into the [tool.tach] table of a pyproject.toml.
func toPyproject(toml string) string {
	var b strings.Builder
	b.WriteString("[project]\nname = \"app\"\nversion = \"1.0\"\n\n[tool.tach]\n")
	for _, line := range strings.Split(toml, "\n") {
		switch {
		case strings.HasPrefix(line, "[["):
			line = "[[tool.tach." + line[2:]
		case strings.HasPrefix(line, "["):
			line = "[tool.tach." + line[1:]
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// comparable returns the contracts without what DeepEqual should not compare (the checker,
// the same for every contract, and the guidance, prose), checking that they are there, and
// the settings every contract of tach has.
func comparable(t *testing.T, cfg *Config) []contracts.Contract {
	t.Helper()
	var out []contracts.Contract
	for _, c := range cfg.Contracts {
		if c.Finish == nil || c.Finish != cfg.Contracts[0].Finish {
			t.Errorf("contract %q does not share the checker: tach-ignore comments would not work", c.Name)
		}
		if !strings.Contains(c.Guidance, c.Origin.File) {
			t.Errorf("contract %q: the guidance does not name %s: %q", c.Name, c.Origin.File, c.Guidance)
		}
		if !c.EveryImport {
			t.Errorf("contract %q does not report every import", c.Name)
		}
		if c.MissingModules != contracts.AlertNone {
			t.Errorf("contract %q: missing modules alert %v, want none (the checker warns)", c.Name, c.MissingModules)
		}
		c.Finish, c.Guidance, c.EveryImport, c.MissingModules = nil, "", false, 0
		if a, ok := c.Spec.(*contracts.Allowed); ok {
			// Where each module is declared: checked here, left out of the comparison.
			cp := *a
			cp.Modules = append([]contracts.AllowedModule{}, a.Modules...)
			for j := range cp.Modules {
				if at := cp.Modules[j].At; at.File == "" || at.Line <= 0 {
					t.Errorf("contract %q: module %s has no place: %+v", c.Name, cp.Modules[j].Module, at)
				}
				cp.Modules[j].At = contracts.Origin{}
			}
			c.Spec = &cp
		}
		out = append(out, c)
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want func(t *testing.T, f fx) *Config
		// check, when set, tests what DeepEqual cannot.
		check func(t *testing.T, cfg *Config)
	}{
		{
			name: "the configuration page's example",
			toml: `exclude = [
    "**/*__pycache__",
    "build/",
    "dist/",
    "docs/",
    "python/tests/",
    "tach.egg-info/",
    "venv/",
]
source_roots = ["python"]
ignore_type_checking_imports = true
forbid_circular_dependencies = true

layers = [
  "ui",
  "commands",
  "core"
]

[[modules]]
path = "tach"
depends_on = []

[[modules]]
path = "tach.__main__"
layer = "ui"

[[modules]]
path = "tach.errors"
depends_on = []
utility = true

[[modules]]
path = "tach.parsing"
depends_on = ["tach", "tach.filesystem"]
layer = "core"
visibility = ["tach.check"]

[[modules]]
path = "tach.check"
depends_on = [
    "tach.extension",
    "tach.filesystem",
    "tach.parsing",
]
layer = "commands"

[[interfaces]]
expose = ["types.*"]

[[interfaces]]
expose = [
    "parse_project_config",
    "dump_project_config_to_toml",
]
from = [
    "tach.parsing",
]

[cache]
file_dependencies = ["python/tests/**", "src/*.rs"]

[external]
exclude = ["pytest"]

[rules]
unused_ignore_directives = "warn"
`,
			want: func(t *testing.T, f fx) *Config {
				mods := f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{
					Modules: []contracts.AllowedModule{
						{Module: "tach"},
						{Module: "tach.__main__", AnyDependency: true, Layer: "ui"},
						{Module: "tach.errors", Utility: true},
						{Module: "tach.parsing", DependsOn: []string{"tach", "tach.filesystem"}, Layer: "core"},
						{Module: "tach.check", DependsOn: []string{"tach.extension", "tach.filesystem", "tach.parsing"}, Layer: "commands"},
					},
					Layers: []contracts.AllowedLayer{{Name: "ui"}, {Name: "commands"}, {Name: "core"}},
				})
				within := []string{"tach", "tach.__main__", "tach.errors", "tach.parsing", "tach.check"}
				first := f.line(t, "interfaces]]", 1)
				tach := f.contract("tach interface of tach", first, &contracts.Interface{Packages: []string{"tach"}, Expose: []string{"types.*"}})
				tach.Within = within
				tach.IgnoreImports = nestedIgnores("tach.__main__", "tach.errors", "tach.parsing", "tach.check")
				others := f.contract("tach interface of tach.__main__, tach.errors, tach.check", first,
					&contracts.Interface{Packages: []string{"tach.__main__", "tach.errors", "tach.check"}, Expose: []string{"types.*"}})
				others.Within = within
				parsing := f.contract("tach interface of tach.parsing", first, &contracts.Interface{
					Packages: []string{"tach.parsing"}, Expose: []string{"types.*", "parse_project_config", "dump_project_config_to_toml"},
				})
				parsing.Within = within
				cs := []contracts.Contract{mods, tach, others, parsing}
				for i := range cs {
					cs[i].ExcludePaths = []string{"**/*__pycache__", "**/build/", "**/dist/", "**/docs/", "python/tests/", "**/tach.egg-info/", "**/venv/"}
				}
				return &Config{
					File: f.file, SourceRoots: []string{"python"},
					Exclude:   []string{"**/*__pycache__", "build/", "dist/", "docs/", "python/tests/", "tach.egg-info/", "venv/"},
					Contracts: cs,
				}
			},
		},
		{
			name: "an empty configuration",
			toml: "",
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"."}}
			},
		},
		{
			name: "the layers page's closed layer",
			toml: `layers = [
    "ui",
    { name = "commands", closed = true },
    "core"
]

[[modules]]
path = "tach.check"
layer = "commands"

[[modules]]
path = "tach.cache"
depends_on = ["tach.filesystem"]
layer = "core"

[[modules]]
path = "tach.filesystem"
depends_on = []
layer = "core"
`,
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{
						Modules: []contracts.AllowedModule{
							{Module: "tach.check", AnyDependency: true, Layer: "commands"},
							{Module: "tach.cache", DependsOn: []string{"tach.filesystem"}, Layer: "core"},
							{Module: "tach.filesystem", Layer: "core"},
						},
						Layers: []contracts.AllowedLayer{{Name: "ui"}, {Name: "commands", Closed: true}, {Name: "core"}},
					}),
				}}
			},
		},
		{
			name: "the deprecate page's deprecated dependency is allowed",
			toml: `[[modules]]
path = "parsing"
depends_on = [
    { path = "core", deprecated = true }
]

[[modules]]
path = "core"
depends_on = []
`,
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "parsing", DependsOn: []string{"core"}},
						{Module: "core"},
					}}),
				}}
			},
		},
		{
			name: "the unchecked-modules page, with an interface",
			toml: `[[modules]]
path = "utils"
utility = true
depends_on = []

[[modules]]
path = "filesystem"
depends_on = []

[[modules]]
# noisy: not checked
path = "parsing"
unchecked = true
depends_on = []

[[modules]]
path = "core.module1"
depends_on = ["core.module2", "core.module3", "parsing"]

[[modules]]
path = "core.module2"
unchecked = true
depends_on = []

[[modules]]
path = "core.module3"
unchecked = true
depends_on = []

[[interfaces]]
expose = ["api"]
from = ["core.module1"]
`,
			want: func(t *testing.T, f fx) *Config {
				iface := f.contract("tach interface of core.module1", f.line(t, "interfaces]]", 1),
					&contracts.Interface{Packages: []string{"core.module1"}, Expose: []string{"api"}})
				iface.Within = []string{"utils", "filesystem", "parsing", "core.module1", "core.module2", "core.module3"}
				iface.IgnoreImports = []contracts.IgnoreImport{
					ig("parsing", "**"), ig("parsing.**", "**"),
					ig("core.module2", "**"), ig("core.module2.**", "**"),
					ig("core.module3", "**"), ig("core.module3.**", "**"),
				}
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "utils", Utility: true},
						{Module: "filesystem"},
						{Module: "parsing", Unchecked: true},
						{Module: "core.module1", DependsOn: []string{"core.module2", "core.module3", "parsing"}},
						{Module: "core.module2", Unchecked: true},
						{Module: "core.module3", Unchecked: true},
					}}),
					iface,
				}}
			},
		},
		{
			name: "the interfaces page's example",
			toml: `[[modules]]
path = "domain"
depends_on = [
    "core"
]

[[modules]]
path = "core"
depends_on = []

[[interfaces]]
expose = ["get_data"]
from = ["core"]
`,
			want: func(t *testing.T, f fx) *Config {
				iface := f.contract("tach interface of core", f.line(t, "interfaces]]", 1),
					&contracts.Interface{Packages: []string{"core"}, Expose: []string{"get_data"}})
				iface.Within = []string{"domain", "core"}
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "domain", DependsOn: []string{"core"}},
						{Module: "core"},
					}}),
					iface,
				}}
			},
		},
		{
			name: "interfaces: a module gets every matching entry's patterns; regex from; empty expose; alternation",
			toml: `[[modules]]
paths = ["api.v1", "api.v2", "db", "cli"]

[[interfaces]]
expose = ["read_.*"]
from = ["api\\..*"]

[[interfaces]]
expose = ["write|delete"]
from = ["api.v2"]

[[interfaces]]
expose = []
from = ["db"]

[[interfaces]]
expose = ["x"]
from = ["nothing.declared"]
data_types = "all"
`,
			want: func(t *testing.T, f fx) *Config {
				within := []string{"api.v1", "api.v2", "db", "cli"}
				v1 := f.contract("tach interface of api.v1", f.line(t, "interfaces]]", 1),
					&contracts.Interface{Packages: []string{"api.v1"}, Expose: []string{"read_.*"}})
				v1.Within = within
				v2 := f.contract("tach interface of api.v2", f.line(t, "interfaces]]", 1),
					&contracts.Interface{Packages: []string{"api.v2"}, Expose: []string{"read_.*", "(?s:.*)(?:^write|delete$)(?s:.*)"}})
				v2.Within = within
				db := f.contract("tach interface of db", f.line(t, "interfaces]]", 3),
					&contracts.Interface{Packages: []string{"db"}, Expose: []string{neverMatches}})
				db.Within = within
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "api.v1", AnyDependency: true}, {Module: "api.v2", AnyDependency: true},
						{Module: "db", AnyDependency: true}, {Module: "cli", AnyDependency: true},
					}}),
					v1, v2, db,
				}}
			},
		},
		{
			name: "interfaces: a module nested in another is its own",
			toml: `[[modules]]
path = "core"

[[modules]]
path = "core.api"

[[modules]]
path = "core.api.v1"

[[modules]]
path = "web"

[[interfaces]]
expose = ["public_.*"]
`,
			want: func(t *testing.T, f fx) *Config {
				within := []string{"core", "core.api", "core.api.v1", "web"}
				line := f.line(t, "interfaces]]", 1)
				core := f.contract("tach interface of core, web", line, &contracts.Interface{Packages: []string{"core", "web"}, Expose: []string{"public_.*"}})
				core.Within, core.IgnoreImports = within, nestedIgnores("core.api", "core.api.v1")
				api := f.contract("tach interface of core.api", line, &contracts.Interface{Packages: []string{"core.api"}, Expose: []string{"public_.*"}})
				api.Within, api.IgnoreImports = within, nestedIgnores("core.api.v1")
				v1 := f.contract("tach interface of core.api.v1", line, &contracts.Interface{Packages: []string{"core.api.v1"}, Expose: []string{"public_.*"}})
				v1.Within = within
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "core", AnyDependency: true}, {Module: "core.api", AnyDependency: true},
						{Module: "core.api.v1", AnyDependency: true}, {Module: "web", AnyDependency: true},
					}}),
					core, api, v1,
				}}
			},
		},
		{
			name: "globs in depends_on and cannot_depend_on; paths",
			toml: `layers = ["top"]

[[modules]]
paths = ["app.web", "app.cli"]
depends_on = ["libs.**", "plugins.*.api", "**.models", "libs"]
cannot_depend_on = ["libs.legacy.**"]
layer = "top"
`,
			want: func(t *testing.T, f fx) *Config {
				m := contracts.AllowedModule{
					DependsOn:      []string{"libs", "libs.**", "plugins.*.api", "models", "**.models"},
					CannotDependOn: []string{"libs.legacy", "libs.legacy.**"}, Layer: "top",
				}
				web, cli := m, m
				web.Module, cli.Module = "app.web", "app.cli"
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{
						Modules: []contracts.AllowedModule{web, cli}, Layers: []contracts.AllowedLayer{{Name: "top"}},
					}),
				}}
			},
		},
		{
			name: "import kinds and rules",
			toml: `ignore_type_checking_imports = false

[rules]
local_imports = "off"
require_ignore_directive_reasons = "error"
unused_ignore_directives = "off"
unused_external_dependencies = "warn"

[[modules]]
path = "a"
`,
			want: func(t *testing.T, f fx) *Config {
				c := f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{{Module: "a", AnyDependency: true}}})
				c.Kinds = imports.Kinds(imports.KindModule, imports.KindTypeChecking)
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{c}}
			},
			check: func(t *testing.T, cfg *Config) {
				chk := cfg.Contracts[0].Finish.(*checker)
				if chk.reasons != "error" || chk.unused != "off" || chk.local != "off" {
					t.Errorf("rules: reasons %q, unused %q, local imports %q", chk.reasons, chk.unused, chk.local)
				}
			},
		},
		{
			name: "type-checking imports are left out by default; local_imports = warn keeps function imports, for warnings",
			toml: `[rules]
local_imports = "warn"
require_ignore_directive_reasons = "warn"

[[modules]]
path = "a"
`,
			want: func(t *testing.T, f fx) *Config {
				c := f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{{Module: "a", AnyDependency: true}}})
				c.Kinds = imports.Kinds(imports.KindModule, imports.KindFunction)
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{c}}
			},
			check: func(t *testing.T, cfg *Config) {
				chk := cfg.Contracts[0].Finish.(*checker)
				if chk.reasons != "warn" || chk.unused != "warn" || chk.local != "warn" {
					t.Errorf("rules: reasons %q, unused %q, local imports %q", chk.reasons, chk.unused, chk.local)
				}
			},
		},
		{
			name: "the root module is left unchecked, as root_module = ignore does",
			toml: `root_module = "ignore"

[[modules]]
path = "<root>"
depends_on = ["app"]

[[modules]]
path = "app"
depends_on = ["<root>", "lib"]

[[modules]]
path = "lib"
depends_on = []
`,
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "app", DependsOn: []string{"lib"}},
						{Module: "lib"},
					}}),
				}}
			},
		},
		{
			name: "visibility",
			toml: `[[modules]]
path = "api"
visibility = ["*"]

[[modules]]
path = "core"
visibility = ["api", "admin.*", "api"]
depends_on = ["api"]

[[modules]]
path = "secret"
visibility = []

[[modules]]
path = "admin.panel"
depends_on = ["core"]
`,
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "api", AnyDependency: true},
						{Module: "core", DependsOn: []string{"api"}},
						{Module: "secret", AnyDependency: true},
						{Module: "admin.panel", DependsOn: []string{"core"}},
					}}),
				}}
			},
		},
		{
			name: "external dependencies",
			toml: `[external]
exclude = ["pytest", "python-dateutil"]
rename = ["PIL:pillow"]

[[modules]]
path = "web"
depends_on = []
depends_on_external = ["fastapi", "pydantic"]
cannot_depend_on_external = ["requests", "os", "pytest"]

[[modules]]
path = "web.legacy"
depends_on = []

[[modules]]
path = "jobs"
depends_on = []
cannot_depend_on_external = ["os"]

[[modules]]
path = "scratch"
depends_on = []
unchecked = true
depends_on_external = ["numpy"]
`,
			want: func(t *testing.T, f fx) *Config {
				ext := f.contract("tach external dependencies of web", f.line(t, "depends_on_external", 1), &contracts.External{
					Modules: []string{"web"}, Allow: []string{"fastapi", "pydantic", "pytest"}, Deny: []string{"requests"},
				})
				ext.IgnoreImports = []contracts.IgnoreImport{ig("web.legacy", "**"), ig("web.legacy.**", "**")}
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "web"}, {Module: "web.legacy"}, {Module: "jobs"}, {Module: "scratch", Unchecked: true},
					}}),
					ext,
				}}
			},
		},
		{
			name: "keys with nothing to check are accepted",
			toml: `exact = false
layers_explicit_depends_on = false
include_string_imports = false
use_regex_matching = false
respect_gitignore = "if_git_repo"
disable_logging = true
root_module = "ignore"
source_roots = ["backend/", "./libs/*/src", "backend"]

[cache]
backend = "disk"
file_dependencies = ["python/tests/**"]
env_dependencies = ["DEBUG"]

[map]
extra_dependencies = { "a.py" = ["b.py"] }

[deadcode]
entry_points = ["app.py"]

[external]
include_dependency_groups = true

[plugins]
`,
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"backend", "libs/*/src"}}
			},
		},
		{
			name: "forbid_circular_dependencies without a cycle",
			toml: `forbid_circular_dependencies = true
respect_gitignore = true

[[modules]]
path = "a"
depends_on = ["b", "a"]

[[modules]]
path = "b"
depends_on = ["c.**"]
`,
			want: func(t *testing.T, f fx) *Config {
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{
					f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
						{Module: "a", DependsOn: []string{"b", "a"}},
						{Module: "b", DependsOn: []string{"c", "c.**"}},
					}}),
				}}
			},
		},
		{
			name: "exclude patterns become the engine's globs",
			toml: `exclude = ["venv", "/build", "docs/", "src/*.tests", "**/generated/**", "/setup.py"]

[[modules]]
path = "a"
`,
			want: func(t *testing.T, f fx) *Config {
				c := f.contract("tach modules", f.line(t, "modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{{Module: "a", AnyDependency: true}}})
				c.ExcludePaths = []string{"**/venv", "build/**", "**/docs/", "src/*.tests", "**/generated/**", "setup.py/**"}
				return &Config{File: f.file, SourceRoots: []string{"."}, Contracts: []contracts.Contract{c},
					Exclude: []string{"venv", "/build", "docs/", "src/*.tests", "**/generated/**", "/setup.py"}}
			},
		},
	}
	for _, tt := range tests {
		for _, pyproject := range []bool{false, true} {
			f := fx{file: "tach.toml", text: tt.toml}
			name := tt.name + "/tach.toml"
			if pyproject {
				f = fx{file: "pyproject.toml", text: toPyproject(tt.toml)}
				name = tt.name + "/pyproject.toml"
			}
			t.Run(name, func(t *testing.T) {
				cfg, err := Parse([]byte(f.text), f.file, pyproject)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if cfg == nil {
					t.Fatal("Parse returned no configuration")
				}
				want := tt.want(t, f)
				got := *cfg
				got.Contracts = comparable(t, cfg)
				if !reflect.DeepEqual(&got, want) {
					t.Errorf("Parse:\n got %s\nwant %s", dump(&got), dump(want))
				}
				if tt.check != nil {
					tt.check(t, cfg)
				}
			})
		}
	}
}

// dump prints a configuration with its contracts' specs, for failure messages.
func dump(c *Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "File=%s SourceRoots=%q Exclude=%q", c.File, c.SourceRoots, c.Exclude)
	for _, ct := range c.Contracts {
		fmt.Fprintf(&b, "\n  %+v\n    spec %+v", ct, ct.Spec)
	}
	return b.String()
}

func TestParsePyprojectWithoutTach(t *testing.T) {
	cfg, err := Parse([]byte("[project]\nname = \"app\"\n\n[tool.ruff]\nline-length = 100\n"), "pyproject.toml", true)
	if cfg != nil || err != nil {
		t.Errorf("Parse of a pyproject.toml without [tool.tach] = %v, %v; want nil, nil", cfg, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		toml      string
		pyproject bool
		want      []string // the lines of the error, each with file:line:col
	}{
		{
			name: "unknown key",
			toml: "sorce_roots = [\"src\"]\n",
			want: []string{`tach.toml:1:1: unknown key "sorce_roots" (did you mean "source_roots"?)`},
		},
		{
			name: "unknown key of a module in pyproject.toml",
			toml: "[project]\nname = \"app\"\n\n[tool.tach]\n[[tool.tach.modules]]\npath = \"a\"\ndepend_on = []\n", pyproject: true,
			want: []string{`pyproject.toml:7:1: [tool.tach.modules] unknown key "depend_on" (did you mean "depends_on"?)`},
		},
		{
			name: "wrong type",
			toml: "exclude = \"build\"\n",
			want: []string{`tach.toml:1:11: "exclude" must be an array of strings, not a string`},
		},
		{
			name: "settings buttress cannot honour",
			toml: `exact = true
layers_explicit_depends_on = true
include_string_imports = true
use_regex_matching = true
respect_gitignore = false
root_module = "allow"
`,
			want: []string{
				`tach.toml:3:26: tach's "include_string_imports" = true is not supported by buttress: buttress reads import statements only, not strings that look like module paths; set it to false, or leave it out`,
			},
		},
		{
			name: "values tach does not know",
			toml: `root_module = "nope"
respect_gitignore = "maybe"

[rules]
local_imports = "sometimes"
unused_ignore_directives = "eror"
`,
			want: []string{
				`tach.toml:1:15: "root_module": must be "ignore", "allow", "dependenciesonly" or "forbid", not "nope"`,
				`tach.toml:2:21: "respect_gitignore": must be true, false or "if_git_repo", not "maybe"`,
				`tach.toml:5:17: [rules] "local_imports": must be "error", "warn" or "off", not "sometimes"`,
				`tach.toml:6:28: [rules] "unused_ignore_directives": must be "error", "warn" or "off", not "eror" (did you mean "error"?)`,
			},
		},
		{
			name: "exclude patterns that are not regular expressions, with use_regex_matching",
			toml: "use_regex_matching = true\nexclude = [\"ok.*\", \"bad(\"]\n",
			want: []string{`tach.toml:2:20: "exclude" element 2: "bad(" is not a regular expression (use_regex_matching = true): missing closing )`},
		},
		{
			name: "the Django plugin",
			toml: "[plugins.django]\nsettings_module = \"app.settings\"\n",
			want: []string{`tach.toml:1:10: [plugins] tach's Django plugin is not supported by buttress: buttress does not read Django settings (INSTALLED_APPS and other dotted strings) as imports; remove [plugins.django] to use this configuration with buttress`},
		},
		{
			name: "source roots and exclude patterns",
			toml: "source_roots = [\"/abs\", \"\"]\nexclude = [\"!keep\", \"/\"]\n",
			want: []string{
				`tach.toml:1:17: "source_roots" element 1: "/abs" is an absolute path: write it relative to the directory of tach.toml`,
				`tach.toml:1:25: "source_roots" element 2: a source root cannot be empty: write "." for the project root`,
				`tach.toml:2:12: "exclude" element 1: tach's negated exclude pattern "!keep" is not supported by buttress: buttress can only leave files out, not bring back what another pattern left out; narrow the other patterns instead`,
				`tach.toml:2:21: "exclude" element 2: "/" matches the whole project: leave it out`,
			},
		},
		{
			name: "empty source roots",
			toml: "source_roots = []\n",
			want: []string{`tach.toml:1:16: "source_roots": the list is empty, so tach would find no module at all: list at least one directory ("." is the project root)`},
		},
		{
			name: "source roots outside the project",
			toml: "source_roots = [\"src\", \"../lib\", \"a/../..\"]\n",
			want: []string{
				`tach.toml:1:24: "source_roots" element 2: "../lib" is outside the project root: buttress reads the project's files only, and takes tach's source roots as its own: give a directory inside the project`,
				`tach.toml:1:34: "source_roots" element 3: "a/../.." is outside the project root: buttress reads the project's files only, and takes tach's source roots as its own: give a directory inside the project`,
			},
		},
		{
			name: "a module declared twice",
			toml: "[[modules]]\npath = \"a\"\n\n[[modules]]\npaths = [\"b\", \"a\"]\n",
			want: []string{`tach.toml:5:15: [modules] "paths" element 2: module "a" is declared twice (first at line 2), which tach refuses: merge the two entries`},
		},
		{
			name: "a layer that is not declared",
			toml: "[[modules]]\npath = \"a\"\nlayer = \"ui\"\n",
			want: []string{`tach.toml:3:9: [modules] "layer": module "a" is in layer "ui", but tach.toml has no "layers" list: declare the layers, highest first (layers = ["ui", "core"])`},
		},
		{
			name: "layers that are wrong",
			toml: "layers = [\"core\", \"core\", 3, { closed = true }, { name = \"x\", open = true }, \"\"]\n\n[[modules]]\npath = \"a\"\nlayer = \"ui\"\n",
			want: []string{
				`tach.toml:1:19: "layers" element 2: layer "core" is listed twice (first as element 1): a layer has one place in the order`,
				`tach.toml:1:27: "layers" element 3: must be a layer name or a table such as { name = "core", closed = true }`,
				`tach.toml:1:30: "layers" element 4: this layer has no name: write { name = "core", closed = true }`,
				`tach.toml:1:63: [layers] unknown key "open" (expected one of "name", "closed")`,
				`tach.toml:1:78: "layers" element 6: a layer name cannot be empty`,
				`tach.toml:5:9: [modules] "layer": module "a" is in layer "ui", which "layers" in tach.toml does not list (it lists "core")`,
			},
		},
		{
			name: "a dependency on a module that is not visible",
			toml: "[[modules]]\npath = \"a\"\ndepends_on = [\"b\"]\n\n[[modules]]\npath = \"b\"\nvisibility = [\"c\", \"admin.*\"]\n\n[[modules]]\npath = \"admin.x\"\ndepends_on = [\"b\", \"d\"]\n\n[[modules]]\npath = \"d\"\nvisibility = []\n",
			want: []string{
				`tach.toml:3:15: [modules] "depends_on" element 1: module "a" may not depend on "b", which is visible to only "c", "admin.*" (its visibility, at line 7): tach refuses this dependency`,
				`tach.toml:11:20: [modules] "depends_on" element 2: module "admin.x" may not depend on "d", which is visible to no module (its visibility, at line 15): tach refuses this dependency`,
			},
		},
		{
			name: "a cycle with forbid_circular_dependencies",
			toml: "forbid_circular_dependencies = true\n\n[[modules]]\npath = \"c\"\ndepends_on = [\"a\"]\n\n[[modules]]\npath = \"a\"\ndepends_on = [\"b\"]\n\n[[modules]]\npath = \"b\"\ndepends_on = [\"c\", \"d\"]\n\n[[modules]]\npath = \"d\"\ndepends_on = [\"e\"]\n\n[[modules]]\npath = \"e\"\ndepends_on = [\"d\"]\n",
			want: []string{
				`tach.toml:5:15: [modules] "depends_on" element 1: circular dependency detected for module "c" (c -> a -> b -> c), which tach refuses with forbid_circular_dependencies = true: remove one of these dependencies, or unset forbid_circular_dependencies in tach.toml to allow circular dependencies`,
				`tach.toml:9:15: [modules] "depends_on" element 1: circular dependency detected for module "a" (a -> b -> c -> a), which tach refuses with forbid_circular_dependencies = true: remove one of these dependencies, or unset forbid_circular_dependencies in tach.toml to allow circular dependencies`,
				`tach.toml:13:15: [modules] "depends_on" element 1: circular dependency detected for module "b" (b -> c -> a -> b), which tach refuses with forbid_circular_dependencies = true: remove one of these dependencies, or unset forbid_circular_dependencies in tach.toml to allow circular dependencies`,
				`tach.toml:17:15: [modules] "depends_on" element 1: circular dependency detected for module "d" (d -> e -> d), which tach refuses with forbid_circular_dependencies = true: remove one of these dependencies, or unset forbid_circular_dependencies in tach.toml to allow circular dependencies`,
				`tach.toml:21:15: [modules] "depends_on" element 1: circular dependency detected for module "e" (e -> d -> e), which tach refuses with forbid_circular_dependencies = true: remove one of these dependencies, or unset forbid_circular_dependencies in tach.toml to allow circular dependencies`,
			},
		},
		{
			name: "interfaces that are wrong",
			toml: "[[interfaces]]\nexpose = [\"a(\"]\nfrom = [\"[\"]\n\n[[interfaces]]\nfrom = [\"x\"]\n\n[[interfaces]]\nexpose = [\"x\"]\nvisibility = [\"a\"]\ndata_types = \"primitive\"\n\n[[interfaces]]\nexpose = [\"x\"]\ndata_types = \"some\"\n",
			want: []string{
				`tach.toml:2:11: [interfaces] "expose" element 1: "a(" is not a regular expression: missing closing )`,
				`tach.toml:3:9: [interfaces] "from" element 1: "[" is not a regular expression: missing closing ]`,
				`tach.toml:5:3: "interfaces" element 2: this interface has no "expose": list the names other modules may import (regular expressions, such as "get_.*")`,
				`tach.toml:10:15: [interfaces] tach's interface "visibility" is not supported by buttress: an interface applies to every module outside its package, it cannot show more to some importers than to others; remove visibility (and exclusive) and put the names in the expose list every module sees, or keep using tach for this interface`,
				`tach.toml:11:14: [interfaces] tach's interface "data_types" = "primitive" is not supported by buttress: buttress does not check the types of what an interface exposes; set it to "all" or leave it out`,
				`tach.toml:15:14: [interfaces] "data_types": must be "all" or "primitive", not "some"`,
			},
		},
		{
			name: "module globs and bad dependencies",
			toml: "[[modules]]\npath = \"libs.**\"\n\n[[modules]]\npath = \"a\"\ndepends_on = [\"b.c*\", { deprecated = true }, { path = \"x\", deprecatd = true }, 3, \"a-b\", \"{x,y}\"]\n",
			want: []string{
				`tach.toml:2:8: [modules] tach's module glob "libs.**" is not supported by buttress: it stands for every module it matches, each a tach module of its own, and which modules those are only a scan of the project tells; list the modules by name (paths = ["a.b", "a.c"] gives several modules one configuration)`,
				`tach.toml:6:15: [modules] "depends_on" element 1: tach's glob "b.c*" is not supported by buttress: a wildcard must be a whole segment ("pkg.*", "pkg.**"), with no other glob syntax ("?", "[...]", "{...}"); list the modules by name`,
				`tach.toml:6:23: [modules] "depends_on" element 2: this dependency has no path: write { path = "pkg.module", deprecated = true }`,
				`tach.toml:6:60: [modules.depends_on] unknown key "deprecatd" (did you mean "deprecated"?)`,
				`tach.toml:6:80: [modules] "depends_on" element 4: must be a module path or a table such as { path = "pkg.module", deprecated = true }`,
				`tach.toml:6:83: [modules] "depends_on" element 5: "a-b": "a-b" is not a module name (a module path is dotted Python names, as in "pkg.sub")`,
				`tach.toml:6:90: [modules] "depends_on" element 6: tach's glob "{x,y}" is not supported by buttress: a wildcard must be a whole segment ("pkg.*", "pkg.**"), with no other glob syntax ("?", "[...]", "{...}"); list the modules by name`,
			},
		},
		{
			name: "module entries that are wrong",
			toml: "[[modules]]\npath = \"a\"\npaths = [\"b\"]\n\n[[modules]]\ndepends_on = []\n\n[[modules]]\npath = \"c\"\nstrict = true\n\n[[modules]]\npath = \"my-pkg\"\n",
			want: []string{
				`tach.toml:1:3: "modules" element 1: this module has both "path" and "paths": write one of them ("paths" gives several modules one configuration)`,
				`tach.toml:5:3: "modules" element 2: this module has no "path": write path = "pkg.module" (or paths = [...] for several modules)`,
				`tach.toml:10:10: [modules] tach's "strict" = true is not supported by buttress: it is tach's old way of declaring a module's interface, which tach itself turns into an [[interfaces]] entry; write that entry instead (expose = [...], from = ["c"]) and remove "strict"`,
				`tach.toml:13:8: [modules] "path": "my-pkg": "my-pkg" is not a module name (a module path is dotted Python names, as in "pkg.sub")`,
			},
		},
		{
			name: "external dependencies and visibility that are wrong",
			toml: "[[modules]]\npath = \"a\"\ndepends_on_external = []\ncannot_depend_on_external = [\"python-dateutil\"]\nvisibility = [\"b.c*\"]\n",
			want: []string{
				`tach.toml:3:23: [modules] tach's empty "depends_on_external" is not supported by buttress: it forbids every third-party import, and buttress's external contracts can only list the names allowed; list at least one name, or leave the key out`,
				`tach.toml:4:30: [modules] "cannot_depend_on_external" element 1: "python-dateutil" is not a top-level module name: tach compares these names with the first part of each import (write "dateutil", not "python-dateutil")`,
				`tach.toml:5:15: [modules] "visibility" element 1: tach's visibility pattern "b.c*" is not supported by buttress: a wildcard must be a whole segment ("pkg.*"), with no other glob syntax; list the modules by name`,
			},
		},
		{
			name: "errors in pyproject.toml name the [tool.tach] table",
			toml: "[project]\nname = \"app\"\n\n[tool.tach]\ninclude_string_imports = true\n\n[[tool.tach.modules]]\npath = \"a\"\nlayer = \"x\"\n", pyproject: true,
			want: []string{
				`pyproject.toml:5:26: [tool.tach] tach's "include_string_imports" = true is not supported by buttress: buttress reads import statements only, not strings that look like module paths; set it to false, or leave it out`,
				`pyproject.toml:9:9: [tool.tach.modules] "layer": module "a" is in layer "x", but pyproject.toml has no "layers" list: declare the layers, highest first (layers = ["ui", "core"])`,
			},
		},
		{
			name: "the root module declared twice, as <root> and as .",
			toml: "[[modules]]\npath = \"<root>\"\n\n[[modules]]\npath = \".\"\n",
			want: []string{`tach.toml:5:8: [modules] "path": module "<root> (the root module)" is declared twice (first at line 2), which tach refuses: merge the two entries`},
		},
		{
			name: "respect_gitignore of the wrong type",
			toml: "respect_gitignore = 3\n",
			want: []string{`tach.toml:1:21: "respect_gitignore": must be true, false or "if_git_repo"`},
		},
		{
			name: "invalid TOML",
			toml: "[[modules]]\npath = \"a\n",
			want: []string{`tach.toml:2:10: invalid TOML: basic strings cannot have new lines`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "tach.toml"
			if tt.pyproject {
				file = "pyproject.toml"
			}
			cfg, err := Parse([]byte(tt.toml), file, tt.pyproject)
			if err == nil {
				t.Fatalf("Parse succeeded (%d contracts); want:\n%s", len(cfg.Contracts), strings.Join(tt.want, "\n"))
			}
			if cfg != nil {
				t.Errorf("Parse returned a configuration with its error")
			}
			if got := err.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("Parse error:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
			// Every error is a *config.Error with a file and a line, and a key when there is one.
			var list config.ErrorList
			var one *config.Error
			if errors.As(err, &list) {
				for _, e := range list {
					if e.File != file || e.Line == 0 {
						t.Errorf("error without a position: %#v", e)
					}
				}
			} else if !errors.As(err, &one) || one.File != file || one.Line == 0 {
				t.Errorf("error is not a positioned *config.Error: %#v", err)
			}
		})
	}
}

func TestErrorKey(t *testing.T) {
	_, err := Parse([]byte("[[modules]]\npath = \"a\"\ndepends_on = [\"b\", \"c*\"]\n"), "tach.toml", false)
	var e *config.Error
	if !errors.As(err, &e) {
		t.Fatalf("error is not a *config.Error: %v", err)
	}
	if e.File != "tach.toml" || e.Line != 3 || e.Col != 20 || e.Table != "modules" || e.Key != "depends_on" {
		t.Errorf("error at %s:%d:%d [%s] %s; want tach.toml:3:20 [modules] depends_on", e.File, e.Line, e.Col, e.Table, e.Key)
	}
}

// write creates the files (slash-separated paths, contents) under a new directory.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestLoad(t *testing.T) {
	t.Run("no configuration", func(t *testing.T) {
		root := write(t, map[string]string{"pyproject.toml": "[project]\nname = \"app\"\n", "app/__init__.py": ""})
		cfg, err := Load(root)
		if cfg != nil || err != nil {
			t.Errorf("Load = %v, %v; want nil, nil", cfg, err)
		}
	})
	t.Run("an empty directory", func(t *testing.T) {
		cfg, err := Load(t.TempDir())
		if cfg != nil || err != nil {
			t.Errorf("Load = %v, %v; want nil, nil", cfg, err)
		}
	})
	t.Run("a pyproject.toml that mentions tool.tach without the table", func(t *testing.T) {
		root := write(t, map[string]string{"pyproject.toml": "[project]\nname = \"app\"\n# see tool.tach one day\n"})
		cfg, err := Load(root)
		if cfg != nil || err != nil {
			t.Errorf("Load = %v, %v; want nil, nil", cfg, err)
		}
	})
	t.Run("tach.toml comes before pyproject.toml", func(t *testing.T) {
		root := write(t, map[string]string{
			"tach.toml":      "source_roots = [\"src\"]\n",
			"pyproject.toml": "[tool.tach]\nsource_roots = [\"lib\"]\n",
		})
		cfg, err := Load(root)
		if err != nil || cfg == nil || cfg.File != "tach.toml" || !reflect.DeepEqual(cfg.SourceRoots, []string{"src"}) {
			t.Errorf("Load = %+v, %v; want tach.toml's configuration", cfg, err)
		}
	})
	t.Run("pyproject.toml", func(t *testing.T) {
		root := write(t, map[string]string{"pyproject.toml": "[project]\nname = \"app\"\n\n[tool.tach]\n\n[[tool.tach.modules]]\npath = \"app\"\n"})
		cfg, err := Load(root)
		if err != nil || cfg == nil || cfg.File != "pyproject.toml" || len(cfg.Contracts) != 1 || cfg.Contracts[0].Origin.File != "pyproject.toml" {
			t.Errorf("Load = %+v, %v; want pyproject.toml's configuration", cfg, err)
		}
	})
	t.Run("tach.yml, tach's old format", func(t *testing.T) {
		root := write(t, map[string]string{"tach.yml": "modules: []\n"})
		_, err := Load(root)
		want := "tach.yml: this is the configuration format of old tach versions, which buttress does not read: run any tach command once (tach converts it to tach.toml), then run buttress again"
		if err == nil || err.Error() != want {
			t.Errorf("Load error = %v; want %s", err, want)
		}
	})
	t.Run("an error in tach.toml", func(t *testing.T) {
		root := write(t, map[string]string{"tach.toml": "include_string_imports = true\n"})
		_, err := Load(root)
		if err == nil || !strings.HasPrefix(err.Error(), "tach.toml:1:26: tach's \"include_string_imports\" = true is not supported by buttress") {
			t.Errorf("Load error = %v", err)
		}
	})
}

// The configuration page's domain example, with the directories tach's walk leaves out.
func TestLoadDomains(t *testing.T) {
	tachToml := `source_roots = ["python"]
exclude = ["build/"]

[[modules]]
path = "tach.hooks"
depends_on = []

[[interfaces]]
expose = ["run"]
from = ["tach.hooks"]
`
	domain := `[root]  # tach.filesystem
depends_on = [
  "//tach.hooks",
  "service",
]

[[modules]]
path = "service"
depends_on = []

[[modules]]
path = "git_ops"
depends_on = ["<domain_root>"]
visibility = ["//tach.hooks", "service"]

[[interfaces]]
expose = ["service.*"]
from = ["<domain_root>"]

[[interfaces]]
expose = ["client.*"]
from = ["git_ops"]
`
	broken := "this is not TOML ["
	root := write(t, map[string]string{
		"tach.toml": tachToml,
		"python/tach/filesystem/tach.domain.toml": domain,
		"python/tach/filesystem/service.py":       "",
		"python/.hidden/tach.domain.toml":         broken,
		"python/build/tach.domain.toml":           broken,
		"python/generated/tach.domain.toml":       broken,
		"python/.gitignore":                       "generated/\n",
	})
	cfg, err := Load(root)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	main := fx{file: "tach.toml", text: tachToml}
	dom := fx{file: "python/tach/filesystem/tach.domain.toml", text: domain}
	within := []string{"tach.hooks", "tach.filesystem", "tach.filesystem.service", "tach.filesystem.git_ops"}
	hooks := main.contract("tach interface of tach.hooks", main.line(t, "[[interfaces]]", 1), &contracts.Interface{Packages: []string{"tach.hooks"}, Expose: []string{"run"}})
	fs := dom.contract("tach interface of tach.filesystem", dom.line(t, "[[interfaces]]", 1), &contracts.Interface{Packages: []string{"tach.filesystem"}, Expose: []string{"service.*"}})
	fs.IgnoreImports = nestedIgnores("tach.filesystem.service", "tach.filesystem.git_ops")
	git := dom.contract("tach interface of tach.filesystem.git_ops", dom.line(t, "[[interfaces]]", 2), &contracts.Interface{Packages: []string{"tach.filesystem.git_ops"}, Expose: []string{"client.*"}})
	want := []contracts.Contract{
		main.contract("tach modules", main.line(t, "[[modules]]", 1), &contracts.Allowed{Modules: []contracts.AllowedModule{
			{Module: "tach.hooks"},
			{Module: "tach.filesystem", DependsOn: []string{"tach.hooks", "tach.filesystem.service"}},
			{Module: "tach.filesystem.service"},
			{Module: "tach.filesystem.git_ops", DependsOn: []string{"tach.filesystem"}},
		}}),
		hooks, fs, git,
	}
	for i := range want {
		want[i].ExcludePaths = []string{"**/build/"}
		if _, ok := want[i].Spec.(*contracts.Interface); ok {
			want[i].Within = within
		}
	}
	got := comparable(t, cfg)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load:\n got %s\nwant %s", dump(&Config{Contracts: got}), dump(&Config{Contracts: want}))
	}
}

func TestLoadDomainErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "errors in a domain file are positioned in it",
			files: map[string]string{
				"tach.toml":                    "[[modules]]\npath = \"app.core\"\n",
				"app/tach.domain.toml":         "[root]\ndepends_on = [\"core\"]\nlayr = \"x\"\n",
				"app/billing/tach.domain.toml": "[[modules]]\npath = \"invoices\"\n\n[[modules]]\npath = \"//app.core\"\n\n[[interfaces]]\nexpose = [\"(\"]\n",
				"app/extra/tach.domain.toml":   "[[modules]]\npath = \"x\"\n\n[[modules]]\npath = \"x\"\n",
			},
			want: []string{
				`app/billing/tach.domain.toml:5:8: [modules] "path": "app.billing.//app.core": "//app" is not a module name (a module path is dotted Python names, as in "pkg.sub")`,
				`app/billing/tach.domain.toml:8:11: [interfaces] "expose" element 1: "(" is not a regular expression: missing closing )`,
				`app/extra/tach.domain.toml:5:8: [modules] "path": module "app.extra.x" is declared twice (first at line 2), which tach refuses: merge the two entries`,
				`app/tach.domain.toml:3:1: [root] unknown key "layr" (did you mean "layer"?)`,
			},
		},
		{
			name: "a module declared in tach.toml and in a domain file",
			files: map[string]string{
				"tach.toml":            "\n[[modules]]\npath = \"app.core\"\n",
				"app/tach.domain.toml": "[[modules]]\npath = \"core\"\n",
			},
			want: []string{`app/tach.domain.toml:2:8: [modules] "path": module "app.core" is declared twice (first at tach.toml:3), which tach refuses: merge the two entries`},
		},
		{
			name: "a domain file at a source root, and one below none",
			files: map[string]string{
				"tach.toml":                   "source_roots = [\"src\"]\n",
				"src/tach.domain.toml":        "",
				"tools/tach.domain.toml":      "",
				"src/my-app/tach.domain.toml": "",
			},
			want: []string{
				`src/my-app/tach.domain.toml: the directory of this tach.domain.toml is not a module below source root "src" ("my-app" is not a module name)`,
				`src/tach.domain.toml: a tach.domain.toml cannot be at a source root ("src"): its directory must be a package, as tach requires; move it into one`,
				`tools/tach.domain.toml: this tach.domain.toml is below no source root of tach.toml ("src"), so tach cannot name its module: move it, or add a source root`,
			},
		},
		{
			name: "a domain file below a glob source root",
			files: map[string]string{
				"tach.toml":                         "source_roots = [\"libs/*/src\"]\n\n[[modules]]\npath = \"one.core\"\n",
				"libs/a/src/one/tach.domain.toml":   "[[modules]]\npath = \"core\"\n",
				"libs/a/src/other/tach.domain.toml": "bad",
			},
			want: []string{
				`libs/a/src/one/tach.domain.toml:2:8: [modules] "path": module "one.core" is declared twice (first at tach.toml:4), which tach refuses: merge the two entries`,
				`libs/a/src/other/tach.domain.toml:1:3: invalid TOML: expected '=' after key`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(write(t, tt.files))
			if err == nil {
				t.Fatalf("Load succeeded (%+v); want:\n%s", cfg, strings.Join(tt.want, "\n"))
			}
			if got := err.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("Load error:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// tach's pattern read on whole lines: the reason, the names, and what is not a directive.
func TestParseDirective(t *testing.T) {
	tests := []struct {
		line   string
		ok     bool
		reason string
		names  []string
	}{
		// The tach-ignore page's forms.
		{line: "from core.main import private_function  # tach-ignore", ok: true},
		{line: "# tach-ignore", ok: true},
		{line: "from core.main import private_function  # tach-ignore private_function", ok: true, names: []string{"private_function"}},
		{line: "# tach-ignore(Alternative API not yet available 11/26/24) private_api", ok: true, reason: "Alternative API not yet available 11/26/24", names: []string{"private_api"}},
		{line: "import a.b  # tach-ignore(legacy) a.b x", ok: true, reason: "legacy", names: []string{"a.b", "x"}},
		// Spacing.
		{line: "# tach-ignore a b  c  ", ok: true, names: []string{"a", "b", "c"}},
		{line: "#tach-ignore", ok: true},
		{line: "#   tach-ignore", ok: true},
		{line: "x = 1 #tach-ignore\t", ok: true},
		// Anywhere in a comment, after another one, or after code.
		{line: "# pylint: disable=foo # tach-ignore", ok: true},
		{line: "from a import b  # noqa: E402  # tach-ignore(why) x", ok: true, reason: "why", names: []string{"x"}},
		{line: "# tach-ignore(a) x # tach-ignore(b) y", ok: true, reason: "b", names: []string{"y"}},
		// Reasons: empty, blank, any text but ")".
		{line: "# tach-ignore()", ok: true},
		{line: "# tach-ignore( )", ok: true, reason: " "},
		{line: "# tach-ignore(a (b)", ok: true, reason: "a (b"},
		// Unicode names (Rust's \w).
		{line: "# tach-ignore café_1", ok: true, names: []string{"café_1"}},
		// Not tach's syntax: the line must end with the directive.
		{line: "# tach-ignore: legacy"},
		{line: "# tach-ignore x-y"},
		{line: "# tach-ignore(why"},
		{line: "# tach-ignore x  # later"},
		{line: "# tach-ignore  # noqa"},
		{line: "# tach-ignore (why)"},
		{line: "# type: ignore"},
		{line: "# buttress: ignore[ARCH005]"},
		{line: ""},
	}
	for _, tt := range tests {
		reason, names, ok := parseDirective(tt.line)
		if ok != tt.ok || reason != tt.reason || !reflect.DeepEqual(names, tt.names) {
			t.Errorf("parseDirective(%q) = %q, %q, %v; want %q, %q, %v", tt.line, reason, names, ok, tt.reason, tt.names, tt.ok)
		}
	}
}

// A directive with names silences the imports whose path (tach's: "a.b.f" for `from a.b import
// f`) ends with one of them, as text.
func TestDirectiveMatches(t *testing.T) {
	tests := []struct {
		names []string
		path  string
		want  bool
	}{
		{nil, "core.main.private_function", true},
		{[]string{"private_function"}, "core.main.private_function", true},
		{[]string{"private_function"}, "core.main.public_function", false},
		{[]string{"main.private_function"}, "core.main.private_function", true},
		{[]string{"core.main.private_function"}, "core.main.private_function", true},
		{[]string{"x", "f"}, "a.f", true},
		{[]string{"f"}, "a.elf", true}, // as text, as tach does
		{[]string{"a"}, "a.b", false},
		{[]string{"c"}, "a.b", false}, // `from a import b as c`: the alias does not count
		{[]string{"*"}, "a.*", true},  // tach's pattern never reads "*" as a name: only a bare directive gets here
	}
	for _, tt := range tests {
		d := &directive{names: tt.names}
		if got := d.matches(tt.path); got != tt.want {
			t.Errorf("names %q on %s = %v, want %v", tt.names, tt.path, got, tt.want)
		}
	}
}

// The lines directives apply to, the first one for a line winning, and which silence which
// import: the line of the name, or the first line of its statement.
func TestReadDirectives(t *testing.T) {
	text := strings.Join([]string{
		"# tach-ignore(above) b",              // 1: applies to 2
		"from a import b, c  # tach-ignore",   // 2: redundant (line 2 is taken)
		"from a import (  # tach-ignore(all)", // 3: applies to 3, the statement's first line
		"    d,  # tach-ignore(redundant) d",  // 4: applies to 4
		"    e,",                              // 5
		")",                                   // 6
		"from a import (",                     // 7
		"    f,  # tach-ignore f",             // 8: applies to 8
		"    g,",                              // 9
		")",                                   // 10
		`s = """`,                             // 11
		"# tach-ignore",                       // 12: in a string, but tach reads lines: applies to 13
		`"""`,                                 // 13
		"\tfrom x import y # tach-ignore\r",   // 14: applies to 14 (a "\r" before the end)
		"# tach-ignore",                       // 15: alone, applies to 16, which has no import
		"",                                    // 16
	}, "\n")
	fd := readDirectives(text)
	var got []string
	for _, d := range fd.sorted() {
		got = append(got, fmt.Sprintf("%d->%d %q %q", d.line, d.applies, d.reason, d.names))
	}
	for _, d := range fd.redundant {
		got = append(got, fmt.Sprintf("redundant %d->%d", d.line, d.applies))
	}
	want := []string{
		`1->2 "above" ["b"]`, `3->3 "all" []`, `4->4 "redundant" ["d"]`, `8->8 "" ["f"]`, `12->13 "" []`, `14->14 "" []`, `15->16 "" []`,
		"redundant 2->2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("directives:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	edge := func(name string, line, stmt int) *imports.Edge {
		return &imports.Edge{Importer: "m", Imported: "a", Name: name, Path: "m.py", Line: line, StmtLine: stmt}
	}
	claims := []struct {
		e    *imports.Edge
		want bool
	}{
		{edge("b", 2, 2), true},  // by line 1's, which names b
		{edge("c", 2, 2), false}, // line 1's names only b, and line 2's is redundant
		{edge("d", 4, 3), true},  // the statement's line 3 comes first: it takes d
		{edge("e", 5, 3), true},  // line 3's covers every name of the statement
		{edge("f", 8, 7), true},
		{edge("g", 9, 7), false},
	}
	for _, c := range claims {
		if got := fd.claim(c.e); got != c.want {
			t.Errorf("import of %s on line %d (statement at %d): silenced = %v, want %v", c.e.Name, c.e.Line, c.e.StmtLine, got, c.want)
		}
	}
	var used []int
	for _, d := range fd.sorted() {
		if d.used {
			used = append(used, d.line)
		}
	}
	// Line 4's matched d, but line 3's took it first: it silences nothing.
	if want := []int{1, 3, 8}; !reflect.DeepEqual(used, want) {
		t.Errorf("used directives at lines %v, want %v", used, want)
	}
	// tach check sets aside the directives on the lines of imports from outside the project:
	// the one that applies to the line, and the redundant ones written on it.
	fd.drop(2)
	fd.drop(14)
	if fd.active[14] != nil || len(fd.redundant) != 0 || fd.active[2] != nil || fd.active[3] == nil {
		t.Errorf("after drop: active %v, redundant %v", fd.active, fd.redundant)
	}
}

func TestExcludeGlob(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"venv", "**/venv"},
		{"venv/", "**/venv/"},
		{"**/*__pycache__", "**/*__pycache__"},
		{"/build", "build/**"},
		{"/build/", "build/**"},
		{"python/tests/", "python/tests/"},
		{"project/*.tests", "project/*.tests"},
		{"*.egg-info", "**/*.egg-info"},
		{"a/**/b", "a/**/b"},
	}
	for _, tt := range tests {
		if got, err := excludeGlob(tt.pattern); err != nil || got != tt.want {
			t.Errorf("excludeGlob(%q) = %q, %v; want %q", tt.pattern, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", " ", "!x", "/", "[z-a"} {
		if g, err := excludeGlob(bad); err == nil {
			t.Errorf("excludeGlob(%q) = %q; want an error", bad, g)
		}
	}
}

// The globs leave out, as the engine matches them, what tach's .gitignore-style patterns
// leave out: checked against a gitignore matcher.
func TestExcludeMatchesGitignore(t *testing.T) {
	patterns := []string{"venv", "venv/", "/build", "python/tests/", "project/*.tests", "**/*__pycache__", "*.egg-info", "docs", "a/**/b", "/setup.py", "gen_*.py"}
	paths := []string{
		"venv/lib/x.py", "src/venv/x.py", "build/x.py", "src/build/x.py", "python/tests/test_a.py", "x/python/tests/t.py",
		"project/a.tests/x.py", "project/a/b.tests/x.py", "pkg/__pycache__/m.py", "x.egg-info/m.py", "docs/conf.py", "a/docs/b.py",
		"a/b/x.py", "a/x/y/b/z.py", "setup.py", "pkg/setup.py", "pkg/gen_models.py", "gen_x.py", "pkg/models.py", "venvs/x.py",
	}
	for _, pat := range patterns {
		g, err := excludeGlob(pat)
		if err != nil {
			t.Fatalf("excludeGlob(%q): %v", pat, err)
		}
		var m gitignore.Matcher
		m.AddPatterns([]byte(pat+"\n"), "")
		// As a walk does: a directory left out is not entered.
		ignored := func(p string) bool {
			segs := strings.Split(p, "/")
			for i := 1; i < len(segs); i++ {
				if m.MatchPath(strings.Join(segs[:i], "/"), true) {
					return true
				}
			}
			return m.MatchPath(p, false)
		}
		for _, p := range paths {
			if want, got := ignored(p), excluded([]string{g}, p); got != want {
				t.Errorf("exclude %q (glob %q) on %s: excluded = %v, tach (gitignore) says %v", pat, g, p, got, want)
			}
		}
	}
}

// An expose pattern means for the engine (a whole match) what it means for tach ("^" +
// pattern + "$", searched).
func TestExposeExpr(t *testing.T) {
	patterns := []string{"get_.*", "a|b", "read|write_.*", "(a|b)", "[|]x", `a\|b`, "(?i)x|y", "x|y|z", "[]|]a"}
	names := []string{"a", "b", "ab", "ba", "xa", "ax", "read", "readme", "write_x", "x_write_y", "get_data", "|x", "a|b", "X", "Y", "zy", "yz", "]a", "|a", "qz", "zq"}
	for _, p := range patterns {
		tach := regexp.MustCompile("^" + p + "$")
		engine := regexp.MustCompile("^(?:" + exposeExpr(p) + ")$")
		for _, n := range names {
			if tach.MatchString(n) != engine.MatchString(n) {
				t.Errorf("expose %q (as %q) on %q: buttress matches %v, tach %v", p, exposeExpr(p), n, engine.MatchString(n), tach.MatchString(n))
			}
		}
	}
	if exposeExpr("get_.*") != "get_.*" {
		t.Errorf("a pattern without a top-level | should be kept as written, got %q", exposeExpr("get_.*"))
	}
	if regexp.MustCompile("^(?:" + neverMatches + ")$").MatchString("") {
		t.Errorf("neverMatches matches the empty name")
	}
}

func TestVisibilityMatcher(t *testing.T) {
	tests := []struct {
		pattern, module string
		want            bool
	}{
		{"tach.check", "tach.check", true},
		{"tach.check", "tach.check.sub", false},
		{"tach.*", "tach.check", true},
		{"tach.*", "tach.check.sub", true}, // tach's "*" spans dots
		{"tach.*", "tach", false},
		{"*.api", "a.b.api", true},
	}
	for _, tt := range tests {
		if got := visibilityMatcher(tt.pattern).MatchString(tt.module); got != tt.want {
			t.Errorf("visibility %q on %s = %v, want %v", tt.pattern, tt.module, got, tt.want)
		}
	}
}

// The translated contracts run on buttress's engine: the interfaces page's example on a small
// graph, with a tach-ignore comment and code that no module holds.
func TestContractsOnEngine(t *testing.T) {
	cfg, err := Parse([]byte(`[[modules]]
path = "domain"
depends_on = ["core"]

[[modules]]
path = "core"
depends_on = []

[[interfaces]]
expose = ["get_data"]
from = ["core"]
`), "tach.toml", false)
	if err != nil {
		t.Fatal(err)
	}
	fp := imports.FirstParty
	g := imports.NewGraph([]string{"."}, []imports.Module{
		{Name: "domain", Path: "domain.py"}, {Name: "core", Path: "core/__init__.py", Package: true},
		{Name: "core.main", Path: "core/main.py"}, {Name: "scripts", Path: "scripts.py"},
	}, []imports.Edge{
		{Importer: "domain", Imported: "core.main", Name: "DataModel", Path: "domain.py", Line: 1, Category: fp},
		{Importer: "domain", Imported: "core", Name: "get_data", Path: "domain.py", Line: 2, Category: fp},
		{Importer: "domain", Imported: "core.main", Name: "private", Path: "domain.py", Line: 3, Category: fp, Comment: "# tach-ignore(legacy) private"},
		{Importer: "scripts", Imported: "core.main", Name: "DataModel", Path: "scripts.py", Line: 1, Category: fp},
		{Importer: "core.main", Imported: "domain", Path: "core/main.py", Line: 1, Category: fp},
	})
	var got []string
	files := map[string]string{
		"domain.py": "from core.main import DataModel\nfrom core import get_data\nfrom core.main import private  # tach-ignore(legacy) private\n",
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	for _, r := range contracts.Check(cfg.Contracts, contracts.Input{Graph: g, ReadFile: read}, 1) {
		for _, f := range r.Findings {
			got = append(got, fmt.Sprintf("%s %s:%d", f.Code, f.Path, f.Line))
		}
	}
	want := []string{"ARCH005 core/main.py:1", "ARCH006 domain.py:1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %q, want %q", got, want)
	}
}
