package contracts

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/imports"
)

// Input is what contracts are checked on.
type Input struct {
	Graph *imports.Graph
	// All holds, for each module whose __all__ is a literal list or tuple of strings, its
	// names (for Interface contracts).
	All map[string][]string
	// ReadFile, when not nil, reads a file of the project by its path relative to the root
	// (as edges and modules give it): for finishers that read what the graph does not hold,
	// such as comments.
	ReadFile func(path string) ([]byte, error)
}

// Result is the outcome of one contract.
type Result struct {
	Contract *Contract
	Findings []finding.Finding // violations, unused ignores and errors in the contract
	Warnings []string          // unused ignores when the contract asks for warnings only
}

// Kept reports whether the contract holds.
func (r *Result) Kept() bool { return len(r.Findings) == 0 }

// DefaultKinds are the import kinds a contract looks at unless it says otherwise.
const DefaultKinds = imports.KindSet(1<<imports.KindModule | 1<<imports.KindFunction)

// maxChains bounds the indirect chains reported for one pair of module sets: past it, one
// more finding says how many were left out.
const maxChains = 50

// Check checks every contract on the graph, in parallel, and returns one result per contract
// in the same order. workers <= 0 means one per core.
func Check(cs []Contract, in Input, workers int) []Result {
	x := newIndex(in.Graph)
	roots := grimpRoots(x, cs)
	results := make([]Result, len(cs))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, len(cs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = checkOne(x, &cs[i], in, roots[i])
			}
		}()
	}
	for i := range cs {
		next <- i
	}
	close(next)
	wg.Wait()
	finish(cs, results, in)
	return results
}

// finish calls each contract's Finisher once, with the results of the contracts that share
// it, in order; findings are sorted again after.
func finish(cs []Contract, results []Result, in Input) {
	var order []Finisher
	groups := map[Finisher][]*Result{}
	for i := range cs {
		f := cs[i].Finish
		if f == nil {
			continue
		}
		if _, ok := groups[f]; !ok {
			order = append(order, f)
		}
		groups[f] = append(groups[f], &results[i])
	}
	for _, f := range order {
		f.Finish(groups[f], in)
		for _, r := range groups[f] {
			finding.Sort(r.Findings)
		}
	}
}

// rootsProblem is what is wrong with the root packages of a contract with a GrimpGraph: msg is
// the error, reported once, by the contract declared first at the same place (first); the
// others say that they are not checked.
type rootsProblem struct {
	msg   string
	first bool
	at    Origin
}

// grimpRoots checks the root packages of the contracts with a GrimpGraph, once for each place
// they are declared at, and returns the problem of each contract (nil when fine).
func grimpRoots(x *index, cs []Contract) []*rootsProblem {
	out := make([]*rootsProblem, len(cs))
	type key struct {
		at     Origin
		within string
	}
	seen := map[key]string{}
	for i := range cs {
		c := &cs[i]
		if c.Grimp == nil {
			continue
		}
		k := key{c.Grimp.RootsAt, strings.Join(c.Within, "\n")}
		msg, done := seen[k]
		if !done {
			msg = x.rootsMessage(c.Within)
			seen[k] = msg
		}
		if msg != "" {
			out[i] = &rootsProblem{msg: msg, first: !done, at: c.Grimp.RootsAt}
		}
	}
	return out
}

// rootsMessage says which of the root packages is not a package of the project, "" when all
// are.
func (x *index) rootsMessage(roots []string) string {
	key := "root_package"
	if len(roots) > 1 {
		key = "root_packages"
	}
	for _, r := range roots {
		i, ok := x.id[r]
		if !ok {
			where := strings.Join(x.g.Roots, ", ")
			if where == "" {
				where = "."
			}
			var candidates []string
			for j, n := range x.names {
				if x.isPkg[j] && strings.Count(n, ".") == strings.Count(r, ".") {
					candidates = append(candidates, n)
				}
			}
			hint := ""
			if s := config.Suggest(r, candidates); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			} else if len(candidates) > 0 && len(candidates) <= 10 {
				hint = fmt.Sprintf("; its packages are %s", strings.Join(candidates, ", "))
			}
			return fmt.Sprintf("%s %q is not a package of the project at %s (import-linter fails on it too)%s", key, r, where, hint)
		}
		if !x.isPkg[i] {
			return fmt.Sprintf("%s %q is a single-file module (%s), not a package: import-linter needs packages (it fails on this too); name the package instead", key, r, x.g.Modules[i].Path)
		}
	}
	return ""
}

func checkOne(x *index, c *Contract, in Input, roots *rootsProblem) Result {
	if roots != nil {
		res := Result{Contract: c, Warnings: slices.Clone(c.Warnings)}
		msg := roots.msg
		if !roots.first {
			msg = fmt.Sprintf("[%s] not checked: the root packages declared at %s:%d are wrong", c.Name, roots.at.File, roots.at.Line)
		}
		res.Findings = []finding.Finding{configFinding(CodeContract, roots.at.File, roots.at.Line, msg)}
		return res
	}
	v := newView(x, c)
	v.res.Warnings = append(v.res.Warnings, c.Warnings...)
	switch s := c.Spec.(type) {
	case *Layers:
		v.layers(s)
	case *Forbidden:
		v.forbidden(s)
	case *Independence:
		v.independence(s)
	case *Acyclic:
		v.acyclic(s)
	case *Allowed:
		v.allowed(s)
	case *Protected:
		v.protected(s)
	case *Interface:
		v.iface(s, in.All)
	case *External:
		v.external(s)
	default:
		v.contractError(0, "contract type %T is not known to this version of buttress", c.Spec)
	}
	v.unusedIgnores()
	finding.Sort(v.res.Findings)
	return v.res
}

// hop is one distinct imported module of a module, with the first import that makes it.
type hop struct {
	to   int32
	edge int32
	n    int32 // how many imports of the module there are
}

// view is the graph as one contract sees it: only its import kinds, without ignored
// imports, inside its Within packages.
type view struct {
	x        *index
	c        *Contract
	g        *imports.Graph
	out      [][]hop   // first-party imports, by importer
	ext      [][]int32 // other imports (standard library, third-party), by importer
	used     []bool    // per IgnoreImport: whether it matched an import
	res      Result    // what the contract found
	prev     []int32   // BFS scratch: the edge that reached each module
	seen     []uint32  // BFS scratch: generation each module was seen in
	gen      uint32    // current BFS generation
	inW      []bool    // modules in the contract's graph: inside Within, seen by grimp (nil: all)
	seesEdge []bool    // per edge of the graph: whether the contract sees it (Interface only)
	// remap holds the module an import leads to when it is not the module named by the
	// edge's Imported (`import pkg.__init__`; grimp's resolution).
	remap map[int32]int32
	// With a GrimpGraph: the name of each external import seen (its package), and every
	// external name imported before ignore-imports apply (what grimp's graph holds).
	grimp    *GrimpGraph
	extName  map[int32]string
	extSeen  map[string]bool
	reported map[string]bool // chains reported, so that a chain found twice is reported once
}

func newView(x *index, c *Contract) *view {
	g := x.g
	n := len(x.names)
	v := &view{x: x, c: c, g: g, out: make([][]hop, n), ext: make([][]int32, n), used: make([]bool, len(c.IgnoreImports)),
		res: Result{Contract: c}, prev: make([]int32, n), seen: make([]uint32, n), remap: map[int32]int32{}, grimp: c.Grimp}
	switch c.Spec.(type) {
	case *Interface:
		v.seesEdge = make([]bool, len(g.Edges)) // the interface check reads every import
	case *Allowed:
		if c.EveryImport {
			v.seesEdge = make([]bool, len(g.Edges))
		}
	}
	kinds := c.Kinds
	if kinds == 0 {
		kinds = DefaultKinds
	}
	if len(c.Within) > 0 {
		v.inW = make([]bool, n)
		for _, w := range c.Within {
			if !x.expand(w, false, v.inW) && v.grimp == nil {
				v.missingModule(Origin{}, "root package %q is not a module of the project", w)
			}
		}
		if v.grimp != nil {
			v.hideUnseen()
		}
	}
	if v.grimp != nil {
		v.extName, v.extSeen = map[int32]string{}, map[string]bool{}
	}
	ignores := make([][2]expr, len(c.IgnoreImports))
	for i, ig := range c.IgnoreImports {
		ignores[i] = [2]expr{compile(ig.Importer), compile(ig.Imported)}
	}
	lastEdge := 0
	// Edges come sorted by importer, and a file's edges together: the importer's side of each
	// ignore, and whether the file is excluded, are decided once per run of edges.
	importerMatches := make([]bool, len(ignores))
	lastImporter, lastPath, lastExcluded := "", "", false
	for ei := range g.Edges {
		e := &g.Edges[ei]
		if v.grimp != nil {
			// grimp leaves out imports under TYPE_CHECKING as it reads them, or none.
			if !kinds.Has(imports.KindTypeChecking) && e.InTypeCheckingIf {
				continue
			}
		} else if !kinds.Has(e.Kind) {
			continue
		}
		from, ok := x.id[e.Importer]
		if !ok || v.inW != nil && !v.inW[from] {
			continue // a script, or outside the packages the contract looks at
		}
		to, extName, seen := v.target(e)
		if !seen {
			continue
		}
		first := to >= 0
		remapped := first && e.Imported != x.names[to]
		if remapped {
			v.remap[int32(ei)] = int32(to)
		}
		if !first && v.grimp != nil {
			v.extName[int32(ei)] = extName
			v.extSeen[extName] = true
		}
		if e.Path != lastPath {
			lastPath, lastExcluded = e.Path, v.excluded(e.Path)
		}
		if lastExcluded || c.InlineIgnore != nil && c.InlineIgnore(e) {
			continue
		}
		if e.Importer != lastImporter {
			lastImporter = e.Importer
			for i, ig := range ignores {
				importerMatches[i] = ig[0].match(e.Importer)
			}
		}
		imported := e.Imported
		if v.grimp != nil {
			// grimp matches the module the import resolved to, and knows an external
			// package by one name only.
			imported = extName
			if first {
				imported = x.names[to]
			}
		}
		ignored := false
		for i, ig := range ignores {
			if importerMatches[i] && (ig[1].match(imported) || !first && v.grimp == nil && ig[1].match(top(imported))) {
				v.used[i], ignored = true, true
			}
		}
		if ignored {
			continue
		}
		if v.seesEdge != nil {
			v.seesEdge[ei] = true
		}
		if !first {
			v.ext[from] = append(v.ext[from], int32(ei))
			continue
		}
		if remapped {
			// Out of the sorted order: count it with an import of the same module, if any.
			if i := slices.IndexFunc(v.out[from], func(h hop) bool { return h.to == int32(to) }); i >= 0 {
				v.out[from][i].n++
				continue
			}
		}
		if o := v.out[from]; len(o) > 0 && o[len(o)-1].to == int32(to) {
			// Edges are sorted by importer, imported, path and line: the first is the
			// witness, and names imported by one statement count once.
			if p := &g.Edges[lastEdge]; p.Line != e.Line || p.Path != e.Path {
				o[len(o)-1].n++
			}
			lastEdge = ei
			continue
		}
		lastEdge = ei
		v.out[from] = append(v.out[from], hop{int32(to), int32(ei), 1})
	}
	return v
}

// target resolves an import for the contract: the module it leads to (or -1 for an import from
// outside the project, with its name under a GrimpGraph), and whether the contract sees it.
func (v *view) target(e *imports.Edge) (to int, extName string, seen bool) {
	x := v.x
	if v.grimp != nil {
		return v.grimpTarget(e)
	}
	switch e.Category {
	case imports.FirstParty:
		t, ok := x.id[e.Imported]
		if !ok {
			// `import pkg.__init__` loads the package's own file.
			t, ok = x.id[strings.TrimSuffix(e.Imported, ".__init__")]
		}
		if !ok || v.inW != nil && !v.inW[t] {
			return -1, "", false
		}
		return t, "", true
	case imports.Unresolved:
		return -1, "", false
	}
	return -1, "", true
}

// grimpTarget resolves an import as grimp does: the object it names (`from a import b` names
// a.b) when that is a module of the graph, else the object's parent when that is, else an
// external package, seen only with IncludeExternal.
func (v *view) grimpTarget(e *imports.Edge) (to int, extName string, seen bool) {
	x := v.x
	obj := e.Imported
	if e.Name != "" {
		obj += "." + e.Name
	}
	if i, ok := x.id[obj]; ok && v.has(i) {
		return i, "", true
	}
	if j := strings.LastIndexByte(obj, '.'); j >= 0 {
		if i, ok := x.id[obj[:j]]; ok && v.has(i) {
			return i, "", true
		}
	}
	if !v.grimp.IncludeExternal {
		return -1, "", false
	}
	name := distill(obj, v.c.Within)
	if name == "" {
		return -1, "", false
	}
	if i, ok := x.id[name]; ok && v.has(i) {
		return i, "", true
	}
	return -1, name, true
}

// distill returns the module grimp's graph has for an external import of obj: its top-level
// name, or, when a root package is inside that top-level name (a namespace package), the
// first portion of obj that no root package is inside ("ns.other" for ns.other.x with root
// ns.mine); "" when obj holds a root package (an import of the namespace itself).
func distill(obj string, roots []string) string {
	for _, r := range roots {
		if strings.HasPrefix(r, obj+".") {
			return ""
		}
	}
	t := top(obj)
	parts := strings.Split(obj, ".")
	best := ""
	for _, r := range roots {
		if !strings.HasPrefix(r, t+".") {
			continue
		}
		rs := strings.Split(r, ".")
		k := 0
		for k < len(rs) && k < len(parts)-1 && rs[k] == parts[k] {
			k++
		}
		cand := strings.Join(parts[:k+1], ".")
		// grimp takes the deepest candidate.
		if d, bd := strings.Count(cand, "."), strings.Count(best, "."); best == "" || d > bd || d == bd && cand < best {
			best = cand
		}
	}
	if best != "" {
		return best
	}
	return t
}

// hideUnseen takes out of the contract's graph the modules grimp does not find: below a
// regular package, a directory without __init__.py (and all it holds), and modules without
// a .py file.
func (v *view) hideUnseen() {
	x := v.x
	hidden := make([]bool, len(x.names))
	regular := make([]bool, len(x.names)) // a regular package holds it, or it is one
	for i := range x.names {              // sorted: a package comes before what it holds
		if !v.inW[i] {
			continue
		}
		py := strings.HasSuffix(x.g.Modules[i].Path, ".py")
		p := x.parent[i]
		inside := p >= 0 && v.inW[p]
		if inside {
			hidden[i] = hidden[p] || x.isPkg[i] && !py && regular[p]
			regular[i] = regular[p]
		}
		if x.isPkg[i] && py {
			regular[i] = true
		}
		if !x.isPkg[i] && !py {
			hidden[i] = true // a stub or a compiled extension: grimp reads .py files only
		}
	}
	for i, h := range hidden {
		if h {
			v.inW[i] = false
		}
	}
}

// has reports whether module i is in the contract's graph.
func (v *view) has(i int) bool { return v.inW == nil || v.inW[i] }

// lookup returns the number of the module name when it is in the contract's graph.
func (v *view) lookup(name string) (int, bool) {
	i, ok := v.x.id[name]
	return i, ok && v.has(i)
}

// matching returns the modules of the contract's graph that e matches exactly.
func (v *view) matching(e string) []int {
	ms := v.x.matching(e)
	if v.inW == nil {
		return ms
	}
	return slices.DeleteFunc(ms, func(i int) bool { return !v.inW[i] })
}

// mark adds module i, and its descendants unless exact, to set: those of the contract's
// graph.
func (v *view) mark(i int, exact bool, set []bool) {
	if exact {
		set[i] = true
		return
	}
	lo, hi := v.x.subtree(i)
	for k := lo; k < hi; k++ {
		if v.has(k) {
			set[k] = true
		}
	}
}

// dest returns the module an import of the contract leads to.
func (v *view) dest(ei int32) int {
	if t, ok := v.remap[ei]; ok {
		return int(t)
	}
	return v.x.id[v.g.Edges[ei].Imported]
}

// shown is how a report names what an import leads to: the module, or under a GrimpGraph
// the name grimp gives it.
func (v *view) shown(ei int32) string {
	if v.grimp != nil {
		if n, ok := v.extName[ei]; ok {
			return n
		}
		if t, ok := v.remap[ei]; ok {
			return v.x.names[t]
		}
	}
	return v.g.Edges[ei].Imported
}

// How import-linter takes a module expression that matches nothing.
const (
	skipsMissing   = iota // it checks nothing for it
	failsOnMissing        // it fails on a plain name, checks nothing for a wildcard
	failsOnNoMatch        // it fails on either
)

// missing reports an expression of the contract that matches nothing. Under a GrimpGraph it
// is an error where import-linter fails (how), else a warning, since import-linter checks
// nothing for it and goes on; otherwise it is an error.
func (v *view) missing(e, what string, how int) {
	wild := strings.Contains(e, "*")
	switch {
	case v.grimp != nil && wild && how == failsOnNoMatch:
		v.contractError(v.at(e), "%s %q matches no module of the root packages (import-linter fails on it too)", what, e)
	case v.grimp != nil && wild:
		v.warnAt(v.at(e), "%s %q matches no module: it checks nothing (import-linter goes on without a word)", what, e)
	case v.grimp != nil && how == skipsMissing:
		v.warnAt(v.at(e), "%s %q is not a module of the root packages%s: import-linter skips it without a word", what, e, v.suggest(e))
	case v.grimp != nil:
		v.contractError(v.at(e), "%s %q is not a module of the root packages%s (import-linter fails on it too)", what, e, v.suggest(e))
	case wild:
		v.contractError(v.at(e), "%s %q matches no module of the project", what, e)
	default:
		v.contractError(v.at(e), "%s %q matches no module of the project%s", what, e, v.suggest(e))
	}
}

// suggest returns ` (did you mean "x"?)` for the module of the contract's graph that name is
// most likely a typo of, "" when none is close.
func (v *view) suggest(name string) string {
	if strings.Contains(name, "*") {
		return ""
	}
	if i, ok := v.x.id[name]; ok && !v.has(i) && v.grimp != nil {
		// A module of the project that grimp's graph does not have: say why.
		for _, w := range v.c.Within {
			if imports.Within(name, w) {
				if v.x.isPkg[i] || strings.HasSuffix(v.x.g.Modules[i].Path, ".py") {
					return " (grimp, which builds import-linter's graph, does not enter a directory without __init__.py inside a regular package)"
				}
				return " (it has no .py file, and grimp, which builds import-linter's graph, reads .py files only)"
			}
		}
		return " (it is outside the root packages, " + strings.Join(v.c.Within, ", ") + ")"
	}
	// The siblings of the name when its parent exists (a typo in the last part), else the
	// modules at its depth under the same top-level name, else the top-level names.
	var candidates []string
	if j := strings.LastIndexByte(name, '.'); j >= 0 {
		if p, ok := v.x.id[name[:j]]; ok {
			lo, hi := v.x.subtree(p)
			for i := lo + 1; i < hi; i++ {
				if v.x.parent[i] == p && v.has(i) {
					candidates = append(candidates, v.x.names[i])
				}
			}
		} else {
			depth, t := strings.Count(name, "."), top(name)
			for i, n := range v.x.names {
				if v.has(i) && top(n) == t && strings.Count(n, ".") == depth {
					candidates = append(candidates, n)
				}
			}
		}
	}
	if len(candidates) == 0 {
		for i, n := range v.x.names {
			if v.has(i) && !strings.Contains(n, ".") {
				candidates = append(candidates, n)
			}
		}
	}
	if s := config.Suggest(name, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// warnAt adds a warning about line of the contract's configuration (its declaration when 0).
func (v *view) warnAt(line int, format string, args ...any) {
	at := v.c.Origin
	if line > 0 {
		at.Line = line
	}
	v.res.Warnings = append(v.res.Warnings, fmt.Sprintf("%s: [%s] %s", at, v.c.Name, fmt.Sprintf(format, args...)))
}

func (v *view) excluded(path string) bool { return ExcludedPath(v.c.ExcludePaths, path) }

// ExcludedPath reports whether a file (relative to the project root, slash-separated) is left
// out by globs as Contract.ExcludePaths are matched.
func ExcludedPath(globs []string, path string) bool {
	for _, glob := range globs {
		target := path
		if !strings.Contains(glob, "/") {
			target = path[strings.LastIndexByte(path, '/')+1:]
		}
		if ok, _ := doublestar.Match(glob, target); ok {
			return true
		}
		if ok, _ := doublestar.Match(strings.TrimSuffix(glob, "/")+"/**", path); ok {
			return true // a directory
		}
	}
	return false
}

// set returns an empty module set.
func (v *view) set() []bool { return make([]bool, len(v.x.names)) }

// expand adds what e stands for to set, reporting it as the contract's MissingModules says
// when it matches nothing.
func (v *view) expand(e string, exact bool, set []bool, what string) bool {
	if v.x.expand(e, exact, set) {
		return true
	}
	v.missingModule(Origin{}, "%s %q matches no module of the project", what, e)
	return false
}

// chain finds a shortest chain of imports from a module in from to a module in to, through
// modules for which through returns true (nil: any), skipping removed edges and (with
// indirectOnly) single imports. It returns the edges, in order.
func (v *view) chain(from, to []bool, through func(int) bool, removed map[int32]bool, indirectOnly bool) []int32 {
	v.gen++
	gen := v.gen
	var queue []int32
	for i, ok := range from {
		if ok {
			v.seen[i], v.prev[i] = gen, -1
			queue = append(queue, int32(i))
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, h := range v.out[u] {
			if removed[h.edge] || v.seen[h.to] == gen {
				continue
			}
			if to[h.to] {
				if indirectOnly && v.prev[u] < 0 {
					continue
				}
				return v.path(u, h.edge)
			}
			if through != nil && !through(int(h.to)) {
				continue
			}
			v.seen[h.to], v.prev[h.to] = gen, h.edge
			queue = append(queue, h.to)
		}
	}
	return nil
}

// reach returns the modules that chains of imports from the modules in from lead to, through
// modules for which through returns true: each module imported by from or by a module
// reached and passable.
func (v *view) reach(from []bool, through func(int) bool) []int32 {
	v.gen++
	gen := v.gen
	var queue, reached []int32
	for i, ok := range from {
		if ok {
			v.seen[i] = gen
			queue = append(queue, int32(i))
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, h := range v.out[u] {
			if v.seen[h.to] == gen {
				continue
			}
			v.seen[h.to] = gen
			reached = append(reached, h.to)
			if through(int(h.to)) {
				queue = append(queue, h.to)
			}
		}
	}
	return reached
}

// members are the module sets of a contract that must not import each other (layers,
// independent modules), checked for overlap.
type members struct {
	names []string
	sets  [][]bool
	owner []int // per module: the member whose set holds it, or -1
}

// add adds a member: the module and its descendants. It returns false, reporting a contract
// error, when the module overlaps a member added before (the same module, or one inside the
// other): such a contract cannot be checked, as grimp and import-linter refuse it too.
func (ms *members) add(v *view, m int) bool {
	if ms.owner == nil {
		ms.owner = make([]int, len(v.x.names))
		for i := range ms.owner {
			ms.owner[i] = -1
		}
	}
	lo, hi := v.x.subtree(m)
	for i := lo; i < hi; i++ {
		if o := ms.owner[i]; o >= 0 {
			other := ms.names[o]
			switch {
			case other == v.x.names[m]:
				v.contractError(v.at(other), "%s is listed twice", other)
			case i == lo:
				v.contractError(0, "%s is inside %s: the modules of one contract may not overlap", v.x.names[m], other)
			default:
				v.contractError(0, "%s is inside %s: the modules of one contract may not overlap", v.x.names[i], v.x.names[m])
			}
			return false
		}
	}
	for a := v.x.parent[m]; a >= 0; a = v.x.parent[a] {
		if o := ms.owner[a]; o >= 0 {
			v.contractError(0, "%s is inside %s: the modules of one contract may not overlap", v.x.names[m], ms.names[o])
			return false
		}
	}
	set := v.set()
	for i := lo; i < hi; i++ {
		set[i] = true
		ms.owner[i] = len(ms.names)
	}
	ms.names = append(ms.names, v.x.names[m])
	ms.sets = append(ms.sets, set)
	return true
}

// outside reports whether module i is in no member: chains pass through such modules only.
func (ms *members) outside(i int) bool { return ms.owner[i] < 0 }

// reached returns, for member a, the members that imports from it lead to, directly or
// through modules outside every member: the only pairs worth searching for chains.
func (ms *members) reached(v *view, a int) []bool {
	out := make([]bool, len(ms.names))
	for _, t := range v.reach(ms.sets[a], ms.outside) {
		if o := ms.owner[t]; o >= 0 && o != a {
			out[o] = true
		}
	}
	return out
}

// path returns the edges that led to u, then last.
func (v *view) path(u int32, last int32) []int32 {
	out := []int32{last}
	for e := v.prev[u]; e >= 0; e = v.prev[u] {
		out = append(out, e)
		u = int32(v.x.id[v.g.Edges[e].Importer])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// violations reports every import from a module in from to a module in to, with msg: direct
// ones, then (unless directOnly) the chains through modules for which through is true.
func (v *view) violations(code string, from, to []bool, through func(int) bool, directOnly bool, msg string) {
	for u, ok := range from {
		if !ok {
			continue
		}
		for _, h := range v.out[u] {
			if to[h.to] {
				v.report(code, []int32{h.edge}, msg)
			}
		}
	}
	if !directOnly {
		v.chains(code, from, to, through, true, func(c []int32) { v.report(code, c, msg) })
	}
}

// chains calls found with the chains of imports from a module in from to a module in to,
// through modules for which through is true (with indirectOnly, of two imports or more), each
// new chain with a first import no earlier chain used; past maxChains, one more finding says
// that more were left out.
func (v *view) chains(code string, from, to []bool, through func(int) bool, indirectOnly bool, found func(chain []int32)) {
	removed := map[int32]bool{}
	for n := 0; ; n++ {
		c := v.chain(from, to, through, removed, indirectOnly)
		if c == nil {
			return
		}
		if n == maxChains {
			v.leftOut(code, c[0])
			return
		}
		removed[c[0]] = true
		found(c)
	}
}

// leftOut says that more chains were found than are reported, at the first import of the
// next one.
func (v *view) leftOut(code string, ei int32) {
	v.res.Findings = append(v.res.Findings, edgeFinding(code, &v.g.Edges[ei],
		fmt.Sprintf("[%s] more indirect import chains of the same kind were left out after %d: break the ones shown first", v.c.Name, maxChains)))
}

// report adds a finding for a chain of imports (one edge for a direct import): at the first
// import, naming each module of the chain, with every hop as a note at its file:line (shown
// relative to where buttress runs, which the message cannot know). A chain already reported
// for the contract is not reported again.
func (v *view) report(code string, chain []int32, msg string) {
	var key strings.Builder
	key.WriteString(code)
	for _, ei := range chain {
		fmt.Fprintf(&key, ",%d", ei)
	}
	if v.reported == nil {
		v.reported = map[string]bool{}
	}
	if k := key.String(); v.reported[k] {
		return
	} else {
		v.reported[k] = true
	}
	first := &v.g.Edges[chain[0]]
	var b strings.Builder
	b.WriteString(first.Importer)
	for _, ei := range chain {
		b.WriteString(" -> ")
		b.WriteString(v.shown(ei))
	}
	f := edgeFinding(code, first, fmt.Sprintf("[%s] %s: %s", v.c.Name, b.String(), msg))
	if len(chain) > 1 {
		for _, ei := range chain {
			e := &v.g.Edges[ei]
			f.Notes = append(f.Notes, finding.Note{Path: e.Path, Line: e.Line, Col: e.Col + 1, Message: e.Importer + " imports " + v.shown(ei)})
		}
	}
	v.guidance(&f)
	v.res.Findings = append(v.res.Findings, f)
}

func (v *view) guidance(f *finding.Finding) {
	if g := strings.TrimSpace(v.c.Guidance); g != "" {
		f.Notes = append(f.Notes, finding.Note{Path: v.c.Origin.File, Line: v.c.Origin.Line, Col: 1, Message: g})
	}
}

// reportEdge adds a finding for one import.
func (v *view) reportEdge(code string, ei int32, msg string) {
	e := &v.g.Edges[ei]
	what := e.Imported
	if e.Name != "" {
		what += "." + e.Name
		if e.Name == "*" {
			what = "* from " + e.Imported
		}
	}
	f := edgeFinding(code, e, fmt.Sprintf("[%s] %s imports %s: %s", v.c.Name, e.Importer, what, msg))
	v.guidance(&f)
	v.res.Findings = append(v.res.Findings, f)
}

// missingModule reports a module the contract lists that is not in the project, as the contract's
// MissingModules says: at where it is declared, when known (at.File set), else at the
// contract's origin.
func (v *view) missingModule(at Origin, format string, args ...any) {
	if at.File == "" {
		at = v.c.Origin
	}
	msg := fmt.Sprintf(format, args...)
	switch v.c.MissingModules {
	case AlertNone:
	case AlertWarn:
		at.Tool = v.c.Origin.Tool
		v.res.Warnings = append(v.res.Warnings, fmt.Sprintf("%s: [%s] %s", at, v.c.Name, msg))
	default:
		v.res.Findings = append(v.res.Findings, configFinding(CodeContract, at.File, at.Line, fmt.Sprintf("[%s] %s", v.c.Name, msg)))
	}
}

// at returns the line where expression e is written, 0 when unknown.
func (v *view) at(e string) int { return v.c.Lines[e] }

// contractError reports a problem with the contract itself, at its declaration (or at line,
// when known).
func (v *view) contractError(line int, format string, args ...any) {
	if line == 0 {
		line = v.c.Origin.Line
	}
	v.res.Findings = append(v.res.Findings, configFinding(CodeContract, v.c.Origin.File, line, fmt.Sprintf("[%s] %s", v.c.Name, fmt.Sprintf(format, args...))))
}

func (v *view) unusedIgnores() {
	for i, ig := range v.c.IgnoreImports {
		if v.used[i] {
			continue
		}
		msg := fmt.Sprintf("ignore-imports entry %q matches no import: remove it", ig.Raw)
		switch v.c.UnmatchedIgnores {
		case AlertNone:
		case AlertWarn:
			at := v.c.Origin
			if ig.Line > 0 {
				at.Line = ig.Line
			}
			v.res.Warnings = append(v.res.Warnings, fmt.Sprintf("%s: [%s] %s", at, v.c.Name, msg))
		default:
			line := ig.Line
			if line == 0 {
				line = v.c.Origin.Line
			}
			v.res.Findings = append(v.res.Findings, configFinding(CodeUnusedIgnore, v.c.Origin.File, line, fmt.Sprintf("[%s] %s", v.c.Name, msg)))
		}
	}
}

var ruleNames = func() map[string]string {
	m := map[string]string{}
	for _, r := range Rules() {
		m[r.Code] = r.Name
	}
	return m
}()

func ruleName(code string) string { return ruleNames[code] }

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// edgeFinding is a finding at an import: from the imported name to its end.
func edgeFinding(code string, e *imports.Edge, msg string) finding.Finding {
	f := finding.Finding{Code: code, Rule: ruleName(code), Path: e.Path, Line: e.Line, Col: e.Col + 1, EndLine: e.EndLine, EndCol: e.EndCol + 1, Message: msg,
		Symbol: e.Importer + " -> " + e.Imported}
	if e.EndLine == 0 {
		f.EndLine, f.EndCol = e.Line, e.Col+1 // an edge made without an end (tests): empty
	}
	return f
}

// configFinding is a finding at a line of a configuration file: the whole line (its column
// span is not known).
func configFinding(code, path string, line int, msg string) finding.Finding {
	return finding.Finding{Code: code, Rule: ruleName(code), Path: path, Line: line, Col: 1, EndLine: line, Message: msg}
}

func notef(path string, line, col int, format string, args ...any) finding.Note {
	return finding.Note{Path: path, Line: line, Col: col, Message: fmt.Sprintf(format, args...)}
}
