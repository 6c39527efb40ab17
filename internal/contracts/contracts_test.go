package contracts_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/workspace"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar from the findings")

// TestFixtures checks the contracts of each fixture project in testdata/*.txtar: the
// project's files, its buttress.toml, and a "want" file with the findings (and warnings)
// expected, one per line, notes indented. `go test ./internal/contracts -update` rewrites the
// want files; review the diff.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want := ""
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = string(f.Data)
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := runContracts(t, dir)
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got)
					}
				}
				if want == "" && got != "" {
					ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(got)})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("findings differ from the want section of %s:\n--- got\n%s--- want\n%s", file, got, want)
			}
		})
	}
}

func runContracts(t *testing.T, dir string) string {
	t.Helper()
	// Configuration errors name files relative to the current directory: drop the way there.
	clean := func(msg string) string {
		if cwd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(cwd, dir); err == nil {
				msg = strings.ReplaceAll(msg, rel+string(filepath.Separator), "")
			}
		}
		return strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
	}
	cfg, err := config.Discover(dir)
	if err != nil {
		return "config error: " + clean(err.Error()) + "\n"
	}
	cs, err := contracts.FromConfig(cfg)
	if err != nil {
		return "contract error: " + clean(err.Error()) + "\n"
	}
	ws, err := workspace.Load(cfg, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ws.Problems {
		fmt.Fprintf(&b, "problem: %s:%d: %s\n", p.Path, p.Line, p.Msg)
	}
	for _, r := range contracts.Check(cs, workspace.ContractInput(ws), 2) {
		state := "kept"
		if !r.Kept() {
			state = "broken"
		}
		fmt.Fprintf(&b, "contract %q (%s): %s\n", r.Contract.Name, r.Contract.Spec.Type(), state)
		for _, f := range r.Findings {
			if f.EndLine == 0 {
				t.Errorf("finding without an end: %+v", f)
			}
			fmt.Fprintf(&b, "  %s:%d:%d: %s %s\n", f.Path, f.Line, f.Col, f.Code, f.Message)
			for _, n := range f.Notes {
				fmt.Fprintf(&b, "    %s:%d:%d: %s\n", n.Path, n.Line, n.Col, n.Message)
			}
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "  warning: %s\n", w)
		}
	}
	return b.String()
}
