package mod

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooComplex reports functions whose cyclomatic complexity is above the threshold.
var TooComplex = &analysis.Rule{
	Code: "MOD001", Name: "too-complex",
	NotIn:       analysis.Generated,
	Equivalents: []string{"C901"},
	Summary:     "Cyclomatic complexity above the threshold (default 10), computed as mccabe does",
	Rationale: "Cyclomatic complexity counts the independent paths through a function: each one " +
		"needs a test, and each is a place for a bug to hide. It is computed exactly as mccabe " +
		"(flake8's and Ruff's C901) computes it, so numbers match the tools a team already uses. " +
		"Split the function: extract the branches into functions with names that say what they decide. " +
		"Off by default, as every complexity rule: how complex is too complex is a team's call (MOD002 gives the measurements).",
	Bad:     "def route(kind, a, b):\n    if kind == 1:\n        return a\n    elif kind == 2:\n        return b\n    elif kind == 3:\n        return a + b\n    elif kind == 4:\n        return a - b\n    elif kind == 5:\n        return a * b\n    elif kind == 6:\n        return a / b\n    elif kind == 7:\n        return a % b\n    elif kind == 8:\n        return a ** b\n    elif kind == 9:\n        return a // b\n    elif kind == 10:\n        return -a\n    return None\n",
	Good:    "OPS = {1: lambda a, b: a, 2: lambda a, b: b}\n\ndef route(kind, a, b):\n    op = OPS.get(kind)\n    return op(a, b) if op else None\n",
	Options: &Max{Max: 10},
	Check:   checkMax,
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		for i := range m.Functions {
			f := &m.Functions[i]
			if f.Cyclomatic > limit(p) {
				reportFunction(p, f, fmt.Sprintf("`%s` has a cyclomatic complexity of %d (more than %d): split it", f.Name, f.Cyclomatic, limit(p)))
			}
		}
	},
}
