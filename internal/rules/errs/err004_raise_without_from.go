package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// RaiseWithoutFrom reports `raise NewError(...)` inside an except handler without `from`.
var RaiseWithoutFrom = &analysis.Rule{
	Code: "ERR004", Name: "raise-without-from", Default: true,
	NotIn:       analysis.NotInTestsOrGenerated,
	Equivalents: []string{"B904"},
	Precision:   "92% (23 of 25 sampled findings judged right, on the 3.11 standard library and site-packages; testdata/precision/ERR004.md in the source)",
	Summary:     "`raise` of a new exception inside `except` without `from`",
	Rationale: "Raising a new exception inside a handler without `from` makes the traceback say " +
		"\"During handling of the above exception, another exception occurred\", as if the new " +
		"error were a bug in the handler. `raise New(...) from err` records the cause; " +
		"`from None` says on purpose that it does not matter. Raising StopIteration or " +
		"StopAsyncIteration (the end of an iteration) is not reported. Unlike Ruff's B904, a raise in a " +
		"try statement nested in the handler is reported too: the outer exception is still being handled there.",
	Bad:   "try:\n    return int(text)\nexcept ValueError:\n    raise ConfigError(f\"bad port {text!r}\")\n",
	Good:  "try:\n    return int(text)\nexcept ValueError as err:\n    raise ConfigError(f\"bad port {text!r}\") from err\n",
	Nodes: []ast.Node{(*ast.ExceptHandler)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		h := n.(*ast.ExceptHandler)
		for _, s := range h.Body {
			ast.Inspect(s, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda, *ast.ExceptHandler:
					return false // other scopes, and nested handlers (visited on their own)
				case *ast.Raise:
					if x.Exc == nil || x.Cause != nil {
						return false
					}
					if name, ok := x.Exc.(*ast.Name); ok && h.Name != nil && name.ID == *h.Name {
						return false // re-raising the caught exception
					}
					if controlFlow(x.Exc) {
						return false
					}
					p.Report(x, "a new exception raised while handling another: add `from err` to keep the cause (or `from None` to drop it on purpose)")
				}
				return true
			})
		}
		return true
	},
}

// controlFlow reports whether a raised exception is one Python uses for control flow
// (StopIteration and StopAsyncIteration end an iteration): its cause is no one's business.
func controlFlow(e ast.Expr) bool {
	if c, ok := e.(*ast.Call); ok {
		e = c.Func
	}
	n, ok := e.(*ast.Name)
	return ok && (n.ID == "StopIteration" || n.ID == "StopAsyncIteration")
}
