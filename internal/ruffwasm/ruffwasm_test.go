package ruffwasm

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
)

// fakeTB records Skip and Fatal instead of stopping the test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
}

// fakePackage makes DIR/node_modules/@astral-sh/ruff-wasm-nodejs/package.json of version.
func fakePackage(t *testing.T, version string) string {
	t.Helper()
	dir := t.TempDir()
	pkg := filepath.Join(dir, "node_modules", "@astral-sh", "ruff-wasm-nodejs")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name": "x", "version": "`+version+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRequireSkipsOrFails(t *testing.T) {
	for _, tc := range []struct {
		name, dir, want string
	}{
		{"missing", t.TempDir(), "is not installed in"},
		{"other version", fakePackage(t, "0.1.0"), `is version "0.1.0"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(DirEnv, tc.dir)
			t.Setenv(cpython.RequireEnv, "")
			tb := &fakeTB{}
			if r := Require(tb); r != nil || !tb.skipped || tb.failed || !strings.Contains(tb.msg, tc.want) {
				t.Errorf("without %s: Require = %v, skipped %v, failed %v: %s", cpython.RequireEnv, r, tb.skipped, tb.failed, tb.msg)
			}
			t.Setenv(cpython.RequireEnv, "1")
			tb = &fakeTB{}
			if r := Require(tb); r != nil || tb.skipped || !tb.failed || !strings.Contains(tb.msg, tc.want) || !strings.Contains(tb.msg, "npm install --prefix "+tc.dir) {
				t.Errorf("with %s=1: Require = %v, skipped %v, failed %v: %s", cpython.RequireEnv, r, tb.skipped, tb.failed, tb.msg)
			}
		})
	}
}

func TestDir(t *testing.T) {
	t.Setenv(DirEnv, "/some/where")
	if got := Dir(); got != "/some/where" {
		t.Errorf("Dir() = %s with %s set", got, DirEnv)
	}
	t.Setenv(DirEnv, "")
	t.Setenv("XDG_CACHE_HOME", "/cache")
	if got := Dir(); got != "/cache/buttress/ruff-wasm" {
		t.Errorf("Dir() = %s, want /cache/buttress/ruff-wasm", got)
	}
}

func TestCheck(t *testing.T) {
	r := Require(t)
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bare := write("bare.py", "\ufefftry:\n    pass\nexcept:  # é\n    pass\n")
	broken := write("broken.py", "def f(:\n")
	clean := write("clean.py", "x = 1\n")
	missing := filepath.Join(dir, "missing.py")
	paths := []string{bare, broken, clean, missing, bare}
	settings := map[string]any{"lint": map[string]any{"select": []string{"E722"}}}
	for _, workers := range []int{2} {
		got, err := r.Check(settings, paths, workers)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(paths) {
			t.Fatalf("%d workers: %d results for %d files", workers, len(got), len(paths))
		}
		for i, f := range got {
			if f.Path != paths[i] {
				t.Errorf("%d workers: result %d is for %s, want %s", workers, i, f.Path, paths[i])
			}
		}
		want := []Diagnostic{{Code: "E722", Message: "Do not use bare `except`", Row: 3, Column: 1, EndRow: 3, EndColumn: 7}}
		if !reflect.DeepEqual(got[0].Diagnostics, want) || !reflect.DeepEqual(got[4].Diagnostics, want) || got[0].Error != "" {
			t.Errorf("%d workers: bare.py: %+v, want %+v", workers, got[0], want)
		}
		if len(got[1].Diagnostics) == 0 || got[1].Diagnostics[0].Code != SyntaxError {
			t.Errorf("%d workers: broken.py: %+v, want a %s diagnostic", workers, got[1], SyntaxError)
		}
		if len(got[2].Diagnostics) != 0 || got[2].Error != "" {
			t.Errorf("%d workers: clean.py: %+v, want nothing", workers, got[2])
		}
		if got[3].Error == "" || !strings.Contains(got[3].Error, "ENOENT") {
			t.Errorf("%d workers: missing.py: %+v, want an error", workers, got[3])
		}
	}
	if _, err := r.Check(map[string]any{"lint": map[string]any{"select": []string{"NOPE999"}}}, paths, 1); err == nil || !strings.Contains(err.Error(), "NOPE999") {
		t.Errorf("an unknown rule selected: err = %v, want Ruff's complaint naming it", err)
	}
	if got, err := r.Check(settings, nil, 2); err != nil || len(got) != 0 {
		t.Errorf("no files: %v, %v", got, err)
	}
}

// TestCheckWithoutLiftoffOnly checks that a node that rejects --liftoff-only still runs Ruff.
func TestCheckWithoutLiftoffOnly(t *testing.T) {
	r := Require(t)
	dir := t.TempDir()
	fake := filepath.Join(dir, "node")
	script := "#!/bin/sh\nif [ \"$1\" = " + liftoffOnly + " ]; then echo \"$0: bad option: $1\" >&2; exit 9; fi\nexec " + r.Node + " \"$@\"\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "x.py")
	if err := os.WriteFile(src, []byte("try:\n    pass\nexcept:\n    pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	defer noLiftoffOnly.Store(false)
	got, err := (&Ruff{Node: fake, Pkg: r.Pkg}).Check(map[string]any{"lint": map[string]any{"select": []string{"E722"}}}, []string{src}, 1)
	if err != nil || len(got) != 1 || len(got[0].Diagnostics) != 1 {
		t.Fatalf("Check with a node without %s: %+v, %v", liftoffOnly, got, err)
	}
	if !noLiftoffOnly.Load() {
		t.Errorf("the bad option was not remembered")
	}
}
