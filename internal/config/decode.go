package config

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Deferred is the type of a configuration key whose value another package decodes, later,
// with Config.Decode: the key is known (so it is no "unknown key" error) but its value is not
// checked when the file is loaded. Its only content is whether the key was set. For example a
// later field
//
//	Contracts Deferred `toml:"contracts"`
//
// accepts [[tool.buttress.contracts]], which package contracts decodes into its own types.
type Deferred struct{ set bool }

// IsSet reports whether the key was in the file.
func (d Deferred) IsSet() bool { return d.set }

// The decoder fills Go values from decoded TOML, strictly: it reports every key that the
// target struct has no field for (with a "did you mean"), and every value of the wrong type,
// each with its position. It collects all errors rather than stopping at the first.
//
// Struct fields are named by their `toml:"name"` tag; fields without one are never set from
// the file. An `aka:"name,other"` tag lists other names (such as Ruff's) that should suggest
// the field in an unknown-key error. Supported field types: string, bool, integers, floats
// (which accept integers), slices, arrays, maps with string keys, structs, pointers, any,
// Deferred, types implementing encoding.TextUnmarshaler (from a string; their error is
// reported at the value), and types go-toml decodes to directly (time.Time, toml.LocalDate).
type decoder struct {
	doc    *document
	errs   []*Error
	failed map[string]bool // path keys of the errors' paths and of everything above them
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	deferredType        = reflect.TypeFor[Deferred]()
)

func (d *decoder) fail(q path, atKey bool, format string, args ...any) {
	d.errs = append(d.errs, d.doc.errorAt(q, atKey, format, args...))
	if d.failed == nil {
		d.failed = map[string]bool{}
	}
	for i := len(q); i >= 0 && !d.failed[q[:i].key()]; i-- {
		d.failed[q[:i].key()] = true
	}
}

// failedAt reports whether an error was found at q or inside it.
func (d *decoder) failedAt(q path) bool { return d.failed[q.key()] }

func (d *decoder) wrongType(q path, t reflect.Type, v any) {
	d.fail(q, false, "%s must be %s, not %s", describe(q), expected(t), tomlType(v))
}

// decode stores v, the decoded TOML value at q, into rv.
func (d *decoder) decode(q path, v any, rv reflect.Value) {
	t := rv.Type()
	if t == deferredType {
		rv.Set(reflect.ValueOf(Deferred{set: true}))
		return
	}
	if v != nil && t.Kind() != reflect.Pointer && reflect.TypeOf(v).AssignableTo(t) {
		rv.Set(reflect.ValueOf(v))
		return
	}
	_, isTable := v.(map[string]any)
	if reflect.PointerTo(t).Implements(textUnmarshalerType) && t.Kind() != reflect.Pointer && !(isTable && t.Kind() == reflect.Struct) {
		// A struct that unmarshals from text may also be written as a table of its fields.
		s, ok := v.(string)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.fail(q, false, "%s: %v", describe(q), err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		d.decode(q, v, rv.Elem())
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		d.decodeStruct(q, m, rv)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			d.wrongType(q, t, v)
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMapWithSize(t, len(m)))
		}
		for _, k := range sortedKeys(m) {
			ev := reflect.New(t.Elem()).Elem()
			d.decode(q.with(k), m[k], ev)
			rv.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
	case reflect.Slice, reflect.Array:
		a, ok := v.([]any)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		var s reflect.Value
		if t.Kind() == reflect.Slice {
			s = reflect.MakeSlice(t, len(a), len(a))
		} else {
			if len(a) != t.Len() {
				d.fail(q, false, "%s must have %d elements, not %d", describe(q), t.Len(), len(a))
				return
			}
			s = reflect.New(t).Elem()
		}
		for i, e := range a {
			d.decode(q.with(index(i)), e, s.Index(i))
		}
		rv.Set(s)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		if rv.OverflowInt(n) {
			d.fail(q, false, "%s is out of range: %d", describe(q), n)
			return
		}
		rv.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, ok := v.(int64)
		if !ok {
			d.wrongType(q, t, v)
			return
		}
		if n < 0 || rv.OverflowUint(uint64(n)) {
			d.fail(q, false, "%s is out of range: %d", describe(q), n)
			return
		}
		rv.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		switch n := v.(type) {
		case int64:
			rv.SetFloat(float64(n))
		case float64:
			rv.SetFloat(n)
		default:
			d.wrongType(q, t, v)
		}
	default:
		d.wrongType(q, t, v)
	}
}

func (d *decoder) decodeStruct(q path, m map[string]any, rv reflect.Value) {
	fs := fieldsOf(rv.Type())
	for _, k := range sortedKeys(m) {
		i, ok := fs.index[k]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", k)
			if s := suggest(k, fs.names, fs.aliases); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else if len(fs.names) <= 24 {
				quoted := make([]string, len(fs.names))
				for j, n := range fs.names {
					quoted[j] = fmt.Sprintf("%q", n)
				}
				msg += " (expected one of " + strings.Join(quoted, ", ") + ")"
			}
			d.fail(q.with(k), true, "%s", msg)
			continue
		}
		d.decode(q.with(k), m[k], rv.Field(i))
	}
}

// fields describes the keys of a struct type.
type fields struct {
	index   map[string]int    // key → field index
	names   []string          // keys, in field order
	aliases map[string]string // other name → key
}

func fieldsOf(t reflect.Type) fields {
	fs := fields{index: map[string]int{}, aliases: map[string]string{}}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		fs.index[name] = i
		fs.names = append(fs.names, name)
		if aka := f.Tag.Get("aka"); aka != "" {
			for _, a := range strings.Split(aka, ",") {
				fs.aliases[a] = name
			}
		}
	}
	return fs
}

// expected names the TOML type a Go type takes, for messages.
func expected(t reflect.Type) string {
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return expected(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		switch e := expected(t.Elem()); {
		case strings.HasPrefix(e, "a string"):
			return "an array of strings"
		case strings.HasPrefix(e, "a table"):
			return "an array of tables"
		}
		return "an array"
	case reflect.Map, reflect.Struct:
		if t.Kind() == reflect.Struct && t.PkgPath() == "time" {
			return "a date-time"
		}
		return "a table"
	}
	return t.String()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
