package api

import (
	"fmt"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/finding"
)

// Breakage kinds: each is a rule of family API, so that the renderers of check show them.
var Kinds = []finding.Rule{
	{Code: "API101", Name: "object-removed", Summary: "a public object was removed, made private or dropped from __all__"},
	{Code: "API102", Name: "kind-changed", Summary: "a public object changed kind (a function became a class, a method a property...)"},
	{Code: "API103", Name: "parameter-removed", Summary: "a parameter was removed"},
	{Code: "API104", Name: "parameter-renamed", Summary: "a parameter callers may pass by keyword was renamed"},
	{Code: "API105", Name: "parameter-moved", Summary: "a parameter callers may pass by position moved"},
	{Code: "API106", Name: "parameter-kind-changed", Summary: "a parameter became keyword-only or positional-only"},
	{Code: "API107", Name: "parameter-made-required", Summary: "a parameter lost its default"},
	{Code: "API108", Name: "required-parameter-added", Summary: "a parameter without a default was added"},
	{Code: "API109", Name: "default-changed", Summary: "a parameter's default value changed"},
	{Code: "API110", Name: "var-parameter-removed", Summary: "*args or **kwargs was removed"},
	{Code: "API111", Name: "parameter-type-changed", Summary: "a parameter's annotation changed or was narrowed"},
	{Code: "API112", Name: "return-type-changed", Summary: "a return annotation changed or was widened"},
	{Code: "API113", Name: "attribute-type-changed", Summary: "an attribute's or field's annotation changed"},
	{Code: "API114", Name: "required-field-added", Summary: "a required field was added to a data class"},
	{Code: "API115", Name: "field-removed", Summary: "a field of a data class was removed"},
	{Code: "API116", Name: "enum-member-removed", Summary: "a member of an Enum was removed"},
	{Code: "API117", Name: "base-removed", Summary: "a class lost a base class"},
	{Code: "API118", Name: "class-made-final", Summary: "a class was made final"},
	{Code: "API119", Name: "field-made-required", Summary: "a field of a data class lost its default"},
}

var kindByName = func() map[string]finding.Rule {
	m := map[string]finding.Rule{}
	for _, k := range Kinds {
		k.Family = "API"
		m[k.Name] = k
	}
	return m
}()

// Change is one breaking change.
type Change struct {
	Kind    string // a Kinds name
	Symbol  string // the public dotted path
	Certain bool   // a call that worked now fails; else a typed caller may now fail
	Message string
	File    string // where to show it: in the new version, else the old
	Line    int
	Old     string `json:",omitempty"`
	New     string `json:",omitempty"`
}

// Finding turns a change into a finding for the renderers.
func (c Change) Finding() finding.Finding {
	k := kindByName[c.Kind]
	return finding.Finding{Code: k.Code, Rule: k.Name, Path: c.File, Line: c.Line, Col: 1, Message: c.Message, Symbol: c.Symbol}
}

// Result is what Diff found.
type Result struct {
	Changes []Change
	Added   int // public objects added
	Removed int // public objects removed (each also a change)
	Changed int // objects whose description changed without breaking anything
}

// Bump is the version increment the changes call for: "major" for a break, "minor" for
// additions (objects, or optional parameters), "patch" otherwise.
func (r *Result) Bump() string {
	switch {
	case len(r.Changes) > 0:
		return "major"
	case r.Added > 0 || r.Changed > 0:
		return "minor"
	}
	return "patch"
}

// Diff compares the old API with the new one and returns what breaks.
func Diff(old, new *API) *Result {
	r := &Result{}
	d := &differ{old: old, new: new, r: r}
	if old.byPath == nil {
		old.index()
	}
	if new.byPath == nil {
		new.index()
	}
	removedPrefix := ""
	// A class now known by another name (EnumMeta = EnumType): its members are looked up
	// under that name.
	redirFrom, redirTo := "", ""
	for _, o := range old.Objects {
		if removedPrefix != "" && strings.HasPrefix(o.Path, removedPrefix) {
			continue // a member of a removed (or now unreadable) object: judged with it
		}
		path := o.Path
		if redirFrom != "" && strings.HasPrefix(path, redirFrom) {
			path = redirTo + path[len(redirFrom):]
		} else {
			redirFrom = ""
		}
		n := new.byPath[path]
		if n != nil && n.Kind == KindAlias && o.Kind != KindAlias {
			if t := new.byPath[n.Target]; t != nil && t.Kind == o.Kind && redirFrom == "" {
				redirFrom, redirTo = o.Path+".", n.Target+"."
				n = t
			}
		}
		if n == nil {
			r.Removed++
			d.removed(o)
			removedPrefix = o.Path + "."
			continue
		}
		removedPrefix = ""
		if o.Opaque || n.Opaque || n.Kind == KindAlias && o.Kind != KindAlias {
			// Unreadable now, or now a name from outside the API (a class whose implementation
			// moved to C: typing.TypeVar in 3.12): its members cannot be compared.
			removedPrefix = o.Path + "."
			continue
		}
		before := len(r.Changes)
		d.compare(o, n)
		if len(r.Changes) == before && o.Declaration() != n.Declaration() {
			r.Changed++
		}
		if accel := firstOf(o.Accelerated, n.Accelerated); accel != "" {
			for i := before; i < len(r.Changes); i++ {
				c := &r.Changes[i]
				if c.Certain {
					c.Certain = false
					c.Message += fmt.Sprintf(" (if the C module %s does not replace it, as it may at run time)", accel)
				}
			}
		}
	}
	for _, n := range new.Objects {
		if old.byPath[n.Path] == nil {
			r.Added++
			d.added(n)
		}
	}
	sort.SliceStable(r.Changes, func(i, j int) bool {
		if r.Changes[i].Symbol != r.Changes[j].Symbol {
			return r.Changes[i].Symbol < r.Changes[j].Symbol
		}
		return r.Changes[i].Kind < r.Changes[j].Kind
	})
	return r
}

type differ struct {
	old, new *API
	r        *Result
}

func (d *differ) add(kind, symbol string, certain bool, at *Object, format string, args ...any) {
	c := Change{Kind: kind, Symbol: symbol, Certain: certain, Message: fmt.Sprintf(format, args...)}
	if at != nil {
		c.File, c.Line = at.File, at.Line
	}
	d.r.Changes = append(d.r.Changes, c)
}

// parent returns the object that holds path, in a, or nil.
func parent(a *API, path string) *Object {
	for i := strings.LastIndexByte(path, '.'); i > 0; i = strings.LastIndexByte(path[:i], '.') {
		if o := a.byPath[path[:i]]; o != nil {
			return o
		}
	}
	return nil
}

func leaf(path string) string { return path[strings.LastIndexByte(path, '.')+1:] }

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (d *differ) removed(o *Object) {
	at := parent(d.new, o.Path)
	if at == nil {
		at = &Object{File: o.File, Line: o.Line}
	}
	name := leaf(o.Path)
	par := o.Path[:max(0, strings.LastIndexByte(o.Path, '.'))]
	p := d.old.byPath[par]
	why := "removed"
	if np := d.new.byPath[par]; np != nil && (np.Getattr || d.new.byPath[par+".__getattr__"] != nil) && !strings.HasPrefix(name, "__") {
		d.add("object-removed", o.Path, false, at, "%s %s was removed from %s, whose __getattr__ may still give it (a deprecated name kept with a warning): code that uses it may fail", o.Kind, o.Path, par)
		return
	}
	h := d.new.hidden[par]
	if h["_"+name] != "" {
		why = "made private (renamed _" + name + ")"
	} else if h[name] == "all" {
		d.add("object-removed", o.Path, false, at, "%s %s was dropped from %s.__all__: `from %s import *` no longer gives it, and type checkers take it for private", o.Kind, o.Path, par, par)
		return
	}
	switch {
	case o.Kind == KindEnumMember:
		d.add("enum-member-removed", o.Path, true, at, "enum member %s was %s: code that uses it raises AttributeError", o.Path, why)
	case o.Kind == KindField && p != nil && p.Data != "":
		d.add("field-removed", o.Path, true, at, "field %s of %s %s was %s: code that passes or reads it fails", name, p.Data, par, why)
	default:
		d.add("object-removed", o.Path, true, at, "%s %s was %s: code that imports or uses it fails", o.Kind, o.Path, why)
	}
}

func (d *differ) added(n *Object) {
	if n.Kind != KindField || !n.Required {
		return
	}
	p := d.new.byPath[n.Path[:strings.LastIndexByte(n.Path, '.')]]
	if p == nil || d.old.byPath[p.Path] == nil || p.Data == DataEnum {
		return
	}
	if p.Data == DataTypedDict {
		d.add("required-field-added", n.Path, false, n, "required key %s added to TypedDict %s: dictionaries built without it no longer type-check", leaf(n.Path), p.Path)
		return
	}
	d.add("required-field-added", n.Path, true, n, "required field %s added to %s %s: constructing it without the field fails", leaf(n.Path), p.Data, p.Path)
}

func callable(k string) bool {
	switch k {
	case KindFunction, KindMethod, KindClassMethod, KindStaticMethod, KindClass:
		return true
	}
	return false
}

func valueLike(k string) bool {
	switch k {
	case KindAttribute, KindField, KindEnumMember, KindProperty, KindAlias:
		return true
	}
	return false
}

func (d *differ) kindChanged(o, n *Object) bool {
	if o.Kind == n.Kind {
		return false
	}
	switch {
	case o.Kind == KindAlias || n.Kind == KindAlias:
		return false // an import became a definition or the other way round: judged by use
	case (o.Kind == KindAttribute || o.Kind == KindProperty) && callable(n.Kind):
		return false // an attribute may hold a callable (openfp = open): it still does
	case callable(o.Kind) && (n.Kind == KindAttribute || n.Kind == KindProperty):
		d.add("kind-changed", o.Path, false, n, "%s changed from %s to %s: calls work only if the attribute holds a callable", o.Path, o.Kind, n.Kind)
		return true
	case valueLike(o.Kind) && valueLike(n.Kind):
		if o.Kind == KindProperty || n.Kind != KindProperty {
			return false
		}
		d.add("kind-changed", o.Path, false, n, "%s became a property: reading it still works, assigning to it may not", o.Path)
		return true
	case o.Kind == KindMethod && (n.Kind == KindClassMethod || n.Kind == KindStaticMethod):
		return false // still callable on instances
	case (o.Kind == KindClassMethod || o.Kind == KindStaticMethod) && (n.Kind == KindClassMethod || n.Kind == KindStaticMethod):
		return false // called the same way, on the class or an instance
	case callable(o.Kind) && callable(n.Kind) && (o.Kind == KindClass || n.Kind == KindClass):
		d.add("kind-changed", o.Path, false, n, "%s changed from %s to %s: calls may still work, isinstance and subclassing do not", o.Path, o.Kind, n.Kind)
		return true
	}
	d.add("kind-changed", o.Path, true, n, "%s changed from %s to %s", o.Path, o.Kind, n.Kind)
	return true
}

func (d *differ) compare(o, n *Object) {
	if d.kindChanged(o, n) || o.Kind == KindAlias || n.Kind == KindAlias {
		return // an alias names something this API does not describe: nothing to compare
	}
	switch {
	case callable(o.Kind) && o.Kind != KindClass:
		if (o.Kind == KindStaticMethod || o.Kind == KindClassMethod) && n.Kind == KindMethod {
			d.add("kind-changed", o.Path, true, n, "%s changed from %s to method: calls on the class fail", o.Path, o.Kind)
			return
		}
		d.signature(o, n)
	case o.Kind == KindClass:
		d.class(o, n)
	case valueLike(o.Kind):
		if o.Type != "" && n.Type != "" && loose(o.Type) != loose(n.Type) {
			d.add("attribute-type-changed", o.Path, false, n, "type of %s changed from %s to %s", o.Path, o.Type, n.Type)
		}
		if o.Kind == KindField && n.Kind == KindField && !o.Required && n.Required {
			d.add("field-made-required", o.Path, true, n, "field %s lost its default: constructing without it fails", o.Path)
		}
	}
}

func (d *differ) class(o, n *Object) {
	have := map[string]bool{}
	for _, b := range append(append([]string(nil), n.Bases...), n.Ancestors...) {
		if i := strings.IndexByte(b, '['); i > 0 {
			b = b[:i]
		}
		have[loose(b)] = true
	}
	for _, b := range o.Bases {
		key := b
		if i := strings.IndexByte(b, '['); i > 0 {
			key = b[:i] // the same base, parametrised differently
		}
		// Compared by name: a base that moved to another module (importlib.abc.Traversable
		// to importlib.resources.abc.Traversable) is the same base.
		if !have[loose(key)] && !strings.HasPrefix(b, "typing.Generic") && !strings.HasPrefix(b, "typing.Protocol") && isPublicModule(b) {
			d.add("base-removed", o.Path, false, n, "class %s no longer derives from %s: isinstance checks and inherited members may fail", o.Path, b)
		}
	}
	if n.Final && !o.Final {
		d.add("class-made-final", o.Path, false, n, "class %s was made final: subclasses no longer type-check", o.Path)
	}
}

// signature compares the parameters and return annotation of two functions.
func (d *differ) signature(o, n *Object) {
	if o.Overloaded || n.Overloaded {
		return // overloads: only removal is judged
	}
	sym := o.Path
	newByName := map[string]int{}
	var newPos []Param
	var newVarPos, newVarKw bool
	for i, p := range n.Params {
		switch p.Kind {
		case VarPositional:
			newVarPos = true
		case VarKeyword:
			newVarKw = true
		default:
			newByName[p.Name] = i
		}
		if p.Kind == PositionalOnly || p.Kind == PositionalOrKwarg {
			newPos = append(newPos, p)
		}
	}
	oldNames := map[string]bool{}
	oldPos := 0
	oldVarPos, oldVarKw := false, false
	for _, p := range o.Params {
		oldVarPos = oldVarPos || p.Kind == VarPositional
		oldVarKw = oldVarKw || p.Kind == VarKeyword
	}
	for _, p := range o.Params {
		oldNames[p.Name] = true
		psym := sym + "(" + p.Name + ")"
		if strings.HasPrefix(p.Name, "_") && p.Kind != VarPositional && p.Kind != VarKeyword {
			if p.Kind != KeywordOnly {
				oldPos++ // it still takes its place
			}
			continue // a private parameter (random.randrange's _int)
		}
		switch p.Kind {
		case VarPositional:
			if !newVarPos {
				if len(positional(n.Params)) > len(positional(o.Params)) {
					// *args became named parameters (def f(*args) -> def f(self, obj, /)):
					// the calls that worked may all still work.
					d.add("var-parameter-removed", psym, false, n, "%s no longer takes *%s but named positional parameters: calls with more positional arguments than it names fail", sym, p.Name)
				} else {
					d.add("var-parameter-removed", psym, true, n, "%s no longer takes *%s: calls with extra positional arguments fail", sym, p.Name)
				}
			}
			continue
		case VarKeyword:
			if !newVarKw {
				d.add("var-parameter-removed", psym, true, n, "%s no longer takes **%s: calls with extra keyword arguments fail", sym, p.Name)
			}
			continue
		}
		idx := -1
		if p.Kind != KeywordOnly {
			idx = oldPos
			oldPos++
		}
		j, ok := newByName[p.Name]
		if p.Kind == PositionalOnly && idx < len(newPos) && newPos[idx].Kind == PositionalOnly {
			// A positional-only parameter is known by its place, not its name.
			for k, q := range n.Params {
				if q.Name == newPos[idx].Name {
					j, ok = k, true
				}
			}
		}
		if !ok {
			switch {
			case p.Kind == PositionalOnly && newVarPos:
				// still accepted by *args
			case p.Kind != PositionalOnly && newVarKw:
				d.add("parameter-removed", psym, false, n, "parameter %s of %s was removed: calls that pass it by keyword now pass it into **kwargs, which may reject it", p.Name, sym)
			case p.Kind == PositionalOrKwarg && idx < len(newPos) && !hasName(o.Params, newPos[idx].Name):
				d.add("parameter-renamed", psym, true, n, "parameter %s of %s was renamed to %s: calls that pass it by keyword fail", p.Name, sym, newPos[idx].Name)
			default:
				d.add("parameter-removed", psym, true, n, "parameter %s of %s was removed: calls that pass it fail", p.Name, sym)
			}
			continue
		}
		q := n.Params[j]
		switch {
		case p.Kind == PositionalOrKwarg && q.Kind == KeywordOnly:
			d.add("parameter-kind-changed", psym, true, n, "parameter %s of %s became keyword-only: calls that pass it by position fail", p.Name, sym)
		case p.Kind == PositionalOrKwarg && q.Kind == PositionalOnly:
			d.add("parameter-kind-changed", psym, true, n, "parameter %s of %s became positional-only: calls that pass it by keyword fail", p.Name, sym)
		case p.Kind == KeywordOnly && q.Kind == PositionalOnly:
			d.add("parameter-kind-changed", psym, true, n, "parameter %s of %s became positional-only: calls that pass it by keyword fail", p.Name, sym)
		case idx >= 0 && q.Kind != KeywordOnly:
			if ni := posIndex(n.Params, j); ni != idx {
				d.add("parameter-moved", psym, true, n, "parameter %s of %s moved from position %d to %d: calls that pass it by position get the wrong argument", p.Name, sym, idx+1, ni+1)
			}
		}
		if p.Default != "" && q.Default == "" {
			d.add("parameter-made-required", psym, true, n, "parameter %s of %s lost its default (%s): calls without it fail", p.Name, sym, p.Default)
		} else if p.Default != "" && !sameDefault(q.Default, p.Default) {
			d.add("default-changed", psym, false, n, "default of parameter %s of %s changed from %s to %s: calls without it behave differently", p.Name, sym, p.Default, q.Default)
		}
		if p.Annotation != "" && q.Annotation != "" && !accepts(q.Annotation, p.Annotation) {
			how := "changed"
			if accepts(p.Annotation, q.Annotation) {
				how = "narrowed"
			}
			d.add("parameter-type-changed", psym, false, n, "annotation of parameter %s of %s %s from %s to %s: typed callers may fail", p.Name, sym, how, p.Annotation, q.Annotation)
		}
	}
	for _, q := range n.Params {
		if oldNames[q.Name] || q.HasDefault() {
			continue
		}
		if oldVarPos && q.Kind != KeywordOnly || oldVarKw && q.Kind != PositionalOnly {
			continue // the old *args or **kwargs took it: calls that worked still pass it
		}
		if q.Kind == PositionalOnly && posIndex(n.Params, indexOf(n.Params, q.Name)) < oldPos {
			continue // a renamed positional-only parameter
		}
		if q.Kind == PositionalOrKwarg && posIndex(n.Params, indexOf(n.Params, q.Name)) < oldPos {
			if i := posIndex(n.Params, indexOf(n.Params, q.Name)); i < len(positional(o.Params)) && !hasName(n.Params, positional(o.Params)[i].Name) {
				continue // reported as renamed
			}
		}
		d.add("required-parameter-added", sym+"("+q.Name+")", true, n, "%s gained the required parameter %s: calls without it fail", sym, q.Name)
	}
	if o.Returns != "" && n.Returns != "" && !accepts(o.Returns, n.Returns) {
		how := "changed"
		if accepts(n.Returns, o.Returns) {
			how = "widened"
		}
		d.add("return-type-changed", sym, false, n, "return annotation of %s %s from %s to %s: typed callers may fail", sym, how, o.Returns, n.Returns)
	}
}

func positional(ps []Param) []Param {
	var out []Param
	for _, p := range ps {
		if p.Kind == PositionalOnly || p.Kind == PositionalOrKwarg {
			out = append(out, p)
		}
	}
	return out
}

func hasName(ps []Param, name string) bool { return indexOf(ps, name) >= 0 }

func indexOf(ps []Param, name string) int {
	for i, p := range ps {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// posIndex is the place of ps[j] among the positional parameters.
func posIndex(ps []Param, j int) int {
	n := 0
	for i := 0; i < j; i++ {
		if ps[i].Kind == PositionalOnly || ps[i].Kind == PositionalOrKwarg {
			n++
		}
	}
	return n
}

// sameDefault reports whether two defaults are the same value: the same text, or 0 and
// False, 1 and True (equal in Python, and spelled both ways as flags).
func sameDefault(a, b string) bool {
	norm := func(s string) string {
		switch s {
		case "False":
			return "0"
		case "True":
			return "1"
		}
		return s
	}
	return norm(a) == norm(b)
}
