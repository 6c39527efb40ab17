// Package rules lists every rule buttress has, family by family. Each rule is one file in its
// family's package (errs, mod, pat, typ), with its documentation, options and examples; its
// fixtures are in this package's testdata. The ARCH rules are the findings of architecture
// contracts, described in the contracts package.
package rules

//go:generate go run ../../tools/ruledocs -dir ../../docs/rules

import (
	"sort"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/rules/apirule"
	"github.com/buttresspy/buttress/internal/rules/bnd"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/rules/errs"
	"github.com/buttresspy/buttress/internal/rules/mod"
	"github.com/buttresspy/buttress/internal/rules/pat"
	"github.com/buttresspy/buttress/internal/rules/typ"
)

// All returns every rule, sorted by code.
func All() []*analysis.Rule {
	var all []*analysis.Rule
	all = append(all, typ.Rules()...)
	all = append(all, errs.Rules()...)
	all = append(all, mod.Rules()...)
	all = append(all, pat.Rules()...)
	all = append(all, apirule.Rules()...)
	all = append(all, bnd.Rules()...)
	all = append(all, analysis.SuppressionRules...)
	all = append(all, analysis.SyntaxRule)
	all = append(all, contracts.Rules()...)
	all = append(all, dead.Rules()...)
	sort.Slice(all, func(i, j int) bool { return all[i].Code < all[j].Code })
	return all
}

// Lookup finds a rule by code or name.
func Lookup(codeOrName string) *analysis.Rule {
	for _, r := range All() {
		if r.Code == codeOrName || r.Name == codeOrName {
			return r
		}
	}
	return nil
}
