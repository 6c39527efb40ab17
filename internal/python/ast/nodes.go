// Package ast declares the syntax tree of a Python module, with the node names and fields of
// CPython's ast module (Python 3.13, plus the 3.14 template strings). Every node records its
// byte range in the source; lines and columns come from a LineIndex only when needed.
//
// Struct fields appear in the order of CPython's _fields, and carry a `py` tag naming the field,
// so that a tree can be written out exactly as CPython's ast module shows it.
package ast

import "math/big"

// Span is the byte range [Start, End) of a node in its (UTF-8, newline-normalised) source.
type Span struct {
	Start, End int32
}

// Pos returns the offset of the node's first byte.
func (s *Span) Pos() int { return int(s.Start) }

// EndPos returns the offset just past the node's last byte.
func (s *Span) EndPos() int { return int(s.End) }

// span returns the receiver; it lets generic code reach the range of any node.
func (s *Span) span() *Span { return s }

// Node is any syntax tree node.
type Node interface {
	Pos() int
	EndPos() int
	span() *Span
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Pattern is a pattern of a match statement.
type Pattern interface {
	Node
	patternNode()
}

// TypeParam is a PEP 695 type parameter.
type TypeParam interface {
	Node
	typeParamNode()
}

// SetSpan sets the byte range of n.
func SetSpan(n Node, start, end int) { s := n.span(); s.Start, s.End = int32(start), int32(end) }

// ---------------------------------------------------------------------------------------------
// Enumerations (CPython's singleton nodes).

// ExprContext says whether an expression is read, assigned or deleted.
type ExprContext uint8

// Expression contexts.
const (
	Load ExprContext = iota
	Store
	Del
)

// BoolOpKind is `and` or `or`.
type BoolOpKind uint8

// Boolean operators.
const (
	And BoolOpKind = iota
	Or
)

// Operator is a binary operator.
type Operator uint8

// Binary operators.
const (
	Add Operator = iota
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

// UnaryOpKind is a unary operator.
type UnaryOpKind uint8

// Unary operators.
const (
	Invert UnaryOpKind = iota
	Not
	UAdd
	USub
)

// CmpOp is a comparison operator.
type CmpOp uint8

// Comparison operators.
const (
	Eq CmpOp = iota
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

var (
	exprContextNames = [...]string{"Load", "Store", "Del"}
	boolOpNames      = [...]string{"And", "Or"}
	operatorNames    = [...]string{"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"}
	unaryOpNames     = [...]string{"Invert", "Not", "UAdd", "USub"}
	cmpOpNames       = [...]string{"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"}
)

func (c ExprContext) String() string { return exprContextNames[c] }
func (o BoolOpKind) String() string  { return boolOpNames[o] }
func (o Operator) String() string    { return operatorNames[o] }
func (o UnaryOpKind) String() string { return unaryOpNames[o] }
func (o CmpOp) String() string       { return cmpOpNames[o] }

// ---------------------------------------------------------------------------------------------
// Module and helper nodes.

// Module is a parsed file.
type Module struct {
	Span
	Body        []Stmt        `py:"body"`
	TypeIgnores []*TypeIgnore `py:"type_ignores"`
}

// TypeIgnore is a `# type: ignore` comment (only collected when asked for; never by default).
type TypeIgnore struct {
	Span
	Lineno int    `py:"lineno"`
	Tag    string `py:"tag"`
}

// Arguments is the parameter list of a function or lambda.
type Arguments struct {
	Span
	PosOnlyArgs []*Arg `py:"posonlyargs"`
	Args        []*Arg `py:"args"`
	Vararg      *Arg   `py:"vararg"`
	KwOnlyArgs  []*Arg `py:"kwonlyargs"`
	KwDefaults  []Expr `py:"kw_defaults"` // nil entries for keyword-only parameters without default
	Kwarg       *Arg   `py:"kwarg"`
	Defaults    []Expr `py:"defaults"`
}

// Arg is one parameter.
type Arg struct {
	Span
	Arg         string  `py:"arg"`
	Annotation  Expr    `py:"annotation"`
	TypeComment *string `py:"type_comment"`
}

// Keyword is a keyword argument of a call or class definition; Arg is nil for `**x`.
type Keyword struct {
	Span
	Arg   *string `py:"arg"`
	Value Expr    `py:"value"`
}

// Alias is one name of an import.
type Alias struct {
	Span
	Name   string  `py:"name"`
	Asname *string `py:"asname"`
}

// WithItem is one context manager of a with statement.
type WithItem struct {
	Span
	ContextExpr  Expr `py:"context_expr"`
	OptionalVars Expr `py:"optional_vars"`
}

// Comprehension is one `for ... in ... if ...` clause.
type Comprehension struct {
	Span
	Target  Expr   `py:"target"`
	Iter    Expr   `py:"iter"`
	Ifs     []Expr `py:"ifs"`
	IsAsync int    `py:"is_async"`
}

// ExceptHandler is one `except` clause.
type ExceptHandler struct {
	Span
	Type Expr    `py:"type"`
	Name *string `py:"name"`
	Body []Stmt  `py:"body"`
}

// MatchCase is one `case` block.
type MatchCase struct {
	Span
	Pattern Pattern `py:"pattern"`
	Guard   Expr    `py:"guard"`
	Body    []Stmt  `py:"body"`
}

// ---------------------------------------------------------------------------------------------
// Statements.

type (
	// FunctionDef is `def name(args) -> returns: body`.
	FunctionDef struct {
		Span
		Name          string      `py:"name"`
		Args          *Arguments  `py:"args"`
		Body          []Stmt      `py:"body"`
		DecoratorList []Expr      `py:"decorator_list"`
		Returns       Expr        `py:"returns"`
		TypeComment   *string     `py:"type_comment"`
		TypeParams    []TypeParam `py:"type_params"`
	}
	// AsyncFunctionDef is `async def`.
	AsyncFunctionDef struct {
		Span
		Name          string      `py:"name"`
		Args          *Arguments  `py:"args"`
		Body          []Stmt      `py:"body"`
		DecoratorList []Expr      `py:"decorator_list"`
		Returns       Expr        `py:"returns"`
		TypeComment   *string     `py:"type_comment"`
		TypeParams    []TypeParam `py:"type_params"`
	}
	// ClassDef is `class name(bases, keywords): body`.
	ClassDef struct {
		Span
		Name          string      `py:"name"`
		Bases         []Expr      `py:"bases"`
		Keywords      []*Keyword  `py:"keywords"`
		Body          []Stmt      `py:"body"`
		DecoratorList []Expr      `py:"decorator_list"`
		TypeParams    []TypeParam `py:"type_params"`
	}
	// Return is `return [value]`.
	Return struct {
		Span
		Value Expr `py:"value"`
	}
	// Delete is `del targets`.
	Delete struct {
		Span
		Targets []Expr `py:"targets"`
	}
	// Assign is `t1 = t2 = value`.
	Assign struct {
		Span
		Targets     []Expr  `py:"targets"`
		Value       Expr    `py:"value"`
		TypeComment *string `py:"type_comment"`
	}
	// TypeAlias is `type Name[params] = value`.
	TypeAlias struct {
		Span
		Name       Expr        `py:"name"`
		TypeParams []TypeParam `py:"type_params"`
		Value      Expr        `py:"value"`
	}
	// AugAssign is `target op= value`.
	AugAssign struct {
		Span
		Target Expr     `py:"target"`
		Op     Operator `py:"op"`
		Value  Expr     `py:"value"`
	}
	// AnnAssign is `target: annotation [= value]`.
	AnnAssign struct {
		Span
		Target     Expr `py:"target"`
		Annotation Expr `py:"annotation"`
		Value      Expr `py:"value"`
		Simple     int  `py:"simple"`
	}
	// For is `for target in iter: body else: orelse`.
	For struct {
		Span
		Target      Expr    `py:"target"`
		Iter        Expr    `py:"iter"`
		Body        []Stmt  `py:"body"`
		Orelse      []Stmt  `py:"orelse"`
		TypeComment *string `py:"type_comment"`
	}
	// AsyncFor is `async for`.
	AsyncFor struct {
		Span
		Target      Expr    `py:"target"`
		Iter        Expr    `py:"iter"`
		Body        []Stmt  `py:"body"`
		Orelse      []Stmt  `py:"orelse"`
		TypeComment *string `py:"type_comment"`
	}
	// While is `while test: body else: orelse`.
	While struct {
		Span
		Test   Expr   `py:"test"`
		Body   []Stmt `py:"body"`
		Orelse []Stmt `py:"orelse"`
	}
	// If is `if test: body else: orelse` (an elif is a nested If in Orelse).
	If struct {
		Span
		Test   Expr   `py:"test"`
		Body   []Stmt `py:"body"`
		Orelse []Stmt `py:"orelse"`
	}
	// With is `with items: body`.
	With struct {
		Span
		Items       []*WithItem `py:"items"`
		Body        []Stmt      `py:"body"`
		TypeComment *string     `py:"type_comment"`
	}
	// AsyncWith is `async with`.
	AsyncWith struct {
		Span
		Items       []*WithItem `py:"items"`
		Body        []Stmt      `py:"body"`
		TypeComment *string     `py:"type_comment"`
	}
	// Match is `match subject: cases`.
	Match struct {
		Span
		Subject Expr         `py:"subject"`
		Cases   []*MatchCase `py:"cases"`
	}
	// Raise is `raise [exc [from cause]]`.
	Raise struct {
		Span
		Exc   Expr `py:"exc"`
		Cause Expr `py:"cause"`
	}
	// Try is `try: ... except ...: ... else: ... finally: ...`.
	Try struct {
		Span
		Body      []Stmt           `py:"body"`
		Handlers  []*ExceptHandler `py:"handlers"`
		Orelse    []Stmt           `py:"orelse"`
		Finalbody []Stmt           `py:"finalbody"`
	}
	// TryStar is a try statement with `except*` handlers.
	TryStar struct {
		Span
		Body      []Stmt           `py:"body"`
		Handlers  []*ExceptHandler `py:"handlers"`
		Orelse    []Stmt           `py:"orelse"`
		Finalbody []Stmt           `py:"finalbody"`
	}
	// Assert is `assert test, msg`.
	Assert struct {
		Span
		Test Expr `py:"test"`
		Msg  Expr `py:"msg"`
	}
	// Import is `import a.b as c, d`.
	Import struct {
		Span
		Names []*Alias `py:"names"`
	}
	// ImportFrom is `from ..module import names`; Module is nil for `from . import x`.
	ImportFrom struct {
		Span
		Module *string  `py:"module"`
		Names  []*Alias `py:"names"`
		Level  int      `py:"level"`
	}
	// Global is `global names`.
	Global struct {
		Span
		Names []string `py:"names"`
	}
	// Nonlocal is `nonlocal names`.
	Nonlocal struct {
		Span
		Names []string `py:"names"`
	}
	// ExprStmt is an expression used as a statement (CPython's Expr).
	ExprStmt struct {
		Span
		Value Expr `py:"value"`
	}
	// Pass is `pass`.
	Pass struct{ Span }
	// Break is `break`.
	Break struct{ Span }
	// Continue is `continue`.
	Continue struct{ Span }
)

func (*FunctionDef) stmtNode()      {}
func (*AsyncFunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()         {}
func (*Return) stmtNode()           {}
func (*Delete) stmtNode()           {}
func (*Assign) stmtNode()           {}
func (*TypeAlias) stmtNode()        {}
func (*AugAssign) stmtNode()        {}
func (*AnnAssign) stmtNode()        {}
func (*For) stmtNode()              {}
func (*AsyncFor) stmtNode()         {}
func (*While) stmtNode()            {}
func (*If) stmtNode()               {}
func (*With) stmtNode()             {}
func (*AsyncWith) stmtNode()        {}
func (*Match) stmtNode()            {}
func (*Raise) stmtNode()            {}
func (*Try) stmtNode()              {}
func (*TryStar) stmtNode()          {}
func (*Assert) stmtNode()           {}
func (*Import) stmtNode()           {}
func (*ImportFrom) stmtNode()       {}
func (*Global) stmtNode()           {}
func (*Nonlocal) stmtNode()         {}
func (*ExprStmt) stmtNode()         {}
func (*Pass) stmtNode()             {}
func (*Break) stmtNode()            {}
func (*Continue) stmtNode()         {}

// ---------------------------------------------------------------------------------------------
// Expressions.

type (
	// BoolOp is `a and b and c` (Values has two or more items).
	BoolOp struct {
		Span
		Op     BoolOpKind `py:"op"`
		Values []Expr     `py:"values"`
	}
	// NamedExpr is `target := value`.
	NamedExpr struct {
		Span
		Target Expr `py:"target"`
		Value  Expr `py:"value"`
	}
	// BinOp is `left op right`.
	BinOp struct {
		Span
		Left  Expr     `py:"left"`
		Op    Operator `py:"op"`
		Right Expr     `py:"right"`
	}
	// UnaryOp is `op operand`.
	UnaryOp struct {
		Span
		Op      UnaryOpKind `py:"op"`
		Operand Expr        `py:"operand"`
	}
	// Lambda is `lambda args: body`.
	Lambda struct {
		Span
		Args *Arguments `py:"args"`
		Body Expr       `py:"body"`
	}
	// IfExp is `body if test else orelse`.
	IfExp struct {
		Span
		Test   Expr `py:"test"`
		Body   Expr `py:"body"`
		Orelse Expr `py:"orelse"`
	}
	// Dict is `{k: v, **d}`; a nil key stands for `**value`.
	Dict struct {
		Span
		Keys   []Expr `py:"keys"`
		Values []Expr `py:"values"`
	}
	// Set is `{a, b}`.
	Set struct {
		Span
		Elts []Expr `py:"elts"`
	}
	// ListComp is `[elt for ...]`.
	ListComp struct {
		Span
		Elt        Expr             `py:"elt"`
		Generators []*Comprehension `py:"generators"`
	}
	// SetComp is `{elt for ...}`.
	SetComp struct {
		Span
		Elt        Expr             `py:"elt"`
		Generators []*Comprehension `py:"generators"`
	}
	// DictComp is `{key: value for ...}`.
	DictComp struct {
		Span
		Key        Expr             `py:"key"`
		Value      Expr             `py:"value"`
		Generators []*Comprehension `py:"generators"`
	}
	// GeneratorExp is `(elt for ...)`.
	GeneratorExp struct {
		Span
		Elt        Expr             `py:"elt"`
		Generators []*Comprehension `py:"generators"`
	}
	// Await is `await value`.
	Await struct {
		Span
		Value Expr `py:"value"`
	}
	// Yield is `yield [value]`.
	Yield struct {
		Span
		Value Expr `py:"value"`
	}
	// YieldFrom is `yield from value`.
	YieldFrom struct {
		Span
		Value Expr `py:"value"`
	}
	// Compare is `left op1 c1 op2 c2 ...`.
	Compare struct {
		Span
		Left        Expr    `py:"left"`
		Ops         []CmpOp `py:"ops"`
		Comparators []Expr  `py:"comparators"`
	}
	// Call is `func(args, keywords)`.
	Call struct {
		Span
		Func     Expr       `py:"func"`
		Args     []Expr     `py:"args"`
		Keywords []*Keyword `py:"keywords"`
	}
	// FormattedValue is one `{value!conversion:format_spec}` field of an f-string.
	// Conversion is -1 (none) or the code of 's', 'r' or 'a'.
	FormattedValue struct {
		Span
		Value      Expr `py:"value"`
		Conversion int  `py:"conversion"`
		FormatSpec Expr `py:"format_spec"`
	}
	// Interpolation is one `{value!conversion:format_spec}` field of a t-string (Python 3.14);
	// Str is the source text of the expression.
	Interpolation struct {
		Span
		Value      Expr   `py:"value"`
		Str        string `py:"str"`
		Conversion int    `py:"conversion"`
		FormatSpec Expr   `py:"format_spec"`
	}
	// JoinedStr is an f-string: Constant and FormattedValue parts.
	JoinedStr struct {
		Span
		Values []Expr `py:"values"`
	}
	// TemplateStr is a t-string (Python 3.14): Constant and Interpolation parts.
	TemplateStr struct {
		Span
		Values []Expr `py:"values"`
	}
	// Constant is a literal value.
	Constant struct {
		Span
		Value ConstValue `py:"value"`
		Kind  *string    `py:"kind"` // "u" for a u-prefixed string, else nil
	}
	// Attribute is `value.attr`.
	Attribute struct {
		Span
		Value Expr        `py:"value"`
		Attr  string      `py:"attr"`
		Ctx   ExprContext `py:"ctx"`
	}
	// Subscript is `value[slice]`.
	Subscript struct {
		Span
		Value Expr        `py:"value"`
		Slice Expr        `py:"slice"`
		Ctx   ExprContext `py:"ctx"`
	}
	// Starred is `*value`.
	Starred struct {
		Span
		Value Expr        `py:"value"`
		Ctx   ExprContext `py:"ctx"`
	}
	// Name is an identifier.
	Name struct {
		Span
		ID  string      `py:"id"`
		Ctx ExprContext `py:"ctx"`
	}
	// List is `[elts]`.
	List struct {
		Span
		Elts []Expr      `py:"elts"`
		Ctx  ExprContext `py:"ctx"`
	}
	// Tuple is `(elts)` or `a, b`.
	Tuple struct {
		Span
		Elts []Expr      `py:"elts"`
		Ctx  ExprContext `py:"ctx"`
	}
	// Slice is `lower:upper:step` inside a subscript.
	Slice struct {
		Span
		Lower Expr `py:"lower"`
		Upper Expr `py:"upper"`
		Step  Expr `py:"step"`
	}
)

func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*Interpolation) exprNode()  {}
func (*JoinedStr) exprNode()      {}
func (*TemplateStr) exprNode()    {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}

// ConstKind says which kind of Python value a Constant holds.
type ConstKind uint8

// Constant kinds.
const (
	ConstNone ConstKind = iota
	ConstTrue
	ConstFalse
	ConstEllipsis
	ConstInt
	ConstFloat
	ConstComplex
	ConstStr
	ConstBytes
)

// ConstValue is the value of a Constant: for ConstInt, Big when set, else Int; for ConstFloat,
// Float; for ConstComplex, Float is the imaginary part; for ConstStr, Str in WTF-8 (lone
// surrogates encoded as three bytes); for ConstBytes, Str holds the bytes.
type ConstValue struct {
	Kind  ConstKind
	Int   int64
	Big   *big.Int
	Float float64
	Str   string
}

// ---------------------------------------------------------------------------------------------
// Patterns.

type (
	// MatchValue is a value pattern (`1`, `"x"`, `Color.RED`).
	MatchValue struct {
		Span
		Value Expr `py:"value"`
	}
	// MatchSingleton is `None`, `True` or `False`.
	MatchSingleton struct {
		Span
		Value ConstValue `py:"value"`
	}
	// MatchSequence is `[p1, p2]` or `(p1, p2)`.
	MatchSequence struct {
		Span
		Patterns []Pattern `py:"patterns"`
	}
	// MatchMapping is `{k: p, **rest}`.
	MatchMapping struct {
		Span
		Keys     []Expr    `py:"keys"`
		Patterns []Pattern `py:"patterns"`
		Rest     *string   `py:"rest"`
	}
	// MatchClass is `Cls(p1, attr=p2)`.
	MatchClass struct {
		Span
		Cls         Expr      `py:"cls"`
		Patterns    []Pattern `py:"patterns"`
		KwdAttrs    []string  `py:"kwd_attrs"`
		KwdPatterns []Pattern `py:"kwd_patterns"`
	}
	// MatchStar is `*name` (Name nil for `*_`).
	MatchStar struct {
		Span
		Name *string `py:"name"`
	}
	// MatchAs is `pattern as name`, a capture `name`, or the wildcard `_` (both nil).
	MatchAs struct {
		Span
		Pattern Pattern `py:"pattern"`
		Name    *string `py:"name"`
	}
	// MatchOr is `p1 | p2`.
	MatchOr struct {
		Span
		Patterns []Pattern `py:"patterns"`
	}
)

func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}

// ---------------------------------------------------------------------------------------------
// Type parameters.

type (
	// TypeVar is `T`, `T: bound` or `T = default`.
	TypeVar struct {
		Span
		Name         string `py:"name"`
		Bound        Expr   `py:"bound"`
		DefaultValue Expr   `py:"default_value"`
	}
	// ParamSpec is `**P`.
	ParamSpec struct {
		Span
		Name         string `py:"name"`
		DefaultValue Expr   `py:"default_value"`
	}
	// TypeVarTuple is `*Ts`.
	TypeVarTuple struct {
		Span
		Name         string `py:"name"`
		DefaultValue Expr   `py:"default_value"`
	}
)

func (*TypeVar) typeParamNode()      {}
func (*ParamSpec) typeParamNode()    {}
func (*TypeVarTuple) typeParamNode() {}

// HasDecorator reports whether one of decos is name or ends in .name (`@staticmethod`,
// `@abc.abstractmethod`).
func HasDecorator(decos []Expr, name string) bool {
	for _, d := range decos {
		switch x := d.(type) {
		case *Name:
			if x.ID == name {
				return true
			}
		case *Attribute:
			if x.Attr == name {
				return true
			}
		}
	}
	return false
}

// LastName is the last name of a name or a dotted attribute (`abc.ABC` gives "ABC"); "" for
// any other expression. Rules that match names as written, without resolving imports, use it.
func LastName(e Expr) string {
	switch x := e.(type) {
	case *Name:
		return x.ID
	case *Attribute:
		return x.Attr
	}
	return ""
}

// TryParts returns the blocks of a try statement, with except or except* (Try or TryStar);
// ok is false for any other node.
func TryParts(n Node) (body []Stmt, handlers []*ExceptHandler, orelse, finalbody []Stmt, ok bool) {
	switch t := n.(type) {
	case *Try:
		return t.Body, t.Handlers, t.Orelse, t.Finalbody, true
	case *TryStar:
		return t.Body, t.Handlers, t.Orelse, t.Finalbody, true
	}
	return nil, nil, nil, nil, false
}

// StringList returns the strings of a list or tuple display whose elements are all string
// literals (`["a", "b"]`, `("a",)`), as `__all__` is written; ok is false for anything else.
// The strings share the source.
func StringList(e Expr) (strs []string, ok bool) {
	var elts []Expr
	switch e := e.(type) {
	case *List:
		elts = e.Elts
	case *Tuple:
		elts = e.Elts
	default:
		return nil, false
	}
	strs = make([]string, 0, len(elts))
	for _, x := range elts {
		c, isConst := x.(*Constant)
		if !isConst || c.Value.Kind != ConstStr {
			return nil, false
		}
		strs = append(strs, c.Value.Str)
	}
	return strs, true
}
