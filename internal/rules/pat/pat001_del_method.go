package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// DelMethod reports classes that define __del__.
var DelMethod = &analysis.Rule{
	Code: "PAT001", Name: "del-method",
	NotIn:   analysis.Generated,
	Summary: "A class defines `__del__`",
	Rationale: "`__del__` runs whenever the garbage collector decides, maybe never (reference cycles, " +
		"interpreter shutdown), maybe in another thread, and an exception in it is only printed. " +
		"Release resources explicitly (a context manager), and use `weakref.finalize` for a safety net. " +
		"Off by default: on the standard library and site-packages, most `__del__` methods are a safety net beside an explicit close(), for which weakref.finalize is a refinement rather than a fix.",
	Bad:   "class Conn:\n    def __del__(self):\n        self.sock.close()\n",
	Good:  "class Conn:\n    def __init__(self, sock):\n        self.sock = sock\n        weakref.finalize(self, sock.close)\n",
	Nodes: []ast.Node{(*ast.ClassDef)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		c, ok := n.(*ast.ClassDef)
		if !ok {
			return true
		}
		for _, s := range c.Body {
			switch f := s.(type) {
			case *ast.FunctionDef:
				if f.Name == "__del__" {
					p.ReportRange(f.Pos(), f.Pos()+len("def __del__"), "`"+c.Name+".__del__` runs at the garbage collector's whim: use a context manager, and weakref.finalize as a safety net")
				}
			case *ast.AsyncFunctionDef:
				if f.Name == "__del__" {
					p.ReportRange(f.Pos(), f.Pos()+len("async def __del__"), "`"+c.Name+".__del__` runs at the garbage collector's whim: use a context manager, and weakref.finalize as a safety net")
				}
			}
		}
		return true
	},
}
