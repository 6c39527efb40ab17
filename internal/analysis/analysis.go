// Package analysis is the rule framework: what a rule is, the Pass that hands a rule one
// parsed file, which rules a configuration selects, and the suppression comments that silence
// a finding where the team has decided so.
//
// A rule is one value (code, name, doc, examples, options, and a Run function); it never reads
// configuration or prints. Rules run on each file right after it is parsed, in parallel, and
// report findings; the tree is dropped after.
package analysis

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/usage"
)

// Rule is one check.
type Rule struct {
	Code      string // "TYP001": family letters and a number
	Name      string // "untyped-parameter": kebab-case, unique
	Summary   string // one line, for `buttress rules`
	Rationale string // why it matters at scale, and how to fix it
	Bad, Good string // a short example of code the rule reports, and the same code fixed
	Default   bool   // on unless deselected
	// Equivalents are the Ruff and flake8 codes that report the same thing (E722, BLE001,
	// ANN001): a `# noqa` naming one of them on a line silences this rule there too, so that
	// the suppressions a team already has keep working.
	Equivalents []string
	// Precision is the measured precision of a rule on by default, with how it was
	// measured: "84% (21 of 25 sampled findings judged right, ...)". Each finding read is in
	// the rules package's testdata/precision/CODE.md.
	Precision string
	// NotIn names the scopes (ScopeTests, ScopeMigrations) in which the rule does not run
	// unless the configuration says otherwise: see Scope.
	NotIn []string
	// Options, when not nil, is a pointer to the rule's options struct holding the defaults;
	// fields carry `toml` tags and are set from [tool.buttress.rules.<name>], and a `doc`
	// tag that says what they do (OptionDocs: `buttress rule` and docs/rules show it).
	Options any
	// Check, when not nil, checks configured options beyond their types (a threshold out of
	// range): it returns the key that is wrong and why.
	Check func(options any) (key string, err error)
	// Run checks one file. It reads pass.Options (the configured copy of Options). It is nil
	// for a Project rule, and for a rule that has Visit instead.
	Run func(pass *Pass)
	// Visit, for a rule that looks at nodes of a few kinds wherever they are, is called for
	// each node of a kind in Nodes, in the one walk of each file's tree that all such rules
	// share (see Run): a walk of its own per rule cost more than the rules' own work. It
	// returns false to skip what is inside the node, for this rule only.
	Visit func(pass *Pass, n ast.Node) bool
	// Nodes lists the kinds Visit wants, as nil pointers: (*ast.ClassDef)(nil).
	Nodes []ast.Node
	// Project: the rule's findings come from a check of the whole project (architecture
	// contracts), not from Run; selecting the rule turns those findings on. Its Bad and Good
	// examples are configuration, not Python.
	Project bool
}

// PerFile reports whether the rule checks files one at a time (Run or Visit), rather than the
// whole project.
func (r *Rule) PerFile() bool { return r.Run != nil || r.Visit != nil }

// Contract reports whether the rule is an architecture contract's (ARCH): a project rule
// whose findings come from the contracts declared, on whenever some are.
func (r *Rule) Contract() bool { return r.Project && r.Family() == "ARCH" }

// Family returns the rule's family, the letters of its code ("TYP").
func (r *Rule) Family() string { return strings.TrimRight(r.Code, "0123456789") }

// Info returns the rule's metadata for renderers.
func (r *Rule) Info() finding.Rule {
	return finding.Rule{Code: r.Code, Name: r.Name, Family: r.Family(), Summary: r.Summary, HelpText: r.Rationale, HelpURI: DocsURLOf(r.Code)}
}

// Configured is a selected rule with its options.
type Configured struct {
	*Rule
	Options any // the decoded options (a pointer like Rule.Options), or nil
}

// ModulePredicate is a rule option that answers for each module, from something the
// configuration points to (mypy's per-module strictness: typ.Options.MypyRequires). The
// cache asks it for each file's module; ID, when not nil, is a digest of what Func answers
// (the same ID, the same answers for every module), which lets it vouch for a file's
// settings without asking (see summary.Settings). The zero ModulePredicate answers nothing.
type ModulePredicate struct {
	Func func(module string) bool
	ID   []byte
}

// Holds reports whether the predicate answers true for module (false when it is not set).
func (p ModulePredicate) Holds(module string) bool { return p.Func != nil && p.Func(module) }

// Pass is one rule's run over one file.
type Pass struct {
	Path     string // relative to the project root, slash-separated
	Module   string // dotted module name, "" for a script
	Tree     *ast.Module
	Src      string
	Lines    *ast.LineIndex
	Comments []ast.Span // every comment of the file, in order
	Options  any        // the rule's configured options, or nil
	rule     *Rule
	findings *[]finding.Finding
	shared   map[string]any
	kept     map[string]any
}

// Shared returns a value computed once per file and shared by every rule that asks for it
// under the same key (for example the file's metrics).
func (p *Pass) Shared(key string, compute func() any) any {
	if v, ok := p.shared[key]; ok {
		return v
	}
	v := compute()
	p.shared[key] = v
	return v
}

// Kept returns a value made once (by newValue) for each goroutine that runs rules, and handed to
// every file it runs them on under the same key: room that a rule reuses from one file to
// the next (the MOD rules' metrics.Computer). Nothing of a file may be left in it for the
// next to find, or read after the rules of the file are done.
func (p *Pass) Kept(key string, newValue func() any) any {
	if v, ok := p.kept[key]; ok {
		return v
	}
	v := newValue()
	if p.kept != nil {
		p.kept[key] = v
	}
	return v
}

// SharedList returns the list build makes of the file's tree: made once per file for every
// rule that asks under key (Shared), into the room of the list of the file before (Kept). It
// is valid until the rules of the file are done.
func SharedList[T any](p *Pass, key string, build func(out []T, tree *ast.Module) []T) []T {
	return p.Shared(key, func() any {
		room := p.Kept(key, func() any { return new([]T) }).(*[]T)
		*room = build((*room)[:0], p.Tree)
		return *room
	}).([]T)
}

// Report records a finding that spans node.
func (p *Pass) Report(n ast.Node, format string, args ...any) {
	p.ReportRange(n.Pos(), n.EndPos(), fmt.Sprintf(format, args...))
}

// ReportAt records a finding at one byte offset (a zero-width range).
func (p *Pass) ReportAt(offset int, format string, args ...any) {
	p.ReportRange(offset, offset, fmt.Sprintf(format, args...))
}

// ReportRange records a finding over the byte range [start, end).
func (p *Pass) ReportRange(start, end int, msg string) {
	line, col := Position(p.Src, p.Lines, start)
	endLine, endCol := Position(p.Src, p.Lines, end)
	*p.findings = append(*p.findings, finding.Finding{
		Code: p.rule.Code, Rule: p.rule.Name, Path: p.Path,
		Line: line, Col: col, EndLine: endLine, EndCol: endCol, Message: msg,
		Symbol: p.symbolAt(start),
	})
}

// definition is the span of a def or class, its name, and the definition it is in.
type definition struct {
	start, end int
	name       string
	parent     int    // index of the enclosing definition, -1 at the top level
	inner      string // what follows its qualified name before an inner one's: "." or ".<locals>."
}

// symbolAt returns the qualified name of the innermost def or class whose span holds the
// offset ("" at module level), as Python's __qualname__ writes it: "C.m", "f.<locals>.g". A
// finding on a `def` line (or one of its decorators) is in that def.
func (p *Pass) symbolAt(offset int) string {
	defs := SharedList(p, "analysis.definitions", definitions)
	in := -1
	for i, d := range defs { // in source order: a def comes before the defs inside it
		if d.start > offset {
			break
		}
		if offset < d.end {
			in = i
		}
	}
	return qualName(defs, in)
}

// qualName is the qualified name of defs[i] ("" for -1), made when a finding asks for it:
// a new string, never the source's own bytes, which a finding's Symbol would keep alive
// with the file's summary.
func qualName(defs []definition, i int) string {
	if i < 0 {
		return ""
	}
	d := defs[i]
	if d.parent < 0 {
		return strings.Clone(d.name)
	}
	n := len(d.name)
	for j := d.parent; j >= 0; j = defs[j].parent {
		n += len(defs[j].name) + len(defs[j].inner)
	}
	b := make([]byte, n)
	for j := i; ; {
		e := defs[j]
		n -= len(e.name)
		copy(b[n:], e.name)
		if e.parent < 0 {
			break
		}
		j = e.parent
		n -= len(defs[j].inner)
		copy(b[n:], defs[j].inner)
	}
	return string(b)
}

// definitions appends to out the defs and classes of a module, in source order, each with
// the one it is in; a definition's span starts at its first decorator.
func definitions(out []definition, tree *ast.Module) []definition {
	var visit func(body []ast.Stmt, parent int)
	add := func(n ast.Node, decos []ast.Expr, name string, body []ast.Stmt, parent int, inner string) {
		start := n.Pos()
		for _, d := range decos {
			start = min(start, d.Pos())
		}
		out = append(out, definition{start, n.EndPos(), name, parent, inner})
		visit(body, len(out)-1)
	}
	visit = func(body []ast.Stmt, parent int) {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				add(x, x.DecoratorList, x.Name, x.Body, parent, ".<locals>.")
			case *ast.AsyncFunctionDef:
				add(x, x.DecoratorList, x.Name, x.Body, parent, ".<locals>.")
			case *ast.ClassDef:
				add(x, x.DecoratorList, x.Name, x.Body, parent, ".")
			default:
				ast.Blocks(s, func(b []ast.Stmt) { visit(b, parent) })
			}
		}
	}
	if tree != nil {
		visit(tree.Body, -1)
	}
	return out
}

// Position returns the 1-based line and 1-based character column of a byte offset.
func Position(src string, lines *ast.LineIndex, offset int) (line, col int) {
	line, byteCol := lines.Position(offset)
	start := offset - byteCol
	if offset > len(src) {
		offset = len(src)
	}
	if start < 0 {
		start = 0
	}
	return line, ast.RuneCount(src[start:offset]) + 1
}

// Run runs rules over one parsed file. It returns their findings with the file's suppression
// comments applied, and those comments (nil when there are none): a whole-project check
// silences its own findings with them (Suppressions.Filter), and reports the unused ones at
// the end (Suppressions.Report).
func Run(rules []Configured, path, module, src string, tree *ast.Module, lines *ast.LineIndex, comments []ast.Span) ([]finding.Finding, *Suppressions) {
	return RunVisiting(rules, path, module, src, tree, lines, comments, nil)
}

// RunVisiting is Run that also hands every node of the tree, in ast.Inspect's order, to
// visit (when not nil), in the walk the rules share: other facts of the file gathered
// without a walk of their own. When kinds are given (as nil pointers, like Rule.Nodes), visit
// is handed the nodes of those kinds only. A *usage.Extractor is handed those of
// usage.Visits (the kinds its Visit reads), by its method for each.
func RunVisiting(rules []Configured, path, module, src string, tree *ast.Module, lines *ast.LineIndex, comments []ast.Span, visit Visitor, kinds ...ast.Node) ([]finding.Finding, *Suppressions) {
	var r Runner
	return r.RunVisiting(rules, path, module, src, tree, lines, comments, visit, kinds...)
}

// Runner runs rules over files one after the other (RunVisiting), reusing from one file to
// the next its passes, the lists of its walk and the map of the values the rules share: a
// goroutine of the summaries has one. Its zero value is ready; it is not safe for concurrent
// use.
type Runner struct {
	passes []Pass
	w      walker
	shared map[string]any
	kept   map[string]any // Pass.Kept's values
}

// RunVisiting is the package's RunVisiting, in the runner's room. Nothing of what it returns
// is in that room.
func (run *Runner) RunVisiting(rules []Configured, path, module, src string, tree *ast.Module, lines *ast.LineIndex, comments []ast.Span, visit Visitor, kinds ...ast.Node) ([]finding.Finding, *Suppressions) {
	var fs []finding.Finding
	if run.shared == nil {
		run.shared, run.kept = map[string]any{}, map[string]any{}
	}
	shared := run.shared
	defer clear(shared) // nothing of a file is held until the next
	w := &run.w
	w.reset()
	if r, ok := visit.(importsReader); ok {
		if m := r.ImportedNames(); m != nil { // the imports read once for the file
			shared["analysis.Imported"] = &Imported{names: m}
		}
	}
	if cap(run.passes) < len(rules) {
		run.passes = make([]Pass, len(rules))
	}
	passes := run.passes[:len(rules)] // each set whole below
	for i, r := range rules {
		pass := &passes[i]
		*pass = Pass{Path: path, Module: module, Tree: tree, Src: src, Lines: lines, Comments: comments, Options: r.Options, rule: r.Rule, findings: &fs, shared: shared, kept: run.kept}
		switch {
		case r.Run != nil:
			r.Run(pass)
		case r.Visit != nil:
			w.add(pass, r.Nodes)
		}
	}
	// Findings are sorted later: those of the walk coming after the others changes nothing.
	if x, ok := visit.(*usage.Extractor); ok && x != nil && tree != nil {
		// The facts' extractor: its method for each kind it reads (usage.Visits) is called
		// from the walk's method of that kind, with no switch over the kinds for each node.
		w.facts = x
	} else {
		w.setVisit(visit, kinds)
	}
	w.walk(tree)
	sups := ParseSuppressions(path, src, comments, lines)
	if sups == nil || len(sups.directives) == 0 {
		return fs, sups // nothing to filter: no rule set to make (a map of every rule, per file)
	}
	return sups.Filter(fs, NewRuleSet(rules)), sups
}

// Visitor takes the nodes of RunVisiting's walk (its Visit's result is not read). An
// interface, not a func value: a method value called for every node went through a wrapper.
type Visitor interface {
	Visit(n ast.Node) bool
}

// importsReader is a Visitor that has read what the file's absolute imports bind (usage's
// extractor): Pass.Imported is then made of it.
type importsReader interface {
	ImportedNames() map[string]string
}

// walker walks a tree once for every rule with Visit, handing each node to the rules that
// want its kind.
type walker struct {
	passes []*Pass
	// skipTo[i] is the end of the node whose inside rule i skips: nodes that start before it
	// are inside (the walk is in source order), those from it on are after.
	skipTo []int
	byKind [numKinds][]int        // kindOf -> the rules (indexes in passes) that want it
	want   map[reflect.Type][]int // the same for a type kindOf does not number
	visit  Visitor                // every node, when not nil (RunVisiting)
	facts  *usage.Extractor       // the nodes of usage.Visits, when not nil (RunVisiting)
	// visits[k]: visit wants the nodes of kind k; visitOther: those of a type kindOf does
	// not number.
	visits     [numKinds]bool
	visitOther bool
	// active[k]: the visitor or some rule wants the nodes of kind k (set by walk).
	active [numKinds]bool
}

// setVisit sets the walk's visit, for every node or for those of kinds.
func (w *walker) setVisit(visit Visitor, kinds []ast.Node) {
	w.visit = visit
	if visit == nil {
		return
	}
	if len(kinds) == 0 {
		w.visitOther = true
		for k := range w.visits {
			w.visits[k] = true
		}
		return
	}
	for _, n := range kinds {
		if k := kindOf(n); k >= 0 {
			w.visits[k] = true
		} else {
			w.visitOther = true
		}
	}
}

// reset readies the walker for another file, keeping the room of its lists.
func (w *walker) reset() {
	w.passes, w.skipTo = w.passes[:0], w.skipTo[:0]
	for k := range w.byKind {
		w.byKind[k] = w.byKind[k][:0]
	}
	w.want, w.visit, w.facts = nil, nil, nil
	w.visits, w.visitOther = [numKinds]bool{}, false
}

func (w *walker) add(p *Pass, kinds []ast.Node) {
	i := len(w.passes)
	w.passes = append(w.passes, p)
	w.skipTo = append(w.skipTo, -1)
	for _, k := range kinds {
		if n := kindOf(k); n >= 0 {
			w.byKind[n] = append(w.byKind[n], i)
			continue
		}
		if w.want == nil {
			w.want = map[reflect.Type][]int{}
		}
		t := reflect.TypeOf(k)
		w.want[t] = append(w.want[t], i)
	}
}

func (w *walker) walk(tree *ast.Module) {
	if tree == nil {
		return
	}
	if len(w.passes) == 0 && w.visit == nil && w.facts == nil {
		return
	}
	for k := range w.active {
		w.active[k] = w.visits[k] || len(w.byKind[k]) > 0
	}
	w.node(tree)
}

// at hands n, of kind k (kindOf), to the visitor and to the rules that want its kind. It is
// inlined where the walk calls it, with k a constant: a node of a kind that nothing wants (most
// of a tree's) costs the test of one byte.
func (w *walker) at(k int, n ast.Node) {
	if w.active[k] {
		w.atActive(k, n)
	}
}

func (w *walker) atActive(k int, n ast.Node) {
	if w.visits[k] {
		w.visit.Visit(n)
	}
	if rules := w.byKind[k]; len(rules) > 0 {
		w.rules(rules, n)
	}
}

// other is at for a node of a type kindOf does not number.
func (w *walker) other(n ast.Node) {
	if w.visitOther {
		w.visit.Visit(n)
	}
	if rules := w.want[reflect.TypeOf(n)]; len(rules) > 0 {
		w.rules(rules, n)
	}
}

func (w *walker) rules(rules []int, n ast.Node) {
	pos := n.Pos()
	for _, i := range rules {
		if pos < w.skipTo[i] {
			continue
		}
		p := w.passes[i]
		if !p.rule.Visit(p, n) {
			w.skipTo[i] = n.EndPos()
		}
	}
}
