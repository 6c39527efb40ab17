// Package hostile is test support: it writes the inputs that once made buttress quadratic or
// made it hold gigabytes, at any size, so that benchmarks and measurements of the built binary
// can build them in a temporary directory instead of committing large files.
//
// To measure the binary on them, write them somewhere with
//
//	BUTTRESS_HOSTILE_DIR=/tmp/hostile go test -run TestWriteHostile ./internal/hostile
//
// and run, for example, `/usr/bin/time -v buttress check /tmp/hostile/ring-200000`.
package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Ring writes a project of n modules p.m0 ... p.m<n-1> in dir, each importing the next and
// the last the first: one import cycle through every module. Its pyproject.toml declares an
// acyclic contract on p.
func Ring(dir string, n int) error {
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"pyproject.toml": "[tool.buttress]\n\n[[tool.buttress.contracts]]\nname = \"p acyclic\"\ntype = \"acyclic\"\npackages = [\"p\"]\n",
		"p/__init__.py":  "",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	for i := range n {
		text := "import p.m" + strconv.Itoa((i+1)%n) + "\n"
		if err := os.WriteFile(filepath.Join(dir, "p", "m"+strconv.Itoa(i)+".py"), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ShortStatements is size bytes of the shortest statement, a name on its own line ("a\n"):
// the most nodes and tokens a file can hold per byte.
func ShortStatements(size int) string { return strings.Repeat("a\n", size/2) }

// Assignments is about size bytes of short assignments ("x1 = 2\n"), as in a generated data
// module.
func Assignments(size int) string {
	var b strings.Builder
	b.Grow(size + 16)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "x%d = %d\n", i%1000, i%100)
	}
	return b.String()
}

// Indented is a file whose blocks nest depth levels deep, each level an `if x:` indented by
// one more space, with a statement at the deepest level.
func Indented(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", depth) + "pass\n")
	return b.String()
}

// WriteFile writes text to dir/name in a project of its own (a pyproject.toml with an empty
// [tool.buttress], and extra as its keys when not empty).
func WriteFile(dir, name, text, extra string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.buttress]\n"+extra), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
}
