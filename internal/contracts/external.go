package contracts

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/imports"
)

// external checks an External contract on the direct imports of modules outside the project.
func (v *view) external(s *External) {
	mods := v.set()
	for _, e := range s.Modules {
		v.expand(e, false, mods, "module")
	}
	seen := once{}
	first := func(e *imports.Edge, name string) bool { return v.c.EveryImport || seen.first(e, name) }
	for u, ok := range mods {
		if !ok {
			continue
		}
		for _, ei := range v.ext[u] {
			e := &v.g.Edges[ei]
			if d, denied := externalMatch(e, s.Deny); denied {
				if first(e, d) {
					v.report(CodeExternal, []int32{ei}, fmt.Sprintf("%s may not import %s (denied)", v.x.names[u], d))
				}
				continue
			}
			if _, allowed := externalMatch(e, s.Allow); len(s.Allow) > 0 && e.Category == imports.ThirdParty && !allowed {
				if t := top(e.Imported); first(e, t) {
					v.report(CodeExternal, []int32{ei}, fmt.Sprintf("%s may import only %s from outside the project and the standard library", v.x.names[u], strings.Join(s.Allow, ", ")))
				}
			}
		}
	}
}
