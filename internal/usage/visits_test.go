package usage

import (
	"os"
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestVisits checks that Visits lists every kind of node Visit looks at: facts gathered from
// the nodes of those kinds alone are those of every node; that countDefs counts the
// definitions exactly; and that ImportedNames is what ImportBindings without a module gives. Short: a few sources; else the 3.13 standard library.
func TestVisits(t *testing.T) {
	srcs := []string{`"""doc"""
import os, importlib
from . import sibling
import json as other
from .rel import name as other
from .base import Base as B
X = Y = 1
Alias = B
if __name__ == "__main__":
    main()
class K(B, metaclass=M):
    """Doc."""
    def m(self, x):
        global G, H
        G += 1
        self.count += 1
        super().m(x)
        try:
            pass
        except KError:
            pass
        match x:
            case Point(x=0):
                pass
        return getattr(self, "visit_" + x), "%s_spec" % x, "{}_spec".format(x), f"do_{x}", x[:3] == "ps_"
    @f.register
    def n(self, y: Kind): return isinstance(y, (A, B)) or globals() or importlib.import_module(y)
`}
	if !testing.Short() {
		if dir := cpython.Stdlib(t, "3.13"); dir != "" {
			files, err := cpython.PyFiles(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range files {
				if b, err := os.ReadFile(path); err == nil {
					srcs = append(srcs, string(b))
				}
			}
		}
	}
	want := map[reflect.Type]bool{}
	for _, n := range Visits {
		want[reflect.TypeOf(n)] = true
	}
	for i, src := range srcs {
		res := parser.ParseString(src, parser.Options{})
		if res.Module == nil {
			continue
		}
		pos := func(offset int) (int, int) { line, col := res.Lines.Position(offset); return line, col + 1 }
		all := Extract(res.Module, res.Src, "pkg.mod", false, pos)
		x := Begin(res.Module, nil, res.Src, "pkg.mod", false, pos)
		abs := map[string]string{} // what analysis.Imported reads of the imports
		ImportBindings(res.Module, "", false, func(local, target string, _ bool) { abs[local] = target })
		if got := x.ImportedNames(); !reflect.DeepEqual(got, abs) {
			t.Fatalf("source %d: ImportedNames\n%v\nwant what the absolute imports bind\n%v", i, got, abs)
		}
		ast.Inspect(res.Module, func(n ast.Node) bool {
			if want[reflect.TypeOf(n)] {
				x.Visit(n)
			}
			return true
		})
		if len(all.Defs) != cap(all.Defs) { // countDefs counts what top records
			t.Errorf("source %d: %d definitions, counted %d", i, len(all.Defs), cap(all.Defs))
		}
		if some := x.Finish(); !reflect.DeepEqual(some, all) {
			t.Fatalf("source %d: the facts from the nodes of Visits\n%+v\ndiffer from those of every node\n%+v", i, some, all)
		}
	}
}
