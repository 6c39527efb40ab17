// Package errs holds the ERR rules: runtime behaviour made obvious. An exception that is
// caught must be handled where it is caught (re-raised, logged, or turned into a documented
// result); control flow must not vanish in a finally block.
package errs

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{BareExcept, BroadExceptSwallowed, SilentHandler, RaiseWithoutFrom, FinallyControlFlow}
}

// headerEnd returns the offset of the end of `except ...:`'s first line: findings about a
// handler point at its header, not its whole body.
func headerEnd(h *ast.ExceptHandler) int {
	if h.Type != nil {
		return h.Type.EndPos()
	}
	return h.Pos() + len("except")
}

// inHandler calls fn for every node of a handler's body that runs while the handler runs:
// not the bodies of functions, lambdas and classes defined there (they run later, if ever).
// fn returns false to skip a node's children.
func inHandler(h *ast.ExceptHandler, fn func(n ast.Node) bool) {
	for _, s := range h.Body {
		ast.InspectScope(s, fn)
	}
}

// handling is what a handler does with the exception it caught.
type handling struct {
	bareRaise bool // `raise` alone: the same exception goes on
	// reraises: `raise`, `raise err` (the bound name), or `raise New(...) from err`: the
	// exception goes on, itself or as the cause of another.
	reraises  bool
	raisesNew bool // raises a new exception without `from err`
	logs      bool // a logging call, or traceback's and sys.exc_info's ways to print or keep it
	uses      bool // the bound name is used: the exception is passed on, stored, returned or logged
}

// handles reports whether the exception leaves a trace: it goes on, is logged, or is used.
func (h handling) handles() bool { return h.reraises || h.logs || h.uses }

// whatHandlerDoes reads a handler's body.
func whatHandlerDoes(h *ast.ExceptHandler) handling {
	var out handling
	bound := ""
	if h.Name != nil {
		bound = *h.Name
	}
	inHandler(h, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Raise:
			switch {
			case x.Exc == nil:
				out.bareRaise, out.reraises = true, true
			case bound != "" && isName(x.Exc, bound):
				out.reraises = true
			case bound != "" && x.Cause != nil && isName(x.Cause, bound):
				out.reraises = true
			default:
				out.raisesNew = true
			}
		case *ast.Call:
			if isLoggingCall(x) {
				out.logs = true
			}
		case *ast.Name:
			if bound != "" && x.ID == bound {
				out.uses = true
			}
		}
		return true
	})
	return out
}

func isName(e ast.Expr, name string) bool {
	n, ok := e.(*ast.Name)
	return ok && n.ID == name
}

// isLoggingCall reports whether a call logs or records the exception being handled: a
// logging method (`logger.exception(...)`, `log.error(...)`, `logging.warning(...)`, any
// receiver), `warnings.warn(...)`, traceback's print_exc, format_exc, print_exception and
// format_exception, sys.exc_info() and sys.exception(), and a call whose name says it handles
// or reports an error (exceptions.handle(...), sentry_sdk.capture_exception(),
// self.report_error(...), span.record_exception(...)): frameworks have such functions, which
// read the exception being handled themselves. A logging call with exc_info=False is not one.
func isLoggingCall(c *ast.Call) bool {
	if n, ok := c.Func.(*ast.Name); ok {
		return namesHandler(n.ID)
	}
	attr, ok := c.Func.(*ast.Attribute)
	if !ok {
		return false
	}
	receiver := ""
	if n, ok := attr.Value.(*ast.Name); ok {
		receiver = n.ID
	}
	switch attr.Attr {
	case "exception", "debug", "info", "warning", "warn", "error", "critical", "log", "fatal":
		if receiver == "warnings" && attr.Attr != "warn" {
			return false
		}
		for _, k := range c.Keywords {
			if k.Arg != nil && *k.Arg == "exc_info" {
				if v, ok := k.Value.(*ast.Constant); ok && (v.Value.Kind == ast.ConstFalse || v.Value.Kind == ast.ConstNone) {
					return false
				}
			}
		}
		return true
	case "print_exc", "format_exc", "print_exception", "format_exception", "print_tb", "format_tb":
		return receiver == "traceback"
	case "exc_info":
		return receiver == "sys"
	}
	return namesHandler(attr.Attr)
}

// namesHandler reports whether a function's name says that it handles or reports an error:
// handle, handle_error, on_exception, capture_exception, report_error, log_failure, ...
func namesHandler(name string) bool {
	if name == "" || name[0] >= 'A' && name[0] <= 'Z' {
		return false // a class: `raise ValueError(...)` builds an exception, it reports nothing
	}
	name = strings.ToLower(name)
	for _, verb := range []string{"handle", "report", "capture", "record", "log_", "on_error", "on_exception", "on_failure"} {
		if strings.HasPrefix(name, verb) {
			return true
		}
	}
	return strings.Contains(name, "exception") || strings.Contains(name, "error") || strings.Contains(name, "failure")
}
