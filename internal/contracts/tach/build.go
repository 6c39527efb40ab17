package tach

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/stdlib"
)

// neverMatches is an expose pattern no name matches: the interface of an [[interfaces]] entry
// whose expose list is empty (Interface.Expose left empty would mean __all__ instead).
const neverMatches = `[^\x00-\x{10FFFF}]`

// build checks what was read as a whole and translates it.
func (p *project) build() (*Config, error) {
	byPath := p.checkDuplicates()
	p.checkLayers()
	p.checkVisibility(byPath)
	p.checkRoot()
	if p.raw.ForbidCircularDependencies {
		p.checkCycles()
	}
	var cs []contracts.Contract
	mods := p.allowedContract()
	if mods != nil {
		cs = append(cs, *mods)
	}
	cs = append(cs, p.interfaceContracts()...)
	cs = append(cs, p.externalContracts()...)
	if err := p.err(); err != nil {
		return nil, err
	}
	chk := p.checker()
	for i := range cs {
		cs[i].Origin.Tool = contracts.FromTach
		cs[i].Kinds = p.kinds
		cs[i].UnmatchedIgnores = contracts.AlertNone // tach has no ignore-imports: the ones here are made up
		cs[i].ExcludePaths = p.excludeGlobs
		cs[i].EveryImport = true // tach reports each import, and a tach-ignore comment is about one
		// A module missing from the project is a warning, as in tach: the checker gives it,
		// once, at its line.
		cs[i].MissingModules = contracts.AlertNone
		cs[i].Finish = chk
	}
	cfg := &Config{File: p.main.file, SourceRoots: p.sourceRoots, Exclude: p.raw.Exclude, Contracts: cs}
	if p.readIgnored {
		no := false
		cfg.RespectGitignore = &no
	}
	return cfg, nil
}

// where names the place of key in s for a message about a key of from.
func where(s, from *source, key string) string {
	if s == from {
		return "line " + strconv.Itoa(s.tbl.Line(key))
	}
	return fmt.Sprintf("%s:%d", s.file, s.tbl.Line(key))
}

// checkDuplicates reports modules declared twice, as tach does, and returns the modules by
// path (the first declaration of each).
func (p *project) checkDuplicates() map[string]*module {
	byPath := map[string]*module{}
	for _, m := range p.modules {
		if first, ok := byPath[m.path]; ok {
			m.dup = true
			name := m.path
			if name == rootModule {
				name = rootModule + " (the root module)"
			}
			p.errorf(m.src, m.pathKey, "module %s is declared twice (first at %s), which tach refuses: merge the two entries",
				strconv.Quote(name), where(first.src, m.src, first.pathKey))
			continue
		}
		byPath[m.path] = m
	}
	return byPath
}

// listed returns the modules of the contracts: those declared, less tach's <root> (which
// buttress leaves unchecked, as tach's root_module = "ignore" does) and duplicates.
func (p *project) listed() []*module {
	var out []*module
	for _, m := range p.modules {
		if !m.dup && m.path != rootModule {
			out = append(out, m)
		}
	}
	return out
}

// checkLayers reports modules in a layer that layers does not list. tach reports it when it
// checks an import between two modules with layers; buttress, at once.
func (p *project) checkLayers() {
	var names []string
	for _, l := range p.layers {
		names = append(names, strconv.Quote(l.Name))
	}
	for _, m := range p.listed() {
		if m.layerKey == "" || contains(names, strconv.Quote(m.layer)) {
			continue
		}
		if len(names) == 0 {
			p.errorf(m.src, m.layerKey, "module %q is in layer %q, but %s has no \"layers\" list: declare the layers, highest first (layers = [\"ui\", \"core\"])",
				m.path, m.layer, p.main.file)
			continue
		}
		var plain []string
		for _, l := range p.layers {
			plain = append(plain, l.Name)
		}
		hint := ""
		if near := config.Suggest(m.layer, plain); near != "" {
			hint = fmt.Sprintf(": did you mean %q?", near)
		}
		p.errorf(m.src, m.layerKey, "module %q is in layer %q, which \"layers\" in %s does not list (it lists %s)%s",
			m.path, m.layer, p.main.file, strings.Join(names, ", "), hint)
	}
}

// checkVisibility reports a module that declares a dependency on a module whose visibility
// leaves it out: tach refuses such a configuration.
func (p *project) checkVisibility(byPath map[string]*module) {
	for _, m := range p.modules {
		if m.dup {
			continue
		}
		self := m.path
		if self == rootModule {
			self = "." // what tach matches for <root>
		}
		for _, d := range m.deps {
			t := byPath[d.path]
			if t == nil || t.visibility == nil || t == m {
				continue
			}
			visible := false
			for _, v := range t.visibility {
				if visibilityMatcher(v).MatchString(self) {
					visible = true
					break
				}
			}
			if visible {
				continue
			}
			to := "no module"
			if len(t.visibility) > 0 {
				to = "only " + quoteList(t.visibility)
			}
			p.errorf(m.src, d.key, "module %q may not depend on %q, which is visible to %s (its visibility, at %s): tach refuses this dependency",
				m.path, t.path, to, where(t.src, m.src, t.visKey))
		}
	}
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// checkCycles reports cycles among the modules' depends_on, for forbid_circular_dependencies.
// Like tach, it looks at the configuration, not at the imports (a glob in depends_on is a name
// like any other), and names every module of every cycle: tach prints "Circular dependency
// detected for module 'a'" for each module of each strongly connected component of the
// declared graph. Each error is at the module's depends_on entry that leads on round the
// shortest cycle through it.
func (p *project) checkCycles() {
	var nodes []string
	edges := map[string][]string{}
	byPath := map[string]*module{}
	for _, m := range p.modules {
		if m.dup {
			continue
		}
		nodes = append(nodes, m.path)
		byPath[m.path] = m
		for _, d := range m.deps {
			edges[m.path] = append(edges[m.path], d.path)
		}
	}
	for _, comp := range components(nodes, edges) {
		for _, name := range comp {
			m := byPath[name]
			cycle := cycleIn(name, comp, edges)
			key := m.pathKey
			for _, d := range m.deps {
				if d.path == cycle[1] {
					key = d.key
					break
				}
			}
			p.errorf(m.src, key, "circular dependency detected for module %q (%s), which tach refuses with forbid_circular_dependencies = true: "+
				"remove one of these dependencies, or unset forbid_circular_dependencies in %s to allow circular dependencies",
				name, strings.Join(cycle, " -> "), p.main.file)
		}
	}
}

// components returns the strongly connected components of two or more nodes, each sorted,
// in the order of their first node.
func components(nodes []string, edges map[string][]string) [][]string {
	id := map[string]int32{}
	names := append([]string{}, nodes...)
	number := func(v string) int32 {
		if i, ok := id[v]; ok {
			return i
		}
		id[v] = int32(len(names))
		names = append(names, v)
		return id[v]
	}
	for i, v := range nodes {
		id[v] = int32(i)
	}
	var out [][]int32
	for _, v := range nodes {
		for _, w := range edges[v] {
			from, to := number(v), number(w)
			for int(max(from, to)) >= len(out) {
				out = append(out, nil)
			}
			out[from] = append(out[from], to)
		}
	}
	for len(out) < len(names) {
		out = append(out, nil)
	}
	var comps [][]string
	for _, c := range imports.StronglyConnected(out) {
		if len(c) < 2 {
			continue
		}
		comp := make([]string, len(c))
		for i, v := range c {
			comp[i] = names[v]
		}
		sort.Strings(comp)
		comps = append(comps, comp)
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i][0] < comps[j][0] })
	return comps
}

// cycleIn returns a shortest cycle through start, a node of the component comp, start repeated
// at the end.
func cycleIn(start string, comp []string, edges map[string][]string) []string {
	in := map[string]bool{}
	for _, v := range comp {
		in[v] = true
	}
	prev := map[string]string{}
	queue := []string{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range edges[v] {
			if !in[w] {
				continue
			}
			if w == start {
				path := []string{start}
				for u := v; u != start; u = prev[u] {
					path = append(path, u)
				}
				for i, j := 1, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return append(path, start)
			}
			if _, seen := prev[w]; !seen {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return comp // not reached: a component of two or more nodes has a cycle through each
}

// patternExprs turns depends_on or cannot_depend_on entries into module expressions. tach's
// "**" may match no segment ("a.**" is a and all below it); an expression's "**" is at least
// one, so each "**" gives the expression with it and the one without it.
func patternExprs(deps []dep, keepRoot bool) []string {
	var out []string
	for _, d := range deps {
		if d.path == rootModule {
			if keepRoot && !contains(out, rootModule) {
				out = append(out, rootModule) // the root module's name in the contract
			}
			continue // <root> is not checked (root_module = "ignore")
		}
		for _, e := range expandDoubleStar(strings.Split(d.path, ".")) {
			if !contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

func expandDoubleStar(segs []string) []string {
	variants := [][]string{nil}
	for _, seg := range segs {
		var next [][]string
		for _, v := range variants {
			if seg == "**" {
				next = append(next, v) // "**" matching no segment
			}
			next = append(next, append(append([]string{}, v...), seg))
		}
		variants = next
	}
	var out []string
	for _, v := range variants {
		if e := strings.Join(v, "."); e != "" && !contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// allowedContract is the modules and layers.
func (p *project) allowedContract() *contracts.Contract {
	mods := p.listed()
	if len(mods) == 0 {
		return nil
	}
	spec := &contracts.Allowed{LayersExplicit: p.raw.LayersExplicitDependsOn}
	if len(p.layers) > 0 {
		spec.Layers = p.layers
	}
	for _, m := range mods {
		spec.Modules = append(spec.Modules, p.allowedModule(m))
	}
	if root := p.rootModule(); root != nil {
		am := p.allowedModule(root)
		spec.Root = &am
	}
	line := p.main.tbl.Line("modules")
	if line == 0 {
		line = p.main.tbl.Line("layers")
	}
	return &contracts.Contract{
		Name:   "tach modules",
		Origin: contracts.Origin{File: p.main.file, Line: line},
		Guidance: fmt.Sprintf("tach's rules are the [[modules]] of %s: import only what the importing module's depends_on and layer allow, "+
			"or change them there; a deliberate exception takes a \"# tach-ignore(reason)\" comment on the import's line or alone on the line above", p.main.file),
		Spec: spec,
	}
}

// allowedModule is a module of the modules contract. Visibility is checked on the
// configuration (checkVisibility), as tach does, not on each import: the engine's Visibility
// would also flag modules that declare nothing.
func (p *project) allowedModule(m *module) contracts.AllowedModule {
	keepRoot := p.rootTreatment != "ignore"
	return contracts.AllowedModule{
		Module: m.path, AnyDependency: m.anyDep, Layer: m.layer, Utility: m.utility, Unchecked: m.unchecked,
		DependsOn: patternExprs(m.deps, keepRoot), CannotDependOn: patternExprs(m.cannot, keepRoot),
		At: contracts.Origin{File: m.src.file, Line: m.src.tbl.Line(m.pathKey)},
	}
}

// rootModule is tach's <root> module when root_module is not "ignore": the [[modules]] entry
// of "<root>", or else tach's default for it, a module that may depend on nothing. nil when
// the root module is ignored.
func (p *project) rootModule() *module {
	if p.rootTreatment == "ignore" {
		return nil
	}
	for _, m := range p.modules {
		if m.path == rootModule && !m.dup {
			return m
		}
	}
	return &module{src: p.main, path: rootModule, deps: []dep{}}
}

// checkRoot checks root_module = "forbid" and "dependenciesonly" as tach does: "forbid" refuses
// any mention of <root> (a module or a dependency), "dependenciesonly" a dependency on it.
func (p *project) checkRoot() {
	switch p.rootTreatment {
	case "forbid":
		for _, m := range p.modules {
			if m.path == rootModule {
				p.errorf(m.src, m.pathKey, "root_module = \"forbid\" forbids any mention of <root>, the code no module holds, and this module is <root>: "+
					"declare modules that hold that code instead, or set root_module to \"allow\"")
			}
		}
		fallthrough
	case "dependenciesonly":
		for _, m := range p.modules {
			for _, d := range m.deps {
				if d.path == rootModule {
					p.errorf(m.src, d.key, "root_module = %q forbids a dependency on <root>, the code no module holds (module %q declares one): "+
						"move that code into a module and depend on it, or set root_module to \"allow\"", p.rootTreatment, m.path)
				}
			}
		}
	}
}

// nested returns the listed modules strictly inside m.
func nested(m *module, mods []*module) []string {
	var out []string
	for _, n := range mods {
		if n.path != m.path && imports.Within(n.path, m.path) {
			out = append(out, n.path)
		}
	}
	return out
}

// ignore adds an ignore-imports entry unless it is there.
func ignore(list []contracts.IgnoreImport, importer, imported string) []contracts.IgnoreImport {
	for _, ig := range list {
		if ig.Importer == importer && ig.Imported == imported {
			return list
		}
	}
	return append(list, contracts.IgnoreImport{Importer: importer, Imported: imported, Raw: importer + " -> " + imported})
}

// interfaceContracts turns [[interfaces]] into Interface contracts. tach gives each module
// the expose patterns of every entry whose "from" matches its path (an import is fine when
// any of them matches), so the contracts are per module: modules with the same patterns
// share one.
func (p *project) interfaceContracts() []contracts.Contract {
	mods := p.listed()
	if len(p.interfaces) == 0 || len(mods) == 0 {
		return nil
	}
	type group struct {
		expose  []string
		origin  *ifaceEntry
		members []*module
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, m := range mods {
		var expose []string
		var origin *ifaceEntry
		for _, e := range p.interfaces {
			if !e.matches(m.path) {
				continue
			}
			if origin == nil {
				origin = e
			}
			for _, x := range e.expose {
				if !contains(expose, x) {
					expose = append(expose, x)
				}
			}
		}
		if origin == nil {
			continue
		}
		k := strings.Join(expose, "\x00")
		g := byKey[k]
		if g == nil {
			g = &group{expose: expose, origin: origin}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.members = append(g.members, m)
	}
	// tach checks the imports of the code no module holds only when root_module is not
	// "ignore": Within leaves that code out otherwise.
	var within []string
	if p.rootTreatment == "ignore" {
		for _, m := range mods {
			within = append(within, m.path)
		}
	}
	var out []contracts.Contract
	for _, g := range groups {
		// A module nested in another is its own tach module, with its own interface (or none):
		// the package's contract ignores imports of it, and the two cannot share a contract.
		var bins [][]*module
	place:
		for _, m := range g.members {
			for i, bin := range bins {
				clash := false
				for _, o := range bin {
					if imports.Within(m.path, o.path) || imports.Within(o.path, m.path) {
						clash = true
						break
					}
				}
				if !clash {
					bins[i] = append(bin, m)
					continue place
				}
			}
			bins = append(bins, []*module{m})
		}
		for _, bin := range bins {
			spec := &contracts.Interface{Expose: g.expose}
			if len(spec.Expose) == 0 {
				spec.Expose = []string{neverMatches}
			}
			var ignores []contracts.IgnoreImport
			var names []string
			for _, m := range bin {
				spec.Packages = append(spec.Packages, m.path)
				names = append(names, m.path)
				for _, n := range nested(m, mods) {
					ignores = ignore(ignores, "**", n)
					ignores = ignore(ignores, "**", n+".**")
				}
			}
			// tach does not check the imports of an unchecked module at all.
			for _, m := range mods {
				if m.unchecked {
					ignores = ignore(ignores, m.path, "**")
					ignores = ignore(ignores, m.path+".**", "**")
				}
			}
			out = append(out, contracts.Contract{
				Name:          "tach interface of " + shortList(names),
				Origin:        contracts.Origin{File: g.origin.src.file, Line: g.origin.src.tbl.Line(g.origin.key)},
				IgnoreImports: ignores,
				Within:        within,
				Guidance: fmt.Sprintf("import only what the module's interface exposes (the [[interfaces]] whose \"from\" matches it, in %s), "+
					"or add the name to its expose list; a deliberate exception takes a \"# tach-ignore(reason)\" comment", g.origin.src.file),
				Spec: spec,
			})
		}
	}
	return out
}

func (e *ifaceEntry) matches(path string) bool {
	for _, re := range e.from {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

// shortList names up to three items, then says how many more there are.
func shortList(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

// externalContracts turns depends_on_external and cannot_depend_on_external, which tach
// check-external enforces, into External contracts.
func (p *project) externalContracts() []contracts.Contract {
	mods := p.listed()
	var out []contracts.Contract
	for _, m := range mods {
		if m.unchecked || m.depsExt == nil && len(m.cannotExt) == 0 {
			continue
		}
		spec := &contracts.External{Modules: []string{m.path}}
		if m.depsExt != nil && len(*m.depsExt) > 0 {
			spec.Allow = append([]string{}, *m.depsExt...)
			for _, n := range p.extExclude {
				if !contains(spec.Allow, n) {
					spec.Allow = append(spec.Allow, n) // tach check-external skips excluded names
				}
			}
		}
		for _, n := range m.cannotExt {
			// tach check-external never looks at the standard library, nor at excluded names.
			if !isStdlib(n) && !contains(p.extExclude, n) && !contains(spec.Deny, n) {
				spec.Deny = append(spec.Deny, n)
			}
		}
		if len(spec.Allow) == 0 && len(spec.Deny) == 0 {
			continue
		}
		var ignores []contracts.IgnoreImport
		for _, n := range nested(m, mods) {
			ignores = ignore(ignores, n, "**")
			ignores = ignore(ignores, n+".**", "**")
		}
		out = append(out, contracts.Contract{
			Name:          "tach external dependencies of " + m.path,
			Origin:        contracts.Origin{File: m.src.file, Line: m.src.tbl.Line(m.extKey)},
			IgnoreImports: ignores,
			Guidance: fmt.Sprintf("depends_on_external and cannot_depend_on_external of %s in %s say what it may import from outside the project",
				m.path, m.src.file),
			Spec: spec,
		})
	}
	return out
}

// isStdlib reports whether name is a top-level module of the standard library of any Python
// version buttress knows.
func isStdlib(name string) bool {
	for _, v := range stdlib.Versions {
		major, minor, _ := strings.Cut(v, ".")
		ma, _ := strconv.Atoi(major)
		mi, _ := strconv.Atoi(minor)
		if stdlib.Is(ma, mi, name) {
			return true
		}
	}
	return false
}
