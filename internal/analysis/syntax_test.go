package analysis_test

import (
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestSyntaxRuleExamples checks SYN001's examples: the bad one does not parse, the good one
// does.
func TestSyntaxRuleExamples(t *testing.T) {
	r := analysis.SyntaxRule
	if res := parser.ParseString(r.Bad, parser.Options{}); len(res.Errors) == 0 {
		t.Errorf("the bad example of %s parses:\n%s", r.Code, r.Bad)
	}
	if res := parser.ParseString(r.Good, parser.Options{}); len(res.Errors) != 0 {
		t.Errorf("the good example of %s does not parse: %v\n%s", r.Code, res.Errors[0], r.Good)
	}
}
