// Package config reads buttress's configuration: the [tool.buttress] table of a
// pyproject.toml, or a buttress.toml file (the same keys at its top level).
//
// # Finding the file
//
// Discover looks in the start directory and then in each parent directory in turn. In each
// directory a buttress.toml wins over a pyproject.toml; a pyproject.toml counts only when it
// has a [tool.buttress] table, otherwise the search goes on upwards (this is Ruff's rule for
// [tool.ruff]). The first file found is the only one read: settings are not merged across
// files. The project root is the directory of that file. The CLI starts from the directory
// its PATH arguments all share (the current directory without any), so that one run resolves
// to one project whatever their order.
//
// When no file is found the defaults apply, and the project root is the directory of the
// closest pyproject.toml even though it has no [tool.buttress] table (a pyproject.toml marks
// a project, and module names depend on the root: run from src/pkg/, the root must still be
// the project's), or the start directory when there is none. Ruff, for which the root
// matters less, resolves paths against the current directory there; but since 0.10 it, too,
// reads such a pyproject.toml (for its requires-python) when no configuration is found.
//
// Load reads the file given with --config. A file named pyproject.toml is read for its
// [tool.buttress] table (defaults when it has none); a file of any other name is read as a
// buttress.toml. As in Ruff, paths in a --config file are relative to the current directory,
// which is the project root: the same shared file can serve many projects.
//
// # Keys
//
//	source-roots       directories (globs allowed: "packages/*/src") under which module names
//	                   are computed, inside the project (see Outside); default: the project
//	                   root, and "src" when it exists
//	exclude            globs of files and directories to leave out; replaces DefaultExclude
//	extend-exclude     globs left out in addition to exclude
//	respect-gitignore  honour .gitignore files and .git/info/exclude; default true
//	target-version     the Python version the code runs on: "3.8" to "3.14", or Ruff's
//	                   "py38" to "py314"; default: the lowest version [project]
//	                   requires-python admits (as Ruff does), else "3.13"; a requires-python
//	                   that is not a PEP 440 specifier set is an error
//	cache-dir          the cache's directory, relative to the root; default ".buttress_cache"
//	                   ($BUTTRESS_CACHE_DIR wins over it)
//	max-file-size      files larger than this are reported and not read: "20MB" by
//	                   default (see FileSize)
//	boundaries         module expressions of the modules where data enters the system (BND
//	                   rules); default: the top layer of the first layers contract
//	domain             module expressions of the domain modules (BND004)
//	library            the project is a library: its public names are API (DEAD rules,
//	                   PAT002); default false; a rule's own library option wins
//
// # Errors
//
// A file that is not valid TOML, an unknown key and a value of the wrong type are errors that
// name the file, the line and column, and the key, with a "did you mean" when a known key is
// close; every such error in the file is reported (see Error and ErrorList). The CLI turns
// them into exit code 2.
//
// Files are read with ReadFile, which opens only regular files: a directory, named pipe,
// socket or device under one of the names is an error that names it and says what it is
// ("pyproject.toml: is a named pipe, not a file"), never a hang; so is a directory that
// cannot be searched, which leaves it unknown whether the file is there. When a buttress.toml
// and a pyproject.toml with [tool.buttress] are in the same directory, the buttress.toml is
// read and Config.Warnings says that the table is ignored.
//
// # Extending
//
// A new key is a new field of Config with a `toml` tag; type checking and unknown-key
// detection come from the struct, by reflection. A section owned by another package (such as
// [[tool.buttress.contracts]]) is a field of type Deferred here, and that package decodes it
// into its own types with Config.Decode, with the same strict checks and positioned errors.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// File names.
const (
	ButtressTOML  = "buttress.toml"
	PyprojectTOML = "pyproject.toml"
)

// DefaultTargetVersion is the Python version assumed when target-version is not set.
const DefaultTargetVersion = "3.13"

// Supported Python versions: 3.MinMinor to 3.MaxMinor.
const (
	MinMinor = 8
	MaxMinor = 14
)

// DefaultExclude returns the excludes used when exclude is not set: Ruff's list, plus
// __pycache__. They are names without a slash, so each matches a file or directory of that
// name at any depth.
func DefaultExclude() []string {
	return []string{
		".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
		".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache",
		".svn", ".tox", ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out",
		"build", "dist", "node_modules", "site-packages", "venv",
	}
}

// Config is buttress's configuration.
type Config struct {
	// File is the configuration file read, absolute; "" when none was found.
	File string `toml:"-"`
	// Root is the absolute project root: the directory of the file found by Discover (or,
	// when none is found, of the closest pyproject.toml, else the start directory), or the
	// current directory for Load. Relative paths and globs in the configuration are relative
	// to it.
	Root string `toml:"-"`
	// Warnings are about the configuration but do not stop the run (a [tool.buttress] table
	// that a buttress.toml beside it shadows), for the CLI to print.
	Warnings []string `toml:"-"`

	// SourceRoots are the directories, relative to Root, under which module names are
	// computed; entries may be globs. Empty means the default: Root itself, and Root/src when
	// it is a directory.
	SourceRoots []string `toml:"source-roots" aka:"src,source,sources,roots,source-root"`
	// Exclude are globs of files and directories left out of the project. A glob without a
	// slash matches a name at any depth; one with a slash matches a path relative to Root.
	// DefaultExclude when not set.
	Exclude []string `toml:"exclude" aka:"excludes,ignore-paths"`
	// ExtendExclude are globs left out in addition to Exclude.
	ExtendExclude []string `toml:"extend-exclude" aka:"exclude-extend"`
	// RespectGitignore: leave out what .gitignore files and .git/info/exclude ignore.
	RespectGitignore bool `toml:"respect-gitignore" aka:"gitignore,use-gitignore"`
	// TargetVersion is the Python version, "3.N"; a "pyNN" value is stored as "3.N".
	TargetVersion string `toml:"target-version" aka:"python-version,python,py-version,version"`
	// CacheDir is the directory of the cache of file summaries, relative to Root; "" means
	// .buttress_cache (see internal/cache).
	CacheDir string `toml:"cache-dir" aka:"cache,cachedir,cache-directory"`
	// MaxFileSize is the size above which a file is reported and not read.
	MaxFileSize FileSize `toml:"max-file-size" aka:"max-size,file-size-limit,size-limit,max-bytes"`

	// Select lists the rules to run, by code ("TYP001"), code prefix ("TYP", "ERR00") or
	// name ("untyped-parameter"); empty means the rules that are on by default.
	Select []string `toml:"select" aka:"rules,enable"`
	// ExtendSelect adds rules to Select (or to the defaults).
	ExtendSelect []string `toml:"extend-select" aka:"extend-rules"`
	// Ignore removes rules from the selection, in the same notation; it wins over Select.
	Ignore []string `toml:"ignore" aka:"disable"`
	// PerFileIgnores maps file globs (relative to Root) to rules ignored in those files.
	PerFileIgnores map[string][]string `toml:"per-file-ignores"`
	// Tests, Migrations, Vendored and Generated name the files of those scopes and the rules
	// not run on them ([tool.buttress.tests], [tool.buttress.migrations], ...);
	// unset keys keep the defaults (the analysis package's DefaultTestFiles and the like, and
	// each rule's own scopes).
	Tests      ScopeConfig `toml:"tests" aka:"test,test-files,tests-files"`
	Migrations ScopeConfig `toml:"migrations" aka:"migration,migration-files"`
	Vendored   ScopeConfig `toml:"vendored" aka:"vendor,third-party,vendored-files"`
	Generated  ScopeConfig `toml:"generated" aka:"generated-files,autogenerated"`
	// Affected is [tool.buttress.affected]: the files `buttress affected` takes for tests, and
	// those whose change affects every test.
	Affected AffectedConfig `toml:"affected" aka:"affected-all,affected-tests,affected-test-files"`
	// Baseline is the baseline file (relative to Root): the findings a team has frozen, which
	// check hides. Default: buttress-baseline.json at the root.
	Baseline string `toml:"baseline" aka:"baseline-file"`
	// Rules holds per-rule options, [tool.buttress.rules.<name>]: the analysis package decodes
	// each table against its rule's options.
	Rules Deferred `toml:"rules"`
	// API is [tool.buttress.api]: the packages whose public API `buttress api` reads, and the
	// breaking changes a team has decided on.
	API APIConfig `toml:"api" aka:"public-api"`
	// Boundaries are module expressions (as contracts write them: "app.api", "app.*.views",
	// each with its submodules) naming the modules where data enters the system, for the BND
	// rules; unset means the top layer of the first layers contract. The CLI checks them.
	Boundaries []string `toml:"boundaries" aka:"boundary,boundary-modules,entry-points"`
	// Domain are module expressions naming the domain modules, whose signatures must not hold
	// framework types (BND004).
	Domain []string `toml:"domain" aka:"domain-modules,core"`
	// Library: the project is a library, whose public names are API that code outside it
	// uses. The rules that judge whether code is used (DEAD, PAT002) then leave public names
	// alone; a rule's own `library` option wins over this.
	Library bool `toml:"library" aka:"is-library,library-mode"`
	// Contracts holds the architecture contracts, [[tool.buttress.contracts]]: the contracts
	// package decodes them.
	Contracts Deferred `toml:"contracts" aka:"contract"`

	doc     *document
	section path // where the configuration is in doc: ["tool", "buttress"], or the root
	set     bool // whether the file had the section
}

// ScopeConfig is [tool.buttress.tests], [tool.buttress.migrations] or
// [tool.buttress.vendored]: which files are in the scope, and which rules are not run on them.
type ScopeConfig struct {
	// Files are globs relative to Root; a glob without a slash matches a file name.
	Files []string `toml:"files" aka:"paths,include,globs"`
	// Ignore lists rules by code, prefix or name.
	Ignore []string `toml:"ignore" aka:"exclude,disable"`
}

// AffectedConfig is [tool.buttress.affected]. Unset keys keep the affected package's
// defaults (DefaultTests, DefaultAll). Globs are relative to Root; a glob without a slash
// matches a file name.
type AffectedConfig struct {
	// Tests are the globs of the test files (pytest's python_files, for instance).
	Tests []string `toml:"tests" aka:"files,test-files,python-files,python_files"`
	// All are the globs of the files whose change affects every test.
	All []string `toml:"all" aka:"affected-all,affects-all,everything,global"`
}

// APIConfig is [tool.buttress.api].
type APIConfig struct {
	// Packages are the import names (or paths, "src/pkg") of the packages whose API is read,
	// in place of those of the build configuration.
	Packages []string `toml:"packages" aka:"package,modules,include"`
	// Exclude are modules left out of the API, with their submodules: dotted names or
	// patterns ("pkg.internal", "pkg.*.testing").
	Exclude []string `toml:"exclude" aka:"excludes,ignore,private"`
	// Allow are breaking changes decided on: `api diff` does not report them.
	Allow []APIAllow `toml:"allow" aka:"allowed,allow-list,allowlist,accept"`
}

// APIAllow is one entry of [tool.buttress.api] allow.
type APIAllow struct {
	// Symbol is the public dotted path of the object, as `api diff` reports it ("pkg.old_fn",
	// "pkg.Client.send(timeout)"); a path ending in ".*" allows everything below it.
	Symbol string `toml:"symbol" aka:"name,path,object"`
	// Reason says why the break is accepted; required.
	Reason string `toml:"reason" aka:"why,comment,note"`
}

// Default returns the default configuration for a project rooted at root.
func Default(root string) *Config {
	return &Config{
		Root:             root,
		Exclude:          DefaultExclude(),
		RespectGitignore: true,
		TargetVersion:    DefaultTargetVersion,
		MaxFileSize:      DefaultMaxFileSize,
	}
}

// Discover finds the configuration for startDir, a directory: see the package
// documentation. A file that cannot be read or parsed on the way is an error, since it
// cannot be told whether it configures buttress; so is anything but a regular file under one
// of the names (a directory, a named pipe), and a directory that cannot be searched.
func Discover(startDir string) (*Config, error) {
	start, err := filepath.Abs(startDir)
	if err != nil {
		return nil, err
	}
	root := ""                     // the directory of the closest pyproject.toml, with or without the table
	target := DefaultTargetVersion // from that file's requires-python
	for dir := start; ; {
		c, err := readFile(filepath.Join(dir, ButtressTOML), dir, false, "buttress reads its configuration from it")
		if err == nil {
			c.Warnings = append(c.Warnings, shadowed(dir)...)
			return c, nil
		}
		if err != errNotExist {
			return nil, err
		}
		c, err = readFile(filepath.Join(dir, PyprojectTOML), dir, true, "buttress reads its configuration from it")
		switch {
		case err == errNotExist:
		case err != nil || c.set:
			return c, err
		case root == "":
			root, target = dir, c.TargetVersion
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if root == "" {
		root = start
	}
	c := Default(root)
	c.TargetVersion = target
	return c, nil
}

// shadowed warns when the pyproject.toml beside the buttress.toml found in dir has a
// [tool.buttress] table too: it is not read, which its author may not know. A pyproject.toml
// that cannot be read or parsed says nothing here (the readers of other tools' tables in it
// report that).
func shadowed(dir string) []string {
	p := filepath.Join(dir, PyprojectTOML)
	data, err := ReadFile(p)
	if err != nil {
		return nil
	}
	doc, err := parseDocument(displayPath(p), data)
	if err != nil {
		return nil
	}
	if _, ok := doc.lookup(path{"tool", "buttress"}); !ok {
		return nil
	}
	return []string{fmt.Sprintf("%s and [tool.buttress] in %s are both in %s: %s is used and [tool.buttress] is ignored (settings are never merged): move what it sets into %s and delete it",
		ButtressTOML, PyprojectTOML, displayDir(dir), ButtressTOML, ButtressTOML)}
}

// Load reads the configuration file at path (the --config flag): see the package
// documentation. The project root is the current directory.
func Load(path string) (*Config, error) {
	if path == "" {
		return nil, errors.New("no configuration file named: the name is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	c, err := readFile(abs, cwd, filepath.Base(abs) == PyprojectTOML, "given with --config")
	if err == errNotExist {
		return nil, &Error{File: displayPath(abs), Msg: "cannot read the configuration given with --config: the file does not exist"}
	}
	return c, err
}

// errNotExist is what readFile returns for a file that does not exist.
var errNotExist = errors.New("file does not exist")

// readFile reads and parses the configuration file at abs; errNotExist when there is none.
// An error about the file itself ends with why, in parentheses.
func readFile(abs, root string, pyproject bool, why string) (*Config, error) {
	data, err := ReadFile(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNotExist
	}
	if err != nil {
		e := FileErrorAt(err, displayPath(abs))
		if e.File == displayPath(abs) {
			e.Msg += " (" + why + ")"
		}
		return nil, e
	}
	c, err := parse(displayPath(abs), data, pyproject)
	if err != nil {
		return nil, err
	}
	c.File, c.Root = abs, root
	if err := c.checkRoots(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkRoots refuses the source roots that lead outside the project (see Outside), at their
// lines: buttress would walk whatever they lead to ("../../.." or "/etc": the machine).
func (c *Config) checkRoots() error {
	var errs []*Error
	for i, r := range c.SourceRoots {
		if why := Outside(c.Root, r); why != "" {
			errs = append(errs, c.Errorf(fmt.Sprintf("source-roots[%d]", i),
				"\"source-roots\": %q %s: buttress reads the project's files only: give a directory inside it, or check that code as a project of its own", r, why))
		}
	}
	return errorsOf(errs)
}

// FileErrorAt turns an error from ReadFile into an *Error: shown is how the file is named
// in errors, and the directory at fault, if any, is named from it.
func FileErrorAt(err error, shown string) *Error {
	var fe *FileError
	if errors.As(err, &fe) {
		return &Error{File: fe.Shown(shown), Msg: fe.Why}
	}
	return &Error{File: shown, Msg: "cannot read: " + errText(err)}
}

// displayDir is displayPath for a directory: "." for the current one.
func displayDir(abs string) string {
	if d := displayPath(abs); d != "" {
		return d
	}
	return "."
}

// displayPath names a file for errors as every path buttress prints: relative to the current
// directory, with ".." when it is not below it ("../pyproject.toml"); absolute when no
// relative path leads there.
func displayPath(abs string) string {
	if !filepath.IsAbs(abs) {
		return abs // named by the caller (Parse), already as the user should read it
	}
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, abs); err == nil {
			return rel
		}
	}
	return abs
}

// Parse reads a configuration from data already read: file names it in errors (and is its
// File), root is the project root. With pyproject, the configuration is the [tool.buttress]
// table, else the whole document.
func Parse(data []byte, file, root string, pyproject bool) (*Config, error) {
	c, err := parse(file, data, pyproject)
	if err != nil {
		return nil, err
	}
	c.File, c.Root = file, root
	if err := c.checkRoots(); err != nil {
		return nil, err
	}
	return c, nil
}

// parse reads a configuration from data; file names it in errors. With pyproject, the
// configuration is the [tool.buttress] table, else the whole document. The result has no
// File and Root.
func parse(file string, data []byte, pyproject bool) (*Config, error) {
	doc, err := parseDocument(file, data)
	if err != nil {
		return nil, err
	}
	c := Default("")
	c.doc = doc
	d := &decoder{doc: doc}
	if pyproject {
		minor, ok, err := requiresPython(doc)
		if err != nil {
			d.errs = append(d.errs, err)
		}
		if ok {
			c.TargetVersion = "3." + strconv.Itoa(minor)
		}
	}
	table := doc.root
	if pyproject {
		c.section = path{"tool", "buttress"}
		tool, ok := doc.root["tool"].(map[string]any)
		if !ok {
			return withErrors(c, d.errs)
		}
		v, ok := tool["buttress"]
		if !ok {
			return withErrors(c, d.errs)
		}
		if table, ok = v.(map[string]any); !ok {
			return nil, doc.errorAt(c.section, false, "%q must be a table, not %s", "buttress", tomlType(v))
		}
	}
	c.set = true
	if !pyproject {
		if tool, ok := doc.root["tool"].(map[string]any); ok && tool["buttress"] != nil {
			return nil, doc.errorAt(path{"tool"}, true,
				"unknown key %q: a %s holds the keys at its top level, without [tool.buttress] (that table is for pyproject.toml)", "tool", ButtressTOML)
		}
	}
	d.decode(c.section, table, reflect.ValueOf(c).Elem())
	c.validate(d)
	if err := errorsOf(d.errs); err != nil {
		return nil, err
	}
	return c, nil
}

// withErrors returns c, or the errors when there are any.
func withErrors(c *Config, errs []*Error) (*Config, error) {
	if err := errorsOf(errs); err != nil {
		return nil, err
	}
	return c, nil
}

// validate checks the values beyond their types.
func (c *Config) validate(d *decoder) {
	globs := func(list []string, key ...string) {
		if d.failedAt(c.section.with(key...)) {
			return
		}
		for i, g := range list {
			q := c.section.with(key...).with(index(i))
			switch {
			case strings.TrimSpace(g) == "":
				d.fail(q, false, "%s must not be empty", describe(q))
			case !doublestar.ValidatePattern(filepath.ToSlash(g)):
				d.fail(q, false, "%s is not a valid glob: %q", describe(q), g)
			}
		}
	}
	if v, _ := c.doc.lookup(c.section.with("source-roots")); isEmptyArray(v) {
		d.fail(c.section.with("source-roots"), false,
			"%q must list at least one directory (leave it out for the default: the project root, and src)", "source-roots")
	}
	globs(c.SourceRoots, "source-roots")
	globs(c.Tests.Files, "tests", "files")
	globs(c.Migrations.Files, "migrations", "files")
	globs(c.Vendored.Files, "vendored", "files")
	globs(c.Generated.Files, "generated", "files")
	globs(c.Exclude, "exclude")
	globs(c.Affected.Tests, "affected", "tests")
	globs(c.Affected.All, "affected", "all")
	globs(c.ExtendExclude, "extend-exclude")
	if !d.failedAt(c.section.with("per-file-ignores")) {
		for _, g := range sortedKeys(stringListKeys(c.PerFileIgnores)) {
			q := c.section.with("per-file-ignores", g)
			switch {
			case strings.TrimSpace(g) == "":
				d.fail(q, true, "a per-file-ignores glob must not be empty")
			case !doublestar.ValidatePattern(filepath.ToSlash(g)):
				d.fail(q, true, "%q is not a valid glob (per-file-ignores maps globs of files to the rules ignored in them)", g)
			}
		}
	}
	for i, a := range c.API.Allow {
		q := c.section.with("api", "allow", index(i))
		if d.failedAt(q) {
			continue
		}
		if strings.TrimSpace(a.Symbol) == "" {
			d.fail(q, false, "%s needs a symbol: the dotted path api diff reports, such as {symbol = \"pkg.old_fn\", reason = \"...\"}", describe(q))
		} else if strings.TrimSpace(a.Reason) == "" {
			d.fail(q, false, "%s (%s) needs a reason: say why the break is accepted, for whoever reads it next", describe(q), a.Symbol)
		}
	}
	if minor, ok := parseVersion(c.TargetVersion); ok {
		c.TargetVersion = "3." + strconv.Itoa(minor)
	} else {
		q := c.section.with("target-version")
		d.fail(q, false, "%s: unsupported Python version %q (supported: \"3.%d\" to \"3.%d\", or \"py3%d\" to \"py3%d\")",
			describe(q), c.TargetVersion, MinMinor, MaxMinor, MinMinor, MaxMinor)
	}
}

// stringListKeys returns m's keys as those of a map[string]any, for sortedKeys.
func stringListKeys(m map[string][]string) map[string]any {
	out := make(map[string]any, len(m))
	for k := range m {
		out[k] = nil
	}
	return out
}

func isEmptyArray(v any) bool {
	a, ok := v.([]any)
	return ok && len(a) == 0
}

// parseVersion accepts "3.N" and "py3N" for supported N.
func parseVersion(s string) (minor int, ok bool) {
	var digits string
	switch {
	case strings.HasPrefix(s, "3."):
		digits = s[2:]
	case strings.HasPrefix(s, "py3"):
		digits = s[3:]
	default:
		return 0, false
	}
	if digits == "" || len(digits) > 2 || digits[0] == '0' {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < MinMinor || n > MaxMinor {
		return 0, false
	}
	return n, true
}

// PythonVersion returns the target Python version.
func (c *Config) PythonVersion() (major, minor int) {
	if m, ok := parseVersion(c.TargetVersion); ok {
		return 3, m
	}
	m, _ := parseVersion(DefaultTargetVersion)
	return 3, m
}

// ExcludePatterns returns every exclude glob in force: Exclude, then ExtendExclude.
func (c *Config) ExcludePatterns() []string {
	out := make([]string, 0, len(c.Exclude)+len(c.ExtendExclude))
	out = append(out, c.Exclude...)
	return append(out, c.ExtendExclude...)
}

// table is the configuration's table as a Table, for the lookups both share.
func (c *Config) table() *Table {
	return &Table{File: displayPath(c.File), doc: c.doc, section: c.section, set: c.set && c.doc != nil}
}

// IsSet reports whether the configuration file sets key, a dotted path below the
// configuration's table ("source-roots", "rules.TYP001").
func (c *Config) IsSet(key string) bool { return c.table().IsSet(key) }

// Keys returns the sorted keys of the table at key, a dotted path below the configuration's
// table ("rules"); nil when the key is not set. A value there that is not a table is an error
// naming file, line and key.
func (c *Config) Keys(key string) ([]string, error) { return c.table().Keys(key) }

// Line returns the line of key, a dotted path below the configuration's table with [i]
// indexes ("contracts[2]"): where its key is written, or for an array element where its
// value starts; 0 when it is not in the file.
func (c *Config) Line(key string) int {
	if c.doc == nil {
		return 0
	}
	return c.table().Line(key)
}

// Suggest returns the candidate that name is most likely a typo of, or "" when none is close:
// for "did you mean" hints on names other packages check, such as rule names.
func Suggest(name string, candidates []string) string {
	return suggest(name, candidates, nil)
}

// TypeName names the TOML type of a value as go-toml decodes it ("a string", "an array"),
// for messages about values other packages check.
func TypeName(v any) string { return tomlType(v) }

// Decode decodes the value at key, a dotted path below the configuration's table (such as
// "contracts" or "rules.TYP001"; no segment may hold a dot), into the value into points to,
// with the same checks as the rest of the configuration: unknown keys (with a "did you
// mean") and wrong types are errors naming file, line and key. When the key is not set,
// into is left as it is (so it may hold defaults) and Decode returns nil.
func (c *Config) Decode(key string, into any) error { return c.table().Decode(key, into) }

// Errorf returns an error positioned at key, for checks a package makes on values it
// decoded with Decode. key is a dotted path below the configuration's table, in which "[i]"
// after a segment picks the i-th (0-based) element of an array: "contracts[1].layers[0]".
// The position is unknown (0) when the key is not in the file.
func (c *Config) Errorf(key string, format string, args ...any) *Error {
	q := c.section.with(splitKey(key)...)
	if c.doc == nil {
		table, k := splitTable(q)
		return &Error{File: displayPath(c.File), Table: table, Key: k, Msg: fmt.Sprintf(format, args...)}
	}
	return c.doc.errorAt(q, false, format, args...)
}

// splitKey splits a dotted key with optional [i] indexes into a path. A segment may be
// quoted as in TOML, for a key that holds dots or brackets: per-file-ignores."*.py"[0].
func splitKey(key string) path {
	var q path
	for key != "" {
		name, rest, quoted := unquoteKey(key)
		if !quoted {
			if i := strings.IndexAny(key, ".["); i >= 0 {
				name, rest = key[:i], key[i:]
			} else {
				name, rest = key, ""
			}
		}
		key = rest
		q = append(q, name)
		for strings.HasPrefix(key, "[") {
			num, after, ok := strings.Cut(key[1:], "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil {
				// not an index after all: keep it in the name, up to the next dot
				rest, tail, _ := strings.Cut(key, ".")
				q[len(q)-1] += rest
				key = "." + tail
				if tail == "" {
					key = ""
				}
				break
			}
			q = append(q, index(n))
			key = after
		}
		key = strings.TrimPrefix(key, ".")
	}
	return q
}

// unquoteKey reads a quoted key segment at the start of s: the key, and what follows it.
func unquoteKey(s string) (key, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			u, err := strconv.Unquote(s[:i+1])
			return u, s[i+1:], err == nil
		}
	}
	return "", "", false
}
