package hostile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWriteHostile writes every hostile input, at the sizes the measurements use, into the
// directory BUTTRESS_HOSTILE_DIR names (skipped without it).
func TestWriteHostile(t *testing.T) {
	dir := os.Getenv("BUTTRESS_HOSTILE_DIR")
	if dir == "" {
		t.Skip("set BUTTRESS_HOSTILE_DIR to write the hostile inputs there")
	}
	for _, n := range []int{16000, 24000, 200000} {
		if err := Ring(filepath.Join(dir, "ring-"+strconv.Itoa(n)), n); err != nil {
			t.Fatal(err)
		}
	}
	const big = "max-file-size = \"1GB\"\n"
	for _, c := range []struct{ name, text, extra string }{
		{"short-10mb", ShortStatements(10 << 20), ""},
		{"short-50mb", ShortStatements(50 << 20), big},
		{"short-50mb-default", ShortStatements(50 << 20), ""},
		{"assign-50mb", Assignments(50 << 20), big},
		{"indent-100", Indented(100), ""},
	} {
		if err := WriteFile(filepath.Join(dir, c.name), "big.py", c.text, c.extra); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGenerators(t *testing.T) {
	dir := t.TempDir()
	if err := Ring(dir, 3); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "p", "m2.py")); string(b) != "import p.m0\n" {
		t.Errorf("the last module of the ring imports %q", b)
	}
	if s := ShortStatements(10); s != "a\na\na\na\na\n" {
		t.Errorf("ShortStatements(10) = %q", s)
	}
	if s := Assignments(10); !strings.HasPrefix(s, "x0 = 0\nx1 = 1\n") || len(s) < 10 {
		t.Errorf("Assignments(10) = %q", s)
	}
	if s := Indented(2); s != "if x:\n if x:\n  pass\n" {
		t.Errorf("Indented(2) = %q", s)
	}
}
