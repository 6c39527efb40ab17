package contracts_test

import (
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/workspace"
)

// sitePackagesContracts are ten contracts of every type on the 3.11 site-packages, written
// the way a team would write them for its own code: most are broken there.
func sitePackagesContracts() []contracts.Contract {
	at := contracts.Origin{Tool: contracts.FromButtress, File: "buttress.toml", Line: 1}
	layers := func(ms ...string) []contracts.Layer {
		var out []contracts.Layer
		for _, m := range ms {
			l, err := contracts.ParseLayer(m)
			if err != nil {
				panic(err)
			}
			out = append(out, l)
		}
		return out
	}
	return []contracts.Contract{
		{Name: "sympy layers", Origin: at, Spec: &contracts.Layers{Layers: layers("sympy.solvers", "sympy.simplify | sympy.integrals", "sympy.functions", "sympy.core")}},
		{Name: "sympy acyclic", Origin: at, Spec: &contracts.Acyclic{Packages: []string{"sympy"}}},
		{Name: "botocore stays low", Origin: at, Spec: &contracts.Forbidden{Sources: []string{"botocore"}, Forbidden: []string{"moto", "boto3", "awscli", "requests"}}},
		{Name: "tools independent", Origin: at, Spec: &contracts.Independence{Modules: []string{"jedi", "IPython", "networkx", "pydantic"}}},
		{Name: "networkx declared", Origin: at, Spec: &contracts.Allowed{Modules: []contracts.AllowedModule{
			{Module: "networkx.algorithms", DependsOn: []string{"networkx.classes", "networkx.utils", "networkx.exception"}},
			{Module: "networkx.classes", DependsOn: []string{"networkx.utils", "networkx.exception"}},
			{Module: "networkx.utils", DependsOn: []string{"networkx.exception"}},
			{Module: "networkx.exception"},
		}}},
		{Name: "pydantic interface", Origin: at, Spec: &contracts.Interface{Packages: []string{"pydantic"}, UseAll: true, Expose: []string{"v1(\\..*)?", "fields\\..*"}}},
		{Name: "moto externals", Origin: at, Spec: &contracts.External{Modules: []string{"moto"}, Deny: []string{"django", "pickle"}}},
		{Name: "vendored protected", Origin: at, Spec: &contracts.Protected{Modules: []string{"botocore.vendored"}, AllowedImporters: []string{"botocore.httpsession", "botocore.endpoint"}}},
		{Name: "moto services layered", Origin: at, Spec: &contracts.Layers{Containers: []string{"moto.*"}, Layers: layers("(urls)", "(responses)", "models")}},
		{Name: "tests stay out", Origin: at, Spec: &contracts.Forbidden{Sources: []string{"sympy.**.tests"}, Forbidden: []string{"IPython", "jedi"}}},
	}
}

// BenchmarkCheckSitePackages checks ten contracts on the import graph of the whole 3.11
// site-packages (the graph is built once, outside the timing).
func BenchmarkCheckSitePackages(b *testing.B) {
	root := cpython.SitePackages(b, "3.11")
	cfg := config.Default(root)
	cfg.Exclude = nil
	cfg.SourceRoots = []string{"."}
	cfg.TargetVersion = "3.11"
	ws, err := workspace.Load(cfg, workspace.Options{})
	if err != nil {
		b.Fatal(err)
	}
	in := workspace.ContractInput(ws)
	cs := sitePackagesContracts()
	var findings int
	b.ResetTimer()
	for b.Loop() {
		findings = 0
		for _, r := range contracts.Check(cs, in, 0) {
			findings += len(r.Findings)
		}
	}
	b.ReportMetric(float64(findings), "findings")
	b.ReportMetric(float64(len(ws.ImportGraph().Edges)), "imports")
}
