// Package importlinter reads the configuration of import-linter (the Python tool by David
// Seddon) and translates its contracts into buttress's contract model (package contracts),
// which buttress's engine checks. Nothing is imported or run: buttress reads the files only.
//
// # Where the configuration is read
//
// Load looks in the project root, in import-linter's order, and takes the first file that
// has import-linter's configuration:
//
//  1. setup.cfg, when it has a section named importlinter;
//  2. .importlinter, when it has a section named importlinter;
//  3. pyproject.toml, when its [tool.importlinter] table is not empty.
//
// Files are not merged. Load returns nil, nil when none has a configuration. import-linter's
// --config option (an explicit file) is not modelled: ParseINI and ParseTOML read any file.
//
// # Top-level options
//
//	root_package / root_packages   Config.RootPackages, and each contract's Within: the
//	                               graph is limited to these packages. Exactly one of the
//	                               two must be set.
//	include_external_packages      Config.IncludeExternal. Only forbidden (and protected)
//	                               contracts depend on it: see below.
//	exclude_type_checking_imports  each contract's Kinds: module and function imports when
//	                               True; by default (as in import-linter, whose graph then
//	                               has them) also imports under `if TYPE_CHECKING:`, that
//	                               is imports.AllKinds.
//	contract_types                 an error: custom contract types are Python classes that
//	                               buttress cannot run.
//	source_roots                   Config.SourceRoots: where the root packages are. The
//	                               project takes them as its source roots unless buttress's
//	                               own configuration sets source-roots (or tach's does).
//
// Top-level booleans are True when written "True" or "true" (or TOML true), False when
// written "False" or "false" (or TOML false); import-linter reads any other text as False,
// buttress rejects it.
//
// # Contracts
//
// In INI files each contract is a section "[importlinter:contract:ID]" (import-linter takes
// any section whose name starts with "importlinter:", and the text after its last ":" as the
// id); in pyproject.toml each is a [[tool.importlinter.contracts]] table, whose id key is
// optional. The id selects contracts on import-linter's command line; the model has no
// place for it. Every contract has a name (Contract.Name) and a type. Origin is
// {FromImportLinter, the file, the line of the section header or table header}.
//
// Options that every type takes:
//
//	ignore_imports                     IgnoreImports (contracts.ParseIgnoreImport, with the
//	                                   line of each entry); wildcards allowed on both sides
//	unmatched_ignore_imports_alerting  UnmatchedIgnores: error (default), warn, none
//	broken_contract_guidance           Guidance: the text, lines joined with "\n"
//
// The types:
//
//	forbidden         contracts.Forbidden: source_modules -> Sources, forbidden_modules ->
//	                  Forbidden, allow_indirect_imports -> AllowIndirect (default False),
//	                  as_packages -> !ExactModules (default True).
//	layers            contracts.Layers: layers -> Layers (contracts.ParseLayer: "a | b"
//	                  independent siblings, "a : b" siblings that may import each other,
//	                  "(a)" optional), containers -> Containers, exhaustive -> Exhaustive
//	                  (default False), exhaustive_ignores -> ExhaustiveIgnores.
//	independence      contracts.Independence: modules -> Modules.
//	protected         contracts.Protected: protected_modules -> Modules, allowed_importers
//	                  -> AllowedImporters, as_packages -> !ExactModules (default True).
//	acyclic_siblings  contracts.Acyclic: ancestors -> Packages, skip_descendants ->
//	                  SkipDescendants, depth d (default 10) -> Depth d+1: import-linter's
//	                  depth 0 checks the children of each ancestor only, which is Depth 1.
//
// Module lists take module expressions with "*" and "**" (import-linter's wildcards, which
// must be whole segments, where "**" may not be followed by another wildcard nor "*" by
// "**"), except layers, which take module names, and root_packages, which take package
// names. A forbidden module outside the root packages is an external package: import-linter
// then requires include_external_packages = True, and the package's top-level name
// ("django", not "django.db").
//
// Contract booleans (allow_indirect_imports, as_packages, exhaustive) are "true" or "false"
// in any case, or TOML booleans; depth is a whole number, 0 or more.
//
// # INI syntax
//
// INI files are read as Python's configparser reads them (import-linter uses its defaults):
// "key = value" or "key: value"; keys lower-cased, section names not; a line indented deeper
// than its key continues the value, blank lines inside a value are kept; a line that starts
// with "#" or ";" (after indentation) is a comment, even among the lines of a value, and
// there are no comments at the end of a line ("a  # b" is the value "a  # b"); [DEFAULT]
// values apply to every section; "%(key)s" is replaced by another key's value, so a percent
// sign is written "%%"; a repeated section or key is an error. A value on several lines is a
// list, one item a line, blank lines left out; a value on the key's line is a single value,
// or a list of one. Errors name the file, the line (of the list item when the error is about
// one) and the section: ".importlinter:12: [importlinter:contract:layers] layers: ...".
//
// # TOML
//
// pyproject.toml is read with config.ReadTable: lists are arrays of strings (a string is a
// list of one, as import-linter accepts), booleans are TOML booleans or strings, and errors
// name the file, the line and the column.
//
// # Differences from import-linter
//
// buttress is stricter where import-linter would go on with a contract that cannot mean
// what was written:
//
//   - An unknown option, top-level or in a contract, is an error ("did you mean" when
//     close); import-linter ignores it, so that a misspelt option silently turns a check
//     off. So is an option of another contract type, and a contract option at the top
//     level. Keys inherited from [DEFAULT] are exempt: they may be meant for other tools.
//   - A custom contract type (contract_types, or a type that is not one of the five) is an
//     error: buttress has its own engine and cannot run Python contract classes.
//   - Top-level booleans other than True/true/False/false are errors, not False.
//   - root_package together with root_packages is an error (import-linter keeps
//     root_packages). A root_packages written on one line is a list of one (import-linter
//     expects a list there).
//   - An empty list of modules where the contract needs some (source_modules,
//     forbidden_modules, modules, protected_modules, ancestors, layers) is an error: the
//     contract would check nothing. An empty allowed_importers is fine: only the protected
//     modules themselves may import each other.
//   - exhaustive_ignores takes names of children of the containers, without dots (a dotted
//     name never matches in import-linter); it is an error without exhaustive = True.
//   - A wildcard forbidden or protected module whose fixed part is outside the root packages
//     ("django.*") is an error: import-linter knows an external package by its top-level
//     name only, so it matches nothing. A protected module outside the root packages needs
//     include_external_packages = True and a top-level name, as a forbidden one does.
//   - Module names are checked to be Python names: import-linter accepts any text and
//     reports at check time that the module does not exist.
//   - In a layer, buttress makes the whole line optional or not: "(a) | (b)" is an optional
//     layer, "(a) | b" (import-linter: a optional, b required) is an error. So is a line in
//     parentheses, "(a | b)", which import-linter reads as the modules "(a" and "b)".
//   - An empty contract name is an error (import-linter reports the contract as "").
//   - A setup.cfg that configparser cannot read is ignored unless it has a section whose
//     name starts with "importlinter" (import-linter would fail on it): buttress reads the
//     configuration of every project, most of which do not use import-linter.
//   - The INI values are parsed by gopkg.in/ini.v1, on a reshaped copy of the sections that
//     a configparser-compatible scan produces; the two readings are compared, and a value
//     they read differently (one that starts with """ or a backquote, a key named "-") is
//     an error instead of a guess.
//   - Files that newer import-linter documentation mentions (.importlinter.toml,
//     importlinter.toml) are not read: their layout is not settled.
//
// What buttress's engine does with the contracts (chains, containers, squashing, wildcard
// resolution) is the engine's business; see package contracts.
package importlinter
