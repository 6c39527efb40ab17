package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/rules/bnd"
)

// TestBoundaryEntryPoints: BND001 and BND002 look at the functions that are entry points
// (routes, views, commands, consumers, pyproject.toml's scripts), with or without configured
// boundary modules, and not at the helpers beside them; in a configured boundary module with
// no entry point they recognise, every public function stands for one.
func TestBoundaryEntryPoints(t *testing.T) {
	src := `import click
from django.views import View
from fastapi import APIRouter

router = APIRouter()


@router.post("/orders")
def create_order(payload: dict):
    try:
        place(payload)
    except Exception:
        return {"ok": False}


def place(payload: dict):  # a helper beside the routes
    try:
        save(payload)
    except Exception:
        return None


class OrderView(View):
    def post(self, request, order_id):
        ...

    def render(self, data: dict):  # not an HTTP method
        ...


@click.command()
@click.option("--count", type=int)
def export(count, target: dict):  # click converts what its decorators declare
    ...


def main(argv):
    ...
`
	for _, c := range []struct {
		name       string
		module     string
		boundaries []string
		want       []string
	}{
		{"entry points, no configuration", "shop.api", nil, []string{
			"9 BND001 create_order", "12 BND002", "24 BND001 post", "37 BND001 main"}},
		{"entry points in a configured module", "shop.api", []string{"shop.api"}, []string{
			"9 BND001 create_order", "12 BND002", "24 BND001 post", "37 BND001 main"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rules := configured(bnd.UnvalidatedInput, bnd.SilentBoundaryHandler)
			for i, r := range rules {
				switch o := r.Options.(type) {
				case *bnd.InputOptions:
					cp := *o
					cp.PublicFunctions = false
					rules[i].Options = &cp
				case *bnd.Options:
					cp := *o
					cp.PublicFunctions = false
					rules[i].Options = &cp
				}
			}
			bnd.SetModules(rules, c.boundaries, nil)
			bnd.SetScripts(rules, []string{"shop.api.main"})
			var got []string
			for _, f := range run(t, rules, src, c.module) {
				s := fmt.Sprintf("%d %s", f.Line, f.Code)
				if f.Code == "BND001" {
					s += " " + strings.Trim(strings.Fields(f.Message)[0], "`")
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
	// A configured boundary module with no entry point it recognises: nothing, but with
	// public-functions every public function.
	rules := configured(bnd.UnvalidatedInput)
	bnd.SetModules(rules, []string{"shop.rpc"}, nil)
	fs := run(t, rules, "def lookup(key):\n    ...\n\ndef _helper(x):\n    ...\n", "shop.rpc")
	if len(fs) != 1 || fs[0].Line != 1 {
		t.Errorf("a boundary module without entry points, public-functions: %v", fs)
	}
	rules[0].Options.(*bnd.InputOptions).PublicFunctions = false
	if fs := run(t, rules, "def lookup(key):\n    ...\n", "shop.rpc"); len(fs) != 0 {
		t.Errorf("a boundary module without entry points: %v", fs)
	}
	// Without configuration and without entry points: nothing.
	rules = configured(bnd.UnvalidatedInput, bnd.SilentBoundaryHandler)
	bnd.SetModules(rules, nil, nil)
	if fs := run(t, rules, "def lookup(key):\n    ...\n", "shop.rpc"); len(fs) != 0 {
		t.Errorf("no boundaries, no entry points: %v", fs)
	}
}
