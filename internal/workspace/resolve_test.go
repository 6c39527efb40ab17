package workspace

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
)

//go:embed testdata/resolve_reference.py
var referenceScript string

// refImport is one line of resolve_reference.py's output.
type refImport struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Target   string `json:"target"`
	Category string `json:"category"`
	Problem  string `json:"problem"`
}

type resolution struct {
	target, category, problem string
}

// loadCorpus loads a real tree as a project: one source root, no excludes (the corpus is
// what it is), the interpreter's own version as target.
func loadCorpus(t *testing.T, root, minor string, excludes []string) *Workspace {
	cfg := config.Default(root)
	cfg.Exclude = excludes
	cfg.SourceRoots = []string{"."}
	cfg.TargetVersion = minor
	ws, err := Load(cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// ours returns buttress's resolution of every import of the workspace, keyed path:line:col.
func ours(ws *Workspace) map[string]resolution {
	out := map[string]resolution{}
	for _, e := range ws.ImportGraph().Edges {
		out[fmt.Sprintf("%s:%d:%d", e.Path, e.Line, e.Col)] = resolution{e.Imported, e.Category.String(), ""}
	}
	for _, p := range ws.Problems {
		if p.Kind == "import" {
			out[fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)] = resolution{"", "", p.Msg}
		}
	}
	return out
}

// reference runs resolve_reference.py with python over the workspace's .py files.
func reference(t *testing.T, python string, ws *Workspace) map[string]resolution {
	script := filepath.Join(t.TempDir(), "resolve_reference.py")
	if err := os.WriteFile(script, []byte(referenceScript), 0o644); err != nil {
		t.Fatal(err)
	}
	var list bytes.Buffer
	for _, f := range ws.Files {
		if !f.Stub {
			fmt.Fprintln(&list, f.Path)
		}
	}
	cmd := exec.Command(python, "-I", script, ws.Project.Root)
	cmd.Stdin = &list
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s resolve_reference.py: %v", python, err)
	}
	ref := map[string]resolution{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r refImport
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("reference output: %v: %s", err, sc.Text())
		}
		ref[fmt.Sprintf("%s:%d:%d", r.Path, r.Line, r.Col)] = resolution{r.Target, r.Category, r.Problem}
	}
	return ref
}

// TestResolutionAgreesWithCPython resolves every import of the 3.13 standard library and of
// the 3.11 site-packages with buttress, and compares import by import with a reference that
// uses CPython's own import machinery (importlib.machinery.PathFinder, package by package,
// without importing anything): the same target module and category for at least 99.9% of the
// imports. Every difference must be explained in testdata/resolution_known.txt.
func TestResolutionAgreesWithCPython(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole corpus takes a while; run without -short")
	}
	corpora := []struct {
		name, minor string
		root        func() string
		excludes    []string
	}{
		// The 3.13 library's own site-packages (pip) is another project: left out.
		{"stdlib-3.13", "3.13", func() string { return cpython.Stdlib(t, "3.13") }, []string{"site-packages"}},
		{"site-packages-3.11", "3.11", func() string { return cpython.SitePackages(t, "3.11") }, nil},
	}
	known := readKnown(t)
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			python := cpython.Require(t, c.minor)
			ws := loadCorpus(t, c.root(), c.minor, c.excludes)
			got := ours(ws)
			want := reference(t, python, ws)
			keys := make([]string, 0, len(want))
			for k := range want {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			same, explained := 0, 0
			var diffs []string
			for _, k := range keys {
				w, g := want[k], got[k]
				if w == g {
					same++
					continue
				}
				if reason := known.explain(c.name, k, w, g); reason != "" {
					explained++
					continue
				}
				diffs = append(diffs, fmt.Sprintf("%s: CPython %s, buttress %s", k, w, g))
			}
			for k := range got {
				if _, ok := want[k]; !ok && !strings.Contains(k, ".pyi:") { // the reference reads .py files only
					diffs = append(diffs, fmt.Sprintf("%s: buttress has an import the reference does not", k))
				}
			}
			pct := 100 * float64(same) / float64(max(1, len(want)))
			t.Logf("%s: %d imports, %d resolved alike (%.3f%%), %d differences explained in testdata/resolution_known.txt, %d unexplained",
				c.name, len(want), same, pct, explained, len(diffs))
			sort.Strings(diffs)
			for i, d := range diffs {
				if i == 50 {
					t.Errorf("... and %d more", len(diffs)-50)
					break
				}
				t.Error(d)
			}
			if pct < 99.9 {
				t.Errorf("agreement %.3f%% is below 99.9%%", pct)
			}
		})
	}
}

func (r resolution) String() string {
	if r.problem != "" {
		return "problem (" + r.problem + ")"
	}
	if r.target == "" {
		return "nothing"
	}
	return r.target + " [" + r.category + "]"
}

// knownDiffs are explained differences: "corpus path-glob-prefix reason".
type knownDiffs []struct{ corpus, prefix, reason string }

func readKnown(t *testing.T) knownDiffs {
	data, err := os.ReadFile("testdata/resolution_known.txt")
	if err != nil {
		t.Fatal(err)
	}
	var k knownDiffs
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, " ", 3)
		if len(f) < 3 {
			t.Fatalf("testdata/resolution_known.txt: bad line %q: want `corpus path-prefix reason`", line)
		}
		k = append(k, struct{ corpus, prefix, reason string }{f[0], f[1], f[2]})
	}
	return k
}

func (k knownDiffs) explain(corpus, key string, want, got resolution) string {
	for _, e := range k {
		if e.corpus == corpus && strings.HasPrefix(key, e.prefix) {
			return e.reason
		}
	}
	return ""
}
