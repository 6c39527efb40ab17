package project

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
)

// sitePackages returns the site-packages of the pyenv CPython 3.11.7 (about 15,000 .py and
// .pyi files, 460 MB with everything else), the corpus of the pipeline's speed target, or
// skips when it is missing.
func sitePackages(tb testing.TB) string {
	tb.Helper()
	root := os.Getenv("PYENV_ROOT")
	if root == "" {
		if out, err := exec.Command("pyenv", "root").Output(); err == nil {
			root = strings.TrimSpace(string(out))
		} else if home, err := os.UserHomeDir(); err == nil {
			root = filepath.Join(home, ".pyenv")
		}
	}
	dir := filepath.Join(root, "versions", "3.11.7", "lib", "python3.11", "site-packages")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		tb.Skipf("no corpus: %s", dir)
	}
	return dir
}

func BenchmarkDiscoverSitePackages(b *testing.B) {
	dir := sitePackages(b)
	cfg := config.Default(dir)
	var p *Project
	cpu := cpuTime()
	for b.Loop() {
		var err error
		if p, err = Discover(cfg); err != nil {
			b.Fatal(err)
		}
	}
	// Processor time per run (both cores together): steadier than wall time on a busy machine.
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(p.Files)), "files")
	b.ReportMetric(float64(len(p.Modules)), "modules")
}

// TestSitePackages checks discovery on a real tree: every file has a module name unless its
// path cannot have one, and the walk reports nothing it should not.
func TestSitePackages(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := sitePackages(t)
	p, err := Discover(config.Default(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) < 5000 {
		t.Errorf("only %d files", len(p.Files))
	}
	unnamed := 0
	for _, f := range p.Files {
		if f.Module == "" {
			unnamed++
		}
	}
	for _, pr := range p.Problems {
		if pr.Kind != DuplicateModule {
			t.Errorf("problem: %s %s", pr.Kind, pr)
		}
	}
	checkFirsts(t, p)
	t.Logf("%d files, %d modules, %d without a module name, %d problems, %d skipped files, %d skipped dirs",
		len(p.Files), len(p.Modules), unnamed, len(p.Problems), p.Skipped, p.SkippedDirs)
}
