package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// SwallowedCancel reports coroutines that catch asyncio.CancelledError and do not raise it on.
var SwallowedCancel = &analysis.Rule{
	Code: "PAT007", Name: "swallowed-cancel",
	NotIn:   analysis.Generated,
	Summary: "A coroutine catches `asyncio.CancelledError` and does not raise it again",
	Rationale: "Cancellation is how asyncio stops a task: `task.cancel()`, `asyncio.timeout()`, " +
		"`wait_for`, a `TaskGroup` whose sibling failed and server shutdown all throw " +
		"`CancelledError` into the coroutine and rely on it coming back out. A handler that " +
		"swallows it makes the task look finished instead of cancelled, a timeout that never " +
		"fires, and a shutdown that hangs. Clean up, then `raise`. Reported: a handler in an " +
		"`async def` whose type is `asyncio.CancelledError` (alone or in a tuple, through any " +
		"import of it) with no `raise` anywhere in its body. Not reported: a `try` whose body only " +
		"awaits a task or future held in a variable (`task.cancel()`, then `await task` inside " +
		"`try`/`except CancelledError: pass` is the documented way to wait for a task you cancelled), " +
		"and handlers in plain functions (there, a cancelled future's result is being read). " +
		"Off by default: the 3.11 standard library and site-packages have no finding outside " +
		"asyncio's own tests (11 there, each a deliberate test of cancellation), too few to " +
		"measure its precision on code written by others; every handler of CancelledError in " +
		"their other code re-raises, runs in a done-callback, or awaits a task it cancelled.",
	Bad:   "import asyncio\n\nasync def consume(queue):\n    try:\n        while True:\n            handle(await queue.get())\n    except asyncio.CancelledError:\n        log.info(\"consumer stopped\")\n",
	Good:  "import asyncio\n\nasync def consume(queue):\n    try:\n        while True:\n            handle(await queue.get())\n    except asyncio.CancelledError:\n        log.info(\"consumer stopped\")\n        raise\n",
	Nodes: []ast.Node{(*ast.AsyncFunctionDef)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		f := n.(*ast.AsyncFunctionDef)
		im := p.Imported()
		for _, s := range f.Body {
			ast.InspectScope(s, func(n ast.Node) bool {
				body, handlers, _, _, ok := ast.TryParts(n)
				if !ok {
					return true
				}
				if awaitsHeldTask(body) {
					return true
				}
				for _, h := range handlers {
					if catchesCancel(im, h.Type) && !raises(h.Body) {
						p.ReportRange(h.Pos(), h.Pos()+len("except"), "`"+f.Name+"` catches CancelledError and does not raise it again: the task looks finished instead of cancelled, and timeouts and TaskGroups stop working; clean up, then `raise`")
					}
				}
				return true
			})
		}
		return true
	},
}

// catchesCancel reports whether an except clause's type is asyncio.CancelledError, or a tuple
// that holds it.
func catchesCancel(im *analysis.Imported, typ ast.Expr) bool {
	if t, ok := typ.(*ast.Tuple); ok {
		for _, e := range t.Elts {
			if catchesCancel(im, e) {
				return true
			}
		}
		return false
	}
	switch im.Qualified(typ) {
	case "asyncio.CancelledError", "asyncio.exceptions.CancelledError":
		return true
	}
	return false
}

// raises reports whether a raise statement is anywhere in body (outside nested functions).
func raises(body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.InspectScope(s, func(n ast.Node) bool {
			if _, ok := n.(*ast.Raise); ok {
				found = true
			}
			return !found
		})
	}
	return found
}

// awaitsHeldTask reports whether body is one statement that awaits a name or an attribute
// (a task or future held in a variable), as in waiting for a task one has just cancelled.
func awaitsHeldTask(body []ast.Stmt) bool {
	if len(body) != 1 {
		return false
	}
	var v ast.Expr
	switch s := body[0].(type) {
	case *ast.ExprStmt:
		v = s.Value
	case *ast.Assign:
		v = s.Value
	case *ast.AnnAssign:
		v = s.Value
	}
	a, ok := v.(*ast.Await)
	if !ok {
		return false
	}
	switch a.Value.(type) {
	case *ast.Name, *ast.Attribute:
		return true
	}
	return false
}
