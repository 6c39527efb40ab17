package contracts

import (
	"errors"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/imports"
)

// fuzzGraph is a small graph with packages, a cycle, an external import and every kind.
func fuzzGraph() *imports.Graph {
	mods := []imports.Module{{Name: "a", Package: true}, {Name: "a.b"}, {Name: "a.c", Package: true}, {Name: "a.c.d"}, {Name: "e"}}
	edge := func(from, to string, kind imports.Kind, cat imports.Category, name string) imports.Edge {
		return imports.Edge{Importer: from, Imported: to, Name: name, Path: from + ".py", Line: 1, Kind: kind, Category: cat}
	}
	edges := []imports.Edge{
		edge("a.b", "a.c.d", imports.KindModule, imports.FirstParty, ""),
		edge("a.c.d", "a.b", imports.KindFunction, imports.FirstParty, "f"),
		edge("a.c", "e", imports.KindTypeChecking, imports.FirstParty, "*"),
		edge("e", "a", imports.KindModule, imports.FirstParty, "x"),
		edge("a.b", "django.db", imports.KindModule, imports.ThirdParty, ""),
		edge("e", "os", imports.KindModule, imports.Stdlib, ""),
	}
	return imports.NewGraph([]string{"."}, mods, edges)
}

// FuzzContracts decodes arbitrary TOML as a buttress.toml with contracts, and checks what
// decodes on a small graph. Neither may panic; every configuration error is a *config.Error
// or a list of them, and every finding has a code, a path and a message.
func FuzzContracts(f *testing.F) {
	for _, seed := range []string{
		"[[contracts]]\nname = \"l\"\ntype = \"layers\"\nlayers = [\"a.b\", \"a.c | e\", \"(x)\"]\nignore-imports = [\"a.* -> **\"]\n",
		"[[contracts]]\nname = \"c\"\ntype = \"acyclic\"\npackages = [\"**\"]\ndepth = 2\n",
		"[[contracts]]\nname = \"m\"\ntype = \"acyclic\"\nmodules = [\"a.b\", \"a.c\", \"e\", \"a\"]\n",
		"[[contracts]]\nname = \"f\"\ntype = \"forbidden\"\nsource-modules = [\"a\"]\nforbidden-modules = [\"e\", \"django\"]\n",
		"[[contracts]]\nname = \"i\"\ntype = \"interface\"\npackages = [\"a\"]\nexpose = [\"(\"]\n",
		"[[contracts]]\nname = \"w\"\ntype = \"allowed\"\nlayers = [{ name = \"x\", closed = true }, \"y\"]\nmodules = [{ module = \"a\", layer = \"x\" }, \"e\"]\n",
		"[[contracts]]\nname = \"x\"\ntype = \"external\"\nmodules = [\"*\"]\ndeny = [\"os\"]\nallow = [\"django\"]\n",
		"[[contracts]]\nname = \"p\"\ntype = \"protected\"\nprotected-modules = [\"a.c\"]\nkinds = [\"type_checking\"]\n",
	} {
		f.Add([]byte(seed))
	}
	g := fuzzGraph()
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.Parse(data, "buttress.toml", "/p", false)
		if err != nil {
			return
		}
		cs, err := FromConfig(cfg)
		if err != nil {
			var one *config.Error
			var list config.ErrorList
			if !errors.As(err, &one) && !errors.As(err, &list) {
				t.Fatalf("error %T is not a config.Error: %v", err, err)
			}
			return
		}
		for _, r := range Check(cs, Input{Graph: g, All: map[string][]string{"a": {"b"}}}, 1) {
			for _, fd := range r.Findings {
				if fd.Code == "" || fd.Path == "" || fd.Message == "" || fd.Line < 0 {
					t.Fatalf("bad finding %+v", fd)
				}
			}
		}
	})
}
