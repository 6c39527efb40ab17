package imports

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestPartRoundTrip: a part encoded and decoded assembles into the graph the part itself
// gives, for imports of every kind (absolute, from, star, relative, stdlib, third-party,
// unresolvable); an encoding cut short, or naming a statement the source does not have,
// does not decode.
func TestPartRoundTrip(t *testing.T) {
	table := NewTable([]string{"pkg", "pkg.sub", "pkg.sub.mod", "pkg.other", "top"},
		func(top string) bool { return top == "os" || top == "email" },
		func(m string) bool { return m == "email.message" || m == "os" || m == "email" })
	modules := []Module{{Name: "pkg", Package: true}, {Name: "pkg.other"}, {Name: "pkg.sub", Package: true}, {Name: "pkg.sub.mod"}, {Name: "top"}}
	sources := []Source{
		{Module: "pkg.sub.mod", Path: "pkg/sub/mod.py", Imports: []Stmt{
			{Line: 1, Module: "os.path"}, {Line: 2, Module: "requests"},
			{Line: 3, From: true, Level: 1, Name: "x"}, {Line: 4, From: true, Level: 2, Module: "other", Name: "y"},
			{Line: 5, From: true, Level: 3, Name: "z"}, {Line: 6, From: true, Module: "email", Name: "message"},
			{Line: 7, From: true, Module: "pkg", Name: "*"}, {Line: 8, Module: "pkg.missing"},
		}},
		{Module: "top", Path: "top.py", Imports: []Stmt{{Line: 1, From: true, Level: 1, Name: "x"}, {Line: 2, From: true, Module: "pkg", Name: "sub"}}},
		{Module: "pkg.other", Path: "pkg/other.py"},
	}
	parts, decoded, lazy := make([]Part, len(sources)), make([]Part, len(sources)), make([]Part, len(sources))
	for i := range sources {
		parts[i] = Resolve(sources[i], table)
		data := string(AppendPart(nil, &parts[i]))
		p, err := DecodePart(data, sources[i].Path, len(sources[i].Imports))
		if err != nil {
			t.Fatalf("%s: %v", sources[i].Path, err)
		}
		decoded[i] = p
		if lazy[i], err = DecodePartLazy(data, sources[i].Path, len(sources[i].Imports)); err != nil {
			t.Fatalf("%s: lazily: %v", sources[i].Path, err)
		}
		if !reflect.DeepEqual(lazy[i].Problems, p.Problems) {
			t.Errorf("%s: lazily, the problems are %v, not %v", sources[i].Path, lazy[i].Problems, p.Problems)
		}
		for cut := 0; cut < len(data); cut++ {
			if _, err := DecodePart(data[:cut], sources[i].Path, len(sources[i].Imports)); err == nil {
				t.Errorf("%s: the encoding cut at %d of %d decodes", sources[i].Path, cut, len(data))
			}
		}
	}
	want, wantProblems := Assemble(nil, modules, sources, parts)
	got, gotProblems := Assemble(nil, modules, sources, decoded)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotProblems, wantProblems) {
		t.Errorf("decoded parts assemble into\n%v %v\nnot\n%v %v", got.Edges, gotProblems, want.Edges, wantProblems)
	}
	lazyGraph, _ := Assemble(nil, modules, sources, lazy) // loads them
	if !reflect.DeepEqual(lazyGraph, want) {
		t.Errorf("lazily decoded parts assemble into\n%v\nnot\n%v", lazyGraph.Edges, want.Edges)
	}
	if len(want.Edges) < 8 || len(wantProblems) != 2 {
		t.Fatalf("the sources give %d edges and %d problems: the test needs both", len(want.Edges), len(wantProblems))
	}
	short := Source{Module: "pkg.sub.mod", Path: "pkg/sub/mod.py", Imports: sources[0].Imports[:2]}
	if _, err := DecodePart(string(AppendPart(nil, &parts[0])), short.Path, len(short.Imports)); err == nil {
		t.Error("a part that names statements its source does not have decodes")
	}
	p, err := DecodePartLazy(string(AppendPart(nil, &parts[0])), short.Path, len(short.Imports))
	if err != nil {
		t.Fatalf("lazily, the problems of a part too long for its source: %v", err)
	}
	if p.Load() == nil || p.resolved != nil {
		t.Error("a part that names statements its source does not have loads")
	}
}

// TestAssembleLarge: a graph large enough for Assemble to make its edges in several
// goroutines, with importers of several sources (a module and its stub) around every cut,
// comes out as sorting all its edges would give.
func TestAssembleLarge(t *testing.T) {
	var names []string
	for i := range 3000 {
		names = append(names, fmt.Sprintf("m%04d", i))
	}
	table := NewTable(names, func(string) bool { return false }, nil)
	var sources []Source
	var modules []Module
	for i, name := range names {
		modules = append(modules, Module{Name: name})
		for _, stub := range []bool{false, true} {
			if stub && i%3 != 0 {
				continue
			}
			src := Source{Module: name, Path: name + ".py"}
			if stub {
				src.Path = name + ".pyi"
			}
			for j := range 4 {
				src.Imports = append(src.Imports, Stmt{Line: 10 - j, Module: names[(i*7+j*13)%len(names)]})
			}
			sources = append(sources, src)
		}
	}
	// Sources in another order than their importers', as the files come.
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(sources), func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
	parts := make([]Part, len(sources))
	var want []Edge
	for i := range sources {
		parts[i] = Resolve(sources[i], table)
		for _, r := range parts[i].resolved {
			src := &sources[i]
			want = append(want, newEdge(src.Module, src, &src.Imports[r.stmt], r.target(src), r.name(src), r.cat))
		}
	}
	slices.SortFunc(want, compareEdges)
	g, _ := Assemble(nil, modules, sources, parts)
	if len(g.Edges) < 8192 {
		t.Fatalf("%d edges: too few for several goroutines", len(g.Edges))
	}
	if !reflect.DeepEqual(g.Edges, want) {
		t.Error("the edges differ from all of them sorted")
	}
}
