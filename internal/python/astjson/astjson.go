// Package astjson writes a syntax tree as the canonical AST JSON of docs/ast-json.md:
// the form in which CPython's own ast module would show the same tree, so the two can be
// compared value for value.
package astjson

import (
	"io"
	"reflect"
	"strconv"
	"sync"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/literal"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// classNames maps Go node types whose name differs from CPython's.
var classNames = map[string]string{
	"ExprStmt":      "Expr",
	"Arguments":     "arguments",
	"Arg":           "arg",
	"Keyword":       "keyword",
	"Alias":         "alias",
	"WithItem":      "withitem",
	"Comprehension": "comprehension",
	"MatchCase":     "match_case",
}

// noAttributes lists the node classes that have no position attributes in CPython.
var noAttributes = map[string]bool{
	"Module": true, "arguments": true, "comprehension": true, "withitem": true,
	"match_case": true, "TypeIgnore": true,
}

type fieldInfo struct {
	index int
	name  string
}

type typeInfo struct {
	class     string
	positions bool
	fields    []fieldInfo
}

var typeCache sync.Map // reflect.Type -> *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if v, ok := typeCache.Load(t); ok {
		return v.(*typeInfo)
	}
	class := t.Name()
	if c, ok := classNames[class]; ok {
		class = c
	}
	ti := &typeInfo{class: class, positions: !noAttributes[class]}
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("py"); tag != "" {
			ti.fields = append(ti.fields, fieldInfo{index: i, name: tag})
		}
	}
	typeCache.Store(t, ti)
	return ti
}

var (
	constType = reflect.TypeOf(ast.ConstValue{})
	ctxType   = reflect.TypeOf(ast.Load)
	boolType  = reflect.TypeOf(ast.And)
	opType    = reflect.TypeOf(ast.Add)
	unaryType = reflect.TypeOf(ast.Not)
	cmpType   = reflect.TypeOf(ast.Eq)
)

type writer struct {
	buf   []byte
	lines *ast.LineIndex
	out   io.Writer // when not nil, buf is written to it as it fills (see WriteFile)
	err   error     // the first error writing to out
}

// flushAt is the size at which WriteFile writes what it has.
const flushAt = 64 << 10

// flush writes buf to out once it holds flushAt bytes.
func (w *writer) flush(force bool) {
	if w.out == nil || len(w.buf) < flushAt && !force {
		return
	}
	if w.err == nil {
		_, w.err = w.out.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

// WriteFile writes the JSON object for one file and a newline to out, as it goes: the JSON of
// a large file is many times the size of its source (about 130 bytes per byte for a file of
// one-word statements), and AppendFile holds all of it. It returns the first write error.
func WriteFile(out io.Writer, path string, res *parser.Result) error {
	w := &writer{buf: make([]byte, 0, flushAt+4096), out: out}
	w.file(path, res)
	w.buf = append(w.buf, '\n')
	w.flush(true)
	return w.err
}

// AppendFile appends the JSON object for one file, without a trailing newline.
func AppendFile(dst []byte, path string, res *parser.Result) []byte {
	w := &writer{buf: dst}
	w.file(path, res)
	return w.buf
}

func (w *writer) file(path string, res *parser.Result) {
	w.lines = res.Lines
	w.buf = append(w.buf, `{"path": `...)
	w.buf = literal.AppendJSONString(w.buf, path)
	w.buf = append(w.buf, `, "ast": `...)
	if res.Module == nil {
		w.buf = append(w.buf, "null"...)
	} else {
		w.value(reflect.ValueOf(res.Module))
	}
	w.buf = append(w.buf, `, "errors": [`...)
	for i, e := range res.Errors {
		if i > 0 {
			w.buf = append(w.buf, ", "...)
		}
		w.buf = append(w.buf, `{"line": `...)
		w.buf = strconv.AppendInt(w.buf, int64(e.Line), 10)
		w.buf = append(w.buf, `, "col": `...)
		w.buf = strconv.AppendInt(w.buf, int64(e.Col), 10)
		w.buf = append(w.buf, `, "message": `...)
		w.buf = literal.AppendJSONString(w.buf, e.Msg)
		w.buf = append(w.buf, '}')
		w.flush(false)
	}
	w.buf = append(w.buf, "]}"...)
}

// AppendNode appends the JSON of a single node (positions resolved through lines).
func AppendNode(dst []byte, n ast.Node, lines *ast.LineIndex) []byte {
	w := &writer{buf: dst, lines: lines}
	w.value(reflect.ValueOf(n))
	return w.buf
}

func (w *writer) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return
		}
		e := v.Elem()
		if e.Kind() == reflect.Struct {
			w.node(e)
			return
		}
		w.value(e)
	case reflect.Slice:
		w.buf = append(w.buf, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				w.buf = append(w.buf, ", "...)
			}
			w.value(v.Index(i))
			w.flush(false)
		}
		w.buf = append(w.buf, ']')
	case reflect.String:
		w.buf = literal.AppendJSONString(w.buf, v.String())
	case reflect.Int:
		w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
	case reflect.Uint8:
		var name string
		switch v.Type() {
		case ctxType:
			name = ast.ExprContext(v.Uint()).String()
		case boolType:
			name = ast.BoolOpKind(v.Uint()).String()
		case opType:
			name = ast.Operator(v.Uint()).String()
		case unaryType:
			name = ast.UnaryOpKind(v.Uint()).String()
		case cmpType:
			name = ast.CmpOp(v.Uint()).String()
		}
		w.buf = append(w.buf, `{"_type": "`...)
		w.buf = append(w.buf, name...)
		w.buf = append(w.buf, `"}`...)
	case reflect.Struct:
		if v.Type() == constType {
			w.constant(v.Interface().(ast.ConstValue))
			return
		}
		w.node(v)
	default:
		panic("astjson: unexpected field kind " + v.Kind().String())
	}
}

func (w *writer) node(v reflect.Value) {
	ti := infoOf(v.Type())
	w.buf = append(w.buf, `{"_type": "`...)
	w.buf = append(w.buf, ti.class...)
	w.buf = append(w.buf, '"')
	for _, f := range ti.fields {
		w.buf = append(w.buf, `, "`...)
		w.buf = append(w.buf, f.name...)
		w.buf = append(w.buf, `": `...)
		w.value(v.Field(f.index))
	}
	if ti.positions {
		s := v.Field(0).Interface().(ast.Span)
		l1, c1 := w.lines.Position(int(s.Start))
		l2, c2 := w.lines.Position(int(s.End))
		w.buf = append(w.buf, `, "lineno": `...)
		w.buf = strconv.AppendInt(w.buf, int64(l1), 10)
		w.buf = append(w.buf, `, "col_offset": `...)
		w.buf = strconv.AppendInt(w.buf, int64(c1), 10)
		w.buf = append(w.buf, `, "end_lineno": `...)
		w.buf = strconv.AppendInt(w.buf, int64(l2), 10)
		w.buf = append(w.buf, `, "end_col_offset": `...)
		w.buf = strconv.AppendInt(w.buf, int64(c2), 10)
	}
	w.buf = append(w.buf, '}')
}

func (w *writer) constant(c ast.ConstValue) {
	switch c.Kind {
	case ast.ConstNone:
		w.buf = append(w.buf, `{"const": "None"}`...)
	case ast.ConstTrue:
		w.buf = append(w.buf, `{"const": "True"}`...)
	case ast.ConstFalse:
		w.buf = append(w.buf, `{"const": "False"}`...)
	case ast.ConstEllipsis:
		w.buf = append(w.buf, `{"const": "Ellipsis"}`...)
	case ast.ConstInt:
		w.buf = append(w.buf, `{"int": "`...)
		if c.Big != nil {
			w.buf = c.Big.Append(w.buf, 10)
		} else {
			w.buf = strconv.AppendInt(w.buf, c.Int, 10)
		}
		w.buf = append(w.buf, `"}`...)
	case ast.ConstFloat:
		w.buf = append(w.buf, `{"float": "`...)
		w.buf = append(w.buf, literal.FormatFloat(c.Float)...)
		w.buf = append(w.buf, `"}`...)
	case ast.ConstComplex:
		w.buf = append(w.buf, `{"complex": "`...)
		w.buf = append(w.buf, literal.FormatFloat(c.Float)...)
		w.buf = append(w.buf, `"}`...)
	case ast.ConstStr:
		w.buf = append(w.buf, `{"str": `...)
		w.buf = literal.AppendJSONString(w.buf, c.Str)
		w.buf = append(w.buf, '}')
	case ast.ConstBytes:
		const hex = "0123456789abcdef"
		w.buf = append(w.buf, `{"bytes": "`...)
		for i := 0; i < len(c.Str); i++ {
			w.buf = append(w.buf, hex[c.Str[i]>>4], hex[c.Str[i]&15])
		}
		w.buf = append(w.buf, `"}`...)
	}
}
