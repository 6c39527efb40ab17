package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
		{`requires-python = ">=2.7"`, "3.8"}, // the lowest Python 3 it admits is below 3.8
		{`requires-python = ">=3"`, "3.8"},
		{`requires-python = ">3.10, !=3.11.*"`, "3.10"},
		{`requires-python = "==3.12.1+local"`, "3.12"},
		{`requires-python = ">=v3.9.0rc1"`, "3.9"},
		{`requires-python = ">=1!2.0"`, DefaultTargetVersion}, // an epoch: no Python version
		{`requires-python = "===3.11"`, "3.11"},
		{`requires-python = "===anything"`, DefaultTargetVersion},
		{`requires-python = ""`, DefaultTargetVersion},
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

// TestRequiresPythonSyntax: what is a specifier set, as the packaging library (24.1, vendored
// by pip) answers for each of these.
func TestRequiresPythonSyntax(t *testing.T) {
	for _, c := range []struct {
		spec  string
		valid bool
	}{
		{">=3.8", true},
		{">= 3.8", true},
		{">=3.8,", true},
		{",", true},
		{"", true},
		{"  ", true},
		{">=3", true},
		{"~=3", false},
		{"==3.*", true},
		{"~=3.*", false},
		{">=3.*", false},
		{"==3.10.*", true},
		{"!=3.9.*", true},
		{">=3.8.0a1", true},
		{">=3.8,<4", true},
		{">=v3.8", true},
		{"^3.8", false},
		{"3.8", false},
		{">=3.8;", false},
		{">=3.8 <4", false},
		{"===foo", true},
		{"=== foo bar", false},
		{">=1!3.8", true},
		{">=3.8+local", false},
		{"==3.8+local", true},
		{"==3.8.*+local", false},
		{">=3.8.post1", true},
		{">=3.8-1", true},
		{">=3.8.dev0", true},
		{">=3.8rc1", true},
		{">=3.8-rc.1", true},
		{"> =3.8", false},
		{">=3.8 ,<4", true},
		{">=3.8, ,<4", true},
		{"python>=3.8", false},
		{">=3.8.", false},
		{">=03.08", true},
		{">= 3 . 8", false},
		{"<4 ", true},
		{">=3.8\t", true},
		{"(>=3.8)", false},
		{">=3.8 || <2", false},
		{">=3.8a", true},
		{">=3.8.a1", true},
		{">=3.8_alpha_1", true},
		{">=3.8-post-2", true},
		{">=3.8rev", true},
		{">=3.8r3", true},
		{">=3.8.pre", true},
		{">=3.8preview1", true},
		{">=3.8c1", true},
		{">=3.8.DEV", true},
		{"V3.8", false},
		{">=V3.8", true},
		{">=3.8-dev", true},
		{">=3.8+", false},
		{"==3.8+abc.def", true},
		{"==3.8+abc..def", false},
		{"==3.8+ABC", true},
		{"==3.8.*.*", false},
		{"==*", false},
		{"!=3.8+l", true},
		{"<=3.8+l", false},
		{"<3.8.*", false},
		{">3.8.*", false},
		{"<=3.8.*", false},
		{"~=3.8.*", false},
		{"~=1!3.8", true},
		{"~=3.8+l", false},
		{"~=3.8.post1", true},
		{"===3.8 ", true},
		{"===", true},
		{"== 3.8", true},
		{"==\t3.8", true},
		{" >=3.8", true},
		{">=3.8\n", true},
		{">=3.8", true},
		{">=\u00a03.8", true},
		{">=3.8\u00a0", true},
		{">=3.8a1.post2.dev3", true},
		{">=3.8post2a1", false},
		{">=1!", false},
		{">=!3", false},
		{">=3..8", false},
		{">=.3", false},
		{">=3.8.0.0.0.0.0", true},
		{">=999999999999999999999", true},
		{"===foo;bar", false},
		{"===foo)", false},
		{"===(foo", true},
		{"==3.8-1", true},
		{"==3.8.*-1", false},
		{">=3.8-1a", false},
		{">=3.8-", false},
		{">=3.8-1-1", false},
		{"=>3.8", false},
		{"=3.8", false},
		{"==3.8.*a1", false},
		{">=3.8a-1", true},
		{">=3.8alpha", true},
		{">=3.8.alpha.1", true},
		{">= 3.8 ", true},
		{"\uffa0>=3.8", false},
		{">=\uff13.8", false},
	} {
		data := "[project]\nrequires-python = " + tomlString(c.spec) + "\n"
		doc, err := parseDocument("pyproject.toml", []byte(data))
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		_, _, perr := requiresPython(doc)
		if (perr == nil) != c.valid {
			t.Errorf("%q: error %v, want valid = %v", c.spec, perr, c.valid)
		}
		if perr != nil && (perr.Line != 2 || perr.Col != 19 || perr.Table != "project" || perr.Key != "requires-python") {
			t.Errorf("%q: error at %d:%d [%s] %s", c.spec, perr.Line, perr.Col, perr.Table, perr.Key)
		}
	}
}

func TestRequiresPythonErrors(t *testing.T) {
	for spec, want := range map[string]string{
		`">=3.8 <4"`: `pyproject.toml:2:19: [project] "requires-python" = ">=3.8 <4" is not a PEP 440 version specifier: write an operator and a version, such as ">=3.10" or "~=3.11", and separate clauses with commas (">=3.10,<4")`,
		`"^3.8, <4"`: `pyproject.toml:2:19: [project] "requires-python" = "^3.8, <4" is not a PEP 440 version specifier ("^3.8" is not one): write an operator and a version, such as ">=3.10" or "~=3.11", and separate clauses with commas (">=3.10,<4")`,
		`3.8`:        `pyproject.toml:2:19: [project] "requires-python" must be a string, not a float`,
	} {
		data := "[project]\nrequires-python = " + spec + "\n[tool.buttress]\n"
		_, err := Parse([]byte(data), "pyproject.toml", "/p", true)
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", spec, err, want)
		}
		// Without [tool.buttress] too: the file is still read for the target version.
		data = "[project]\nrequires-python = " + spec + "\n"
		if _, err := Parse([]byte(data), "pyproject.toml", "/p", true); err == nil || err.Error() != want {
			t.Errorf("%s without [tool.buttress]: %v", spec, err)
		}
		// A buttress.toml has no [project] of its own to read.
		if _, err := Parse([]byte(data), "buttress.toml", "/p", false); err != nil && !strings.Contains(err.Error(), "unknown key") {
			t.Errorf("%s in buttress.toml: %v", spec, err)
		}
	}
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
