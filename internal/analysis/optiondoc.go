package analysis

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// DocsURL is where the documentation page of each rule is, in the repository: DocsURL + code
// + ".md" (docs/rules/, generated from the rules by tools/ruledocs).
const DocsURL = "https://github.com/buttresspy/buttress/blob/main/docs/rules/"

// DocsURLOf returns the address of a rule's documentation page.
func DocsURLOf(code string) string { return DocsURL + code + ".md" }

// OptionDoc describes one option of a rule, for `buttress rule` and the rule's page.
type OptionDoc struct {
	Key     string // the key in [tool.buttress.rules.<name>]: "max"
	Type    string // as TOML names it: "integer", "list of strings"
	Default string // the default as TOML writes it: "10", "[]", "\"typed-modules\""
	Doc     string // what it does, from the field's `doc` tag
}

// Options returns the documentation of the rule's options, in the order of the fields of its
// options struct: each field with a `toml` key, its `doc` tag, and the value of Rule.Options
// as the default. A rule without options has none.
func (r *Rule) OptionDocs() []OptionDoc {
	if r.Options == nil {
		return nil
	}
	v := reflect.ValueOf(r.Options).Elem()
	t := v.Type()
	var out []OptionDoc
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		out = append(out, OptionDoc{Key: key, Type: tomlType(f.Type), Default: tomlValue(v.Field(i)), Doc: f.Tag.Get("doc")})
	}
	return out
}

// OptionTable is the table that holds a rule's options in pyproject.toml; in buttress.toml it
// is the same without "tool.buttress.".
func (r *Rule) OptionTable() string { return "tool.buttress.rules." + r.Name }

func tomlType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.String:
		return "string"
	case reflect.Slice:
		return "list of " + tomlType(t.Elem()) + "s"
	}
	return t.String()
}

func tomlValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Slice:
		var items []string
		for i := range v.Len() {
			items = append(items, tomlValue(v.Index(i)))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return fmt.Sprint(v.Interface())
}
