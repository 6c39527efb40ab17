package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.toml": "x = 1\n", "empty.toml": "", "sub/dir.toml/inside": ""})

	data, err := ReadFile(filepath.Join(dir, "a.toml"))
	if err != nil || string(data) != "x = 1\n" {
		t.Errorf("regular file: %q, %v", data, err)
	}
	data, err = ReadFile(filepath.Join(dir, "empty.toml"))
	if err != nil || len(data) != 0 {
		t.Errorf("empty file: %q, %v", data, err)
	}
	big := strings.Repeat("# a comment line\n", 100000)
	if err := os.WriteFile(filepath.Join(dir, "big.toml"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err = ReadFile(filepath.Join(dir, "big.toml")); err != nil || string(data) != big {
		t.Errorf("big file: %d bytes, %v", len(data), err)
	}

	for _, tt := range []struct {
		name, want string
		notExist   bool
	}{
		{"missing.toml", "missing.toml: does not exist", true},
		{"a.toml/below", "a.toml/below: does not exist (a part of its path is not a directory)", true},
		{"sub/dir.toml", "sub/dir.toml: is a directory, not a file", false},
	} {
		_, err := ReadFile(filepath.Join(dir, tt.name))
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("%s: %T %v, want a *FileError", tt.name, err, err)
		}
		if got := strings.TrimPrefix(filepath.ToSlash(err.Error()), filepath.ToSlash(dir)+"/"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if errors.Is(err, fs.ErrNotExist) != tt.notExist {
			t.Errorf("%s: errors.Is(err, fs.ErrNotExist) = %v", tt.name, !tt.notExist)
		}
		if IsNotRegular(err) == tt.notExist {
			t.Errorf("%s: IsNotRegular = %v", tt.name, tt.notExist)
		}
	}
}

func TestFileErrorShown(t *testing.T) {
	for _, tt := range []struct {
		path, dir, shown, want string
	}{
		{"/p/tach.toml", "", "tach.toml", "tach.toml"},
		{"/p/tach.toml", "/p", "tach.toml", "."},
		{"/p/tach.toml", "/", "tach.toml", ".."},
		{"/p/a/b/tach.domain.toml", "/p/a", "a/b/tach.domain.toml", "a"},
		{"/w/proj/pyproject.toml", "/w/proj", "../proj/pyproject.toml", "../proj"},
	} {
		e := &FileError{Path: filepath.FromSlash(tt.path), Dir: filepath.FromSlash(tt.dir)}
		if got := filepath.ToSlash(e.Shown(filepath.FromSlash(tt.shown))); got != tt.want {
			t.Errorf("Shown(%q) with %s at fault = %q, want %q", tt.shown, tt.dir, got, tt.want)
		}
	}
}

func TestReadIfExists(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"tach.toml/x": "", "setup.cfg": "[x]\n"})
	if data, err := ReadIfExists(dir, "missing.cfg", "x"); data != nil || err != nil {
		t.Errorf("missing: %q, %v", data, err)
	}
	if data, err := ReadIfExists(dir, "setup.cfg", "x"); string(data) != "[x]\n" || err != nil {
		t.Errorf("present: %q, %v", data, err)
	}
	_, err := ReadIfExists(dir, "tach.toml", "tach's configuration")
	if err == nil || err.Error() != "tach.toml: is a directory, not a file (buttress reads tach's configuration from it)" {
		t.Errorf("directory: %v", err)
	}
}

func TestDiscoverNotAFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"q/buttress.toml/x": "", "q/pyproject.toml": "[tool.buttress]\n"})
	t.Chdir(dir)
	_, err := Discover("q")
	if err == nil || err.Error() != filepath.Join("q", "buttress.toml")+": is a directory, not a file (buttress reads its configuration from it)" {
		t.Errorf("got %v", err)
	}
	_, err = Load("q/buttress.toml")
	if err == nil || err.Error() != filepath.Join("q", "buttress.toml")+": is a directory, not a file (given with --config)" {
		t.Errorf("Load: got %v", err)
	}
	if _, err = Load(""); err == nil {
		t.Errorf("Load(\"\"): no error")
	}
}

func TestDiscoverShadowed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"both/buttress.toml":      "target-version = \"3.11\"\n",
		"both/pyproject.toml":     "[tool.buttress]\ntarget-version = \"3.9\"\n",
		"other/buttress.toml":     "",
		"other/pyproject.toml":    "[tool.ruff]\n",
		"broken/buttress.toml":    "",
		"broken/pyproject.toml":   "[tool.buttress\n",
		"nested/buttress.toml":    "",
		"nested/a/pyproject.toml": "[tool.buttress]\n",
	})
	t.Chdir(dir)
	c, err := Discover("both")
	if err != nil {
		t.Fatal(err)
	}
	want := "buttress.toml and [tool.buttress] in pyproject.toml are both in both: buttress.toml is used and [tool.buttress] is ignored (settings are never merged): move what it sets into buttress.toml and delete it"
	if c.TargetVersion != "3.11" || len(c.Warnings) != 1 || c.Warnings[0] != want {
		t.Errorf("got %s, %q", c.TargetVersion, c.Warnings)
	}
	for _, d := range []string{"other", "broken"} {
		c, err := Discover(d)
		if err != nil || len(c.Warnings) != 0 {
			t.Errorf("%s: %v, %q", d, err, c.Warnings)
		}
	}
	// Below: the closest file wins, and there is nothing to warn about.
	c, err = Discover("nested/a")
	if err != nil || !strings.HasSuffix(c.File, filepath.Join("a", "pyproject.toml")) || len(c.Warnings) != 0 {
		t.Errorf("nested: %v, %v", c, err)
	}
}
