package usage

import (
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// superCallsOf is what Def.Super was made by, a walk of each class's body: the names read
// as attributes of a call to super anywhere in it.
func superCallsOf(c *ast.ClassDef) []string {
	names := map[string]bool{}
	for _, s := range c.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if a, ok := n.(*ast.Attribute); ok {
				if call, ok := a.Value.(*ast.Call); ok {
					if fn, ok := call.Func.(*ast.Name); ok && fn.ID == "super" {
						names[a.Attr] = true
					}
				}
			}
			return true
		})
	}
	var out []string
	for k := range names {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// topClasses lists the classes that Facts.Defs records, in its order (as top reads them).
func topClasses(body []ast.Stmt, out *[]*ast.ClassDef) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.ClassDef:
			*out = append(*out, s)
		case *ast.If, *ast.Try, *ast.TryStar, *ast.With:
			ast.Blocks(s, func(b []ast.Stmt) { topClasses(b, out) })
		}
	}
}

// TestSuperFromTheWalk checks Def.Super, found in the shared walk and placed by the classes'
// spans, against a walk of each class's body: on a sample of the 3.12 standard library, and
// on a method whose decorator reads through super() before the def's own position.
func TestSuperFromTheWalk(t *testing.T) {
	check := func(name, src string) int {
		t.Helper()
		res := parser.ParseString(src, parser.Options{})
		f := Extract(res.Module, res.Src, "m", false, func(offset int) (int, int) { return res.Lines.Position(offset) })
		var classes []*ast.ClassDef
		if res.Module != nil {
			topClasses(res.Module.Body, &classes)
		}
		i, n := 0, 0
		for _, d := range f.Defs {
			if d.Kind != Class {
				continue
			}
			if i >= len(classes) {
				t.Fatalf("%s: more classes in the facts than in the tree", name)
			}
			want := superCallsOf(classes[i])
			if !slices.Equal(d.Super, want) {
				t.Errorf("%s: class %s: Super %q, want %q", name, d.Name, d.Super, want)
			}
			n += len(want)
			i++
		}
		return n
	}
	if n := check("decorated.py", `
class A(B):
    @super().deco
    def f(self): super().g()
    class Inner:
        def h(self): return super().inner
@super().outside
class C: pass
x = super().top
`); n != 3 {
		t.Errorf("decorated.py: %d reads through super(), want 3", n)
	}
	root := cpython.Stdlib(t, "3.12")
	paths, err := cpython.PyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	step := 1
	if testing.Short() {
		step = 7
	}
	total := 0
	for i := 0; i < len(paths); i += step {
		b, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		total += check(paths[i], string(b))
	}
	if total == 0 {
		t.Error("no read through super() in the sample: the test tests nothing")
	}
}
