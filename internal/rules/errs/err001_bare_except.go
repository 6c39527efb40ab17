package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// BareExcept reports `except:` without an exception type, unless it re-raises.
var BareExcept = &analysis.Rule{
	Code: "ERR001", Name: "bare-except", Default: true,
	Equivalents: []string{"E722"},
	Precision:   "80% (20 of 25 sampled findings judged right, on the 3.11 standard library and site-packages; testdata/precision/ERR001.md in the source)",
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "`except:` without an exception type, that does not re-raise",
	Rationale: "A bare except catches everything, KeyboardInterrupt and SystemExit included, so " +
		"Ctrl-C and sys.exit() stop working inside it and real bugs are swallowed with the errors " +
		"you meant to handle. Name the exceptions you expect; if you truly mean everything, write " +
		"`except BaseException:`. A bare except whose handler re-raises with `raise` (clean up, " +
		"then let the exception go on) is not reported, as in Ruff; nor is one that reports what it " +
		"caught (a logging call, `traceback.print_exc()`, `sys.exc_info()`, an error handler): " +
		"a catch-all boundary that leaves a trace, in an event loop or a server, is deliberate.",
	Bad:   "try:\n    load()\nexcept:\n    use_defaults()\n",
	Good:  "try:\n    load()\nexcept (OSError, ValueError):\n    use_defaults()\n",
	Nodes: []ast.Node{(*ast.ExceptHandler)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		h := n.(*ast.ExceptHandler)
		if h.Type != nil {
			return true
		}
		if does := whatHandlerDoes(h); !does.bareRaise && !does.logs {
			p.ReportRange(h.Pos(), headerEnd(h), "bare `except:` catches every exception, KeyboardInterrupt and SystemExit too: name the exceptions you expect")
		}
		return true
	},
}
