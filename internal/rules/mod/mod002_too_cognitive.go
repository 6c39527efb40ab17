package mod

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooCognitive reports functions whose cognitive complexity is above the threshold.
var TooCognitive = &analysis.Rule{
	Code: "MOD002", Name: "too-cognitive", Default: true,
	NotIn:       analysis.Generated,
	Equivalents: []string{"CCR001"},
	Summary:     "Cognitive complexity above the threshold (default 15), as SonarSource defines it",
	Rationale: "Cognitive complexity measures how hard a function is to read: each break in the " +
		"linear flow costs, and costs more the deeper it is nested. Flatten it: return early, " +
		"extract nested blocks into named functions.",
	Bad:     "def f(items, a, b):\n    for i in items:\n        if i:\n            for j in i:\n                if j and a or b:\n                    while j:\n                        if j > 1:\n                            try:\n                                j -= 1\n                            except ValueError:\n                                break\n",
	Good:    "def f(items, a, b):\n    for i in items:\n        drain(i, a, b)\n",
	Options: &Max{Max: 15},
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		for i := range m.Functions {
			f := &m.Functions[i]
			if f.Cognitive > limit(p) {
				reportFunction(p, f, fmt.Sprintf("`%s` has a cognitive complexity of %d (more than %d): flatten it or split it", f.Name, f.Cognitive, limit(p)))
			}
		}
	},
}
