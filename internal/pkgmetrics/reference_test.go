package pkgmetrics

import (
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/workspace"
)

//go:embed testdata/pkgmetrics_ref.py
var refScript []byte

// TestAgreesWithReference compares the package metrics of real projects with
// testdata/pkgmetrics_ref.py, written apart from buttress on CPython's ast (its own module
// names, imports, relative-import resolution and class counting): every package, and for
// each its modules, classes, abstract classes, afferent and efferent coupling, must be the
// same. The projects are libraries of the 3.11 site-packages with many abstract classes
// (prompt_toolkit's and pip's ABCs and Protocols), each alone in a project.
func TestAgreesWithReference(t *testing.T) {
	python := cpython.Require(t, "3.11")
	site := cpython.SitePackages(t, "3.11")
	script := filepath.Join(t.TempDir(), "pkgmetrics_ref.py")
	if err := os.WriteFile(script, refScript, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lib := range []string{"prompt_toolkit", "pip"} {
		t.Run(lib, func(t *testing.T) {
			if testing.Short() && lib == "pip" {
				t.Skip("-short: one library is enough")
			}
			root := t.TempDir()
			if err := os.Symlink(filepath.Join(site, lib), filepath.Join(root, lib)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "pyproject.toml"), []byte("[project]\nname = \"x\"\n\n# pip has a package named build, which the default excludes leave out\n[tool.buttress]\nexclude = [\"__pycache__\"]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(python, script, root).Output()
			if err != nil {
				t.Fatalf("pkgmetrics_ref.py: %v", err)
			}
			var ref struct{ Packages []Package }
			if err := json.Unmarshal(out, &ref); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Discover(root)
			if err != nil {
				t.Fatal(err)
			}
			ws, err := workspace.Load(cfg, workspace.Options{Metrics: true})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := FromWorkspace(ws)
			want := map[string]Package{}
			for _, p := range ref.Packages {
				want[p.Name] = p
			}
			abstract := 0
			for _, g := range got {
				w, ok := want[g.Name]
				if !ok {
					t.Errorf("%s: a package for buttress, not for the reference", g.Name)
					continue
				}
				delete(want, g.Name)
				if g.Modules != w.Modules || g.Classes != w.Classes || g.Abstract != w.Abstract || g.Ca != w.Ca || g.Ce != w.Ce {
					t.Errorf("%s: buttress modules %d classes %d abstract %d Ca %d Ce %d; reference %d %d %d %d %d",
						g.Name, g.Modules, g.Classes, g.Abstract, g.Ca, g.Ce, w.Modules, w.Classes, w.Abstract, w.Ca, w.Ce)
				}
				abstract += g.Abstract
			}
			for name := range want {
				t.Errorf("%s: a package for the reference, not for buttress", name)
			}
			if len(got) < 10 || abstract == 0 {
				t.Errorf("%d packages, %d abstract classes: the corpus does not exercise the metrics", len(got), abstract)
			}
			t.Logf("%s: %d packages agree", lib, len(got))
		})
	}
}
