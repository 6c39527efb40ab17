package contracts

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

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
				results[i] = checkOne(x, &cs[i], in)
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

func checkOne(x *index, c *Contract, in Input) Result {
	v := newView(x, c)
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
	inW      []bool    // modules inside Within (nil: all)
	seesEdge []bool    // per edge of the graph: whether the contract sees it (Interface only)
}

func newView(x *index, c *Contract) *view {
	g := x.g
	n := len(x.names)
	v := &view{x: x, c: c, g: g, out: make([][]hop, n), ext: make([][]int32, n), used: make([]bool, len(c.IgnoreImports)),
		res: Result{Contract: c}, prev: make([]int32, n), seen: make([]uint32, n)}
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
			if !x.expand(w, false, v.inW) {
				v.missing(Origin{}, "root package %q is not a module of the project", w)
			}
		}
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
		if !kinds.Has(e.Kind) {
			continue
		}
		from, ok := x.id[e.Importer]
		if !ok || v.inW != nil && !v.inW[from] {
			continue // a script, or outside the packages the contract looks at
		}
		to, first, remapped := -1, e.Category == imports.FirstParty, false
		if first {
			t, ok := x.id[e.Imported]
			if !ok {
				// `import pkg.__init__` loads the package's own file.
				t, ok = x.id[strings.TrimSuffix(e.Imported, ".__init__")]
				remapped = true
			}
			if !ok || v.inW != nil && !v.inW[t] {
				continue
			}
			to = t
		} else if e.Category == imports.Unresolved {
			continue
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
		ignored := false
		for i, ig := range ignores {
			if importerMatches[i] && (ig[1].match(e.Imported) || !first && ig[1].match(top(e.Imported))) {
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
			// Out of the sorted order: count it with an import of the package, if any.
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
	v.missing(Origin{}, "%s %q matches no module of the project", what, e)
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
				v.contractError(0, "%s is listed twice", other)
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
	first := v.g.Edges[ei]
	v.res.Findings = append(v.res.Findings, newFinding(code, first.Path, first.Line, first.Col+1,
		fmt.Sprintf("[%s] more indirect import chains of the same kind were left out after %d: break the ones shown first", v.c.Name, maxChains)))
}

// report adds a finding for a chain of imports (one edge for a direct import): at the first
// import, with every hop as a note when there are several.
func (v *view) report(code string, chain []int32, msg string) {
	first := &v.g.Edges[chain[0]]
	var b strings.Builder
	b.WriteString(first.Importer)
	for _, ei := range chain {
		b.WriteString(" -> ")
		b.WriteString(v.g.Edges[ei].Imported)
	}
	f := finding.Finding{
		Code: code, Rule: ruleName(code), Path: first.Path, Line: first.Line, Col: first.Col + 1,
		Message: fmt.Sprintf("[%s] %s: %s", v.c.Name, b.String(), msg),
	}
	if len(chain) > 1 {
		for _, ei := range chain {
			e := &v.g.Edges[ei]
			f.Notes = append(f.Notes, finding.Note{Path: e.Path, Line: e.Line, Col: e.Col + 1, Message: e.Importer + " imports " + e.Imported})
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
	f := finding.Finding{
		Code: code, Rule: ruleName(code), Path: e.Path, Line: e.Line, Col: e.Col + 1,
		Message: fmt.Sprintf("[%s] %s imports %s: %s", v.c.Name, e.Importer, what, msg),
	}
	v.guidance(&f)
	v.res.Findings = append(v.res.Findings, f)
}

// missing reports a module the contract lists that is not in the project, as the contract's
// MissingModules says: at where it is declared, when known (at.File set), else at the
// contract's origin.
func (v *view) missing(at Origin, format string, args ...any) {
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
		v.res.Findings = append(v.res.Findings, finding.Finding{
			Code: CodeContract, Rule: ruleName(CodeContract), Path: at.File, Line: at.Line, Col: 1,
			Message: fmt.Sprintf("[%s] %s", v.c.Name, msg),
		})
	}
}

// contractError reports a problem with the contract itself, at its declaration (or at line,
// when known).
func (v *view) contractError(line int, format string, args ...any) {
	if line == 0 {
		line = v.c.Origin.Line
	}
	v.res.Findings = append(v.res.Findings, finding.Finding{
		Code: CodeContract, Rule: ruleName(CodeContract), Path: v.c.Origin.File, Line: line, Col: 1,
		Message: fmt.Sprintf("[%s] %s", v.c.Name, fmt.Sprintf(format, args...)),
	})
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
			v.res.Findings = append(v.res.Findings, finding.Finding{
				Code: CodeUnusedIgnore, Rule: ruleName(CodeUnusedIgnore), Path: v.c.Origin.File, Line: line, Col: 1,
				Message: fmt.Sprintf("[%s] %s", v.c.Name, msg),
			})
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

func newFinding(code, path string, line, col int, msg string) finding.Finding {
	return finding.Finding{Code: code, Rule: ruleName(code), Path: path, Line: line, Col: col, Message: msg}
}

func notef(path string, line, col int, format string, args ...any) finding.Note {
	return finding.Note{Path: path, Line: line, Col: col, Message: fmt.Sprintf(format, args...)}
}
