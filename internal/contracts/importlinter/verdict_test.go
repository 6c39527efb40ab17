package importlinter

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

var update = flag.Bool("update", false, "rewrite the want section of testdata/verdicts/*.txtar from the results")

// TestVerdicts checks import-linter configurations end to end: each testdata/verdicts/*.txtar
// holds a project, its import-linter configuration, and in "want" the verdict of each contract
// with its findings and warnings. The comment of each archive says what import-linter (read
// from its source and grimp's) does on the same project, so that the verdicts are
// import-linter's. `go test ./internal/contracts/importlinter -run TestVerdicts -update`
// rewrites the want sections; review the diff.
func TestVerdicts(t *testing.T) {
	contractstest.Golden(t, "testdata/verdicts/*.txtar", *update, verdicts)
}

// verdicts reads the import-linter
// configuration as `buttress check` does, checks the contracts, and returns the results: per
// contract "kept" or "broken", each finding with its place and end, notes, warnings.
func verdicts(t *testing.T, dir string) string {
	t.Helper()
	cfg, err := config.Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	il, err := Load(dir)
	if err != nil {
		return "configuration error: " + strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "") + "\n"
	}
	if il == nil {
		t.Fatal("no import-linter configuration")
	}
	if len(il.SourceRoots) > 0 {
		cfg.SourceRoots = il.SourceRoots
	}
	ws, err := workspace.Load(cfg, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range contracts.Check(il.Contracts, workspace.ContractInput(ws), 2) {
		state := "kept"
		if !r.Kept() {
			state = "broken"
		}
		fmt.Fprintf(&b, "contract %q (%s): %s\n", r.Contract.Name, r.Contract.Spec.Type(), state)
		for _, f := range r.Findings {
			if f.EndLine == 0 {
				t.Errorf("finding without an end: %+v", f)
			}
			end := fmt.Sprint(f.EndLine)
			if f.EndCol > 0 {
				end += fmt.Sprintf(":%d", f.EndCol)
			}
			fmt.Fprintf(&b, "  %s:%d:%d-%s: %s %s\n", f.Path, f.Line, f.Col, end, f.Code, f.Message)
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
