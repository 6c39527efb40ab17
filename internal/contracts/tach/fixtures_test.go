package tach

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/contracts/contractstest"
	"github.com/buttresspy/buttress/internal/workspace"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar from what the contracts find")

// TestFixtures loads each project of testdata/*.txtar (its files, tach.toml among them) as
// the CLI does, checks tach's contracts, and compares the results with the archive's "want"
// file: each contract, its findings, notes indented, and its warnings. `go test
// ./internal/contracts/tach -run TestFixtures -update` rewrites the want files; review the diff.
func TestFixtures(t *testing.T) {
	contractstest.Golden(t, "testdata/*.txtar", *update, runFixture)
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
