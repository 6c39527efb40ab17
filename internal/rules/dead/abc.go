package dead

import (
	"slices"
	"strings"

	"github.com/buttresspy/buttress/internal/usage"
)

// StructuralABC is a first-party abstract base class that the project uses only for its
// shape, for PAT002: see StructuralABCs.
type StructuralABC struct {
	Path              string // the class's file, relative to the project root
	Line, Col, EndCol int    // where its name is
	Class             string // module.Class
	Subclasses        []string
}

// abstractDecorators are the decorators (last component) that make a method abstract.
var abstractDecorators = map[string]bool{
	"abstractmethod": true, "abstractproperty": true, "abstractclassmethod": true, "abstractstaticmethod": true,
}

// interfaceBases are the bases an ABC may have and still be an interface alone: nothing is
// inherited from them.
var interfaceBases = map[string]bool{
	"abc.ABC": true, "object": true, "typing.Generic": true, "typing_extensions.Generic": true,
}

// StructuralABCs returns the project's abstract base classes that a typing.Protocol could
// replace without any code of the project noticing. An ABC is one whose bases name abc.ABC,
// or whose metaclass is abc.ABCMeta (six's @add_metaclass included); it is returned when
//
//   - it declares at least one abstract method, and its bases are abc.ABC, object or Generic
//     alone (a base with code of its own is inherited from);
//   - its body holds only methods, a docstring and annotations without a value (no class
//     attribute, nested class or other statement), it has no decorator but add_metaclass,
//     and no __init_subclass__ or __class_getitem__;
//   - it has at least one subclass in the project, and every concrete (not abstract) method it
//     defines is defined again by each of its direct subclasses, so that none inherits code
//     from it;
//   - no class below it calls a method it defines through super();
//   - no file of the project names it as a class (isinstance, issubclass, except, a class
//     pattern, a function registered by type, or an attribute of it such as
//     Base.register(X) or Base.__subclasses__()): a name is resolved through the file's
//     imports and re-exports, and one that resolves to no class of the project (bound by a
//     star import, a parameter) keeps every class of that name; so does the name in the
//     bytes of a compiled extension module of the project (which checks types by name);
//   - with library set, it is private: a _Name, or in a private module that no public module
//     imports it from, by name or by a star import that takes it (a library's public ABC is
//     an extension point that its users subclass, out of sight).
//
// Classes in stubs are not judged.
func StructuralABCs(in Input, library bool) []StructuralABC {
	p := newClassIndex(in)
	// The classes some file uses as classes: those its names resolve to, and by their last
	// component the names that resolve to no class of the project (bound by a star import,
	// a parameter, an attribute of an object).
	// Keyed by module and class: "module.Class" made for every look-up was a third of the
	// rule.
	nominal, nominalNames := map[modClass]bool{}, map[string]bool{}
	for i := range in.Files {
		f := &in.Files[i]
		if f.Facts == nil {
			continue
		}
		for _, n := range f.Facts.Nominal {
			if c, ok := p.resolveClass(f, n); ok {
				nominal[modClass{c.file.Module, c.def.Name}] = true
			} else {
				nominalNames[n[strings.LastIndexByte(n, '.')+1:]] = true
			}
		}
	}
	// In a library, a class of a private module that a public module imports by name is
	// public under that name (trio.abc's `from ._abc import Clock`).
	// So is a public class (one its __all__ lists, when it has one) of a module that a
	// public module star-imports.
	exported, starred := map[string]bool{}, map[string]bool{}
	if library && in.Graph != nil {
		for _, e := range in.Graph.Edges {
			switch {
			case !publicModule(e.Importer) || e.Name == "":
			case e.Name == "*":
				starred[e.Imported] = true
			case !private(e.Name):
				exported[e.Imported+"."+e.Name] = true
			}
		}
	}
	public := func(c classAt) bool {
		f, name := c.file, c.def.Name
		if private(name) {
			return false
		}
		return publicModule(f.Module) || exported[f.Module+"."+name] ||
			starred[f.Module] && (!f.HasAll || contains(f.All, name))
	}
	// The methods of each class, and its direct subclasses in the project.
	type method struct {
		name     string
		abstract bool
	}
	// The classes in the order of their "module.Class" keys, looked up once: each loop below
	// looked every key up again (two map look-ups and a split).
	keys := p.classes.keys()
	all := make([]classAt, len(keys))
	for i, key := range keys {
		all[i], _ = p.classes.get(key)
	}
	subclasses := make(map[modClass][]classAt, len(keys))
	for _, c := range all {
		ck := modClass{c.file.Module, c.def.Name}
		seen := map[modClass]bool{}
		for _, b := range c.def.Bases {
			base, ok := p.resolveClass(c.file, b)
			if !ok {
				continue
			}
			bk := modClass{base.file.Module, base.def.Name}
			if bk != ck && !seen[bk] {
				seen[bk] = true
				subclasses[bk] = append(subclasses[bk], c)
			}
		}
	}
	// The classes whose methods are read below: each candidate and its direct subclasses
	// (the methods of every class of the project, in a map of lists, were a third of the
	// rule).
	candidate := func(c classAt) bool {
		d := c.def
		if !isABC(d) || c.file.Stub {
			return false
		}
		ck := modClass{c.file.Module, d.Name}
		if d.State || nominal[ck] || nominalNames[d.Name] || len(subclasses[ck]) == 0 {
			return false
		}
		return !library || !public(c)
	}
	// The candidates, by their index in all; read holds the classes whose methods are read,
	// readModules their modules: the definitions of a file of no other module are not
	// looked at (most of the project's).
	var candidates []int
	read, readModules := map[modClass]bool{}, map[string]bool{}
	for i, c := range all {
		if !candidate(c) {
			continue
		}
		candidates = append(candidates, i)
		ck := modClass{c.file.Module, c.def.Name}
		read[ck], readModules[ck.module] = true, true
		for _, s := range subclasses[ck] {
			read[modClass{s.file.Module, s.def.Name}], readModules[s.file.Module] = true, true
		}
	}
	methods := make(map[modClass][]method, len(read))
	for i := range in.Files {
		f := &in.Files[i]
		if len(read) == 0 || f.Facts == nil || f.Module == "" || f.Stub || !readModules[f.Module] {
			continue
		}
		for j := range f.Facts.Defs {
			d := &f.Facts.Defs[j]
			if d.Kind != usage.Method || !read[modClass{f.Module, d.Class}] {
				continue
			}
			abstract := false
			for _, deco := range d.Decorators {
				abstract = abstract || abstractDecorators[deco[strings.LastIndexByte(deco, '.')+1:]]
			}
			key := modClass{f.Module, d.Class}
			methods[key] = append(methods[key], method{d.Name, abstract})
		}
	}
	defines := func(key modClass, name string) bool {
		return slices.ContainsFunc(methods[key], func(m method) bool { return m.name == name })
	}
	var out []StructuralABC
	for _, i := range candidates {
		c, key := all[i], keys[i]
		d := c.def
		ck := modClass{c.file.Module, d.Name}
		ok := true
		for _, deco := range d.Decorators {
			ok = ok && strings.HasSuffix(deco, "add_metaclass")
		}
		abstract := 0
		own := map[string]bool{}
		for _, m := range methods[ck] {
			own[m.name] = true
			switch {
			case m.name == "__init_subclass__" || m.name == "__class_getitem__":
				ok = false
			case m.abstract:
				abstract++
			default:
				for _, s := range subclasses[ck] {
					ok = ok && defines(modClass{s.file.Module, s.def.Name}, m.name)
				}
			}
		}
		if !ok || abstract == 0 {
			continue
		}
		// No class below it reaches its methods through super().
		var names []string
		seen := map[modClass]bool{ck: true}
		var down func(k modClass, depth int) bool
		down = func(k modClass, depth int) bool {
			for _, s := range subclasses[k] {
				sk := modClass{s.file.Module, s.def.Name}
				if seen[sk] {
					continue
				}
				seen[sk] = true
				if k == ck {
					names = append(names, sk.module+"."+sk.name)
				}
				for _, m := range s.def.Super {
					if own[m] {
						return false
					}
				}
				if depth < 32 && !down(sk, depth+1) {
					return false
				}
			}
			return true
		}
		if !down(ck, 0) || p.inNative(d.Name) {
			continue
		}
		out = append(out, StructuralABC{Path: c.file.Path, Line: int(d.Line), Col: int(d.Col), EndCol: int(d.EndCol), Class: key, Subclasses: names})
	}
	return out
}

// modClass is a class of the project by its module and name ("module.Class").
type modClass struct{ module, name string }

// isABC reports whether a class is declared an abstract base class (abc.ABC among its
// bases, or the metaclass abc.ABCMeta), with no base that brings code of its own and no
// class keyword but the metaclass.
func isABC(d *usage.Def) bool {
	abc := d.Metaclass == "abc.ABCMeta"
	if d.Metaclass != "" && !abc {
		return false
	}
	for _, b := range d.Bases {
		if !interfaceBases[b] {
			return false
		}
		abc = abc || b == "abc.ABC"
	}
	return abc
}

// newClassIndex is the part of newProject that resolving classes needs (the classes, the
// from-imports of each module, the compiled extensions), without the uses the DEAD rules
// gather: on the 3.11 site-packages, 0.1 s where newProject takes 1.1.
func newClassIndex(in Input) *project {
	p := &project{in: in, classes: make(classIndex, len(in.Files)), bindings: make(map[string]map[string]string, len(in.Files)), native: map[string]bool{}, runs: &nativeRuns{}}
	for i := range in.Files {
		f := &in.Files[i]
		if f.Facts == nil || f.Module == "" {
			continue
		}
		if !f.Stub {
			for j := range f.Facts.Defs {
				if d := &f.Facts.Defs[j]; d.Kind == usage.Class {
					p.classes.set(f.Module, d.Name, classAt{d, f})
				}
			}
		}
		if len(f.Facts.Bindings) > 0 {
			m := make(map[string]string, len(f.Facts.Bindings))
			for _, b := range f.Facts.Bindings {
				m[b.Local] = b.Target
			}
			p.bindings[f.Module] = m
		}
	}
	return p
}
