package config

import (
	"bytes"
	"errors"
	"strconv"
	"testing"
)

// FuzzLoad reads arbitrary bytes as a pyproject.toml and as a buttress.toml, then decodes
// the configuration's table into a struct with every kind of field. It must never panic, and
// every error must be an *Error naming the file with a position inside it. Seeds are in
// testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(laterDoc))
	f.Add([]byte("[tool.buttress]\nsource-roots = [\"src\", \"packages/*/src\"]\ntarget-version = \"py312\"\n"))
	// The cases of issue 10: requires-python that does not parse (and forms that do), source
	// roots outside the project, per-file-ignores globs that do not parse, keys with dots.
	f.Add([]byte("[project]\nrequires-python = \">=3.8 <4\"\n[tool.buttress]\n"))
	f.Add([]byte("[project]\nrequires-python = \" >= v3.9.0rc1 , !=3.10.*, ===foo, ~=1!3.11.post2.dev3, ==3.12+local,\"\n"))
	f.Add([]byte("[project]\nrequires-python = 3.8\n"))
	f.Add([]byte("[tool.buttress]\nsource-roots = [\"../../..\", \"/etc\", \"src/../..\", \"../*/src\"]\n"))
	f.Add([]byte("[tool.buttress.per-file-ignores]\n\"tests/[a.py\" = [\"MOD\"]\n\"\" = []\n\"a.b\\\"c[0]\" = [\"TYP\"]\n"))
	f.Add([]byte("[tool.buttress.rules.too-complex]\nmax = -1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		check := func(err error) {
			t.Helper()
			if err == nil {
				return
			}
			var list ErrorList
			if !errors.As(err, &list) {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %T is not an *Error: %v", err, err)
				}
				list = ErrorList{e}
			}
			for _, e := range list {
				if e.File != "f.toml" || e.Line < 0 || e.Line > lines || e.Col < 0 || e.Msg == "" {
					t.Fatalf("bad error %+v for %d lines", e, lines)
				}
				_ = e.Error()
			}
		}
		for _, pyproject := range []bool{true, false} {
			c, err := Parse(data, "f.toml", "", pyproject)
			check(err)
			if err != nil {
				continue
			}
			if major, minor := c.PythonVersion(); major != 3 || minor < MinMinor || minor > MaxMinor {
				t.Fatalf("version %d.%d from %q", major, minor, c.TargetVersion)
			}
			_ = c.ExcludePatterns()
			var everything later
			check(c.Decode("", &everything))
			var contracts []contract
			check(c.Decode("contracts", &contracts))
			var opts map[string]ruleOptions
			check(c.Decode("rules", &opts))
			var anything any
			check(c.Decode("", &anything))
			_ = c.IsSet("rules.x[0].y")
			check(c.Errorf("contracts[0].name[3]", "x"))
			// Keys as the CLI writes them, with quoted globs, and as anything at all.
			for glob := range c.PerFileIgnores {
				check(c.Errorf("per-file-ignores."+strconv.Quote(glob)+"[0]", "x"))
			}
			check(c.Errorf(string(data[:min(len(data), 40)]), "x"))
			// Parsed with no root, source roots are judged by their text.
			for _, r := range c.SourceRoots {
				if why := Outside("", r); why != "" {
					t.Fatalf("source root %q %s, and no error", r, why)
				}
			}
		}
	})
}
