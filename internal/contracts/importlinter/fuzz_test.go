package importlinter

import (
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/contracts/contractstest"
	"github.com/buttresspy/buttress/internal/imports"
)

// fuzzGraph is a small project with the modules the seeds name: a root package with layers,
// containers and a cycle, external imports, and every import kind.
func fuzzGraph() *imports.Graph {
	pkg := func(name string) imports.Module {
		return imports.Module{Name: name, Package: true, Path: strings.ReplaceAll(name, ".", "/") + "/__init__.py"}
	}
	mod := func(name string) imports.Module {
		return imports.Module{Name: name, Path: strings.ReplaceAll(name, ".", "/") + ".py"}
	}
	mods := []imports.Module{
		pkg("mypackage"), mod("mypackage.high"), mod("mypackage.medium"), pkg("mypackage.low"), mod("mypackage.low.x"),
		pkg("mypackage.foo"), mod("mypackage.foo.high"), mod("mypackage.foo.low"), mod("mypackage.foo.utils"),
		pkg("mypackage.bar"), mod("mypackage.bar.high"), mod("mypackage.bar.low"),
		mod("mypackage.a"), mod("mypackage.b"),
	}
	edge := func(from, to string, kind imports.Kind, cat imports.Category, name string) imports.Edge {
		return imports.Edge{Importer: from, Imported: to, Name: name, Path: strings.ReplaceAll(from, ".", "/") + ".py", Line: 1, Kind: kind, Category: cat}
	}
	edges := []imports.Edge{
		edge("mypackage.low.x", "mypackage.high", imports.KindModule, imports.FirstParty, "f"),
		edge("mypackage.high", "mypackage.medium", imports.KindModule, imports.FirstParty, ""),
		edge("mypackage.medium", "mypackage.low", imports.KindFunction, imports.FirstParty, "x"),
		edge("mypackage.foo.low", "mypackage.foo.high", imports.KindTypeChecking, imports.FirstParty, "T"),
		edge("mypackage.bar.high", "mypackage.bar.low", imports.KindModule, imports.FirstParty, "*"),
		edge("mypackage.a", "mypackage.b", imports.KindModule, imports.FirstParty, ""),
		edge("mypackage.b", "mypackage.a", imports.KindFunction, imports.FirstParty, "g"),
		edge("mypackage.a", "django.db", imports.KindModule, imports.ThirdParty, ""),
		edge("mypackage.b", "os", imports.KindModule, imports.Stdlib, ""),
	}
	return imports.NewGraph([]string{"."}, mods, edges)
}

// checkParse checks what ParseINI or ParseTOML returned for data read as file: errors are
// config errors about file at a line of data, contracts are complete and can be checked on g.
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
	if cfg.File != file || len(cfg.RootPackages) == 0 {
		t.Fatalf("bad configuration: file %q, root packages %q", cfg.File, cfg.RootPackages)
	}
	for _, r := range cfg.SourceRoots {
		if why := config.Outside("", r); why != "" {
			t.Fatalf("source root %q %s, and no error", r, why)
		}
	}
	contractstest.Contracts(t, cfg.Contracts, contracts.FromImportLinter, file, data, contracts.Input{Graph: g})
}

// FuzzParseINI reads arbitrary bytes as .importlinter and as setup.cfg, and checks the
// contracts on a small graph. Nothing may panic; see checkParse for the rest.
func FuzzParseINI(f *testing.F) {
	for _, seed := range []string{
		// import-linter's documentation: forbidden, layers with containers, independence.
		`[importlinter]
root_package = mypackage
include_external_packages = True

[importlinter:contract:my-forbidden-contract]
name = My forbidden contract (internal and external packages)
type = forbidden
source_modules =
    mypackage.a
    mypackage.foo
forbidden_modules =
    mypackage.b
    django
ignore_imports =
    mypackage.a -> django.db
allow_indirect_imports = True
as_packages = False

[importlinter:contract:my-layers-contract]
name = My multiple package layers contract
type = layers
layers =
    high
    (medium)
    low
containers=
    mypackage.foo
    mypackage.bar
exhaustive = true
exhaustive_ignores =
    utils

[importlinter:contract:my-independence-contract]
name = My independence contract
type = independence
modules =
    mypackage.a
    mypackage.b
ignore_imports =
    mypackage.a.* -> mypackage.b.**
unmatched_ignore_imports_alerting = warn
`,
		// setup.cfg with other tools' sections, [DEFAULT], interpolation, comments in values.
		`[metadata]
name = example
description = 100% odd

[DEFAULT]
home = mypackage

[importlinter]
root_packages=
    %(home)s
exclude_type_checking_imports = true

[importlinter:contract:layers]
name = Layers of %(home)s, 100%% sure
type: layers
layers =
    # the top
    %(home)s.high
; a comment
    %(home)s.medium | %(home)s.a

    %(home)s.low
containers =
broken_contract_guidance =
    First paragraph.

    Second paragraph; see #42.

[importlinter:contract:acyclic]
name = Acyclic
type = acyclic_siblings
ancestors = mypackage
depth = 0
skip_descendants =
    mypackage.foo.**

[importlinter:contract:protected]
name = Protected
type = protected
protected_modules =
    mypackage.**.low
allowed_importers =
    mypackage.medium
`,
		// Errors: unknown options and types, wildcards in the wrong places, comments after values.
		"[importlinter]\nroot_package = mypackage  # the app\nroot_packages = x\ncontract_types =\n    x: a.B\n\n[importlinter:contract:bad]\nname = Bad\ntype = layerz\nlayers = a\n\n[importlinter:contract:c]\ntype = forbidden\nsource_modules = mypackage.*.**\nforbidden_modules = django.*\nallow_indirect_imports = yes\n",
		"[importlinter]\nroot_package = mypackage\n[importlinter:contract:q]\nname = \"\"\"x\ntype = `independence`\nmodules = %(x)s\n\t\r\n",
		// Source roots outside the project (issue 10): errors at their lines.
		"[importlinter]\nroot_package = mypackage\nsource_roots =\n    src\n    ../lib\n    /etc\n    a/../..\n",
	} {
		f.Add([]byte(seed))
	}
	g := fuzzGraph()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, file := range []string{".importlinter", "setup.cfg"} {
			cfg, err := ParseINI(data, file)
			checkParse(t, g, data, file, cfg, err)
		}
	})
}

// FuzzParseTOML reads arbitrary bytes as a pyproject.toml and checks the contracts of its
// [tool.importlinter] table on a small graph. Nothing may panic; see checkParse for the rest.
func FuzzParseTOML(f *testing.F) {
	for _, seed := range []string{
		// import-linter's documentation, in TOML form.
		`[project]
name = "three-tier"

[tool.importlinter]
root_packages = ["mypackage"]
include_external_packages = true

[[tool.importlinter.contracts]]
name = "My layers contract"
type = "layers"
layers = ["high", "medium", "low"]
containers = ["mypackage.foo", "mypackage.bar"]

[[tool.importlinter.contracts]]
id = "no-django"
name = "No Django"
type = "forbidden"
source_modules = ["mypackage.a"]
forbidden_modules = ["django"]
ignore_imports = ["mypackage.** -> django"]
`,
		`[tool.importlinter]
root_package = "mypackage"
exclude_type_checking_imports = "True"

[[tool.importlinter.contracts]]
name = "Layers"
type = "layers"
layers = ["high | a", "(medium)", "low : b"]
containers = ["mypackage.*"]
exhaustive = true
exhaustive_ignores = ["utils"]

[[tool.importlinter.contracts]]
name = "Independence"
type = "independence"
modules = "mypackage.a"
broken_contract_guidance = ["Line one.", "Line two."]
unmatched_ignore_imports_alerting = "none"

[[tool.importlinter.contracts]]
name = "Protected"
type = "protected"
protected_modules = ["mypackage.low"]
allowed_importers = []
as_packages = true

[[tool.importlinter.contracts]]
name = "Acyclic"
type = "acyclic_siblings"
ancestors = "mypackage"
depth = 2
skip_descendants = ["mypackage.foo"]
`,
		// Errors: wrong types, unknown keys, a contract that is not a table.
		"[tool.importlinter]\nroot_package = 3\ncontracts = [1, {name = \"x\", type = \"forbidden\", source_modules = [true]}]\nunknown = \"x\"\n",
		"[tool.importlinter]\nroot_package = \"mypackage\"\n[[tool.importlinter.contracts]]\nname = \"\"\ntype = \"acyclic_siblings\"\nancestors = []\ndepth = -1\n",
		// Source roots outside the project (issue 10): errors at their lines.
		"[tool.importlinter]\nroot_package = \"mypackage\"\nsource_roots = [\"src\", \"..\", \"/etc\", \"a/../../b\", \"\"]\n",
	} {
		f.Add([]byte(seed))
	}
	g := fuzzGraph()
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseTOML(data, "pyproject.toml")
		checkParse(t, g, data, "pyproject.toml", cfg, err)
	})
}
