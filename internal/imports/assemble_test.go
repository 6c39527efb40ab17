package imports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestAssembleParallel assembles a graph large enough to be made by several goroutines,
// with importers shared by several sources (a module and its stub, a module claimed twice)
// around every boundary, and checks that it is the graph made on one core, in the same
// order.
func TestAssembleParallel(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(7))
	modules, sources, parts := randomSources()
	g, problems := Assemble([]string{"."}, slices.Clone(modules), sources, parts)
	want, wantProblems := assembleOnOneCore(modules, sources, parts)
	if len(g.Edges) < 3*4096 {
		t.Fatalf("only %d edges: not enough for several goroutines", len(g.Edges))
	}
	if !reflect.DeepEqual(g.Edges, want.Edges) {
		for i := range g.Edges {
			if g.Edges[i] != want.Edges[i] {
				t.Fatalf("edge %d of %d: %+v, want %+v", i, len(g.Edges), g.Edges[i], want.Edges[i])
			}
		}
	}
	if !reflect.DeepEqual(g.Modules, want.Modules) || !reflect.DeepEqual(g.index, want.index) || !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("modules, their index or the problems differ")
	}
}

// TestWriteJSONParallel writes a graph large enough to be rendered by several goroutines,
// with every choice of kinds (so that whole chunks of imports, the first ones among them,
// are left out) and with and without external imports, and checks that the output is the
// one rendered on one core, and valid JSON.
func TestWriteJSONParallel(t *testing.T) {
	modules, sources, parts := randomSources()
	g, _ := Assemble([]string{"."}, modules, sources, parts)
	// The first chunks hold imports of the function kind only.
	for i := range g.Edges[:3*jsonChunk] {
		g.Edges[i].Kind = KindFunction
	}
	for _, kinds := range []KindSet{AllKinds, Kinds(KindModule), Kinds(KindFunction), Kinds(KindTypeChecking), 0} {
		for _, external := range []bool{false, true} {
			o := RenderOptions{Kinds: kinds, External: external, Col: func(e *Edge) int { return e.Col + 1 }}
			var one, many bytes.Buffer
			prev := runtime.GOMAXPROCS(1)
			err1 := g.WriteJSON(&one, o)
			runtime.GOMAXPROCS(5)
			err2 := g.WriteJSON(&many, o)
			runtime.GOMAXPROCS(prev)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !bytes.Equal(one.Bytes(), many.Bytes()) {
				t.Errorf("kinds %b, external %v: %d bytes on one core, %d on five", kinds, external, one.Len(), many.Len())
			}
			var doc struct{ Imports []map[string]any }
			if err := json.Unmarshal(many.Bytes(), &doc); err != nil {
				t.Errorf("kinds %b, external %v: %v", kinds, external, err)
			}
		}
	}
}

// randomSources makes the modules, sources and resolved parts of a random project of 3,000
// files, with about 15,000 imports.
func randomSources() ([]Module, []Source, []Part) {
	rng := rand.New(rand.NewPCG(1, 2))
	var names []string
	for i := range 600 {
		names = append(names, fmt.Sprintf("p%d", i%7), fmt.Sprintf("p%d.m%03d", i%7, i))
	}
	table := NewTable(names, func(top string) bool { return top == "os" }, nil)
	var sources []Source
	for i := range 3000 {
		src := Source{Module: names[rng.IntN(len(names))], Path: fmt.Sprintf("f%04d.py", i)}
		switch rng.IntN(10) {
		case 0:
			src.Module = "" // a script, named by its path
		case 1:
			src.Package = true
		}
		for k := range rng.IntN(12) {
			s := Stmt{Line: 1 + rng.IntN(5), Col: rng.IntN(3), Module: names[rng.IntN(len(names))], Kind: Kind(k % 3)}
			switch rng.IntN(4) {
			case 0:
				s.Module, s.From, s.Name = "os", true, "path"
			case 1:
				s.From, s.Name = true, "x"
			case 2:
				s.From, s.Level, s.Module, s.Name = true, 1, "", "m001"
			}
			src.Imports = append(src.Imports, s)
		}
		sources = append(sources, src)
	}
	var modules []Module
	for _, n := range names {
		modules = append(modules, Module{Name: n, Path: strings.ReplaceAll(n, ".", "/") + ".py"})
	}
	parts := make([]Part, len(sources))
	for i, src := range sources {
		parts[i] = Resolve(src, table)
	}
	return modules, sources, parts
}

// assembleOnOneCore is Assemble as it was before it made the edges on every core: the edges
// of every source in the order of the importers, then NewGraph.
func assembleOnOneCore(modules []Module, sources []Source, parts []Part) (*Graph, []Problem) {
	importer := func(i int) string {
		if m := sources[i].Module; m != "" {
			return m
		}
		return sources[i].Path
	}
	order := make([]int, len(sources))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(importer(a), importer(b)) })
	var edges []Edge
	group := 0
	for k, i := range order {
		if k > 0 && importer(i) != importer(order[k-1]) {
			sortEdges(edges[group:])
			group = len(edges)
		}
		src := &sources[i]
		for _, r := range parts[i].resolved {
			edges = append(edges, newEdge(importer(i), src, &src.Imports[r.stmt], r.target(src), r.name(src), r.cat))
		}
	}
	sortEdges(edges[group:])
	var all []Problem
	for _, p := range parts {
		all = append(all, p.Problems...)
	}
	return NewGraph([]string{"."}, modules, edges), all
}
