package bnd

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/rules/errs"
)

// SilentBoundaryHandler reports broad handlers in boundary modules that neither log nor
// re-raise what they catch.
var SilentBoundaryHandler = &analysis.Rule{
	Code: "BND002", Name: "silent-boundary-handler",
	NotIn:   analysis.NotInTestsOrGenerated,
	Options: &Options{},
	Summary: "A broad `except` (`Exception`, `BaseException`, bare) in a boundary module that neither logs nor re-raises",
	Rationale: "At the boundary a broad handler is often right: a request must get a response, a " +
		"consumer must go on to the next message. But it is the last place the failure is seen: " +
		"a handler there that turns it into a 500, an error payload or a skipped message without " +
		"logging it leaves whoever runs the system nothing to go on. Log it " +
		"(`logger.exception(...)`, any logging call, `traceback.print_exc()`, a call whose name " +
		"says it handles or reports the error) or let it go on (`raise`, `raise New(...) from " +
		"err`) to the framework's own error handling, which logs. Unlike ERR002, using the " +
		"exception (`return {\"error\": str(err)}`) is not enough here, and a comment does not " +
		"excuse the handler: the trace is what matters at the boundary. Handlers in `__del__` are " +
		"not reported. Off by default, since it needs the boundary modules configured; precision " +
		"is in docs/boundaries.md.",
	Bad:   "def create_order(request):\n    try:\n        return ok(place(request))\n    except Exception as err:\n        return JsonResponse({\"detail\": str(err)}, status=500)\n",
	Good:  "def create_order(request):\n    try:\n        return ok(place(request))\n    except Exception as err:\n        logger.exception(\"placing the order failed\")\n        return JsonResponse({\"detail\": str(err)}, status=500)\n",
	Nodes: []ast.Node{(*ast.FunctionDef)(nil), (*ast.AsyncFunctionDef)(nil), (*ast.ExceptHandler)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef:
			return x.Name != "__del__"
		case *ast.AsyncFunctionDef:
			return x.Name != "__del__"
		case *ast.ExceptHandler:
			if x.Type != nil && !errs.IsBroad(x.Type) || !Matches(modulesOf(p).Boundaries, p.Module) {
				return true
			}
			if reraises, logs := errs.ReraisesOrLogs(x); reraises || logs {
				return true
			}
			end := x.Pos() + len("except")
			if x.Type != nil {
				end = x.Type.EndPos()
			}
			p.ReportRange(x.Pos(), end, "broad `except` at the boundary neither logs nor re-raises: the failure leaves no trace; log it (logger.exception) or let it go on to the framework's error handling")
		}
		return true
	},
}
