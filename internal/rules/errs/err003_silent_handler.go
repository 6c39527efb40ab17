package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// SilentHandler reports handlers of specific exceptions whose body only passes, is `...`, or
// continues. Off by default: silencing an expected exception (`except KeyError: pass`) is
// usually deliberate.
var SilentHandler = &analysis.Rule{
	Code: "ERR003", Name: "silent-handler",
	Equivalents: []string{"S110", "S112", "SIM105"},
	NotIn:       analysis.Generated,
	Summary:     "An except handler of a specific exception that only `pass`es, `...` or `continue`s",
	Rationale: "A handler that does nothing turns an error into silence: the caller carries on " +
		"with state it does not know is wrong. If ignoring is really right, say so with " +
		"`contextlib.suppress(...)` and a comment. Off by default: on real code most such handlers " +
		"silence an exception that is expected there (KeyError, ImportError, FileNotFoundError), on " +
		"purpose. Broad handlers (`except Exception: pass`) are ERR002's, bare ones ERR001's.",
	Bad:   "try:\n    os.remove(path)\nexcept OSError:\n    pass\n",
	Good:  "with contextlib.suppress(FileNotFoundError):  # already gone is fine\n    os.remove(path)\n",
	Nodes: []ast.Node{(*ast.ExceptHandler)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		h := n.(*ast.ExceptHandler)
		if h.Type == nil || isBroad(h.Type) {
			return true
		}
		for _, s := range h.Body {
			switch x := s.(type) {
			case *ast.Pass, *ast.Continue:
				continue
			case *ast.ExprStmt:
				if c, ok := x.Value.(*ast.Constant); ok && (c.Value.Kind == ast.ConstEllipsis || c.Value.Kind == ast.ConstStr) {
					continue // `...` or a docstring-like comment string
				}
			}
			return true
		}
		p.ReportRange(h.Pos(), headerEnd(h), "this handler silences the exception: handle it, log it, or use contextlib.suppress with a reason")
		return true
	},
}
