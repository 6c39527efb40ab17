package tach

import (
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/imports"
)

// checker is the Finisher of tach's contracts: what tach does once its checks have found
// their diagnostics, and what needs the files' text. It
//
//   - reads the "# tach-ignore" comments of every file tach checks, from the file's lines as
//     tach reads them, and removes the findings they silence (a comment applies to the line
//     of an imported name, or to the first line of the statement);
//   - reports, as rules.unused_ignore_directives says, the comments that silence nothing (and
//     a second comment for a line), and, as rules.require_ignore_directive_reasons says, those
//     without a reason;
//   - warns about imports of deprecated dependencies, and turns the findings about imports
//     inside functions into warnings when rules.local_imports = "warn";
//   - with exact = true, reports the depends_on entries no import uses, as tach check --exact.
//
// The engine found the violations; the checker decides per import, with tach's rules, only
// what tach's check does not fail on (deprecated dependencies) or what it looks for beyond
// violations (exact).
type checker struct {
	file      string    // the project's configuration file
	listed    []*module // the modules of the modules contract
	byPath    map[string]*module
	root      *module   // the root module when root_module is not "ignore"
	rootDecl  *module   // the [[modules]] entry of <root>, if any
	declared  []*module // every module declared, <root> included, without duplicates
	layers    map[string]int
	closed    []bool // per layer
	explict   bool   // layers_explicit_depends_on
	kinds     imports.KindSet
	exclude   []string
	excludeRe []*regexp.Regexp // use_regex_matching = true: the engine does not know them
	local     string           // rules.local_imports
	unused    string           // rules.unused_ignore_directives
	reasons   string           // rules.require_ignore_directive_reasons
	exact     bool
	name      string // the modules contract's name, for messages
}

func (p *project) checker() *checker {
	c := &checker{
		file: p.main.file, listed: p.listed(), byPath: map[string]*module{}, root: p.rootModule(), layers: map[string]int{},
		explict: p.raw.LayersExplicitDependsOn, kinds: p.kinds, exclude: p.excludeGlobs, excludeRe: p.excludeRegexps,
		local: p.localImports, unused: p.unusedIgnores, reasons: p.missingReasons, exact: p.raw.Exact, name: "tach modules",
	}
	for _, m := range c.listed {
		c.byPath[m.path] = m
	}
	for _, m := range p.modules {
		if m.dup {
			continue
		}
		c.declared = append(c.declared, m)
		if m.path == rootModule {
			c.rootDecl = m
		}
	}
	for i, l := range p.layers {
		c.layers[l.Name] = i
		c.closed = append(c.closed, l.Closed)
	}
	return c
}

// owner returns the module that holds a module of the project, as tach's nearest module: the
// longest declared prefix, else the root module (nil when root_module = "ignore").
func (c *checker) owner(name string) *module {
	for q := name; ; {
		if m := c.byPath[q]; m != nil {
			return m
		}
		i := strings.LastIndexByte(q, '.')
		if i < 0 {
			return c.root
		}
		q = q[:i]
	}
}

// excluded reports whether tach's exclude leaves a file out.
func (c *checker) excluded(path string) bool {
	return contracts.ExcludedPath(c.exclude, path) || excludedByRegexp(c.excludeRe, path)
}

// checked reports whether tach checks the imports of a module's file: it is held by a module
// that is not unchecked (the root module only when it is not ignored).
func (c *checker) checked(m *module) bool { return m != nil && !m.unchecked }

// edgeInfo is what the checker knows of one import of the project.
type edgeInfo struct {
	from, to *module // the modules that hold the importer and the imported module
}

// diag is a diagnostic of tach's check about one import: a finding of a contract, or a
// warning the checker found.
type diag struct {
	edge    int32
	res     *contracts.Result // nil for a warning
	finding int               // index in res.Findings
	warning string            // for a warning: the message, without its place
}

func (c *checker) Finish(results []*contracts.Result, in contracts.Input) {
	g := in.Graph
	if g == nil {
		return
	}
	var mods *contracts.Result
	var external []*contracts.Result
	var internal []*contracts.Result // the modules and interface contracts: tach check
	for _, r := range results {
		switch r.Contract.Spec.(type) {
		case *contracts.Allowed:
			mods = r
			internal = append(internal, r)
		case *contracts.Interface:
			internal = append(internal, r)
		case *contracts.External:
			external = append(external, r)
		}
	}
	if mods != nil {
		c.name = mods.Contract.Name
	}
	if len(c.excludeRe) > 0 {
		// The engine knows only globs: what the regular expressions leave out is dropped
		// here (tach's contracts look at direct imports only).
		for _, r := range results {
			kept := r.Findings[:0]
			for _, f := range r.Findings {
				if f.Code == contracts.CodeContract || !excludedByRegexp(c.excludeRe, f.Path) {
					kept = append(kept, f)
				}
			}
			r.Findings = kept
		}
	}
	moduleOf := map[string]bool{}
	for _, m := range g.Modules {
		moduleOf[m.Name] = true
	}
	resolve := func(name string) (string, bool) {
		if moduleOf[name] {
			return name, true
		}
		name = strings.TrimSuffix(name, ".__init__")
		return name, moduleOf[name]
	}

	// The files tach checks, and their directives. A file that cannot be read has none (the
	// workspace reported it already).
	files := map[string]*fileDirectives{}
	checkedFile := func(path string) bool {
		_, ok := files[path]
		return ok
	}
	var paths []string
	for _, m := range g.Modules {
		if strings.HasSuffix(m.Path, ".py") && !c.excluded(m.Path) && c.checked(c.owner(m.Name)) {
			paths = append(paths, m.Path)
		}
	}
	for i, fd := range readAll(paths, in.ReadFile) {
		files[paths[i]] = fd
	}

	// Imports tach collects: not under `if TYPE_CHECKING:` unless it checks those. tach check
	// sets aside the directives on the lines of imports from outside the project, and
	// check-external those on imports of the project: the external contracts get their own
	// copy of the directives.
	collected := c.kinds | imports.Kinds(imports.KindFunction)
	extFiles := map[string]*fileDirectives{}
	copyOf := func(fd *fileDirectives) *fileDirectives {
		cp := &fileDirectives{active: map[int]*directive{}, redundant: append([]*directive{}, fd.redundant...)}
		for k, d := range fd.active {
			cp.active[k] = d
		}
		return cp
	}
	if len(external) > 0 {
		for path, fd := range files {
			extFiles[path] = copyOf(fd)
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		fd := files[e.Path]
		if fd == nil || !collected.Has(e.Kind) {
			continue
		}
		if e.Category == imports.Stdlib || e.Category == imports.ThirdParty {
			fd.drop(stmtLine(e))
		} else if efd := extFiles[e.Path]; efd != nil {
			efd.drop(stmtLine(e))
		}
	}

	// The imports of the files tach checks that the modules contract looks at.
	info := map[int32]edgeInfo{}
	for i := range g.Edges {
		e := &g.Edges[i]
		if e.Category != imports.FirstParty || !c.kinds.Has(e.Kind) || !checkedFile(e.Path) {
			continue
		}
		from, ok1 := resolve(e.Importer)
		to, ok2 := resolve(e.Imported)
		if !ok1 || !ok2 {
			continue
		}
		fm, tm := c.owner(from), c.owner(to)
		if fm == nil || tm == nil || fm == tm || fm.unchecked {
			continue
		}
		info[int32(i)] = edgeInfo{fm, tm}
	}

	// Each finding of tach check, with its import.
	at := map[string]int32{}
	for i := range g.Edges {
		e := &g.Edges[i]
		at[posKey(e.Path, e.Line, e.Col+1)] = int32(i)
	}
	var diags []diag
	for _, r := range internal {
		for fi, f := range r.Findings {
			if ei, ok := at[posKey(f.Path, f.Line, f.Col)]; ok && f.Code != contracts.CodeContract {
				diags = append(diags, diag{edge: ei, res: r, finding: fi})
			}
		}
	}
	// Imports of deprecated dependencies.
	for _, ei := range sortedEdges(info) {
		e := &g.Edges[ei]
		if d := c.deprecated(info[ei]); d != nil {
			diags = append(diags, diag{edge: ei, warning: fmt.Sprintf("[%s] %s -> %s: %s depends on %s, a deprecated dependency (%q in depends_on at %s:%d)",
				c.name, e.Importer, e.Imported, info[ei].from.path, info[ei].to.path, d.path, info[ei].from.src.file, info[ei].from.src.tbl.Line(d.key))})
		}
	}

	// The directives silence the diagnostics they match; each is used by the first directive
	// that matches it (in the order of the lines they apply to).
	drop := map[*contracts.Result]map[int]bool{}
	for _, d := range diags {
		e := &g.Edges[d.edge]
		silenced := files[e.Path].claim(e)
		switch {
		case d.res != nil && silenced:
			if drop[d.res] == nil {
				drop[d.res] = map[int]bool{}
			}
			drop[d.res][d.finding] = true
		case d.res != nil && c.local == "warn" && e.Kind == imports.KindFunction:
			// rules.local_imports = "warn": a warning, not a failure.
			if drop[d.res] == nil {
				drop[d.res] = map[int]bool{}
			}
			drop[d.res][d.finding] = true
			f := d.res.Findings[d.finding]
			d.res.Warnings = append(d.res.Warnings, fmt.Sprintf("%s:%d:%d: %s (an import inside a function: rules.local_imports = \"warn\")", f.Path, f.Line, f.Col, f.Message))
		case d.res == nil && !silenced && mods != nil && e.Kind == imports.KindFunction && c.local == "error":
			// tach gives the diagnostics about imports inside functions the severity of
			// rules.local_imports, "error" by default: a deprecated one fails there.
			mods.Findings = append(mods.Findings, finding.Finding{
				Code: contracts.CodeAllowed, Rule: "undeclared-dependency", Path: e.Path, Line: e.Line, Col: e.Col + 1,
				Message: d.warning + `: tach only warns about a deprecated dependency, but this import is inside a function, and rules.local_imports ("error" by default) makes that an error`,
			})
		case d.res == nil && !silenced && mods != nil:
			mods.Warnings = append(mods.Warnings, fmt.Sprintf("%s:%d:%d: %s; tach warns, and passes", e.Path, e.Line, e.Col+1, d.warning))
		}
	}

	// tach check-external reads a directive on the first line of a statement only, and the
	// names as the module or the name imported.
	for _, r := range external {
		for fi, f := range r.Findings {
			if ei, ok := at[posKey(f.Path, f.Line, f.Col)]; ok && f.Code != contracts.CodeContract {
				if e := &g.Edges[ei]; extFiles[e.Path].ignoredExternal(e) {
					if drop[r] == nil {
						drop[r] = map[int]bool{}
					}
					drop[r][fi] = true
				}
			}
		}
	}
	for r, gone := range drop {
		kept := r.Findings[:0]
		for i, f := range r.Findings {
			if !gone[i] {
				kept = append(kept, f)
			}
		}
		r.Findings = kept
	}

	if mods == nil {
		return
	}
	c.configWarnings(mods, g)
	c.reportDirectives(mods, files)
	if c.exact {
		c.reportUnused(mods, g, info, files)
	}
}

// readAll reads the directives of the files, in parallel; a file that cannot be read has none.
func readAll(paths []string, read func(string) ([]byte, error)) []*fileDirectives {
	out := make([]*fileDirectives, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(paths)/16, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				out[i] = &fileDirectives{active: map[int]*directive{}}
				if read == nil {
					continue
				}
				if data, err := read(paths[i]); err == nil {
					out[i] = readDirectives(string(data))
				}
			}
		}()
	}
	wg.Wait()
	return out
}

func posKey(path string, line, col int) string { return fmt.Sprintf("%s:%d:%d", path, line, col) }

func sortedEdges(m map[int32]edgeInfo) []int32 {
	out := make([]int32, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// decide applies tach's order to an import from module a to module b, another module: layers
// first (a lower layer may always be imported unless layers_explicit_depends_on; a higher one,
// or one past a closed layer, never), then cannot_depend_on, then depends_on (left out: any
// module), where a utility module is always allowed. It returns whether tach reports the
// import (violation), whether it goes through depends_on (declared: the first matching entry,
// or nil when it is a violation or allowed otherwise), and whether tach would report it if
// the module declared no dependency at all (what tach check --exact looks for).
func (c *checker) decide(a, b *module) (violation bool, declared *dep, needsDeclaring bool) {
	la, oka := c.layers[a.layer]
	lb, okb := c.layers[b.layer]
	if a.layer != "" && b.layer != "" && oka && okb {
		if lb < la {
			return true, nil, true
		}
		for l := la + 1; l < lb; l++ {
			if c.closed[l] {
				return true, nil, true
			}
		}
		if lb > la && !c.explict {
			return false, nil, false
		}
	}
	for i := range a.cannot {
		if tachMatch(a.cannot[i].path, b.path) {
			return true, nil, true
		}
	}
	if b.utility {
		return false, nil, false
	}
	if a.anyDep {
		return false, nil, true
	}
	for i := range a.deps {
		if tachMatch(a.deps[i].path, b.path) {
			return false, &a.deps[i], true
		}
	}
	return true, nil, true
}

// deprecated returns the deprecated depends_on entry an import goes through, or nil.
func (c *checker) deprecated(ei edgeInfo) *dep {
	if _, d, _ := c.decide(ei.from, ei.to); d != nil && d.deprecated {
		return d
	}
	return nil
}

// tachMatch matches a module path against a depends_on entry as tach does: the same path, or
// a glob where "*" is one segment and "**" any number, none included.
func tachMatch(pattern, path string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == path
	}
	return contracts.MatchSegments(strings.Split(pattern, "."), strings.Split(path, "."), 0)
}

// reportDirectives reports the directives that silence nothing and those without a reason,
// as tach's rules say: "error" is a finding of the modules contract (ARCH009), "warn" a
// warning line.
func (c *checker) reportDirectives(mods *contracts.Result, files map[string]*fileDirectives) {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	report := func(rule, severity, path string, line int, msg string) {
		switch severity {
		case "error":
			mods.Findings = append(mods.Findings, finding.Finding{
				Code: contracts.CodeUnusedIgnore, Rule: "unused-ignore-import", Path: path, Line: line, Col: 1,
				Message: fmt.Sprintf("[%s] %s (rules.%s = \"error\" in %s)", c.name, msg, rule, c.file),
			})
		case "warn":
			mods.Warnings = append(mods.Warnings, fmt.Sprintf("%s:%d: [%s] %s", path, line, c.name, msg))
		}
	}
	for _, p := range paths {
		fd := files[p]
		all := append(fd.sorted(), fd.redundant...)
		sort.SliceStable(all, func(i, j int) bool { return all[i].line < all[j].line })
		redundant := map[*directive]bool{}
		for _, d := range fd.redundant {
			redundant[d] = true
		}
		for _, d := range all {
			if redundant[d] {
				report("unused_ignore_directives", c.unused, p, d.line,
					fmt.Sprintf("this tach-ignore comment is redundant: another one already applies to line %d; remove one", d.applies))
				continue
			}
			if d.reason == "" {
				report("require_ignore_directive_reasons", c.reasons, p, d.line,
					"this tach-ignore comment has no reason: write it as # tach-ignore(why) ...")
			}
			if !d.used {
				report("unused_ignore_directives", c.unused, p, d.line,
					fmt.Sprintf("this tach-ignore comment silences nothing on line %d: remove it", d.applies))
			}
		}
	}
}

// configWarnings warns, at their lines, about what tach accepts in its configuration but
// checks nothing with: a module that is not in the project (tach warns "Module containing 'x'
// not found in project."), and a depends_on or cannot_depend_on entry that names no declared
// module (tach says nothing: it matches no import).
func (c *checker) configWarnings(mods *contracts.Result, g *imports.Graph) {
	var inGraph []string
	have := map[string]bool{}
	for _, m := range g.Modules {
		inGraph = append(inGraph, m.Name)
		have[m.Name] = true
	}
	var names []string
	for _, m := range c.declared {
		names = append(names, m.path)
	}
	warn := func(m *module, key, msg string) {
		mods.Warnings = append(mods.Warnings, fmt.Sprintf("%s:%d: [%s] %s", m.src.file, m.src.tbl.Line(key), c.name, msg))
	}
	hint := func(name string, candidates []string) string {
		if near := config.Suggest(name, candidates); near != "" {
			return fmt.Sprintf(" (did you mean %q?)", near)
		}
		return ""
	}
	for _, m := range c.listed {
		if !have[m.path] {
			warn(m, m.pathKey, fmt.Sprintf("module %q is not in the project%s: tach only warns (\"Module containing '%s' not found in project.\"), and its rules check nothing",
				m.path, hint(m.path, inGraph), m.path))
		}
	}
	for _, m := range c.declared {
		for _, key := range []string{"depends_on", "cannot_depend_on"} {
			what, list := key, m.deps
			if key == "cannot_depend_on" {
				list = m.cannot
			}
			for _, d := range list {
				if d.path == rootModule || hasGlobSyntax(d.path) || contains(names, d.path) {
					continue
				}
				warn(m, d.key, fmt.Sprintf("%s of %q names %q, which no module of tach's configuration declares%s: tach accepts it, and it matches no import",
					what, m.path, d.path, hint(d.path, names)))
			}
		}
	}
}

// reportUnused reports, for exact = true, the depends_on entries that no import uses, as tach
// check --exact does: it checks the imports as if no module declared a dependency, and an
// entry is used when it matches a module one of those checks would report.
func (c *checker) reportUnused(mods *contracts.Result, g *imports.Graph, info map[int32]edgeInfo, files map[string]*fileDirectives) {
	used := map[*module]map[string]bool{}
	for ei, in := range info {
		e := &g.Edges[ei]
		if _, _, needs := c.decide(in.from, in.to); !needs || files[e.Path].silences(e) {
			continue
		}
		if used[in.from] == nil {
			used[in.from] = map[string]bool{}
		}
		used[in.from][in.to.path] = true
	}
	// Every declared module, <root> included: with root_module = "ignore" nothing of it is
	// ever detected, so all its entries, and every entry naming it, are unused (as in tach).
	declared := append([]*module{}, c.listed...)
	if c.rootDecl != nil {
		declared = append(declared, c.rootDecl)
	}
	for _, m := range declared {
		if m.anyDep {
			continue
		}
		owner := m
		if m == c.rootDecl {
			owner = c.root // nil when ignored
		}
		for _, d := range m.deps {
			found := false
			for target := range used[owner] {
				if tachMatch(d.path, target) {
					found = true
					break
				}
			}
			if found && owner != nil {
				continue
			}
			err := m.src.tbl.Errorf(d.key, "x")
			mods.Findings = append(mods.Findings, finding.Finding{
				Code: contracts.CodeAllowed, Rule: "undeclared-dependency", Path: m.src.file, Line: err.Line, Col: max(err.Col, 1),
				Message: fmt.Sprintf("[%s] %q does not depend on %q: no import of %s uses this depends_on entry, and exact = true (in %s) reports it; "+
					"remove it from depends_on (tach sync does)", c.name, m.path, d.path, m.path, c.file),
			})
		}
	}
}

// silences reports whether a directive silences a diagnostic about e, without marking it used.
func (fd *fileDirectives) silences(e *imports.Edge) bool {
	if fd == nil {
		return false
	}
	path := importPath(e)
	for _, l := range []int{stmtLine(e), e.Line} {
		if d := fd.active[l]; d != nil && d.matches(path) {
			return true
		}
	}
	return false
}
