package mod

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
)

// ModuleTooLong reports modules longer than the threshold.
var ModuleTooLong = &analysis.Rule{
	Code: "MOD007", Name: "module-too-long",
	NotIn:   analysis.NotInTestsOrGenerated,
	Summary: "A module longer than the threshold (default 1000 lines)",
	Rationale: "A very long module holds several responsibilities, and every import of it brings " +
		"them all. Split it into a package whose modules each do one thing. " +
		"Off by default: a module's length alone says little about its design.",
	Bad:     strings.Repeat("x = 1\n", 1001),
	Good:    "x = 1\n",
	Options: &Max{Max: 1000},
	Check:   checkMax,
	Run: func(p *analysis.Pass) {
		m := fileMetrics(p)
		if m.Lines > limit(p) {
			p.ReportAt(0, "this module has %d lines (more than %d): split it into a package", m.Lines, limit(p))
		}
	},
}
