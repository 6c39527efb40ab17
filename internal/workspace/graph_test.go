package workspace

import (
	_ "embed"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/imports"
)

//go:embed testdata/graph_reference.py
var graphReferenceScript string

// TestGraphQueriesAgreeWithNetworkx checks `graph --cycles` and `why` against networkx (from the
// 3.11 site-packages) on the import graphs of the 3.13 standard library and the 3.11
// site-packages: the same strongly connected sets, witnesses that are real cycles of the
// shortest length, and chains of the shortest length (or none) for sampled module pairs.
func TestGraphQueriesAgreeWithNetworkx(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole corpus takes a while; run without -short")
	}
	python := cpython.Require(t, "3.11")
	corpora := []struct {
		name, minor string
		root        func() string
		excludes    []string
	}{
		{"stdlib-3.13", "3.13", func() string { return cpython.Stdlib(t, "3.13") }, []string{"site-packages"}},
		{"site-packages-3.11", "3.11", func() string { return cpython.SitePackages(t, "3.11") }, nil},
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			ws := loadCorpus(t, c.root(), c.minor, c.excludes)
			g := ws.ImportGraph()
			dir := t.TempDir()
			graphFile := filepath.Join(dir, "graph.json")
			f, err := os.Create(graphFile)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.WriteJSON(f, imports.RenderOptions{Kinds: imports.AllKinds}); err != nil {
				t.Fatal(err)
			}
			f.Close()

			// Pairs: from modules that import something, to random modules and to modules
			// they reach, so that both "found" and "not found" occur.
			rng := rand.New(rand.NewSource(1))
			var pairs [][2]string
			for len(pairs) < 300 {
				a := g.Modules[rng.Intn(len(g.Modules))].Name
				b := g.Modules[rng.Intn(len(g.Modules))].Name
				if a == b {
					continue
				}
				if len(pairs)%2 == 0 {
					if deps := g.Deps(a, imports.Kinds(imports.KindModule, imports.KindFunction), true, false); len(deps) > 0 {
						b = deps[rng.Intn(len(deps))]
					}
				}
				// A module inside the other needs no chain (why answers with none).
				if !imports.Within(a, b) && !imports.Within(b, a) {
					pairs = append(pairs, [2]string{a, b})
				}
			}
			pairsFile := filepath.Join(dir, "pairs.json")
			pj, _ := json.Marshal(pairs)
			if err := os.WriteFile(pairsFile, pj, 0o644); err != nil {
				t.Fatal(err)
			}
			script := filepath.Join(dir, "graph_reference.py")
			if err := os.WriteFile(script, []byte(graphReferenceScript), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, script, graphFile, pairsFile)
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("graph_reference.py: %v", err)
			}
			var ref struct {
				Cycles []struct {
					Modules  []string `json:"modules"`
					Shortest int      `json:"shortest"`
				} `json:"cycles"`
				Why []*int `json:"why"`
			}
			if err := json.Unmarshal(out, &ref); err != nil {
				t.Fatal(err)
			}

			edges := map[[2]string]bool{}
			for _, e := range g.Edges {
				if e.Category == imports.FirstParty {
					edges[[2]string{e.Importer, e.Imported}] = true
				}
			}
			cycles := g.Cycles(imports.Kinds(imports.KindModule))
			if len(cycles) != len(ref.Cycles) {
				t.Errorf("%d strongly connected sets, networkx finds %d", len(cycles), len(ref.Cycles))
			}
			for i := 0; i < min(len(cycles), len(ref.Cycles)); i++ {
				c, r := cycles[i], ref.Cycles[i]
				if !reflect.DeepEqual(c.Modules, r.Modules) {
					t.Errorf("set %d: %v, networkx %v", i, c.Modules, r.Modules)
					continue
				}
				if len(c.Witness) != r.Shortest {
					t.Errorf("set %d (%s...): witness of %d imports, networkx's shortest cycle has %d", i, c.Modules[0], len(c.Witness), r.Shortest)
				}
				checkChain(t, c.Witness, edges, true)
			}
			found := 0
			for i, p := range pairs {
				chain := g.Why(p[0], p[1], imports.Kinds(imports.KindModule, imports.KindFunction))
				want := ref.Why[i]
				switch {
				case want == nil && chain != nil:
					t.Errorf("why %s %s: buttress finds %d imports, networkx no path", p[0], p[1], len(chain))
				case want != nil && chain == nil && !imports.Within(p[1], p[0]):
					t.Errorf("why %s %s: networkx finds %d imports, buttress none", p[0], p[1], *want)
				case want != nil && chain != nil:
					found++
					if len(chain) != *want {
						t.Errorf("why %s %s: %d imports, networkx's shortest is %d", p[0], p[1], len(chain), *want)
					}
					checkChain(t, chain, edges, false)
				}
			}
			t.Logf("%s: %d modules, %d imports; %d cycle sets agree with networkx; %d of %d sampled `why` pairs have a chain, all of networkx's length",
				c.name, len(g.Modules), len(g.Edges), len(cycles), found, len(pairs))
		})
	}
}

// checkChain verifies that consecutive hops connect and that each is an import of the graph.
func checkChain(t *testing.T, chain []imports.Edge, edges map[[2]string]bool, cycle bool) {
	t.Helper()
	for i, e := range chain {
		if !edges[[2]string{e.Importer, e.Imported}] {
			t.Errorf("chain hop %s -> %s is not an import of the graph", e.Importer, e.Imported)
		}
		if i > 0 && chain[i-1].Imported != e.Importer {
			t.Errorf("chain breaks between %s and %s", chain[i-1].Imported, e.Importer)
		}
	}
	if cycle && len(chain) > 0 && chain[len(chain)-1].Imported != chain[0].Importer {
		t.Errorf("witness does not close: ends at %s, starts at %s", chain[len(chain)-1].Imported, chain[0].Importer)
	}
}
