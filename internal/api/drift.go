package api

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/buttresspy/buttress/internal/python/parser"
)

// EntityField is a field of a data class (dataclass, attrs, pydantic model, TypedDict,
// NamedTuple) somewhere in a project.
type EntityField struct {
	Entity string // the class's name: User
	Class  string // its qualified path: shop.domain.models.User
	Module string // the module it is in: shop.domain.models
	Field  string
	Type   string // normalised annotation
	File   string
	Line   int
	Col    int // 1-based
}

// Disagreement is a field typed differently from the other definitions of the same field of
// the same entity.
type Disagreement struct {
	At     EntityField
	Others []EntityField // the definitions it disagrees with
	Want   string        // the type the others agree on ("" when they do not)
}

// FieldTypes returns the annotated public fields of every data class of the files, at any
// depth of classes (not inside functions).
func FieldTypes(files []File) []EntityField {
	mods := make([]ModuleFile, len(files))
	parallel(len(files), func(i int) {
		f := &files[i]
		res := parser.Parse(f.Src, parser.Options{})
		mods[i] = ModuleFile{Rel: f.Rel, Module: f.Module, Package: f.Package, Stub: f.Stub, Facts: Facts(res.Module, res.Lines, f.Module, f.Package)}
	})
	return FieldTypesOf(mods)
}

// ModuleFile is a file of the project with its facts (Facts), for FieldTypesOf.
type ModuleFile struct {
	Rel     string // relative to the project root, slash-separated
	Module  string // dotted module name
	Package bool   // an __init__ file
	Stub    bool   // a .pyi file
	Facts   *ModuleFacts
}

// FieldTypesOf is FieldTypes of the files' facts, recorded when they were parsed.
func FieldTypesOf(files []ModuleFile) []EntityField {
	bd := &builder{mods: map[string]*module{}, canon: map[string]string{}, exports: map[string][]string{}, busy: map[string]bool{}}
	mods := make([]*module, 0, len(files))
	for i := range files {
		if files[i].Facts != nil {
			mods = append(mods, factsModule(&files[i]))
		}
	}
	for _, m := range mods {
		if prev := bd.mods[m.name]; prev == nil || !prev.file.Stub {
			bd.mods[m.name] = m
		}
	}
	var out []EntityField
	for _, m := range mods {
		res := bd.resolver(m)
		for ci := range m.facts.Classes {
			c := &m.facts.Classes[ci]
			if c.Qual == "" {
				continue
			}
			kind := bd.shapeKind(m, c, 0)
			if kind == "" || kind == DataEnum {
				continue
			}
			for _, fd := range c.Fields {
				if fd.Head != "" && canonicalName(res(fd.Head)) == "typing.ClassVar" {
					continue
				}
				out = append(out, EntityField{
					Entity: c.Name, Class: m.name + "." + c.Qual, Module: m.name, Field: fd.Name,
					Type: normalize(fd.Type, res), File: m.file.Rel, Line: fd.Line, Col: fd.Col + 1,
				})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// factsModule is the module a file's facts describe, for the builder to resolve names in.
func factsModule(f *ModuleFile) *module {
	x := f.Facts
	m := &module{
		name: f.Module, file: &File{Rel: f.Rel, Module: f.Module, Package: f.Package, Stub: f.Stub}, pkg: f.Package,
		bindings: make(map[string]*binding, len(x.Bindings)), order: x.Order, stars: x.Stars,
		all: x.All, hasAll: x.HasAll, replacedBy: x.ReplacedBy, facts: x,
	}
	slab := make([]binding, len(x.Bindings)) // one allocation, not one a binding
	for i := range x.Bindings {
		b := &x.Bindings[i]
		nb := &slab[i]
		*nb = binding{name: b.Name, from: b.From, imported: b.Imported, redundant: b.Redundant}
		if b.Class > 0 && b.Class <= len(x.Classes) {
			nb.class = &x.Classes[b.Class-1]
		}
		m.bindings[b.Name] = nb
	}
	return m
}

// sameType is the key under which two annotations of one field agree: the type without
// None (an API schema's `id: int | None` for an object not yet saved is the domain's `id:
// int`), and with dotted names cut to their last part.
func sameType(t string) string {
	var ms []string
	for _, m := range unionMembers(t) {
		if m != "None" {
			ms = append(ms, m)
		}
	}
	return loose(strings.Join(ms, " | "))
}

// Drift finds the fields typed differently from the other definitions of the same field of
// the same entity: two classes named User whose id is an int in one and a str in the other,
// or Order.user_id: str while User.id is an int (a field named <entity>_id is that entity's
// id). The reference is what the entity's own definitions agree on (the most common type); a
// definition is reported when it disagrees with it, with the ones it disagrees with as
// others. Fields of other entities that happen to share a name (Invoice.id) are never
// compared, nor annotations that are Any.
func Drift(fields []EntityField) []Disagreement {
	// Entities are compared within a top-level package: two distributions side by side (a
	// site-packages) each have their own Token and Config.
	type key struct{ top, entity, field string }
	top := func(f EntityField) string { t, _, _ := strings.Cut(f.Module, "."); return t }
	own := map[key][]EntityField{}
	for _, f := range fields {
		if f.Type == "" || f.Type == "typing.Any" || f.Type == "object" {
			continue
		}
		k := key{top(f), f.Entity, f.Field}
		own[k] = append(own[k], f)
	}
	foreign := map[key][]EntityField{}
	for _, f := range fields {
		if f.Type == "" || f.Type == "typing.Any" || !strings.HasSuffix(f.Field, "_id") {
			continue
		}
		ent := camel(strings.TrimSuffix(f.Field, "_id"))
		if ent == "" || ent == f.Entity {
			continue
		}
		k := key{top(f), ent, "id"}
		if _, ok := own[k]; ok {
			foreign[k] = append(foreign[k], f)
		}
	}
	var out []Disagreement
	keys := make([]key, 0, len(own))
	for k := range own {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].top != keys[j].top {
			return keys[i].top < keys[j].top
		}
		if keys[i].entity != keys[j].entity {
			return keys[i].entity < keys[j].entity
		}
		return keys[i].field < keys[j].field
	})
	for _, k := range keys {
		defs := own[k]
		if len(defs) < 2 && len(foreign[k]) == 0 {
			continue
		}
		count := map[string]int{}
		for _, d := range defs {
			count[sameType(d.Type)]++
		}
		bestN := 0
		for _, n := range count {
			bestN = max(bestN, n)
		}
		var tops []string
		for t, n := range count {
			if n == bestN {
				tops = append(tops, t)
			}
		}
		sort.Strings(tops)
		best, tie := tops[0], len(tops) > 1
		if len(count) > 1 {
			for _, d := range defs {
				t := sameType(d.Type)
				if !tie && t == best {
					continue
				}
				var others []EntityField
				for _, o := range defs {
					if sameType(o.Type) != t {
						others = append(others, o)
					}
				}
				want := ""
				if !tie {
					want = typeOf(defs, best)
				}
				out = append(out, Disagreement{At: d, Others: others, Want: want})
			}
		}
		if tie {
			continue // the entity's own definitions do not agree: no reference for its ids
		}
		var ref []EntityField
		for _, d := range defs {
			if sameType(d.Type) == best {
				ref = append(ref, d)
			}
		}
		for _, f := range foreign[k] {
			if sameType(f.Type) != best {
				out = append(out, Disagreement{At: f, Others: ref, Want: typeOf(defs, best)})
			}
		}
	}
	return out
}

// typeOf returns the type as written (normalised) of the first definition whose key is t.
func typeOf(defs []EntityField, t string) string {
	for _, d := range defs {
		if sameType(d.Type) == t {
			return d.Type
		}
	}
	return t
}

// camel turns user_account into UserAccount.
func camel(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Message says what a disagreement is, for a finding.
func (d Disagreement) Message() string {
	name := d.At.Entity + "." + d.At.Field
	if len(d.Others) == 0 {
		return fmt.Sprintf("%s is typed %s here", name, d.At.Type)
	}
	var where []string
	for i, o := range d.Others {
		if i == 3 {
			where = append(where, "...")
			break
		}
		where = append(where, o.Class)
	}
	o := d.Others[0]
	list := strings.Join(where, ", ")
	switch {
	case o.Field != d.At.Field:
		return fmt.Sprintf("%s is typed %s, but it holds a %s id, and %s.id is %s (%s)", name, d.At.Type, o.Entity, o.Entity, d.Want, list)
	case d.Want != "":
		return fmt.Sprintf("%s is typed %s here, but %s in the other %s of %s (%s)", name, d.At.Type, d.Want, plural(len(d.Others), "definition"), o.Entity, list)
	}
	return fmt.Sprintf("%s is typed %s here, but %s in %s: one of them is wrong, or they are different entities that need different names", name, d.At.Type, o.Type, list)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
