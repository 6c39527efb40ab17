package mod

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// GlobalStatement reports the `global` statement.
var GlobalStatement = &analysis.Rule{
	Code: "MOD006", Name: "global-statement",
	NotIn:       analysis.Generated,
	Equivalents: []string{"PLW0603"},
	Summary:     "A `global` statement",
	Rationale: "A function that rebinds a module global has a hidden input and a hidden output: " +
		"its behaviour depends on call order, tests interfere with each other, and threads race. " +
		"Pass the value in and return it, or keep the state in an object. " +
		"Off by default: on the standard library and site-packages, most findings were the lazy initialisation of a module-level cache or a one-time flag, an accepted idiom.",
	Bad:   "_settings = None\n\ndef settings():\n    global _settings\n    ...\n",
	Good:  "@functools.cache\ndef settings() -> Settings:\n    return Settings.from_env()\n",
	Nodes: []ast.Node{(*ast.Global)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		if g, ok := n.(*ast.Global); ok {
			p.Report(g, "`global %s` makes this function depend on and change module state: pass values in and out instead", strings.Join(g.Names, ", "))
		}
		return true
	},
}
