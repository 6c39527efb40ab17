package importlinter

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
)

// lineOf returns the 1-based line of the first line of text that contains marker.
func lineOf(t *testing.T, text, marker string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, marker) {
			return i + 1
		}
	}
	t.Fatalf("marker %q not in the text", marker)
	return 0
}

// want builds the expected contract: import-linter's defaults, root package "mypackage".
func want(name, file string, line int, spec contracts.Spec, edit ...func(*contracts.Contract)) contracts.Contract {
	c := contracts.Contract{
		Name:   name,
		Origin: contracts.Origin{Tool: contracts.FromImportLinter, File: file, Line: line},
		Kinds:  imports.AllKinds,
		Within: []string{"mypackage"},
		Spec:   spec,
	}
	for _, e := range edit {
		e(&c)
	}
	return c
}

func ignores(lines ...any) func(*contracts.Contract) {
	return func(c *contracts.Contract) {
		for i := 0; i < len(lines); i += 2 {
			ig, err := contracts.ParseIgnoreImport(lines[i].(string))
			if err != nil {
				panic(err)
			}
			ig.Line = lines[i+1].(int)
			c.IgnoreImports = append(c.IgnoreImports, ig)
		}
	}
}

func within(roots ...string) func(*contracts.Contract) {
	return func(c *contracts.Contract) { c.Within = roots }
}

func layer(s string) contracts.Layer {
	l, err := contracts.ParseLayer(s)
	if err != nil {
		panic(err)
	}
	return l
}

// strip checks that every contract of c sees the graph as grimp does, with the session's
// include_external_packages and where the root packages are declared, and returns c without
// that, for comparisons.
func strip(t *testing.T, c *Config) *Config {
	t.Helper()
	if c == nil {
		return nil
	}
	out := *c
	out.Contracts = nil
	for _, k := range c.Contracts {
		g := k.Grimp
		if g == nil || g.IncludeExternal != c.IncludeExternal || g.RootsAt.File != c.File || g.RootsAt.Line <= 0 || g.RootsAt.Tool != contracts.FromImportLinter {
			t.Errorf("contract %q: Grimp is %+v, want the session's (include_external_packages %v, declared in %s)", k.Name, g, c.IncludeExternal, c.File)
		}
		for m, l := range k.Lines {
			if l <= 0 {
				t.Errorf("contract %q: module %q at line %d", k.Name, m, l)
			}
		}
		k.Grimp, k.Lines = nil, nil
		out.Contracts = append(out.Contracts, k)
	}
	return &out
}

func dump(c *Config) string {
	if c == nil {
		return "<nil>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "File=%q RootPackages=%q IncludeExternal=%v\n", c.File, c.RootPackages, c.IncludeExternal)
	for _, k := range c.Contracts {
		fmt.Fprintf(&b, "  %+v\n    spec %+v\n", k, k.Spec)
	}
	return b.String()
}

type docCase struct {
	name  string
	text  string
	roots []string
	ext   bool
	// contracts returns the expected contracts; line finds the line of a marker in text.
	contracts func(line func(string) int) []contracts.Contract
}

// The examples of import-linter's documentation, in INI form.
func TestINIDocumentationExamples(t *testing.T) {
	const f = ".importlinter"
	cases := []docCase{{
		name: "forbidden, internal packages only",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:my-forbidden-contract]
name = My forbidden contract (internal packages only)
type = forbidden
source_modules =
    mypackage.one
    mypackage.two
    mypackage.three.blue
forbidden_modules =
    mypackage.four
    mypackage.five.green
ignore_imports =
    mypackage.one.green -> mypackage.utils
    mypackage.two -> mypackage.four
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My forbidden contract (internal packages only)", f, line("[importlinter:contract:my-forbidden-contract]"),
				&contracts.Forbidden{
					Sources:   []string{"mypackage.one", "mypackage.two", "mypackage.three.blue"},
					Forbidden: []string{"mypackage.four", "mypackage.five.green"},
				},
				ignores("mypackage.one.green -> mypackage.utils", line("mypackage.one.green"), "mypackage.two -> mypackage.four", line("mypackage.two -> ")))}
		},
	}, {
		name: "forbidden, external packages, indirect imports allowed, as_packages off",
		text: `[importlinter]
root_package = mypackage
include_external_packages = True

[importlinter:contract:my-forbidden-contract]
name = My forbidden contract (internal and external packages)
type = forbidden
source_modules =
    mypackage.one
    mypackage.two
forbidden_modules =
    mypackage.three
    django
    requests
ignore_imports =
    mypackage.one.green -> sqlalchemy
allow_indirect_imports = True
as_packages = False
unmatched_ignore_imports_alerting = warn
`,
		roots: []string{"mypackage"},
		ext:   true,
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My forbidden contract (internal and external packages)", f, line("[importlinter:contract:"),
				&contracts.Forbidden{
					Sources:       []string{"mypackage.one", "mypackage.two"},
					Forbidden:     []string{"mypackage.three", "django", "requests"},
					AllowIndirect: true,
					ExactModules:  true,
				},
				ignores("mypackage.one.green -> sqlalchemy", line("sqlalchemy")),
				func(c *contracts.Contract) { c.UnmatchedIgnores = contracts.AlertWarn })}
		},
	}, {
		name: "forbidden with wildcards and broken_contract_guidance",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:no-legacy-colors]
name = Colors should not use the legacy numbers API
type = forbidden
source_modules =
    mypackage.colors
    mypackage.*.models
forbidden_modules =
    mypackage.legacy.**
broken_contract_guidance =
    Use mypackage.numbers instead - it's the supported top-level interface.
    Migration guide: https://docs.example.com/numbers-migration
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("Colors should not use the legacy numbers API", f, line("[importlinter:contract:"),
				&contracts.Forbidden{
					Sources:   []string{"mypackage.colors", "mypackage.*.models"},
					Forbidden: []string{"mypackage.legacy.**"},
				},
				func(c *contracts.Contract) {
					c.Guidance = "Use mypackage.numbers instead - it's the supported top-level interface.\nMigration guide: https://docs.example.com/numbers-migration"
				})}
		},
	}, {
		name: "layers, basic",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:my-layers-contract]
name = My layers contract
type = layers
layers =
    mypackage.high
    mypackage.medium
    mypackage.low
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My layers contract", f, line("[importlinter:contract:"),
				&contracts.Layers{Layers: []contracts.Layer{layer("mypackage.high"), layer("mypackage.medium"), layer("mypackage.low")}})}
		},
	}, {
		name: "layers across root packages",
		text: `[importlinter]
root_packages=
    high
    medium
    low

[importlinter:contract:my-layers-contract]
name = My three-tier layers contract (multiple root packages)
type = layers
layers =
    high
    medium
    low
`,
		roots: []string{"high", "medium", "low"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My three-tier layers contract (multiple root packages)", f, line("[importlinter:contract:"),
				&contracts.Layers{Layers: []contracts.Layer{layer("high"), layer("medium"), layer("low")}},
				within("high", "medium", "low"))}
		},
	}, {
		name: "layers with containers, an optional layer, exhaustive",
		text: `[importlinter]
root_package = mypackage

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
    mypackage.baz
exhaustive = true
exhaustive_ignores =
    utils
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My multiple package layers contract", f, line("[importlinter:contract:"),
				&contracts.Layers{
					Layers:            []contracts.Layer{layer("high"), layer("(medium)"), layer("low")},
					Containers:        []string{"mypackage.foo", "mypackage.bar", "mypackage.baz"},
					Exhaustive:        true,
					ExhaustiveIgnores: []string{"utils"},
				})}
		},
	}, {
		name: "layers with independent and non-independent siblings, wildcard containers",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:independent]
name = Contract with sibling modules (independent)
type = layers
layers =
    mypackage.high
    mypackage.blue | mypackage.green | mypackage.yellow
    mypackage.low

[importlinter:contract:not-independent]
name = Contract with sibling modules (not independent)
type = layers
layers =
    high
    blue : green : yellow
    (purple) | (orange)
containers =
    mypackage.apps.*
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{
				want("Contract with sibling modules (independent)", f, line("[importlinter:contract:independent]"),
					&contracts.Layers{Layers: []contracts.Layer{layer("mypackage.high"), layer("mypackage.blue | mypackage.green | mypackage.yellow"), layer("mypackage.low")}}),
				want("Contract with sibling modules (not independent)", f, line("[importlinter:contract:not-independent]"),
					&contracts.Layers{
						Layers:     []contracts.Layer{layer("high"), layer("blue : green : yellow"), layer("(purple | orange)")},
						Containers: []string{"mypackage.apps.*"},
					}),
			}
		},
	}, {
		name: "independence",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:my-independence-contract]
name = My independence contract
type = independence
modules =
    mypackage.foo
    mypackage.bar
    mypackage.baz
ignore_imports =
    mypackage.bar.green -> mypackage.utils
    mypackage.baz.blue -> mypackage.foo.purple
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My independence contract", f, line("[importlinter:contract:"),
				&contracts.Independence{Modules: []string{"mypackage.foo", "mypackage.bar", "mypackage.baz"}},
				ignores("mypackage.bar.green -> mypackage.utils", line("mypackage.bar.green"), "mypackage.baz.blue -> mypackage.foo.purple", line("mypackage.baz.blue")))}
		},
	}, {
		name: "protected, simple and with wildcards",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:simple-protected-contract]
name = Simple protected contract
type = protected
protected_modules =
    mypackage.protected
    mypackage.also_protected
allowed_importers =
    mypackage.allowed
    mypackage.also_allowed

[importlinter:contract:models-can-only-be-imported-by-colors]
name = Models can only be imported by colors direct descendant
type = protected
protected_modules =
    mypackage.**.models
allowed_importers =
    mypackage.colors.*
ignore_imports =
    mypackage.one.green -> mypackage.one.models
    mypackage.colors.red.foo -> mypackage.three.models
as_packages = False
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{
				want("Simple protected contract", f, line("[importlinter:contract:simple"),
					&contracts.Protected{
						Modules:          []string{"mypackage.protected", "mypackage.also_protected"},
						AllowedImporters: []string{"mypackage.allowed", "mypackage.also_allowed"},
					}),
				want("Models can only be imported by colors direct descendant", f, line("[importlinter:contract:models"),
					&contracts.Protected{
						Modules:          []string{"mypackage.**.models"},
						AllowedImporters: []string{"mypackage.colors.*"},
						ExactModules:     true,
					},
					ignores("mypackage.one.green -> mypackage.one.models", line("mypackage.one.green"), "mypackage.colors.red.foo -> mypackage.three.models", line("mypackage.colors.red.foo"))),
			}
		},
	}, {
		name: "acyclic siblings, minimal and with every option",
		text: `[importlinter]
root_package = mypackage

[importlinter:contract:minimal]
name = Minimal acyclic siblings contract
type = acyclic_siblings
ancestors = mypackage

[importlinter:contract:more]
name = Acyclic siblings contract with more options
type = acyclic_siblings
ancestors =
    mypackage.foo
    mypackage.bar.*
depth = 5
skip_descendants =
    mypackage.foo.purple
    mypackage.foo.**.orange
ignore_imports =
    mypackage.foo.blue.one -> mypackage.foo.green.two

[importlinter:contract:children]
name = Children only
type = acyclic_siblings
ancestors = mypackage
depth = 0
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{
				want("Minimal acyclic siblings contract", f, line("[importlinter:contract:minimal]"),
					&contracts.Acyclic{Packages: []string{"mypackage"}, Depth: 11}),
				want("Acyclic siblings contract with more options", f, line("[importlinter:contract:more]"),
					&contracts.Acyclic{
						Packages:        []string{"mypackage.foo", "mypackage.bar.*"},
						Depth:           6,
						SkipDescendants: []string{"mypackage.foo.purple", "mypackage.foo.**.orange"},
					},
					ignores("mypackage.foo.blue.one -> mypackage.foo.green.two", line("mypackage.foo.blue.one"))),
				want("Children only", f, line("[importlinter:contract:children]"),
					&contracts.Acyclic{Packages: []string{"mypackage"}, Depth: 1}),
			}
		},
	}, {
		name: "exclude_type_checking_imports and unmatched alerting none",
		text: `[importlinter]
root_package = mypackage
exclude_type_checking_imports = True

[importlinter:contract:one]
name = One
type = independence
modules =
    mypackage.a
    mypackage.b
ignore_imports =
    mypackage.a.* -> mypackage.b.**
unmatched_ignore_imports_alerting = none
`,
		roots: []string{"mypackage"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("One", f, line("[importlinter:contract:one]"),
				&contracts.Independence{Modules: []string{"mypackage.a", "mypackage.b"}},
				ignores("mypackage.a.* -> mypackage.b.**", line("mypackage.a.* ->")),
				func(c *contracts.Contract) {
					c.Kinds = imports.Kinds(imports.KindModule, imports.KindFunction)
					c.UnmatchedIgnores = contracts.AlertNone
				})}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseINI([]byte(tc.text), f)
			if err != nil {
				t.Fatal(err)
			}
			line := func(m string) int { return lineOf(t, tc.text, m) }
			exp := &Config{File: f, RootPackages: tc.roots, IncludeExternal: tc.ext, Contracts: tc.contracts(line)}
			if !reflect.DeepEqual(strip(t, got), exp) {
				t.Errorf("got\n%s\nwant\n%s", dump(got), dump(exp))
			}
		})
	}
}

// The same kind of examples in TOML form, in pyproject.toml.
func TestTOMLDocumentationExamples(t *testing.T) {
	const f = "pyproject.toml"
	cases := []docCase{{
		name: "layers across root packages",
		text: `[project]
name = "three-tier"

[tool.importlinter]
root_packages = [
    "high",
    "medium",
    "low",
]

[[tool.importlinter.contracts]]
name = "My three-tier layers contract (multiple root packages)"
type = "layers"
layers = [
    "high",
    "medium",
    "low",
]
`,
		roots: []string{"high", "medium", "low"},
		contracts: func(line func(string) int) []contracts.Contract {
			return []contracts.Contract{want("My three-tier layers contract (multiple root packages)", f, line("[[tool.importlinter.contracts]]"),
				&contracts.Layers{Layers: []contracts.Layer{layer("high"), layer("medium"), layer("low")}},
				within("high", "medium", "low"))}
		},
	}, {
		name: "every contract type and option",
		text: `[tool.importlinter]
root_package = "mypackage"
include_external_packages = true
exclude_type_checking_imports = true

[[tool.importlinter.contracts]]
id = "no-legacy"
name = "Colors should not use the legacy numbers API"
type = "forbidden"
source_modules = ["mypackage.colors"]
forbidden_modules = ["mypackage.legacy.numbers", "django"]
allow_indirect_imports = "True"
as_packages = false
ignore_imports = ["mypackage.colors.red -> mypackage.legacy.numbers.old"]
unmatched_ignore_imports_alerting = "warn"
broken_contract_guidance = """
Use mypackage.numbers instead - it's the supported top-level interface.
Migration guide: https://docs.example.com/numbers-migration
"""

[[tool.importlinter.contracts]]
name = "Layers"
type = "layers"
layers = ["api | cli", "(services)", "domain : models"]
containers = ["mypackage.apps.*"]
exhaustive = true
exhaustive_ignores = ["utils"]

[[tool.importlinter.contracts]]
name = "Independence"
type = "independence"
modules = ["mypackage.a", "mypackage.b"]
broken_contract_guidance = ["Line one.", "Line two."]

[[tool.importlinter.contracts]]
name = "Protected"
type = "protected"
protected_modules = ["mypackage.db"]
allowed_importers = []
as_packages = true

[[tool.importlinter.contracts]]
name = "Acyclic"
type = "acyclic_siblings"
ancestors = "mypackage"
depth = 2
skip_descendants = ["mypackage.vendored"]
`,
		roots: []string{"mypackage"},
		ext:   true,
		contracts: func(line func(string) int) []contracts.Contract {
			noTC := func(c *contracts.Contract) { c.Kinds = imports.Kinds(imports.KindModule, imports.KindFunction) }
			header := strings.Count(`[tool.importlinter]
root_package = "mypackage"
include_external_packages = true
exclude_type_checking_imports = true
`, "\n") + 2
			return []contracts.Contract{
				want("Colors should not use the legacy numbers API", f, header,
					&contracts.Forbidden{
						Sources:       []string{"mypackage.colors"},
						Forbidden:     []string{"mypackage.legacy.numbers", "django"},
						AllowIndirect: true,
						ExactModules:  true,
					}, noTC,
					ignores("mypackage.colors.red -> mypackage.legacy.numbers.old", line("mypackage.colors.red ->")),
					func(c *contracts.Contract) {
						c.UnmatchedIgnores = contracts.AlertWarn
						c.Guidance = "Use mypackage.numbers instead - it's the supported top-level interface.\nMigration guide: https://docs.example.com/numbers-migration"
					}),
				want("Layers", f, line(`name = "Layers"`)-1,
					&contracts.Layers{
						Layers:            []contracts.Layer{layer("api | cli"), layer("(services)"), layer("domain : models")},
						Containers:        []string{"mypackage.apps.*"},
						Exhaustive:        true,
						ExhaustiveIgnores: []string{"utils"},
					}, noTC),
				want("Independence", f, line(`name = "Independence"`)-1,
					&contracts.Independence{Modules: []string{"mypackage.a", "mypackage.b"}}, noTC,
					func(c *contracts.Contract) { c.Guidance = "Line one.\nLine two." }),
				want("Protected", f, line(`name = "Protected"`)-1,
					&contracts.Protected{Modules: []string{"mypackage.db"}}, noTC),
				want("Acyclic", f, line(`name = "Acyclic"`)-1,
					&contracts.Acyclic{Packages: []string{"mypackage"}, Depth: 3, SkipDescendants: []string{"mypackage.vendored"}}, noTC),
			}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTOML([]byte(tc.text), f)
			if err != nil {
				t.Fatal(err)
			}
			line := func(m string) int { return lineOf(t, tc.text, m) }
			exp := &Config{File: f, RootPackages: tc.roots, IncludeExternal: tc.ext, Contracts: tc.contracts(line)}
			if !reflect.DeepEqual(strip(t, got), exp) {
				t.Errorf("got\n%s\nwant\n%s", dump(got), dump(exp))
			}
		})
	}
}

// INI syntax as configparser reads it: continuation lines, comments among them, blank lines,
// "key: value", key case, [DEFAULT], interpolation, no inline comments.
func TestINISyntax(t *testing.T) {
	text := `# setup.cfg of a project
[metadata]
name = example
description = 100% odd: configparser only interpolates on access

[DEFAULT]
unmatched_ignore_imports_alerting = warn
home = mypackage

[importlinter]
Root_Package: %(home)s
include_external_packages=true

[importlinter:contract:layers]
NAME = Layers of %(home)s, 100%% sure
type: layers
layers =
    # the top
    %(home)s.high
; a comment in the middle, at column 0
    %(home)s.medium

    %(home)s.low

containers =
ignore_imports =
	mypackage.low.x -> mypackage.high.y
  # indented less than the value, still a comment

	mypackage.low.z -> mypackage.high.y
broken_contract_guidance =
    First paragraph.

    Second paragraph; see #42.
`
	got, err := ParseINI([]byte(text), "setup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	line := func(m string) int { return lineOf(t, text, m) }
	exp := &Config{File: "setup.cfg", RootPackages: []string{"mypackage"}, IncludeExternal: true, Contracts: []contracts.Contract{
		want("Layers of mypackage, 100% sure", "setup.cfg", line("[importlinter:contract:layers]"),
			&contracts.Layers{Layers: []contracts.Layer{layer("mypackage.high"), layer("mypackage.medium"), layer("mypackage.low")}},
			ignores("mypackage.low.x -> mypackage.high.y", line("mypackage.low.x"), "mypackage.low.z -> mypackage.high.y", line("mypackage.low.z")),
			func(c *contracts.Contract) {
				c.UnmatchedIgnores = contracts.AlertWarn
				c.Guidance = "First paragraph.\n\nSecond paragraph; see #42."
			}),
	}}
	if !reflect.DeepEqual(strip(t, got), exp) {
		t.Errorf("got\n%s\nwant\n%s", dump(got), dump(exp))
	}
}

// A line indented no deeper than its key starts a new key, even when indented; an indented
// comment after a single-line value is not part of it.
func TestINIIndentedKeys(t *testing.T) {
	text := `[importlinter]
  root_package = mypackage
  # a comment
  include_external_packages = False

[importlinter:contract:x]
    name = X
    type = independence
    modules =
        mypackage.a
      mypackage.b
`
	got, err := ParseINI([]byte(text), ".importlinter")
	if err != nil {
		t.Fatal(err)
	}
	exp := &Config{File: ".importlinter", RootPackages: []string{"mypackage"}, Contracts: []contracts.Contract{
		want("X", ".importlinter", 6, &contracts.Independence{Modules: []string{"mypackage.a", "mypackage.b"}}),
	}}
	if !reflect.DeepEqual(strip(t, got), exp) {
		t.Errorf("got\n%s\nwant\n%s", dump(got), dump(exp))
	}
}

func TestBooleans(t *testing.T) {
	for _, tc := range []struct {
		top, contract string
		ext, indirect bool
		err           string
	}{
		{top: "True", contract: "TRUE", ext: true, indirect: true},
		{top: "true", contract: "true", ext: true, indirect: true},
		{top: "False", contract: "False", ext: false, indirect: false},
		{top: "false", contract: "fAlSe"},
		// import-linter reads anything but True and true as False: so does buttress, with a
		// warning.
		{top: "TRUE", contract: "true", ext: false, indirect: true},
		{top: "yes", contract: "true", ext: false, indirect: true},
		{top: "True", contract: "1", err: `allow_indirect_imports: "1" is not a boolean: write True or False`},
	} {
		text := fmt.Sprintf(`[importlinter]
root_package = mypackage
include_external_packages = %s

[importlinter:contract:f]
name = F
type = forbidden
source_modules = mypackage.a
forbidden_modules = mypackage.b
allow_indirect_imports = %s
`, tc.top, tc.contract)
		got, err := ParseINI([]byte(text), ".importlinter")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s/%s: error %v, want %q", tc.top, tc.contract, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s/%s: %v", tc.top, tc.contract, err)
			continue
		}
		if got.IncludeExternal != tc.ext || got.Contracts[0].Spec.(*contracts.Forbidden).AllowIndirect != tc.indirect {
			t.Errorf("%s/%s: got %v %v", tc.top, tc.contract, got.IncludeExternal, got.Contracts[0].Spec)
		}
	}
}

// errorCase is a configuration with one error: the error names file:line (the line of marker)
// and contains msg.
type errorCase struct {
	name, text, marker, msg string
}

func checkError(t *testing.T, file string, tc errorCase, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", tc.msg)
	}
	at := fmt.Sprintf("%s:%d:", file, lineOf(t, tc.text, tc.marker))
	for _, l := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(l, at) && strings.Contains(l, tc.msg) {
			return
		}
	}
	t.Errorf("error\n%v\nwant a line starting %q containing %q", err, at, tc.msg)
}

const iniHead = `[importlinter]
root_package = mypackage
`

func TestINIErrors(t *testing.T) {
	cases := []errorCase{{
		name:   "unknown contract type",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = layer\nlayers = a\n",
		marker: "type = layer",
		msg:    `unknown contract type "layer" (did you mean "layers"?): import-linter's contract types are forbidden, layers, independence, protected, acyclic_siblings`,
	}, {
		name:   "no type",
		text:   iniHead + "[importlinter:contract:c]\nname = C\n",
		marker: "[importlinter:contract:c]",
		msg:    `[importlinter:contract:c] the contract has no type: set type to one of forbidden, layers, independence, protected, acyclic_siblings`,
	}, {
		name:   "no name",
		text:   iniHead + "[importlinter:contract:c]\ntype = independence\nmodules = mypackage.a\n",
		marker: "[importlinter:contract:c]",
		msg:    `the contract has no name`,
	}, {
		name:   "name on a continuation line",
		text:   iniHead + "[importlinter:contract:c]\nname =\n    C\ntype = independence\nmodules = mypackage.a\n",
		marker: "name =",
		msg:    `name takes a single value, not a value on several lines`,
	}, {
		name:   "no root package",
		text:   "[importlinter]\ninclude_external_packages = True\n",
		marker: "[importlinter]",
		msg:    `no root_package: import-linter needs root_package (or root_packages)`,
	}, {
		name:   "inline comment",
		text:   "[importlinter]\nroot_package = mypackage  # the main one\n",
		marker: "root_package",
		msg:    `has no comments at the end of a line`,
	}, {
		name:   "wildcard root package",
		text:   "[importlinter]\nroot_packages =\n    mypackage\n    other.*\n",
		marker: "other.*",
		msg:    `root_packages: "other.*": a package name, not a wildcard expression`,
	}, {
		name:   "missing required option",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = forbidden\nsource_modules = mypackage.a\n",
		marker: "[importlinter:contract:c]",
		msg:    `the contract has no forbidden_modules: import-linter requires it`,
	}, {
		name:   "missing required option, misspelt",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = forbidden\nsource_modules = mypackage.a\nforbiden_modules = mypackage.b\n",
		marker: "[importlinter:contract:c]",
		msg:    `the contract has no forbidden_modules: import-linter requires it (is "forbiden_modules", at line 7, a typo of it?)`,
	}, {
		name:   "only contracts of custom types",
		text:   "[importlinter]\nroot_package = mypackage\ncontract_types =\n    conditional: mypackage.linting.ConditionalContract\n[importlinter:contract:c]\nname = C\ntype = conditional\n",
		marker: "type = conditional",
		msg:    `[importlinter:contract:c] contract "C" is not checked: its type "conditional" is a custom contract type (mypackage.linting.ConditionalContract, from contract_types)`,
	}, {
		name:   "partial wildcard",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules =\n    mypackage.a\n    mypackage.b*\n",
		marker: "mypackage.b*",
		msg:    `modules: "mypackage.b*": a wildcard must be a whole segment`,
	}, {
		name:   "recursive wildcard followed by a wildcard",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules =\n    mypackage.**.*\n",
		marker: "mypackage.**.*",
		msg:    `a recursive wildcard ("**") cannot be followed by another wildcard`,
	}, {
		name:   "bad ignored import",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\nignore_imports =\n    mypackage.a -> mypackage.b\n    mypackage.a => mypackage.c\n",
		marker: "=> mypackage.c",
		msg:    `ignore_imports: "mypackage.a => mypackage.c" is not an import`,
	}, {
		name:   "bad unmatched alerting",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\nunmatched_ignore_imports_alerting = warning\n",
		marker: "unmatched_ignore_imports_alerting",
		msg:    `unmatched_ignore_imports_alerting: "warning" is not one of error, warn, none (did you mean "warn"?)`,
	}, {
		name:   "layer mixing separators",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    mypackage.high\n    mypackage.blue | mypackage.green : mypackage.yellow\n    mypackage.low\n",
		marker: "mypackage.blue |",
		msg:    `[importlinter:contract:layers] layers: layer "mypackage.blue | mypackage.green : mypackage.yellow" mixes "|" and ":"`,
	}, {
		name:   "layer with a wildcard",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    mypackage.*\n    mypackage.low\n",
		marker: "mypackage.*",
		msg:    `layers take module names, not wildcards`,
	}, {
		name:   "exhaustive without containers",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    mypackage.a\nexhaustive = True\n",
		marker: "exhaustive",
		msg:    `exhaustive needs containers`,
	}, {
		name:   "container outside the root packages",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    a\ncontainers =\n    mypackage.x\n    other.y\n",
		marker: "other.y",
		msg:    `containers: "other.y" is not inside the root packages (mypackage)`,
	}, {
		name:   "external forbidden module without include_external_packages",
		text:   iniHead + "[importlinter:contract:f]\nname = F\ntype = forbidden\nsource_modules = mypackage.a\nforbidden_modules =\n    mypackage.b\n    django\n",
		marker: "django",
		msg:    `forbidden_modules: "django" is outside the root packages (mypackage): set include_external_packages = True`,
	}, {
		name:   "subpackage of an external package",
		text:   iniHead + "include_external_packages = True\n[importlinter:contract:f]\nname = F\ntype = forbidden\nsource_modules = mypackage.a\nforbidden_modules =\n    django.db\n",
		marker: "django.db",
		msg:    `forbidden_modules: "django.db" is inside the external package "django": import-linter knows an external package only by its top-level name; write "django"`,
	}, {
		name:   "protected external package without include_external_packages",
		text:   iniHead + "[importlinter:contract:p]\nname = P\ntype = protected\nprotected_modules = requests\nallowed_importers = mypackage.http\n",
		marker: "protected_modules",
		msg:    `protected_modules: "requests" is outside the root packages`,
	}, {
		name:   "negative depth",
		text:   iniHead + "[importlinter:contract:a]\nname = A\ntype = acyclic_siblings\nancestors = mypackage\ndepth = -1\n",
		marker: "depth",
		msg:    `depth: "-1" is not a whole number, 0 or more`,
	}, {
		name:   "skipped ancestor",
		text:   iniHead + "[importlinter:contract:a]\nname = A\ntype = acyclic_siblings\nancestors = mypackage.x\nskip_descendants = mypackage.x\n",
		marker: "skip_descendants",
		msg:    `skip_descendants: "mypackage.x" is also in ancestors`,
	}, {
		name:   "lone percent sign",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\nbroken_contract_guidance = Be 100% sure.\n",
		marker: "broken_contract_guidance",
		msg:    `broken_contract_guidance: a lone % in "% sure.": configparser (which import-linter uses) reads "%(key)s" as the value of another key, so a percent sign must be written %%`,
	}, {
		name:   "reference to a missing key",
		text:   iniHead + "[importlinter:contract:c]\nname = %(title)s\ntype = independence\nmodules = mypackage.a\n",
		marker: "name =",
		msg:    `name: "%(title)s" refers to a key "title" that the section does not have`,
	}, {
		name:   "duplicate key",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nName = D\n",
		marker: "Name = D",
		msg:    `[importlinter:contract:c] "name" is already set at line 4`,
	}, {
		name:   "duplicate section",
		text:   iniHead + "[importlinter:contract:c]\nname = C\n[importlinter:contract:c]\nname = D\n",
		marker: "name = D",
		msg:    "", // the line after the repeated header; checked below with the header's line
	}, {
		name:   "line without a delimiter",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules\n",
		marker: "modules",
		msg:    `[importlinter:contract:c] "modules" is neither "key = value" nor a continuation line`,
	}, {
		name:   "text before the first section",
		text:   "root_package = mypackage\n[importlinter]\n",
		marker: "root_package",
		msg:    `"root_package = mypackage" comes before the first [section] header`,
	}, {
		name:   "value ini.v1 reads specially",
		text:   iniHead + "[importlinter:contract:c]\nname = `C`\ntype = independence\nmodules = mypackage.a\n",
		marker: "name =",
		msg:    "cannot read \"name\" the way import-linter (Python's configparser) does: the INI reader sees \"C\" where configparser sees \"`C`\"",
	}, {
		name:   "exhaustive with empty containers",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    a\ncontainers =\nexhaustive = True\n",
		marker: "exhaustive",
		msg:    `exhaustive needs containers`,
	}, {
		name:   "triple-quoted value",
		text:   iniHead + "[importlinter:contract:c]\nname = \"\"\"C\"\"\"\ntype = independence\nmodules = mypackage.a\n",
		marker: "name =",
		msg:    `the INI reader sees "C" where configparser sees "\"\"\"C\"\"\""`,
	}, {
		name:   "unclosed triple quote",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\nbroken_contract_guidance = \"\"\"Keep it clean.\n",
		marker: "broken_contract_guidance",
		msg:    `cannot read "broken_contract_guidance" the way import-linter (Python's configparser) does: the INI reader takes a leading """ or backquote as the start of a quoted text`,
	}, {
		name:   "garbage in .importlinter",
		text:   "this is not INI\n",
		marker: "this is not INI",
		msg:    `"this is not INI" comes before the first [section] header`,
	}, {
		name:   "an id key is accepted, a list id is not",
		text:   iniHead + "[importlinter:contract:c]\nid =\n    one\n    two\nname = C\ntype = independence\nmodules = mypackage.a\n",
		marker: "id =",
		msg:    `id takes a single value, not a value on several lines`,
	}, {
		name:   "default value of a wrong option",
		text:   "[DEFAULT]\nunmatched_ignore_imports_alerting = loud\n" + iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\n",
		marker: "unmatched_ignore_imports_alerting",
		msg:    `unmatched_ignore_imports_alerting: "loud" is not one of error, warn, none (import-linter rejects it too) (the value comes from [DEFAULT])`,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseINI([]byte(tc.text), ".importlinter")
			if tc.msg == "" {
				tc.marker, tc.msg = "[importlinter:contract:c]\nname = D", "section [importlinter:contract:c] is already defined at line 3"
				at := fmt.Sprintf(".importlinter:%d: ", strings.Count(tc.text[:strings.LastIndex(tc.text, "[importlinter:contract:c]")], "\n")+1)
				if err == nil || !strings.HasPrefix(err.Error(), at) || !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("error %v, want %q and %q", err, at, tc.msg)
				}
				return
			}
			checkError(t, ".importlinter", tc, err)
		})
	}
}

// warnCase is a configuration that import-linter takes without a word but that likely does
// not say what was meant: buttress reads it as import-linter does, and warns at file:line
// (the line of marker) with msg.
type warnCase struct {
	name, text, marker, msg string
	toml                    bool
}

// Where import-linter goes on, so does buttress (its verdict is import-linter's), with a
// warning that names the line.
func TestWarnings(t *testing.T) {
	contract := "[importlinter:contract:k]\nname = K\ntype = independence\nmodules = mypackage.a\n"
	cases := []warnCase{{
		name:   "unknown contract option",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = forbidden\nsource_modules = mypackage.a\nforbidden_modules = mypackage.b\nalow_indirect_imports = True\n",
		marker: "alow_indirect",
		msg:    `[importlinter:contract:c] forbidden contracts have no option "alow_indirect_imports" (did you mean "allow_indirect_imports"?): it does nothing (import-linter ignores it too)`,
	}, {
		name:   "option of another contract type",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\ncontainers = mypackage\n",
		marker: "containers",
		msg:    `independence contracts have no option "containers" (it is an option of layers contracts)`,
	}, {
		name:   "unknown top-level option",
		text:   "[importlinter]\nroot_package = mypackage\ninclude_external_package = True\n" + contract,
		marker: "include_external_package ",
		msg:    `[importlinter] unknown option "include_external_package" (did you mean "include_external_packages"?): it does nothing`,
	}, {
		name:   "contract option at the top level",
		text:   "[importlinter]\nroot_package = mypackage\nignore_imports = a -> b\n" + contract,
		marker: "ignore_imports",
		msg:    `"ignore_imports" is a contract option (of all contracts), not a top-level one`,
	}, {
		name:   "top-level option in a contract",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\ninclude_external_packages = True\n",
		marker: "include_external_packages",
		msg:    `"include_external_packages" is a top-level option: it does nothing in a contract`,
	}, {
		name:   "contract of a custom type",
		text:   "[importlinter]\nroot_package = mypackage\ncontract_types =\n    conditional: mypackage.linting.ConditionalContract\n[importlinter:contract:c]\nname = C\ntype = conditional\n" + contract,
		marker: "type = conditional",
		msg:    `[importlinter:contract:c] contract "C" is not checked: its type "conditional" is a custom contract type (mypackage.linting.ConditionalContract, from contract_types), a Python class that buttress cannot run; lint-imports still checks it`,
	}, {
		name:   "both root_package and root_packages",
		text:   "[importlinter]\nroot_packages =\n    mypackage\nroot_package = a\n" + contract,
		marker: "root_package = a",
		msg:    `root_package is ignored: root_packages is set too, and import-linter uses root_packages only`,
	}, {
		name:   "empty list",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules =\n",
		marker: "modules =",
		msg:    `modules is empty: the contract checks nothing (import-linter takes it so too)`,
	}, {
		name:   "empty layers",
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = layers\nlayers =\n",
		marker: "layers =",
		msg:    `layers is empty: the contract checks nothing`,
	}, {
		name:   "exhaustive_ignores with a dotted name",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    a\ncontainers = mypackage\nexhaustive = True\nexhaustive_ignores =\n    utils\n    utils.helpers\n",
		marker: "utils.helpers",
		msg:    `exhaustive_ignores: "utils.helpers" is not the name of a child of a container, so it ignores nothing`,
	}, {
		name:   "wildcard in an external package",
		text:   iniHead + "include_external_packages = True\n[importlinter:contract:f]\nname = F\ntype = forbidden\nsource_modules = mypackage.a\nforbidden_modules =\n    mypackage.b\n    django.*\n",
		marker: "django.*",
		msg:    `"django.*" can only match modules of "django", which is outside the root packages (mypackage): import-linter knows an external package only by its top-level name, so this matches nothing and checks nothing; write "django"`,
	}, {
		name:   "forbidden module that is no module name",
		text:   iniHead + "[importlinter:contract:f]\nname = F\ntype = forbidden\nsource_modules = mypackage.a\nforbidden_modules =\n    mypackage.b\n    mypackage.my-module\n",
		marker: "my-module",
		msg:    `forbidden_modules: "mypackage.my-module": "my-module" is not a module name: it matches nothing, so it checks nothing`,
	}, {
		name:   "exhaustive_ignores without exhaustive",
		text:   iniHead + "[importlinter:contract:layers]\nname = L\ntype = layers\nlayers =\n    a\ncontainers = mypackage\nexhaustive_ignores = utils\n",
		marker: "exhaustive_ignores",
		msg:    `exhaustive_ignores without exhaustive = True does nothing`,
	}, {
		name:   "top-level boolean",
		text:   "[importlinter]\nroot_package = mypackage\ninclude_external_packages = yes\n" + contract,
		marker: "include_external_packages",
		msg:    `include_external_packages: "yes" is read as False, as import-linter reads anything but "True" and "true"`,
	}, {
		name:   "empty name",
		text:   iniHead + "[importlinter:contract:c]\nname =\ntype = independence\nmodules = mypackage.a\n",
		marker: "name =",
		msg:    `name is empty: findings call the contract "(no name: importlinter:contract:c)"`,
	}, {
		toml:   true,
		name:   "TOML: top-level boolean",
		text:   "[tool.importlinter]\nroot_package = \"mypackage\"\nexclude_type_checking_imports = \"yes\"\n[[tool.importlinter.contracts]]\nname = \"K\"\ntype = \"independence\"\nmodules = [\"mypackage.a\"]\n",
		marker: "exclude_type_checking_imports",
		msg:    `exclude_type_checking_imports: "yes" is read as False`,
	}, {
		toml:   true,
		name:   "TOML: option of another type",
		text:   "[tool.importlinter]\nroot_package = \"mypackage\"\n\n" + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"independence\"\nmodules = [\"mypackage.a\"]\ndepth = 3\n",
		marker: "depth",
		msg:    `independence contracts have no option "depth" (it is an option of acyclic_siblings contracts)`,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file, parse := ".importlinter", ParseINI
			if tc.toml {
				file, parse = "pyproject.toml", ParseTOML
			}
			cfg, err := parse([]byte(tc.text), file)
			if err != nil {
				t.Fatalf("error %v, want none: import-linter takes this configuration", err)
			}
			at := fmt.Sprintf("%s:%d:", file, lineOf(t, tc.text, tc.marker))
			var all []string
			for _, c := range cfg.Contracts {
				all = append(all, c.Warnings...)
			}
			for _, w := range all {
				if strings.HasPrefix(w, at) && strings.Contains(w, tc.msg) {
					return
				}
			}
			t.Errorf("warnings\n%s\nwant one starting %q containing %q", strings.Join(all, "\n"), at, tc.msg)
		})
	}
}

func TestTOMLErrors(t *testing.T) {
	head := "[tool.importlinter]\nroot_package = \"mypackage\"\n\n"
	cases := []errorCase{{
		name:   "unknown key",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"independence\"\nmodules = [\"mypackage.a\"]\nignore_import = [\"a -> b\"]\n",
		marker: "ignore_import ",
		msg:    `[tool.importlinter.contracts] unknown key "ignore_import" (did you mean "ignore_imports"?)`,
	}, {
		name:   "unknown top-level key",
		text:   "[tool.importlinter]\nroot_package = \"mypackage\"\nroot_pakages = []\n",
		marker: "root_pakages",
		msg:    `[tool.importlinter] unknown key "root_pakages" (did you mean "root_packages"?)`,
	}, {
		name:   "wrong element type",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"independence\"\nmodules = [\"mypackage.a\", 3]\n",
		marker: "modules",
		msg:    `modules element 2 must be a string, not an integer`,
	}, {
		name:   "name as an array",
		text:   head + "[[tool.importlinter.contracts]]\nname = [\"C\"]\ntype = \"independence\"\nmodules = [\"mypackage.a\"]\n",
		marker: "name",
		msg:    `name takes a single value, not an array`,
	}, {
		name:   "boolean as a number",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"forbidden\"\nsource_modules = [\"mypackage.a\"]\nforbidden_modules = [\"mypackage.b\"]\nas_packages = 0\n",
		marker: "as_packages",
		msg:    `as_packages must be true or false`,
	}, {
		name:   "bad element of a list",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"layers\"\nlayers = [\n  \"mypackage.high\",\n  \"mypackage.a | mypackage.b : mypackage.c\",\n]\n",
		marker: "mypackage.a | mypackage.b",
		msg:    `[tool.importlinter.contracts] layers: layer "mypackage.a | mypackage.b : mypackage.c" mixes "|" and ":"`,
	}, {
		name:   "no root package",
		text:   "[tool.importlinter]\ninclude_external_packages = true\n",
		marker: "[tool.importlinter]",
		msg:    `[tool.importlinter] no root_package: import-linter needs root_package (or root_packages) in [tool.importlinter]`,
	}, {
		name:   "contracts not an array of tables",
		text:   head + "[tool.importlinter.contracts]\nname = \"C\"\n",
		marker: "[tool.importlinter.contracts]",
		msg:    `contracts must be an array of tables`,
	}, {
		name:   "no type",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\n",
		marker: "[[tool.importlinter.contracts]]",
		msg:    `[tool.importlinter.contracts] the contract has no type`,
	}, {
		name:   "depth as a float",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"acyclic_siblings\"\nancestors = [\"mypackage\"]\ndepth = 2.5\n",
		marker: "depth",
		msg:    `depth: "2.5" is not a whole number, 0 or more`,
	}, {
		name:   "external forbidden module",
		text:   head + "[[tool.importlinter.contracts]]\nname = \"C\"\ntype = \"forbidden\"\nsource_modules = [\"mypackage.a\"]\nforbidden_modules = [\n  \"mypackage.b\",\n  \"sqlalchemy\",\n]\n",
		marker: `"sqlalchemy"`,
		msg:    `forbidden_modules: "sqlalchemy" is outside the root packages (mypackage): set include_external_packages = true in [tool.importlinter]`,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTOML([]byte(tc.text), "pyproject.toml")
			checkError(t, "pyproject.toml", tc, err)
		})
	}
}

// TOML forms that import-linter accepts besides the documented ones.
func TestTOMLForms(t *testing.T) {
	text := `[tool.importlinter]
root_packages = "mypackage"
source_roots = ["src"]
include_external_packages = "true"

[[tool.importlinter.contracts]]
id = "independent"
name = "Independent"
type = "independence"
modules = "mypackage.*"
unmatched_ignore_imports_alerting = ""
`
	got, err := ParseTOML([]byte(text), "pyproject.toml")
	if err != nil {
		t.Fatal(err)
	}
	exp := &Config{File: "pyproject.toml", RootPackages: []string{"mypackage"}, IncludeExternal: true, SourceRoots: []string{"src"}, Contracts: []contracts.Contract{
		want("Independent", "pyproject.toml", lineOf(t, text, "[[tool.importlinter.contracts]]"), &contracts.Independence{Modules: []string{"mypackage.*"}}),
	}}
	if !reflect.DeepEqual(strip(t, got), exp) {
		t.Errorf("got\n%s\nwant\n%s", dump(got), dump(exp))
	}

	inline := `[tool.importlinter]
root_package = "mypackage"
contracts = [
  { name = "A", type = "acyclic_siblings", ancestors = ["mypackage"] },
]
contract_types = ["custom: mypackage.Custom"]
`
	// contract_types registers types; only a contract of such a type is not checked.
	got, err = ParseTOML([]byte(inline), "pyproject.toml")
	if err != nil || len(got.Contracts) != 1 || got.Contracts[0].Origin.Line != 4 || !reflect.DeepEqual(got.Contracts[0].Spec, &contracts.Acyclic{Packages: []string{"mypackage"}, Depth: 11}) || len(got.Warnings) != 0 {
		t.Errorf("inline table: %s, %v", dump(got), err)
	}
}

// An invalid module is reported once, not also as an external package.
func TestOneErrorPerItem(t *testing.T) {
	text := iniHead + "[importlinter:contract:f]\nname = F\ntype = forbidden\nsource_modules = mypackage.a\nforbidden_modules =\n    django.models*\n    flask\n"
	_, err := ParseINI([]byte(text), ".importlinter")
	var list config.ErrorList
	if !errors.As(err, &list) || len(list) != 2 || list[0].Line != 8 || list[1].Line != 9 {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(list[0].Msg, "a wildcard must be a whole segment") || !strings.Contains(list[1].Msg, `"flask" is outside the root packages`) {
		t.Errorf("error %v", err)
	}
}

// All the errors of a file are reported, in file order.
func TestEveryErrorReported(t *testing.T) {
	text := iniHead + `[importlinter:contract:a]
name = A
type = independence
modules = mypackage.a
modles = mypackage.b

[importlinter:contract:b]
name = B
type = forbiden
`
	text += "[importlinter:contract:c]\nname = C\ntype = independence\n"
	_, err := ParseINI([]byte(text), ".importlinter")
	var list config.ErrorList
	if !errors.As(err, &list) || len(list) != 2 || list[0].Line != 11 || list[1].Line != 12 {
		t.Fatalf("error %#v", err)
	}
	if !strings.Contains(list[0].Msg, `(did you mean "forbidden"?)`) || !strings.Contains(list[1].Msg, `the contract has no modules`) {
		t.Errorf("messages: %v", err)
	}
	if list[0].Table != "importlinter:contract:b" || list[0].Key != "type" || list[0].File != ".importlinter" {
		t.Errorf("first error: %+v", list[0])
	}
}

// Sections that only import-linter's own reading accepts: any "importlinter:" section is a
// contract; keys are case-insensitive, sections are not.
func TestINISections(t *testing.T) {
	text := `[ImportLinter]
root_package = other

[importlinter]
root_package = mypackage

[importlinter:my-contract]
name = Short section name
type = independence
modules = mypackage.a
`
	got, err := ParseINI([]byte(text), "setup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	exp := &Config{File: "setup.cfg", RootPackages: []string{"mypackage"}, Contracts: []contracts.Contract{
		want("Short section name", "setup.cfg", 7, &contracts.Independence{Modules: []string{"mypackage.a"}}),
	}}
	if !reflect.DeepEqual(strip(t, got), exp) {
		t.Errorf("got\n%s\nwant\n%s", dump(got), dump(exp))
	}
}

func TestNoConfiguration(t *testing.T) {
	for _, text := range []string{
		"[metadata]\nname = x\n",
		"",
		"[flake8]\nmax-line-length = 100\n  weird\nnot a key\n", // not readable by configparser, but not ours
	} {
		got, err := ParseINI([]byte(text), "setup.cfg")
		if got != nil || err != nil {
			t.Errorf("%q: %v, %v", text, got, err)
		}
	}
	for _, text := range []string{
		"[project]\nname = \"x\"\n",
		"[tool.importlinter]\n",
		"[tool.other]\nx = 1\n",
	} {
		got, err := ParseTOML([]byte(text), "pyproject.toml")
		if got != nil || err != nil {
			t.Errorf("%q: %v, %v", text, got, err)
		}
	}
	if _, err := ParseINI([]byte("[importlinter]\nroot_package = a\nnot a key\n"), "setup.cfg"); err == nil ||
		!strings.HasPrefix(err.Error(), "setup.cfg:3: ") {
		t.Errorf("a broken [importlinter] section: %v", err)
	}
	if _, err := ParseTOML([]byte("[tool.importlinter\n"), "pyproject.toml"); err == nil || !strings.HasPrefix(err.Error(), "pyproject.toml:1") {
		t.Errorf("invalid TOML: %v", err)
	}
}

func TestLoad(t *testing.T) {
	const (
		iniA   = "[importlinter]\nroot_package = a\n"
		iniB   = "[importlinter]\nroot_package = b\n"
		other  = "[metadata]\nname = x\n"
		tomlC  = "[tool.importlinter]\nroot_package = \"c\"\n"
		orphan = "[importlinter:contract:x]\nname = X\ntype = independence\nmodules = a.b\n"
	)
	for _, tc := range []struct {
		name  string
		files map[string]string
		file  string // the file read; "" for no configuration
		err   string
	}{
		{"nothing", nil, "", ""},
		{"setup.cfg first", map[string]string{"setup.cfg": iniA, ".importlinter": iniB, "pyproject.toml": tomlC}, "setup.cfg", ""},
		{"setup.cfg without the section", map[string]string{"setup.cfg": other, ".importlinter": iniB, "pyproject.toml": tomlC}, ".importlinter", ""},
		{".importlinter before pyproject.toml", map[string]string{".importlinter": iniB, "pyproject.toml": tomlC}, ".importlinter", ""},
		{"pyproject.toml last", map[string]string{"setup.cfg": other, "pyproject.toml": tomlC}, "pyproject.toml", ""},
		{"empty [tool.importlinter]", map[string]string{"pyproject.toml": "[tool.importlinter]\n"}, "", ""},
		{"other tools only", map[string]string{"setup.cfg": other, "pyproject.toml": "[tool.ruff]\n"}, "", ""},
		{"contracts without [importlinter]", map[string]string{".importlinter": orphan}, "", ".importlinter:1: [importlinter:contract:x] import-linter contract in a file without an [importlinter] section"},
		{"orphan contracts, configuration later", map[string]string{"setup.cfg": orphan, "pyproject.toml": tomlC}, "pyproject.toml", ""},
		{"error in the file found", map[string]string{".importlinter": "[importlinter]\n", "pyproject.toml": tomlC}, "", ".importlinter:1: [importlinter] no root_package"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg, err := Load(dir)
			switch {
			case tc.err != "":
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
			case err != nil:
				t.Errorf("error %v", err)
			case tc.file == "" && cfg != nil:
				t.Errorf("got %s, want no configuration", dump(cfg))
			case tc.file != "" && (cfg == nil || cfg.File != tc.file):
				t.Errorf("got %s, want %s", dump(cfg), tc.file)
			}
		})
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".importlinter"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || err.Error() != ".importlinter: is a directory, not a file (buttress reads import-linter's configuration from it)" {
		t.Errorf("error %v", err)
	}
}

// The scan and ini.v1 agree on long values: ini.v1 reads continuation lines through a buffer.
func TestINILongList(t *testing.T) {
	var b strings.Builder
	b.WriteString(iniHead + "[importlinter:contract:c]\nname = C\ntype = independence\nmodules = mypackage.a\nignore_imports =\n")
	var exp []string
	for i := range 400 {
		line := fmt.Sprintf("mypackage.module_number_%03d.importer -> mypackage.module_number_%03d.imported", i, i+1)
		fmt.Fprintf(&b, "    %s\n", line)
		exp = append(exp, line)
	}
	cfg, err := ParseINI([]byte(b.String()), "setup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Contracts[0].IgnoreImports
	if len(got) != len(exp) || got[399].Raw != exp[399] || got[399].Line != 8+399 {
		t.Errorf("got %d ignored imports, last %+v", len(got), got[len(got)-1])
	}
}

func TestInterpolate(t *testing.T) {
	vals := map[string]string{"a": "x", "b": "%(a)s-y", "loop": "%(loop)s", "pct": "100%%"}
	lookup := func(k string) (string, bool) { v, ok := vals[k]; return v, ok }
	for in, exp := range map[string]string{
		"plain":           "plain",
		"%%":              "%",
		"%(a)s":           "x",
		"%(A)s and %(b)s": "x and x-y",
		"%(pct)s":         "100%",
	} {
		if got, err := interpolate(in, lookup, 1); err != nil || got != exp {
			t.Errorf("interpolate(%q) = %q, %v; want %q", in, got, err, exp)
		}
	}
	for _, in := range []string{"%", "50% off", "%(a)d", "%(missing)s", "%(loop)s", "%()s"} {
		if _, err := interpolate(in, lookup, 1); err == nil {
			t.Errorf("interpolate(%q): no error", in)
		}
	}
}

// TestSourceRootsOutside: source roots become the project's, and buttress reads the project
// only: one that climbs out of it, or is absolute, is an error at its line.
func TestSourceRootsOutside(t *testing.T) {
	_, err := ParseINI([]byte("[importlinter]\nroot_package = a\nsource_roots =\n    src\n    ../lib\n    /etc\n"), ".importlinter")
	want := ".importlinter:5: [importlinter] source_roots: \"../lib\" is outside the project root: buttress reads the project's files only, and takes import-linter's source roots as its own: give a directory inside the project\n" +
		".importlinter:6: [importlinter] source_roots: \"/etc\" is an absolute path (write it relative to the project root): buttress reads the project's files only, and takes import-linter's source roots as its own: give a directory inside the project"
	if err == nil || err.Error() != want {
		t.Errorf("INI:\n got %v\nwant %s", err, want)
	}
	_, err = ParseTOML([]byte("[tool.importlinter]\nroot_package = \"a\"\nsource_roots = [\"..\"]\n"), "pyproject.toml")
	if err == nil || !strings.HasPrefix(err.Error(), "pyproject.toml:3:17: [tool.importlinter] source_roots: \"..\" is outside the project root") {
		t.Errorf("TOML: %v", err)
	}
}
