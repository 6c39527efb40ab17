package mypyconfig

import (
	"strings"
	"testing"
	"time"
)

// FuzzParse reads arbitrary bytes as mypy.ini, setup.cfg and pyproject.toml, and asks which
// modules must be annotated, a deep one among them. Nothing may panic, and an answer may
// not take long whatever the patterns (a pattern with many * against a module with many
// parts).
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"[mypy]\nstrict = True\n",
		"[mypy]\ndisallow_untyped_defs = True\n\n[mypy-app.legacy.*]\ndisallow_untyped_defs = False\n\n[mypy-app.legacy.billing]\ndisallow_untyped_defs = True\n\n[mypy-app.vendor.*, other.*]\nignore_errors = yes\n",
		"[metadata]\nname = x\n",
		"[tool.mypy]\nstrict = true\n\n[[tool.mypy.overrides]]\nmodule = [\"app.scripts.*\", \"app.*.migrations.*\"]\ndisallow_untyped_defs = false\n",
		"[tool.mypy]\npython_version = \"3.11\"\n\n[[tool.mypy.overrides]]\nmodule = \"app.domain.*\"\ndisallow_untyped_defs = true\n",
		"[tool.mypy\n",
		"[mypy]\nstrict = maybe\n[mypy-]\n[mypy-,,]\nignore_errors = 1\n  continued\n",
		// Many wildcards against a deep module: exponential with naive backtracking.
		"[mypy]\nstrict = True\n[mypy-" + strings.Repeat("*.", 30) + "nomatch]\ndisallow_untyped_defs = False\n",
		"[[tool.mypy.overrides]]\nmodule = \"" + strings.Repeat("*.a.", 20) + "b\"\ndisallow_untyped_defs = true\n",
	} {
		f.Add([]byte(seed))
	}
	deep := strings.TrimSuffix(strings.Repeat("a.", 60), ".")
	modules := []string{"app", "app.api", "app.legacy.billing", "other", deep, "a", ""}
	f.Fuzz(func(t *testing.T, data []byte) {
		var configs []*Config
		for _, own := range []bool{true, false} {
			if c, err := parseINI(data, own); err == nil {
				configs = append(configs, c)
			}
		}
		if c, err := parseTOML(data); err == nil {
			configs = append(configs, c)
		}
		for _, c := range configs {
			start := time.Now()
			for _, m := range modules {
				_ = c.RequiresAnnotations(m)
			}
			if d := time.Since(start); d > time.Second {
				t.Fatalf("RequiresAnnotations took %v", d)
			}
		}
	})
}
