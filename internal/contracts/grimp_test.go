package contracts

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/imports"
)

// The module grimp's graph has for an external import.
func TestDistill(t *testing.T) {
	for _, tc := range []struct {
		obj   string
		roots []string
		want  string
	}{
		{"django.db.models", []string{"mypkg"}, "django"},
		{"django", []string{"mypkg"}, "django"},
		{"mypkg.missing.thing", []string{"mypkg"}, "mypkg"},
		// A namespace shared with a root package: the first portion that differs.
		{"ns.other.x", []string{"ns.mine"}, "ns.other"},
		{"ns.mine2.deep.x", []string{"ns.mine.a", "ns.mine2.b"}, "ns.mine2.deep"},
		// The namespace itself, or a package holding a root: nothing.
		{"ns", []string{"ns.mine"}, ""},
		{"ns.mine", []string{"ns.mine.a"}, ""},
	} {
		if got := distill(tc.obj, tc.roots); got != tc.want {
			t.Errorf("distill(%q, %q) = %q, want %q", tc.obj, tc.roots, got, tc.want)
		}
	}
}

// grimpGraph is a small project: mypkg (regular), with mypkg/orphan/ (no __init__.py: grimp
// does not enter it), mypkg/stub.pyi (no .py), and other (first-party, outside the root).
func grimpGraph() *imports.Graph {
	mods := []imports.Module{
		{Name: "mypkg", Path: "mypkg/__init__.py", Package: true},
		{Name: "mypkg.a", Path: "mypkg/a.py"},
		{Name: "mypkg.b", Path: "mypkg/b.py"},
		{Name: "mypkg.c", Path: "mypkg/c.py"},
		{Name: "mypkg.sub", Path: "mypkg/sub/__init__.py", Package: true},
		{Name: "mypkg.orphan", Path: "", Package: true},
		{Name: "mypkg.orphan.tool", Path: "mypkg/orphan/tool.py"},
		{Name: "mypkg.stub", Path: "mypkg/stub.pyi"},
		{Name: "other", Path: "other/__init__.py", Package: true},
	}
	edge := func(from, to, name string, line int, cat imports.Category) imports.Edge {
		return imports.Edge{Importer: from, Imported: to, Name: name, Path: strings.ReplaceAll(from, ".", "/") + ".py", Line: line, EndLine: line, EndCol: 10, Category: cat}
	}
	edges := []imports.Edge{
		edge("mypkg.a", "mypkg.sub.missing", "", 1, imports.Unresolved), // grimp: mypkg.sub
		edge("mypkg.a", "django.db", "models", 2, imports.ThirdParty),   // grimp: django
		edge("mypkg.a", "other", "", 3, imports.FirstParty),             // grimp: external "other"
		edge("mypkg.b", "mypkg.orphan.tool", "", 1, imports.FirstParty), // grimp: external "mypkg" = the root module
		edge("mypkg.orphan.tool", "mypkg.c", "", 1, imports.FirstParty), // grimp: not seen
		edge("mypkg.c", "mypkg.stub", "", 1, imports.FirstParty),        // grimp: mypkg (parent)
		edge("mypkg.c", "os.path", "", 2, imports.Stdlib),               // grimp: os
	}
	return imports.NewGraph([]string{"."}, mods, edges)
}

// The imports a contract with a GrimpGraph sees, as "importer -> module" (internal) or
// "importer => name" (external).
func grimpEdges(t *testing.T, g *imports.Graph, include bool) []string {
	t.Helper()
	c := &Contract{Name: "c", Within: []string{"mypkg"}, Grimp: &GrimpGraph{IncludeExternal: include}, Spec: &Independence{}}
	v := newView(newIndex(g), c)
	var out []string
	for u := range v.out {
		for _, h := range v.out[u] {
			out = append(out, fmt.Sprintf("%s -> %s", v.x.names[u], v.x.names[h.to]))
		}
		for _, ei := range v.ext[u] {
			out = append(out, fmt.Sprintf("%s => %s", v.x.names[u], v.extName[ei]))
		}
	}
	return out
}

func TestGrimpGraphImports(t *testing.T) {
	g := grimpGraph()
	want := []string{"mypkg.a -> mypkg.sub", "mypkg.c -> mypkg"}
	if got := grimpEdges(t, g, false); !reflect.DeepEqual(got, want) {
		t.Errorf("without external packages: got %q, want %q", got, want)
	}
	want = []string{"mypkg.a -> mypkg.sub", "mypkg.a => django", "mypkg.a => other", "mypkg.b -> mypkg", "mypkg.c -> mypkg", "mypkg.c => os"}
	if got := grimpEdges(t, g, true); !reflect.DeepEqual(got, want) {
		t.Errorf("with external packages: got %q, want %q", got, want)
	}
}

// The modules grimp does not find are not in the contract's graph: naming one is an error
// that says why.
func TestGrimpGraphModules(t *testing.T) {
	g := grimpGraph()
	c := Contract{Name: "c", Origin: Origin{File: ".importlinter", Line: 3}, Within: []string{"mypkg"}, Grimp: &GrimpGraph{RootsAt: Origin{File: ".importlinter", Line: 2}},
		Lines: map[string]int{"mypkg.orphan": 7, "mypkg.stub": 8},
		Spec:  &Independence{Modules: []string{"mypkg.a", "mypkg.orphan", "mypkg.stub"}}}
	r := Check([]Contract{c}, Input{Graph: g}, 1)[0]
	var got []string
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%d: %s", f.Line, f.Message))
	}
	want := []string{
		`7: [c] module "mypkg.orphan" is not a module of the root packages (grimp, which builds import-linter's graph, does not enter a directory without __init__.py inside a regular package) (import-linter fails on it too)`,
		`8: [c] module "mypkg.stub" is not a module of the root packages (it has no .py file, and grimp, which builds import-linter's graph, reads .py files only) (import-linter fails on it too)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// ignore-imports entries match the module grimp resolved an import to, and an external
// package by its one name.
func TestGrimpGraphIgnores(t *testing.T) {
	g := grimpGraph()
	c := Contract{Name: "c", Origin: Origin{File: ".importlinter", Line: 3}, Within: []string{"mypkg"}, Grimp: &GrimpGraph{IncludeExternal: true},
		IgnoreImports: []IgnoreImport{
			{Importer: "mypkg.a", Imported: "mypkg.sub", Raw: "mypkg.a -> mypkg.sub"},
			{Importer: "mypkg.a", Imported: "mypkg.sub.missing", Raw: "mypkg.a -> mypkg.sub.missing"},
			{Importer: "mypkg.*", Imported: "django", Raw: "mypkg.* -> django"},
			{Importer: "mypkg.a", Imported: "django.*", Raw: "mypkg.a -> django.*"},
			{Importer: "mypkg.c", Imported: "os", Raw: "mypkg.c -> os"},
		},
		Spec: &Forbidden{Sources: []string{"mypkg.a", "mypkg.c"}, Forbidden: []string{"django", "os", "mypkg.sub"}}}
	r := Check([]Contract{c}, Input{Graph: g}, 1)[0]
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Message)
	}
	want := []string{
		`[c] ignore-imports entry "mypkg.a -> django.*" matches no import: remove it`,
		`[c] ignore-imports entry "mypkg.a -> mypkg.sub.missing" matches no import: remove it`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Every finding has an end: the imported name, or the configuration line.
func TestFindingsEnd(t *testing.T) {
	g := grimpGraph()
	cs := []Contract{
		{Name: "layers", Origin: Origin{File: "c.toml", Line: 1}, Spec: &Layers{Layers: []Layer{{Modules: []string{"mypkg.sub"}}, {Modules: []string{"mypkg.a"}}, {Modules: []string{"mypkg.gone"}}}}},
		{Name: "ignores", Origin: Origin{File: "c.toml", Line: 5}, IgnoreImports: []IgnoreImport{{Importer: "x", Imported: "y", Raw: "x -> y", Line: 6}}, Spec: &Independence{Modules: []string{"mypkg.a", "mypkg.b"}}},
	}
	for _, r := range Check(cs, Input{Graph: g}, 1) {
		if len(r.Findings) == 0 {
			t.Errorf("%s: no findings", r.Contract.Name)
		}
		for _, f := range r.Findings {
			if f.EndLine < f.Line || f.EndLine == f.Line && f.EndCol != 0 && f.EndCol < f.Col {
				t.Errorf("%s: %s:%d:%d ends at %d:%d", r.Contract.Name, f.Path, f.Line, f.Col, f.EndLine, f.EndCol)
			}
		}
	}
}
