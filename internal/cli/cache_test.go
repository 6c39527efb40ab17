package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/buttresspy/buttress/internal/cache"
	"github.com/buttresspy/buttress/internal/cpython"
)

// damageCache is the testscript command `damagecache DIR HOW [delta]`: it damages every pack
// of the cache in DIR (or every delta), as a crash, a disk or another build would. HOW is
// "truncate" (cut it in half), "flip" (change a byte in the middle of it), "garbage"
// (replace it with text) or "foreign" (make it another build's).
func damageCache(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 || len(args) == 3 && args[2] != "delta" {
		ts.Fatalf("usage: damagecache DIR truncate|flip|garbage|foreign [delta]")
	}
	dir := ts.MkAbs(args[0])
	kind := "pack"
	if len(args) == 3 {
		kind = "delta"
	}
	packs, err := filepath.Glob(filepath.Join(dir, "summaries-*."+kind))
	ts.Check(err)
	if len(packs) == 0 {
		ts.Fatalf("no %s in %s", kind, dir)
	}
	for _, p := range packs {
		b, err := os.ReadFile(p)
		ts.Check(err)
		switch args[1] {
		case "truncate":
			b = b[:len(b)/2]
		case "flip":
			b[len(b)/2] ^= 0xff
		case "garbage":
			b = []byte(strings.Repeat("not a cache\n", 10))
		case "foreign":
			b[20] ^= 0xff // in the build identity of the header
		default:
			ts.Fatalf("damagecache: unknown damage %q", args[1])
		}
		ts.Check(os.WriteFile(p, b, 0o644))
	}
}

// copyTree copies the .py and .pyi files of the packages under src into dst.
func copyTree(t testing.TB, src, dst string, packages ...string) (files, lines int) {
	t.Helper()
	for _, pkg := range packages {
		err := filepath.WalkDir(filepath.Join(src, pkg), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !(strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi")) {
				return nil
			}
			rel, _ := filepath.Rel(src, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out := filepath.Join(dst, rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			files++
			lines += bytes.Count(b, []byte("\n"))
			return os.WriteFile(out, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files, lines
}

// TestCacheSameOutput checks on real code that a run from the cache prints exactly what a
// run without it prints: cold, warm, and after edits (lines inserted at the top of a file,
// a new function with findings in another), in every format, for check, metrics and graph.
// With -short, three packages of the 3.11 site-packages; otherwise a dozen (about 3,000
// files).
func TestCacheSameOutput(t *testing.T) {
	site := cpython.SitePackages(t, "3.11")
	dir := t.TempDir()
	pkgs := []string{"flask", "click", "jinja2"}
	if !testing.Short() {
		pkgs = append(pkgs, "pip", "IPython", "werkzeug", "moto", "networkx", "pygments", "attr", "requests", "yaml")
	}
	files, lines := copyTree(t, site, dir, pkgs...)
	t.Logf("%d files, %d lines", files, lines)
	t.Setenv(cache.EnvDir, filepath.Join(t.TempDir(), "cache"))
	commands := []struct {
		args []string
		path string // default: the project
	}{
		{[]string{"check", "--format", "text"}, ""},
		{[]string{"check", "--format", "json"}, ""},
		{[]string{"check", "--format", "sarif"}, ""},
		{[]string{"check", "--select", "ALL", "--format", "json"}, ""},
		{[]string{"check", "--format", "text"}, "click"}, // a scoped run
		{[]string{"metrics", "--format", "json"}, ""},
		{[]string{"graph", "--format", "json"}, ""},
	}
	run := func(args []string, path string, noCache bool) string {
		args = append([]string(nil), args...)
		if noCache {
			args = append(args, "--no-cache")
		}
		args = append(args, filepath.Join(dir, path))
		var out, errOut bytes.Buffer
		code := Main(args, &out, &errOut)
		if code == ExitError || strings.Contains(errOut.String(), "cache") {
			t.Fatalf("buttress %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
		}
		return fmt.Sprintf("exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	compare := func(stage string) {
		for _, c := range commands {
			want := run(c.args, c.path, true)
			for _, pass := range []string{"first", "second"} {
				if got := run(c.args, c.path, false); got != want {
					t.Errorf("%s, %s run of buttress %s %s: the output differs from --no-cache's:\n%s", stage, pass, strings.Join(c.args, " "), c.path, firstDiff(got, want))
				}
			}
		}
	}
	compare("cold")
	// Three lines at the top of a file; a function with untyped parameters and a bare except
	// in another.
	edit := func(rel string, f func(string) string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("flask/app.py", func(s string) string { return "# one\n# two\n# three\n" + s })
	edit("click/core.py", func(s string) string {
		return s + "\n\ndef added(a, b):\n    try:\n        return a / b\n    except:\n        return None\n"
	})
	compare("after the edits")
}

// firstDiff shows where two outputs part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// benchPackages are the packages of the 3.11 site-packages that make the cache's benchmark
// project: 4,628 files, 859,000 lines, the size of the cache's target (an 850,000-line
// project of about 4,300 files).
var benchPackages = []string{"moto", "pip", "IPython", "cfnlint", "werkzeug", "jinja2", "click", "flask"}

// TestWriteBenchCorpus writes the benchmark project into $BUTTRESS_BENCH_CORPUS, for
// measuring the built binary with GNU time (it is skipped when the variable is not set):
//
//	BUTTRESS_BENCH_CORPUS=/tmp/bench850k go test ./internal/cli -run TestWriteBenchCorpus
//	go build -o /tmp/bc ./cmd/buttress
//	cd /tmp/bench850k
//	/usr/bin/time -v /tmp/bc check --no-cache .                  # no cache
//	/tmp/bc clean; /usr/bin/time -v /tmp/bc check .              # cold
//	echo '# edit' >> pip/__init__.py; /usr/bin/time -v /tmp/bc check .   # warm, one file edited
//
// The project is never committed: it is copied from the machine's site-packages each time.
func TestWriteBenchCorpus(t *testing.T) {
	dst := os.Getenv("BUTTRESS_BENCH_CORPUS")
	if dst == "" {
		t.Skip("BUTTRESS_BENCH_CORPUS is not set")
	}
	files, lines := copyTree(t, cpython.SitePackages(t, "3.11"), dst, benchPackages...)
	t.Logf("%s: %d files, %d lines", dst, files, lines)
}

// BenchmarkCacheWarm measures, in the test process, a cached run of check after one file of
// the benchmark project is edited (ms/op), against the cold run (cold-ms).
func BenchmarkCacheWarm(b *testing.B) {
	dir := b.TempDir()
	copyTree(b, cpython.SitePackages(b, "3.11"), dir, benchPackages...)
	b.Setenv(cache.EnvDir, filepath.Join(b.TempDir(), "cache"))
	run := func() {
		var out, errOut bytes.Buffer
		if code := Main([]string{"check", dir}, &out, &errOut); code == ExitError {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	start := time.Now()
	run()
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "cold-ms")
	edited := filepath.Join(dir, "pip", "__init__.py")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		f, err := os.OpenFile(edited, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "# edit %d\n", i)
		f.Close()
		b.StartTimer()
		run()
	}
}
