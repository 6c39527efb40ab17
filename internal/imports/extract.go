// Package imports finds the import statements of a module, resolves them against the project's
// module table, and holds the import graph with its queries (cycles, chains, dependencies).
package imports

import (
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
)

// Kind says when an import runs.
type Kind uint8

// Import kinds.
const (
	// KindModule runs when the module is imported (module level, also under if/try/with).
	KindModule Kind = iota
	// KindFunction runs when a function that contains it is called.
	KindFunction
	// KindTypeChecking never runs: it is under `if TYPE_CHECKING:`.
	KindTypeChecking
)

var kindNames = [...]string{"module", "function", "type_checking"}

func (k Kind) String() string { return kindNames[k] }

// ParseKind reads a kind name as String writes it.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return 0, false
}

// Stmt is one imported name as written: `import a.b` gives Module "a.b"; `from ..x import y`
// gives Level 2, Module "x", Name "y"; `from x import *` gives Name "*".
type Stmt struct {
	Line, Col int // position of the imported name (1-based line, 0-based UTF-8 byte column)
	// CharCol is Col as buttress shows columns: 1-based, in characters. 0 when not known
	// (Extract leaves it to the caller, which has the text: summary.Text).
	CharCol int
	// StmtLine is the first line of the import statement: Line too, unless the statement
	// spans lines (`from a import (\n    b,\n)`).
	StmtLine int
	// EndLine and EndCol are where the imported name (with its "as" alias) ends, as Line and
	// Col count: the column just past its last byte.
	EndLine, EndCol int
	Level           int
	Module          string
	Name            string // "" for a plain import
	From            bool   // a from-import
	Kind            Kind
	Guarded         bool // inside a try whose handlers catch ImportError
	// InTypeCheckingIf is grimp's reading of "under TYPE_CHECKING", which import-linter's
	// exclude_type_checking_imports follows: anywhere in an if statement (its body, elif and
	// else branches) whose test is TYPE_CHECKING or any X.TYPE_CHECKING; an elif's test is not
	// looked at, and leaving such a statement nested in another ends the state for the rest
	// of the outer one, as in grimp. Kind is Python's reading.
	InTypeCheckingIf bool
	// Comment is a comment that may silence a check of the import: one holding "ignore"
	// at the end of the import's line, or alone on the line above. "" when there is none.
	Comment string
}

// Extract returns the imports of a module in source order.
func Extract(mod *ast.Module, lines *ast.LineIndex) []Stmt {
	return ExtractInto(nil, mod, lines)
}

// ExtractInto appends the imports of a module, in source order, to dst: a caller that reuses
// dst from module to module, and copies the imports out at their length, allocates no more
// than they take (appending into a new slice leaves a quarter of it unused on average, a
// third of what graph keeps alive while it parses).
func ExtractInto(dst []Stmt, mod *ast.Module, lines *ast.LineIndex) []Stmt {
	x := extractor{lines: lines, out: dst}
	x.stmts(mod.Body, KindModule, false)
	return x.out
}

// ExtractNodesInto is ExtractInto that also appends the import statements themselves
// (*ast.Import, *ast.ImportFrom), in the order of the walk, to nodes: the usage facts read
// what they bind from them instead of a walk of their own through every statement.
func ExtractNodesInto(dst []Stmt, nodes []ast.Stmt, mod *ast.Module, lines *ast.LineIndex) ([]Stmt, []ast.Stmt) {
	x := extractor{lines: lines, out: dst, nodes: nodes, keepNodes: true}
	x.stmts(mod.Body, KindModule, false)
	return x.out, x.nodes
}

type extractor struct {
	lines     *ast.LineIndex
	out       []Stmt
	grimpTC   bool // inside an if statement grimp takes as TYPE_CHECKING (Stmt.InTypeCheckingIf)
	keepNodes bool // the import statements are appended to nodes (ExtractNodesInto)
	nodes     []ast.Stmt
}

func (x *extractor) stmts(body []ast.Stmt, kind Kind, guarded bool) {
	for _, s := range body {
		x.stmt(s, kind, guarded)
	}
}

func (x *extractor) stmt(s ast.Stmt, kind Kind, guarded bool) {
	switch n := s.(type) {
	case *ast.Import:
		if x.keepNodes {
			x.nodes = append(x.nodes, n)
		}
		first, _ := x.lines.Position(n.Pos())
		for _, a := range n.Names {
			line, col := x.lines.Position(a.Pos())
			endLine, endCol := x.lines.Position(a.EndPos())
			x.out = append(x.out, Stmt{Line: line, Col: col, StmtLine: first, EndLine: endLine, EndCol: endCol, Module: a.Name, Kind: kind, Guarded: guarded, InTypeCheckingIf: x.grimpTC})
		}
	case *ast.ImportFrom:
		if x.keepNodes {
			x.nodes = append(x.nodes, n)
		}
		module := ""
		if n.Module != nil {
			module = *n.Module
		}
		first, _ := x.lines.Position(n.Pos())
		for _, a := range n.Names {
			line, col := x.lines.Position(a.Pos())
			endLine, endCol := x.lines.Position(a.EndPos())
			x.out = append(x.out, Stmt{Line: line, Col: col, StmtLine: first, EndLine: endLine, EndCol: endCol, Level: n.Level, Module: module, Name: a.Name, From: true, Kind: kind, Guarded: guarded, InTypeCheckingIf: x.grimpTC})
		}
	case *ast.FunctionDef:
		x.stmts(n.Body, inFunction(kind), guarded)
	case *ast.AsyncFunctionDef:
		x.stmts(n.Body, inFunction(kind), guarded)
	case *ast.ClassDef:
		x.stmts(n.Body, kind, guarded)
	case *ast.If:
		x.ifStmt(n, kind, guarded, false)
	case *ast.For:
		x.stmts(n.Body, kind, guarded)
		x.stmts(n.Orelse, kind, guarded)
	case *ast.AsyncFor:
		x.stmts(n.Body, kind, guarded)
		x.stmts(n.Orelse, kind, guarded)
	case *ast.While:
		x.stmts(n.Body, kind, guarded)
		x.stmts(n.Orelse, kind, guarded)
	case *ast.With:
		x.stmts(n.Body, kind, guarded)
	case *ast.AsyncWith:
		x.stmts(n.Body, kind, guarded)
	case *ast.Match:
		for _, c := range n.Cases {
			x.stmts(c.Body, kind, guarded)
		}
	case *ast.Try:
		x.try(n.Body, n.Handlers, n.Orelse, n.Finalbody, kind, guarded)
	case *ast.TryStar:
		x.try(n.Body, n.Handlers, n.Orelse, n.Finalbody, kind, guarded)
	}
}

// ifStmt walks an if statement; elif says that it is the elif branch of another.
func (x *extractor) ifStmt(n *ast.If, kind Kind, guarded, elif bool) {
	body, orelse := kind, kind
	if kind != KindTypeChecking {
		switch typeCheckingTest(n.Test) {
		case 1:
			body = KindTypeChecking
		case -1:
			orelse = KindTypeChecking
		}
	}
	// grimp's syntax tree holds elif and else branches in the statement itself, and its
	// visitor looks at the statement's first test only.
	grimp := !elif && grimpTypeChecking(n.Test)
	if grimp {
		x.grimpTC = true
	}
	x.stmts(n.Body, body, guarded)
	if e, ok := elifOf(n, x); ok {
		x.ifStmt(e, orelse, guarded, true)
	} else {
		x.stmts(n.Orelse, orelse, guarded)
	}
	if grimp {
		x.grimpTC = false
	}
}

// elifOf returns the elif branch of an if statement: an if alone in its else branch that
// starts at the same column (the if of an else branch is indented deeper).
func elifOf(n *ast.If, x *extractor) (*ast.If, bool) {
	if len(n.Orelse) != 1 {
		return nil, false
	}
	e, ok := n.Orelse[0].(*ast.If)
	if !ok {
		return nil, false
	}
	// Their columns, not their lines: the lines of a file are found as far as an import is.
	return e, x.lines.Column(n.Pos()) == x.lines.Column(e.Pos())
}

// grimpTypeChecking reports whether grimp takes an if statement's test as TYPE_CHECKING: the
// name, or any attribute of that name.
func grimpTypeChecking(e ast.Expr) bool {
	switch t := e.(type) {
	case *ast.Name:
		return t.ID == "TYPE_CHECKING"
	case *ast.Attribute:
		return t.Attr == "TYPE_CHECKING"
	}
	return false
}

func (x *extractor) try(body []ast.Stmt, handlers []*ast.ExceptHandler, orelse, final []ast.Stmt, kind Kind, guarded bool) {
	catches := false
	for _, h := range handlers {
		if catchesImportError(h.Type) {
			catches = true
		}
	}
	x.stmts(body, kind, guarded || catches)
	for _, h := range handlers {
		x.stmts(h.Body, kind, guarded)
	}
	x.stmts(orelse, kind, guarded)
	x.stmts(final, kind, guarded)
}

func inFunction(k Kind) Kind {
	if k == KindTypeChecking {
		return k
	}
	return KindFunction
}

// typeCheckingTest returns 1 for `TYPE_CHECKING` or `typing.TYPE_CHECKING` (any module alias),
// -1 for their negation with `not`, and 0 otherwise.
func typeCheckingTest(e ast.Expr) int {
	switch t := e.(type) {
	case *ast.Name:
		if t.ID == "TYPE_CHECKING" {
			return 1
		}
	case *ast.Attribute:
		if t.Attr == "TYPE_CHECKING" {
			if _, ok := t.Value.(*ast.Name); ok {
				return 1
			}
		}
	case *ast.UnaryOp:
		if t.Op == ast.Not {
			return -typeCheckingTest(t.Operand)
		}
	}
	return 0
}

// catchesImportError reports whether an except clause of this type catches ImportError: a
// bare except, ImportError, ModuleNotFoundError, Exception or BaseException, alone or in a
// tuple, plain or qualified (builtins.ImportError).
func catchesImportError(t ast.Expr) bool {
	if t == nil {
		return true
	}
	switch e := t.(type) {
	case *ast.Tuple:
		for _, el := range e.Elts {
			if catchesImportError(el) {
				return true
			}
		}
		return false
	case *ast.Name:
		return catchesName(e.ID)
	case *ast.Attribute:
		return catchesName(e.Attr)
	}
	return false
}

func catchesName(n string) bool {
	switch n {
	case "ImportError", "ModuleNotFoundError", "Exception", "BaseException":
		return true
	}
	return false
}

// AttachComments sets the Comment of each import: the comment at the end of its line, or
// else a comment alone on the line just above, when it holds "ignore" (as "# tach-ignore"
// or "# buttress: ignore[...]" do). comments are the spans of every comment, in order.
func AttachComments(stmts []Stmt, src string, comments []ast.Span, lines *ast.LineIndex) {
	if len(stmts) == 0 || len(comments) == 0 {
		return
	}
	// A comment after the last import's line is on no import's line nor the line above one:
	// the lines of the file after it need not be found.
	last := 0
	for i := range stmts {
		last = max(last, stmts[i].Line)
	}
	end := len(src)
	if lines.HasLine(last + 1) {
		end = lines.LineStart(last + 1)
	}
	byLine := map[int]string{}
	alone := map[int]bool{}
	for _, c := range comments {
		if int(c.Start) >= end {
			break
		}
		text := src[c.Start:c.End]
		if !strings.Contains(text, "ignore") {
			continue
		}
		line, col := lines.Position(int(c.Start))
		byLine[line] = text
		start := lines.LineStart(line)
		alone[line] = strings.TrimSpace(src[start:start+col]) == ""
	}
	if len(byLine) == 0 {
		return
	}
	for i := range stmts {
		s := &stmts[i]
		if c, ok := byLine[s.Line]; ok && !alone[s.Line] {
			s.Comment = c
		} else if c, ok := byLine[s.Line-1]; ok && alone[s.Line-1] {
			s.Comment = c
		}
	}
}
