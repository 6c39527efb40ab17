package api

import (
	"strconv"
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/literal"
)

// Unparse writes an expression back as canonical Python source: one space around binary
// operators, none inside brackets, single-quoted strings. Two expressions that differ only in
// layout, quotes or redundant parentheses unparse to the same text, which is how defaults and
// decorators are compared. Constructs that never appear in a signature (comprehensions,
// f-strings, await, yield) are written as "..." rather than reproduced.
func Unparse(e ast.Expr) string {
	var b strings.Builder
	unparse(&b, e)
	return b.String()
}

var binOps = map[ast.Operator]string{
	ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.Mod: "%",
	ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
	ast.BitAnd: "&", ast.FloorDiv: "//",
}

var cmpOps = map[ast.CmpOp]string{
	ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
	ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}

func unparse(b *strings.Builder, e ast.Expr) {
	switch e := e.(type) {
	case nil:
		b.WriteString("")
	case *ast.Name:
		b.WriteString(e.ID)
	case *ast.Attribute:
		unparse(b, e.Value)
		b.WriteByte('.')
		b.WriteString(e.Attr)
	case *ast.Constant:
		b.WriteString(constText(e.Value))
	case *ast.Call:
		unparse(b, e.Func)
		b.WriteByte('(')
		n := 0
		for _, a := range e.Args {
			if n > 0 {
				b.WriteString(", ")
			}
			unparse(b, a)
			n++
		}
		for _, k := range e.Keywords {
			if n > 0 {
				b.WriteString(", ")
			}
			if k.Arg == nil {
				b.WriteString("**")
			} else {
				b.WriteString(*k.Arg)
				b.WriteByte('=')
			}
			unparse(b, k.Value)
			n++
		}
		b.WriteByte(')')
	case *ast.Subscript:
		unparse(b, e.Value)
		b.WriteByte('[')
		if t, ok := e.Slice.(*ast.Tuple); ok && len(t.Elts) > 0 {
			elts(b, t.Elts)
		} else {
			unparse(b, e.Slice)
		}
		b.WriteByte(']')
	case *ast.Tuple:
		b.WriteByte('(')
		elts(b, e.Elts)
		if len(e.Elts) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *ast.List:
		b.WriteByte('[')
		elts(b, e.Elts)
		b.WriteByte(']')
	case *ast.Set:
		b.WriteByte('{')
		elts(b, e.Elts)
		b.WriteByte('}')
	case *ast.Dict:
		b.WriteByte('{')
		for i := range e.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			if e.Keys[i] == nil {
				b.WriteString("**")
			} else {
				unparse(b, e.Keys[i])
				b.WriteString(": ")
			}
			unparse(b, e.Values[i])
		}
		b.WriteByte('}')
	case *ast.BinOp:
		b.WriteByte('(')
		unparse(b, e.Left)
		b.WriteString(" " + binOps[e.Op] + " ")
		unparse(b, e.Right)
		b.WriteByte(')')
	case *ast.UnaryOp:
		switch e.Op {
		case ast.USub:
			b.WriteByte('-')
		case ast.UAdd:
			b.WriteByte('+')
		case ast.Invert:
			b.WriteByte('~')
		case ast.Not:
			b.WriteString("not ")
		}
		unparse(b, e.Operand)
	case *ast.BoolOp:
		op := " and "
		if e.Op == ast.Or {
			op = " or "
		}
		b.WriteByte('(')
		for i, v := range e.Values {
			if i > 0 {
				b.WriteString(op)
			}
			unparse(b, v)
		}
		b.WriteByte(')')
	case *ast.Compare:
		b.WriteByte('(')
		unparse(b, e.Left)
		for i, op := range e.Ops {
			b.WriteString(" " + cmpOps[op] + " ")
			unparse(b, e.Comparators[i])
		}
		b.WriteByte(')')
	case *ast.IfExp:
		b.WriteByte('(')
		unparse(b, e.Body)
		b.WriteString(" if ")
		unparse(b, e.Test)
		b.WriteString(" else ")
		unparse(b, e.Orelse)
		b.WriteByte(')')
	case *ast.Starred:
		b.WriteByte('*')
		unparse(b, e.Value)
	case *ast.Slice:
		unparse(b, e.Lower)
		b.WriteByte(':')
		unparse(b, e.Upper)
		if e.Step != nil {
			b.WriteByte(':')
			unparse(b, e.Step)
		}
	case *ast.Lambda:
		b.WriteString("<lambda>")
	default:
		b.WriteString("...")
	}
}

func elts(b *strings.Builder, es []ast.Expr) {
	for i, x := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		unparse(b, x)
	}
}

func constText(v ast.ConstValue) string {
	switch v.Kind {
	case ast.ConstNone:
		return "None"
	case ast.ConstTrue:
		return "True"
	case ast.ConstFalse:
		return "False"
	case ast.ConstEllipsis:
		return "..."
	case ast.ConstInt:
		if v.Big != nil {
			return v.Big.String()
		}
		return strconv.FormatInt(v.Int, 10)
	case ast.ConstFloat:
		return literal.FormatFloat(v.Float)
	case ast.ConstComplex:
		return literal.FormatFloat(v.Float) + "j"
	case ast.ConstStr:
		return pyQuote(v.Str)
	case ast.ConstBytes:
		return "b" + pyQuote(v.Str)
	}
	return "..."
}

// pyQuote writes s as a single-quoted literal (the escapes are Go's, which is enough for a
// text that is compared and shown, never evaluated).
func pyQuote(s string) string {
	q := strconv.Quote(s)
	q = q[1 : len(q)-1]
	q = strings.ReplaceAll(q, `\"`, `"`)
	q = strings.ReplaceAll(q, `'`, `\'`)
	return "'" + q + "'"
}
