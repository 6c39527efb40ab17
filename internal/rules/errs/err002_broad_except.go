package errs

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// BroadExceptSwallowed reports `except Exception` / `except BaseException` handlers that
// swallow the exception: they neither re-raise it, nor log it, nor use it.
var BroadExceptSwallowed = &analysis.Rule{
	Code: "ERR002", Name: "broad-except-swallowed",
	Equivalents: []string{"BLE001"},
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "`except Exception` that swallows the exception: no re-raise, no logging, no use of it",
	Rationale: "Catching Exception hides every bug below it. When a broad handler is the right " +
		"boundary (a worker loop, a request handler), it must leave a trace: re-raise (`raise`, or " +
		"`raise New(...) from err`), log (`logger.exception(...)`, any logging call, " +
		"`traceback.print_exc()`), or hand the exception on (`errors.append(err)`, " +
		"`future.set_exception(err)`). A handler that does none of these turns every failure, " +
		"the bugs included, into silence; one that raises a new exception without `from err` turns " +
		"every failure into that exception and drops the cause (ERR004 reports the raise too). A " +
		"comment in the handler, on its `except` line or just before it that says why is a deliberate choice, and " +
		"is not reported; nor are handlers in `__del__`, where exceptions are only printed anyway. " +
		"Off by default: in a blind reading of 25 findings on the standard library and site-packages, " +
		"13 were code whose job is never to fail (a `__repr__` fallback, a formatter, a probe for " +
		"whether something works), where swallowing everything is right. On a team's own code, " +
		"where a broad handler should say why, select it.",
	Bad:   "try:\n    sync()\nexcept Exception:\n    return None\n",
	Good:  "try:\n    sync()\nexcept Exception:\n    logger.exception(\"sync failed\")\n    return None\n",
	Nodes: []ast.Node{(*ast.FunctionDef)(nil), (*ast.AsyncFunctionDef)(nil), (*ast.Try)(nil), (*ast.TryStar)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef:
			return x.Name != "__del__" // exceptions in __del__ are only printed: swallowing them there is the norm
		case *ast.AsyncFunctionDef:
			return x.Name != "__del__"
		case *ast.Try:
			checkHandlers(p, x.Body, x.Handlers)
		case *ast.TryStar:
			checkHandlers(p, x.Body, x.Handlers)
		}
		return true
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

// checkHandlers reports the handlers of a try statement that catch Exception or
// BaseException and swallow it.
func checkHandlers(p *analysis.Pass, body []ast.Stmt, handlers []*ast.ExceptHandler) {
	prev := 0 // where the code before the handler ends: comments after it explain the handler
	if len(body) > 0 {
		prev = body[len(body)-1].EndPos()
	}
	for _, h := range handlers {
		if h != nil {
			check(p, h, prev)
			prev = h.EndPos()
		}
	}
}

// check reports a handler of Exception or BaseException that swallows what it catches.
// after is where the code before the handler ends.
func check(p *analysis.Pass, h *ast.ExceptHandler, after int) {
	if !isBroad(h.Type) || explained(p, after, h.EndPos()) {
		return
	}
	does := whatHandlerDoes(h)
	switch {
	case does.handles():
	case does.raisesNew:
		p.ReportRange(h.Pos(), headerEnd(h), "broad `except` turns every exception, bugs included, into a new one and drops the cause: add `from err`, or catch what you expect")
	default:
		p.ReportRange(h.Pos(), headerEnd(h), "broad `except` swallows the exception: re-raise it, log it, or catch what you expect")
	}
}

// explained reports whether a comment says why a handler is there: one from the end of the
// code before it (the try block's last statement, so that a comment closing that block
// counts) to the end of the handler's last line. Tool directives such as `# noqa` or
// `# pragma: no cover` do not count.
func explained(p *analysis.Pass, after, end int) bool {
	if line, _ := p.Lines.Position(end); line < p.Lines.Lines() {
		end = p.Lines.LineStart(line + 1)
	} else {
		end = len(p.Src)
	}
	for _, c := range p.Comments {
		if int(c.Start) < after {
			continue
		}
		if int(c.Start) >= end {
			break
		}
		if !directive(p.Src[c.Start:c.End]) {
			return true
		}
	}
	return false
}

// directive reports whether a comment is for a tool rather than a reader.
func directive(text string) bool {
	t := strings.ToLower(strings.TrimSpace(strings.TrimLeft(text, "#")))
	for _, prefix := range []string{"noqa", "pragma", "type:", "pylint:", "buttress:", "nosec", "ruff:", "fmt:", "isort:", "pyright:", "mypy:", "nocover", "no cover"} {
		if strings.HasPrefix(t, prefix) {
			return true
		}
	}
	return t == ""
}
