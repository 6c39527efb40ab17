package analysis

import (
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/usage"
)

// Imported maps the names a file's imports bind to the dotted names they stand for: after
// `import functools as ft` and `from asyncio import create_task`, "ft" is "functools" and
// "create_task" is "asyncio.create_task". Every import of the file counts, wherever it is
// (in a function, under `if TYPE_CHECKING:`); a later one wins. Relative imports are left
// out: a rule that asks about the standard library never means them.
type Imported struct {
	names map[string]string
}

// Imported returns the file's import bindings, computed once per file for every rule.
func (p *Pass) Imported() *Imported {
	return p.Shared("analysis.Imported", func() any { return newImported(p.Tree) }).(*Imported)
}

func newImported(tree *ast.Module) *Imported {
	im := &Imported{names: map[string]string{}}
	usage.ImportBindings(tree, "", false, func(local, target string, _ bool) { im.names[local] = target })
	return im
}

// Qualified returns the dotted name an expression stands for through the file's imports:
// `ft.lru_cache` is "functools.lru_cache" after `import functools as ft`. It is "" for an
// expression that is not a name or a dotted attribute of one, and for a name no import binds
// (a local variable, a builtin).
func (im *Imported) Qualified(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return im.names[x.ID]
	case *ast.Attribute:
		if base := im.Qualified(x.Value); base != "" {
			return base + "." + x.Attr
		}
	}
	return ""
}

// Binds reports whether some import of the file binds a name to target: whether any name
// can stand for it.
func (im *Imported) Binds(target string) bool {
	for _, t := range im.names {
		if t == target {
			return true
		}
	}
	return false
}
