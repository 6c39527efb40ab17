// Package tach reads the configuration of tach (the Python tool by Gauge, now tach-org/tach:
// the keys of its current releases, and the older ones they still read) and translates it into
// buttress's contracts, which buttress's own engine checks. It never runs tach.
//
// # Where the configuration is
//
// Load reads tach.toml at the project root, else the [tool.tach] table of pyproject.toml
// (read only when the file's text mentions tool.tach, as tach does), and then every
// tach.domain.toml below the root, found as tach finds them: hidden files and directories,
// the exclude patterns and what .gitignore files (and .git/info/exclude) ignore are left out;
// symbolic links are not followed. A tach.yml or tach.yaml (tach's old format) alone is an
// error that says how to convert it. Parse reads one file's text and no other file.
//
// Every error names the file and, when it is about a key, the key's line, column and name;
// every error found is reported, not only the first. A key tach does not have is an error (with a "did you mean");
// so is a key tach has and buttress cannot honour: its message starts "tach's ... is not
// supported by buttress" and says what to do. Nothing is silently left out.
//
// # How each key maps
//
// modules and layers make one contract, "tach modules", of type Allowed:
//
//   - path: an AllowedModule. paths = [...]: one AllowedModule per path, each with the entry's
//     settings. A path may not be written twice (as tach refuses it).
//   - depends_on: DependsOn, as module expressions. A { path = ..., deprecated = true } entry
//     is allowed like any other (tach only prints a warning for it). Left out, the module may
//     import any module: AnyDependency, tach's documented default (the interfaces of the
//     modules it imports still apply). tach's globs map to expressions: "*" is one segment,
//     and since tach's "**" may also match no segment, "a.**" gives both "a" and "a.**".
//   - cannot_depend_on: CannotDependOn, translated the same way.
//   - layer: Layer; layers: Layers, highest first, a name or { name = ..., closed = true }.
//     A layer a module names must be in layers (tach reports it at the first import between
//     two layered modules; buttress, when it reads the configuration), and a layer may be
//     listed once.
//   - visibility: checked on the configuration, as tach does: a module whose depends_on
//     names a module that is not visible to it is a configuration error. It is not passed on
//     as the contract's Visibility, which would also check imports (a module that declares no
//     depends_on may import any visible or invisible module in tach). A "*" entry means every
//     module; tach's "*" elsewhere spans dots, so "a.*" stands for "a.**".
//   - utility, unchecked: Utility, Unchecked.
//   - "<root>" (or "."): tach's root module, the code no module holds. buttress leaves it out
//     of every contract, and drops "<root>" from depends_on: that is tach's default,
//     root_module = "ignore", which checks nothing about it.
//
// interfaces make Interface contracts. tach gives each module the expose patterns of every
// entry whose "from" matches the module's path (a regular expression matched whole, default
// ".*": every module), and an import of the module is fine when any of them matches; so each
// module gets the union of its patterns, and modules with the same union share one contract.
// Packages are the modules, Expose the patterns; an empty union (expose = []) exposes nothing
// but the module itself. Within is every module of modules: as in tach, the code no module
// holds is not checked. Imports of a module nested in a package and declared itself are left
// to that module's own interface (an IgnoreImport per nested module), and the imports of
// unchecked modules are ignored (tach does not check them at all). An expose pattern with a
// top-level "|" is rewritten to keep tach's meaning: tach matches "^" + pattern + "$", so
// "a|b" means "starts with a, or ends with b". data_types = "all" (the default) is accepted.
//
// exclude: Config.Exclude as written, and every contract's ExcludePaths. tach matches them as
// .gitignore patterns from the project root; they are rewritten for the engine's glob rules:
// "venv" (no slash: any depth) becomes "**/venv", "/build" becomes "build/**", "build/" (any
// depth, directories) becomes "**/build/", and patterns with a slash are kept. tach's default
// when exclude is not set is no exclusion; so is buttress's.
//
// source_roots: Config.SourceRoots, cleaned and slash-separated (globs kept); ["."] when not
// set.
//
// ignore_type_checking_imports (default true): every contract's Kinds is module and function
// imports, plus type-checking ones when it is false. rules.local_imports = "off" or "warn"
// leaves function-level imports out ("warn" only prints in tach, and buttress has no
// warning-level findings); "error", the default, keeps them.
//
// forbid_circular_dependencies = true: as in tach, a cycle among the modules' depends_on (the
// configuration, not the imports) is a configuration error. Like tach, which prints "Circular
// dependency detected for module 'a'" for every module of every cycle, there is one error per
// module in a cycle, here at its depends_on entry that leads on round the shortest cycle
// through it, with the cycle. Cycles of real imports are not checked: tach does not check
// them, and projects whose tach check passes have them. buttress's own acyclic contract, in
// [tool.buttress], checks those.
//
// "# tach-ignore" comments: every contract's InlineIgnore. It follows tach's syntax: "#
// tach-ignore", "# tach-ignore(reason)", then optional names, then nothing else; another
// comment may come before it. With names, it applies only to the imports of those names (see
// inlineIgnore). rules.require_ignore_directive_reasons = "error": a comment without a reason
// silences nothing, so the import it is on is reported ("warn" and "off" change nothing).
//
// depends_on_external and cannot_depend_on_external (tach check-external): an External
// contract per module, with Allow (plus the names of external.exclude, which tach skips) and
// Deny (less standard-library names, which tach never checks, and excluded names).
//
// Keys with nothing to check, accepted: exact = false, layers_explicit_depends_on = false,
// include_string_imports = false, use_regex_matching = false, respect_gitignore = true or
// "if_git_repo" (which files are read is buttress's own respect-gitignore setting),
// root_module = "ignore", disable_logging, rules.unused_ignore_directives = "warn" or "off",
// rules.unused_external_dependencies, external.rename and external.include_dependency_groups
// (tach check-external's reading of pyproject dependencies, which is not translated), and the
// tables of other tach commands: cache (tach test), map (tach map), deadcode (tach deadcode).
//
// Rejected, each with an error that says why and what to do: module globs in path or paths
// ("libs.**": only a scan of the project tells which modules they are); partial-segment or
// other glob syntax in depends_on, cannot_depend_on and visibility ("a.b*", "a.[bc]");
// strict = true (tach's old interface syntax); exact = true; layers_explicit_depends_on =
// true; include_string_imports = true; use_regex_matching = true (tach dropped regex
// excludes); respect_gitignore = false; root_module = "allow", "dependenciesonly" or
// "forbid"; interface visibility and data_types = "primitive"; plugins.django;
// rules.unused_ignore_directives = "error"; an empty depends_on_external; negated ("!")
// exclude patterns. Invalid regular expressions in expose and from, duplicate modules,
// unknown layers and invalid module names are errors too.
//
// Also as in tach: depends_on, cannot_depend_on and visibility entries naming modules that
// are not declared are accepted (they match nothing), and so is an [[interfaces]] entry whose
// "from" matches no module; exclusive = true without visibility is accepted (tach's docs say
// it only matters with visibility).
//
// # Differences from tach
//
// Stricter than tach, each an error when the configuration is read: a layer listed twice
// (tach takes the first); a module path that is not a dotted Python name (tach only warns that
// it finds no such module); names in depends_on_external and cannot_depend_on_external that
// are not top-level module names (tach never matches them); source_roots = [] (tach would
// check nothing); a module with both path and paths (tach takes paths); unknown keys in a
// paths entry, in [rules] or in [external] (tach ignores them).
//
// What a contract sees is buttress's import graph, and the engine decides by the model's
// rules, so these differ from tach even with the configuration translated faithfully:
//
//   - As in tach, an entry without wildcards names one module, layers are decided before
//     cannot_depend_on, and visibility is checked on the configuration only: the engine's
//     Allowed contract follows tach's order.
//   - A declared module that is not in the project is a contract error of the engine (in the
//     modules contract, and as an interface package or a Within package); tach only warns.
//   - Interface contracts hold a module nested in a package as inside it: an import of the
//     package's private names by a nested module that tach holds as a module of its own is
//     not reported. (Imports of such a nested module are left to its own interface, as in
//     tach.) A module declared inside an unchecked module is unchecked for interfaces too.
//   - Deprecated dependencies are allowed without the warning tach prints.
//   - tach-ignore names are matched against the name a from-import takes, not its alias
//     (`from a import b as c  # tach-ignore c` silences nothing), and, for imports of
//     modules, against both the dotted module and its last part (buttress does not tell
//     `import a.b` from `from a import b`). The comment is the one on the imported name's line
//     (or alone above it), where tach reads the one on the statement's first line: in a
//     multi-line import they differ. Unused tach-ignore comments are not reported.
//   - External contracts compare top-level module names; tach check-external compares
//     distribution names for external.exclude, and checks only the dependencies a package's
//     pyproject.toml declares (reporting undeclared ones, which buttress does not).
//   - tach's \w and \d in expose and from are Unicode-aware (Rust's regex); Go's are ASCII.
//   - The tach.domain.toml walk reads .gitignore files and .git/info/exclude, not the global
//     git excludes file nor .ignore files; respect_gitignore = "if_git_repo" reads them
//     outside a git repository too.
package tach
