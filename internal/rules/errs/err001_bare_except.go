package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// BareExcept reports `except:` without an exception type, unless it re-raises.
var BareExcept = &analysis.Rule{
	Code: "ERR001", Name: "bare-except", Default: true,
	Equivalents: []string{"E722"},
	NotIn:       analysis.Generated,
	Summary:     "`except:` without an exception type, that does not re-raise",
	Rationale: "A bare except catches everything, KeyboardInterrupt and SystemExit included, so " +
		"Ctrl-C and sys.exit() stop working inside it and real bugs are swallowed with the errors " +
		"you meant to handle. Name the exceptions you expect; if you truly mean everything, write " +
		"`except BaseException:`. A bare except whose handler re-raises with `raise` (clean up, " +
		"then let the exception go on) is not reported, as in Ruff.",
	Bad:  "try:\n    load()\nexcept:\n    use_defaults()\n",
	Good: "try:\n    load()\nexcept (OSError, ValueError):\n    use_defaults()\n",
	Run: func(p *analysis.Pass) {
		handlers(p.Tree, func(h *ast.ExceptHandler) {
			if h.Type == nil && !whatHandlerDoes(h).bareRaise {
				p.ReportRange(h.Pos(), headerEnd(h), "bare `except:` catches every exception, KeyboardInterrupt and SystemExit too: name the exceptions you expect")
			}
		})
	},
}
