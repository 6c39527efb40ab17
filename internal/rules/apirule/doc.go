// Package apirule holds the API rules: contracts between the parts of a codebase written as
// data, checked across files. The breaking-change kinds of `buttress api diff` are in
// internal/api; the findings of this family's project rules are computed there too (see
// api.Drift) and reported by check.
package apirule

import "github.com/buttresspy/buttress/internal/analysis"

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{FieldTypeDrift}
}
