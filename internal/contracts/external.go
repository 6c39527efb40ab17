package contracts

import (
	"fmt"
	"slices"

	"github.com/buttresspy/buttress/internal/imports"
)

// external checks an External contract on the direct imports of modules outside the project.
func (v *view) external(s *External) {
	mods := v.set()
	for _, e := range s.Modules {
		v.expand(e, false, mods, "module")
	}
	for u, ok := range mods {
		if !ok {
			continue
		}
		for _, ei := range v.ext[u] {
			e := &v.g.Edges[ei]
			t := top(e.Imported)
			if i := slices.IndexFunc(s.Deny, func(d string) bool { return imports.Within(e.Imported, d) }); i >= 0 {
				v.report(CodeExternal, []int32{ei}, fmt.Sprintf("%s may not import %s (denied)", v.x.names[u], s.Deny[i]))
				continue
			}
			switch {
			case len(s.Allow) > 0 && e.Category == imports.ThirdParty && !slices.Contains(s.Allow, t):
				v.report(CodeExternal, []int32{ei}, fmt.Sprintf("%s may import only %v from outside the project and the standard library", v.x.names[u], s.Allow))
			}
		}
	}
}
