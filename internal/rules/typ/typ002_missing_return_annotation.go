package typ

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// MissingReturnAnnotation reports functions without a return annotation (__init__ exempt).
var MissingReturnAnnotation = &analysis.Rule{
	Code: "TYP002", Name: "missing-return-annotation", Default: true,
	Equivalents: []string{"ANN201", "ANN202", "ANN204", "ANN205", "ANN206"},
	Precision:   "96% (24 of 25 sampled findings judged right, on the 3.11 standard library and site-packages; testdata/precision/TYP002.md in the source)",
	NotIn:       analysis.NotInTestsOrGenerated,
	Summary:     "A function without a return annotation (`__init__` exempt), annotated in part or in a typed module",
	Rationale: "Without a return annotation, every caller's type is a guess, and a change in what " +
		"the function returns (an int becoming a str, None on a new path) goes unnoticed. By " +
		"default this reports functions whose parameters are annotated but not their return, and " +
		"every function of a typed module (80% of it annotated, or named in typed-modules); " +
		"require = \"all\" reports every one. Annotate it, `-> None` included. `__init__` is exempt: it " +
		"returns None by definition (Ruff's ANN204 reports it unless a parameter is annotated).",
	Bad:     "def display_name(row: CustomerRow):\n    return row.first + \" \" + row.last\n",
	Good:    "def display_name(row: CustomerRow) -> str:\n    return row.first + \" \" + row.last\n",
	Options: defaultOptions(),
	Check:   check,
	Run: func(p *analysis.Pass) {
		checked(p, func(f *function) {
			if f.returns != nil || f.name == "__init__" && f.method {
				return
			}
			// Point at `def name`, where the annotation would go after the parameters.
			start := f.node.Pos()
			p.ReportRange(start, start+len(defKeyword(f))+len(f.name), "`"+f.name+"` has no return annotation")
		})
	},
}

func defKeyword(f *function) string {
	if _, async := f.node.(*ast.AsyncFunctionDef); async {
		return "async def "
	}
	return "def "
}
