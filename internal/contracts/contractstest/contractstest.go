// Package contractstest holds checks shared by the tests of the configuration readers
// (tach, importlinter): what any configuration, however broken, must give.
package contractstest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
)

// MaxLine is the number of lines of data, counting any line end.
func MaxLine(data []byte) int {
	s := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	return strings.Count(s, "\n") + 1
}

// ConfigError fails t unless err is a *config.Error or a non-empty config.ErrorList whose
// errors all name file, have a message, and are at a line of data (or at none).
func ConfigError(t testing.TB, err error, file string, data []byte) {
	t.Helper()
	var errs []*config.Error
	var one *config.Error
	var list config.ErrorList
	switch {
	case errors.As(err, &list):
		errs = list
		if len(list) == 0 {
			t.Fatalf("empty error list")
		}
	case errors.As(err, &one):
		errs = []*config.Error{one}
	default:
		t.Fatalf("error %T is not a config.Error: %v", err, err)
	}
	for _, e := range errs {
		if e == nil {
			t.Fatalf("nil *config.Error in %v", err)
		}
		if e.File != file {
			t.Fatalf("error names file %q, want %q: %v", e.File, file, e)
		}
		if e.Line < 0 || e.Line > MaxLine(data) {
			t.Fatalf("error at line %d, outside the input's %d lines: %v", e.Line, MaxLine(data), e)
		}
		if e.Msg == "" {
			t.Fatalf("error without a message: %+v", e)
		}
	}
}

// Contracts fails t unless every contract, read by tool from data as file, has a name, a
// spec and an origin (and ignore-imports entries) at lines of data, and checking them on in
// gives only well-formed findings (each with an end).
func Contracts(t testing.TB, cs []contracts.Contract, tool, file string, data []byte, in contracts.Input) {
	t.Helper()
	for _, c := range cs {
		if c.Name == "" || c.Spec == nil || c.Origin.Tool != tool || c.Origin.File != file {
			t.Fatalf("incomplete contract %+v", c)
		}
		if c.Origin.Line < 0 || c.Origin.Line > MaxLine(data) {
			t.Fatalf("contract %q: origin line %d outside the input's %d lines", c.Name, c.Origin.Line, MaxLine(data))
		}
		for _, ig := range c.IgnoreImports {
			if ig.Line < 0 || ig.Line > MaxLine(data) {
				t.Fatalf("contract %q: ignore-imports %q at line %d, outside the input", c.Name, ig.Raw, ig.Line)
			}
		}
	}
	for _, r := range contracts.Check(cs, in, 1) {
		for _, fd := range r.Findings {
			if fd.Code == "" || fd.Path == "" || fd.Message == "" || fd.Line < 0 || fd.EndLine < fd.Line {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	}
}

// Golden runs the fixture projects of the txtar archives that match glob: each archive's
// files but "want" are written to a new directory, run returns what checking that project
// gives, and it must equal the archive's "want" file. With update, the want files are
// rewritten from what run returns instead (review the diff).
func Golden(t *testing.T, glob string, update bool, run func(t *testing.T, dir string) string) {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures match %s: %v", glob, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want, hasWant := "", false
			for _, f := range ar.Files {
				if f.Name == "want" {
					want, hasWant = string(f.Data), true
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
			got := run(t, dir)
			if !update {
				if got != want {
					t.Errorf("results differ from the want section of %s:\n--- got\n%s--- want\n%s", file, got, want)
				}
				return
			}
			if !hasWant {
				ar.Files = append(ar.Files, txtar.File{Name: "want"})
			}
			for i := range ar.Files {
				if ar.Files[i].Name == "want" {
					ar.Files[i].Data = []byte(got)
				}
			}
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}
