package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// SilentHandler reports handlers whose body only passes, is `...`, or continues.
var SilentHandler = &analysis.Rule{
	Code: "ERR003", Name: "silent-handler", Default: true,
	Equivalents: []string{"S110", "S112", "SIM105"},
	Summary:     "An except handler that only `pass`es, `...` or `continue`s",
	Rationale: "A handler that does nothing turns an error into silence: the caller carries on " +
		"with state it does not know is wrong. If ignoring is really right, say why with " +
		"`contextlib.suppress(...)` and a comment, or log at debug level.",
	Bad:  "try:\n    os.remove(path)\nexcept OSError:\n    pass\n",
	Good: "with contextlib.suppress(FileNotFoundError):  # already gone is fine\n    os.remove(path)\n",
	Run: func(p *analysis.Pass) {
		handlers(p.Tree, func(h *ast.ExceptHandler) {
			for _, s := range h.Body {
				switch x := s.(type) {
				case *ast.Pass, *ast.Continue:
					continue
				case *ast.ExprStmt:
					if c, ok := x.Value.(*ast.Constant); ok && (c.Value.Kind == ast.ConstEllipsis || c.Value.Kind == ast.ConstStr) {
						continue // `...` or a docstring-like comment string
					}
				}
				return
			}
			p.ReportRange(h.Pos(), headerEnd(h), "this handler silences the exception: handle it, log it, or use contextlib.suppress with a reason")
		})
	},
}
