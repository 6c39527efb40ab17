package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// DanglingTask reports asyncio tasks created and dropped at once.
var DanglingTask = &analysis.Rule{
	Code: "PAT008", Name: "dangling-task",
	NotIn:       analysis.Generated,
	Equivalents: []string{"RUF006"},
	Summary:     "`asyncio.create_task(...)` or `ensure_future(...)` whose task is dropped",
	Rationale: "The event loop keeps only a weak reference to a task: one that nothing else " +
		"references can be garbage-collected before it finishes, and its exception is never seen. " +
		"Keep the task (a set of background tasks with a done callback that discards it), await " +
		"it, or start it in an `asyncio.TaskGroup`, which holds it. Reported: a statement that is " +
		"only the call, of `asyncio.create_task`, `asyncio.ensure_future`, or `create_task` on " +
		"`asyncio.get_event_loop()`, `get_running_loop()` or `new_event_loop()` called in place; " +
		"a loop kept in a variable is not followed. Off by default: on the 3.11 standard library " +
		"and site-packages it finds 2 tasks dropped outside tests (graphql's pub-sub, " +
		"prompt_toolkit), both right, and 17 in asyncio's tests, where dropping them is the test; " +
		"too few to measure its precision on code written by others.",
	Bad:   "import asyncio\n\nasync def handle(event):\n    asyncio.create_task(notify(event))\n",
	Good:  "import asyncio\n\nbackground = set()\n\nasync def handle(event):\n    task = asyncio.create_task(notify(event))\n    background.add(task)\n    task.add_done_callback(background.discard)\n",
	Nodes: []ast.Node{(*ast.ExprStmt)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		call, ok := n.(*ast.ExprStmt).Value.(*ast.Call)
		if !ok {
			return true
		}
		if a, ok := call.Func.(*ast.Attribute); ok && a.Attr != "create_task" && a.Attr != "ensure_future" {
			// Its qualified name ends with its attribute: none of those below (and made for
			// nothing, for most calls a statement makes).
			return true
		}
		im := p.Imported()
		switch q := im.Qualified(call.Func); q {
		case "asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task", "asyncio.tasks.ensure_future":
			p.Report(call, "the task `%s` returns is dropped: the event loop holds it weakly and may collect it before it ends; keep a reference or use a TaskGroup", q)
			return true
		}
		if attr, ok := call.Func.(*ast.Attribute); ok && attr.Attr == "create_task" {
			if inner, ok := attr.Value.(*ast.Call); ok {
				switch im.Qualified(inner.Func) {
				case "asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop":
					p.Report(call, "the task `create_task` returns is dropped: the event loop holds it weakly and may collect it before it ends; keep a reference or use a TaskGroup")
				}
			}
		}
		return true
	},
}
