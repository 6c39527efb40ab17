package mod

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooManyParameters reports functions with more parameters than the threshold.
var TooManyParameters = &analysis.Rule{
	Code: "MOD004", Name: "too-many-parameters",
	Equivalents: []string{"PLR0913", "PLR0917"},
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "A function with more parameters than the threshold (default 5; self, cls, *args, **kwargs and _unused not counted)",
	Rationale: "Many parameters mean callers must know many things, and positional calls are easy " +
		"to get wrong. Group the ones that travel together into a dataclass, or split the function. " +
		"Counted as Ruff's too-many-arguments counts them (PLR0913: *args, **kwargs and names that start " +
		"with an underscore are not), but without self and cls; @overload stubs and @override methods, " +
		"whose signatures are set elsewhere, are not reported. " +
		"Off by default: on the standard library and site-packages, most findings were constructors of data-holding classes and public functions with optional keyword parameters, which is API design rather than a defect.",
	Bad:     "def charge(amount, currency, customer, card, idempotency_key, description):\n    ...\n",
	Good:    "def charge(request: ChargeRequest):\n    ...\n",
	Options: &Max{Max: 5},
	Check:   checkMax,
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		for i := range m.Functions {
			f := &m.Functions[i]
			if f.Arguments > limit(p) && !f.SignatureFixed {
				reportFunction(p, f, fmt.Sprintf("`%s` takes %d parameters (more than %d): group them in a dataclass or split the function", f.Name, f.Arguments, limit(p)))
			}
		}
	},
}
