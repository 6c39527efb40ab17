package errs

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// IsBroad reports whether an except clause's type is Exception or BaseException (alone or in
// a tuple), for the rules of other families (BND002).
func IsBroad(t ast.Expr) bool { return isBroad(t) }

// ReraisesOrLogs reports what a handler does with what it catches, as ERR002 reads it, for
// the rules of other families: whether it raises it on (`raise`, `raise err`, `raise New()
// from err`), and whether it logs it (any logging call, traceback's printers, a call whose
// name says it handles or reports an error).
func ReraisesOrLogs(h *ast.ExceptHandler) (reraises, logs bool) {
	d := whatHandlerDoes(h)
	return d.reraises, d.logs
}

// Explained reports whether a comment says why a handler is there, as ERR002 reads it: one
// from after (the end of the code before the handler) to the end of the handler's last line,
// tool directives (`# noqa`, `# pragma: no cover`) aside.
func Explained(p *analysis.Pass, after int, h *ast.ExceptHandler) bool {
	return explained(p, after, h.EndPos())
}
