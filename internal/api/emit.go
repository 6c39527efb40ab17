package api

import (
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/python/ast"
)

func (bd *builder) run(mods []*module) {
	bd.exports = map[string][]string{}
	bd.busy = map[string]bool{}
	var public []*module
	for _, m := range mods {
		if isPublicModule(m.name) && !bd.excluded(m.name) {
			public = append(public, m)
		}
	}
	// Shallow paths first: the public path of a definition is the shortest it is exported as.
	sort.SliceStable(public, func(i, j int) bool {
		di, dj := strings.Count(public[i].name, "."), strings.Count(public[j].name, ".")
		if di != dj {
			return di < dj
		}
		return public[i].name < public[j].name
	})
	for _, m := range public {
		for _, n := range bd.exportsOf(m.name) {
			t := bd.resolve(m.name, n, 0)
			if t.b == nil || strings.HasPrefix(n, "_") {
				continue
			}
			dp := t.defPath()
			if _, ok := bd.canon[dp]; !ok {
				bd.canon[dp] = m.name + "." + n
			}
		}
	}
	// A package that binds one of its submodules' names to a function or class shadows the
	// submodule (curses.has_key): the attribute is what users get.
	shadowed := map[string]bool{}
	for _, m := range public {
		for _, n := range bd.exportsOf(m.name) {
			if t := bd.resolve(m.name, n, 0); t.b != nil && isDef(t.b.node) {
				shadowed[m.name+"."+n] = true
			}
		}
	}
	for _, m := range public {
		if shadowed[m.name] {
			continue
		}
		_, getattr := m.bindings["__getattr__"]
		bd.api.Objects = append(bd.api.Objects, &Object{Path: m.name, Kind: KindModule, File: m.file.Rel, Getattr: getattr})
		exported := map[string]bool{}
		for _, n := range bd.exportsOf(m.name) {
			if strings.HasPrefix(n, "_") || exported[n] {
				continue
			}
			exported[n] = true
			path := m.name + "." + n
			t := bd.resolve(m.name, n, 0)
			if sub := bd.mods[path]; sub != nil && !shadowed[path] && isPublicModule(path) && !bd.excluded(path) {
				continue // the submodule is described as a module
			}
			switch {
			case !t.found:
				// Listed in __all__ but bound in a way that cannot be read (globals(), a loop).
				bd.api.Objects = append(bd.api.Objects, &Object{Path: path, Kind: KindAttribute, File: m.file.Rel, Opaque: true})
			case t.module != nil:
				if t.module.name != path {
					bd.api.Objects = append(bd.api.Objects, &Object{Path: path, Kind: KindAlias, Target: t.module.name, File: m.file.Rel})
				}
			case t.b == nil:
				bd.api.Objects = append(bd.api.Objects, &Object{Path: path, Kind: KindAlias, Target: canonicalName(t.external), File: m.file.Rel})
			default:
				if c := bd.canon[t.defPath()]; c != "" && c != path {
					// Exported under a shorter path too: its members are described there.
					bd.api.Objects = append(bd.api.Objects, &Object{Path: path, Kind: KindAlias, Target: c, File: m.file.Rel, Line: bd.line(m, t.b.node)})
					continue
				}
				bd.emitDef(path, t.mod, t.b, 0)
			}
		}
		h := map[string]string{}
		for _, n := range m.order {
			switch {
			case exported[n] || m.bindings[n] == nil:
			case strings.HasPrefix(n, "_"):
				h[n] = "private"
			case m.hasAll:
				h[n] = "all"
			}
		}
		bd.api.hidden[m.name] = h
	}
}

func (bd *builder) line(m *module, n ast.Node) int {
	l, _ := m.lines.Position(n.Pos())
	return l
}

func (bd *builder) emitDef(path string, m *module, b *binding, depth int) {
	if m.accel != "" && bd.mods[m.accel] == nil {
		first := len(bd.api.Objects)
		defer func() {
			for _, o := range bd.api.Objects[first:] {
				o.Accelerated = m.accel
			}
		}()
	}
	res := bd.resolver(m)
	switch n := b.node.(type) {
	case *ast.ClassDef:
		bd.emitClass(path, m, n, depth)
	case *ast.FunctionDef, *ast.AsyncFunctionDef:
		o := bd.function(path, m, n, KindFunction, res)
		o.Overloaded = o.Overloaded || b.overloaded
		bd.api.Objects = append(bd.api.Objects, o)
	default:
		if a, ok := n.(*ast.Assign); ok && b.ann == nil {
			// `EnumMeta = EnumType`: another name for a class or function of the distribution.
			if t := bd.resolveExpr(m, a.Value); t.b != nil && isDef(t.b.node) && t.b != b {
				target := bd.public(t.defPath())
				bd.api.Objects = append(bd.api.Objects, &Object{Path: path, Kind: KindAlias, Target: target, File: m.file.Rel, Line: bd.line(m, n)})
				return
			}
		}
		o := &Object{Path: path, Kind: KindAttribute, File: m.file.Rel, Line: bd.line(m, n)}
		if b.ann != nil {
			o.Type = NormalizeType(b.ann, res)
		}
		bd.api.Objects = append(bd.api.Objects, o)
	}
}

// contractDecorators are the decorators that change how an object is called or subclassed.
var contractDecorators = map[string]bool{
	"property": true, "cached_property": true, "classmethod": true, "staticmethod": true,
	"overload": true, "abstractmethod": true, "final": true, "dataclass": true,
	"define": true, "frozen": true, "mutable": true, "attrs": true, "s": true,
	"total_ordering": true, "runtime_checkable": true, "abstractproperty": true,
}

func (bd *builder) decoratorTexts(decos []ast.Expr, res resolver) []string {
	var out []string
	for _, d := range decos {
		fn := d
		if c, ok := d.(*ast.Call); ok {
			fn = c.Func
		}
		name := dottedName(fn)
		if name == "" {
			continue
		}
		last := name[strings.LastIndexByte(name, '.')+1:]
		if !contractDecorators[last] {
			continue
		}
		q := canonicalName(res(name))
		if c, ok := d.(*ast.Call); ok {
			t := Unparse(c)
			q += t[strings.IndexByte(t, '('):]
		}
		out = append(out, q)
	}
	return out
}

func (bd *builder) function(path string, m *module, n ast.Stmt, kind string, res resolver) *Object {
	var args *ast.Arguments
	var returns ast.Expr
	var decos []ast.Expr
	async := false
	switch f := n.(type) {
	case *ast.FunctionDef:
		args, returns, decos = f.Args, f.Returns, f.DecoratorList
	case *ast.AsyncFunctionDef:
		args, returns, decos, async = f.Args, f.Returns, f.DecoratorList, true
	}
	o := &Object{Path: path, Kind: kind, File: m.file.Rel, Line: bd.line(m, n), Async: async}
	o.Decorators = bd.decoratorTexts(decos, res)
	o.Returns = NormalizeType(returns, res)
	o.Params = params(args, res)
	if kind == KindMethod || kind == KindClassMethod || kind == KindProperty {
		if len(o.Params) > 0 && (o.Params[0].Kind == PositionalOnly || o.Params[0].Kind == PositionalOrKwarg) {
			o.Params = o.Params[1:]
		}
	}
	for _, d := range o.Decorators {
		if strings.HasSuffix(d, "overload") {
			o.Overloaded = true
		}
		if d == "typing.final" {
			o.Final = true
		}
	}
	return o
}

func params(a *ast.Arguments, res resolver) []Param {
	if a == nil {
		return nil
	}
	var out []Param
	pos := append(append([]*ast.Arg(nil), a.PosOnlyArgs...), a.Args...)
	first := len(pos) - len(a.Defaults)
	for i, p := range pos {
		q := Param{Name: p.Arg, Kind: PositionalOrKwarg, Annotation: NormalizeType(p.Annotation, res)}
		if i < len(a.PosOnlyArgs) {
			q.Kind = PositionalOnly
		}
		if i >= first && first >= 0 {
			q.Default = Unparse(a.Defaults[i-first])
		}
		out = append(out, q)
	}
	if a.Vararg != nil {
		out = append(out, Param{Name: a.Vararg.Arg, Kind: VarPositional, Annotation: NormalizeType(a.Vararg.Annotation, res)})
	}
	for i, p := range a.KwOnlyArgs {
		q := Param{Name: p.Arg, Kind: KeywordOnly, Annotation: NormalizeType(p.Annotation, res)}
		if i < len(a.KwDefaults) && a.KwDefaults[i] != nil {
			q.Default = Unparse(a.KwDefaults[i])
		}
		out = append(out, q)
	}
	if a.Kwarg != nil {
		out = append(out, Param{Name: a.Kwarg.Arg, Kind: VarKeyword, Annotation: NormalizeType(a.Kwarg.Annotation, res)})
	}
	return out
}

// Data-class kinds.
const (
	DataDataclass  = "dataclass"
	DataAttrs      = "attrs"
	DataPydantic   = "pydantic"
	DataTypedDict  = "typeddict"
	DataNamedTuple = "namedtuple"
	DataEnum       = "enum"
)

var dataBases = map[string]string{
	"pydantic.BaseModel": DataPydantic, "pydantic.main.BaseModel": DataPydantic, "pydantic.v1.BaseModel": DataPydantic,
	"sqlmodel.SQLModel": DataPydantic,
	"typing.TypedDict":  DataTypedDict, "typing.NamedTuple": DataNamedTuple,
	"enum.Enum": DataEnum, "enum.IntEnum": DataEnum, "enum.StrEnum": DataEnum, "enum.Flag": DataEnum,
	"enum.IntFlag": DataEnum, "enum.ReprEnum": DataEnum,
}

var dataDecorators = map[string]string{
	"dataclasses.dataclass": DataDataclass, "pydantic.dataclasses.dataclass": DataDataclass,
	"attr.s": DataAttrs, "attr.attrs": DataAttrs, "attr.define": DataAttrs, "attr.frozen": DataAttrs,
	"attr.mutable": DataAttrs, "attr.dataclass": DataAttrs, "attrs.define": DataAttrs,
	"attrs.frozen": DataAttrs, "attrs.mutable": DataAttrs,
}

// A member is a member of a class, found in the class or one of its bases in the
// distribution.
type member struct {
	name  string
	node  ast.Stmt
	mod   *module
	class *ast.ClassDef
	ann   ast.Expr // an annotated attribute's annotation
	self  bool     // assigned to self in __init__
	param ast.Expr // the annotation of the __init__ parameter a self attribute is set from
	data  string   // the data kind of the class that declares it
	total bool     // of a TypedDict
	over  bool     // overloaded
}

// dataKind says what kind of data class a class is, and for a TypedDict whether it is total.
func (bd *builder) dataKind(m *module, c *ast.ClassDef, depth int) (string, bool) {
	total := true
	for _, k := range c.Keywords {
		if k.Arg != nil && *k.Arg == "total" {
			if v, ok := k.Value.(*ast.Constant); ok && v.Value.Kind == ast.ConstFalse {
				total = false
			}
		}
	}
	return bd.shapeKind(m, classShape(c), depth), total
}

// shapeKind is dataKind's kind of a class from its shape (decorators and bases).
func (bd *builder) shapeKind(m *module, c *Class, depth int) string {
	res := bd.resolver(m)
	for _, d := range c.Decorators {
		if k, ok := dataDecorators[canonicalName(res(d))]; ok {
			return k
		}
	}
	for _, b := range c.Bases {
		if k, ok := dataBases[canonicalName(res(b))]; ok {
			return k
		}
		if depth < 10 {
			if bm, bc := bd.baseClass(m, b); bc != nil {
				if k := bd.shapeKind(bm, bc, depth+1); k != "" && k != DataDataclass && k != DataAttrs {
					return k
				}
			}
		}
	}
	return ""
}

// members returns the public members of a class, inherited ones from bases in the
// distribution first, in order.
func (bd *builder) members(m *module, c *ast.ClassDef, depth int, seen map[*ast.ClassDef]bool) []*member {
	if seen[c] || depth > 20 {
		return nil
	}
	seen[c] = true
	defer delete(seen, c)
	byName := map[string]*member{}
	var order []string
	add := func(mb *member) {
		if _, ok := byName[mb.name]; !ok {
			order = append(order, mb.name)
		}
		byName[mb.name] = mb
	}
	for i := len(c.Bases) - 1; i >= 0; i-- {
		if bm, bc := bd.classOf(m, c.Bases[i]); bc != nil {
			for _, mb := range bd.members(bm, bc, depth+1, seen) {
				add(mb)
			}
		}
	}
	data, total := bd.dataKind(m, c, 0)
	var walk func(body []ast.Stmt)
	walk = func(body []ast.Stmt) {
		for _, s := range body {
			switch s := s.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef:
				name := funcName(s)
				if isAccessor(decorators(s)) {
					continue
				}
				over := hasDeco(s, "overload")
				if prev, ok := byName[name]; ok && prev.class == c && isFunc(prev.node) && (prev.over || over) {
					if over {
						prev.over = true
						continue
					}
					over = true
				}
				add(&member{name: name, node: s, mod: m, class: c, data: data, over: over})
				if name == "__init__" {
					bd.selfAttrs(m, c, s, add, byName)
				}
			case *ast.ClassDef:
				add(&member{name: s.Name, node: s, mod: m, class: c, data: data})
			case *ast.AnnAssign:
				if n, ok := s.Target.(*ast.Name); ok {
					add(&member{name: n.ID, node: s, mod: m, class: c, ann: s.Annotation, data: data, total: total})
				}
			case *ast.Assign:
				for _, t := range s.Targets {
					if n, ok := t.(*ast.Name); ok {
						if prev, ok := byName[n.ID]; ok && prev.class == c && prev.ann != nil {
							continue // `x: int` then `x = 1`
						}
						add(&member{name: n.ID, node: s, mod: m, class: c, data: data})
					}
				}
			case *ast.If:
				walk(s.Body)
				walk(s.Orelse)
			case *ast.Try:
				walk(s.Body)
				for _, h := range s.Handlers {
					walk(h.Body)
				}
			}
		}
	}
	walk(c.Body)
	out := make([]*member, 0, len(order))
	for _, n := range order {
		out = append(out, byName[n])
	}
	return out
}

// selfAttrs adds the attributes __init__ sets on self (`self.x = x`, `self.y: int = 0`).
func (bd *builder) selfAttrs(m *module, c *ast.ClassDef, init ast.Stmt, add func(*member), byName map[string]*member) {
	var args *ast.Arguments
	var body []ast.Stmt
	switch f := init.(type) {
	case *ast.FunctionDef:
		args, body = f.Args, f.Body
	case *ast.AsyncFunctionDef:
		args, body = f.Args, f.Body
	}
	if args == nil {
		return
	}
	all := append(append(append([]*ast.Arg(nil), args.PosOnlyArgs...), args.Args...), args.KwOnlyArgs...)
	if len(all) == 0 {
		return
	}
	self := all[0].Arg
	paramAnn := map[string]ast.Expr{}
	for _, a := range all[1:] {
		paramAnn[a.Arg] = a.Annotation
	}
	attr := func(e ast.Expr) string {
		if a, ok := e.(*ast.Attribute); ok {
			if n, ok := a.Value.(*ast.Name); ok && n.ID == self {
				return a.Attr
			}
		}
		return ""
	}
	var stmts []ast.Stmt
	var flat func(body []ast.Stmt)
	flat = func(body []ast.Stmt) {
		for _, s := range body {
			stmts = append(stmts, s)
			switch s := s.(type) {
			case *ast.If:
				flat(s.Body)
				flat(s.Orelse)
			case *ast.Try:
				flat(s.Body)
				for _, h := range s.Handlers {
					flat(h.Body)
				}
				flat(s.Orelse)
			case *ast.With:
				flat(s.Body)
			}
		}
	}
	flat(body)
	for _, s := range stmts {
		var name string
		var ann, param ast.Expr
		switch s := s.(type) {
		case *ast.AnnAssign:
			name, ann = attr(s.Target), s.Annotation
		case *ast.Assign:
			if len(s.Targets) == 1 {
				name = attr(s.Targets[0])
				if v, ok := s.Value.(*ast.Name); ok {
					param = paramAnn[v.ID]
				}
			}
		}
		if name == "" {
			continue
		}
		if prev, ok := byName[name]; ok && (prev.class == c || prev.ann != nil) {
			continue
		}
		add(&member{name: name, node: s, mod: m, class: c, ann: ann, self: true, param: param})
	}
}

func funcName(s ast.Stmt) string {
	switch f := s.(type) {
	case *ast.FunctionDef:
		return f.Name
	case *ast.AsyncFunctionDef:
		return f.Name
	}
	return ""
}

// isAccessor reports a @x.setter, @x.deleter or @x.getter: the property is the object.
func isAccessor(decos []ast.Expr) bool {
	for _, d := range decos {
		if a, ok := d.(*ast.Attribute); ok && (a.Attr == "setter" || a.Attr == "deleter" || a.Attr == "getter") {
			return true
		}
	}
	return false
}

// quietDunders are special names that are not part of how a class is used.
var quietDunders = map[string]bool{
	"__slots__": true, "__match_args__": true, "__module__": true, "__qualname__": true,
	"__doc__": true, "__annotations__": true, "__dict__": true, "__weakref__": true,
	"__post_init__": true, "__init_subclass__": true, "__class_getitem__": true,
	"__set_name__": true, "__hash__": true, "__repr__": true, "__str__": true,
	"__signature__": true, "__abstractmethods__": true, "__orig_bases__": true,
	"__parameters__": true, "__firstlineno__": true, "__static_attributes__": true,
	"__reduce__": true, "__reduce_ex__": true, "__getstate__": true, "__setstate__": true,
	"__copy__": true, "__deepcopy__": true, "__sizeof__": true, "__format__": true,
	"__fields__": true, "__dataclass_fields__": true, "__dataclass_params__": true,
	"__abc_tpflags__": true, "__subclasshook__": true, "__new__": true, "__dir__": true,
	"__getattribute__": true, "__del__": true, "__ne__": true,
}

func publicMember(name string) bool {
	if strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__") && len(name) > 4 {
		return !quietDunders[name]
	}
	return !strings.HasPrefix(name, "_")
}

func (bd *builder) emitClass(path string, m *module, c *ast.ClassDef, depth int) {
	res := bd.resolver(m)
	o := &Object{Path: path, Kind: KindClass, File: m.file.Rel, Line: bd.line(m, c)}
	for _, b := range c.Bases {
		t := NormalizeType(b, res)
		if t != "object" {
			o.Bases = append(o.Bases, t)
		}
	}
	o.Decorators = bd.decoratorTexts(c.DecoratorList, res)
	for _, d := range o.Decorators {
		if d == "typing.final" {
			o.Final = true
		}
	}
	o.Data, _ = bd.dataKind(m, c, 0)
	o.Ancestors = bd.ancestors(m, c, map[*ast.ClassDef]bool{})
	bd.api.Objects = append(bd.api.Objects, o)
	if depth > 10 {
		return
	}
	for _, mb := range bd.members(m, c, 0, map[*ast.ClassDef]bool{}) {
		if !publicMember(mb.name) {
			continue
		}
		bd.emitMember(path+"."+mb.name, mb, o.Data, depth)
	}
}

func (bd *builder) emitMember(path string, mb *member, data string, depth int) {
	m := mb.mod
	res := bd.resolver(m)
	switch n := mb.node.(type) {
	case *ast.ClassDef:
		bd.emitClass(path, m, n, depth+1)
		return
	case *ast.FunctionDef, *ast.AsyncFunctionDef:
		if mb.self {
			break
		}
		decos := decorators(n)
		kind := KindMethod
		switch {
		case ast.HasDecorator(decos, "property") || ast.HasDecorator(decos, "cached_property") || ast.HasDecorator(decos, "abstractproperty") || ast.HasDecorator(decos, "DynamicClassAttribute"):
			kind = KindProperty
		case ast.HasDecorator(decos, "classmethod"):
			kind = KindClassMethod
		case ast.HasDecorator(decos, "staticmethod"):
			kind = KindStaticMethod
		}
		o := bd.function(path, m, n, kind, res)
		o.Overloaded = o.Overloaded || mb.over
		if kind == KindProperty {
			o.Type, o.Returns, o.Params = o.Returns, "", nil
		}
		bd.api.Objects = append(bd.api.Objects, o)
		return
	}
	o := &Object{Path: path, Kind: KindAttribute, File: m.file.Rel, Line: bd.line(m, mb.node)}
	ann := mb.ann
	if ann == nil && mb.param != nil {
		ann = mb.param
	}
	classVar := false
	if ann != nil {
		o.Type = NormalizeType(ann, res)
		classVar = annotationHead(ann, res) == "typing.ClassVar"
		if annotationHead(ann, res) == "typing.Final" {
			o.Final = true
		}
	}
	if mb.self {
		bd.api.Objects = append(bd.api.Objects, o)
		return
	}
	switch mb.data {
	case DataEnum:
		if _, ok := mb.node.(*ast.Assign); ok {
			o.Kind = KindEnumMember
		}
	case DataDataclass, DataAttrs, DataPydantic, DataNamedTuple, DataTypedDict:
		if a, ok := mb.node.(*ast.AnnAssign); ok && !classVar {
			o.Kind = KindField
			o.Required = fieldRequired(mb.data, a, res, mb.total)
		}
	}
	bd.api.Objects = append(bd.api.Objects, o)
}

// annotationHead is the qualified name of an annotation's outer type: typing.ClassVar for
// ClassVar[int].
func annotationHead(e ast.Expr, res resolver) string {
	if c, ok := e.(*ast.Constant); ok && c.Value.Kind == ast.ConstStr {
		if x := parseExpr(c.Value.Str); x != nil {
			e = x
		}
	}
	if s, ok := e.(*ast.Subscript); ok {
		e = s.Value
	}
	d := dottedName(e)
	if d == "" {
		return ""
	}
	return canonicalName(res(d))
}

// fieldRequired reports whether a field of a data class must be given to construct it.
func fieldRequired(data string, a *ast.AnnAssign, res resolver, total bool) bool {
	if data == DataTypedDict {
		switch annotationHead(a.Annotation, res) {
		case "typing.Required":
			return true
		case "typing.NotRequired":
			return false
		}
		return total
	}
	if a.Value == nil {
		return true
	}
	call, ok := a.Value.(*ast.Call)
	if !ok {
		return false
	}
	last := dottedName(call.Func)
	last = last[strings.LastIndexByte(last, '.')+1:]
	switch last {
	case "field", "ib", "attrib", "Field", "PrivateAttr":
	default:
		return false
	}
	for _, k := range call.Keywords {
		if k.Arg != nil {
			switch *k.Arg {
			case "default", "default_factory", "factory":
				return false
			}
		}
	}
	if data == DataPydantic && len(call.Args) > 0 {
		if c, ok := call.Args[0].(*ast.Constant); ok && c.Value.Kind == ast.ConstEllipsis {
			return true
		}
		return false
	}
	return true
}

// ancestors lists the bases of a class's bases, transitively, where they are defined in the
// distribution: a base that moves up the hierarchy is still a base.
func (bd *builder) ancestors(m *module, c *ast.ClassDef, seen map[*ast.ClassDef]bool) []string {
	if seen[c] {
		return nil
	}
	seen[c] = true
	var out []string
	for _, b := range c.Bases {
		bm, bc := bd.classOf(m, b)
		if bc == nil {
			continue
		}
		res := bd.resolver(bm)
		for _, bb := range bc.Bases {
			if t := NormalizeType(bb, res); t != "object" {
				out = append(out, t)
			}
		}
		out = append(out, bd.ancestors(bm, bc, seen)...)
	}
	return out
}
