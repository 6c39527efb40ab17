package tach

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
)

// Config is tach's configuration, translated.
type Config struct {
	File        string   // relative to the project root
	SourceRoots []string // relative to the root, slash-separated; tach's default ["."] when not set
	Exclude     []string // tach's exclude globs, as written
	// RespectGitignore is false when tach reads the files .gitignore leaves out
	// (respect_gitignore = false): buttress should then read them too, unless its own
	// configuration says otherwise. nil when tach leaves them out (its default).
	RespectGitignore *bool
	Contracts        []contracts.Contract
}

// Load finds tach's configuration for the project at root: tach.toml, else the [tool.tach]
// table of pyproject.toml. It returns nil, nil when there is none. It also reads every
// tach.domain.toml below root, as tach does.
func Load(root string) (*Config, error) {
	p, err := loadProject(root)
	if err != nil || p == nil {
		return nil, err
	}
	p.loadDomains(root)
	return p.build()
}

// Parse reads a configuration from data; file is its name relative to root ("tach.toml" or
// "pyproject.toml"); pyproject says whether the tach table is [tool.tach]. It returns nil, nil
// for a pyproject.toml without [tool.tach]. It reads no other file: the modules and
// interfaces of tach.domain.toml files are Load's.
func Parse(data []byte, file string, pyproject bool) (*Config, error) {
	p, err := parseProject(data, file, pyproject)
	if err != nil || p == nil {
		return nil, err
	}
	return p.build()
}

// loadProject reads the project's file, where tach looks for it: tach.toml, else a
// pyproject.toml whose text mentions tool.tach.
func loadProject(root string) (*project, error) {
	data, err := config.ReadIfExists(root, "tach.toml", "tach's configuration")
	if err != nil {
		return nil, err
	}
	if data != nil {
		return parseProject(data, "tach.toml", false)
	}
	data, err = config.ReadIfExists(root, "pyproject.toml", "tach's configuration")
	if err != nil {
		return nil, err
	}
	if data != nil && bytes.Contains(data, []byte("tool.tach")) {
		p, err := parseProject(data, "pyproject.toml", true)
		if err != nil || p != nil {
			return p, err
		}
	}
	for _, old := range []string{"tach.yml", "tach.yaml"} {
		if _, err := os.Stat(filepath.Join(root, old)); err == nil {
			return nil, &config.Error{File: old, Msg: "this is the configuration format of old tach versions, which buttress does not read: " +
				"run any tach command once (tach converts it to tach.toml), then run buttress again"}
		}
	}
	return nil, nil
}

// The tables of tach's configuration, as tach reads them. A key that tach has and
// buttress cannot honour is still decoded, so that it is reported as not supported rather
// than as unknown.
type rawProject struct {
	Modules                    []rawModule     `toml:"modules"`
	Interfaces                 []rawInterface  `toml:"interfaces"`
	Layers                     []any           `toml:"layers"`
	Exclude                    []string        `toml:"exclude"`
	SourceRoots                *[]string       `toml:"source_roots"`
	IgnoreTypeCheckingImports  *bool           `toml:"ignore_type_checking_imports"`
	Exact                      bool            `toml:"exact"`
	ForbidCircularDependencies bool            `toml:"forbid_circular_dependencies"`
	LayersExplicitDependsOn    bool            `toml:"layers_explicit_depends_on"`
	IncludeStringImports       bool            `toml:"include_string_imports"`
	RespectGitignore           any             `toml:"respect_gitignore"`
	UseRegexMatching           bool            `toml:"use_regex_matching"`
	DisableLogging             bool            `toml:"disable_logging"`
	RootModule                 *string         `toml:"root_module"`
	Rules                      rawRules        `toml:"rules"`
	External                   rawExternal     `toml:"external"`
	Plugins                    rawPlugins      `toml:"plugins"`
	Cache                      config.Deferred `toml:"cache"`    // tach test's cache: nothing to check
	Map                        config.Deferred `toml:"map"`      // tach map's extra file dependencies
	Deadcode                   config.Deferred `toml:"deadcode"` // tach deadcode's settings
}

// rawModule is one [[modules]] entry, of tach.toml or of a tach.domain.toml.
type rawModule struct {
	Path                   *string   `toml:"path"`
	Paths                  *[]string `toml:"paths"`
	DependsOn              *[]any    `toml:"depends_on"`
	CannotDependOn         *[]any    `toml:"cannot_depend_on"`
	DependsOnExternal      *[]string `toml:"depends_on_external"`
	CannotDependOnExternal []string  `toml:"cannot_depend_on_external"`
	Layer                  *string   `toml:"layer"`
	Visibility             *[]string `toml:"visibility"`
	Utility                bool      `toml:"utility"`
	Unchecked              bool      `toml:"unchecked"`
	Strict                 bool      `toml:"strict"`
}

// rawDomainRoot is the [root] table of a tach.domain.toml: the domain's own module.
type rawDomainRoot struct {
	DependsOn              *[]any    `toml:"depends_on"`
	CannotDependOn         *[]any    `toml:"cannot_depend_on"`
	DependsOnExternal      *[]string `toml:"depends_on_external"`
	CannotDependOnExternal []string  `toml:"cannot_depend_on_external"`
	Layer                  *string   `toml:"layer"`
	Visibility             *[]string `toml:"visibility"`
	Utility                bool      `toml:"utility"`
	Unchecked              bool      `toml:"unchecked"`
}

// rawDomain is a tach.domain.toml.
type rawDomain struct {
	Root       *rawDomainRoot `toml:"root"`
	Modules    []rawModule    `toml:"modules"`
	Interfaces []rawInterface `toml:"interfaces"`
}

// rawDep is a dependency written as a table: { path = "a.b", deprecated = true }.
type rawDep struct {
	Path       *string `toml:"path"`
	Deprecated bool    `toml:"deprecated"`
}

// rawLayer is a layer written as a table: { name = "core", closed = true }.
type rawLayer struct {
	Name   *string `toml:"name"`
	Closed bool    `toml:"closed"`
}

type rawInterface struct {
	Expose     *[]string `toml:"expose"`
	From       *[]string `toml:"from"`
	Visibility *[]string `toml:"visibility"`
	DataTypes  *string   `toml:"data_types"`
	Exclusive  bool      `toml:"exclusive"`
}

type rawRules struct {
	UnusedIgnoreDirectives        *string `toml:"unused_ignore_directives"`
	RequireIgnoreDirectiveReasons *string `toml:"require_ignore_directive_reasons"`
	UnusedExternalDependencies    *string `toml:"unused_external_dependencies"`
	LocalImports                  *string `toml:"local_imports"`
}

type rawExternal struct {
	Exclude                 []string `toml:"exclude"`
	Rename                  []string `toml:"rename"`
	IncludeDependencyGroups bool     `toml:"include_dependency_groups"`
}

type rawPlugins struct {
	Django *struct {
		SettingsModule string `toml:"settings_module"`
	} `toml:"django"`
}

// rootModule is tach's name for the code that no module holds.
const rootModule = "<root>"

// A source is one file of tach's configuration: the project's file, or a tach.domain.toml.
type source struct {
	tbl    *config.Table
	file   string // as shown in errors and origins
	domain string // the domain's module path; "" for the project's file
}

// modulePath resolves the path of a module declared in the file: in a domain file, relative
// to the domain.
func (s *source) modulePath(p string) string {
	if s.domain == "" {
		return p
	}
	return s.domain + "." + p
}

// reference resolves a module named by depends_on, cannot_depend_on or visibility: in a
// domain file, "//a.b" is absolute, "<domain_root>" is the domain, anything else is relative.
func (s *source) reference(p string) string {
	switch {
	case s.domain == "":
		return p
	case strings.HasPrefix(p, "//"):
		return p[2:]
	case p == "<domain_root>":
		return s.domain
	}
	return s.domain + "." + p
}

// project is a configuration being read: the project's file, then the domain files.
type project struct {
	main *source
	raw  rawProject

	sourceRoots  []string
	excludeGlobs []string // exclude, as globs for Contract.ExcludePaths
	// excludeRegexps: exclude, with use_regex_matching = true (tach's older reading):
	// regular expressions matched at the start of paths relative to the root.
	excludeRegexps []*regexp.Regexp
	kinds          imports.KindSet
	extExclude     []string // external.exclude
	readIgnored    bool     // respect_gitignore = false: what .gitignore ignores is read too
	// The rules of tach's [rules] table that the checker applies: "error", "warn" or "off".
	localImports, unusedIgnores, missingReasons string
	rootTreatment                               string // root_module: "ignore" (the default), "allow", "dependenciesonly" or "forbid"

	modules    []*module
	interfaces []*ifaceEntry
	layers     []contracts.AllowedLayer

	errs []*config.Error
}

// fail adds an error about the value at key (a dotted path below the file's table, with [i]
// indexes); msg must name the key.
func (p *project) fail(s *source, key, msg string) {
	p.errs = append(p.errs, s.tbl.Errorf(key, "%s", msg))
}

// errorf adds an error about the value at key, the message prefixed with the key's name.
func (p *project) errorf(s *source, key, format string, args ...any) {
	p.fail(s, key, describeKey(key)+": "+fmt.Sprintf(format, args...))
}

// unsupported reports a key of tach's that buttress cannot honour: what it does in tach that
// buttress does not, and what to do about it.
func (p *project) unsupported(s *source, key, what, why, hint string) {
	p.fail(s, key, fmt.Sprintf("tach's %s is not supported by buttress: %s; %s", what, why, hint))
}

// addErr adds what Table.Decode returned.
func (p *project) addErr(err error) {
	var list config.ErrorList
	var one *config.Error
	switch {
	case errors.As(err, &list):
		p.errs = append(p.errs, list...)
	case errors.As(err, &one):
		p.errs = append(p.errs, one)
	case err != nil:
		p.errs = append(p.errs, &config.Error{File: p.main.file, Msg: err.Error()})
	}
}

// err returns the errors found, in file order, the project's file first; nil when none.
func (p *project) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	sort.SliceStable(p.errs, func(i, j int) bool {
		a, b := p.errs[i], p.errs[j]
		if a.File != b.File {
			if a.File == p.main.file || b.File == p.main.file {
				return a.File == p.main.file
			}
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	if len(p.errs) == 1 {
		return p.errs[0]
	}
	return config.ErrorList(p.errs)
}

// parseProject decodes the project's file and checks its settings. A file that cannot be
// decoded is an error at once; the other errors wait for build, so that all are reported.
func parseProject(data []byte, file string, pyproject bool) (*project, error) {
	section := ""
	if pyproject {
		section = "tool.tach"
	}
	tbl, err := config.ParseTable(data, file, section)
	if err != nil {
		return nil, err
	}
	if pyproject && !tbl.IsSet() {
		return nil, nil
	}
	p := &project{main: &source{tbl: tbl, file: file}}
	if err := tbl.Decode("", &p.raw); err != nil {
		p.addErr(err)
		return nil, p.err()
	}
	p.settings()
	p.addLayers()
	p.addModules(p.main, p.raw.Modules)
	p.addInterfaces(p.main, p.raw.Interfaces)
	return p, nil
}

// settings checks and translates the keys that are not modules, layers or interfaces.
func (p *project) settings() {
	s, r := p.main, &p.raw
	// Source roots: tach's default is the project root.
	p.sourceRoots = []string{"."}
	if r.SourceRoots != nil {
		p.sourceRoots = nil
		if len(*r.SourceRoots) == 0 {
			p.errorf(s, "source_roots", "the list is empty, so tach would find no module at all: list at least one directory (\".\" is the project root)")
		}
		for i, root := range *r.SourceRoots {
			key := fmt.Sprintf("source_roots[%d]", i)
			slash := filepath.ToSlash(root)
			switch {
			case strings.TrimSpace(root) == "":
				p.errorf(s, key, "a source root cannot be empty: write \".\" for the project root")
				continue
			case path.IsAbs(slash) || filepath.IsAbs(root):
				p.errorf(s, key, "%q is an absolute path: write it relative to the directory of %s", root, s.file)
				continue
			case config.Outside("", root) != "":
				p.errorf(s, key, "%q is outside the project root: buttress reads the project's files only, and takes tach's source roots as its own: give a directory inside the project", root)
				continue
			}
			if c := path.Clean(slash); !contains(p.sourceRoots, c) {
				p.sourceRoots = append(p.sourceRoots, c)
			}
		}
	}
	for i, pat := range r.Exclude {
		if r.UseRegexMatching {
			// tach anchors a pattern at the start of the path unless it is already.
			if !strings.HasPrefix(pat, "^") {
				pat = "^" + pat
			}
			re, err := regexp.Compile(pat)
			if err != nil {
				p.errorf(s, fmt.Sprintf("exclude[%d]", i), "%q is not a regular expression (use_regex_matching = true): %v", r.Exclude[i], reError(err))
				continue
			}
			p.excludeRegexps = append(p.excludeRegexps, re)
			continue
		}
		g, err := excludeGlob(pat)
		if err != nil {
			p.errorf(s, fmt.Sprintf("exclude[%d]", i), "%v", err)
			continue
		}
		p.excludeGlobs = append(p.excludeGlobs, g)
	}

	// Import kinds: tach leaves out imports under `if TYPE_CHECKING:` by default, and checks
	// imports inside functions unless rules.local_imports says otherwise.
	p.kinds = imports.Kinds(imports.KindModule, imports.KindFunction)
	if r.IgnoreTypeCheckingImports != nil && !*r.IgnoreTypeCheckingImports {
		p.kinds |= imports.Kinds(imports.KindTypeChecking)
	}
	rule := func(name string, v *string) string {
		if v == nil {
			return ""
		}
		switch *v {
		case "error", "warn", "off":
			return *v
		}
		msg := fmt.Sprintf("must be \"error\", \"warn\" or \"off\", not %q", *v)
		if near := config.Suggest(*v, []string{"error", "warn", "off"}); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		p.errorf(s, "rules."+name, "%s", msg)
		return ""
	}
	// rules.local_imports: "error" (the default) checks imports inside functions, "warn"
	// reports them as warnings (the checker turns their findings into warning lines), "off"
	// does not look at them.
	p.localImports = ruleOr(rule("local_imports", r.Rules.LocalImports), "error")
	if p.localImports == "off" {
		p.kinds &^= imports.Kinds(imports.KindFunction)
	}
	// tach-ignore comments: one that silences nothing is a warning by default; one without a
	// reason is fine by default.
	p.unusedIgnores = ruleOr(rule("unused_ignore_directives", r.Rules.UnusedIgnoreDirectives), "warn")
	p.missingReasons = ruleOr(rule("require_ignore_directive_reasons", r.Rules.RequireIgnoreDirectiveReasons), "off")
	// tach check-external's report of unused pyproject dependencies: not translated.
	rule("unused_external_dependencies", r.Rules.UnusedExternalDependencies)

	if r.IncludeStringImports {
		p.unsupported(s, "include_string_imports", `"include_string_imports" = true`,
			"buttress reads import statements only, not strings that look like module paths",
			"set it to false, or leave it out")
	}
	switch v := r.RespectGitignore.(type) {
	case nil:
	case bool:
		p.readIgnored = !v
	case string:
		if v != "if_git_repo" {
			p.errorf(s, "respect_gitignore", "must be true, false or \"if_git_repo\", not %q", v)
		}
	default:
		p.errorf(s, "respect_gitignore", "must be true, false or \"if_git_repo\"")
	}
	p.rootTreatment = "ignore"
	if r.RootModule != nil {
		switch *r.RootModule {
		case "ignore", "allow", "dependenciesonly", "forbid":
			p.rootTreatment = *r.RootModule
		default:
			msg := fmt.Sprintf("must be \"ignore\", \"allow\", \"dependenciesonly\" or \"forbid\", not %q", *r.RootModule)
			if near := config.Suggest(*r.RootModule, []string{"ignore", "allow", "dependenciesonly", "forbid"}); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			p.errorf(s, "root_module", "%s", msg)
		}
	}
	if r.Plugins.Django != nil {
		p.unsupported(s, "plugins.django", "Django plugin",
			"buttress does not read Django settings (INSTALLED_APPS and other dotted strings) as imports",
			"remove [plugins.django] to use this configuration with buttress")
	}
	// external.exclude names distributions or top-level modules: only the names that can be
	// modules matter to the external contracts.
	for _, name := range r.External.Exclude {
		if isIdentifier(name) {
			p.extExclude = append(p.extExclude, name)
		}
	}
}

// excludedByRegexp reports whether a path (relative to the root, slash-separated) is left out
// by use_regex_matching's patterns: the path, or a directory on its way, matches one.
func excludedByRegexp(res []*regexp.Regexp, rel string) bool {
	if len(res) == 0 {
		return false
	}
	for i := 0; i <= len(rel); i++ {
		if i < len(rel) && rel[i] != '/' {
			continue
		}
		for _, re := range res {
			if re.MatchString(rel[:i]) {
				return true
			}
		}
	}
	return false
}

func ruleOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
