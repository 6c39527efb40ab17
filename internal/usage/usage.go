// Package usage holds what one file defines and what it refers to, for the dead-code rules
// (DEAD001-DEAD004), which decide over the whole project whether a definition is used. The
// facts are extracted from a file's tree while it is summarised, and cached with the summary:
// the tree itself is gone by the time the project is looked at.
package usage

import (
	"sort"
	"strings"
	"sync"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/strroom"
)

// Kind is what a definition is.
type Kind uint8

const (
	Function Kind = iota // a def at the top level of a module (or in a top-level if/try)
	Class                // a class at the top level
	Method               // a def directly in a top-level class's body
	Variable             // a name assigned at the top level
)

// Def is one definition. 144 bytes (176 with int positions and the flags apart): the
// 3.11 standard library keeps 64,000 of them, and the DEAD and PAT002 checks read them all
// more than once.
type Def struct {
	Kind Kind
	// Alias: a variable whose value is another name (OldName = NewName, a compat alias kept
	// for its name), or an annotated instance made for a type checker to check
	// (_check: Proto = Impl()).
	Alias bool
	// Meta: a class with a metaclass or other keywords in its bases, or that defines
	// __init_subclass__: its subclasses may be registered by being defined.
	Meta bool
	// State: a class whose body holds more than methods, a docstring and annotations without
	// a value (an assignment, a nested class, any other statement; an empty __slots__ aside).
	State bool
	// Line and Col are where the name is (1-based line, 1-based character column); End is
	// the column just past it, on the same line.
	Line, Col, EndCol int32
	// Stmt numbers a variable's assignment statement in the file: the targets of one
	// statement (a = b = value, a, b = pair) share it.
	Stmt  int32
	Name  string
	Class string // a method's class
	// Metaclass is a class's metaclass, qualified as Bases are ("abc.ABCMeta"), from its
	// metaclass= keyword or six's @add_metaclass(M); "" when it names none.
	Metaclass string
	// Decorators are the dotted names of the decorators, calls stripped ("app.route" for
	// `@app.route("/")`); "?" for one that is no dotted name.
	Decorators []string
	// Bases are a class's bases as qualified names through the file's imports
	// ("django.db.models.Model", "pkg.base.Base"), or as written when no import binds them
	// (a class of the same module, a builtin); "?" for a base that is no dotted name.
	Bases []string
	// Super are the names of the methods a class's methods call through super() (super().m,
	// super(C, self).m), sorted and unique.
	Super []string
}

// Facts are a file's definitions and references.
type Facts struct {
	Defs []Def
	// Names are the identifiers the file reads (a Name that is loaded or deleted, or the
	// target of an augmented assignment), sorted and unique.
	Names []string
	// Attrs are the attribute names the file uses (x.name, read or written), sorted and unique.
	Attrs []string
	// Strings are the dotted names found in the file's string constants (docstrings left
	// out): "app.views.index"; "pkg.mod:main" (an entry point) gives "pkg.mod.main"; sorted and
	// unique.
	Strings []string
	// Prefixes and Suffixes are the identifier pieces that the file joins to computed
	// strings: "visit_" of `"visit_" + kind`, f"visit_{kind}", "visit_%s" % kind or
	// "visit_{}".format(kind); "_spec" of `name + "_spec"`; and the pieces that names are
	// tested for (name.startswith("ps_"), name[:3] == "ps_", over dir(obj)). Code that builds names so reaches
	// definitions by them (getattr(self, ...), globals()[...]). A suffix that starts with
	// "*" is a piece between two placeholders ("*_cpy_" of "_%s_cpy_%s"). A prefix that ends
	// with a dot, or a suffix that starts with one, is a module's ("pkg.providers." of
	// f"pkg.providers.{region}", ".base" of "%s.base" % engine). Sorted and unique.
	Prefixes, Suffixes []string
	// Bindings are the file's from-imports as local name and qualified target
	// ("Base" -> "pkg.models.Base"), for resolving a class's bases through re-exports.
	Bindings []Binding
	// Main: the module runs code under `if __name__ == "__main__":`.
	Main bool
	// Dynamic: the module imports modules whose names it computes (import_module(name),
	// __import__(name), pkgutil.iter_modules, exec of a computed string): any module near it
	// may be loaded so.
	Dynamic bool
	// Globals: the module calls globals() or vars() without arguments, and may reach any
	// of its top-level names by a computed one.
	Globals bool
	// Nominal are the names of the classes the file uses as classes, which a structural type
	// could not stand for: in isinstance and issubclass, as the arguments of a call whose
	// name holds "register" (register_interface(Iface)), in an except clause or a class
	// pattern of match, in the annotations of a function registered by type
	// (@f.register, singledispatch), and every capitalised name whose attribute is read
	// (Base.register(X), Base.__subclasses__(), Base.method(self)), and a class given another
	// name (Alias = Base), whose uses by that name go unseen. Each is qualified through
	// the file's imports as Def.Bases are; sorted and unique.
	Nominal []string
}

// Binding is a name a from-import binds, and the dotted name it stands for.
type Binding struct{ Local, Target string }

// maxString is the longest string constant searched for dotted names: longer ones are text
// (SQL, help, templates), not references.
const maxString = 300

// Extract returns the facts of a module. module and isPackage resolve relative imports.
// position turns a byte offset into a 1-based line and character column.
func Extract(tree *ast.Module, src, module string, isPackage bool, position func(offset int) (line, col int)) *Facts {
	x := Begin(tree, nil, src, module, isPackage, position)
	if tree != nil {
		ast.Inspect(tree, x.Visit)
	}
	return x.Finish()
}

// Extractor gathers a module's facts: Begin reads its definitions and imports, Visit then
// takes every node of the tree in ast.Inspect's order (a walk the caller may share with
// other work: the rules'), and Finish returns the facts.
type Extractor struct {
	x *extractor
	// docs are the docstrings of the bodies begun (the module, a def, a class) that the walk
	// has not reached yet: at most one, as no body begins between a def or class and its
	// first statement (a list, not a map of every docstring of the file: looked up for each
	// string).
	docs []*ast.Constant
}

// Begin starts the facts of a module (see Extract).
//
// imports, when not nil, are the tree's import statements in the order of a walk of its
// blocks (imports.ExtractNodesInto): what they bind is read from them, without a walk.
func Begin(tree *ast.Module, imports []ast.Stmt, src, module string, isPackage bool, position func(offset int) (line, col int)) *Extractor {
	f := &Facts{}
	if tree == nil {
		return &Extractor{}
	}
	x := &extractor{f: f, src: src, position: position, sets: setsPool.Get().(*sets)}
	defs := countDefs(tree.Body)
	x.room = *strroom.Chunked(16*defs + 256) // about the bytes of their names, decorators and bases
	x.bindings(tree, imports, module, isPackage)
	// Made at its size: a Def is big, and the list grown by appending was a twelfth of the
	// bytes a check allocates (and held half empty with the summaries).
	f.Defs = make([]Def, 0, defs)
	x.top(tree.Body)
	e := &Extractor{x: x}
	e.markDoc(tree.Body)
	return e
}

func (e *Extractor) markDoc(body []ast.Stmt) {
	if len(body) > 0 {
		if s, ok := body[0].(*ast.ExprStmt); ok {
			if c, ok := s.Value.(*ast.Constant); ok && c.Value.Kind == ast.ConstStr {
				e.docs = append(e.docs, c)
			}
		}
	}
}

// Visits are the kinds of node that Visit looks at, as nil pointers: a walk may hand it only
// those (analysis.RunVisiting's kinds).
var Visits = []ast.Node{
	(*ast.Name)(nil), (*ast.AugAssign)(nil), (*ast.Global)(nil), (*ast.Attribute)(nil), (*ast.Assign)(nil),
	(*ast.ExceptHandler)(nil), (*ast.MatchClass)(nil), (*ast.Constant)(nil), (*ast.FunctionDef)(nil),
	(*ast.AsyncFunctionDef)(nil), (*ast.ClassDef)(nil), (*ast.If)(nil), (*ast.BinOp)(nil), (*ast.Compare)(nil),
	(*ast.JoinedStr)(nil), (*ast.Call)(nil),
}

// Visit takes one node of the tree; it always returns true (walk on into its children).
// A walk that knows the node's type may call the method of its kind instead (VisitName,
// ...), as analysis's walk does: no switch over the kinds for each node.
func (e *Extractor) Visit(n ast.Node) bool {
	if e.x == nil {
		return false
	}
	switch n := n.(type) {
	case *ast.Name:
		e.VisitName(n)
	case *ast.AugAssign:
		e.VisitAugAssign(n)
	case *ast.Global:
		e.VisitGlobal(n)
	case *ast.Attribute:
		e.VisitAttribute(n)
	case *ast.Assign:
		e.VisitAssign(n)
	case *ast.ExceptHandler:
		e.VisitExceptHandler(n)
	case *ast.MatchClass:
		e.VisitMatchClass(n)
	case *ast.Constant:
		e.VisitConstant(n)
	case *ast.FunctionDef:
		e.VisitFunctionDef(n)
	case *ast.AsyncFunctionDef:
		e.VisitAsyncFunctionDef(n)
	case *ast.ClassDef:
		e.VisitClassDef(n)
	case *ast.If:
		e.VisitIf(n)
	case *ast.BinOp:
		e.VisitBinOp(n)
	case *ast.Compare:
		e.VisitCompare(n)
	case *ast.JoinedStr:
		e.VisitJoinedStr(n)
	case *ast.Call:
		e.VisitCall(n)
	}
	return true
}

// The methods below are Visit for one kind of node each (of Visits), for a tree whose
// facts were begun (Begin of a module that is not nil).

// VisitName is Visit of a Name.
func (e *Extractor) VisitName(n *ast.Name) {
	if x := e.x; n.Ctx != ast.Store && !x.recentNames.seen(n.ID) {
		x.names.Add(n.ID)
	}
}

// VisitAugAssign is Visit of an AugAssign.
func (e *Extractor) VisitAugAssign(n *ast.AugAssign) {
	if t, ok := n.Target.(*ast.Name); ok {
		e.x.names.Add(t.ID)
	}
}

// VisitGlobal is Visit of a Global.
func (e *Extractor) VisitGlobal(n *ast.Global) {
	// A function that rebinds a module's variable keeps state in it, or keeps an
	// object alive by it (_appref = QApplication(...)): the variable is in use.
	for _, name := range n.Names {
		e.x.names.Add(name)
	}
}

// VisitAttribute is Visit of an Attribute.
func (e *Extractor) VisitAttribute(n *ast.Attribute) {
	x := e.x
	if !x.recentAttrs.seen(n.Attr) {
		x.attrs.Add(n.Attr)
	}
	if call, ok := n.Value.(*ast.Call); ok { // super().m, super(C, self).m
		if fn, ok := call.Func.(*ast.Name); ok && fn.ID == "super" {
			x.supers = append(x.supers, superRef{n.Pos(), n.Attr})
		}
	}
	if l := ast.LastName(n.Value); l != "" && l[0] >= 'A' && l[0] <= 'Z' {
		x.addNominal(n.Value)
	}
}

// VisitAssign is Visit of an Assign.
func (e *Extractor) VisitAssign(n *ast.Assign) {
	// An alias of a class (KeyWithSerialization = Key): code may check the class by
	// the alias, out of the resolver's sight.
	if l := ast.LastName(n.Value); l != "" && l[0] >= 'A' && l[0] <= 'Z' && allNames(n.Targets) {
		e.x.addNominal(n.Value)
	}
}

// VisitExceptHandler is Visit of an ExceptHandler.
func (e *Extractor) VisitExceptHandler(n *ast.ExceptHandler) { e.x.addNominal(n.Type) }

// VisitMatchClass is Visit of a MatchClass.
func (e *Extractor) VisitMatchClass(n *ast.MatchClass) { e.x.addNominal(n.Cls) }

// VisitConstant is Visit of a Constant.
func (e *Extractor) VisitConstant(n *ast.Constant) {
	if n.Value.Kind != ast.ConstStr {
		return
	}
	for i, d := range e.docs {
		if d == n { // a docstring: reached, and left out
			e.docs = append(e.docs[:i], e.docs[i+1:]...)
			return
		}
	}
	if len(n.Value.Str) <= maxString {
		e.x.tokens(n.Value.Str)
	}
}

// VisitFunctionDef is Visit of a FunctionDef.
func (e *Extractor) VisitFunctionDef(n *ast.FunctionDef) {
	e.markDoc(n.Body)
	e.x.registered(n.DecoratorList, n.Args)
}

// VisitAsyncFunctionDef is Visit of an AsyncFunctionDef.
func (e *Extractor) VisitAsyncFunctionDef(n *ast.AsyncFunctionDef) {
	e.markDoc(n.Body)
	e.x.registered(n.DecoratorList, n.Args)
}

// VisitClassDef is Visit of a ClassDef.
func (e *Extractor) VisitClassDef(n *ast.ClassDef) { e.markDoc(n.Body) }

// VisitIf is Visit of an If.
func (e *Extractor) VisitIf(n *ast.If) {
	if isMainTest(n.Test) {
		e.x.f.Main = true
	}
}

// VisitBinOp is Visit of a BinOp.
func (e *Extractor) VisitBinOp(n *ast.BinOp) {
	x := e.x
	if n.Op == ast.Add || n.Op == ast.Mod {
		if c, ok := stringConst(n.Left); ok {
			if n.Op == ast.Mod {
				x.format(c, "%s")
			} else if _, constant := stringConst(n.Right); !constant {
				x.affix(c, "")
			}
		}
		if c, ok := stringConst(n.Right); ok && n.Op == ast.Add {
			if _, constant := stringConst(n.Left); !constant {
				x.affix("", c)
			}
		}
	}
}

// VisitCompare is Visit of a Compare.
func (e *Extractor) VisitCompare(n *ast.Compare) {
	// name[:3] == "ps_" (a prefix), name[-5:] == "_hook" (a suffix).
	if sub, ok := n.Left.(*ast.Subscript); ok && len(n.Comparators) == 1 {
		if sl, ok := sub.Slice.(*ast.Slice); ok {
			if c, ok := stringConst(n.Comparators[0]); ok && len(c) <= maxString {
				if sl.Lower == nil {
					e.x.affix(c, "")
				} else {
					e.x.affix("", c)
				}
			}
		}
	}
}

// VisitJoinedStr is Visit of a JoinedStr.
func (e *Extractor) VisitJoinedStr(n *ast.JoinedStr) {
	for i, v := range n.Values {
		c, ok := stringConst(v)
		if !ok {
			continue
		}
		if i+1 < len(n.Values) {
			e.x.affix(c, "")
		}
		if i > 0 {
			e.x.affix("", c)
		}
	}
}

// VisitCall is Visit of a Call. Everything it looks for is told by the last name of the
// function called: one switch on it, not a test for each (dynamicImport's walk of a dotted
// name among them) of every call of the file.
func (e *Extractor) VisitCall(n *ast.Call) {
	x := e.x
	var fn string
	a, attr := n.Func.(*ast.Attribute)
	switch c := n.Func.(type) {
	case *ast.Name:
		fn = c.ID
	case *ast.Attribute:
		fn = c.Attr
	default:
		return
	}
	switch fn {
	case "format":
		if attr {
			if c, ok := stringConst(a.Value); ok {
				x.format(c, "{")
			}
		}
	case "startswith", "endswith":
		// name.startswith("visit_") over dir(self): names are reached by a piece.
		if !attr || len(n.Args) == 0 {
			return
		}
		pieces := []ast.Expr{n.Args[0]}
		if t, ok := n.Args[0].(*ast.Tuple); ok {
			pieces = t.Elts
		}
		for _, e := range pieces {
			if c, ok := stringConst(e); ok && len(c) <= maxString {
				if fn == "startswith" {
					x.affix(c, "")
				} else {
					x.affix("", c)
				}
			}
		}
	case "import_module", "__import__", "load_source", "spec_from_file_location",
		"iter_modules", "walk_packages", "autodiscover_modules", "autodiscover_tasks", "exec":
		if f := x.f; !f.Dynamic && dynamicImport(n) {
			f.Dynamic = true
		}
	case "globals", "vars":
		if !attr && len(n.Args) == 0 {
			x.f.Globals = true
		}
	case "isinstance", "issubclass":
		if len(n.Args) == 2 {
			x.addNominal(n.Args[1])
		}
	default:
		if containsRegister(fn) { // register_interface(Iface), registry.register(Base)
			for _, a := range n.Args {
				x.addNominal(a)
			}
		}
	}
}

// containsRegister is strings.Contains(s, "register") for a name, a few bytes long: no call
// of the general search for every call of the file.
func containsRegister(s string) bool {
	for i := 0; i+len("register") <= len(s); i++ {
		if s[i] == 'r' && s[i:i+len("register")] == "register" {
			return true
		}
	}
	return false
}

// Finish returns the facts of the module; call it once.
func (e *Extractor) Finish() *Facts {
	x := e.x
	if x == nil {
		return &Facts{}
	}
	f := x.f
	f.Names = x.names.sorted()
	f.Attrs = x.attrs.sorted()
	f.Strings = x.strs.sorted()
	f.Prefixes = sortedKeys(x.prefixes)
	f.Suffixes = sortedKeys(x.suffixes)
	f.Nominal = sortedKeys(x.nominal)
	x.assignSupers()
	x.sets.release()
	x.sets = nil
	return f
}

// allNames reports whether every target of an assignment is a plain name.
func allNames(targets []ast.Expr) bool {
	for _, t := range targets {
		if _, ok := t.(*ast.Name); !ok {
			return false
		}
	}
	return len(targets) > 0
}

// addNominal records the classes an expression names: a name, a dotted name, or a tuple of
// them (isinstance(x, (A, B))).
func (x *extractor) addNominal(e ast.Expr) {
	switch e := e.(type) {
	case *ast.Tuple:
		for _, el := range e.Elts {
			x.addNominal(el)
		}
	case *ast.Name, *ast.Attribute:
		if q := x.qualified(e); q != "?" {
			x.nominal[q] = true
		}
	case *ast.BinOp: // isinstance(x, A | B)
		if e.Op == ast.BitOr {
			x.addNominal(e.Left)
			x.addNominal(e.Right)
		}
	}
}

// registered records the annotations of a function registered by the types of its
// parameters: @f.register, @singledispatch's and singledispatchmethod's.
func (x *extractor) registered(decos []ast.Expr, args *ast.Arguments) {
	for _, d := range decos {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		if ast.LastName(d) != "register" || args == nil {
			continue
		}
		for _, list := range [][]*ast.Arg{args.PosOnlyArgs, args.Args} {
			for _, a := range list {
				if a.Annotation != nil {
					x.addNominal(a.Annotation)
				}
			}
		}
	}
}

func stringConst(e ast.Expr) (string, bool) {
	c, ok := e.(*ast.Constant)
	if !ok || c.Value.Kind != ast.ConstStr {
		return "", false
	}
	return c.Value.Str, true
}

func isIdent(c byte) bool {
	return c == '_' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// affix records the identifier characters at the end of before (a prefix of a computed
// name) and at the start of after (a suffix).
func (x *extractor) affix(before, after string) {
	if before != "" {
		i := len(before)
		for i > 0 && isIdent(before[i-1]) {
			i--
		}
		if p := before[i:]; len(p) >= 2 && !isDigit(p[0]) || before == "_" {
			x.prefixes[p] = true // "_" alone: "_" + type(node).__name__, kept for methods _If, _Call
		}
		// A module's name with a computed last part: f"pkg.providers.{region}" gives the
		// prefix "pkg.providers." (it matches no identifier: only modules are judged by it).
		if i == len(before) && before[i-1] == '.' {
			for i > 0 && (isIdent(before[i-1]) || before[i-1] == '.') {
				i--
			}
			if p := before[i:]; len(p) >= 3 && !isDigit(p[0]) && p[0] != '.' {
				x.prefixes[p] = true
			}
		}
	}
	if after != "" {
		i := 0
		for i < len(after) && isIdent(after[i]) {
			i++
		}
		if s := after[:i]; len(s) >= 2 {
			x.suffixes[s] = true
		}
		// A module's name with a computed first part: "%s.base" % engine gives the suffix
		// ".base" (it matches no identifier: only modules are judged by it).
		if i == 0 && after[0] == '.' {
			i = 1
			for i < len(after) && (isIdent(after[i]) || after[i] == '.') {
				i++
			}
			if s := strings.TrimRight(after[:i], "."); len(s) >= 3 {
				x.suffixes[s] = true
			}
		}
	}
}

// format records the pieces around the placeholders of a format string: "visit_%s" gives
// the prefix "visit_", "{}_spec" the suffix "_spec", and "_%s_cpy_%s" the infix "_cpy_"
// (kept with the suffixes: a name that contains one is reached).
func (x *extractor) format(s, open string) {
	if len(s) > maxString {
		return
	}
	var room [8]string // most texts have a few pieces: no allocation for them
	pieces := room[:0]
	for {
		i := strings.Index(s, open)
		if i < 0 {
			pieces = append(pieces, s)
			break
		}
		pieces = append(pieces, s[:i])
		rest := s[i+len(open):]
		if open == "{" {
			j := strings.IndexByte(rest, '}')
			if j < 0 {
				return
			}
			rest = rest[j+1:]
		}
		s = rest
	}
	if len(pieces) < 2 {
		return
	}
	for i, p := range pieces {
		switch {
		case i == 0:
			x.affix(p, "")
		case i == len(pieces)-1:
			x.affix("", p)
		default:
			if len(p) >= 2 && strings.IndexFunc(p, func(r rune) bool { return r < 0x80 && !isIdent(byte(r)) }) < 0 {
				x.suffixes["*"+p] = true
			}
		}
	}
}

type extractor struct {
	f        *Facts
	src      string
	position func(int) (int, int)
	*sets
	stmt   int32       // the assignment statements seen at the top level
	alias  bool        // the statement being read assigns an alias
	bodies []classBody // of the classes of the top level, in order
	supers []superRef  // the reads through super() of the whole file
	// room holds the copies of the strings the facts keep (clone).
	room strroom.Room
}

// clone returns a copy of s, which may be the source's bytes (the file's source is read over
// by the next file's), in the file's room. A copy each was 90,000 allocations over the 3.11
// standard library.
func (x *extractor) clone(s string) string { return x.room.Str(s) }

// sets are what an extractor gathers of a file before Finish sorts them. They are used
// again for the next file (setsPool): a file's sets grow to thousands of names, and making
// them anew for each file cost as much again as filling them.
type sets struct {
	names, attrs, strs *Set
	// recentNames, recentAttrs and recentStrs: the last names, attributes and strings
	// added, which are read again soon (self, len, a function's locals) and then need no hash and probe of the set.
	recentNames, recentAttrs, recentStrs recent
	prefixes, suffixes                   map[string]bool
	bound                                map[string]string // local name -> qualified, from every import of the file
	absolute                             map[string]string // the same from the absolute imports (ImportedNames)
	nominal                              map[string]bool
}

var setsPool = sync.Pool{New: func() any {
	return &sets{names: NewSet(), attrs: NewSet(), strs: NewSet(), bound: map[string]string{}, absolute: map[string]string{},
		prefixes: map[string]bool{}, suffixes: map[string]bool{}, nominal: map[string]bool{}}
}}

// release empties the sets and returns them to setsPool.
func (s *sets) release() {
	s.names.reset()
	s.attrs.reset()
	clear(s.recentNames[:])
	clear(s.recentAttrs[:])
	clear(s.recentStrs[:])
	s.strs.reset()
	clear(s.prefixes)
	clear(s.suffixes)
	clear(s.bound)
	clear(s.absolute)
	clear(s.nominal)
	setsPool.Put(s)
}

// recent remembers strings added to a set, one in each of its slots, chosen by the string's
// length and first and last bytes: an exact match there is in the set.
type recent [64]string

// seen reports whether s is the string in its slot, and puts it there when it is not.
func (r *recent) seen(s string) bool {
	if s == "" {
		return false
	}
	i := (uint(len(s))*7 + uint(s[0]) + uint(s[len(s)-1])*3) & 63
	if r[i] == s {
		return true
	}
	r[i] = s
	return false
}

// sortedKeys returns the keys of m, sorted, copied into one string (see joined).
func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return joined(out)
}

// tokens adds the dotted names in a string: runs of identifier characters and dots.
func (x *extractor) tokens(s string) {
	for i := 0; i < len(s); {
		if !tokenByte[s[i]] {
			i++
			continue
		}
		start, colons := i, false
		for i++; i < len(s); i++ {
			c := s[i]
			if tokenByte[c] {
				continue
			}
			// "pkg.mod:main" (an entry point) is read as pkg.mod.main.
			if c == ':' && i+1 < len(s) && isIdent(s[i+1]) && !isDigit(s[i+1]) {
				colons = true
				continue
			}
			break
		}
		t := s[start:i] // the dots at either end trimmed
		for t != "" && t[0] == '.' {
			t = t[1:]
		}
		for t != "" && t[len(t)-1] == '.' {
			t = t[:len(t)-1]
		}
		if colons {
			t = strings.ReplaceAll(t, ":", ".")
		}
		if t != "" && !isDigit(t[0]) && !x.recentStrs.seen(t) {
			x.strs.Add(t)
		}
	}
}

// tokenByte: the bytes of a dotted name in a string (tokens): identifier bytes and dots.
var tokenByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '_' || c == '.' || isDigit(byte(c)) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isMainTest reports whether e is `__name__ == "__main__"` (either way round).
func isMainTest(e ast.Expr) bool {
	c, ok := e.(*ast.Compare)
	if !ok || len(c.Comparators) != 1 {
		return false
	}
	isName := func(e ast.Expr) bool { n, ok := e.(*ast.Name); return ok && n.ID == "__name__" }
	isMain := func(e ast.Expr) bool {
		k, ok := e.(*ast.Constant)
		return ok && k.Value.Kind == ast.ConstStr && k.Value.Str == "__main__"
	}
	return isName(c.Left) && isMain(c.Comparators[0]) || isMain(c.Left) && isName(c.Comparators[0])
}

// dynamicImport reports whether a call imports modules by computed names.
func dynamicImport(c *ast.Call) bool {
	switch lastOfDotted(c.Func) {
	case "import_module", "__import__", "load_source", "spec_from_file_location":
		if len(c.Args) == 0 {
			return true
		}
		k, ok := c.Args[0].(*ast.Constant)
		return !ok || k.Value.Kind != ast.ConstStr
	case "iter_modules", "walk_packages", "autodiscover_modules", "autodiscover_tasks":
		return true
	case "exec":
		// exec("from .%s import %s" % (name, name)): code computed at run time may import
		// anything.
		if _, bare := c.Func.(*ast.Name); !bare || len(c.Args) == 0 {
			return false
		}
		_, ok := c.Args[0].(*ast.Constant)
		return !ok
	}
	return false
}

// Tokens returns the dotted names in a text (a string constant, a configuration file):
// runs of identifier characters and dots, not starting with a digit.
func Tokens(s string) []string {
	x := &extractor{sets: &sets{strs: NewSet()}}
	x.tokens(s)
	return x.strs.sorted()
}

// bindings records what the file's imports bind, relative ones resolved against module.
// The absolute ones are also kept apart (ImportedNames).
func (x *extractor) bindings(tree *ast.Module, imports []ast.Stmt, module string, isPackage bool) {
	walkImports(tree.Body, imports, module, isPackage, func(local, target string, from, relative bool) {
		x.bound[local] = target
		if !relative {
			x.absolute[local] = target
		}
		if from {
			x.f.Bindings = append(x.f.Bindings, Binding{x.clone(local), x.clone(target)})
		}
	})
}

// ImportedNames returns what the file's absolute imports bind, local name to dotted name, a
// later import winning: ImportBindings with no module, which analysis.Imported is, read with
// the facts' own (valid until Finish).
func (e *Extractor) ImportedNames() map[string]string {
	if e.x == nil {
		return nil
	}
	return e.x.absolute
}

// ImportBindings calls bind for every name an import statement of the tree binds (wherever
// the statement is), with the dotted name it stands for: `import a.b` binds "a" to "a",
// `import a.b as c` "c" to "a.b", `from a import b as c` "c" to "a.b" (from is true). A
// relative import is resolved against module (a package itself when isPackage), and left out
// when module is "" or the import goes above its top-level package; star imports bind
// nothing. The names passed share the tree's source.
func ImportBindings(tree *ast.Module, module string, isPackage bool, bind func(local, target string, from bool)) {
	importBindings(tree, module, isPackage, func(local, target string, from, _ bool) { bind(local, target, from) })
}

// importBindings is ImportBindings, which also says whether the import is relative.
func importBindings(tree *ast.Module, module string, isPackage bool, bind func(local, target string, from, relative bool)) {
	if tree == nil {
		return
	}
	// Import statements are statements: the blocks of statements are walked, not the
	// expressions (in the order ast.Inspect visits them, which the callers see).
	walkImports(tree.Body, nil, module, isPackage, bind)
}

// walkImports is importBindings of the import statements in body and the blocks of its
// statements or, when nodes is not nil, of the import statements nodes lists (in that
// order: a module's, as imports.ExtractNodesInto found them).
func walkImports(body, nodes []ast.Stmt, module string, isPackage bool, bind func(local, target string, from, relative bool)) {
	var walk func(body []ast.Stmt)
	walk = func(body []ast.Stmt) {
		for _, s := range body {
			switch n := s.(type) {
			case nil:
			case *ast.Import:
				for _, a := range n.Names {
					if a.Asname != nil {
						bind(*a.Asname, a.Name, false, false)
					} else {
						first, _, _ := strings.Cut(a.Name, ".")
						bind(first, first, false, false)
					}
				}
			case *ast.ImportFrom:
				base := ""
				if n.Module != nil {
					base = *n.Module
				}
				if n.Level > 0 {
					pkg, ok := relativeBase(module, isPackage, n.Level)
					if !ok {
						continue
					}
					if base == "" {
						base = pkg
					} else {
						base = pkg + "." + base
					}
				}
				for _, a := range n.Names {
					if a.Name == "*" {
						continue
					}
					local := a.Name
					if a.Asname != nil {
						local = *a.Asname
					}
					bind(local, base+"."+a.Name, true, n.Level > 0)
				}
			default:
				if nodes == nil {
					ast.Blocks(s, walk)
				}
			}
		}
	}
	if nodes != nil {
		walk(nodes)
		return
	}
	walk(body)
}

// relativeBase is the package a relative import of level dots starts from.
func relativeBase(module string, isPackage bool, level int) (string, bool) {
	pkg := module
	if !isPackage {
		i := strings.LastIndexByte(pkg, '.')
		if i < 0 {
			return "", false
		}
		pkg = pkg[:i]
	}
	for l := 1; l < level; l++ {
		i := strings.LastIndexByte(pkg, '.')
		if i < 0 {
			return "", false
		}
		pkg = pkg[:i]
	}
	return pkg, pkg != ""
}

// dotted returns the dotted name an expression is ("a.b.c"), or "".
func dotted(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.ID
	case *ast.Attribute:
		if b := dotted(e.Value); b != "" {
			return b + "." + e.Attr
		}
	}
	return ""
}

// lastOfDotted returns the last name of the dotted name an expression is ("c" of a.b.c), or
// "" when it is none: what dotted gives after its last dot, without making the name (it is
// asked of every call).
func lastOfDotted(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		for v := x.Value; ; {
			switch y := v.(type) {
			case *ast.Name:
				if y.ID == "" { // as dotted: no name
					return ""
				}
				return x.Attr
			case *ast.Attribute:
				v = y.Value
				continue
			}
			return ""
		}
	}
	return ""
}

// qualified is dotted through the file's imports.
func (x *extractor) qualified(e ast.Expr) string {
	if s, ok := e.(*ast.Subscript); ok { // Generic[T], Base[int]
		e = s.Value
	}
	d := dotted(e)
	if d == "" {
		return "?"
	}
	first, rest, more := strings.Cut(d, ".")
	if q, ok := x.bound[first]; ok {
		if more {
			return q + "." + rest
		}
		return q
	}
	return d
}

func (x *extractor) decorators(list []ast.Expr) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, d := range list {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		name := dotted(d)
		if name == "" {
			name = "?"
		}
		out = append(out, x.clone(name))
	}
	return out
}

// top records the definitions of a module's top level, and of the if, try and with blocks
// there (a definition under `if sys.platform == ...:` or in `try: ... except ImportError:`
// is still the module's).
func (x *extractor) top(body []ast.Stmt) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			x.def(Function, s.Name, "", s.Pos(), "def", x.decorators(s.DecoratorList))
		case *ast.AsyncFunctionDef:
			x.def(Function, s.Name, "", s.Pos(), "def", x.decorators(s.DecoratorList))
		case *ast.ClassDef:
			x.class(s)
		case *ast.Assign:
			x.stmt++
			x.alias = isAlias(s.Value)
			for _, t := range s.Targets {
				x.targets(t)
			}
		case *ast.AnnAssign:
			if s.Value != nil {
				x.stmt++
				_, call := s.Value.(*ast.Call)
				x.alias = isAlias(s.Value) || call
				x.targets(s.Target)
			}
		case *ast.If, *ast.Try, *ast.TryStar, *ast.With:
			ast.Blocks(s, x.top)
		}
	}
}

// countDefs counts the definitions top records of a module's statements.
func countDefs(body []ast.Stmt) int {
	n := 0
	var methods func(body []ast.Stmt)
	methods = func(body []ast.Stmt) {
		for _, s := range body {
			switch s.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef:
				n++
			case *ast.If, *ast.Try:
				ast.Blocks(s, methods)
			}
		}
	}
	var top func(body []ast.Stmt)
	top = func(body []ast.Stmt) {
		for _, s := range body {
			switch s := s.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef:
				n++
			case *ast.ClassDef:
				n++
				methods(s.Body)
			case *ast.Assign:
				for _, t := range s.Targets {
					n += countTargets(t)
				}
			case *ast.AnnAssign:
				if s.Value != nil {
					n += countTargets(s.Target)
				}
			case *ast.If, *ast.Try, *ast.TryStar, *ast.With:
				ast.Blocks(s, top)
			}
		}
	}
	top(body)
	return n
}

// countTargets counts the names targets records of an assignment's target.
func countTargets(t ast.Expr) int {
	switch t := t.(type) {
	case *ast.Name:
		return 1
	case *ast.Tuple:
		n := 0
		for _, e := range t.Elts {
			n += countTargets(e)
		}
		return n
	case *ast.List:
		n := 0
		for _, e := range t.Elts {
			n += countTargets(e)
		}
		return n
	}
	return 0
}

// classState reports whether a class body holds more than methods, a docstring, `pass`, `...`,
// annotations without a value and an empty __slots__.
func classState(body []ast.Stmt) bool {
	for i, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Pass:
		case *ast.AnnAssign:
			if s.Value != nil {
				return true
			}
		case *ast.ExprStmt:
			k, ok := s.Value.(*ast.Constant)
			if !ok || !(k.Value.Kind == ast.ConstEllipsis || i == 0 && k.Value.Kind == ast.ConstStr) {
				return true
			}
		case *ast.Assign:
			if len(s.Targets) != 1 || dotted(s.Targets[0]) != "__slots__" || !emptyDisplay(s.Value) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

func emptyDisplay(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Tuple:
		return len(e.Elts) == 0
	case *ast.List:
		return len(e.Elts) == 0
	}
	return false
}

// classBody is where the body of a class of the top level is: from its first statement
// (its decorators included, for a def or class) to the end of its last. The classes of the
// top level do not nest: their bodies are apart, in the order of the source.
type classBody struct {
	lo, hi int // byte offsets, hi past the end
	def    int // the class's index in Facts.Defs
}

// superRef is an attribute read through super() (super().m, super(C, self).m), at pos.
type superRef struct {
	pos  int
	name string
}

// bodyOf records where the body of the class at Defs[def] is.
func (x *extractor) bodyOf(c *ast.ClassDef, def int) {
	lo, hi := -1, -1
	for _, s := range c.Body {
		if s == nil {
			continue
		}
		if lo < 0 {
			lo = s.Pos()
			var decos []ast.Expr
			switch d := s.(type) {
			case *ast.FunctionDef:
				decos = d.DecoratorList
			case *ast.AsyncFunctionDef:
				decos = d.DecoratorList
			case *ast.ClassDef:
				decos = d.DecoratorList
			}
			for _, e := range decos {
				lo = min(lo, e.Pos())
			}
		}
		hi = s.EndPos()
	}
	if lo >= 0 {
		x.bodies = append(x.bodies, classBody{lo, hi, def})
	}
}

// assignSupers gives each class of the top level the names of the methods its body reaches
// through super() (Def.Super), from the reads the walk found (Visit): no walk of each class
// again, as there was (a sixth of the facts' cost).
func (x *extractor) assignSupers() {
	if len(x.supers) == 0 {
		return
	}
	names := make([]map[string]bool, len(x.bodies))
	for _, r := range x.supers {
		// The last body that starts at or before the read: the read is in it if it starts
		// before its end.
		i := sort.Search(len(x.bodies), func(i int) bool { return x.bodies[i].lo > r.pos }) - 1
		if i < 0 || r.pos >= x.bodies[i].hi {
			continue
		}
		if names[i] == nil {
			names[i] = map[string]bool{}
		}
		names[i][r.name] = true
	}
	for i, b := range x.bodies {
		x.f.Defs[b.def].Super = sortedKeys(names[i])
	}
}

// isAlias reports whether a value is another name: a Name or a dotted attribute of one.
func isAlias(e ast.Expr) bool {
	return dotted(e) != ""
}

func (x *extractor) targets(t ast.Expr) {
	switch t := t.(type) {
	case *ast.Name:
		line, col := x.position(t.Pos())
		x.f.Defs = append(x.f.Defs, Def{Kind: Variable, Name: x.clone(t.ID), Line: int32(line), Col: int32(col), EndCol: int32(col + ast.RuneCount(t.ID)), Stmt: x.stmt, Alias: x.alias})
	case *ast.Tuple:
		for _, e := range t.Elts {
			x.targets(e)
		}
	case *ast.List:
		for _, e := range t.Elts {
			x.targets(e)
		}
	}
}

// def records a def or class whose statement (after its decorators) starts at pos.
func (x *extractor) def(kind Kind, name, class string, pos int, keyword string, decos []string) *Def {
	at := pos
	if i := strings.Index(x.src[pos:min(len(x.src), pos+200)], keyword); i >= 0 {
		at = pos + i + len(keyword)
		for at < len(x.src) && (x.src[at] == ' ' || x.src[at] == '\t' || x.src[at] == '\\' || x.src[at] == '\n' || x.src[at] == '\r') {
			at++
		}
		if !strings.HasPrefix(x.src[at:], name) {
			at = pos
		}
	}
	line, col := x.position(at)
	x.f.Defs = append(x.f.Defs, Def{Kind: kind, Name: x.clone(name), Class: class, Line: int32(line), Col: int32(col), EndCol: int32(col + ast.RuneCount(name)), Decorators: decos})
	return &x.f.Defs[len(x.f.Defs)-1]
}

func (x *extractor) class(c *ast.ClassDef) {
	d := x.def(Class, c.Name, "", c.Pos(), "class", x.decorators(c.DecoratorList))
	for _, b := range c.Bases {
		d.Bases = append(d.Bases, x.clone(x.qualified(b)))
	}
	d.Meta = len(c.Keywords) > 0
	for _, k := range c.Keywords {
		if k.Arg != nil && *k.Arg == "metaclass" {
			d.Metaclass = x.clone(x.qualified(k.Value))
		}
	}
	for _, deco := range c.DecoratorList { // six.add_metaclass(abc.ABCMeta)
		if call, ok := deco.(*ast.Call); ok && ast.LastName(call.Func) == "add_metaclass" && len(call.Args) == 1 {
			d.Metaclass = x.clone(x.qualified(call.Args[0]))
		}
	}
	d.State = classState(c.Body)
	x.bodyOf(c, len(x.f.Defs)-1) // Super comes from the walk (assignSupers)
	name := d.Name               // the copy
	meta := d.Meta
	var methods func(body []ast.Stmt)
	methods = func(body []ast.Stmt) {
		for _, s := range body {
			switch s := s.(type) {
			case *ast.FunctionDef:
				meta = meta || s.Name == "__init_subclass__"
				x.def(Method, s.Name, name, s.Pos(), "def", x.decorators(s.DecoratorList))
			case *ast.AsyncFunctionDef:
				x.def(Method, s.Name, name, s.Pos(), "def", x.decorators(s.DecoratorList))
			case *ast.If, *ast.Try:
				ast.Blocks(s, methods)
			}
		}
	}
	i := len(x.f.Defs) - 1
	methods(c.Body)
	x.f.Defs[i].Meta = meta
}
