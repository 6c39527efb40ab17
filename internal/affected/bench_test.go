package affected_test

import (
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/buttresspy/buttress/internal/affected"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/workspace"
)

// BenchmarkFindSitePackages times the search alone (the graph loaded once) on the 3.11
// site-packages read as one project: about 9,900 files and 1,200 test files.
//
//	go test ./internal/affected -run '^$' -bench SitePackages
func BenchmarkFindSitePackages(b *testing.B) {
	python, err := cpython.Find("3.11")
	if err != nil {
		b.Skip(err)
	}
	root := filepath.Join(filepath.Dir(filepath.Dir(python)), "lib", "python3.11", "site-packages")
	if _, err := os.Stat(root); err != nil {
		b.Skip(err)
	}
	cfg, err := config.Discover(root)
	if err != nil {
		b.Fatal(err)
	}
	ws, err := workspace.Load(cfg, workspace.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := affected.Project{Graph: ws.ImportGraph()}
	for _, f := range ws.Files {
		p.Files = append(p.Files, affected.File{Rel: f.Rel, Module: f.Module})
	}
	rng := rand.New(rand.NewSource(1))
	b.ReportMetric(float64(len(ws.ImportGraph().Edges)), "edges")
	b.ResetTimer()
	for b.Loop() {
		changed := []string{p.Files[rng.Intn(len(p.Files))].Rel, p.Files[rng.Intn(len(p.Files))].Rel}
		affected.Find(p, changed, affected.Options{})
	}
}
