package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// BroadExceptSwallowed reports `except Exception` / `except BaseException` handlers that
// swallow the exception: they neither re-raise it, nor log it, nor use it.
var BroadExceptSwallowed = &analysis.Rule{
	Code: "ERR002", Name: "broad-except-swallowed", Default: true,
	Equivalents: []string{"BLE001"},
	NotIn:       analysis.Generated,
	Summary:     "`except Exception` that swallows the exception: no re-raise, no logging, no use of it",
	Rationale: "Catching Exception hides every bug below it. When a broad handler is the right " +
		"boundary (a worker loop, a request handler), it must leave a trace: re-raise (`raise`, or " +
		"`raise New(...) from err`), log (`logger.exception(...)`, any logging call, " +
		"`traceback.print_exc()`), or hand the exception on (`errors.append(err)`, " +
		"`future.set_exception(err)`). A handler that does none of these turns every failure, " +
		"the bugs included, into silence.",
	Bad:  "try:\n    sync()\nexcept Exception:\n    return None\n",
	Good: "try:\n    sync()\nexcept Exception:\n    logger.exception(\"sync failed\")\n    return None\n",
	Run: func(p *analysis.Pass) {
		handlers(p.Tree, func(h *ast.ExceptHandler) {
			if !isBroad(h.Type) || whatHandlerDoes(h).handles() {
				return
			}
			p.ReportRange(h.Pos(), headerEnd(h), "broad `except` swallows the exception: re-raise it, log it, or catch what you expect")
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
		return (e.Attr == "Exception" || e.Attr == "BaseException") && isName(e.Value, "builtins")
	case *ast.Tuple:
		for _, el := range e.Elts {
			if isBroad(el) {
				return true
			}
		}
	}
	return false
}
