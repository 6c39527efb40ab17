package api

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// File is a Python source file of the distribution.
type File struct {
	Rel     string // relative to the project root, slash-separated
	Module  string // dotted module name
	Package bool   // an __init__ file
	Stub    bool   // a .pyi file
	Src     []byte
}

// Build builds the public API of the files, whose top-level packages (or modules) are
// packages. Of a .py and a .pyi of the same module, the .pyi is read.
//
// Modules that match an exclude pattern (see Options.Exclude) are not part of the API, but
// what they define is when a public module re-exports it.
func Build(files []File, packages []string, exclude ...string) *API {
	b := &builder{mods: map[string]*module{}, canon: map[string]string{}, exclude: exclude}
	chosen := map[string]*File{}
	for i := range files {
		f := &files[i]
		if prev, ok := chosen[f.Module]; ok && (prev.Stub || !f.Stub) {
			continue
		}
		chosen[f.Module] = f
	}
	list := make([]*File, 0, len(chosen))
	for _, f := range chosen {
		list = append(list, f)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Module < list[j].Module })
	mods := parseAll(list)
	for _, m := range mods {
		b.mods[m.name] = m
	}
	a := &API{Version: SnapshotVersion, Packages: append([]string(nil), packages...), hidden: map[string]map[string]string{}}
	sort.Strings(a.Packages)
	b.api = a
	b.run(mods)
	a.sort()
	return a
}

// parseAll reads the modules of the files in parallel.
func parseAll(list []*File) []*module {
	mods := make([]*module, len(list))
	parallel(len(list), func(i int) { mods[i] = readModule(list[i]) })
	return mods
}

// parallel runs fn(0) ... fn(n-1) on every core.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// module is a parsed module and its top-level bindings.
type module struct {
	name     string
	file     *File
	pkg      bool
	lines    *ast.LineIndex
	body     []ast.Stmt
	bindings map[string]*binding
	order    []string // binding names in source order
	stars    []string // modules of `from M import *`, resolved
	all      []string
	hasAll   bool
	// accel is the module a star import may replace this module's definitions from at run
	// time: a C accelerator (`from _datetime import *`, `from _heapq import *`).
	accel string
	// replacedBy is the name of the module that replaces this one in sys.modules
	// (`sys.modules[__name__] = _pydecimal`): users get that module's names.
	replacedBy string
	facts      *ModuleFacts // when the module was made from its facts: then body is nil
	slab       []binding    // where newBinding makes the bindings
}

// A binding is what a top-level name of a module is bound to.
type binding struct {
	name string
	node ast.Stmt // *ast.ClassDef, *ast.FunctionDef, *ast.AsyncFunctionDef, assignments
	// For an import: the module imported from (absolute), and the name imported (or "" for
	// `import a.b`, which binds the module itself).
	from, imported string
	redundant      bool // `import x as x`, `from m import y as y`
	overloaded     bool
	ann            ast.Expr // of an annotated assignment
	class          *Class   // the class, when the module was made from its facts (not its tree)
}

func readModule(f *File) *module {
	res := parser.Parse(f.Src, parser.Options{})
	m := &module{name: f.Module, file: f, pkg: f.Package, lines: res.Lines, bindings: map[string]*binding{}}
	if res.Module != nil {
		m.body = res.Module.Body
	}
	m.collect(m.body)
	return m
}

func (m *module) bind(b binding) {
	if prev, ok := m.bindings[b.name]; ok {
		// Of an @overload series the implementation holds the signature; a stub has only the
		// overloads: keep the first and mark it.
		if isFunc(prev.node) && isFunc(b.node) && (prev.overloaded || hasDeco(b.node, "overload")) {
			if hasDeco(b.node, "overload") {
				prev.overloaded = true
				return
			}
			b.overloaded = true
		} else if prev.node != nil && b.node != nil && isDef(prev.node) && !isDef(b.node) {
			return // a definition wins over a fallback assignment (try: ... except: x = None)
		}
	} else {
		m.order = append(m.order, b.name)
		if isFunc(b.node) && hasDeco(b.node, "overload") {
			b.overloaded = true
		}
	}
	m.bindings[b.name] = m.newBinding(b)
}

// newBinding returns a copy of b, from a slab of the module's: a binding each was a third of
// the allocations of the entities' facts.
func (m *module) newBinding(b binding) *binding {
	if len(m.slab) == cap(m.slab) {
		m.slab = make([]binding, 0, max(8, len(m.body)))
	}
	m.slab = append(m.slab, b)
	return &m.slab[len(m.slab)-1]
}

func isFunc(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef:
		return true
	}
	return false
}

func isDef(s ast.Stmt) bool {
	_, c := s.(*ast.ClassDef)
	return c || isFunc(s)
}

func hasDeco(s ast.Stmt, name string) bool { return ast.HasDecorator(decorators(s), name) }

func decorators(s ast.Stmt) []ast.Expr {
	switch s := s.(type) {
	case *ast.FunctionDef:
		return s.DecoratorList
	case *ast.AsyncFunctionDef:
		return s.DecoratorList
	case *ast.ClassDef:
		return s.DecoratorList
	}
	return nil
}

// collect records the bindings of a block at module level, inside if/try/with too (the first
// branch's definition is the one kept when two branches define a name).
func (m *module) collect(body []ast.Stmt) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			m.bind(binding{name: s.Name, node: s})
			if s.Name == "__getattr__" {
				m.lazyImports(s.Body)
			}
		case *ast.AsyncFunctionDef:
			m.bind(binding{name: s.Name, node: s})
		case *ast.ClassDef:
			m.bind(binding{name: s.Name, node: s})
		case *ast.Assign:
			if len(s.Targets) == 1 {
				if sub, ok := s.Targets[0].(*ast.Subscript); ok && dottedName(sub.Value) == "sys.modules" && dottedName(sub.Slice) == "__name__" {
					m.replacedBy = dottedName(s.Value)
					continue
				}
			}
			for _, t := range s.Targets {
				if n, ok := t.(*ast.Name); ok {
					if n.ID == "__all__" {
						m.all, m.hasAll = ast.StringList(s.Value)
						continue
					}
					m.bind(binding{name: n.ID, node: s})
				}
			}
		case *ast.AnnAssign:
			if n, ok := s.Target.(*ast.Name); ok {
				if n.ID == "__all__" {
					m.all, m.hasAll = ast.StringList(s.Value)
					continue
				}
				m.bind(binding{name: n.ID, node: s, ann: s.Annotation})
			}
		case *ast.TypeAlias:
			if n, ok := s.Name.(*ast.Name); ok {
				m.bind(binding{name: n.ID, node: s})
			}
		case *ast.AugAssign:
			if n, ok := s.Target.(*ast.Name); ok && n.ID == "__all__" && m.hasAll {
				if more, ok := ast.StringList(s.Value); ok {
					m.all = append(m.all, more...)
				}
			}
		case *ast.ExprStmt:
			if c, ok := s.Value.(*ast.Call); ok && m.hasAll && len(c.Args) == 1 {
				if at, ok := c.Func.(*ast.Attribute); ok && dottedName(at.Value) == "__all__" {
					switch at.Attr {
					case "extend":
						if more, ok := ast.StringList(c.Args[0]); ok {
							m.all = append(m.all, more...)
						}
					case "append":
						if k, ok := c.Args[0].(*ast.Constant); ok && k.Value.Kind == ast.ConstStr {
							m.all = append(m.all, k.Value.Str)
						}
					}
				}
			}
		case *ast.Import:
			for _, a := range s.Names {
				if a.Asname != nil {
					m.bind(binding{name: *a.Asname, node: s, from: a.Name, redundant: *a.Asname == a.Name})
				} else {
					head, _, _ := strings.Cut(a.Name, ".")
					m.bind(binding{name: head, node: s, from: head})
				}
			}
		case *ast.ImportFrom:
			from := m.absolute(s)
			for _, a := range s.Names {
				if a.Name == "*" {
					m.stars = append(m.stars, from)
					last := from[strings.LastIndexByte(from, '.')+1:]
					if strings.HasPrefix(last, "_") && s.Level == 0 {
						m.accel = from
					}
					continue
				}
				name := a.Name
				if a.Asname != nil {
					name = *a.Asname
				}
				m.bind(binding{name: name, node: s, from: from, imported: a.Name, redundant: a.Asname != nil && *a.Asname == a.Name})
			}
		case *ast.If:
			m.collect(s.Body)
			m.collect(s.Orelse)
		case *ast.Try:
			m.collect(s.Body)
			for _, h := range s.Handlers {
				m.collect(h.Body)
			}
			m.collect(s.Orelse)
			m.collect(s.Finalbody)
		case *ast.With:
			m.collect(s.Body)
		case *ast.Delete:
			for _, t := range s.Targets {
				if n, ok := t.(*ast.Name); ok {
					delete(m.bindings, n.ID)
				}
			}
		}
	}
}

// lazyImports binds the names a module-level __getattr__ imports on first use (PEP 562):
// `if name == "Client": from ._client import Client; return Client`.
func (m *module) lazyImports(body []ast.Stmt) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.ImportFrom:
			from := m.absolute(s)
			for _, a := range s.Names {
				name := a.Name
				if a.Asname != nil {
					name = *a.Asname
				}
				if _, ok := m.bindings[name]; !ok && a.Name != "*" {
					m.bind(binding{name: name, node: s, from: from, imported: a.Name, redundant: true})
				}
			}
		case *ast.If:
			m.lazyImports(s.Body)
			m.lazyImports(s.Orelse)
		case *ast.Try:
			m.lazyImports(s.Body)
		}
	}
}

// absolute is the module an ImportFrom imports from.
func (m *module) absolute(s *ast.ImportFrom) string {
	mod := ""
	if s.Module != nil {
		mod = *s.Module
	}
	if s.Level == 0 {
		return mod
	}
	parts := strings.Split(m.name, ".")
	if !m.pkg {
		parts = parts[:len(parts)-1]
	}
	up := s.Level - 1
	if up > len(parts) {
		return mod
	}
	base := strings.Join(parts[:len(parts)-up], ".")
	if mod == "" {
		return base
	}
	if base == "" {
		return mod
	}
	return base + "." + mod
}
