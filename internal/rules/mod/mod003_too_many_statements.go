package mod

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooManyStatements reports functions with more statements than the threshold.
var TooManyStatements = &analysis.Rule{
	Code: "MOD003", Name: "too-many-statements",
	NotIn:       analysis.Generated,
	Equivalents: []string{"PLR0915"},
	Summary:     "A function with more statements than the threshold (default 50), counted as pylint does",
	Rationale: "A long function does several things, and its parts share local state that no " +
		"signature describes. Extract the steps into functions whose names tell the story. " +
		"Off by default: a long function that reads from top to bottom is not a defect by itself.",
	Bad:     "def setup():\n" + strings.Repeat("    step()\n", 51),
	Good:    "def setup():\n    configure()\n    connect()\n    migrate()\n",
	Options: &Max{Max: 50},
	Check:   checkMax,
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		for i := range m.Functions {
			f := &m.Functions[i]
			if f.Statements > limit(p) {
				reportFunction(p, f, fmt.Sprintf("`%s` has %d statements (more than %d): extract its steps into functions", f.Name, f.Statements, limit(p)))
			}
		}
	},
}
