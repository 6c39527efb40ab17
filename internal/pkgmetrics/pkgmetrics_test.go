package pkgmetrics

import (
	"math"
	"testing"
)

func TestCompute(t *testing.T) {
	mods := []Module{
		{Name: "app", Package: true},
		{Name: "app.domain", Package: true},
		{Name: "app.domain.model", Classes: 4, Abstract: 1},
		{Name: "app.domain.ports", Classes: 2, Abstract: 2},
		{Name: "app.infra", Package: true},
		{Name: "app.infra.db", Classes: 2},
		{Name: "app.api", Classes: 1},
		{Name: "lonely", Package: true},
	}
	edges := []Edge{
		{"app.infra.db", "app.domain.model"},
		{"app.infra.db", "app.domain.ports"},
		{"app.api", "app.domain.model"},
		{"app.api", "app.infra.db"},
		{"app.api", "app.infra.db"},              // a module counts once
		{"app.domain.model", "app.domain.ports"}, // inside the package: no coupling
		{"app.api", "requests"},                  // not first-party
		{"app.api", "app.api"},
	}
	got := map[string]Package{}
	for _, p := range Compute(mods, edges) {
		got[p.Name] = p
	}
	if len(got) != 4 {
		t.Fatalf("%d packages, want 4 (app, app.domain, app.infra, lonely)", len(got))
	}
	dom := got["app.domain"]
	if dom.Ca != 2 || dom.Ce != 0 || dom.Modules != 3 || dom.Classes != 6 || dom.Abstract != 3 {
		t.Errorf("app.domain = %+v", dom)
	}
	if dom.Instability == nil || *dom.Instability != 0 || dom.Abstractness != 0.5 || math.Abs(*dom.Distance-0.5) > 1e-9 {
		t.Errorf("app.domain I/A/D wrong: %+v", dom)
	}
	infra := got["app.infra"]
	if infra.Ca != 1 || infra.Ce != 2 || math.Abs(*infra.Instability-2.0/3) > 1e-9 || math.Abs(*infra.Distance-1.0/3) > 1e-9 {
		t.Errorf("app.infra = %+v", infra)
	}
	app := got["app"]
	if app.Ca != 0 || app.Ce != 0 || app.Instability != nil || app.Distance != nil || app.Modules != 7 {
		t.Errorf("app = %+v", app)
	}
	if l := got["lonely"]; l.Modules != 1 || l.Instability != nil {
		t.Errorf("lonely = %+v", l)
	}
}
