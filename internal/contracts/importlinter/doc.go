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
//	                               graph is limited to these packages. With both,
//	                               root_packages is used (a warning).
//	include_external_packages      Config.IncludeExternal, and each contract's
//	                               Grimp.IncludeExternal: the graph has external packages.
//	exclude_type_checking_imports  each contract's Kinds: module and function imports when
//	                               True (the engine then leaves out what grimp reads as
//	                               TYPE_CHECKING); by default (as in import-linter, whose
//	                               graph then has them) every import, imports.AllKinds.
//	contract_types                 registers custom types: a contract of such a type is not
//	                               checked (a warning), since it is a Python class.
//	source_roots                   Config.SourceRoots: where the root packages are. The
//	                               project takes them as its source roots unless buttress's
//	                               own configuration sets source-roots (or tach's does).
//
// Top-level booleans are True when written "True" or "true" (or TOML true), False otherwise,
// as import-linter reads them; a value other than "False" or "false" gets a warning. (The
// forbidden contract takes external modules when include_external_packages is "true" in any
// case, as import-linter's does, though the graph then has none.)
//
// Every contract has a Grimp (contracts.GrimpGraph) with the session's include_external_packages
// and the line of root_package(s): the engine sees the graph as grimp builds it and takes
// names that match nothing as import-linter does (see contracts.GrimpGraph), so that each
// contract is kept or broken when lint-imports says so. Contract.Lines holds the line of each
// module entry, for errors found when checking.
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
//	layers            contracts.Layers: layers -> Layers ("a | b" independent siblings,
//	                  "a : b" siblings that may import each other, "(a)" an optional module:
//	                  the whole layer when every module is, else Layer.OptionalModules),
//	                  containers -> Containers, exhaustive -> Exhaustive (default False),
//	                  exhaustive_ignores -> ExhaustiveIgnores.
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
// # Warnings and errors
//
// Where import-linter fails on a configuration, Load returns an error naming the file, the
// line of the entry and the section (with a "did you mean" when a name is close, also for a
// required option that is missing because it is misspelt). Where import-linter goes on
// without a word, buttress reads the configuration as import-linter does and adds a warning,
// at the line, to the contract's Warnings (those of the top-level section, and of contracts
// that are not checked, to the first contract's, and to Config.Warnings): an unknown option,
// an option of another contract type or of the top level in a contract (and the reverse), a
// top-level boolean that is not True, true, False or false, root_package beside
// root_packages, an empty list of modules or layers, a dotted exhaustive_ignores entry (it
// never matches), exhaustive_ignores without exhaustive, a wildcard inside an external
// package ("django.*" matches nothing), a forbidden module that is no module name, an empty
// name (the contract is named after its section), a contract of a custom type (not checked;
// an error when no other contract is left).
//
// # Differences from import-linter
//
//   - A module name that is no Python name is an error (except in forbidden_modules);
//     import-linter reports at check time that the module does not exist, or skips it.
//   - In a layer, "(a | b)" is an error: import-linter reads the modules "(a" and "b)", which
//     do not exist, and fails too.
//   - root_packages written on one line is a list of one (import-linter passes the text on
//     where it expects a list).
//   - A setup.cfg that configparser cannot read is ignored unless it has a section whose name
//     starts with "importlinter" (import-linter would fail on it): buttress reads the
//     configuration of every project, most of which do not use import-linter.
//   - The INI values are parsed by gopkg.in/ini.v1, on a reshaped copy of the sections that
//     a configparser-compatible scan produces; the two readings are compared, and a value
//     they read differently (one that starts with """ or a backquote, a key named "-") is
//     an error instead of a guess.
//   - Files that newer import-linter documentation mentions (.importlinter.toml,
//     importlinter.toml) are not read, nor --config, nor --contract (ids are read and
//     dropped).
//   - source_roots becomes the project's source roots (see Config.SourceRoots).
//   - The graph holds the files of buttress's project walk: a file left out by exclude globs
//     or .gitignore (respect-gitignore) is not in it, where grimp reads every .py file of the
//     root packages.
//
// What buttress's engine does with the contracts (chains, containers, squashing, wildcard
// resolution) is the engine's business; see package contracts.
package importlinter
