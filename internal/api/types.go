package api

import (
	"regexp"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// A typ is a normalised type: a dotted name with arguments, or a union (name "|") of its
// members, or a bracketed list (name "[]", the parameters of Callable), or literal text.
type typ struct {
	name string
	args []*typ
}

// typeAliases map typing's old spellings to the names they stand for today.
var typeAliases = map[string]string{
	"typing.List": "list", "typing.Dict": "dict", "typing.Set": "set", "typing.FrozenSet": "frozenset",
	"typing.Tuple": "tuple", "typing.Type": "type", "typing.Text": "str",
	"typing.DefaultDict": "collections.defaultdict", "typing.OrderedDict": "collections.OrderedDict",
	"typing.Deque": "collections.deque", "typing.Counter": "collections.Counter",
	"typing.ChainMap": "collections.ChainMap", "typing.AbstractSet": "collections.abc.Set",
	"typing.Pattern": "re.Pattern", "typing.Match": "re.Match",
	"typing.ContextManager":      "contextlib.AbstractContextManager",
	"typing.AsyncContextManager": "contextlib.AbstractAsyncContextManager",
}

// abcNames are the generic aliases typing has for collections.abc.
var abcNames = []string{
	"Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator", "Iterable",
	"Iterator", "Generator", "Reversible", "Container", "Collection", "Callable", "MutableSet",
	"Mapping", "MutableMapping", "Sequence", "MutableSequence", "ByteString", "MappingView",
	"KeysView", "ItemsView", "ValuesView", "Hashable", "Sized",
}

func init() {
	for _, n := range abcNames {
		typeAliases["typing."+n] = "collections.abc." + n
	}
}

// canonicalName maps a fully qualified name to the one spelling of what it names.
func canonicalName(q string) string {
	if rest, ok := strings.CutPrefix(q, "typing_extensions."); ok {
		q = "typing." + rest
	}
	if rest, ok := strings.CutPrefix(q, "builtins."); ok {
		q = rest
	}
	if a, ok := typeAliases[q]; ok {
		return a
	}
	return q
}

// resolver turns a dotted name as written in a module into its fully qualified name.
type resolver func(dotted string) string

// NormalizeType returns the normalised text of an annotation: `Optional[int]`, `int | None`,
// `Union[int, None]` and `"int | None"` are all "int | None"; `typing.List[int]` and
// `list[int]` are "list[int]"; names are fully qualified through res (nil: as written).
func NormalizeType(e ast.Expr, res resolver) string {
	if e == nil {
		return ""
	}
	return normalize(typeNodes(nil, e, 0), res)
}

// normalize is NormalizeType of an annotation's nodes (typeNodes).
func normalize(ns []TypeNode, res resolver) string {
	if len(ns) == 0 {
		return ""
	}
	i := 0
	return normNodes(ns, &i, res).String()
}

// union flattens, deduplicates and sorts the members of a union.
func union(ms []*typ) *typ {
	seen := map[string]*typ{}
	var flat func(t *typ)
	flat = func(t *typ) {
		if t.name == "|" {
			for _, a := range t.args {
				flat(a)
			}
			return
		}
		seen[t.String()] = t
	}
	for _, m := range ms {
		flat(m)
	}
	if len(seen) == 1 {
		for _, t := range seen {
			return t
		}
	}
	u := &typ{name: "|"}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		// None last, as people write it: int | None.
		if (keys[i] == "None") != (keys[j] == "None") {
			return keys[j] == "None"
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		u.args = append(u.args, seen[k])
	}
	return u
}

func (t *typ) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

func (t *typ) write(b *strings.Builder) {
	switch t.name {
	case "|":
		for i, a := range t.args {
			if i > 0 {
				b.WriteString(" | ")
			}
			if a.name == "|" {
				b.WriteByte('(')
				a.write(b)
				b.WriteByte(')')
			} else {
				a.write(b)
			}
		}
		return
	case "[]", "()":
		b.WriteByte(t.name[0])
		for i, a := range t.args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b)
		}
		b.WriteByte(t.name[1])
		return
	}
	b.WriteString(t.name)
	if len(t.args) > 0 {
		b.WriteByte('[')
		for i, a := range t.args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b)
		}
		b.WriteByte(']')
	}
}

// parseExpr parses the text of a string annotation; nil when it is not an expression.
func parseExpr(s string) ast.Expr {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "\n\r") {
		return nil
	}
	res := parser.ParseString("("+s+")\n", parser.Options{})
	if len(res.Errors) > 0 || res.Module == nil || len(res.Module.Body) != 1 {
		return nil
	}
	st, ok := res.Module.Body[0].(*ast.ExprStmt)
	if !ok {
		return nil
	}
	return st.Value
}

// dottedName returns "a.b.c" for a chain of attributes on a name, or "".
func dottedName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.ID
	case *ast.Attribute:
		if v := dottedName(e.Value); v != "" {
			return v + "." + e.Attr
		}
	}
	return ""
}

// unionMembers splits a normalised type at its top-level " | ".
func unionMembers(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

var qualified = regexp.MustCompile(`\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+([A-Za-z_][A-Za-z0-9_]*)`)

// loose writes a type with every dotted name cut to its last part: a class that moved to
// another module (importlib.abc.Traversable, importlib.resources.abc.Traversable) or whose
// public path is not known in one version (pkg._legacy.Package) is taken for the same
// class. Two different classes of one name in one API are rare; a false alarm on every
// move is not.
func loose(t string) string { return qualified.ReplaceAllString(t, "$1") }

// numeric is PEP 484's numeric tower: an int is accepted where a float is, and both where a
// complex is.
var numeric = map[string][]string{"float": {"int"}, "complex": {"int", "float"}}

// accepts reports whether every value of type sub is a value of type sup, as far as the
// normalised texts tell: sup's union holds each of sub's members (or a wider number, or Any).
func accepts(sup, sub string) bool {
	if sup == sub || loose(sup) == loose(sub) {
		return true
	}
	have := map[string]bool{}
	for _, m := range unionMembers(sup) {
		if m == "typing.Any" || m == "object" {
			return true
		}
		have[m] = true
		for _, n := range numeric[m] {
			have[n] = true
		}
	}
	for _, m := range unionMembers(sub) {
		if !have[m] && m != "typing.Any" && m != "typing.Never" && m != "typing.NoReturn" {
			return false
		}
	}
	return true
}
