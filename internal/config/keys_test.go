package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitKey(t *testing.T) {
	for key, want := range map[string]path{
		"":                             nil,
		"source-roots":                 {"source-roots"},
		"rules.too-complex.max":        {"rules", "too-complex", "max"},
		"contracts[1].layers[0]":       {"contracts", index(1), "layers", index(0)},
		"a[1][2]":                      {"a", index(1), index(2)},
		"a.b[x].c":                     {"a", "b[x]", "c"},
		`per-file-ignores."*.py"[2]`:   {"per-file-ignores", "*.py", index(2)},
		`per-file-ignores."a\"b.[c]"`:  {"per-file-ignores", `a"b.[c]`},
		`"tests/**/*.py"`:              {"tests/**/*.py"},
		`per-file-ignores."unclosed.x`: {"per-file-ignores", `"unclosed`, "x"},
	} {
		if got := splitKey(key); !reflect.DeepEqual(got, want) {
			t.Errorf("splitKey(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestSelectorPositions: Errorf with a quoted glob finds the element of per-file-ignores, as
// the CLI asks for a selector that names no rule.
func TestSelectorPositions(t *testing.T) {
	src := "[tool.buttress]\nselect = [\"TYP\", \"XYZ\"]\n\n[tool.buttress.per-file-ignores]\n\"tests/*.py\" = [\"MOD\", \"NOPE\"]\n"
	c, err := Parse([]byte(src), "pyproject.toml", "", true)
	if err != nil {
		t.Fatal(err)
	}
	if e := c.Errorf("select[1]", "x"); e.Line != 2 || e.Col != 18 || e.Key != "select" {
		t.Errorf("select[1]: %v", e)
	}
	if e := c.Errorf(`per-file-ignores."tests/*.py"[1]`, "x"); e.Line != 5 || e.Col != 24 || e.Table != "tool.buttress.per-file-ignores" || e.Key != "tests/*.py" {
		t.Errorf("per-file-ignores: %+v", e)
	}
}

func TestPerFileIgnoresGlobs(t *testing.T) {
	src := "[tool.buttress.per-file-ignores]\n\"tests/[a.py\" = [\"MOD\"]\n\"\" = [\"TYP\"]\n\"ok/*.py\" = [\"TYP\"]\n"
	_, err := Parse([]byte(src), "pyproject.toml", "", true)
	want := []string{
		`pyproject.toml:2:1: [tool.buttress.per-file-ignores] "tests/[a.py" is not a valid glob (per-file-ignores maps globs of files to the rules ignored in them)`,
		`pyproject.toml:3:1: [tool.buttress.per-file-ignores] a per-file-ignores glob must not be empty`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got %v\nwant %s", err, strings.Join(want, "\n"))
	}
}
