package imports

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/python/parser"
)

func extractSrc(t *testing.T, src string) []string {
	t.Helper()
	res := parser.Parse([]byte(src), parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("parse: %v", res.Errors[0])
	}
	var out []string
	for _, s := range Extract(res.Module, res.Lines) {
		g := ""
		if s.Guarded {
			g = " guarded"
		}
		w := s.Module
		if s.From {
			w = fmt.Sprintf("from %s%s import %s", strings.Repeat(".", s.Level), s.Module, s.Name)
		}
		out = append(out, fmt.Sprintf("%d:%d %s %s%s", s.Line, s.Col, w, s.Kind, g))
	}
	return out
}

func TestExtractKinds(t *testing.T) {
	src := `import a.b, c as d
from . import x
from ..pkg.mod import (y as z, w)
from m import *
if TYPE_CHECKING:
    import tc1
else:
    import rt1
if typing.TYPE_CHECKING:
    from tc2 import T
if not TYPE_CHECKING:
    import rt2
else:
    import tc3
try:
    import ujson as json
except ImportError:
    import json
try:
    import g1
except (ValueError, ModuleNotFoundError):
    pass
try:
    import notguarded
except ValueError:
    pass
def f():
    import fn1
    class C:
        import fn2
    if TYPE_CHECKING:
        import tc4
class K:
    import mod1
    def m(self):
        try:
            import fn3
        except ImportError:
            pass
with ctx():
    for i in x:
        while y:
            match z:
                case 1:
                    import deep
`
	got := extractSrc(t, src)
	expect := []string{
		"1:7 a.b module",
		"1:12 c module",
		"2:14 from . import x module",
		"3:23 from ..pkg.mod import y module",
		"3:31 from ..pkg.mod import w module",
		"4:14 from m import * module",
		"6:11 tc1 type_checking",
		"8:11 rt1 module",
		"10:20 from tc2 import T type_checking",
		"12:11 rt2 module",
		"14:11 tc3 type_checking",
		"16:11 ujson module guarded",
		"18:11 json module",
		"20:11 g1 module guarded",
		"24:11 notguarded module",
		"28:11 fn1 function",
		"30:15 fn2 function",
		"32:15 tc4 type_checking",
		"34:11 mod1 module",
		"37:19 fn3 function guarded",
		"45:27 deep module",
	}
	if !reflect.DeepEqual(got, expect) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(expect, "\n"))
	}
}

// StmtLine is the statement's first line, wherever each name is.
func TestExtractStmtLine(t *testing.T) {
	src := "import a\nfrom b import (\n    c,\n    d as e,\n)\nfrom f import g, \\\n    h\nimport i, \\\n    j\nif x:\n    from k import (l)\n"
	res := parser.Parse([]byte(src), parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("parse: %v", res.Errors[0])
	}
	var got []string
	for _, s := range Extract(res.Module, res.Lines) {
		got = append(got, fmt.Sprintf("%s%s: line %d, statement %d", s.Module, s.Name, s.Line, s.StmtLine))
	}
	want := []string{
		"a: line 1, statement 1", "bc: line 3, statement 2", "bd: line 4, statement 2",
		"fg: line 6, statement 6", "fh: line 7, statement 6", "i: line 8, statement 8", "j: line 9, statement 8",
		"kl: line 11, statement 11",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestResolve(t *testing.T) {
	table := NewTable([]string{"pkg", "pkg.sub", "pkg.sub.mod", "pkg.other", "top", "ns", "ns.leaf"},
		func(top string) bool { return top == "os" || top == "email" },
		func(m string) bool { return m == "email.message" || m == "os" || m == "email" })
	cases := []struct {
		importer string
		pkg      bool
		s        Stmt
		want     string
		cat      Category
		problem  bool
	}{
		{"top", false, Stmt{Module: "pkg.sub.mod"}, "pkg.sub.mod", FirstParty, false},
		{"top", false, Stmt{Module: "pkg.missing"}, "pkg.missing", Unresolved, false},
		{"top", false, Stmt{Module: "os.path"}, "os.path", Stdlib, false},
		{"top", false, Stmt{Module: "requests"}, "requests", ThirdParty, false},
		{"top", false, Stmt{From: true, Module: "pkg", Name: "sub"}, "pkg.sub", FirstParty, false},
		{"top", false, Stmt{From: true, Module: "pkg.sub", Name: "func"}, "pkg.sub", FirstParty, false},
		{"top", false, Stmt{From: true, Module: "pkg", Name: "*"}, "pkg", FirstParty, false},
		{"top", false, Stmt{From: true, Module: "email", Name: "message"}, "email.message", Stdlib, false},
		{"top", false, Stmt{From: true, Module: "os", Name: "path"}, "os", Stdlib, false},
		{"pkg.sub.mod", false, Stmt{From: true, Level: 1, Name: "x"}, "pkg.sub", FirstParty, false},
		{"pkg.sub.mod", false, Stmt{From: true, Level: 1, Name: "mod"}, "pkg.sub.mod", FirstParty, false},
		{"pkg.sub.mod", false, Stmt{From: true, Level: 2, Module: "other", Name: "y"}, "pkg.other", FirstParty, false},
		{"pkg.sub", true, Stmt{From: true, Level: 1, Module: "mod", Name: "y"}, "pkg.sub.mod", FirstParty, false},
		{"pkg.sub", true, Stmt{From: true, Level: 2, Name: "other"}, "pkg.other", FirstParty, false},
		{"pkg.sub.mod", false, Stmt{From: true, Level: 3, Name: "x"}, "", Unresolved, true},
		{"top", false, Stmt{From: true, Level: 1, Name: "x"}, "", Unresolved, true},
		{"ns.leaf", false, Stmt{From: true, Level: 1, Name: "leaf"}, "ns.leaf", FirstParty, false},
	}
	for _, c := range cases {
		got, cat, problem := table.Resolve(c.importer, c.pkg, c.s)
		if got != c.want || cat != c.cat || (problem != "") != c.problem {
			t.Errorf("Resolve(%s, %+v) = %q %v %q, want %q %v problem=%v", c.importer, c.s, got, cat, problem, c.want, c.cat, c.problem)
		}
	}
}

func testGraph() *Graph {
	mods := []Module{{Name: "a"}, {Name: "a.x"}, {Name: "a.y"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}}
	edge := func(from, to string, line int, k Kind) Edge {
		return Edge{Importer: from, Imported: to, Path: from + ".py", Line: line, Kind: k, Category: FirstParty}
	}
	edges := []Edge{
		edge("a.x", "b", 1, KindModule),
		edge("b", "c", 1, KindModule),
		edge("c", "a.x", 3, KindModule),
		edge("c", "a.x", 1, KindModule), // duplicate pair: the first line is the witness
		edge("b", "a.x", 2, KindModule), // shorter cycle a.x -> b -> a.x
		edge("d", "e", 1, KindFunction),
		edge("e", "d", 1, KindModule),
		edge("a.y", "a.y", 1, KindModule),
		{Importer: "a", Imported: "os", Path: "a/__init__.py", Line: 1, Category: Stdlib},
	}
	return NewGraph([]string{"."}, mods, edges)
}

func TestCycles(t *testing.T) {
	g := testGraph()
	cycles := g.Cycles(Kinds(KindModule))
	var got []string
	for _, c := range cycles {
		var hops []string
		for _, e := range c.Witness {
			hops = append(hops, fmt.Sprintf("%s->%s@%d", e.Importer, e.Imported, e.Line))
		}
		got = append(got, strings.Join(c.Modules, ",")+" | "+strings.Join(hops, " "))
	}
	want := []string{"a.x,b,c | a.x->b@1 b->a.x@2", "a.y | a.y->a.y@1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cycles (module kind):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(g.Cycles(AllKinds)); n != 3 {
		t.Errorf("with function imports: %d cycles, want 3", n)
	}
}

func TestWhyAndDeps(t *testing.T) {
	g := testGraph()
	chain := g.Why("c", "b", AllKinds)
	if len(chain) != 2 || chain[0].Imported != "a.x" || chain[0].Line != 1 || chain[1].Imported != "b" {
		t.Errorf("why c b = %+v", chain)
	}
	if g.Why("d", "a", AllKinds) != nil {
		t.Errorf("why d a should find nothing")
	}
	if chain := g.Why("b", "a", AllKinds); len(chain) != 1 || chain[0].Imported != "a.x" {
		t.Errorf("why b a (package) = %+v", chain)
	}
	if got := g.Deps("b", AllKinds, false, false); !reflect.DeepEqual(got, []string{"a.x", "c"}) {
		t.Errorf("deps b = %v", got)
	}
	if got := g.Deps("c", AllKinds, true, false); !reflect.DeepEqual(got, []string{"a.x", "b"}) {
		t.Errorf("deps --transitive c = %v", got)
	}
	if got := g.Deps("d", AllKinds, false, true); !reflect.DeepEqual(got, []string{"e"}) {
		t.Errorf("rdeps d = %v", got)
	}
	if got := g.Deps("a", AllKinds, false, true); !reflect.DeepEqual(got, []string{"b", "c"}) {
		t.Errorf("rdeps a (package) = %v", got)
	}
}

func TestCollapseAndRender(t *testing.T) {
	g := testGraph().Collapse(1)
	var b strings.Builder
	if err := g.WriteText(&b, RenderOptions{Kinds: AllKinds}); err != nil {
		t.Fatal(err)
	}
	want := "a -> b\nb -> a, c\nc -> a\nd -> e\ne -> d\n"
	if b.String() != want {
		t.Errorf("collapsed text:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := testGraph().WriteMermaid(&b, RenderOptions{Kinds: AllKinds, External: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `(["os"])`) || !strings.Contains(b.String(), "-->") {
		t.Errorf("mermaid output lacks the external node or edges:\n%s", b.String())
	}
}

func TestWriteJSONIsValidAndStable(t *testing.T) {
	var b strings.Builder
	if err := testGraph().WriteJSON(&b, RenderOptions{Kinds: AllKinds, External: true}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Version int      `json:"version"`
		Roots   []string `json:"roots"`
		Modules []Module `json:"modules"`
		Imports []struct {
			Importer, Imported, Path, Kind, Category string
			Line, Col                                int
			Guarded                                  bool
		} `json:"imports"`
	}
	if err := json.Unmarshal([]byte(b.String()), &v); err != nil {
		t.Fatalf("not valid JSON: %v\n%s", err, b.String())
	}
	if v.Version != 1 || len(v.Modules) != 7 || len(v.Imports) != 9 || v.Imports[0].Kind != "module" {
		t.Errorf("unexpected content: %+v", v)
	}
	var empty strings.Builder
	if err := NewGraph(nil, nil, nil).WriteJSON(&empty, RenderOptions{Kinds: AllKinds}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"version\": 1,\n  \"roots\": [],\n  \"modules\": [],\n  \"imports\": []\n}\n"; empty.String() != want {
		t.Errorf("empty graph:\n%s\nwant:\n%s", empty.String(), want)
	}
}

// Each imported name has an end: just past the name, or past its "as" alias, so that a
// finding about the import underlines exactly what was written.
func TestExtractEnd(t *testing.T) {
	src := "import a.b, c as d\nfrom x import (\n    yy as z,\n    w)\n"
	res := parser.Parse([]byte(src), parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("parse: %v", res.Errors[0])
	}
	var got []string
	for _, s := range Extract(res.Module, res.Lines) {
		got = append(got, fmt.Sprintf("%d:%d-%d:%d", s.Line, s.Col, s.EndLine, s.EndCol))
	}
	want := []string{"1:7-1:10", "1:12-1:18", "3:4-3:11", "4:4-4:5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	edges, _ := Build(nil, []Module{{Name: "m", Path: "m.py"}}, []Source{{Module: "m", Path: "m.py", Imports: Extract(res.Module, res.Lines)}}, NewTable([]string{"m"}, nil, nil))
	if e := edges.Edges[0]; e.EndLine == 0 || e.EndCol == 0 {
		t.Errorf("the graph's edges lost the end: %+v", e)
	}
}

// InTypeCheckingIf follows grimp's visitor, which import-linter's
// exclude_type_checking_imports uses: the whole if statement whose first test is
// TYPE_CHECKING or X.TYPE_CHECKING, else and elif branches included; not an elif's test, not
// `not TYPE_CHECKING`; and leaving a nested one ends it for the rest of the outer statement.
func TestExtractGrimpTypeChecking(t *testing.T) {
	src := `import a
if TYPE_CHECKING:
    import b
else:
    import c
if not TYPE_CHECKING:
    import d
else:
    import e
if x:
    import f
elif TYPE_CHECKING:
    import g
if t.y.TYPE_CHECKING:
    import h
    if TYPE_CHECKING:
        import i
    import j
else:
    if y:
        import k
def fn():
    if typing.TYPE_CHECKING:
        import l
    import m
`
	res := parser.Parse([]byte(src), parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("parse: %v", res.Errors[0])
	}
	var got []string
	for _, s := range Extract(res.Module, res.Lines) {
		got = append(got, fmt.Sprintf("%s:%v:%s", s.Module, s.InTypeCheckingIf, s.Kind))
	}
	want := []string{
		"a:false:module",
		"b:true:type_checking", "c:true:module",
		"d:false:module", "e:false:type_checking",
		"f:false:module", "g:false:type_checking",
		"h:true:module", "i:true:type_checking", "j:false:module", "k:false:module",
		"l:true:type_checking", "m:false:function",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
