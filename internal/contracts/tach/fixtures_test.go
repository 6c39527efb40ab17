package tach

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

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar from what the contracts find")

// TestFixtures loads each project of testdata/*.txtar (its files, tach.toml among them) as
// the CLI does, checks tach's contracts, and compares the results with the archive's "want"
// file: each contract, its findings, notes indented, and its warnings. `go test
// ./internal/contracts/tach -run TestFixtures -update` rewrites the want files; review the diff.
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
			got := runFixture(t, dir)
			if *update {
				found := false
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data, found = []byte(got), true
					}
				}
				if !found {
					ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(got)})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("results differ from the want section of %s:\n--- got\n%s--- want\n%s", file, got, want)
			}
		})
	}
}

func runFixture(t *testing.T, dir string) string {
	t.Helper()
	cfg, err := config.Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	tc, err := Load(dir)
	if err != nil {
		return "config error:\n" + strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "") + "\n"
	}
	if tc == nil {
		return "no tach configuration\n"
	}
	cfg.SourceRoots = tc.SourceRoots
	ws, err := workspace.Load(cfg, workspace.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ws.Problems {
		fmt.Fprintf(&b, "problem: %s:%d: %s\n", p.Path, p.Line, p.Msg)
	}
	for _, r := range contracts.Check(tc.Contracts, workspace.ContractInput(ws), 2) {
		state := "kept"
		if !r.Kept() {
			state = "broken"
		}
		fmt.Fprintf(&b, "contract %q (%s): %s\n", r.Contract.Name, r.Contract.Spec.Type(), state)
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "  %s:%d:%d: %s %s\n", f.Path, f.Line, f.Col, f.Code, f.Message)
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "  warning: %s\n", w)
		}
	}
	return b.String()
}
