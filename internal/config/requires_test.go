package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRequiresPython(t *testing.T) {
	cases := []struct {
		spec string
		want string // the target version
	}{
		{`requires-python = ">=3.10"`, "3.10"},
		{`requires-python = ">=3.9, <4"`, "3.9"},
		{`requires-python = "~=3.11"`, "3.11"},
		{`requires-python = "==3.12.*"`, "3.12"},
		{`requires-python = ">= 3.8.1"`, "3.8"},
		{`requires-python = ">=3.6"`, "3.8"},   // below what buttress supports
		{`requires-python = ">=3.20"`, "3.14"}, // above it
		{`requires-python = "<3.12"`, DefaultTargetVersion},
		{`requires-python = ">=2.7"`, DefaultTargetVersion},
		{`requires-python = "nonsense"`, DefaultTargetVersion},
		{`name = "x"`, DefaultTargetVersion},
	}
	for _, c := range cases {
		// With a [tool.buttress] table, without one (found as the project's pyproject.toml),
		// and with target-version set, which wins.
		for _, table := range []string{"\n[tool.buttress]\n", "", "\n[tool.buttress]\ntarget-version = \"3.11\"\n"} {
			dir := t.TempDir()
			data := "[project]\n" + c.spec + "\n" + table
			if err := os.WriteFile(filepath.Join(dir, PyprojectTOML), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := Discover(dir)
			if err != nil {
				t.Fatalf("%q: %v", data, err)
			}
			want := c.want
			if table != "" && table != "\n[tool.buttress]\n" {
				want = "3.11"
			}
			if cfg.TargetVersion != want {
				t.Errorf("%q: target version %s, want %s", data, cfg.TargetVersion, want)
			}
		}
	}
}
