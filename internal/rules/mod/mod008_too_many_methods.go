package mod

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// TooManyMethods reports classes with more public methods than the threshold.
var TooManyMethods = &analysis.Rule{
	Code: "MOD008", Name: "too-many-methods",
	Equivalents: []string{"PLR0904"},
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "A class with more public methods than the threshold (default 20), as pylint counts them",
	Rationale: "A class with many public methods has many reasons to change and many callers that " +
		"depend on parts of it they do not use. Split it by responsibility. Methods whose name " +
		"starts with an underscore (private helpers and dunder methods) are not counted, as in " +
		"pylint's too-many-public-methods; test case classes (unittest's TestCase and its kind) are " +
		"not reported. " +
		"Off by default: on the standard library and site-packages, most classes reported implement an interface whose size is not theirs to choose (visitors, service backends, socket-like objects).",
	Bad:     "class Repository:\n" + strings.Repeat("    def m(self): ...\n", 21),
	Good:    "class Repository:\n    def get(self, id): ...\n    def add(self, item): ...\n",
	Options: &Max{Max: 20},
	Check:   checkMax,
	Nodes:   []ast.Node{(*ast.ClassDef)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		c, ok := n.(*ast.ClassDef)
		if !ok || isTestCase(c) {
			return true
		}
		methods := 0
		for _, s := range c.Body {
			switch f := s.(type) {
			case *ast.FunctionDef:
				if !strings.HasPrefix(f.Name, "_") {
					methods++
				}
			case *ast.AsyncFunctionDef:
				if !strings.HasPrefix(f.Name, "_") {
					methods++
				}
			}
		}
		if methods > limit(p) {
			p.ReportRange(c.Pos(), c.Pos()+len("class ")+len(c.Name), fmt.Sprintf("class `%s` has %d public methods (more than %d): split it by responsibility", c.Name, methods, limit(p)))
		}
		return true
	},
}

// isTestCase reports whether a class is a test case: one of its bases is named like
// unittest's TestCase (TestCase, SimpleTestCase, APITestCase, unittest.TestCase, ...).
func isTestCase(c *ast.ClassDef) bool {
	for _, b := range c.Bases {
		name := ""
		switch x := b.(type) {
		case *ast.Name:
			name = x.ID
		case *ast.Attribute:
			name = x.Attr
		}
		if strings.HasSuffix(name, "TestCase") || strings.HasSuffix(name, "Tests") || strings.HasSuffix(name, "TestMixin") {
			return true
		}
	}
	return false
}
