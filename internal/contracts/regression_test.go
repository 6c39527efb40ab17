package contracts_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/imports"
)

// reviewRun writes a txtar project to a temporary directory and returns the contracts'
// results in the format of the fixtures' want sections (see runContracts).
func reviewRun(t *testing.T, archive string) string {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return runContracts(t, dir)
}

// section returns the lines of one contract's result in runContracts' output.
func section(out, name string) string {
	var b strings.Builder
	in := false
	for _, l := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(l, "contract ") {
			in = strings.HasPrefix(l, fmt.Sprintf("contract %q ", name))
		}
		if in {
			b.WriteString(l)
		}
	}
	return b.String()
}

// With several sources, an import from one source into another that is also forbidden is
// checked: import-linter checks each (source, forbidden) pair and skips only the pairs that
// overlap, so sources app.a, app.b with forbidden app.* report app.b -> app.a, and a source
// app.c importing app.a.x is forbidden although another source, app.a, holds app.a.x.
func TestReviewForbiddenSourcesOverlappingForbidden(t *testing.T) {
	out := reviewRun(t, `
-- buttress.toml --
[[contracts]]
name = "wildcard"
type = "forbidden"
source-modules = ["app.a", "app.b"]
forbidden-modules = ["app.*"]

[[contracts]]
name = "nested"
type = "forbidden"
source-modules = ["app.a", "app.c"]
forbidden-modules = ["app.a.x"]
-- app/__init__.py --
-- app/a/__init__.py --
-- app/a/x.py --
-- app/b.py --
from app.a import x
-- app/c.py --
from app.a.x import thing
`)
	if s := section(out, "wildcard"); !strings.Contains(s, "app.b -> app.a.x: forbidden") {
		t.Errorf("app.b imports app.a.x, which the forbidden wildcard app.* covers (app.b and app.a do not overlap):\n%s", out)
	}
	if s := section(out, "nested"); !strings.Contains(s, "app.c -> app.a.x: forbidden") {
		t.Errorf("app.c imports the forbidden app.a.x; that app.a (another source) contains it does not allow app.c:\n%s", out)
	}
}

// `from sqlalchemy import orm` is an import of sqlalchemy.orm for forbidden-modules and deny
// (the graph gives Imported "sqlalchemy", Name "orm": a third-party submodule cannot be told
// from an attribute, so both are matched).
func TestReviewExternalSubmoduleFromImport(t *testing.T) {
	out := reviewRun(t, `
-- buttress.toml --
[[contracts]]
name = "forbidden orm"
type = "forbidden"
source-modules = ["app.c"]
forbidden-modules = ["sqlalchemy.orm"]

[[contracts]]
name = "deny orm"
type = "external"
modules = ["app.c"]
deny = ["sqlalchemy.orm"]
-- app/__init__.py --
-- app/c.py --
from sqlalchemy import orm
`)
	if s := section(out, "forbidden orm"); !strings.Contains(s, "ARCH002") {
		t.Errorf("from sqlalchemy import orm imports the forbidden sqlalchemy.orm:\n%s", out)
	}
	if s := section(out, "deny orm"); !strings.Contains(s, "ARCH007") {
		t.Errorf("from sqlalchemy import orm imports the denied sqlalchemy.orm:\n%s", out)
	}
}

// A dotted allow entry ("google.protobuf", a namespace package) covers its submodules.
func TestReviewExternalAllowDotted(t *testing.T) {
	out := reviewRun(t, `
-- buttress.toml --
[[contracts]]
name = "only protobuf"
type = "external"
modules = ["app"]
allow = ["google.protobuf"]
-- app/__init__.py --
import google.protobuf.message
from google.protobuf import descriptor
`)
	if strings.Contains(out, "ARCH007") {
		t.Errorf("google.protobuf is allowed, and so are its submodules:\n%s", out)
	}
}

// Nested protected modules are each checked on their own, whatever the order they are
// written in: an importer is exempt only inside the protected module's own package, as in
// import-linter.
func TestReviewProtectedOrderIndependent(t *testing.T) {
	project := `
-- app/__init__.py --
-- app/a/__init__.py --
-- app/a/x.py --
-- app/a/y.py --
from app.a import x
-- app/b.py --
from app.a import y
`
	one := reviewRun(t, "-- buttress.toml --\n[[contracts]]\nname = \"c\"\ntype = \"protected\"\nprotected-modules = [\"app.a\", \"app.a.x\"]\n"+project)
	two := reviewRun(t, "-- buttress.toml --\n[[contracts]]\nname = \"c\"\ntype = \"protected\"\nprotected-modules = [\"app.a.x\", \"app.a\"]\n"+project)
	if one != two {
		t.Errorf("the order of protected-modules changes the findings:\n--- [app.a, app.a.x]\n%s--- [app.a.x, app.a]\n%s", one, two)
	}
}

// A module matched by two expressions is one member: each violation is reported once.
func TestReviewIndependenceDuplicateMembers(t *testing.T) {
	out := reviewRun(t, `
-- buttress.toml --
[[contracts]]
name = "c"
type = "independence"
modules = ["app.a", "app.*"]
-- app/__init__.py --
-- app/a.py --
-- app/b.py --
import app.a
`)
	if n := strings.Count(out, "ARCH003"); n != 1 {
		t.Errorf("one import of app.a by app.b: want 1 finding, got %d:\n%s", n, out)
	}
}

// Members that overlap (the same module in two layers, a package and its own child) make a
// contract error (ARCH010), not violations between a module and itself: grimp, under
// import-linter, refuses such contracts too.
func TestReviewOverlappingMembers(t *testing.T) {
	out := reviewRun(t, `
-- buttress.toml --
[[contracts]]
name = "layer twice"
type = "layers"
layers = ["app.a", "app.b", "app.a"]

[[contracts]]
name = "package and child layers"
type = "layers"
layers = ["app", "app.b"]

[[contracts]]
name = "package and child independent"
type = "independence"
modules = ["app.**"]
-- app/__init__.py --
-- app/a/__init__.py --
-- app/a/p.py --
from app.a import q
-- app/a/q.py --
-- app/b/__init__.py --
-- app/b/m.py --
from app.b import n
-- app/b/n.py --
`)
	for _, name := range []string{"layer twice", "package and child layers", "package and child independent"} {
		s := section(out, name)
		if !strings.Contains(s, "ARCH010") || strings.Contains(s, "ARCH001") || strings.Contains(s, "ARCH003") {
			t.Errorf("contract %q has overlapping members: want an ARCH010 and no violation:\n%s", name, s)
		}
	}
}

// A closed layer of several siblings in a container is named with the container on each
// sibling, and with the separator of its kind (":" for siblings that may import each other).
func TestReviewClosedLayerNameInContainer(t *testing.T) {
	out := reviewRun(t, `
-- buttress.toml --
[[contracts]]
name = "c"
type = "layers"
containers = ["app.k"]
layers = ["top", { modules = ["p", "q"], closed = true, independent = false }, "low"]
-- app/__init__.py --
-- app/k/__init__.py --
-- app/k/top.py --
import app.k.low
-- app/k/p.py --
-- app/k/q.py --
-- app/k/low.py --
`)
	if !strings.Contains(out, "past the closed layer app.k.p : app.k.q") {
		t.Errorf("want the closed layer named \"app.k.p : app.k.q\":\n%s", out)
	}
}

// BenchmarkIndependenceManyMembers checks an independence contract of many members on a
// graph of 15k modules and 130k imports: one search per member, then chains only for the
// pairs it finds, so the cost grows with the members, not with their pairs.
func BenchmarkIndependenceManyMembers(b *testing.B) {
	at := contracts.Origin{Tool: contracts.FromButtress, File: "buttress.toml", Line: 1}
	for _, m := range []int{20, 80, 200} {
		const n, e = 15000, 130000
		mods := []imports.Module{{Name: "p", Package: true}, {Name: "p.plugins", Package: true}}
		for i := 0; i < m; i++ {
			mods = append(mods, imports.Module{Name: fmt.Sprintf("p.plugins.x%04d", i)})
		}
		for i := len(mods); i < n; i++ {
			mods = append(mods, imports.Module{Name: fmt.Sprintf("p.lib.m%05d", i)})
		}
		r := rand.New(rand.NewSource(2))
		var edges []imports.Edge
		for i := 0; i < e; i++ {
			// Anything imports the library; nothing imports a plugin: the contract is kept.
			a, b := mods[2+r.Intn(n-2)].Name, mods[2+m+r.Intn(n-2-m)].Name
			edges = append(edges, imports.Edge{Importer: a, Imported: b, Path: a + ".py", Line: i + 1, Kind: imports.KindModule})
		}
		g := imports.NewGraph([]string{"."}, mods, edges)
		c := []contracts.Contract{{Name: "plugins", Origin: at, Spec: &contracts.Independence{Modules: []string{"p.plugins.*"}}}}
		b.Run(fmt.Sprintf("members=%d", m), func(b *testing.B) {
			for b.Loop() {
				if res := contracts.Check(c, contracts.Input{Graph: g}, 1); !res[0].Kept() {
					b.Fatalf("the contract should be kept: %v", res[0].Findings)
				}
			}
		})
	}
}
