package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutside(t *testing.T) {
	outside := t.TempDir()
	dir := t.TempDir()
	root := filepath.Join(dir, "proj")
	write(t, dir, map[string]string{"proj/src/a.py": "", "proj/packages/one/src/b.py": "", "proj/lib/c.py": ""})
	for name, target := range map[string]string{
		"proj/ext":              outside,
		"proj/packages/two":     outside,
		"proj/inside":           filepath.Join(root, "src"),
		"proj/packages/dangles": filepath.Join(dir, "nowhere"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	realOutside, _ := filepath.EvalSymlinks(outside)
	for _, tt := range []struct{ pattern, want string }{
		{".", ""},
		{"src", ""},
		{"src/../lib", ""},
		{"inside", ""},
		{"missing", ""},
		{"packages/*/src", ""},
		{root, ""},
		{filepath.Join(root, "src"), ""},
		{"..", "is outside the project root, " + root},
		{"../../..", "is outside the project root, " + root},
		{"src/../..", "is outside the project root, " + root},
		{"../proj2", "is outside the project root, " + root},
		{"/etc", "is outside the project root, " + root},
		{"../*/src", "is outside the project root, " + root},
		{"ext", "leads outside the project root, " + root + ", through a symbolic link to " + realOutside},
		{"ext/sub", ""}, // does not exist: judged by its text
		{"packages/*", "matches " + displayPath(filepath.Join(root, "packages", "two")) + ", which leads outside the project root, " + root + ", through a symbolic link to " + realOutside},
	} {
		if got := Outside(root, tt.pattern); got != tt.want {
			t.Errorf("Outside(%q):\n got %q\nwant %q", tt.pattern, got, tt.want)
		}
	}
	for pattern, want := range map[string]string{
		"src":     "",
		"a/../b":  "",
		"..":      "is outside the project root",
		"a/../..": "is outside the project root",
		"/etc":    "is an absolute path (write it relative to the project root)",
	} {
		if got := Outside("", pattern); got != want {
			t.Errorf("Outside(\"\", %q) = %q, want %q", pattern, got, want)
		}
	}
}

func TestSourceRootsOutside(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"proj/pyproject.toml": "[tool.buttress]\nsource-roots = [\n  \"src\",\n  \"../../..\",\n  \"/etc\",\n]\n",
		"proj/src/a.py":       "",
	})
	t.Chdir(filepath.Join(dir, "proj"))
	_, err := Discover(".")
	root := filepath.Join(dir, "proj")
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	want := []string{
		`pyproject.toml:4:3: [tool.buttress] "source-roots": "../../.." is outside the project root, ` + root + `: buttress reads the project's files only: give a directory inside it, or check that code as a project of its own`,
		`pyproject.toml:5:3: [tool.buttress] "source-roots": "/etc" is outside the project root, ` + root + `: buttress reads the project's files only: give a directory inside it, or check that code as a project of its own`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got %v\nwant %s", err, strings.Join(want, "\n"))
	}
}
