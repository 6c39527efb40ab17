package dead

import (
	"fmt"
	"index/suffixarray"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/usage"
)

// File is what the check needs of one file of the project.
type File struct {
	Path    string // relative to the project root, slash-separated
	Module  string // "" for a script
	Package bool   // an __init__ file
	Stub    bool
	Facts   *usage.Facts
	All     []string // the literal __all__, when HasAll
	HasAll  bool
}

// Input is the whole project.
type Input struct {
	Files []File
	Graph *imports.Graph
	// Config holds the dotted names in the project's configuration files (pyproject.toml's
	// entry points, setup.cfg): usage.Tokens of their text.
	Config []string
	// Native are the bytes of the project's compiled extension modules: a name found in
	// them (their string tables hold the attributes they look up, packed without
	// separators in Rust's) is used.
	Native []string
	// Stdlib reports whether a top-level module name is the standard library's.
	Stdlib func(top string) bool
	// Rules are the DEAD rules that are on, by code, with their options (nil: the defaults).
	Rules map[string]*Options
}

// Check returns the findings of the DEAD rules that are on, over the whole project.
func Check(in Input) []finding.Finding {
	if len(in.Rules) == 0 {
		return nil
	}
	return NewProject(in).Check()
}

// Project is the whole project indexed once for the DEAD rules and for Hierarchies, which
// both need it (the index is a quarter of a check with every rule on the standard library).
type Project struct{ p *project }

// NewProject indexes the project.
func NewProject(in Input) *Project { return &Project{newProject(in)} }

// Check returns the findings of the DEAD rules that are on (Input.Rules).
func (pr *Project) Check() []finding.Finding {
	p, in := pr.p, pr.p.in
	if len(in.Rules) == 0 {
		return nil
	}
	// The files are checked in parallel, each goroutine with a fork of the project, and
	// their findings put back in the files' order.
	var files []*File
	for i := range in.Files {
		f := &in.Files[i]
		if f.Facts == nil || f.Stub || f.Module != "" && p.isIncomplete(f.Module) {
			continue
		}
		files = append(files, f)
	}
	found := make([][]finding.Finding, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := p.fork()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				found[i] = q.checkFile(files[i])
			}
		}()
	}
	wg.Wait()
	var out []finding.Finding
	for _, fs := range found {
		out = append(out, fs...)
	}
	if o, on := in.Rules[UnusedModule.Code]; on {
		out = append(out, p.modules(opts(o))...)
	}
	return out
}

func opts(o *Options) *Options {
	if o == nil {
		return &Options{}
	}
	return o
}

type project struct {
	in       Input
	byModule map[string]*File
	// classes: "module.Class" -> its definition and file.
	classes  classIndex
	bindings map[string]map[string]string // module -> local name -> qualified target
	attrs    *usage.Set                   // every attribute name used in the project
	names    *usage.Set                   // every name read in the project
	parts    *usage.Set                   // every component of a dotted name in a string, but those without a dot (in strSet)
	strs     []string                     // every dotted name in a string, sorted
	strSet   *usage.Set
	config   map[string]bool // every component of a dotted name in the configuration files
	native   map[string]bool // names looked up in the compiled extension modules
	prefixes []string        // pieces of computed names: "visit_", "do_" (usage.Facts.Prefixes)
	// underscoreClass: some file computes "_" + a name (the prefix "_" is too short to be
	// one of prefixes): a method "_" + a class's name (_If, _Call) may be reached so.
	underscoreClass bool
	suffixes        []string                   // "_spec", "_handler"
	methods         map[string]int             // method name -> the classes that define it
	imported        map[string]map[string]bool // module -> names other files import from it
	starred         map[string]bool            // modules some file imports * from
	// importers: module -> the files that import it (any form), or name it in a string.
	importers map[string][]*File
	byPath    map[string]*File
	dynamic   map[string]bool // packages with a module that imports by computed names ("" for the top level)
	// dynamicFiles: package -> its modules that import by computed names.
	dynamicFiles map[string][]*File
	memo         map[*usage.Def]int8 // classes' safety: 1 safe, -1 not, 2 being computed
	// mixedIn: classes with a subclass whose hierarchy reaches a base the project does not
	// hold (class C(Mixin, HTTPConnection)): their methods may override that base's.
	mixedIn map[*usage.Def]bool
	// siblingImports: "dir/name" for every import of a top-level name that is neither the
	// project's nor the standard library's, from a file in dir.
	siblingImports map[string]bool
	// incomplete: packages some of whose modules the project does not hold (a top-level
	// package, or a vendored package: pip._vendor.rich).
	incomplete map[string]bool
	// strAttrs: each file's names that a string of it holds as an attribute
	// (attrsInStrings), for reaches.
	strAttrs map[*File][]string
	// strAttrSet holds every name of strAttrs, for reachable.
	strAttrSet *usage.Set
	// runs indexes the identifier runs of the extension modules (nativeIndex), made on the
	// first look-up, once for all the forks of the project.
	runs *nativeRuns
}

type nativeRuns struct {
	once  sync.Once
	index *suffixarray.Index
}

// fork returns a copy of the project for a goroutine of its own: the caches that checking
// fills (memo, native) are its own, and the rest is read only. What the caches hold does not
// depend on the order of the look-ups, so that each fork answers as the project would.
func (p *project) fork() *project {
	q := *p
	q.memo, q.native = maps.Clone(p.memo), maps.Clone(p.native)
	return &q
}

// attrsInStrings returns, sorted and unique, the names that follow a dot in one of strs
// where that dot is the first place ("." + name) is in the string, and that end at the
// string's end or a dot ("b" and "c" of "a.b.c"): reaches's test of every string of a file,
// `i := strings.Index(t, "."+name); i >= 0 && (i+1+len(name) == len(t) || t[i+1+len(name)]
// == '.')`, for every name at once (for a name without a dot). That test, over all the
// strings of every importer of a module for each of its names, was 5% of a check of the
// standard library.
func attrsInStrings(strs []string) []string {
	var out []string
	for _, t := range strs {
		for dot := strings.IndexByte(t, '.'); dot >= 0; {
			end := len(t)
			next := strings.IndexByte(t[dot+1:], '.')
			if next >= 0 {
				end = dot + 1 + next
			}
			if end > dot+1 && strings.Index(t, t[dot:end]) == dot {
				out = append(out, t[dot+1:end])
			}
			if next < 0 {
				break
			}
			dot = end
		}
	}
	if len(out) == 0 {
		return nil
	}
	return unique(out)
}

// classMethod is a method's class and name.
type classMethod struct{ class, name string }

type classAt struct {
	def  *usage.Def
	file *File
}

func newProject(in Input) *project {
	// The maps filled file by file are made at their size (counted first): growing them
	// was a fifth of the index.
	classes, methods, attrs, names := 0, 0, 0, 0
	for i := range in.Files {
		if u := in.Files[i].Facts; u != nil {
			attrs, names = attrs+len(u.Attrs), names+len(u.Names)
			for j := range u.Defs {
				switch u.Defs[j].Kind {
				case usage.Class:
					classes++
				case usage.Method:
					methods++
				}
			}
		}
	}
	p := &project{
		in: in, byModule: make(map[string]*File, len(in.Files)), classes: make(classIndex, len(in.Files)),
		bindings: make(map[string]map[string]string, len(in.Files)),
		// A third of every file's names and attributes are the project's (the 3.11 standard
		// library: 19,000 of 72,000 attributes, 31,000 of 98,000 names; 29,000 method names
		// of 45,000 methods): made at about their size, not grown.
		attrs: usage.NewSetSize(attrs / 3), names: usage.NewSetSize(names / 3), parts: usage.NewSet(), methods: make(map[string]int, methods*2/3),
		imported: map[string]map[string]bool{}, starred: map[string]bool{}, importers: make(map[string][]*File, len(in.Files)),
		byPath: make(map[string]*File, len(in.Files)), dynamic: map[string]bool{}, memo: make(map[*usage.Def]int8, classes), incomplete: map[string]bool{},
		siblingImports: map[string]bool{}, dynamicFiles: map[string][]*File{}, runs: &nativeRuns{},
	}
	strs := usage.NewSet()
	addStr := func(s string) {
		strs.Add(s)
		if strings.IndexByte(s, '.') < 0 {
			return // its only part: the strings hold it (most have no dot)
		}
		for s != "" { // the parts between the dots, empty ones left out
			part, rest, _ := strings.Cut(s, ".")
			if part != "" {
				p.parts.Add(part)
			}
			s = rest
		}
	}
	p.strAttrs = make(map[*File][]string, len(in.Files))
	p.strAttrSet = usage.NewSet()
	p.native = map[string]bool{}
	p.config = map[string]bool{}
	// The sets of names, attributes and strings (most of the index) and the count of each
	// method's classes are filled beside the rest, by two goroutines: sets and counts, which
	// the order of filling leaves the same.
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range in.Files {
			if u := in.Files[i].Facts; u != nil {
				for _, a := range u.Attrs {
					p.attrs.Add(a)
				}
				for _, n := range u.Names {
					p.names.Add(n)
				}
			}
		}
		// The classes that define each method name, each class counted once (a setter
		// defines its property's name again). A map of those seen, emptied for each file,
		// cost the largest file's size for every file: a file's few methods are compared
		// with those before them, and a map is made for a file of many.
		var keys []classMethod
		for i := range in.Files {
			u := in.Files[i].Facts
			if u == nil {
				continue
			}
			keys = keys[:0]
			for j := range u.Defs {
				if d := &u.Defs[j]; d.Kind == usage.Method {
					keys = append(keys, classMethod{d.Class, d.Name})
				}
			}
			if len(keys) > 32 {
				seen := make(map[classMethod]bool, len(keys))
				for _, k := range keys {
					if !seen[k] {
						seen[k] = true
						p.methods[k.name]++
					}
				}
				continue
			}
			for j, k := range keys {
				if !slices.Contains(keys[:j], k) {
					p.methods[k.name]++
				}
			}
		}
	}()
	go func() {
		defer wg.Done()
		for _, s := range in.Config {
			addStr(s)
		}
		for i := range in.Files {
			if u := in.Files[i].Facts; u != nil {
				for _, s := range u.Strings {
					addStr(s)
				}
				if a := attrsInStrings(u.Strings); len(a) > 0 {
					p.strAttrs[&in.Files[i]] = a
					for _, name := range a {
						p.strAttrSet.Add(name)
					}
				}
			}
		}
		p.strs = strs.Keys()
		usage.SortStrings(p.strs)
	}()
	for _, s := range in.Config {
		for _, part := range strings.Split(s, ".") {
			p.config[part] = true
		}
	}
	for i := range in.Files {
		f := &in.Files[i]
		p.byPath[f.Path] = f
		if f.Facts == nil {
			continue
		}
		if f.Module != "" {
			if old, ok := p.byModule[f.Module]; !ok || old.Stub {
				p.byModule[f.Module] = f
			}
		}
		u := f.Facts
		p.prefixes = append(p.prefixes, u.Prefixes...)
		p.suffixes = append(p.suffixes, u.Suffixes...)
		if u.Dynamic && f.Module != "" {
			pkg := f.Module
			if !f.Package {
				pkg, _, _ = cutLast(pkg)
			}
			p.dynamic[pkg] = true
			p.dynamicFiles[pkg] = append(p.dynamicFiles[pkg], f)
		}
		if f.Module != "" && !f.Stub {
			for j := range u.Defs {
				if d := &u.Defs[j]; d.Kind == usage.Class {
					p.classes.set(f.Module, d.Name, classAt{d, f})
				}
			}
		}
		if f.Module != "" && len(u.Bindings) > 0 {
			m := make(map[string]string, len(u.Bindings))
			for _, b := range u.Bindings {
				m[b.Local] = b.Target
			}
			p.bindings[f.Module] = m
		}
	}
	p.prefixes, p.suffixes = unique(p.prefixes), unique(p.suffixes)
	if i, found := slices.BinarySearch(p.prefixes, "_"); found {
		p.prefixes = slices.Delete(p.prefixes, i, i+1)
		p.underscoreClass = true
	}
	if in.Graph != nil {
		for i := range in.Graph.Edges {
			e := in.Graph.Edges[i]
			if m, ok := frozenAliases[e.Imported]; ok && p.byModule[m] != nil {
				e.Imported, e.Category = m, imports.FirstParty // the standard library itself
			}
			if e.Category == imports.Unresolved {
				// A module of the project's own packages that the project does not hold (a
				// directory excluded as build output, a file left out): what it uses cannot
				// be seen.
				if k := p.blindSpot(e); k != "" {
					p.incomplete[k] = true
				}
			}
			if e.Category != imports.FirstParty {
				if e.Category != imports.Stdlib { // import datetime beside datetime.py is the stdlib's
					p.siblingImports[path.Dir(e.Path)+"/"+top(e.Imported)] = true
				}
				continue
			}
			switch e.Name {
			case "":
			case "*":
				p.starred[e.Imported] = true
			default:
				if p.imported[e.Imported] == nil {
					p.imported[e.Imported] = map[string]bool{}
				}
				p.imported[e.Imported][e.Name] = true
			}
			if f := p.byPath[e.Path]; f != nil {
				l := p.importers[e.Imported]
				if len(l) == 0 || l[len(l)-1] != f {
					p.importers[e.Imported] = append(l, f)
				}
			}
		}
	}
	// import_module("pkg.mod") or __import__("pkg.mod"), then .name: a file that names a
	// module in a string reaches it as one that imports it does.
	for i := range in.Files {
		f := &in.Files[i]
		if f.Facts == nil {
			continue
		}
		for _, s := range f.Facts.Strings {
			if p.byModule[s] != nil {
				p.importers[s] = append(p.importers[s], f)
			}
		}
	}
	p.mixedIn = map[*usage.Def]bool{}
	for _, cs := range p.classes {
		for _, c := range cs {
			if !p.ownHierarchy(c) {
				p.markAncestors(c, 0)
			}
		}
	}
	wg.Wait() // nothing above reads what the goroutines fill
	p.strSet = strs
	return p
}

// markAncestors marks the project's classes above c as mixed in.
func (p *project) markAncestors(c classAt, depth int) {
	if depth > 20 {
		return
	}
	for _, b := range c.def.Bases {
		if base, ok := p.resolveClass(c.file, b); ok {
			if !p.mixedIn[base.def] {
				p.mixedIn[base.def] = true
				p.markAncestors(base, depth+1)
			}
		}
	}
}

// blindSpot says which part of the project an unresolved import of its own packages hides:
// the top-level package of the module it names (what that module would use may be anywhere
// in it), or the vendored package it is in (pip._vendor.rich: vendored code uses only its
// own), or "" when nothing is hidden: an import guarded by try/except ImportError (an
// optional module, a compiled speedup that may be absent), or one below a module that is a
// file, not a package (six.moves.http_client: made at run time, not a file left out; the
// module's name moves counts as imported).
func (p *project) blindSpot(e imports.Edge) string {
	if e.Guarded {
		return ""
	}
	parts := strings.Split(e.Imported, ".")
	for i := len(parts) - 1; i > 0; i-- {
		if f := p.byModule[strings.Join(parts[:i], ".")]; f != nil {
			if !f.Package {
				// six.moves: a name of the module six that imports treat as a module.
				if p.imported[f.Module] == nil {
					p.imported[f.Module] = map[string]bool{}
				}
				p.imported[f.Module][parts[i]] = true
				return ""
			}
			break
		}
	}
	for i := 1; i+1 < len(parts); i++ {
		switch parts[i] {
		case "_vendor", "vendor", "vendored", "_vendored", "third_party", "extern", "_extern":
			return strings.Join(parts[:i+2], ".")
		}
	}
	return parts[0]
}

// isIncomplete reports whether module m is in a package some of whose modules the project
// does not hold.
func (p *project) isIncomplete(m string) bool {
	if len(p.incomplete) == 0 {
		return false
	}
	for {
		if p.incomplete[m] {
			return true
		}
		parent, _, ok := cutLast(m)
		if !ok {
			return false
		}
		m = parent
	}
}

// frozenAliases are the names under which CPython's import system imports its own frozen
// modules: zipimport's `from _frozen_importlib_external import _unpack_uint16`.
var frozenAliases = map[string]string{
	"_frozen_importlib":          "importlib._bootstrap",
	"_frozen_importlib_external": "importlib._bootstrap_external",
}

func unique(ss []string) []string {
	usage.SortStrings(ss)
	return slices.Compact(ss)
}

// inNative reports whether a name of five characters or more is in the bytes of a compiled
// extension module of the project.
func (p *project) inNative(name string) bool {
	if len(p.in.Native) == 0 || len(name) < 5 {
		return false
	}
	found, ok := p.native[name]
	if !ok {
		if !identBytes(name) {
			for _, b := range p.in.Native {
				if strings.Contains(b, name) {
					found = true
					break
				}
			}
		} else {
			p.runs.once.Do(func() { p.runs.index = nativeIndex(p.in.Native) })
			found = len(p.runs.index.Lookup([]byte(name), 1)) > 0
		}
		p.native[name] = found
	}
	return found
}

// identByte reports whether a byte may be part of a Python identifier: a letter, a digit, an
// underscore, or any byte of a non-ASCII character.
func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func identBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if !identByte(s[i]) {
			return false
		}
	}
	return true
}

// nativeIndex indexes the runs of identifier bytes (five or more) of the extension modules'
// bytes, each distinct run once, separated by NULs, for substring search: a name made of
// identifier bytes is in the bytes exactly when it is in one of their runs. Searching the
// bytes themselves took a scan of all of them for each name (half of a check of the 3.11
// site-packages, whose 14 extensions hold 35 MB); the index is a fraction of their size and
// answers in a few comparisons.
func nativeIndex(blobs []string) *suffixarray.Index {
	seen := map[string]bool{}
	var buf []byte
	for _, b := range blobs {
		for i := 0; i < len(b); {
			if !identByte(b[i]) {
				i++
				continue
			}
			j := i
			for j < len(b) && identByte(b[j]) {
				j++
			}
			if run := b[i:j]; len(run) >= 5 && !seen[run] {
				seen[run] = true
				buf = append(buf, run...)
				buf = append(buf, 0)
			}
			i = j
		}
	}
	return suffixarray.New(buf)
}

// cutLast splits "a.b.c" into "a.b" and "c".
func cutLast(m string) (string, string, bool) {
	i := strings.LastIndexByte(m, '.')
	if i < 0 {
		return "", m, false
	}
	return m[:i], m[i+1:], true
}

// loaders returns the files that import modules by computed names in the packages that
// hold m.
func (p *project) loaders(m string) []*File {
	var out []*File
	for {
		parent, _, ok := cutLast(m)
		out = append(out, p.dynamicFiles[parent]...)
		if !ok {
			return out
		}
		m = parent
	}
}

// loadedDynamically reports whether a module of a package that holds m imports modules by
// computed names.
func (p *project) loadedDynamically(m string) bool {
	for {
		parent, _, ok := cutLast(m)
		if p.dynamic[parent] {
			return true
		}
		if !ok {
			return false
		}
		m = parent
	}
}

func top(m string) string {
	t, _, _ := strings.Cut(m, ".")
	return t
}

func has(sorted []string, s string) bool {
	i := sort.SearchStrings(sorted, s)
	return i < len(sorted) && sorted[i] == s
}

// mentioned reports whether a string of the project names module m, or something in it
// ("pkg.mod", "pkg.mod.func", "pkg.mod:main").
func (p *project) mentioned(m string) bool {
	i := sort.SearchStrings(p.strs, m)
	return i < len(p.strs) && (p.strs[i] == m || strings.HasPrefix(p.strs[i], m+"."))
}

// private reports whether a name is private by convention (_name, not a dunder).
func private(name string) bool {
	return strings.HasPrefix(name, "_") && !isDunder(name)
}

func isDunder(name string) bool {
	return len(name) > 4 && strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}

// publicModule reports whether no component of a module's name is private.
func publicModule(m string) bool {
	for _, c := range strings.Split(m, ".") {
		if private(c) {
			return false
		}
	}
	return true
}

// usedTopLevel reports whether a name defined at the top level of file f is used, and why
// (for tests): "" when it is not.
func (p *project) usedTopLevel(f *File, name string, o *Options) bool {
	return p.whyUsed(f, name, o) != ""
}

// whyUsed says why a name defined at the top level of file f is used, or "" when it is not.
func (p *project) whyUsed(f *File, name string, o *Options) string {
	u := f.Facts
	switch {
	case has(u.Names, name):
		return "read in its module" // decorators and annotations included
	case u.Globals:
		return "its module calls globals()"
	case f.HasAll && contains(f.All, name):
		return "in __all__"
	}
	m := f.Module
	if m == "" {
		return "" // a script: nothing imports from it
	}
	switch {
	case p.imported[m][name]:
		return "imported by name"
	case p.starred[m] && !f.HasAll && !private(name):
		return "imported by *" // with an __all__, * takes only the names it lists
	case o.Library && !private(name) && publicModule(m):
		return "public in a library"
	case p.mentioned(m + "." + name):
		return "named in a string with its module" // settings, urls, entry points, mock.patch
	case p.config[name]:
		return "named in the packaging configuration"
	case p.inNative(name):
		return "named in a compiled extension module"
	}
	// mod.name, getattr(mod, "name"), getattr(mod, "prefix_" + x): in its module, or in a
	// file that imports the module or a package above it. What the whole project holds
	// says first which of reaches's look-ups may find it in some file.
	r := p.reachOf(name)
	if r.any() {
		if why := p.reaches(f, name, r); why != "" {
			return why
		}
	}
	// A module loaded by a computed name (lib2to3's fixers, __import__("fix_" + name)): the
	// code that loads it reaches its names as it computes them ("Fix" + name.title()).
	var starts []string
	for _, g := range p.loaders(m) {
		if r.any() {
			if why := p.reaches(g, name, r); why != "" {
				return "the module is loaded by name, and " + why
			}
		}
		if starts == nil {
			starts = p.starts(name)
		}
		// CLASS_PREFIX = "Fix", then CLASS_PREFIX + name.title(): a string that starts the
		// name up to a word's start (FixImports2, fix_imports).
		for _, s := range starts {
			if has(g.Facts.Strings, s) {
				return "the module is loaded by name, and a string starts its name: " + s
			}
		}
	}
	if !r.any() {
		return ""
	}
	for a := m; ; {
		for _, g := range p.importers[a] {
			if why := p.reaches(g, name, r); why != "" {
				return why
			}
		}
		i := strings.LastIndexByte(a, '.')
		if i < 0 {
			break
		}
		a = a[:i]
	}
	return ""
}

// reach says which of reaches's look-ups may find a name in some file of the project, from
// the sets of the whole project (reachOf): whyUsed asks reaches of every importer of the
// name's module, and binary searches of every importer's lists for a name no file holds were
// a tenth of the DEAD rules' check.
type reach struct {
	attr, str, strAttr, affix bool
}

func (r reach) any() bool { return r.attr || r.str || r.strAttr || r.affix }

func (p *project) reachOf(name string) reach {
	r := reach{attr: p.attrs.Has(name), str: p.strSet.Has(name), strAttr: p.strAttrSet.Has(name)}
	// A dotted name is looked for in the strings themselves; a file's prefix "_" is not in
	// p.prefixes (underscoreClass).
	r.affix = strings.Contains(name, ".") || p.underscoreClass && strings.HasPrefix(name, "_")
	for _, pre := range p.prefixes {
		if r.affix {
			break
		}
		r.affix = strings.HasPrefix(name, pre)
	}
	for _, suf := range p.suffixes {
		if r.affix {
			break
		}
		infix, ok := strings.CutPrefix(suf, "*")
		r.affix = ok && strings.Contains(name, infix) || strings.HasSuffix(name, suf)
	}
	return r
}

// starts returns the beginnings of name up to a word's start (Fix of FixImports2, fix_ of
// fix_imports) that a string of the project holds: those a file that loads modules by
// computed names may join the rest to. Not nil.
func (p *project) starts(name string) []string {
	out := []string{}
	for i := 2; i < len(name); i++ {
		if c := name[i]; (c >= 'A' && c <= 'Z' || name[i-1] == '_') && p.strSet.Has(name[:i]) {
			out = append(out, name[:i])
		}
	}
	return out
}

// reaches says how file g may reach a name of a module it imports: an attribute of that
// name, a string that is the name or holds it as an attribute, or the prefix or suffix of a
// computed name.
func (p *project) reaches(g *File, name string, r reach) string {
	u := g.Facts
	switch {
	case r.attr && has(u.Attrs, name):
		return "an attribute of its name is read"
	case r.str && has(u.Strings, name):
		return "a string names it"
	}
	if !r.affix && !r.strAttr {
		return ""
	}
	// Generated code: "_compat.repr_context.already_repring".
	if !strings.Contains(name, ".") {
		if r.strAttr && has(p.strAttrs[g], name) {
			return "a string names it as an attribute"
		}
	} else {
		attr := "." + name
		for _, t := range u.Strings {
			if i := strings.Index(t, attr); i >= 0 && (i+1+len(name) == len(t) || t[i+1+len(name)] == '.') {
				return "a string names it as an attribute"
			}
		}
	}
	for _, pre := range u.Prefixes {
		if strings.HasPrefix(name, pre) && (pre != "_" || len(name) > 1 && name[1] >= 'A' && name[1] <= 'Z') {
			return "a computed name may reach it (prefix)"
		}
	}
	for _, suf := range u.Suffixes {
		if infix, ok := strings.CutPrefix(suf, "*"); ok && strings.Contains(name, infix) || strings.HasSuffix(name, suf) {
			return "a computed name may reach it (suffix)"
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type defKey struct {
	kind        usage.Kind
	class, name string
}

// checkFile reports the unused functions, classes, methods and variables of a file.
func (p *project) checkFile(f *File) []finding.Finding {
	var out []finding.Finding
	reported := make(map[defKey]bool, len(f.Facts.Defs)) // made at its size: growing it was a tenth of the check
	// A module that no module imports is either dead as a whole (DEAD003's to say) or
	// loaded by a name or a place the check cannot follow (a directory of plugins, a
	// fixer found as "fix_" + name): then its top-level definitions are reached through
	// the module object (inspect.getmembers, getattr(mod, "Fix" + name)), and none is
	// judged alone.
	// (A module a framework loads by convention is left to the framework's rules: Django
	// reads a middleware's classes from settings, a template library's from @register.)
	if testSupport(f.Module) {
		return nil
	}
	loose := f.Module != "" && strings.Contains(f.Module, ".") && !f.Package && len(p.importers[f.Module]) == 0 &&
		!p.mentioned(f.Module) && !frameworkModule(f)
	fnOpts, fnOn := p.in.Rules[UnusedFunction.Code]
	clOpts, clOn := p.in.Rules[UnusedClass.Code]
	varOpts, varOn := p.in.Rules[UnusedVariable.Code]
	// A name defined twice (a fallback under try/except, a platform's variant) is reported
	// once, at its first definition, and only when every definition is unused.
	for i := range f.Facts.Defs {
		d := &f.Facts.Defs[i]
		key := defKey{d.Kind, d.Class, d.Name}
		if reported[key] {
			continue
		}
		reported[key] = true
		if loose && d.Kind != usage.Method {
			continue
		}
		var r *Rule
		var msg, symbol string
		switch d.Kind {
		case usage.Function:
			if !fnOn || !p.deadFunction(f, d, opts(fnOpts)) {
				continue
			}
			r, symbol = UnusedFunction, d.Name
			msg = fmt.Sprintf("function `%s` is never used: nothing in the project calls it, imports it, or names it", d.Name)
		case usage.Method:
			if !fnOn || !p.deadMethod(f, d, opts(fnOpts)) {
				continue
			}
			r, symbol = UnusedFunction, d.Class+"."+d.Name
			msg = fmt.Sprintf("method `%s.%s` is never used: no code in the project reads an attribute `%s`, and no other class defines it", d.Class, d.Name, d.Name)
		case usage.Class:
			if !clOn || !p.deadClass(f, d, opts(clOpts)) {
				continue
			}
			r, symbol = UnusedClass, d.Name
			msg = fmt.Sprintf("class `%s` is never used: nothing in the project refers to it, imports it, or names it", d.Name)
		case usage.Variable:
			if !varOn || !p.deadVariable(f, d, opts(varOpts)) {
				continue
			}
			r, symbol = UnusedVariable, d.Name
			msg = fmt.Sprintf("`%s` is assigned at the top level but never read: nothing in the project reads it, imports it, or names it", d.Name)
		}
		out = append(out, finding.Finding{
			Code: r.Code, Rule: r.Name, Path: f.Path, Line: int(d.Line), Col: int(d.Col), EndLine: int(d.Line), EndCol: int(d.EndCol),
			Message: msg, Symbol: symbol,
		})
	}
	return out
}

// affixed reports whether a string of the project is a prefix or a suffix of name, as code
// that reaches names by computing them has: getattr(self, "visit_" + kind),
// globals()[name + "_spec"].
func (p *project) affixed(name string) string {
	for _, pre := range p.prefixes {
		if strings.HasPrefix(name, pre) {
			return "prefix " + pre
		}
	}
	for _, suf := range p.suffixes {
		if infix, ok := strings.CutPrefix(suf, "*"); ok && strings.Contains(name, infix) || strings.HasSuffix(name, suf) {
			return "suffix " + suf
		}
	}
	// A string that is the start of the name up to an underscore: dispatch_method(self,
	// "_eval_innerproduct", arg) reaching "_eval_innerproduct_" + type(arg).__name__.
	// getattr(self, "_" + type(node).__name__): a method named "_" and a class's name.
	if p.underscoreClass && len(name) > 1 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z' {
		return "prefix _ and a class's name"
	}
	for i := len(name) - 1; i >= 4; i-- {
		if name[i] == '_' && name[0] == '_' && p.strSet.Has(name[:i]) {
			return "string " + name[:i]
		}
	}
	return ""
}

// ignoredName reports whether the options' ignore-names match a definition.
func (o *Options) ignoredName(f *File, d *usage.Def) bool {
	qual := d.Name
	if d.Class != "" {
		qual = d.Class + "." + d.Name
	}
	for _, g := range o.IgnoreNames {
		if globMatch(g, d.Name) || globMatch(g, qual) || f.Module != "" && globMatch(g, f.Module+"."+qual) {
			return true
		}
	}
	return false
}

func globMatch(glob, s string) bool {
	ok, err := path.Match(glob, s)
	return err == nil && ok
}

// registered reports whether a decorator may register what it decorates (anything but the
// plain wrappers that are known not to), or is one the options name.
func (o *Options) registered(decos []string) bool {
	for _, d := range decos {
		for _, g := range o.IgnoreDecorators {
			if globMatch(strings.TrimPrefix(g, "@"), d) {
				return true
			}
		}
		last := d[strings.LastIndexByte(d, '.')+1:]
		if !plainDecorators[last] {
			return true
		}
	}
	return false
}

// plainDecorators are decorators (by their last dotted component) that wrap or describe a
// definition without registering it anywhere: a definition under them is used only if
// something refers to it.
var plainDecorators = map[string]bool{
	"staticmethod": true, "classmethod": true, "property": true, "cached_property": true,
	"setter": true, "getter": true, "deleter": true,
	"wraps": true, "lru_cache": true, "cache": true, "total_ordering": true,
	"contextmanager": true, "asynccontextmanager": true,
	"dataclass": true, "final": true, "unique": true, "runtime_checkable": true, "no_type_check": true,
	"deprecated": true,
}

func (p *project) deadFunction(f *File, d *usage.Def, o *Options) bool {
	if isDunder(d.Name) || conventionalFunction(d.Name) || o.ignoredName(f, d) || o.registered(d.Decorators) {
		return false
	}
	return !p.usedTopLevel(f, d.Name, o)
}

// conventionalFunction: module-level functions that test runners and plugin hosts call by
// their names.
func conventionalFunction(name string) bool {
	if strings.HasPrefix(name, "test") || strings.HasPrefix(name, "pytest_") {
		return true
	}
	switch name {
	case "setup_module", "teardown_module", "setUpModule", "tearDownModule", "setup_function", "teardown_function",
		"setup_package", "teardown_package", "setup", "teardown", "load_tests", "load_ipython_extension",
		"unload_ipython_extension", "includeme":
		return true
	}
	return false
}

// conventionalMethod: methods that test runners and the language call by their names.
func conventionalMethod(name string) bool {
	if isDunder(name) || strings.HasPrefix(name, "test") {
		return true
	}
	if len(name) > 2 && name[0] == '_' && name[len(name)-1] == '_' { // _missing_, _generate_next_value_
		return true
	}
	switch name {
	case "setUp", "tearDown", "setUpClass", "tearDownClass", "asyncSetUp", "asyncTearDown",
		"setup_method", "teardown_method", "setup_class", "teardown_class", "setup", "teardown":
		return true
	}
	return false
}

func (p *project) deadMethod(f *File, d *usage.Def, o *Options) bool {
	if conventionalMethod(d.Name) || o.ignoredName(f, d) || o.registered(d.Decorators) {
		return false
	}
	// Another class defines it: an override, or one of the shapes of a protocol.
	if p.methods[d.Name] > 1 || p.attrs.Has(d.Name) || p.names.Has(d.Name) || p.parts.Has(d.Name) || p.strSet.Has(d.Name) || p.inNative(d.Name) {
		return false
	}
	if p.affixed(d.Name) != "" {
		return false
	}
	// getattr(self, "_" + node.__class__.__name__) in its own file: the class dispatches on
	// its methods by name (an unparser's _alias, _keyword, _If).
	if d.Name[0] == '_' && has(f.Facts.Prefixes, "_") {
		return false
	}
	// A class whose bases are not all the project's own, or that a class with such a base
	// inherits from (a mixin), may override a method of a base the check cannot see, which
	// the base's code calls: its methods are not judged.
	c, ok := p.classes.in(f.Module, d.Class)
	if !ok || f.Module == "" {
		return false
	}
	if o.Library && !private(d.Name) && !private(d.Class) && publicModule(f.Module) {
		return false
	}
	return p.ownHierarchy(c) && !p.mixedIn[c.def]
}

// ownHierarchy reports whether every ancestor of a class is the project's own (or object, or
// a built-in exception), so that none of its methods can override one the check cannot see.
func (p *project) ownHierarchy(c classAt) bool {
	key := c.def // a class of p.classes: one definition for each of its keys
	switch p.memo[key] {
	case 1:
		return true
	case -1, 2:
		return false
	}
	p.memo[key] = 2
	ok := true
	for _, b := range c.def.Bases {
		if b == "object" || builtinException(b) {
			continue
		}
		base, found := p.resolveClass(c.file, b)
		if !found || !p.ownHierarchy(base) {
			ok = false
			break
		}
	}
	p.memo[key] = -1
	if ok {
		p.memo[key] = 1
	}
	return ok
}

// builtinException reports whether a base written without a module is one of Python's
// exceptions (their methods are few and known: args, with_traceback, add_note).
func builtinException(b string) bool {
	if strings.Contains(b, ".") {
		return false
	}
	for _, s := range []string{"Error", "Exception", "Warning", "Exit", "Interrupt", "Iteration"} {
		if strings.HasSuffix(b, s) {
			return true
		}
	}
	return false
}

// resolveClass finds the project's class that a base names, through re-exports.
func (p *project) resolveClass(f *File, base string) (classAt, bool) {
	m, name := f.Module, base // a class of the same module
	if i := strings.LastIndexByte(base, '.'); i >= 0 || f.Module == "" {
		if i < 0 {
			return classAt{}, false
		}
		m, name = base[:i], base[i+1:]
	}
	for step := 0; step < 8; step++ {
		if c, ok := p.classes.in(m, name); ok {
			return c, true
		}
		target, ok := p.bindings[m][name] // re-exported: from .base import Base
		if !ok {
			return classAt{}, false
		}
		i := strings.LastIndexByte(target, '.')
		if i < 0 {
			return classAt{}, false
		}
		m, name = target[:i], target[i+1:]
	}
	return classAt{}, false
}

// classIndex holds the project's classes by module, then by name: "module.Class" is looked
// up without being made (a class's name has no dot: the last one splits the two).
type classIndex map[string]map[string]classAt

func (ci classIndex) set(module, name string, c classAt) {
	byName := ci[module]
	if byName == nil {
		byName = map[string]classAt{}
		ci[module] = byName
	}
	byName[name] = c
}

func (ci classIndex) in(module, name string) (classAt, bool) {
	c, ok := ci[module][name]
	return c, ok
}

// get looks up "module.Class".
func (ci classIndex) get(q string) (classAt, bool) {
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return classAt{}, false
	}
	return ci.in(q[:i], q[i+1:])
}

// keys returns "module.Class" for each class, sorted: all of them in one string, not one
// concatenation each.
func (ci classIndex) keys() []string {
	n, size := 0, 0
	for m, byName := range ci {
		n += len(byName)
		size += len(byName) * (len(m) + 1)
		for name := range byName {
			size += len(name)
		}
	}
	var b strings.Builder
	b.Grow(size)
	ends := make([]int, 0, n)
	for m, byName := range ci {
		for name := range byName {
			b.WriteString(m)
			b.WriteByte('.')
			b.WriteString(name)
			ends = append(ends, b.Len())
		}
	}
	all, out, start := b.String(), make([]string, len(ends)), 0
	for i, end := range ends {
		out[i], start = all[start:end], end
	}
	usage.SortStrings(out)
	return out
}

// quietBases: whether a class's bases leave it alone when it is defined. A class of the
// project's own hierarchy, a built-in, or the standard library's (but unittest's, whose test
// cases a runner finds) is registered nowhere; a third-party base (a Django model, a Celery
// task, a plugin base) may register its subclasses as they are defined, and a metaclass or
// __init_subclass__ anywhere in the hierarchy may too.
func (p *project) quietBases(c classAt, depth int) bool {
	if c.def.Meta {
		return false
	}
	if depth > 20 {
		return false
	}
	for _, b := range c.def.Bases {
		if b == "?" {
			return false
		}
		if base, found := p.resolveClass(c.file, b); found {
			if !p.quietBases(base, depth+1) {
				return false
			}
			continue
		}
		t := top(b)
		switch {
		case !strings.Contains(b, "."):
			// A builtin (Exception, dict) or a name bound some other way.
			if !builtinName(b) {
				return false
			}
		case t == "unittest":
			return false
		case p.in.Stdlib != nil && p.in.Stdlib(t):
		case t == "typing" || t == "typing_extensions":
		default:
			return false
		}
	}
	return true
}

func builtinName(b string) bool {
	if builtinException(b) {
		return true
	}
	switch b {
	case "object", "dict", "list", "set", "frozenset", "tuple", "str", "int", "float", "bytes", "bytearray",
		"type", "property", "complex", "bool", "memoryview":
		return true
	}
	return false
}

func (p *project) deadClass(f *File, d *usage.Def, o *Options) bool {
	if strings.HasPrefix(d.Name, "Test") || o.ignoredName(f, d) || o.registered(d.Decorators) || f.Module == "" {
		return false
	}
	if djangoClass(f.Module, d.Name) {
		return false
	}
	c, ok := p.classes.in(f.Module, d.Name)
	if !ok || !p.quietBases(c, 0) {
		return false
	}
	return !p.usedTopLevel(f, d.Name, o)
}

// djangoClass: classes Django finds by their module and name.
func djangoClass(module, name string) bool {
	parts := strings.Split(module, ".")
	n := len(parts)
	switch {
	case name == "Migration" && n >= 2 && parts[n-2] == "migrations":
		return true
	case name == "Command" && n >= 3 && parts[n-3] == "management" && parts[n-2] == "commands":
		return true
	}
	return false
}

// conventionalVariable: module-level names that frameworks read by their names.
func conventionalVariable(name string) bool {
	switch name {
	case "_", "urlpatterns", "app_name", "handler400", "handler403", "handler404", "handler500",
		"default_app_config", "register", "application", "app", "pytest_plugins", "pytestmark",
		"collect_ignore", "collect_ignore_glob", "TYPE_CHECKING":
		return true
	}
	return isDunder(name)
}

// configModule: modules whose top-level names are read by a tool, as settings: Django's
// settings, Sphinx's conf.py, gunicorn's, setup scripts.
func configModule(f *File) bool {
	base := path.Base(f.Path)
	base = strings.TrimSuffix(base, ".py")
	if strings.Contains(base, "settings") || strings.Contains(base, "config") || strings.Contains(base, "conf") {
		return true
	}
	switch base {
	case "setup", "noxfile", "fabfile", "manage", "wsgi", "asgi", "__main__", "conftest", "dodo",
		// Release metadata that setup scripts, docs and other projects read by name
		// (IPython's release.authors, pylint's __pkginfo__.numversion), and compatibility
		// shims kept for code outside (awscli.compat.PY3).
		"release", "__pkginfo__", "version", "_version", "__about__", "compat", "_compat", "py3compat":
		return true
	}
	return strings.Contains(f.Path, "/settings/")
}

func (p *project) deadVariable(f *File, d *usage.Def, o *Options) bool {
	if d.Alias || conventionalVariable(d.Name) || configModule(f) || o.ignoredName(f, d) {
		return false
	}
	if p.usedTopLevel(f, d.Name, o) {
		return false
	}
	// One of a set: a = b = value (aliases), a, b = pair, or a table of constants sharing a
	// prefix (_CD_CRC, _CD_TIME, ...): kept whole, deliberately.
	group := tableGroup(d.Name)
	members := map[string]bool{}
	for i := range f.Facts.Defs {
		o2 := &f.Facts.Defs[i]
		if o2.Kind != usage.Variable || o2.Name == d.Name {
			continue
		}
		if o2.Stmt == d.Stmt && (isDunder(o2.Name) || p.usedTopLevel(f, o2.Name, o)) {
			return false
		}
		if group != "" && tableGroup(o2.Name) == group {
			members[o2.Name] = true
		}
	}
	// A table of three constants or more documents a layout or a set of flags whole, read
	// or not (zipfile's _CD64_SIGNATURE, _CD64_DIRECTORY_RECSIZE, ...).
	return len(members) < 2
}

// tableGroup is the prefix that an upper-case constant shares with the others of its table
// ("_CD_" of _CD_CRC, "PY_" of PY_3_12_PLUS), or "".
func tableGroup(name string) string {
	if strings.ToUpper(name) != name {
		return ""
	}
	rest := strings.TrimLeft(name, "_")
	i := strings.IndexByte(rest, '_')
	if i <= 0 {
		return ""
	}
	return name[:len(name)-len(rest)+i+1]
}

// conventionalModules are modules that frameworks and tools load by their names: Django's
// app modules, Celery's tasks, test runners' files, setup scripts.
var conventionalModules = map[string]bool{
	"__main__": true, "conftest": true, "setup": true, "manage": true, "noxfile": true, "fabfile": true,
	"conf": true, "wsgi": true, "asgi": true, "models": true, "admin": true, "apps": true, "urls": true,
	"views": true, "signals": true, "receivers": true, "handlers": true, "tasks": true, "checks": true,
	"context_processors": true, "middleware": true, "sitemaps": true, "feeds": true, "translation": true,
	"dodo": true, "tests": true, "factories": true, "fixtures": true, "hooks": true, "plugins": true,
	"routers": true, "serializers": true, "forms": true, "api": true,
}

// conventionalDirs are directories whose modules are loaded by their place.
var conventionalDirs = []string{"migrations", "management", "templatetags", "tests", "test", "scripts", "bin", "docs", "examples", "versions",
	// Backends and middleware that settings name: ENGINE, EMAIL_BACKEND, MIDDLEWARE.
	"backends", "middleware"}

// dataDirs are directories whose .py files may be data: templates copied out, resources
// read by place (pre-commit's resources/empty_template_setup.py).
var dataDirs = []string{"resources", "templates", "data"}

// modules reports the modules nothing imports.
func (p *project) modules(o *Options) []finding.Finding {
	var cands []*File
	perDir := map[string]int{}
	for i := range p.in.Files {
		f := &p.in.Files[i]
		if p.unimported(f, o) {
			cands = append(cands, f)
			perDir[path.Dir(f.Path)]++
		}
	}
	var out []finding.Finding
	for _, f := range cands {
		// Two modules of a directory or more that nothing imports: a directory of plugins,
		// commands or data that code finds by its place (listdir, glob, a registry of
		// names), which the check cannot follow.
		if perDir[path.Dir(f.Path)] > 1 {
			continue
		}
		out = append(out, finding.Finding{
			Code: UnusedModule.Code, Rule: UnusedModule.Name, Path: f.Path, Line: 1, Col: 1,
			Message: fmt.Sprintf("module `%s` is never imported: no module of the project imports it or names it in a string, and it is no entry point", f.Module),
		})
	}
	return out
}

// unimported reports whether nothing imports module f, or may load it by its name or
// place.
func (p *project) unimported(f *File, o *Options) bool {
	m := f.Module
	if f.Facts == nil || f.Stub || m == "" || f.Package || f.Facts.Main || p.isIncomplete(m) {
		return false
	}
	if conventionalModule(f) {
		return false
	}
	if len(p.importers[m]) > 0 || p.mentioned(m) || p.loadedDynamically(m) {
		return false
	}
	if o.Library && publicModule(m) {
		return false
	}
	if !strings.Contains(m, ".") {
		return false // a top-level module: a script or a module of its own, run by name
	}
	for _, c := range strings.Split(m, ".") {
		if !identifier(c) {
			return false // __pip-runner__.py: no import can name it, it is run as a file
		}
	}
	if p.loadedByName(f) {
		return false
	}
	return !o.ignoredName(f, &usage.Def{Name: m})
}

// testSupport reports whether a module is a test suite's helpers (awscli.testutils,
// numpy.testing, trio._core._tests.tutil): what uses them is the test suite, which an
// installed package does not ship and which other projects' tests import.
func testSupport(m string) bool {
	for _, c := range strings.Split(m, ".") {
		if c == "testing" || strings.Contains(c, "testutil") || strings.HasSuffix(c, "_testing") || c == "_tests" || c == "_test" {
			return true
		}
	}
	return false
}

// conventionalModule reports whether a framework or a tool loads module f by its name or
// place (Django's models, a management command, a test), or whether it may be data.
func conventionalModule(f *File) bool {
	if frameworkModule(f) {
		return true
	}
	for _, d := range strings.Split(path.Dir(f.Path), "/") {
		if slices.Contains(dataDirs, d) {
			return true
		}
	}
	return false
}

// frameworkModule reports whether a framework or a tool loads module f by its name or place.
func frameworkModule(f *File) bool {
	m := f.Module
	last := m[strings.LastIndexByte(m, '.')+1:]
	if conventionalModules[last] || strings.HasPrefix(last, "test") || strings.HasSuffix(last, "_test") ||
		strings.Contains(last, "settings") || strings.Contains(last, "config") {
		return true
	}
	for _, d := range strings.Split(path.Dir(f.Path), "/") {
		if slices.Contains(conventionalDirs, d) {
			return true
		}
	}
	return false
}

// identifier reports whether s is a Python identifier (ASCII letters, digits, _, or any
// non-ASCII letter, not starting with a digit).
func identifier(s string) bool {
	if s == "" || isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c >= 0x80) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// loadedByName reports whether code of the project may load module m by a name it computes
// or lists: a module's name with a computed last part (f"pkg.providers.{region}"), a file
// name built from a piece of its name (Path("whitelists") / (name + "_whitelist.py")), or
// its last name as a string in its package (QUESTIONS = ["Welcome", ...], then
// exec("from .%s import %s" % (q, q))).
func (p *project) loadedByName(f *File) bool {
	m := f.Module
	pkg, last, _ := cutLast(m)
	// Its file named in a string ("activate_this.py": a template read as data), or
	// imported by its bare name from a file beside it (from whitelist_utils import
	// Whitelist, in files run as scripts from their directory).
	if p.strSet.Has(last+".py") || p.siblingImports[path.Dir(f.Path)+"/"+last] {
		return true
	}
	for _, suf := range p.suffixes {
		if strings.HasPrefix(suf, ".") && strings.HasSuffix(m, suf) {
			return true // import_module("%s.base" % engine)
		}
	}
	for _, pre := range p.prefixes {
		if strings.HasSuffix(pre, ".") && strings.HasPrefix(m, pre) {
			return true
		}
	}
	if p.affixed(last) != "" {
		return true
	}
	for i := range p.in.Files {
		g := &p.in.Files[i]
		if g.Facts == nil || g.Module == "" {
			continue
		}
		gpkg := g.Module
		if !g.Package {
			gpkg, _, _ = cutLast(gpkg)
		}
		if (gpkg == pkg || strings.HasPrefix(pkg, gpkg+".")) && has(g.Facts.Strings, last) {
			return true
		}
	}
	return false
}
