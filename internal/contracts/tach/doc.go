// Package tach reads the configuration of tach (the Python tool by Gauge, now tach-org/tach:
// the keys of its current releases, 0.28 as real projects pin it, and the older ones they still
// read) and translates it into buttress's contracts, which buttress's own engine checks. It
// never runs tach. The aim is tach's verdict on the same code: a project whose `tach check`
// passes gets no finding, and one that fails gets a finding at each place tach reports.
//
// # Where the configuration is
//
// Load reads tach.toml at the project root, else the [tool.tach] table of pyproject.toml
// (read only when the file's text mentions tool.tach, as tach does), and then every
// tach.domain.toml below the root, found as tach finds them: hidden files and directories,
// the exclude patterns and what .gitignore files (and .git/info/exclude) ignore are left out
// (unless respect_gitignore = false); symbolic links are not followed. A tach.yml or tach.yaml
// (tach's old format) alone is an error that says how to convert it. Parse reads one file's
// text and no other file.
//
// Every error names the file and, when it is about a key, the key's line, column and name;
// every error found is reported, not only the first. A key tach does not have is an error
// (with a "did you mean"); so is a key tach has and buttress cannot honour: its message starts
// "tach's ... is not supported by buttress" and says what to do. Nothing is silently left out.
//
// # How each key maps
//
// modules and layers make one contract, "tach modules", of type Allowed, reporting each import
// that breaks it (EveryImport), as tach does:
//
//   - path: an AllowedModule, with where it is declared (At). paths = [...]: one AllowedModule
//     per path, each with the entry's settings. A path may not be written twice (as tach
//     refuses it). A module that is not in the project is a warning at its path line, with a
//     "did you mean" (tach warns "Module containing 'x' not found in project." and goes on).
//   - depends_on: DependsOn, as module expressions. Left out, the module may import any module:
//     AnyDependency, tach's documented default (the interfaces of the modules it imports still
//     apply). tach's globs map to expressions: "*" is one segment, and since tach's "**" may
//     also match no segment, "a.**" gives both "a" and "a.**". An entry that names no declared
//     module is accepted, as tach accepts it (it matches no import), with a warning at its line
//     and a "did you mean".
//   - { path = ..., deprecated = true }: allowed; each import through it is a warning line, as
//     tach warns and passes (the first matching entry decides, as in tach). An import inside a
//     function takes rules.local_imports' severity there, as in tach: "error" (the default)
//     makes it a finding.
//   - cannot_depend_on: CannotDependOn, translated the same way.
//   - layer: Layer; layers: Layers, highest first, a name or { name = ..., closed = true } (or
//     [[layers]] tables). A layer a module names must be in layers (tach reports it at the
//     first import between two layered modules; buttress, when it reads the configuration, at
//     the layer line, with a "did you mean"), and a layer may be listed once.
//     layers_explicit_depends_on = true: LayersExplicit, a lower layer must be declared too.
//   - visibility: checked on the configuration, as tach does: a module whose depends_on names
//     a module that is not visible to it is a configuration error. It is not passed on as the
//     contract's Visibility, which would also check imports (a module that declares no
//     depends_on may import any visible or invisible module in tach). A "*" entry means every
//     module; tach's "*" elsewhere spans dots, so "a.*" stands for "a.**".
//   - utility, unchecked: Utility, Unchecked.
//   - "<root>" (or "."): tach's root module, the code no module holds. With root_module =
//     "ignore" (the default) nothing about it is checked: it is left out of every contract and
//     "<root>" is dropped from depends_on. With "allow", "dependenciesonly" or "forbid" it is
//     the contract's Root, which holds every module no other module holds, with its
//     [[modules]] entry or else tach's default (it may depend on nothing); modules must declare
//     "<root>" to import it. "forbid" refuses any mention of <root> in the configuration and
//     "dependenciesonly" a dependency on it, as tach does, each at its line.
//
// interfaces make Interface contracts. tach gives each module the expose patterns of every
// entry whose "from" matches the module's path (a regular expression matched whole, default
// ".*": every module), and an import of the module is fine when any of them matches; so each
// module gets the union of its patterns, and modules with the same union share one contract.
// Packages are the modules, Expose the patterns; an empty union (expose = []) exposes nothing
// but the module itself. Within is every module of modules: as in tach, the code no module
// holds is not checked (unless root_module checks it: Within is then left out). Imports of a
// module nested in a package and declared itself are left to that module's own interface (an
// IgnoreImport per nested module), and the imports of unchecked modules are ignored (tach does
// not check them at all). An expose pattern with a top-level "|" is rewritten to keep tach's
// meaning: tach matches "^" + pattern + "$", so "a|b" means "starts with a, or ends with b".
// data_types = "all" (the default) is accepted.
//
// exclude: Config.Exclude as written, and every contract's ExcludePaths. tach matches them as
// .gitignore patterns from the project root; they are rewritten for the engine's glob rules:
// "venv" (no slash: any depth) becomes "**/venv", "/build" becomes "build/**", "build/" (any
// depth, directories) becomes "**/build/", and patterns with a slash are kept. tach's default
// when exclude is not set is no exclusion; so is buttress's. With use_regex_matching = true
// (deprecated, still read by tach 0.28) the patterns are regular expressions matched at the
// start of a path relative to the root, or of a directory on its way, as tach matches them;
// the checker leaves out what they match.
//
// source_roots: Config.SourceRoots, cleaned and slash-separated (globs kept); ["."] when not
// set. respect_gitignore = false: Config.RespectGitignore, which the CLI applies to buttress's
// own setting unless that is set.
//
// ignore_type_checking_imports (default true): every contract's Kinds is module and function
// imports, plus type-checking ones when it is false. rules.local_imports: "error" (the
// default) checks imports inside functions like the others; "warn" turns what they break into
// warning lines (tach's warnings); "off" leaves them out.
//
// forbid_circular_dependencies = true: as in tach, a cycle among the modules' depends_on (the
// configuration, not the imports) is a configuration error. Like tach, which prints "Circular
// dependency detected for module 'a'" for every module of every cycle, there is one error per
// module in a cycle, here at its depends_on entry that leads on round the shortest cycle
// through it, with the cycle. Cycles of real imports are not checked: tach does not check
// them, and projects whose tach check passes have them. buttress's own acyclic contract, in
// [tool.buttress], checks those.
//
// exact = true: the depends_on entries no import uses are findings (ARCH005) at their lines,
// as tach check --exact reports them ("'a' does not depend on: ['b']"). As in tach, an entry
// is used when it matches a module that an import would be reported for if the module declared
// no dependency: an import silenced by tach-ignore, of a utility module or of a lower layer
// (without layers_explicit_depends_on) does not use one, and the entries of an unchecked
// module, of <root> when it is ignored, and entries naming <root> then, are all unused.
//
// # tach-ignore comments, and what tach does after its checks
//
// Every contract shares one Finisher, the checker, which does what tach does once its checks
// have found their diagnostics, from the text of each file tach checks (a .py file of a
// module held by a checked module, not excluded), read as tach reads it, line by line
// (strings included: tach does not tokenize):
//
//   - A line holding "# tach-ignore", then optionally "(reason)", then names made of word
//     characters and dots, then nothing else, is a directive: anything may come first ("#
//     pylint: disable=x # tach-ignore"). Alone on its line it applies to the next line,
//     otherwise to its own. The first directive for a line wins; the others are redundant.
//   - A directive silences a diagnostic when it applies to the line of the imported name or to
//     the first line of the import's statement (so a comment on `from a import (`, or alone
//     above it, covers every name of a multi-line import, and one on a name's own line covers
//     that name), and, when it has names, the imported path ("a.b.f" for `from a.b import
//     f`, "a.b" for `import a.b`) ends with one of them, as text. Aliases do not count.
//   - tach check sets aside the directives that apply to the first line of an import from
//     outside the project (they are for tach check-external), and the redundant ones written
//     there.
//   - rules.unused_ignore_directives ("warn" by default): a directive that silences nothing
//     (each diagnostic is taken by the first matching directive in the order of the lines they
//     apply to, as tach matches them greedily) and a redundant one are warning lines ("warn")
//     or ARCH009 findings at their lines ("error"). rules.require_ignore_directive_reasons
//     ("off" by default): a directive without a reason (an empty one: "()" has none, "( )"
//     has one) is reported the same way; it still silences.
//   - The external contracts read directives as tach check-external does: the one that
//     applies to the first line of the statement, without names or naming the imported module
//     or the name a from-import takes.
//
// depends_on_external and cannot_depend_on_external (tach check-external): an External
// contract per module, with Allow (plus the names of external.exclude, which tach skips) and
// Deny (less standard-library names, which tach never checks, and excluded names).
//
// Keys with nothing to check, accepted: include_string_imports = false, disable_logging,
// rules.unused_external_dependencies, external.rename and external.include_dependency_groups
// (tach check-external's reading of pyproject dependencies, which is not translated), and the
// tables of other tach commands: cache (tach test), map (tach map), deadcode (tach deadcode).
//
// Rejected, each with an error that says why and what to do: module globs in path or paths
// ("libs.**": only a scan of the project tells which modules they are); partial-segment or
// other glob syntax in depends_on, cannot_depend_on and visibility ("a.b*", "a.[bc]");
// strict = true (tach's old interface syntax); include_string_imports = true (buttress reads
// import statements only); interface visibility and exclusive, and data_types = "primitive";
// plugins.django; an empty depends_on_external; negated ("!") exclude patterns. Invalid regular
// expressions in expose, from and (with use_regex_matching) exclude, duplicate modules, unknown
// layers and invalid module names are errors too.
//
// # Differences from tach
//
// Stricter than tach, each an error when the configuration is read: a layer listed twice
// (tach takes the first); a module path that is not a dotted Python name (tach only warns that
// it finds no such module); names in depends_on_external and cannot_depend_on_external that
// are not top-level module names (tach never matches them); source_roots = [] (tach would
// check nothing); a module with both path and paths (tach takes paths); unknown keys in a
// paths entry, in [rules] or in [external] (tach ignores them); a layer a module names that
// layers does not list (tach reports it only when two layered modules import each other).
// A configuration error exits with 2, where tach exits with 1: both fail.
//
// What a contract sees is buttress's import graph, and the engine decides by the model's
// rules, so these differ from tach even with the configuration translated faithfully:
//
//   - buttress's imports under `if TYPE_CHECKING:` are those of the if branch (and of the else
//     branch of `if not TYPE_CHECKING:`); tach skips the whole statement, else branch
//     included, and reads `if not TYPE_CHECKING:` as ordinary code.
//   - An import buttress cannot resolve (a first-party module that does not exist) is not
//     checked; tach checks it against the module that holds its closest prefix.
//   - Interface contracts hold a module nested in a package as inside it: an import of the
//     package's private names by a nested module that tach holds as a module of its own is
//     not reported. (Imports of such a nested module are left to its own interface, as in
//     tach.) A module declared inside an unchecked module is unchecked for interfaces too.
//     Interfaces are not applied to <root>.
//   - With rules.unused_ignore_directives = "off", tach-ignore comments still silence what
//     they match; the tach source read (early 2025) then applies none of them, which looks
//     like a bug there.
//   - For external contracts, buttress does not tell `import a.b` from `from a import b`: a
//     directive naming either the module or its last part silences both. tach check-external's
//     own unused-directive report is not made.
//   - External contracts compare top-level module names; tach check-external compares
//     distribution names for external.exclude, and checks only the dependencies a package's
//     pyproject.toml declares (reporting undeclared ones, which buttress does not).
//   - tach's \w and \d in expose and from are Unicode-aware (Rust's regex); Go's are ASCII.
//   - The tach.domain.toml walk reads .gitignore files and .git/info/exclude, not the global
//     git excludes file nor .ignore files; respect_gitignore = "if_git_repo" reads them
//     outside a git repository too.
//   - Findings and warnings are in buttress's words, with tach's key names; tach's own
//     messages are quoted where a user would search for them.
package tach
