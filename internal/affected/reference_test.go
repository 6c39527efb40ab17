package affected_test

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/affected"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/workspace"
)

//go:embed testdata/affected_ref.py
var referenceScript string

// Real projects with their tests, from Debian's python3-networkx and python3-scipy, which
// .ci/run installs. networkx's __init__ imports nearly every module, so nearly every change
// affects nearly every test (a test of the packages' __init__ rule); scipy loads its
// subpackages lazily, so most changes affect a few tests (a test of the search itself).
var corpora = map[string]string{
	"networkx": "/usr/lib/python3/dist-packages/networkx",
	"scipy":    "/usr/lib/python3/dist-packages/scipy",
}

// TestAgreesWithReference compares Find with testdata/affected_ref.py, a reference written
// apart from buttress on CPython's ast module (it reads the imports itself, resolves relative
// ones with importlib.util.resolve_name, and searches its own graph), on 60 random change
// sets (seeded) of a copy of each corpus: the affected test files and the affected modules
// must be the same, set for set. Three of the project's modules are deleted from the copy first,
// and some change sets name them; some name an __init__.py, a conftest.py, a file of the
// affected-all globs, or a file that is not Python.
func TestAgreesWithReference(t *testing.T) {
	python := cpython.Require(t, "3.11")
	for name, src := range corpora {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && name != "networkx" {
				t.Skip("-short: scipy's reference takes 10 s")
			}
			if _, err := os.Stat(filepath.Join(src, "__init__.py")); err != nil {
				msg := fmt.Sprintf("networkx is not at %s: %v", src, err)
				if os.Getenv(cpython.RequireEnv) == "1" {
					t.Fatalf("%s (.ci/run installs Debian's python3-%s)", msg, name)
				}
				t.Skip(msg)
			}
			compareWithReference(t, python, src, 60)
		})
	}
}

func compareWithReference(t *testing.T, python, src string, sets int) {
	root := t.TempDir()
	if err := copyTree(src, filepath.Join(root, filepath.Base(src))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "pyproject.toml"), []byte("[project]\nname = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var py, inits, conftests []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		py = append(py, rel)
		switch filepath.Base(rel) {
		case "__init__.py":
			inits = append(inits, rel)
		case "conftest.py":
			conftests = append(conftests, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(py)
	rng := rand.New(rand.NewSource(2026))
	// Delete three modules that are neither packages nor tests.
	var deleted []string
	for len(deleted) < 3 {
		p := py[rng.Intn(len(py))]
		b := filepath.Base(p)
		if b == "__init__.py" || b == "conftest.py" || strings.HasPrefix(b, "test_") || slices.Contains(deleted, p) {
			continue
		}
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
		deleted = append(deleted, p)
	}
	py = slices.DeleteFunc(py, func(p string) bool { return slices.Contains(deleted, p) })

	var changes [][]string
	for i := 0; i < sets; i++ {
		var c []string
		for n := 1 + rng.Intn(3); n > 0; n-- {
			c = append(c, py[rng.Intn(len(py))])
		}
		switch r := rng.Intn(20); {
		case r < 4:
			c = append(c, inits[rng.Intn(len(inits))])
		case r < 6 && len(conftests) > 0:
			c = append(c, conftests[rng.Intn(len(conftests))])
		case r < 9:
			c = append(c, deleted[rng.Intn(len(deleted))])
		case r < 10:
			c = append(c, "pyproject.toml")
		case r < 11:
			c = append(c, filepath.Base(src)+"/readme.txt")
		}
		changes = append(changes, c)
	}

	cfg, err := config.Discover(root)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ws, err := workspace.Load(cfg, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	p := affected.Project{Graph: ws.ImportGraph()}
	for _, f := range ws.Files {
		p.Files = append(p.Files, affected.File{Rel: f.Rel, Module: f.Module})
	}

	query, _ := json.Marshal(map[string]any{"tests": affected.DefaultTests(), "all": affected.DefaultAll(), "changes": changes})
	script := filepath.Join(t.TempDir(), "affected_ref.py")
	if err := os.WriteFile(script, []byte(referenceScript), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-I", script, root)
	cmd.Stdin = strings.NewReader(string(query))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("affected_ref.py: %v", err)
	}
	var ref []struct{ Modules, Tests []string }
	if err := json.Unmarshal(out, &ref); err != nil {
		t.Fatalf("affected_ref.py output: %v", err)
	}
	if len(ref) != len(changes) {
		t.Fatalf("affected_ref.py answered %d change sets of %d", len(ref), len(changes))
	}

	start = time.Now()
	tests, modules, empty := 0, 0, 0
	var counts []int
	for i, c := range changes {
		got := affected.Find(p, c, affected.Options{})
		tests += len(got.Tests)
		counts = append(counts, len(got.Tests))
		modules += len(got.Modules)
		if len(got.Tests) == 0 {
			empty++
		}
		for _, d := range []struct {
			what      string
			got, want []string
		}{{"tests", got.Tests, ref[i].Tests}, {"modules", got.Modules, ref[i].Modules}} {
			if missing, extra := diff(d.got, d.want); len(missing)+len(extra) > 0 {
				t.Errorf("change set %d %v: %s differ from the reference:\n  missing (the reference has them): %v\n  extra (only buttress has them): %v",
					i, c, d.what, head(missing), head(extra))
			}
		}
	}
	slices.Sort(counts)
	t.Logf("%d files, %d change sets: %d affected test files (from %d to %d a set, median %d) and %d affected modules in all, %d sets affecting no test; load %v, %d searches %v",
		len(ws.Files), len(changes), tests, counts[0], counts[len(counts)-1], counts[len(counts)/2], modules, empty, load.Round(time.Millisecond), len(changes), time.Since(start).Round(time.Microsecond))
	if empty == len(changes) || tests == 0 {
		t.Errorf("no change set affects a test: the comparison proves nothing")
	}
}

func diff(got, want []string) (missing, extra []string) {
	g := map[string]bool{}
	for _, s := range got {
		g[s] = true
	}
	w := map[string]bool{}
	for _, s := range want {
		w[s] = true
		if !g[s] {
			missing = append(missing, s)
		}
	}
	for _, s := range got {
		if !w[s] {
			extra = append(extra, s)
		}
	}
	return missing, extra
}

func head(s []string) []string {
	if len(s) > 10 {
		return append(s[:10:10], fmt.Sprintf("... %d more", len(s)-10))
	}
	return s
}

// copyTree copies the Python files and directories of src to dst, leaving out __pycache__.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
