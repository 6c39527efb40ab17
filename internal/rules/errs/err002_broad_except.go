package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// BroadExceptSwallowed reports `except Exception` / `except BaseException` handlers that
// neither re-raise nor log the exception.
var BroadExceptSwallowed = &analysis.Rule{
	Code: "ERR002", Name: "broad-except-swallowed", Default: true,
	Equivalents: []string{"BLE001"},
	Summary:     "`except Exception` that neither re-raises nor logs",
	Rationale: "Catching Exception hides every bug below it. When a broad handler is the right " +
		"boundary (a worker loop, a request handler), it must leave a trace: re-raise, or log " +
		"with the traceback (`logger.exception(...)` or `exc_info=True`).",
	Bad:  "try:\n    sync()\nexcept Exception:\n    return None\n",
	Good: "try:\n    sync()\nexcept Exception:\n    logger.exception(\"sync failed\")\n    return None\n",
	Run: func(p *analysis.Pass) {
		handlers(p.Tree, func(h *ast.ExceptHandler) {
			if !isBroad(h.Type) || reraisesOrLogs(h.Body) {
				return
			}
			p.ReportRange(h.Pos(), headerEnd(h), "broad `except` neither re-raises nor logs the exception: re-raise it, or log it with its traceback")
		})
	},
}

// isBroad reports whether the handler's type is Exception or BaseException (alone or in a
// tuple).
func isBroad(t ast.Expr) bool {
	switch e := t.(type) {
	case *ast.Name:
		return e.ID == "Exception" || e.ID == "BaseException"
	case *ast.Attribute:
		return e.Attr == "Exception" || e.Attr == "BaseException"
	case *ast.Tuple:
		for _, el := range e.Elts {
			if isBroad(el) {
				return true
			}
		}
	}
	return false
}

// reraisesOrLogs reports whether a handler body contains a raise, or a logging call that keeps
// the traceback: `<x>.exception(...)`, or a `log`/`logger`/`logging` call with exc_info.
func reraisesOrLogs(body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if found {
				return false
			}
			switch x := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
				return false // code that runs later, not in the handler
			case *ast.Raise:
				found = true
			case *ast.Call:
				if isLoggingCall(x) {
					found = true
				}
			}
			return true
		})
	}
	return found
}

func isLoggingCall(c *ast.Call) bool {
	attr, ok := c.Func.(*ast.Attribute)
	if !ok {
		return false
	}
	if attr.Attr == "exception" {
		return true
	}
	switch attr.Attr {
	case "debug", "info", "warning", "warn", "error", "critical", "log", "fatal":
		for _, k := range c.Keywords {
			if k.Arg != nil && *k.Arg == "exc_info" {
				if c, ok := k.Value.(*ast.Constant); ok && (c.Value.Kind == ast.ConstFalse || c.Value.Kind == ast.ConstNone) {
					return false
				}
				return true
			}
		}
	}
	return false
}
