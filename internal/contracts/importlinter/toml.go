package importlinter

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/buttresspy/buttress/internal/config"
)

// tomlSession is [tool.importlinter]; every field is any so that the values keep the types
// written, which import-linter accepts more loosely than their natural types (a string for a
// boolean, a string for a list of one).
type tomlSession struct {
	RootPackage     any             `toml:"root_package"`
	RootPackages    any             `toml:"root_packages"`
	IncludeExternal any             `toml:"include_external_packages"`
	ExcludeTC       any             `toml:"exclude_type_checking_imports"`
	ContractTypes   any             `toml:"contract_types"`
	SourceRoots     any             `toml:"source_roots"`
	Contracts       config.Deferred `toml:"contracts"`
}

// tomlContract is one [[tool.importlinter.contracts]]: the options of every contract type;
// which ones a type takes is checked afterwards, with a better message than "unknown key".
type tomlContract struct {
	ID               any `toml:"id"`
	Name             any `toml:"name"`
	Type             any `toml:"type"`
	IgnoreImports    any `toml:"ignore_imports"`
	Unmatched        any `toml:"unmatched_ignore_imports_alerting"`
	Guidance         any `toml:"broken_contract_guidance"`
	SourceModules    any `toml:"source_modules"`
	ForbiddenModules any `toml:"forbidden_modules"`
	AllowIndirect    any `toml:"allow_indirect_imports"`
	AsPackages       any `toml:"as_packages"`
	Layers           any `toml:"layers"`
	Containers       any `toml:"containers"`
	Exhaustive       any `toml:"exhaustive"`
	ExhaustiveIgn    any `toml:"exhaustive_ignores"`
	Modules          any `toml:"modules"`
	ProtectedModules any `toml:"protected_modules"`
	AllowedImporters any `toml:"allowed_importers"`
	Ancestors        any `toml:"ancestors"`
	Depth            any `toml:"depth"`
	SkipDescendants  any `toml:"skip_descendants"`
}

// ParseTOML reads import-linter's configuration from the [tool.importlinter] table of a
// pyproject.toml named file, as shown in errors and in each contract's Origin. It returns
// nil, nil when the table is missing or empty, as import-linter then has no configuration.
func ParseTOML(data []byte, file string) (*Config, error) {
	tb, err := config.ParseTable(data, file, "tool.importlinter")
	if err != nil {
		return nil, err
	}
	if keys, err := tb.Keys(""); err != nil || len(keys) == 0 {
		return nil, err
	}
	r := &reader{}
	var sess tomlSession
	r.add(tb.Decode("", &sess))
	ss := tomlSection(r, tb, "", &sess)
	var cs []*section
	if n, ok := tb.Len("contracts"); ok {
		for i := range n {
			key := fmt.Sprintf("contracts[%d]", i)
			if _, err := tb.Keys(key); err != nil {
				r.add(tb.Errorf(key, "each element of contracts must be a table: write [[tool.importlinter.contracts]]"))
				continue
			}
			var c tomlContract
			r.add(tb.Decode(key, &c))
			s := tomlSection(r, tb, key+".", &c)
			s.line = tb.Line(key)
			cs = append(cs, s)
		}
	} else if tb.IsSet("contracts") {
		r.add(tb.Errorf("contracts", "contracts must be an array of tables: write each contract as [[tool.importlinter.contracts]]"))
	}
	cfg := r.build(file, ss, cs)
	if err := r.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// add records the errors of a config function.
func (r *reader) add(err error) {
	var list config.ErrorList
	var one *config.Error
	switch {
	case err == nil:
	case errors.As(err, &list):
		r.errs = append(r.errs, list...)
	case errors.As(err, &one):
		r.errs = append(r.errs, one)
	default:
		r.errs = append(r.errs, &config.Error{Msg: err.Error()})
	}
}

// tomlSection turns decoded values (a struct of any fields) into options. prefix is the
// table's key below [tool.importlinter]: "" or "contracts[i].".
func tomlSection(r *reader, tb *config.Table, prefix string, decoded any) *section {
	s := &section{name: "tool.importlinter", opts: map[string]*option{}, list: "an array", top: "[tool.importlinter]", truth: "true or false"}
	if prefix != "" {
		s.name = "tool.importlinter.contracts"
	}
	v := reflect.ValueOf(decoded).Elem()
	for i := range v.NumField() {
		key := v.Type().Field(i).Tag.Get("toml")
		val, ok := v.Field(i).Interface(), tb.IsSet(prefix+key)
		if key == "contracts" || !ok {
			continue
		}
		o := &option{key: key, line: tb.Line(prefix + key)}
		switch val := val.(type) {
		case string:
			o.items = []string{val}
		case bool:
			o.items, o.kind = []string{"False"}, "a boolean"
			if val {
				o.items[0] = "True"
			}
		case int64:
			o.items, o.kind = []string{strconv.FormatInt(val, 10)}, "an integer"
		case []any:
			o.list = true
			for j, e := range val {
				str, ok := e.(string)
				if !ok {
					o.bad = true
					r.add(tb.Errorf(fmt.Sprintf("%s%s[%d]", prefix, key, j), "%s element %d must be a string, not %s", key, j+1, config.TypeName(e)))
				}
				o.items = append(o.items, str)
				o.lines = append(o.lines, tb.Line(fmt.Sprintf("%s%s[%d]", prefix, key, j)))
			}
		default:
			o.items, o.kind = []string{fmt.Sprint(val)}, config.TypeName(val)
		}
		s.opts[key] = o
		s.keys = append(s.keys, key)
	}
	s.errorf = func(key string, item int, msg string) *config.Error {
		q := prefix + key
		switch {
		case key == "":
			q = prefix
			if q != "" {
				q = q[:len(q)-1]
			}
		case item >= 0 && s.opts[key] != nil && s.opts[key].list:
			q = fmt.Sprintf("%s[%d]", q, item)
		}
		e := tb.Errorf(q, "%s", msg)
		if key == "" {
			e.Table, e.Key = s.name, ""
		}
		return e
	}
	return s
}
