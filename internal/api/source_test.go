package api

import (
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// TestPackageRoots: the packages of the distribution come from each build backend's
// configuration, else the project's name, else the top-level packages that are not tests.
func TestPackageRoots(t *testing.T) {
	files := []string{
		"src/shop/__init__.py", "src/shop/api.py", "src/tools/__init__.py", "lib/core/__init__.py",
		"shop_cli.py", "tests/__init__.py", "docs/conf.py", "python/fast/__init__.py",
		"other/__init__.py", "setup.py",
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f] = true
	}
	tests := []struct {
		name, pyproject string
		override        []string
		want            string
	}{
		{"override", "", []string{"other", "src/shop"}, "other@,shop@src"},
		{"override pattern", "", []string{"s*"}, "shop@src"},
		{"setuptools list", "[tool.setuptools]\npackages = [\"core\", \"core.sub\"]\npackage-dir = {\"\" = \"lib\"}\n", nil, "core@lib"},
		{"setuptools find", "[tool.setuptools.packages.find]\nwhere = [\"src\"]\nexclude = [\"tools*\"]\n", nil, "shop@src"},
		{"setuptools py-modules", "[tool.setuptools]\npy-modules = [\"shop_cli\"]\n", nil, "shop_cli@"},
		{"hatch", "[tool.hatch.build.targets.wheel]\npackages = [\"src/shop\"]\n", nil, "shop@src"},
		{"flit", "[tool.flit.module]\nname = \"shop_cli\"\n", nil, "shop_cli@"},
		{"poetry", "[tool.poetry]\npackages = [{include = \"core\", from = \"lib\"}]\n", nil, "core@lib"},
		{"pdm", "[tool.pdm.build]\npackage-dir = \"lib\"\nincludes = [\"core\"]\n", nil, "core@lib"},
		{"maturin", "[tool.maturin]\npython-source = \"python\"\nmodule-name = \"fast._native\"\n", nil, "fast@python"},
		{"project name", "[project]\nname = \"Shop\"\n", nil, "shop@src"},
		{"top level under src, not tools", "", nil, "shop@src"},
	}
	for _, tc := range tests {
		var py map[string]any
		if err := toml.Unmarshal([]byte(tc.pyproject), &py); err != nil {
			t.Fatal(tc.name, err)
		}
		var got []string
		for _, r := range packageRoots(have, py, tc.override) {
			got = append(got, r.name+"@"+r.root)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, strings.Join(got, ","), tc.want)
		}
	}
}
