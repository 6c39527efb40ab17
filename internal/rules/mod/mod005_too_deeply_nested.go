package mod

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooDeeplyNested reports functions nested deeper than the threshold.
var TooDeeplyNested = &analysis.Rule{
	Code: "MOD005", Name: "too-deeply-nested",
	Equivalents: []string{"PLR1702"},
	NotIn:       analysis.Generated,
	Summary:     "Compound statements nested deeper than the threshold (default 5, as pylint and Ruff) in a function",
	Rationale: "Every level of nesting is a condition the reader must keep in mind. Return early, " +
		"invert conditions, and extract inner blocks into functions. " +
		"Off by default: nesting is one of the costs cognitive complexity (MOD002) counts, and how deep is too deep is a team's call.",
	Bad:     "def f(xs):\n    for x in xs:\n        if x:\n            with open(x) as fh:\n                for line in fh:\n                    if line:\n                        while line:\n                            line = line[1:]\n",
	Good:    "def f(xs):\n    for x in xs:\n        if x:\n            print_lines(x)\n",
	Options: &Max{Max: 5},
	Check:   checkMax,
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		for i := range m.Functions {
			f := &m.Functions[i]
			if f.Nesting > limit(p) {
				reportFunction(p, f, fmt.Sprintf("`%s` nests %d levels deep (more than %d): return early or extract the inner blocks", f.Name, f.Nesting, limit(p)))
			}
		}
	},
}
