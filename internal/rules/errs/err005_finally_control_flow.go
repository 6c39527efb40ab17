package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// FinallyControlFlow reports return, break and continue inside finally.
var FinallyControlFlow = &analysis.Rule{
	Code: "ERR005", Name: "finally-control-flow", Default: true,
	NotIn:       analysis.NotInTestsOrGenerated,
	Equivalents: []string{"B012"},
	Precision:   "83% (5 of 6 sampled findings judged right: every finding on the 3.11 standard library and site-packages; testdata/precision/ERR005.md in the source)",
	Summary:     "`return`, `break` or `continue` inside `finally`",
	Rationale: "Leaving a finally block with return, break or continue silently discards the " +
		"exception that was in flight: the error disappears without a trace (PEP 765 makes it a " +
		"SyntaxWarning in Python 3.14). Move the statement after the try statement. Not run on " +
		"test files, which exercise exactly this (CPython's own test_grammar). Unlike Ruff's B012, every " +
		"block of the finally is read, the elif and else of an if included.",
	Bad:   "try:\n    return compute()\nfinally:\n    return None\n",
	Good:  "try:\n    result = compute()\nfinally:\n    cleanup()\nreturn result\n",
	Nodes: []ast.Node{(*ast.Try)(nil), (*ast.TryStar)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		_, _, _, final, _ := ast.TryParts(n)
		for _, s := range final {
			checkFinally(p, s, false)
		}
		return true
	},
}

// checkFinally reports control flow leaving the finally block. inLoop is set inside a loop
// that is itself in the finally block, where break and continue stay inside.
func checkFinally(p *analysis.Pass, s ast.Stmt, inLoop bool) {
	switch x := s.(type) {
	case *ast.Return:
		p.Report(x, "`return` in `finally` discards any exception in flight: move it after the try statement")
	case *ast.Break, *ast.Continue:
		if !inLoop {
			p.Report(x, "`%s` in `finally` discards any exception in flight: move it after the try statement", map[bool]string{true: "break", false: "continue"}[isBreak(x)])
		}
	case *ast.If:
		each(x.Body, x.Orelse, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.With:
		each(x.Body, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.AsyncWith:
		each(x.Body, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.For:
		each(x.Body, nil, func(s ast.Stmt) { checkFinally(p, s, true) })
		each(x.Orelse, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.AsyncFor:
		each(x.Body, nil, func(s ast.Stmt) { checkFinally(p, s, true) })
		each(x.Orelse, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.While:
		each(x.Body, nil, func(s ast.Stmt) { checkFinally(p, s, true) })
		each(x.Orelse, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.Try:
		each(x.Body, x.Orelse, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
		for _, h := range x.Handlers {
			each(h.Body, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
		}
		each(x.Finalbody, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
	case *ast.Match:
		for _, c := range x.Cases {
			each(c.Body, nil, func(s ast.Stmt) { checkFinally(p, s, inLoop) })
		}
	}
}

func isBreak(s ast.Stmt) bool { _, ok := s.(*ast.Break); return ok }

func each(a, b []ast.Stmt, fn func(ast.Stmt)) {
	for _, s := range a {
		fn(s)
	}
	for _, s := range b {
		fn(s)
	}
}
