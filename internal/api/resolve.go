package api

import (
	"path"
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
)

type builder struct {
	mods    map[string]*module
	canon   map[string]string // defining path (module.qualname) → public path
	api     *API
	exports map[string][]string
	busy    map[string]bool
	exclude []string
}

// excluded reports whether a module is left out by Options.Exclude.
func (bd *builder) excluded(name string) bool {
	for _, p := range bd.exclude {
		if name == p || strings.HasPrefix(name, p+".") {
			return true
		}
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// A target is what a name resolves to: a definition in a module of the distribution, a
// module of the distribution, or a name outside it.
type target struct {
	mod      *module
	b        *binding // a definition (not an import) in mod
	module   *module  // the name is this module
	external string   // the name is this fully qualified name outside the distribution
	found    bool
}

// defPath is the dotted path where a definition is made.
func (t target) defPath() string {
	switch {
	case t.b != nil:
		return t.mod.name + "." + t.b.name
	case t.module != nil:
		return t.module.name
	}
	return t.external
}

// resolve follows name in module modName through imports to what it is.
func (bd *builder) resolve(modName, name string, depth int) target {
	if depth > 30 {
		return target{}
	}
	m := bd.mods[modName]
	if m == nil {
		if modName == "" {
			return target{external: name, found: true}
		}
		return target{external: modName + "." + name, found: true}
	}
	if r := bd.replacement(m); r != "" {
		return bd.resolve(r, name, depth+1)
	}
	b := m.bindings[name]
	if b == nil {
		if sub := bd.mods[modName+"."+name]; sub != nil {
			return target{module: sub, found: true}
		}
		for _, s := range m.stars {
			if bd.mods[s] == nil {
				if (s == "typing" || s == "typing_extensions") && typingNames[name] {
					return target{external: "typing." + name, found: true}
				}
				continue
			}
			for _, n := range bd.exportsOf(s) {
				if n == name {
					return bd.resolve(s, name, depth+1)
				}
			}
		}
		return target{}
	}
	if b.from == "" && b.imported == "" {
		return target{mod: m, b: b, found: true}
	}
	if b.imported == "" { // import a.b [as c]
		if mm := bd.mods[b.from]; mm != nil {
			return target{module: mm, found: true}
		}
		return target{external: b.from, found: true}
	}
	if bd.mods[b.from] == nil {
		if sub := bd.mods[b.from+"."+b.imported]; sub != nil {
			return target{module: sub, found: true}
		}
		return target{external: joinDot(b.from, b.imported), found: true}
	}
	if b.from == modName && b.imported == name {
		return target{}
	}
	return bd.resolve(b.from, b.imported, depth+1)
}

// typingNames are the names `from typing import *` binds that annotations use.
var typingNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`Any Optional Union List Dict Set FrozenSet Tuple Type Text
		Callable Literal Annotated Final ClassVar Required NotRequired ReadOnly DefaultDict
		OrderedDict Deque Counter ChainMap AbstractSet Pattern Match TypeVar Generic Protocol
		NoReturn Never Self TypeAlias ContextManager AsyncContextManager`) {
		m[n] = true
	}
	for _, n := range abcNames {
		m[n] = true
	}
	return m
}()

func joinDot(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// firstParty reports whether a binding imports from the distribution.
func (bd *builder) firstParty(b *binding) bool {
	if b.from == "" {
		return false
	}
	if b.imported == "" {
		return false // `import pkg.sub` binds pkg: not an export
	}
	return bd.mods[b.from] != nil || bd.mods[b.from+"."+b.imported] != nil
}

// replacement returns the module of the distribution that replaces m in sys.modules, or "".
func (bd *builder) replacement(m *module) string {
	if m.replacedBy == "" {
		return ""
	}
	b := m.bindings[m.replacedBy]
	if b == nil || b.imported != "" || bd.mods[b.from] == nil || b.from == m.name {
		return ""
	}
	return b.from
}

// reexport reports whether an import in a module without __all__ is part of its API: in a
// package's __init__, an import from the distribution (`from .client import Client`); in
// any module, an import from a private module of the distribution (`from ._impl import
// helper`). A plain module importing from a public one (`from .models import User` in
// pkg/api.py) only uses the name, which has its home elsewhere.
func (bd *builder) reexport(m *module, b *binding) bool {
	if !bd.firstParty(b) {
		return false
	}
	return m.pkg || !isPublicModule(b.from)
}

// exportsOf returns the names module modName exports (see the package doc).
func (bd *builder) exportsOf(modName string) []string {
	if e, ok := bd.exports[modName]; ok {
		return e
	}
	m := bd.mods[modName]
	if m == nil || bd.busy[modName] {
		return nil
	}
	bd.busy[modName] = true
	defer delete(bd.busy, modName)
	var out []string
	if r := bd.replacement(m); r != "" {
		out = bd.exportsOf(r)
	} else if m.hasAll {
		out = m.all
	} else {
		seen := map[string]bool{}
		for _, n := range m.order {
			b := m.bindings[n]
			if b == nil || strings.HasPrefix(n, "_") { // nil: deleted (del x)
				continue
			}
			isImport := b.from != "" || b.imported != ""
			if isImport && !b.redundant && (m.file.Stub || !bd.reexport(m, b)) {
				continue
			}
			seen[n] = true
			out = append(out, n)
		}
		for _, s := range m.stars {
			if bd.mods[s] == nil || !m.pkg && isPublicModule(s) {
				continue // a plain module's star import of a public module only uses it
			}
			for _, n := range bd.exportsOf(s) {
				if !seen[n] && !strings.HasPrefix(n, "_") {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	bd.exports[modName] = out
	return out
}

// resolver returns the function that qualifies dotted names as module m sees them, mapping
// definitions of the distribution to their public path.
func (bd *builder) resolver(m *module) resolver {
	return func(dotted string) string {
		head, rest, _ := strings.Cut(dotted, ".")
		t := bd.resolve(m.name, head, 0)
		q := head
		if t.found {
			q = t.defPath()
		}
		// Walk on through modules of the distribution: pkg.sub.Name.
		for rest != "" && t.module != nil {
			var part string
			part, rest, _ = strings.Cut(rest, ".")
			t = bd.resolve(t.module.name, part, 0)
			if !t.found {
				q = q + "." + part
				break
			}
			q = t.defPath()
		}
		if rest != "" {
			q += "." + rest
		}
		return bd.public(q)
	}
}

// public maps a defining path to its public path, when it has one.
func (bd *builder) public(q string) string {
	if p, ok := bd.canon[q]; ok {
		return p
	}
	for i := strings.LastIndexByte(q, '.'); i > 0; i = strings.LastIndexByte(q[:i], '.') {
		if p, ok := bd.canon[q[:i]]; ok {
			return p + q[i:]
		}
	}
	return q
}

// classOf resolves a base-class expression to a class defined in the distribution.
func (bd *builder) classOf(m *module, e ast.Expr) (*module, *ast.ClassDef) {
	if s, ok := e.(*ast.Subscript); ok {
		e = s.Value
	}
	t := bd.resolveExpr(m, e)
	if t.b == nil {
		return nil, nil
	}
	c, ok := t.b.node.(*ast.ClassDef)
	if !ok {
		return nil, nil
	}
	return t.mod, c
}

// baseClass resolves the dotted name of a base class (without its subscript) to a class
// defined in the distribution: its module and shape.
func (bd *builder) baseClass(m *module, dotted string) (*module, *Class) {
	t := bd.resolveDotted(m, dotted)
	if t.b == nil {
		return nil, nil
	}
	if t.b.class != nil {
		return t.mod, t.b.class
	}
	c, ok := t.b.node.(*ast.ClassDef)
	if !ok {
		return nil, nil
	}
	return t.mod, classShape(c)
}

// resolveExpr resolves a name or a chain of attributes on one (pkg.sub.Name) to what it is.
func (bd *builder) resolveExpr(m *module, e ast.Expr) target {
	return bd.resolveDotted(m, dottedName(e))
}

// resolveDotted is resolveExpr of the dotted name d.
func (bd *builder) resolveDotted(m *module, d string) target {
	if d == "" {
		return target{}
	}
	first, rest, more := strings.Cut(d, ".") // the parts one by one: no list of them made
	t := bd.resolve(m.name, first, 0)
	for more {
		var p string
		p, rest, more = strings.Cut(rest, ".")
		if t.module == nil {
			return target{}
		}
		t = bd.resolve(t.module.name, p, 0)
	}
	return t
}

// isPublicModule reports whether no part of a module's name is private.
func isPublicModule(name string) bool {
	for _, p := range strings.Split(name, ".") {
		if strings.HasPrefix(p, "_") {
			return false
		}
	}
	return true
}
