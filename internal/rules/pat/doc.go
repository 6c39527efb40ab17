// Package pat holds the PAT rules: patterns that behave predictably at scale, in long-running
// processes and large teams.
package pat

import "github.com/buttresspy/buttress/internal/analysis"

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{DelMethod, AbstractOnlyABC, MutableDefault, StarImport, ForkWithoutFreeze, MethodCache, SwallowedCancel, DanglingTask}
}
