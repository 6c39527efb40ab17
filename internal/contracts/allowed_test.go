package contracts

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/imports"
)

// smallGraph: packages a, b and c with a module each, lib, and code no module holds (misc);
// a.x imports b.y twice (two lines), and from b on one line two names.
func smallGraph() *imports.Graph {
	fp := imports.FirstParty
	mods := []imports.Module{
		{Name: "a", Package: true, Path: "a/__init__.py"}, {Name: "a.x", Path: "a/x.py"},
		{Name: "b", Package: true, Path: "b/__init__.py"}, {Name: "b.y", Path: "b/y.py"},
		{Name: "c", Path: "c.py"}, {Name: "lib", Path: "lib.py"}, {Name: "misc", Path: "misc.py"},
	}
	e := func(from, to, name string, line, col int) imports.Edge {
		return imports.Edge{Importer: from, Imported: to, Name: name, Path: strings.ReplaceAll(from, ".", "/") + ".py", Line: line, Col: col, StmtLine: line, Category: fp}
	}
	return imports.NewGraph([]string{"."}, mods, []imports.Edge{
		e("a.x", "b.y", "f", 1, 14), e("a.x", "b.y", "g", 1, 17), e("a.x", "b.y", "h", 5, 14),
		e("a.x", "lib", "", 2, 7), e("a.x", "misc", "", 3, 7), e("misc", "c", "", 1, 7),
		e("c", "a", "", 1, 7), e("b.y", "c", "", 1, 7),
	})
}

func run(c Contract, g *imports.Graph) []string {
	var out []string
	for _, r := range Check([]Contract{c}, Input{Graph: g}, 1) {
		for _, f := range r.Findings {
			out = append(out, fmt.Sprintf("%s:%d:%d %s %s", f.Path, f.Line, f.Col, f.Code, f.Message))
		}
		for _, w := range r.Warnings {
			out = append(out, "warning: "+w)
		}
	}
	return out
}

func TestAllowedEveryImport(t *testing.T) {
	spec := &Allowed{Modules: []AllowedModule{{Module: "a", DependsOn: []string{"lib"}}, {Module: "b"}}}
	c := Contract{Name: "m", Origin: Origin{Tool: FromTach, File: "tach.toml", Line: 1}, Spec: spec}
	first := run(c, smallGraph())
	want := []string{"a/x.py:1:15 ARCH005 [m] a.x -> b.y: a does not declare a dependency on b (add it to depends_on)"}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("first import only:\n%s\nwant:\n%s", strings.Join(first, "\n"), strings.Join(want, "\n"))
	}
	c.EveryImport = true
	every := run(c, smallGraph())
	want = []string{
		"a/x.py:1:15 ARCH005 [m] a.x -> b.y: a does not declare a dependency on b (add it to depends_on)",
		"a/x.py:1:18 ARCH005 [m] a.x -> b.y: a does not declare a dependency on b (add it to depends_on)",
		"a/x.py:5:15 ARCH005 [m] a.x -> b.y: a does not declare a dependency on b (add it to depends_on)",
	}
	if !reflect.DeepEqual(every, want) {
		t.Errorf("every import:\n%s\nwant:\n%s", strings.Join(every, "\n"), strings.Join(want, "\n"))
	}
	// An import of a kind the contract does not look at is not reported.
	g := smallGraph()
	g.Edges[2].Kind = imports.KindTypeChecking
	if got := run(c, g); len(got) != 2 {
		t.Errorf("a type-checking import is reported: %q", got)
	}
	// buttress's own contracts name their own key.
	c.Origin.Tool = FromButtress
	if got := run(c, smallGraph()); !strings.HasSuffix(got[0], "(add it to depends-on)") {
		t.Errorf("buttress's own allowed contract: %q", got[0])
	}
}

func TestAllowedRoot(t *testing.T) {
	root := &AllowedModule{Module: "<root>", DependsOn: []string{"c"}}
	spec := &Allowed{
		Modules: []AllowedModule{{Module: "a", DependsOn: []string{"lib"}}, {Module: "b", DependsOn: []string{"<root>"}}, {Module: "c", DependsOn: []string{}}, {Module: "lib", Utility: true}},
		Root:    root,
	}
	c := Contract{Name: "m", Origin: Origin{Tool: FromTach, File: "tach.toml", Line: 1}, Spec: spec}
	got := run(c, smallGraph())
	want := []string{
		// a imports misc, which no module holds: the root, which a does not declare.
		"a/x.py:1:15 ARCH005 [m] a.x -> b.y: a does not declare a dependency on b (add it to depends_on)",
		"a/x.py:3:8 ARCH005 [m] a.x -> misc: a does not declare a dependency on <root> (add it to depends_on)",
		"b/y.py:1:8 ARCH005 [m] b.y -> c: b does not declare a dependency on c (add it to depends_on)",
		"c.py:1:8 ARCH005 [m] c -> a: c does not declare a dependency on a (add it to depends_on)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with a root module:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The root's own imports are checked: misc may import c (declared), not a.
	root.DependsOn = nil
	got = run(c, smallGraph())
	if !strings.Contains(strings.Join(got, "\n"), "misc.py:1:8 ARCH005 [m] misc -> c: <root> does not declare a dependency on c") {
		t.Errorf("the root's undeclared import is not reported:\n%s", strings.Join(got, "\n"))
	}
}

func TestAllowedLayersExplicit(t *testing.T) {
	spec := &Allowed{
		Modules: []AllowedModule{{Module: "a", Layer: "high", DependsOn: []string{"lib"}}, {Module: "b", Layer: "low", DependsOn: []string{"c"}}},
		Layers:  []AllowedLayer{{Name: "high"}, {Name: "low"}},
	}
	c := Contract{Name: "m", Origin: Origin{Tool: FromTach, File: "tach.toml", Line: 1}, Spec: spec}
	if got := run(c, smallGraph()); len(got) != 0 {
		t.Errorf("a higher layer imports a lower one: %q", got)
	}
	spec.LayersExplicit = true
	want := []string{"a/x.py:1:15 ARCH005 [m] a.x -> b.y: a does not declare a dependency on b (add it to depends_on)"}
	if got := run(c, smallGraph()); !reflect.DeepEqual(got, want) {
		t.Errorf("layers_explicit_depends_on:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMissingModules(t *testing.T) {
	spec := &Allowed{Modules: []AllowedModule{
		{Module: "a", AnyDependency: true},
		{Module: "gone", At: Origin{File: "pkg/tach.domain.toml", Line: 7}},
		{Module: "nowhere"},
	}}
	c := Contract{Name: "m", Origin: Origin{Tool: FromTach, File: "tach.toml", Line: 3}, Spec: spec}
	want := []string{
		"pkg/tach.domain.toml:7:1 ARCH010 [m] module \"gone\" is not a module of the project",
		"tach.toml:3:1 ARCH010 [m] module \"nowhere\" is not a module of the project",
	}
	if got := run(c, smallGraph()); !reflect.DeepEqual(got, want) {
		t.Errorf("missing modules as errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c.MissingModules = AlertWarn
	want = []string{
		`warning: pkg/tach.domain.toml:7 (tach): [m] module "gone" is not a module of the project`,
		`warning: tach.toml:3 (tach): [m] module "nowhere" is not a module of the project`,
	}
	if got := run(c, smallGraph()); !reflect.DeepEqual(got, want) {
		t.Errorf("missing modules as warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c.MissingModules = AlertNone
	if got := run(c, smallGraph()); len(got) != 0 {
		t.Errorf("missing modules with AlertNone: %q", got)
	}
	// Interface packages and Within too.
	ic := Contract{Name: "i", Origin: Origin{File: "x.toml", Line: 2}, Within: []string{"a", "gone"}, MissingModules: AlertWarn,
		Spec: &Interface{Packages: []string{"b", "gone"}, Expose: []string{"f"}}}
	want = []string{
		`warning: x.toml:2 (): [i] root package "gone" is not a module of the project`,
		`warning: x.toml:2 (): [i] package "gone" matches no module of the project`,
	}
	if got := run(ic, smallGraph()); !reflect.DeepEqual(got, want) {
		t.Errorf("interface with missing modules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// finisher records what it was given and drops every finding of the first result.
type finisher struct{ calls [][]string }

func (f *finisher) Finish(results []*Result, in Input) {
	var names []string
	for _, r := range results {
		names = append(names, r.Contract.Name)
	}
	f.calls = append(f.calls, names)
	results[0].Findings = nil
	results[0].Warnings = append(results[0].Warnings, "finished")
}

func TestFinish(t *testing.T) {
	g := smallGraph()
	spec := func() Spec { return &Allowed{Modules: []AllowedModule{{Module: "a"}, {Module: "b"}}} }
	f1, f2 := &finisher{}, &finisher{}
	cs := []Contract{
		{Name: "one", Origin: Origin{File: "t"}, Spec: spec(), Finish: f1},
		{Name: "plain", Origin: Origin{File: "t"}, Spec: spec()},
		{Name: "two", Origin: Origin{File: "t"}, Spec: spec(), Finish: f2},
		{Name: "three", Origin: Origin{File: "t"}, Spec: spec(), Finish: f1},
	}
	res := Check(cs, Input{Graph: g}, 2)
	if !reflect.DeepEqual(f1.calls, [][]string{{"one", "three"}}) || !reflect.DeepEqual(f2.calls, [][]string{{"two"}}) {
		t.Errorf("finisher calls: %q and %q", f1.calls, f2.calls)
	}
	if !res[0].Kept() || res[1].Kept() || !res[2].Kept() || res[3].Kept() {
		t.Errorf("results after finishing: kept %v %v %v %v", res[0].Kept(), res[1].Kept(), res[2].Kept(), res[3].Kept())
	}
	if !reflect.DeepEqual(res[0].Warnings, []string{"finished"}) {
		t.Errorf("warnings after finishing: %q", res[0].Warnings)
	}
}

func TestExternalEveryImport(t *testing.T) {
	g := imports.NewGraph([]string{"."}, []imports.Module{{Name: "a", Path: "a.py"}}, []imports.Edge{
		{Importer: "a", Imported: "os", Name: "path", Path: "a.py", Line: 1, Col: 15, Category: imports.Stdlib},
		{Importer: "a", Imported: "os", Name: "sep", Path: "a.py", Line: 1, Col: 21, Category: imports.Stdlib},
	})
	c := Contract{Name: "e", Origin: Origin{File: "t"}, Spec: &External{Modules: []string{"a"}, Deny: []string{"os"}}}
	if got := run(c, g); len(got) != 1 {
		t.Errorf("one line, one finding: %q", got)
	}
	c.EveryImport = true
	if got := run(c, g); len(got) != 2 {
		t.Errorf("every import: %q", got)
	}
}
