package mod

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// TooManyMethods reports classes with more methods than the threshold.
var TooManyMethods = &analysis.Rule{
	Code: "MOD008", Name: "too-many-methods", Default: true,
	Equivalents: []string{"PLR0904"},
	Summary:     "A class with more methods than the threshold (default 20)",
	Rationale: "A class with many methods has many reasons to change and many callers that " +
		"depend on parts of it they do not use. Split it by responsibility.",
	Bad:     "class Repository:\n" + strings.Repeat("    def m(self): ...\n", 21),
	Good:    "class Repository:\n    def get(self, id): ...\n    def add(self, item): ...\n",
	Options: &Max{Max: 20},
	Run: func(p *analysis.Pass) {
		ast.Inspect(p.Tree, func(n ast.Node) bool {
			c, ok := n.(*ast.ClassDef)
			if !ok {
				return true
			}
			methods := 0
			for _, s := range c.Body {
				switch s.(type) {
				case *ast.FunctionDef, *ast.AsyncFunctionDef:
					methods++
				}
			}
			if methods > limit(p) {
				p.ReportRange(c.Pos(), c.Pos()+len("class ")+len(c.Name), fmt.Sprintf("class `%s` has %d methods (more than %d): split it by responsibility", c.Name, methods, limit(p)))
			}
			return true
		})
	},
}
