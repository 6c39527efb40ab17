package bnd

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/rules/errs"
)

// SilentBoundaryHandler reports broad handlers in boundary modules that leave no trace of
// what they catch.
var SilentBoundaryHandler = &analysis.Rule{
	Code: "BND002", Name: "silent-boundary-handler",
	NotIn:   analysis.NotInTestsOrGenerated,
	Options: &Options{},
	Summary: "A broad `except` (`Exception`, `BaseException`, bare) in an entry point that neither logs nor raises",
	Rationale: "At the boundary a broad handler is often right: a request must get a response, a " +
		"consumer must go on to the next message. But it is the last place the failure is seen: " +
		"a handler there that turns it into a 500, an error payload or a skipped message without " +
		"logging it leaves whoever runs the system nothing to go on. Log it " +
		"(`logger.exception(...)`, any logging call, `traceback.print_exc()`, a call whose name " +
		"says it handles, reports or shows the error or its traceback, any function of " +
		"`traceback`, `print(...)`, a call that writes to `sys.stderr`, an error helper " +
		"(`self.arg_err(...)`), a command's log), hand the exception object on (`response_for_exception(request, exc)`, " +
		"`return (\"#ERROR\", exc)` to an RPC caller), or raise (`raise`, or any exception: the " +
		"framework's error handling takes it). Unlike ERR002, putting only the exception's text " +
		"in the response (`return {\"error\": str(err)}`) is not enough here. A handler that only " +
		"assigns a fallback value (input that does not parse) is not reported; a " +
		"comment in the handler, on its `except` line or just before it says the choice is " +
		"deliberate, as for ERR002; handlers in `__del__` are not reported. Looked at: the " +
		"handlers inside entry points, recognised as BND001 recognises them (routes, views, " +
		"commands, consumers, pyproject.toml's scripts), wherever they are; " +
		"`public-functions = true` makes every public function of a configured boundary module " +
		"one. Off by default: on the corpora of BND001 it reports one handler, pip's " +
		"`except Exception: pass` around a best-effort detail of its summary line (wrong: 0 of " +
		"1); before it knew entry points, 3 of 25 of 35 were right (12%). Each verdict is in " +
		"docs/boundaries.md.",
	Bad:   "@app.route(\"/orders\", methods=[\"POST\"])\ndef create_order(request):\n    try:\n        return ok(place(request))\n    except Exception as err:\n        return JsonResponse({\"detail\": str(err)}, status=500)\n",
	Good:  "@app.route(\"/orders\", methods=[\"POST\"])\ndef create_order(request):\n    try:\n        return ok(place(request))\n    except Exception as err:\n        logger.exception(\"placing the order failed\")\n        return JsonResponse({\"detail\": str(err)}, status=500)\n",
	Nodes: []ast.Node{(*ast.FunctionDef)(nil), (*ast.AsyncFunctionDef)(nil), (*ast.Try)(nil), (*ast.TryStar)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef:
			return x.Name != "__del__"
		case *ast.AsyncFunctionDef:
			return x.Name != "__del__"
		case *ast.Try:
			checkBoundaryHandlers(p, x.Body, x.Handlers)
		case *ast.TryStar:
			checkBoundaryHandlers(p, x.Body, x.Handlers)
		}
		return true
	},
}

func checkBoundaryHandlers(p *analysis.Pass, body []ast.Stmt, handlers []*ast.ExceptHandler) {
	e := entries(p)
	all := false
	if o, ok := p.Options.(*Options); ok {
		all = o.PublicFunctions
	}
	if len(e.entries) == 0 && !(all && e.boundary) {
		return
	}
	prev := 0
	if len(body) > 0 {
		prev = body[len(body)-1].EndPos()
	}
	for _, h := range handlers {
		if h == nil {
			continue
		}
		after := prev
		prev = h.EndPos()
		if !e.covers(h.Pos(), all) || h.Type != nil && !errs.IsBroad(h.Type) || errs.Explained(p, after, h) || leavesTrace(p, h) {
			continue
		}
		end := h.Pos() + len("except")
		if h.Type != nil {
			end = h.Type.EndPos()
		}
		p.ReportRange(h.Pos(), end, "broad `except` at the boundary neither logs nor raises: the failure leaves no trace; log it (logger.exception) or let it go on to the framework's error handling")
	}
}

// leavesTrace reports whether a handler logs what it caught (or prints it, or writes to
// sys.stderr: a command's way to tell whoever runs it), raises, calls into traceback,
// or passes the exception object on (to a call, in a value it returns or sends): only its
// text (str(err), f"{err}", "%s" % err) does not count.
func leavesTrace(p *analysis.Pass, h *ast.ExceptHandler) bool {
	if _, logs := errs.ReraisesOrLogs(h); logs {
		return true
	}
	if fallbackOnly(h.Body) {
		return true // a value for when the input does not parse: logfname = par
	}
	bound := ""
	if h.Name != nil {
		bound = *h.Name
	}
	im := p.Imported()
	textOnly := map[ast.Node]bool{} // names whose text only is taken
	found := false
	for _, s := range h.Body {
		ast.InspectScope(s, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.Raise:
				found = true
			case *ast.Call:
				q := im.Qualified(x.Func)
				if strings.HasPrefix(q, "traceback.") || q == "sys.exc_info" || q == "sys.exception" || q == "sys.stderr.write" || namesTraceback(x.Func) || isName(x.Func, "print") {
					found = true
				}
				// An error helper (self.arg_err(...), color_switch_err(...)), or any call
				// that writes to sys.stderr (uni_print(msg, sys.stderr)): it tells the user.
				if namesError(x.Func) || writesStderr(im, x) {
					found = true
				}
				if takesText(x.Func) {
					for _, a := range x.Args {
						textOnly[a] = true
					}
				}
			case *ast.BinOp:
				if x.Op == ast.Mod {
					textOnly[x.Right] = true
					if t, ok := x.Right.(*ast.Tuple); ok {
						for _, el := range t.Elts {
							textOnly[el] = true
						}
					}
				}
			case *ast.FormattedValue:
				textOnly[x.Value] = true
			case *ast.Name:
				if bound != "" && x.ID == bound && !textOnly[x] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// takesText reports whether a call only takes the text of its arguments: str(err),
// repr(err), format(err), "...".format(err).
func takesText(f ast.Expr) bool {
	switch x := f.(type) {
	case *ast.Name:
		return x.ID == "str" || x.ID == "repr" || x.ID == "format"
	case *ast.Attribute:
		return x.Attr == "format"
	}
	return false
}

func isName(e ast.Expr, name string) bool {
	n, ok := e.(*ast.Name)
	return ok && n.ID == name
}

// namesTraceback reports whether a call's name says it shows or keeps the traceback
// (`self.showtraceback()`, `render_traceback()`).
func namesTraceback(f ast.Expr) bool {
	return strings.Contains(strings.ToLower(ast.LastName(f)), "traceback")
}

// namesError reports whether a call's name says it reports an error to the user
// (`arg_err`, `show_error`, `warn`).
func namesError(f ast.Expr) bool {
	n := strings.ToLower(ast.LastName(f))
	return strings.HasSuffix(n, "_err") || strings.Contains(n, "error") || strings.HasPrefix(n, "warn")
}

// writesStderr reports whether a call passes sys.stderr (print(msg, file=sys.stderr),
// uni_print(msg, sys.stderr)).
func writesStderr(im *analysis.Imported, c *ast.Call) bool {
	for _, a := range c.Args {
		if im.Qualified(a) == "sys.stderr" {
			return true
		}
	}
	for _, k := range c.Keywords {
		if k != nil && im.Qualified(k.Value) == "sys.stderr" {
			return true
		}
	}
	return false
}

// fallbackOnly reports whether a handler only assigns values (and maybe returns nothing
// more): a default for input that does not parse, not a failure lost.
func fallbackOnly(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	for _, s := range body {
		switch s.(type) {
		case *ast.Assign, *ast.AnnAssign, *ast.AugAssign:
		default:
			return false
		}
	}
	return true
}
