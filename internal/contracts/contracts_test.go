package contracts_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/contracts/contractstest"
	"github.com/buttresspy/buttress/internal/workspace"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar from the findings")

// TestFixtures checks the contracts of each fixture project in testdata/*.txtar: the
// project's files, its buttress.toml, and a "want" file with the findings (and warnings)
// expected, one per line, notes indented. `go test ./internal/contracts -update` rewrites the
// want files; review the diff.
func TestFixtures(t *testing.T) {
	contractstest.Golden(t, "testdata/*.txtar", *update, runContracts)
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
