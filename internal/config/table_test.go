package config

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	data := []byte(`[project]
name = "x"

[tool.tach]
source_roots = ["src"]
exclude = 3

[[tool.tach.modules]]
path = "a"
depends_on = ["b"]

[[tool.tach.modules]]
path = "b"
dependson = []
`)
	tb, err := ParseTable(data, "pyproject.toml", "tool.tach")
	if err != nil {
		t.Fatal(err)
	}
	if !tb.IsSet() || !tb.IsSet("modules[1].path") || tb.IsSet("layers") {
		t.Errorf("IsSet wrong")
	}
	keys, err := tb.Keys("")
	if err != nil || strings.Join(keys, ",") != "exclude,modules,source_roots" {
		t.Errorf("Keys = %v, %v", keys, err)
	}
	if n, ok := tb.Len("modules"); n != 2 || !ok {
		t.Errorf("Len = %d %v", n, ok)
	}
	if l := tb.Line("modules[1]"); l != 12 {
		t.Errorf("Line(modules[1]) = %d, want 12", l)
	}
	if l := tb.Line("modules[0].depends_on"); l != 10 {
		t.Errorf("Line(modules[0].depends_on) = %d, want 10", l)
	}
	type module struct {
		Path      string   `toml:"path"`
		DependsOn []string `toml:"depends_on"`
	}
	var m module
	if err := tb.Decode("modules[0]", &m); err != nil || m.Path != "a" || len(m.DependsOn) != 1 {
		t.Errorf("Decode = %+v, %v", m, err)
	}
	err = tb.Decode("modules[1]", &m)
	if err == nil || !strings.Contains(err.Error(), `pyproject.toml:14:1: [tool.tach.modules] unknown key "dependson" (did you mean "depends_on"?)`) {
		t.Errorf("Decode with a typo: %v", err)
	}
	var roots struct {
		Exclude []string `toml:"exclude"`
	}
	if err := tb.Decode("", &roots); err == nil || !strings.Contains(err.Error(), "pyproject.toml:6:11:") {
		t.Errorf("Decode of a wrong type: %v", err)
	}
	if e := tb.Errorf("modules[0].depends_on[0]", "no module %q", "b"); !strings.HasPrefix(e.Error(), "pyproject.toml:10:15:") {
		t.Errorf("Errorf = %v", e)
	}
	absent, err := ParseTable([]byte("[tool.other]\n"), "pyproject.toml", "tool.tach")
	if err != nil || absent.IsSet() {
		t.Errorf("absent table: %v %v", absent.IsSet(), err)
	}
}
