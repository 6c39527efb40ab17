package importlinter

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/ini.v1"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
)

// Config is import-linter's configuration, translated.
type Config struct {
	File            string   // relative to the project root
	RootPackages    []string // root_package / root_packages
	IncludeExternal bool     // include_external_packages
	// SourceRoots are the directories (relative to the project root, as written) where
	// import-linter finds the root packages: its source_roots, nil when not set.
	SourceRoots []string
	Contracts   []contracts.Contract
	// Warnings are about the top-level section, and about contracts that are not checked
	// (custom types); they are also the first warnings of the first contract, so that they
	// are reported with its result.
	Warnings []string
}

// Load finds import-linter's configuration for the project at root, where import-linter looks
// for it: the first of setup.cfg and .importlinter that has a section named importlinter,
// else the [tool.importlinter] table of pyproject.toml when it is not empty. It returns nil, nil
// when there is none.
func Load(root string) (*Config, error) {
	var orphan *config.Error
	for _, name := range []string{"setup.cfg", ".importlinter"} {
		data, err := config.ReadIfExists(root, name, "import-linter's configuration")
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		cfg, o, err := parseINI(data, name)
		if err != nil || cfg != nil {
			return cfg, err
		}
		if orphan == nil {
			orphan = o
		}
	}
	data, err := config.ReadIfExists(root, "pyproject.toml", "import-linter's configuration")
	if err != nil {
		return nil, err
	}
	if data != nil {
		if cfg, err := ParseTOML(data, "pyproject.toml"); err != nil || cfg != nil {
			return cfg, err
		}
	}
	if orphan != nil {
		return nil, orphan
	}
	return nil, nil
}

// ParseINI reads import-linter's configuration from an INI file (setup.cfg or .importlinter)
// named file, as shown in errors and in each contract's Origin. It returns nil, nil when the
// file has no section named importlinter: import-linter then looks at the next file. In a file
// named setup.cfg, syntax errors are reported only when the file has an [importlinter...]
// section header somewhere: a setup.cfg that configparser cannot read is another tool's
// problem.
func ParseINI(data []byte, file string) (*Config, error) {
	cfg, _, err := parseINI(data, file)
	return cfg, err
}

// parseINI is ParseINI; orphan, when the file has contract sections but no [importlinter]
// section, is the error to report if no other file has import-linter's configuration.
func parseINI(data []byte, file string) (cfg *Config, orphan *config.Error, err error) {
	f, serr := scanINI(data, file)
	if serr != nil {
		if filepath.Base(file) != "setup.cfg" {
			return nil, nil, serr
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "[importlinter") {
				return nil, nil, serr
			}
		}
		return nil, nil, nil
	}
	main := f.byName["importlinter"]
	var secs []*iniSection
	for _, s := range f.sections {
		if strings.HasPrefix(s.name, "importlinter:") {
			secs = append(secs, s)
		}
	}
	if main == nil {
		if len(secs) > 0 {
			orphan = &config.Error{File: file, Line: secs[0].line, Table: secs[0].name,
				Msg: "import-linter contract in a file without an [importlinter] section: import-linter skips such a file; add [importlinter] with root_package"}
		}
		return nil, orphan, nil
	}
	read := append([]*iniSection{main}, secs...)
	if f.defaults != nil {
		read = append([]*iniSection{f.defaults}, read...)
	}
	values, errs := f.readIni(read)
	r := &reader{errs: errs}
	if len(errs) > 0 {
		return nil, nil, r.err()
	}
	session := f.section(r, main, values)
	var contractSecs []*section
	for _, s := range secs {
		// The contract's id is the text after the last ":" of the section name (or its id
		// key); the model has no place for it.
		contractSecs = append(contractSecs, f.section(r, s, values))
	}
	cfg = r.build(file, session, contractSecs)
	if err := r.err(); err != nil {
		return nil, nil, err
	}
	return cfg, nil, nil
}

// section turns a scanned INI section into options: values interpolated, [DEFAULT] values
// added, each list item with its line.
func (f *iniFile) section(r *reader, s *iniSection, values map[string]map[string]string) *section {
	out := &section{name: s.name, line: s.line, opts: map[string]*option{}, list: iniList, top: "[importlinter]", truth: "True or False"}
	own, defaults := values[s.name], values[ini.DefaultSection]
	lookup := func(k string) (string, bool) {
		if v, ok := own[k]; ok {
			return v, true
		}
		v, ok := defaults[k]
		return v, ok
	}
	add := func(o *iniOption, inherited bool) {
		raw, _ := lookup(o.key)
		v, err := interpolate(raw, lookup, 1)
		opt := &option{key: o.key, line: o.line, inherited: inherited}
		out.opts[o.key] = opt
		out.keys = append(out.keys, o.key)
		if err != nil {
			opt.bad = true
			r.errs = append(r.errs, &config.Error{File: f.file, Line: o.line, Table: s.name, Key: o.key, Msg: fmt.Sprintf("%s: %v", o.key, err)})
			return
		}
		if !strings.Contains(v, "\n") {
			opt.items = []string{v}
			return
		}
		opt.list = true
		opt.items = strings.Split(strings.TrimSpace(v), "\n")
		if v == o.value() {
			pieces := o.pieces
			for len(pieces) > 0 && pieces[0].text == "" {
				pieces = pieces[1:]
			}
			for i := range opt.items {
				opt.lines = append(opt.lines, pieces[i].line)
			}
		}
	}
	for _, o := range s.opts {
		add(o, false)
	}
	if f.defaults != nil && s != f.defaults {
		for _, o := range f.defaults.opts {
			if _, ok := own[o.key]; !ok {
				add(o, true)
			}
		}
	}
	out.errorf = func(key string, item int, msg string) *config.Error {
		e := &config.Error{File: f.file, Line: s.line, Table: s.name, Key: key, Msg: msg}
		if o := out.opts[key]; o != nil {
			e.Line = o.line
			if item >= 0 && item < len(o.lines) {
				e.Line = o.lines[item]
			}
			if o.inherited {
				e.Msg += " (the value comes from [DEFAULT])"
			}
		}
		return e
	}
	return out
}

// iniList is what a list is called in INI files, for errors.
const iniList = "a value on several lines"

// option is one option as written, in either format.
type option struct {
	key string
	// items is the value: one item for a single value, one per line (INI) or element (TOML)
	// for a list.
	items []string
	list  bool   // written as a list: an INI value on several lines, a TOML array
	kind  string // TOML: the type of a value that is not a string or an array ("a boolean")
	line  int    // the key's line
	lines []int  // each item's line, when known
	// inherited: an INI value from [DEFAULT], which applies to every section.
	inherited bool
	bad       bool // already reported
}

// section is the [importlinter] section or one contract, in either format.
type section struct {
	name   string // the INI section, the TOML table
	line   int
	opts   map[string]*option
	keys   []string // in file order
	list   string   // what a list is called in this format, for errors
	top    string   // the top-level section, for errors: "[importlinter]"
	truth  string   // how to write the booleans, for errors: "True or False"
	errorf func(key string, item int, msg string) *config.Error
}

// reader collects errors and warnings while translating.
type reader struct {
	errs []*config.Error
	// warns holds, per section, what import-linter would take without a word and that
	// buttress says: an option nothing reads, a list that checks nothing.
	warns map[*section][]string
	// lines holds where each module of the contract being read is written.
	lines map[string]int
}

// line records where module m is written, for errors about it found when checking.
func (r *reader) line(m string, line int) {
	if _, ok := r.lines[m]; !ok && line > 0 {
		r.lines[m] = line
	}
}

// warnf records a warning about key (and item) of section s: where import-linter goes on, so
// that buttress gives its verdict, but the configuration likely does not say what was meant.
func (r *reader) warnf(s *section, key string, item int, format string, args ...any) {
	if r.warns == nil {
		r.warns = map[*section][]string{}
	}
	r.warns[s] = append(r.warns[s], s.errorf(key, item, fmt.Sprintf(format, args...)).Error())
}

func (r *reader) failf(s *section, key string, item int, format string, args ...any) {
	if o := s.opts[key]; o != nil && item < 0 {
		o.bad = true
	}
	r.errs = append(r.errs, s.errorf(key, item, fmt.Sprintf(format, args...)))
}

// err returns the errors found, in file order: nil, one *config.Error or a config.ErrorList.
func (r *reader) err() error {
	switch len(r.errs) {
	case 0:
		return nil
	case 1:
		return r.errs[0]
	}
	sort.SliceStable(r.errs, func(i, j int) bool {
		if r.errs[i].Line != r.errs[j].Line {
			return r.errs[i].Line < r.errs[j].Line
		}
		return r.errs[i].Col < r.errs[j].Col
	})
	return config.ErrorList(r.errs)
}

// Contract types and their options.
const (
	typeForbidden    = "forbidden"
	typeLayers       = "layers"
	typeIndependence = "independence"
	typeProtected    = "protected"
	typeAcyclic      = "acyclic_siblings"
)

var (
	sessionOptions = []string{"root_package", "root_packages", "include_external_packages",
		"exclude_type_checking_imports", "contract_types", "source_roots"}
	commonOptions = []string{"id", "name", "type", "ignore_imports",
		"unmatched_ignore_imports_alerting", "broken_contract_guidance"}
	typeOptions = map[string][]string{
		typeForbidden:    {"source_modules", "forbidden_modules", "allow_indirect_imports", "as_packages"},
		typeLayers:       {"layers", "containers", "exhaustive", "exhaustive_ignores"},
		typeIndependence: {"modules"},
		typeProtected:    {"protected_modules", "allowed_importers", "as_packages"},
		typeAcyclic:      {"ancestors", "depth", "skip_descendants"},
	}
	typeNames = []string{typeForbidden, typeLayers, typeIndependence, typeProtected, typeAcyclic}
)

// session is what the [importlinter] section says.
type session struct {
	roots           []string
	rootsKey        string // root_package or root_packages, as written
	rootsLine       int    // where it is written
	sourceRoots     []string
	includeExternal bool
	// externalsAllowed: include_external_packages is "true" in any case, which is what the
	// forbidden contract checks before it takes external forbidden modules (though the
	// graph has external packages only for "True" and "true").
	externalsAllowed bool
	excludeTC        bool
	custom           map[string]string // custom contract types: name -> class
}

// build translates the sections.
func (r *reader) build(file string, ss *section, cs []*section) *Config {
	if r.warns == nil {
		r.warns = map[*section][]string{}
	}
	sess := r.session(ss)
	cfg := &Config{File: file, RootPackages: sess.roots, IncludeExternal: sess.includeExternal, SourceRoots: sess.sourceRoots}
	var custom []*section
	for _, s := range cs {
		if c, ok := r.contract(file, s, sess); ok {
			c.Warnings = append(c.Warnings, r.warns[s]...)
			cfg.Contracts = append(cfg.Contracts, c)
		} else {
			// A contract that is not checked (a custom type) still has its say.
			r.warns[ss] = append(r.warns[ss], r.warns[s]...)
			if o := s.opts["type"]; o != nil && len(o.items) == 1 && sess.custom[o.items[0]] != "" {
				custom = append(custom, s)
			}
		}
	}
	if len(cfg.Contracts) == 0 && len(custom) > 0 && len(r.errs) == 0 {
		// Nothing to check at all: say so rather than pass in silence.
		for _, s := range custom {
			typ, name := s.opts["type"].items[0], ""
			if o := s.opts["name"]; o != nil && len(o.items) == 1 {
				name = o.items[0]
			}
			r.failf(s, "type", -1, "contract %q is not checked: its type %q is a custom contract type (%s, from contract_types), a Python class that buttress cannot run; no contract of this configuration is one buttress can check", name, typ, sess.custom[typ])
		}
	}
	cfg.Warnings = r.warns[ss]
	// Warnings about the top-level section, and about contracts that are not checked, go
	// with the first contract: they are reported when the contracts are checked.
	if len(cfg.Contracts) > 0 {
		c := &cfg.Contracts[0]
		c.Warnings = append(slices.Clone(r.warns[ss]), c.Warnings...)
	}
	return cfg
}

func (r *reader) session(s *section) *session {
	sess := &session{}
	for _, k := range s.keys {
		if s.opts[k].inherited || slicesContains(sessionOptions, k) {
			continue
		}
		if owner := optionOwner(k); owner != "" {
			r.warnf(s, k, -1, "%q is a contract option (of %s contracts), not a top-level one: it does nothing here (import-linter ignores it too); move it into a contract", k, owner)
			continue
		}
		r.warnf(s, k, -1, "unknown option %q%s: it does nothing (import-linter ignores it too)", k, didYouMean(k, sessionOptions))
	}
	one, many := s.opts["root_package"], s.opts["root_packages"]
	switch {
	case one != nil && many != nil:
		r.warnf(s, "root_package", -1, "root_package is ignored: root_packages is set too, and import-linter uses root_packages only; remove one of them")
		fallthrough
	case many != nil:
		sess.rootsKey, sess.rootsLine = "root_packages", many.line
		items, _ := r.list(s, "root_packages")
		for _, it := range items {
			if err := plainModule(it.text); err != nil {
				r.failf(s, "root_packages", it.i, "root_packages: %v%s", err, commentHint(s, it.text))
				continue
			}
			sess.roots = append(sess.roots, it.text)
		}
		if len(items) == 0 && !many.bad {
			r.failf(s, "root_packages", -1, "root_packages is empty: name the packages to check")
		}
	case one != nil:
		sess.rootsKey, sess.rootsLine = "root_package", one.line
		if v, ok := r.str(s, "root_package"); ok {
			if err := plainModule(v); err != nil {
				r.failf(s, "root_package", -1, "root_package: %v%s", err, commentHint(s, v))
			} else {
				sess.roots = []string{v}
			}
		}
	default:
		r.failf(s, "", -1, "no root_package: import-linter needs root_package (or root_packages) in %s to know which packages to check", s.top)
	}
	sess.includeExternal = r.sessionFlag(s, "include_external_packages")
	if o := s.opts["include_external_packages"]; o != nil && !o.list && len(o.items) == 1 {
		sess.externalsAllowed = strings.EqualFold(o.items[0], "true")
	}
	sess.excludeTC = r.sessionFlag(s, "exclude_type_checking_imports")
	if items, ok := r.list(s, "contract_types"); ok {
		sess.custom = map[string]string{}
		for _, it := range items {
			name, class, _ := strings.Cut(it.text, ":")
			name, class = strings.TrimSpace(name), strings.TrimSpace(class)
			sess.custom[name] = class
		}
	}
	// source_roots says where to find the root packages: the project takes them as its source
	// roots unless buttress's configuration sets its own.
	if items, ok := r.list(s, "source_roots"); ok {
		for _, it := range items {
			if why := config.Outside("", it.text); why != "" {
				r.failf(s, "source_roots", it.i, "source_roots: %q %s: buttress reads the project's files only, and takes import-linter's source roots as its own: give a directory inside the project", it.text, why)
				continue
			}
			sess.sourceRoots = append(sess.sourceRoots, it.text)
		}
	}
	return sess
}

// optionOwner returns the contract types that have option k, "" for none.
func optionOwner(k string) string {
	if slicesContains(commonOptions, k) {
		return "all"
	}
	var owners []string
	for _, t := range typeNames {
		if slicesContains(typeOptions[t], k) {
			owners = append(owners, t)
		}
	}
	return strings.Join(owners, " and ")
}

func (r *reader) contract(file string, s *section, sess *session) (contracts.Contract, bool) {
	c := contracts.Contract{Origin: contracts.Origin{Tool: contracts.FromImportLinter, File: file, Line: s.line}}
	typ, hasType := r.str(s, "type")
	name, hasName := r.str(s, "name")
	if s.opts["name"] == nil {
		r.failf(s, "", -1, "the contract has no name: import-linter requires one")
	} else if hasName && strings.TrimSpace(name) == "" {
		// import-linter takes an empty name, and reports the contract without one.
		name = "(no name: " + s.name + ")"
		r.warnf(s, "name", -1, "name is empty: findings call the contract %q; give it a name, which is how its violations are reported", name)
	}
	c.Name = name
	if s.opts["type"] == nil {
		r.failf(s, "", -1, "the contract has no type: set type to one of %s", strings.Join(typeNames, ", "))
	}
	if !hasType || !hasName {
		return c, false
	}
	own, known := typeOptions[typ]
	if !known {
		if class, ok := sess.custom[typ]; ok {
			r.warnf(s, "type", -1, "contract %q is not checked: its type %q is a custom contract type (%s, from contract_types), a Python class that buttress cannot run; lint-imports still checks it", name, typ, class)
		} else {
			r.failf(s, "type", -1, "unknown contract type %q%s: import-linter's contract types are %s", typ, didYouMean(typ, typeNames), strings.Join(typeNames, ", "))
		}
		return c, false
	}
	allowed := append(append([]string{}, commonOptions...), own...)
	for _, k := range s.keys {
		if slicesContains(allowed, k) || s.opts[k].inherited {
			continue
		}
		if owner := optionOwner(k); owner != "" {
			r.warnf(s, k, -1, "%s contracts have no option %q (it is an option of %s contracts): it does nothing here (import-linter ignores it too)", typ, k, owner)
		} else if slicesContains(sessionOptions, k) {
			r.warnf(s, k, -1, "%q is a top-level option: it does nothing in a contract (import-linter ignores it too); it belongs in %s", k, s.top)
		} else {
			r.warnf(s, k, -1, "%s contracts have no option %q%s: it does nothing (import-linter ignores it too)", typ, k, didYouMean(k, allowed))
		}
	}
	n := len(r.errs)
	r.lines = map[string]int{}
	r.str(s, "id")
	if sess.excludeTC {
		c.Kinds = imports.Kinds(imports.KindModule, imports.KindFunction)
	} else {
		c.Kinds = imports.AllKinds
	}
	c.Within = slices.Clone(sess.roots)
	c.Grimp = &contracts.GrimpGraph{IncludeExternal: sess.includeExternal,
		RootsAt: contracts.Origin{Tool: contracts.FromImportLinter, File: file, Line: sess.rootsLine}}
	items, _ := r.list(s, "ignore_imports")
	for _, it := range items {
		ig, err := contracts.ParseIgnoreImport(it.text)
		if err == nil {
			from, to, _ := strings.Cut(it.text, "->")
			if err = wildcardOrder(strings.TrimSpace(from)); err == nil {
				err = wildcardOrder(strings.TrimSpace(to))
			}
		}
		if err != nil {
			r.failf(s, "ignore_imports", it.i, "ignore_imports: %v%s", err, commentHint(s, it.text))
			continue
		}
		ig.Line = it.line
		c.IgnoreImports = append(c.IgnoreImports, ig)
	}
	c.UnmatchedIgnores = r.alert(s, "unmatched_ignore_imports_alerting")
	c.Guidance = r.text(s, "broken_contract_guidance")
	switch typ {
	case typeForbidden:
		forbidden := r.external(s, "forbidden_modules", r.moduleItems(s, "forbidden_modules", true, nonEmpty), sess, true)
		c.Spec = &contracts.Forbidden{
			Sources:       r.modules(s, "source_modules", true, nonEmpty),
			Forbidden:     texts(forbidden),
			AllowIndirect: r.flag(s, "allow_indirect_imports", false),
			ExactModules:  !r.flag(s, "as_packages", true),
		}
	case typeLayers:
		c.Spec = r.layers(s, sess)
	case typeIndependence:
		c.Spec = &contracts.Independence{Modules: r.modules(s, "modules", true, nonEmpty)}
	case typeProtected:
		protected := r.external(s, "protected_modules", r.moduleItems(s, "protected_modules", true, nonEmpty), sess, false)
		c.Spec = &contracts.Protected{
			Modules:          texts(protected),
			AllowedImporters: r.modules(s, "allowed_importers", true, required),
			ExactModules:     !r.flag(s, "as_packages", true),
		}
	case typeAcyclic:
		spec := &contracts.Acyclic{
			Packages:        r.modules(s, "ancestors", true, nonEmpty),
			Depth:           r.integer(s, "depth", 10) + 1,
			SkipDescendants: r.modules(s, "skip_descendants", true, optional),
		}
		for _, skip := range spec.SkipDescendants {
			if slicesContains(spec.Packages, skip) {
				r.failf(s, "skip_descendants", -1, "skip_descendants: %q is also in ancestors: an ancestor cannot be skipped (import-linter rejects this too)", skip)
			}
		}
		c.Spec = spec
	}
	c.Lines = r.lines
	return c, len(r.errs) == n
}

func (r *reader) layers(s *section, sess *session) *contracts.Layers {
	containers := r.moduleItems(s, "containers", true, optional)
	spec := &contracts.Layers{
		Containers: texts(containers),
		Exhaustive: r.flag(s, "exhaustive", false),
	}
	items, ok := r.list(s, "layers")
	if !ok && s.opts["layers"] == nil {
		r.failf(s, "", -1, "the contract has no layers: list them from the highest to the lowest%s", r.misspelt(s, "layers"))
	} else if len(items) == 0 && ok {
		r.warnf(s, "layers", -1, "layers is empty: the contract checks nothing (import-linter takes it so too); list the layers from the highest to the lowest")
	}
	for _, it := range items {
		l, err := parseLayer(it.text)
		if err != nil {
			r.failf(s, "layers", it.i, "layers: %v%s", err, commentHint(s, it.text))
			continue
		}
		for _, m := range l.Modules {
			r.line(m, it.line)
		}
		spec.Layers = append(spec.Layers, l)
	}
	for _, it := range containers {
		if !strings.Contains(it.text, "*") && len(sess.roots) > 0 && !withinAny(it.text, sess.roots) {
			r.failf(s, "containers", it.i, "containers: %q is not inside the root packages (%s): a container must be a root package or one of its subpackages (import-linter rejects this too)", it.text, strings.Join(sess.roots, ", "))
		}
	}
	ignores, _ := r.list(s, "exhaustive_ignores")
	for _, it := range ignores {
		if err := plainModule(it.text); err != nil || strings.Contains(it.text, ".") {
			r.warnf(s, "exhaustive_ignores", it.i, "exhaustive_ignores: %q is not the name of a child of a container, so it ignores nothing (import-linter compares it with the last part of each child's name); write names such as \"utils\", without dots or wildcards", it.text)
			continue
		}
		spec.ExhaustiveIgnores = append(spec.ExhaustiveIgnores, it.text)
	}
	if written, _ := r.list(s, "containers"); spec.Exhaustive && len(written) == 0 && (s.opts["containers"] == nil || !s.opts["containers"].bad) {
		r.failf(s, "exhaustive", -1, "exhaustive needs containers: it requires every child of each container to be a layer, and this contract has no containers (import-linter rejects this too)")
	}
	if len(ignores) > 0 && !spec.Exhaustive {
		r.warnf(s, "exhaustive_ignores", -1, "exhaustive_ignores without exhaustive = %s does nothing (for import-linter either): set exhaustive = %s or remove it", strings.Fields(s.truth)[0], strings.Fields(s.truth)[0])
	}
	return spec
}

// parseLayer reads one line of layers as import-linter does: siblings separated by "|"
// (independent) or ":" (not), each optional when wrapped in parentheses.
func parseLayer(s string) (contracts.Layer, error) {
	sep := ""
	switch {
	case strings.Contains(s, "|") && strings.Contains(s, ":"):
		return contracts.Layer{}, fmt.Errorf("layer %q mixes \"|\" and \":\": separate independent siblings with \"|\", or siblings that may import each other with \":\", not both (import-linter rejects this too)", s)
	case strings.Contains(s, "|"):
		sep = "|"
	case strings.Contains(s, ":"):
		sep = ":"
	}
	tails := []string{s}
	if sep != "" {
		tails = strings.Split(s, sep)
	}
	var names, optionalNames []string
	for _, t := range tails {
		t = strings.TrimSpace(t)
		if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
			t = t[1 : len(t)-1]
			optionalNames = append(optionalNames, strings.TrimSpace(t))
		}
		if strings.ContainsAny(t, "()") {
			// import-linter wraps each module, not the line: in "(a | b)" it reads the modules
			// "(a" and "b)", which do not exist.
			return contracts.Layer{}, fmt.Errorf("layer %q: import-linter makes a module optional when the module itself is in parentheses, "+
				"as in \"(a) | (b)\"; it reads %q as a module name", s, strings.TrimSpace(t))
		}
		names = append(names, t)
	}
	if sep == "" {
		sep = "|"
	}
	text := strings.Join(names, " "+sep+" ")
	some := len(optionalNames) > 0 && len(optionalNames) < len(names)
	if len(optionalNames) > 0 && !some {
		text = "(" + text + ")"
	}
	l, err := contracts.ParseLayer(text)
	if err == nil && some {
		// "(a) | b": a may be missing, b may not.
		for _, m := range optionalNames {
			l.OptionalModules = append(l.OptionalModules, strings.TrimSpace(m))
		}
	}
	return l, err
}

// external checks the modules of key that are outside the root packages: import-linter sees
// them only with include_external_packages, and only by their top-level name.
func (r *reader) external(s *section, key string, items []item, sess *session, ilRejects bool) []item {
	too := ""
	if ilRejects {
		too = " (import-linter rejects this too)"
	}
	if len(sess.roots) == 0 {
		return items
	}
	var out []item
	for _, it := range items {
		m := strings.TrimSpace(it.text)
		if withinAny(m, sess.roots) || wildcardInside(m, sess.roots) {
			out = append(out, it)
			continue
		}
		top, _, dotted := strings.Cut(m, ".")
		switch {
		case strings.Contains(top, "*"):
			// "*.x" can match first-party modules; the engine resolves it.
			out = append(out, it)
		case strings.Contains(m, "*"):
			r.warnf(s, key, it.i, "%s: %q can only match modules of %q, which is outside the root packages (%s): import-linter knows an external package only by its top-level name, so this matches nothing and checks nothing; write %q", key, m, top, strings.Join(sess.roots, ", "), top)
		case !sess.includeExternal && !(ilRejects && sess.externalsAllowed):
			r.failf(s, key, it.i, "%s: %q is outside the root packages (%s): set include_external_packages = %s in %s for import-linter to see imports of external packages%s", key, m, strings.Join(sess.roots, ", "), strings.Fields(s.truth)[0], s.top, too)
		case dotted:
			r.failf(s, key, it.i, "%s: %q is inside the external package %q: import-linter knows an external package only by its top-level name; write %q%s", key, m, top, top, too)
		default:
			out = append(out, it)
		}
	}
	return out
}

// wildcardInside reports whether expression e, with wildcards, may match modules inside the
// root packages: its segments up to the first wildcard are a root package, a module inside
// one, or an ancestor of one.
func wildcardInside(e string, roots []string) bool {
	if !strings.Contains(e, "*") {
		return false
	}
	var lit []string
	for _, seg := range strings.Split(e, ".") {
		if strings.Contains(seg, "*") {
			break
		}
		lit = append(lit, seg)
	}
	prefix := strings.Join(lit, ".")
	for _, root := range roots {
		if prefix == "" || imports.Within(prefix, root) || imports.Within(root, prefix) {
			return true
		}
	}
	return false
}

func withinAny(m string, roots []string) bool {
	for _, root := range roots {
		if imports.Within(m, root) {
			return true
		}
	}
	return false
}

// item is one element of a list.
type item struct {
	text string
	i    int // index in the option's items, for positions
	line int
}

// list reads a list option; blank items are left out, as import-linter does. ok is false
// when the option is not set or not a list of strings.
func (r *reader) list(s *section, key string) ([]item, bool) {
	o := s.opts[key]
	if o == nil || o.bad {
		return nil, false
	}
	if o.kind != "" {
		r.failf(s, key, -1, "%s must be a list of strings, not %s", key, o.kind)
		return nil, false
	}
	var out []item
	for i, t := range o.items {
		if strings.TrimSpace(t) == "" {
			continue
		}
		it := item{text: t, i: i, line: o.line}
		if i < len(o.lines) {
			it.line = o.lines[i]
		}
		out = append(out, it)
	}
	return out, true
}

// Whether a list of modules must be given, and not be empty.
const (
	optional = iota
	required
	nonEmpty
)

// modules reads a list of module expressions.
func (r *reader) modules(s *section, key string, wildcards bool, need int) []string {
	return texts(r.moduleItems(s, key, wildcards, need))
}

func texts(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.text)
	}
	return out
}

// moduleItems reads a list of module expressions; it returns the valid ones.
func (r *reader) moduleItems(s *section, key string, wildcards bool, need int) []item {
	items, ok := r.list(s, key)
	if !ok && s.opts[key] == nil {
		if need != optional {
			r.failf(s, "", -1, "the contract has no %s: import-linter requires it%s", key, r.misspelt(s, key))
		}
		return nil
	}
	if ok && len(items) == 0 && need == nonEmpty {
		r.warnf(s, key, -1, "%s is empty: the contract checks nothing (import-linter takes it so too)", key)
	}
	var out []item
	for _, it := range items {
		err := contracts.ValidExpression(it.text)
		if err == nil && wildcards {
			err = wildcardOrder(it.text)
		}
		if err == nil && !wildcards && strings.Contains(it.text, "*") {
			err = fmt.Errorf("%q: import-linter does not take wildcards here", it.text)
		}
		if err != nil && key == "forbidden_modules" && !strings.Contains(it.text, "*") {
			// import-linter takes any text here, and skips a forbidden module that is not
			// in its graph without a word.
			r.warnf(s, key, it.i, "%s: %v: it matches nothing, so it checks nothing (import-linter skips it without a word)%s", key, err, commentHint(s, it.text))
			continue
		}
		if err != nil {
			r.failf(s, key, it.i, "%s: %v%s", key, err, commentHint(s, it.text))
			continue
		}
		r.line(it.text, it.line)
		out = append(out, it)
	}
	return out
}

// misspelt returns, for a required option key that is not set, a hint naming an option of
// the section that is likely a typo of it: " (is \"forbiden_modules\" at line 7 a typo of
// it?)"; "" when there is none.
func (r *reader) misspelt(s *section, key string) string {
	var unknown []string
	for _, k := range s.keys {
		if !slicesContains(commonOptions, k) && optionOwner(k) == "" && !slicesContains(sessionOptions, k) {
			unknown = append(unknown, k)
		}
	}
	for _, k := range unknown {
		if didYouMean(k, []string{key}) != "" {
			return fmt.Sprintf(" (is %q, at line %d, a typo of it?)", k, s.opts[k].line)
		}
	}
	return ""
}

// str reads a single string.
func (r *reader) str(s *section, key string) (string, bool) {
	o := s.opts[key]
	if o == nil || o.bad {
		return "", false
	}
	if o.list {
		r.failf(s, key, -1, "%s takes a single value, not %s", key, s.list)
		return "", false
	}
	if o.kind != "" {
		r.failf(s, key, -1, "%s must be a string, not %s", key, o.kind)
		return "", false
	}
	return o.items[0], true
}

// flag reads a contract's boolean as import-linter does: "true" or "false" in any case.
func (r *reader) flag(s *section, key string, def bool) bool {
	o := s.opts[key]
	if o == nil || o.bad {
		return def
	}
	if o.list || (o.kind != "" && o.kind != "a boolean") {
		r.failf(s, key, -1, "%s must be %s", key, s.truth)
		return def
	}
	switch strings.ToLower(o.items[0]) {
	case "true":
		return true
	case "false":
		return false
	}
	r.failf(s, key, -1, "%s: %q is not a boolean: write %s (import-linter rejects it too)", key, o.items[0], s.truth)
	return def
}

// sessionFlag reads a top-level boolean as import-linter does: "True" and "true" are true,
// anything else false; a value other than "False" and "false" is read as false with a
// warning, since it is rarely what was meant.
func (r *reader) sessionFlag(s *section, key string) bool {
	o := s.opts[key]
	if o == nil || o.bad {
		return false
	}
	if !o.list && (o.kind == "" || o.kind == "a boolean") {
		switch o.items[0] {
		case "True", "true":
			return true
		case "False", "false":
			return false
		}
	}
	shown := strings.Join(o.items, "\n")
	r.warnf(s, key, -1, "%s: %q is read as False, as import-linter reads anything but \"True\" and \"true\"; write %s", key, shown, s.truth)
	return false
}

// integer reads a whole number, 0 or more.
func (r *reader) integer(s *section, key string, def int) int {
	o := s.opts[key]
	if o == nil || o.bad {
		return def
	}
	if !o.list && (o.kind == "" || o.kind == "an integer") {
		if n, err := strconv.Atoi(strings.TrimSpace(o.items[0])); err == nil && n >= 0 {
			return n
		}
	}
	r.failf(s, key, -1, "%s: %q is not a whole number, 0 or more", key, strings.Join(o.items, "\n"))
	return def
}

// alert reads unmatched_ignore_imports_alerting.
func (r *reader) alert(s *section, key string) contracts.Alert {
	v, ok := r.str(s, key)
	if !ok {
		return contracts.AlertError
	}
	switch strings.TrimSpace(v) {
	case "", "error":
		return contracts.AlertError
	case "warn":
		return contracts.AlertWarn
	case "none":
		return contracts.AlertNone
	}
	hint := didYouMean(strings.TrimSpace(v), []string{"error", "warn", "none"})
	for _, c := range []string{"error", "warn", "none"} {
		if w := strings.ToLower(strings.TrimSpace(v)); hint == "" && w != "" && (strings.HasPrefix(w, c) || strings.HasPrefix(c, w)) {
			hint = fmt.Sprintf(" (did you mean %q?)", c)
		}
	}
	r.failf(s, key, -1, "%s: %q is not one of error, warn, none%s (import-linter rejects it too)", key, v, hint)
	return contracts.AlertError
}

// text reads broken_contract_guidance: one value, or lines.
func (r *reader) text(s *section, key string) string {
	o := s.opts[key]
	if o == nil || o.bad {
		return ""
	}
	if o.kind != "" {
		r.failf(s, key, -1, "%s must be a string or a list of lines, not %s", key, o.kind)
		return ""
	}
	return strings.TrimSpace(strings.Join(o.items, "\n"))
}

// commentHint explains a "#" or ";" inside an INI value: configparser has no inline comments.
func commentHint(s *section, v string) string {
	if s.list == iniList && strings.ContainsAny(v, "#;") {
		return " (configparser, which import-linter uses, has no comments at the end of a line: put the comment on a line of its own)"
	}
	return ""
}

// plainModule checks a dotted module name without wildcards.
func plainModule(m string) error {
	if err := contracts.ValidExpression(m); err != nil {
		return err
	}
	if strings.Contains(m, "*") {
		return fmt.Errorf("%q: a package name, not a wildcard expression, is needed here", m)
	}
	return nil
}

// wildcardOrder applies import-linter's rules on consecutive wildcards: "**" may not be
// followed by "*" or "**", nor "*" by "**".
func wildcardOrder(e string) error {
	last := ""
	for _, seg := range strings.Split(e, ".") {
		switch {
		case last == "**" && (seg == "*" || seg == "**"):
			return fmt.Errorf("%q: a recursive wildcard (\"**\") cannot be followed by another wildcard", e)
		case last == "*" && seg == "**":
			return fmt.Errorf("%q: a wildcard (\"*\") cannot be followed by a recursive wildcard (\"**\")", e)
		}
		last = seg
	}
	return nil
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to key, when one is
// close enough to be a likely typo; "" otherwise.
func didYouMean(key string, candidates []string) string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(norm(key), norm(c))
		if d <= min(max(len(c)/3, 1), 3) && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the edit distance between a and b, with adjacent transpositions.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
