package mod

import (
	"fmt"

	"github.com/buttresspy/buttress/internal/analysis"
)

// TooCognitive reports functions whose cognitive complexity is above the threshold.
var TooCognitive = &analysis.Rule{
	Code: "MOD002", Name: "too-cognitive",
	NotIn:       analysis.Generated,
	Equivalents: []string{"CCR001"},
	Summary:     "Cognitive complexity, as SonarSource defines it, above the threshold (default 15)",
	Rationale: "Cognitive complexity measures how hard a function is to read: each break in the " +
		"linear flow costs, and costs more the deeper it is nested. Flatten it: return early, " +
		"extract nested blocks into named functions. Off by default: how complex is too complex is " +
		"a team's call. Reviewers who read 110 functions of the standard library and site-packages " +
		"blind (without their scores) asked for a split of one in three above SonarSource's 15, " +
		"about half above 40, and nearly all above 50; no threshold reached the 80% that a rule on " +
		"by default must reach in every sample.",
	Bad:     "def sync(orders, stock, notify):\n    for order in orders:\n        if order.paid:\n            for line in order.lines:\n                if line.sku in stock and not line.backordered:\n                    while line.remaining:\n                        if stock[line.sku] > 0:\n                            try:\n                                stock[line.sku] -= 1\n                                line.remaining -= 1\n                            except KeyError:\n                                if notify:\n                                    notify(order, line)\n                                break\n                        elif line.allow_partial or order.priority:\n                            line.backordered = True\n                            break\n                        else:\n                            for other in orders:\n                                if other is not order and other.holds(line.sku):\n                                    other.release(line.sku)\n        elif order.cancelled:\n            for line in order.lines:\n                if line.reserved:\n                    stock[line.sku] += line.reserved\n",
	Good:    "def sync(orders, stock, notify):\n    for order in orders:\n        if order.paid:\n            allocate(order, stock, notify)\n        elif order.cancelled:\n            release(order, stock)\n",
	Options: &Max{Max: 15},
	Check:   checkMax,
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
