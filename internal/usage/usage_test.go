package usage

import (
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

func extract(t *testing.T, src, module string, pkg bool) *Facts {
	t.Helper()
	res := parser.ParseString(src, parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("%q: %v", src, res.Errors)
	}
	return Extract(res.Module, res.Src, module, pkg, func(offset int) (int, int) {
		line, col := res.Lines.Position(offset)
		return line, col + 1
	})
}

func TestExtract(t *testing.T) {
	src := `"""Docstring words are no references."""
from .base import Base as B
import os.path
X = Y = 1
A, (C, D) = pair
if os.name == "nt":
    def win(): pass

@app.route("/")
def index(): return helper()

class K(B, metaclass=M):
    def m(self): return self.attr
    async def n(self): pass

def dispatch(self, kind):
    getattr(self, "visit_" + kind)
    f"on_{kind}_done"
    "do_%s" % kind
    "{}_spec".format(kind)
    return "pkg.mod:main", "app.views.index"

if __name__ == "__main__":
    globals()
`
	f := extract(t, src, "pkg.sub.mod", false)
	type def struct {
		Kind        Kind
		Name, Class string
		Line, Col   int
	}
	var defs []def
	for _, d := range f.Defs {
		defs = append(defs, def{d.Kind, d.Name, d.Class, int(d.Line), int(d.Col)})
	}
	want := []def{
		{Variable, "X", "", 4, 1}, {Variable, "Y", "", 4, 5},
		{Variable, "A", "", 5, 1}, {Variable, "C", "", 5, 5}, {Variable, "D", "", 5, 8},
		{Function, "win", "", 7, 9},
		{Function, "index", "", 10, 5},
		{Class, "K", "", 12, 7}, {Method, "m", "K", 13, 9}, {Method, "n", "K", 14, 15},
		{Function, "dispatch", "", 16, 5},
	}
	if !reflect.DeepEqual(defs, want) {
		t.Errorf("defs:\n got %+v\nwant %+v", defs, want)
	}
	if d := f.Defs[0]; d.Stmt != f.Defs[1].Stmt || d.Stmt == f.Defs[2].Stmt {
		t.Errorf("X and Y share a statement, A does not: %d %d %d", d.Stmt, f.Defs[1].Stmt, f.Defs[2].Stmt)
	}
	k := f.Defs[7]
	if !reflect.DeepEqual(k.Bases, []string{"pkg.sub.base.Base"}) || !k.Meta {
		t.Errorf("K: bases %v meta %v", k.Bases, k.Meta)
	}
	if !reflect.DeepEqual(f.Defs[6].Decorators, []string{"app.route"}) {
		t.Errorf("index's decorators: %v", f.Defs[6].Decorators)
	}
	for _, name := range []string{"helper", "self", "kind", "B", "M", "os", "getattr"} {
		if !has(f.Names, name) {
			t.Errorf("Names lacks %q: %v", name, f.Names)
		}
	}
	if has(f.Names, "X") || has(f.Names, "index") {
		t.Errorf("Names holds a definition: %v", f.Names)
	}
	for _, name := range []string{"attr", "route", "format", "name"} {
		if !has(f.Attrs, name) {
			t.Errorf("Attrs lacks %q: %v", name, f.Attrs)
		}
	}
	for _, s := range []string{"pkg.mod.main", "app.views.index", "nt"} {
		if !has(f.Strings, s) {
			t.Errorf("Strings lacks %q: %v", s, f.Strings)
		}
	}
	if has(f.Strings, "Docstring") {
		t.Errorf("a docstring's words are in Strings: %v", f.Strings)
	}
	if !reflect.DeepEqual(f.Prefixes, []string{"do_", "on_", "visit_"}) {
		t.Errorf("prefixes %v", f.Prefixes)
	}
	if !reflect.DeepEqual(f.Suffixes, []string{"_done", "_spec"}) {
		t.Errorf("suffixes %v", f.Suffixes)
	}
	if !f.Main || !f.Globals || f.Dynamic {
		t.Errorf("main %v globals %v dynamic %v", f.Main, f.Globals, f.Dynamic)
	}
}

func TestDynamicImport(t *testing.T) {
	for src, want := range map[string]bool{
		"import importlib\nimportlib.import_module(name)\n":      true,
		"import importlib\nimportlib.import_module('pkg.mod')\n": false,
		"__import__(name)\n":                           true,
		"import pkgutil\npkgutil.iter_modules(path)\n": true,
	} {
		if got := extract(t, src, "m", false).Dynamic; got != want {
			t.Errorf("%q: dynamic %v, want %v", src, got, want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := Tokens(`x = "pkg.mod:main"  # 2nd .leading dots.`)
	want := []string{"dots", "leading", "pkg.mod.main", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNilTree(t *testing.T) {
	var m *ast.Module
	if f := Extract(m, "", "m", false, nil); len(f.Defs) != 0 {
		t.Errorf("%+v", f)
	}
}

func has(sorted []string, s string) bool {
	for _, x := range sorted {
		if x == s {
			return true
		}
	}
	return false
}

// TestClassFacts: what PAT002 reads of a class (its metaclass, state and super() calls) and of
// a file (the classes it uses as classes).
func TestClassFacts(t *testing.T) {
	src := `import abc
import six
from pkg.base import Base as B, Other

class Iface(metaclass=abc.ABCMeta):
    """Doc."""
    __slots__ = ()
    x: int
    def m(self): ...

@six.add_metaclass(abc.ABCMeta)
class Old(object):
    retries = 3
    def m(self):
        return super().m() + super(Old, self).n()

def f(x):
    if isinstance(x, (B, mod.Thing)) or issubclass(type(x), Plain | Other):
        return
    try:
        pass
    except Failure:
        pass
    match x:
        case Shape():
            pass
    Registry.register(x)
    register_interface(Pluggable)
    self.value.attr

@show.register
def _(x: Dispatched, y: int):
    pass

KeyWithSerialization = Key
obj.attr = NotAnAlias
lower = lowercase
`
	f := extract(t, src, "pkg.mod", false)
	classes := map[string]Def{}
	for _, d := range f.Defs {
		if d.Kind == Class {
			classes[d.Name] = d
		}
	}
	if d := classes["Iface"]; d.Metaclass != "abc.ABCMeta" || d.State || d.Super != nil {
		t.Errorf("Iface: metaclass %q, state %v, super %v; want abc.ABCMeta, no state, no super", d.Metaclass, d.State, d.Super)
	}
	if d := classes["Old"]; d.Metaclass != "abc.ABCMeta" || !d.State || !reflect.DeepEqual(d.Super, []string{"m", "n"}) {
		t.Errorf("Old: metaclass %q, state %v, super %v; want abc.ABCMeta, state, [m n]", d.Metaclass, d.State, d.Super)
	}
	want := []string{"Dispatched", "Failure", "Key", "Plain", "Pluggable", "Registry", "Shape", "int", "mod.Thing", "pkg.base.Base", "pkg.base.Other", "x"}
	if !reflect.DeepEqual(f.Nominal, want) {
		t.Errorf("Nominal = %q\nwant      %q", f.Nominal, want)
	}
}
