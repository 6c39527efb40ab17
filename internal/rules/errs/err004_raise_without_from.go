package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// RaiseWithoutFrom reports `raise NewError(...)` inside an except handler without `from`.
var RaiseWithoutFrom = &analysis.Rule{
	Code: "ERR004", Name: "raise-without-from", Default: true,
	NotIn:       analysis.Generated,
	Equivalents: []string{"B904"},
	Summary:     "`raise` of a new exception inside `except` without `from`",
	Rationale: "Raising a new exception inside a handler without `from` makes the traceback say " +
		"\"During handling of the above exception, another exception occurred\", as if the new " +
		"error were a bug in the handler. `raise New(...) from err` records the cause; " +
		"`from None` says on purpose that it does not matter.",
	Bad:  "try:\n    return int(text)\nexcept ValueError:\n    raise ConfigError(f\"bad port {text!r}\")\n",
	Good: "try:\n    return int(text)\nexcept ValueError as err:\n    raise ConfigError(f\"bad port {text!r}\") from err\n",
	Run: func(p *analysis.Pass) {
		handlers(p.Tree, func(h *ast.ExceptHandler) {
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
						p.Report(x, "a new exception raised while handling another: add `from err` to keep the cause (or `from None` to drop it on purpose)")
					}
					return true
				})
			}
		})
	},
}
