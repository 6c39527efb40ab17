package pat

import (
	"path"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// StarImport reports `from x import *`.
var StarImport = &analysis.Rule{
	Code: "PAT004", Name: "star-import",
	NotIn:       analysis.NotInTestsOrGenerated,
	Equivalents: []string{"F403"},
	Summary:     "`from module import *`",
	Rationale: "A star import makes every name of another module look local: readers and tools " +
		"cannot tell where a name comes from, and a new name in that module can silently shadow " +
		"one of yours. Import the names you use. A star import whose job is to pass another " +
		"module's interface on is not reported: in a package's `__init__.py` or a stub; from a " +
		"private module (`from _struct import *`, an implementation or a C accelerator); under a " +
		"`try:` that catches ImportError (an accelerator that may be missing); and in a module that " +
		"defines no function or class (a shim, such as a moved module's old name). Off by default: " +
		"a blind reading of 25 findings on the standard library and site-packages judged 18 right " +
		"(72%), the rest being scripts that follow an idiom the imported module documents (turtle's " +
		"demos) and modules built as another's superset (tkinter.tix); Ruff reports it by default as F403.",
	Bad:  "from shop.api.schemas.base import *\n\n\ndef page_of(items):\n    return Page(items=items, meta=PageMeta(total=len(items)))\n",
	Good: "from shop.api.schemas.base import Page, PageMeta\n\n\ndef page_of(items):\n    return Page(items=items, meta=PageMeta(total=len(items)))\n",
	Run: func(p *analysis.Pass) {
		if base := path.Base(p.Path); base == "__init__.py" || strings.HasSuffix(base, ".pyi") {
			return // a package's interface, or a stub, gathered from its modules on purpose
		}
		if !definesSomething(p.Tree.Body) {
			return // a shim: the module is the other module's interface under another name
		}
		var visit func(body []ast.Stmt, guarded bool)
		visit = func(body []ast.Stmt, guarded bool) {
			for _, s := range body {
				switch x := s.(type) {
				case *ast.ImportFrom:
					if !guarded && isStar(x) && !fromPrivate(x) {
						mod := ""
						if x.Module != nil {
							mod = *x.Module
						}
						p.Report(x, "`from %s%s import *` hides where names come from: import the names you use", strings.Repeat(".", x.Level), mod)
					}
				case *ast.Try:
					visit(x.Body, guarded || catchesImportError(x.Handlers))
					for _, h := range x.Handlers {
						visit(h.Body, guarded)
					}
					visit(x.Orelse, guarded)
					visit(x.Finalbody, guarded)
				default:
					ast.Blocks(s, func(b []ast.Stmt) { visit(b, guarded) })
				}
			}
		}
		visit(p.Tree.Body, false)
	},
}

func isStar(f *ast.ImportFrom) bool {
	return len(f.Names) == 1 && f.Names[0].Name == "*"
}

// fromPrivate reports whether a from-import's module is private: its last name starts with
// an underscore (`from _struct import *`, `from ._impl import *`).
func fromPrivate(f *ast.ImportFrom) bool {
	if f.Module == nil {
		return false
	}
	m := *f.Module
	return strings.HasPrefix(m[strings.LastIndexByte(m, '.')+1:], "_")
}

// catchesImportError reports whether one of the handlers catches ImportError (or
// ModuleNotFoundError).
func catchesImportError(handlers []*ast.ExceptHandler) bool {
	for _, h := range handlers {
		if h == nil {
			continue
		}
		types := []ast.Expr{h.Type}
		if t, ok := h.Type.(*ast.Tuple); ok {
			types = t.Elts
		}
		for _, t := range types {
			if n := ast.LastName(t); n == "ImportError" || n == "ModuleNotFoundError" {
				return true
			}
		}
	}
	return false
}

// definesSomething reports whether a module defines a function or a class at its top level
// (under if, try and with statements there too).
func definesSomething(body []ast.Stmt) bool {
	for _, s := range body {
		switch s.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
			return true
		}
		found := false
		ast.Blocks(s, func(b []ast.Stmt) { found = found || definesSomething(b) })
		if found {
			return true
		}
	}
	return false
}
