package tach

import (
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/contracts/contractstest"
	"github.com/buttresspy/buttress/internal/imports"
)

// fuzzGraph is a small project with the modules the seeds name: packages, nested modules, a
// cycle, external imports, a tach-ignore comment and every import kind.
func fuzzGraph() *imports.Graph {
	mods := []imports.Module{
		{Name: "core", Package: true, Path: "core/__init__.py"}, {Name: "core.api", Path: "core/api.py"},
		{Name: "domain", Package: true, Path: "domain/__init__.py"}, {Name: "domain.models", Path: "domain/models.py"},
		{Name: "tach", Package: true, Path: "tach/__init__.py"}, {Name: "tach.check", Path: "tach/check.py"},
		{Name: "tach.parsing", Path: "tach/parsing.py"}, {Name: "utils", Path: "utils.py"},
	}
	edge := func(from, to string, kind imports.Kind, cat imports.Category, name, comment string) imports.Edge {
		return imports.Edge{Importer: from, Imported: to, Name: name, Path: strings.ReplaceAll(from, ".", "/") + ".py", Line: 1, Kind: kind, Category: cat, Comment: comment}
	}
	edges := []imports.Edge{
		edge("domain", "core", imports.KindModule, imports.FirstParty, "get_data", ""),
		edge("domain.models", "core.api", imports.KindModule, imports.FirstParty, "", "# tach-ignore(legacy) api"),
		edge("core.api", "domain.models", imports.KindFunction, imports.FirstParty, "Model", ""),
		edge("tach.check", "tach.parsing", imports.KindTypeChecking, imports.FirstParty, "parse_project_config", ""),
		edge("tach.parsing", "utils", imports.KindModule, imports.FirstParty, "*", ""),
		edge("core", "requests", imports.KindModule, imports.ThirdParty, "", ""),
		edge("utils", "os", imports.KindModule, imports.Stdlib, "", ""),
	}
	return imports.NewGraph([]string{"."}, mods, edges)
}

// checkParse checks what Parse returned for data read as file: errors are config errors about
// file at a line of data, contracts are complete and can be checked on g.
func checkParse(t *testing.T, g *imports.Graph, data []byte, file string, cfg *Config, err error) {
	t.Helper()
	if err != nil {
		if cfg != nil {
			t.Fatalf("a configuration and an error: %v", err)
		}
		contractstest.ConfigError(t, err, file, data)
		return
	}
	if cfg == nil {
		return
	}
	if cfg.File != file || len(cfg.SourceRoots) == 0 {
		t.Fatalf("bad configuration: file %q, source roots %q", cfg.File, cfg.SourceRoots)
	}
	for _, r := range cfg.SourceRoots {
		if why := config.Outside("", r); why != "" {
			t.Fatalf("source root %q %s, and no error", r, why)
		}
	}
	contractstest.Contracts(t, cfg.Contracts, contracts.FromTach, file, data, contracts.Input{Graph: g, All: map[string][]string{"core": {"get_data"}}})
}

// FuzzParse reads arbitrary bytes as a tach.toml and, as a [tool.tach] table, as a
// pyproject.toml, and checks the contracts on a small graph. Nothing may panic; see
// checkParse for the rest.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		// tach's configuration page.
		`exclude = ["**/*__pycache__", "build/", "dist/", "docs/", "python/tests/", "venv/"]
source_roots = ["python"]
ignore_type_checking_imports = true
forbid_circular_dependencies = true
layers = ["ui", "commands", "core"]

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
depends_on = ["tach.extension", "tach.filesystem", "tach.parsing"]
layer = "commands"

[[interfaces]]
expose = ["types.*"]

[[interfaces]]
expose = ["parse_project_config", "dump_project_config_to_toml"]
from = ["tach.parsing"]

[cache]
file_dependencies = ["python/tests/**", "src/*.rs"]

[external]
exclude = ["pytest"]

[rules]
unused_ignore_directives = "warn"
require_ignore_directive_reasons = "error"
local_imports = "warn"
`,
		// Closed layers, deprecated dependencies, globs, paths.
		`layers = ["ui", { name = "commands", closed = true }, "core"]

[[modules]]
paths = ["core", "core.api"]
depends_on = [{ path = "domain", deprecated = true }, "utils.**", "<root>"]
cannot_depend_on = ["domain.*"]
layer = "core"

[[modules]]
path = "<root>"
depends_on = ["core"]
`,
		// Interfaces with regular expressions, unchecked modules, external dependencies.
		`[[modules]]
path = "utils"
utility = true
depends_on = []

[[modules]]
path = "domain"
unchecked = true
depends_on = ["core"]
depends_on_external = ["pydantic"]
cannot_depend_on_external = ["requests", "os"]

[[modules]]
path = "core"
depends_on = []
visibility = ["domain", "tach.*"]

[[interfaces]]
expose = ["get_.*", "write|delete", "[]a]"]
from = ["core", "domain\\..*"]
data_types = "all"

[[interfaces]]
expose = []
from = ["utils"]
`,
		// Errors: cycles, unknown keys, unsupported settings.
		`forbid_circular_dependencies = true
exact = true
root_module = "forbid"
use_regex_matching = true
respect_gitignore = false
exclude = ["!keep", "/", ""]
source_roots = []

[[modules]]
path = "a"
depends_on = ["b"]
strict = true

[[modules]]
path = "b"
depends_on = ["a", "a.b*"]
layer = "missing"

[[modules]]
path = "a"
depnds_on = []

[plugins.django]
settings_module = "app.settings"
`,
		"[tool.tach]\nsource_roots = [\"src\"]\n\n[[tool.tach.modules]]\npath = \"core\"\ndepends_on = [\"domain\"]\n",
		"[project]\nname = \"x\"\n\n[tool.tach]\nlayers = [{ name = \"\" }, 3, \"a\", \"a\"]\n[[tool.tach.interfaces]]\nexpose = [\"(\"]\nfrom = [\")\"]\n",
		// Source roots outside the project (issue 10), and a depends_on naming no module.
		"source_roots = [\"src\", \"../lib\", \"a/../..\", \"/abs\", \"./.\"]\n[[modules]]\npath = \"core\"\ndepends_on = [\"cor\"]\n",
	} {
		f.Add([]byte(seed))
	}
	g := fuzzGraph()
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data, "tach.toml", false)
		checkParse(t, g, data, "tach.toml", cfg, err)
		cfg, err = Parse(data, "pyproject.toml", true)
		checkParse(t, g, data, "pyproject.toml", cfg, err)
	})
}
