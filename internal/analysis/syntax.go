package analysis

// SyntaxRule is SYN001: a file that does not parse. Its findings are the syntax errors the
// parser reports while the project is loaded (one per file: the first error, with a count of
// the others), not the result of a Run over a tree; like any rule it is listed, explained,
// selected and ignored (`ignore = ["SYN001"]`, per-file-ignores), and it is on by default.
var SyntaxRule = &Rule{
	Code: "SYN001", Name: "syntax-error", Default: true,
	Summary: "A file that Python would refuse: a syntax error, or bytes that are not valid source",
	Rationale: "Python cannot import a file that does not parse, and buttress sees only what it could " +
		"parse around the error: its rules, metrics and imports miss the rest of the file. The message " +
		"follows CPython's. Fix the syntax for a complete check; for a file that is not Python for the target " +
		"version on purpose (a template, a fixture), exclude it or list it in per-file-ignores.",
	Bad:  "def total(items:\n    return sum(items)\n",
	Good: "def total(items):\n    return sum(items)\n",
	Run:  func(*Pass) {}, // reported by the loading step
}
