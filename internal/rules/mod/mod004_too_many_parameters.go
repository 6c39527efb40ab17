package mod

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooManyParameters reports functions with more parameters than the threshold.
var TooManyParameters = &analysis.Rule{
	Code: "MOD004", Name: "too-many-parameters", Default: true,
	Equivalents: []string{"PLR0913", "PLR0917"},
	Summary:     "A function with more parameters than the threshold (default 5, not counting self/cls)",
	Rationale: "Many parameters mean callers must know many things, and positional calls are easy " +
		"to get wrong. Group the ones that travel together into a dataclass, or split the function.",
	Bad:     "def charge(amount, currency, customer, card, idempotency_key, description):\n    ...\n",
	Good:    "def charge(request: ChargeRequest):\n    ...\n",
	Options: &Max{Max: 5},
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		for i := range m.Functions {
			f := &m.Functions[i]
			if f.ParametersNoSelf > limit(p) {
				reportFunction(p, f, fmt.Sprintf("`%s` takes %d parameters (more than %d): group them in a dataclass or split the function", f.Name, f.ParametersNoSelf, limit(p)))
			}
		}
	},
}
