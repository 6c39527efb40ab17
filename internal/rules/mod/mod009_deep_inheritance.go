package mod

import (
	"github.com/buttresspy/buttress/internal/analysis"
)

// DeepInheritance reports classes with more first-party ancestors in a line than the
// threshold. It is a Project rule: the classes' bases are resolved across the project (see
// dead.Hierarchies), and its findings are made by the check of the whole project.
var DeepInheritance = &analysis.Rule{
	Code: "MOD009", Name: "deep-inheritance", Project: true,
	NotIn:   analysis.NotInTestsOrGenerated,
	Summary: "A class with more of the project's own classes above it in a line than the threshold (default 4)",
	Rationale: "Each level of inheritance is code a reader must hold in mind to know what a method " +
		"does, and a change to any level reaches every class below. Only the project's own " +
		"ancestors count: a base from the standard library or a third party (Django's Model, " +
		"unittest's TestCase) ends the line, as its depth is not the team's to choose, which is " +
		"why pylint's too-many-ancestors (the whole MRO) is so often turned off. Bases are resolved " +
		"through imports and re-exports across the project (`from pkg import Base`, where pkg " +
		"re-exports it from pkg.base). The depth is the longest line of first-party bases; the " +
		"finding names it. Prefer composition, or flatten the levels that add little. Off by " +
		"default, as every MOD rule: the threshold is a team's call. With the default 4, the 3.11 " +
		"standard library has 53 such classes (asyncio's transports: _ProactorWritePipeTransport " +
		"has 6 above it) and Django 3.2 has 3 (its UUID lookups).",
	Bad:     "class A: ...\nclass B(A): ...\nclass C(B): ...\nclass D(C): ...\nclass E(D): ...\nclass F(E): ...  # A, B, C, D, E above it\n",
	Good:    "class Store: ...\nclass SqlStore(Store): ...\nclass Orders:\n    def __init__(self, store: Store): ...\n",
	Options: &Max{Max: 4},
	Check:   checkMax,
}
