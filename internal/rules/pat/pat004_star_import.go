package pat

import (
	"path"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// StarImport reports `from x import *`.
var StarImport = &analysis.Rule{
	Code: "PAT004", Name: "star-import", Default: true,
	NotIn:       analysis.NotInTestsOrGenerated,
	Equivalents: []string{"F403"},
	Summary:     "`from module import *`",
	Rationale: "A star import makes every name of another module look local: readers and tools " +
		"cannot tell where a name comes from, and a new name in that module can silently shadow " +
		"one of yours. Import the names you use. A package's `__init__.py` that gathers its modules' " +
		"names into its interface (`from .core import *`), and a stub, are not reported: there, the star " +
		"import is the interface, and the modules' `__all__` control it.",
	Bad:  "from shop.api.schemas.base import *\n",
	Good: "from shop.api.schemas.base import Schema, Page\n",
	Run: func(p *analysis.Pass) {
		if base := path.Base(p.Path); base == "__init__.py" || strings.HasSuffix(base, ".pyi") {
			return // a package's interface, or a stub, gathered from its modules on purpose
		}
		ast.Inspect(p.Tree, func(n ast.Node) bool {
			if f, ok := n.(*ast.ImportFrom); ok {
				for _, a := range f.Names {
					if a.Name == "*" {
						mod := ""
						if f.Module != nil {
							mod = *f.Module
						}
						p.Report(f, "`from %s%s import *` hides where names come from: import the names you use", strings.Repeat(".", f.Level), mod)
					}
				}
			}
			return true
		})
	},
}
