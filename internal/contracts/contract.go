// Package contracts holds architecture contracts and checks them on a project's import graph.
//
// A Contract has a name, where it came from, the import kinds it looks at, the imports it
// ignores, and a Spec: one of Layers, Forbidden, Independence, Acyclic, Allowed, Protected,
// Interface or External. The contracts of [tool.buttress] and those read from tach and
// import-linter configurations are all values of this one model, checked by one engine, and
// reported as findings with code ARCH0xx and, for indirect imports, the whole chain.
//
// Module expressions name modules by their dotted names, where a whole segment may be "*"
// (exactly one segment) or "**" (any number of segments, at least one): "shop.*.models",
// "shop.**". Unless said otherwise, an expression stands for the modules it matches and all
// their descendants.
package contracts

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// Tools that contracts come from.
const (
	FromButtress     = "buttress"
	FromTach         = "tach"
	FromImportLinter = "import-linter"
)

// Origin says where a contract was declared.
type Origin struct {
	Tool string // FromButtress, FromTach or FromImportLinter
	File string // the configuration file, relative to the project root when inside it
	Line int    // 1-based line of the contract's declaration; 0 when unknown
}

func (o Origin) String() string {
	if o.Line > 0 {
		return fmt.Sprintf("%s:%d (%s)", o.File, o.Line, o.Tool)
	}
	return fmt.Sprintf("%s (%s)", o.File, o.Tool)
}

// Alert says what to do about an ignore-imports entry that matches no import.
type Alert uint8

const (
	AlertError Alert = iota // a finding (ARCH009): the default
	AlertWarn               // a warning line, not a finding
	AlertNone               // nothing
)

// Contract is one architecture contract.
type Contract struct {
	Name   string
	Origin Origin
	// Kinds are the import kinds the contract looks at; 0 means the default, module-level
	// and function-level imports (imports under `if TYPE_CHECKING:` never break a contract
	// unless their kind is listed).
	Kinds imports.KindSet
	// IgnoreImports are imports the contract does not see.
	IgnoreImports    []IgnoreImport
	UnmatchedIgnores Alert
	// Guidance is shown with every violation: how to fix it the way the team wants.
	Guidance string
	// Within, when not empty, limits the graph to the modules inside these packages (plain
	// names, no wildcards): import-linter's root_packages. Chains never leave it.
	Within []string
	// ExcludePaths are globs of files (relative to the project root, slash-separated, as
	// project excludes are written) whose imports the contract does not see.
	ExcludePaths []string
	// InlineIgnore, when not nil, reports whether an import is ignored by a comment on it
	// (such as tach's "# tach-ignore"); edge.Comment holds the comment.
	InlineIgnore func(edge *imports.Edge) bool
	// EveryImport makes Allowed and External contracts report each import that breaks them,
	// not only the first one from a module to another (Allowed) or on one line (External), as
	// tach does: each finding is then about one import, at its file:line.
	EveryImport bool
	// MissingModules says what to do when a module the contract lists is not in the project
	// (an Allowed contract's modules, an Interface contract's packages, Within): AlertError
	// (ARCH010, the default), AlertWarn (a warning line, the contract checks the others, as
	// tach does) or AlertNone.
	MissingModules Alert
	// Finish, when not nil, completes the results once every contract is checked: it gets the
	// results of all the contracts that share it, in order, and may change their findings and
	// warnings. A tool's rules that span several contracts, or need the files' text, go there
	// (tach's ignore comments).
	Finish Finisher
	// Grimp, when not nil, makes the contract see the graph as grimp (the library
	// import-linter builds its graph with) builds it, and treat names that match no module
	// as import-linter does, so that import-linter's contracts are kept or broken exactly
	// when lint-imports says so: see GrimpGraph.
	Grimp *GrimpGraph
	// Warnings are about the contract's configuration (an option that does nothing, say):
	// they are reported with its result.
	Warnings []string
	// Lines holds where each module expression of the contract is written (its line in
	// Origin.File), so that an error about one points at it; nil when unknown.
	Lines map[string]int
	Spec  Spec
}

// A Finisher completes the results of the contracts that share it (see Contract.Finish).
type Finisher interface {
	Finish(results []*Result, in Input)
}

// GrimpGraph is how grimp sees a project where it differs from buttress's graph. With it,
// Within (import-linter's root packages) must be set, and:
//
//   - A root package that is not a package of the project is an error at RootsAt, reported
//     once (on the first contract declared there), and no contract declared there is checked.
//   - The graph holds the modules grimp finds: below a regular package (one with an
//     __init__.py) it does not enter a directory without __init__.py, so the modules there
//     are not in the graph; neither are modules without a .py file (stubs, extensions).
//   - An import resolves to the module it names, else to that name's parent when that is a
//     module (`import a.b.missing` and `from a.b import f` are imports of a.b), else it is
//     external.
//   - External imports are seen only with IncludeExternal, and then each as an import of one
//     module per package: its top-level name ("django" for `from django.db import models`),
//     or for a namespace shared with a root package, the first portion no root package
//     holds. A name that is a module of the graph (the root package itself, for `from
//     pkg.missing import f`) is an import of that module. Without IncludeExternal, external
//     imports are not seen at all, not even by ignore-imports entries.
//   - An expression with wildcards that matches nothing checks nothing (a warning), as does
//     a forbidden module of the root packages that does not exist; a missing source,
//     independent, protected module, allowed importer of a package, acyclic ancestor or
//     skipped descendant is an error, as it is for import-linter. A protected external
//     package is an error when nothing imports it (grimp's graph does not have it).
//   - With Kinds without KindTypeChecking, imports are left out as grimp reads TYPE_CHECKING
//     (imports.Edge.InTypeCheckingIf: also an else branch, not `not TYPE_CHECKING`); the
//     contract's other kinds are all seen.
//   - Containers may be plain modules (their required layers are then missing), as in
//     import-linter.
type GrimpGraph struct {
	IncludeExternal bool   // import-linter's include_external_packages
	RootsAt         Origin // where the root packages are declared
}

// Spec is what a contract requires: one of the types below.
type Spec interface {
	// Type is the contract type's name, as written in configuration: "layers", ...
	Type() string
}

// IgnoreImport is one "importer -> imported" entry of ignore-imports; both sides are module
// expressions (wildcards allowed) matched against the importing and imported modules
// exactly (not their descendants), as import-linter does.
type IgnoreImport struct {
	Importer, Imported string
	Raw                string // as written
	Line               int    // where it is written; 0 when unknown
}

// ParseIgnoreImport reads "a.b -> c.d".
func ParseIgnoreImport(s string) (IgnoreImport, error) {
	from, to, ok := strings.Cut(s, "->")
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if !ok || from == "" || to == "" {
		return IgnoreImport{}, fmt.Errorf("%q is not an import: write it as \"importer.module -> imported.module\"", s)
	}
	for _, e := range []string{from, to} {
		if err := ValidExpression(e); err != nil {
			return IgnoreImport{}, fmt.Errorf("%q: %v", s, err)
		}
	}
	return IgnoreImport{Importer: from, Imported: to, Raw: s}, nil
}

// Layers: each layer may import the layers below it, never those above, directly or through
// a chain of modules outside the layers.
type Layers struct {
	Layers []Layer // from the highest to the lowest
	// Containers, when not empty, are packages (expressions) inside each of which the layers
	// repeat; layer modules are then relative to the container.
	Containers []string
	// Exhaustive: every child of each container must be a layer or in ExhaustiveIgnores.
	Exhaustive        bool
	ExhaustiveIgnores []string // names relative to the container
}

func (*Layers) Type() string { return "layers" }

// Layer is one level of a Layers contract.
type Layer struct {
	Modules     []string // the siblings on this level (plain names, no wildcards)
	Independent bool     // siblings may not import each other ("a | b"); "a : b" may
	Optional    bool     // a missing module is fine; otherwise it is a contract error
	// OptionalModules are modules of a layer that is not Optional that may be missing
	// (import-linter's "(a) | b": a is optional, b is not).
	OptionalModules []string
	Closed          bool // layers above may not import layers below past this one
	// MaxInstability, when set, bounds the layer's instability (Robert C. Martin's):
	// Ce / (Ca + Ce), where Ce counts the modules outside the layer that it imports and Ca
	// the modules outside it that import it, through the imports the contract sees. A low
	// layer everything depends on must stay stable: few outgoing imports (ARCH011).
	MaxInstability *float64
	Line           int // where the layer is written in a buttress configuration; 0 when unknown
}

// ParseLayer reads a layer in import-linter's notation: "a", "a | b" (independent siblings),
// "a : b" (siblings that may import each other), "(a)" (optional).
func ParseLayer(s string) (Layer, error) {
	s = strings.TrimSpace(s)
	var l Layer
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && !strings.ContainsAny(s[1:len(s)-1], "()") {
		l.Optional = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	pipe, colon := strings.Contains(s, "|"), strings.Contains(s, ":")
	if pipe && colon {
		return l, fmt.Errorf("layer %q mixes \"|\" and \":\": use \"|\" for independent siblings or \":\" for siblings that may import each other, not both", s)
	}
	sep := "|"
	if colon {
		sep = ":"
	}
	l.Independent = !colon
	parts := strings.Split(s, sep)
	wrapped := 0
	for i, m := range parts {
		m = strings.TrimSpace(m)
		if len(m) > 1 && m[0] == '(' && m[len(m)-1] == ')' {
			m = strings.TrimSpace(m[1 : len(m)-1])
			wrapped++
		}
		parts[i] = m
	}
	switch {
	case wrapped == len(parts) && len(parts) > 1:
		l.Optional = true // "(a) | (b)": every sibling optional, the layer too
	case wrapped > 0 && len(parts) > 1:
		return l, fmt.Errorf("layer %q makes some siblings optional and not others: buttress makes a whole layer optional, \"(a | b)\"", s)
	}
	for _, m := range parts {
		if m == "" {
			return l, fmt.Errorf("layer %q has an empty module name", s)
		}
		if strings.Contains(m, "*") {
			return l, fmt.Errorf("layer %q: layers take module names, not wildcards (use containers to repeat layers)", s)
		}
		if err := ValidExpression(m); err != nil {
			return l, fmt.Errorf("layer %q: %v", s, err)
		}
		l.Modules = append(l.Modules, m)
	}
	return l, nil
}

// Forbidden: the source modules may not import the forbidden ones, directly or (unless
// AllowIndirect) through a chain. A forbidden module that is not first-party is a top-level
// package name ("django"), matched against third-party and standard-library imports.
type Forbidden struct {
	Sources       []string
	Forbidden     []string
	AllowIndirect bool
	// ExactModules: the expressions stand for the modules they match only, not their
	// descendants (import-linter's as_packages = false).
	ExactModules bool
}

func (*Forbidden) Type() string { return "forbidden" }

// Independence: none of the modules imports another, directly or through a chain.
type Independence struct {
	Modules []string
}

func (*Independence) Type() string { return "independence" }

// Acyclic: no cycle among the children of each package, squashing each child with its
// descendants; then the same inside each child, down to Depth generations.
type Acyclic struct {
	Packages []string // expressions
	// Modules, when not empty, checks instead the cycles among these modules (plain names):
	// each holds its descendants, except those listed themselves, as in Allowed.
	Modules []string
	// Depth is how many generations below each package are checked: 1 checks its children
	// only; 0 checks every depth.
	Depth           int
	SkipDescendants []string // expressions of packages whose children are not checked
}

func (*Acyclic) Type() string { return "acyclic" }

// Allowed is tach's model: each listed module may import only what it depends on. Imports
// between parts of one module, and of modules not listed, are not checked. Direct imports
// only.
type Allowed struct {
	Modules []AllowedModule
	Layers  []AllowedLayer // from the highest to the lowest
	// Root, when not nil, is tach's <root> module: it holds every module of the project that
	// no listed module holds, and its Module is the name DependsOn entries give it ("<root>").
	Root *AllowedModule
	// LayersExplicit: an import of a lower layer must be declared in DependsOn too (tach's
	// layers_explicit_depends_on); otherwise it is always allowed.
	LayersExplicit bool
}

func (*Allowed) Type() string { return "allowed" }

// AllowedModule is one module of an Allowed contract. A module owns its descendants, except
// those that are listed themselves (the longest listed prefix owns a module).
type AllowedModule struct {
	Module string // a dotted module name, no wildcards
	// DependsOn lists the modules (expressions) it may import; with AnyDependency, it may
	// import any module (tach's depends_on left out).
	DependsOn     []string
	AnyDependency bool
	// CannotDependOn lists modules it may never import, even those in DependsOn.
	CannotDependOn []string
	Layer          string   // its layer, "" for none
	Utility        bool     // every module may import it without listing it
	Visibility     []string // when not nil, only these modules (expressions) may import it
	Unchecked      bool     // its own imports are not checked
	// At is where the module is declared, for messages about it; when its File is "", the
	// contract's Origin.
	At Origin
}

// AllowedLayer is one layer of an Allowed contract. A module may import modules in its own
// layer (when it depends on them) and in lower layers, never in higher ones; a closed layer
// may not be skipped: modules above it may not import modules below it.
type AllowedLayer struct {
	Name   string
	Closed bool
}

// Protected (import-linter's type): only the allowed importers may import the protected
// modules directly. With ExactModules, the expressions stand for the modules they match
// only; otherwise descendants count too, and a protected package's descendants may import
// each other.
type Protected struct {
	Modules          []string
	AllowedImporters []string
	ExactModules     bool
}

func (*Protected) Type() string { return "protected" }

// Interface: modules outside each package may import only what its interface exposes.
type Interface struct {
	Packages []string // expressions
	// Expose are regular expressions matched (whole) against the imported path relative to
	// the package: "Client" for `from pkg import Client`, "api.Client" for `from pkg.api
	// import Client`, "api" for `import pkg.api`.
	Expose []string
	// UseAll also exposes the names in the package's __all__ (its first path segment must be
	// one of them); it is the default when Expose is empty.
	UseAll bool
}

func (*Interface) Type() string { return "interface" }

// External: what the modules may import from outside the project (third-party and standard
// library), by top-level name. Direct imports only.
type External struct {
	Modules []string // expressions
	Allow   []string // when not empty, the only third-party top-level names allowed
	Deny    []string // names never allowed (third-party or standard library)
}

func (*External) Type() string { return "external" }

// ValidExpression checks a module expression: dotted names whose segments are identifiers,
// "*" or "**".
func ValidExpression(e string) error {
	if e == "" {
		return fmt.Errorf("empty module name")
	}
	for _, seg := range strings.Split(e, ".") {
		switch {
		case seg == "*" || seg == "**":
		case seg == "":
			return fmt.Errorf("%q has an empty segment", e)
		case strings.Contains(seg, "*"):
			return fmt.Errorf("%q: a wildcard must be a whole segment (\"*\" or \"**\"), as in \"pkg.*.models\"", e)
		default:
			for i, r := range seg {
				if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 || i > 0 && r >= '0' && r <= '9') {
					return fmt.Errorf("%q: %q is not a module name", e, seg)
				}
			}
		}
	}
	return nil
}
