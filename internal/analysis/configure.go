package analysis

import (
	"fmt"
	"reflect"
)

// OptionSource is where per-rule options come from: the tables of
// [tool.buttress.rules.<name>] in the configuration.
type OptionSource interface {
	// Tables lists the rule names that have a table.
	Tables() ([]string, error)
	// Decode decodes the table of the rule named name into the value into points to,
	// leaving it as it is when there is none.
	Decode(name string, into any) error
	// Errorf makes an error positioned at the table of the rule named name.
	Errorf(name string, format string, args ...any) error
	// Suggest returns the candidate that name is most likely a typo of, or "".
	Suggest(name string, candidates []string) string
}

// Configure selects rules and gives each its options: a copy of the rule's defaults, with
// what src holds for the rule's name set on top. Every table in src is checked, also those
// of rules not selected: a table for no rule, or for a rule without options, is an error, so
// that a misspelt name never leaves a rule silently at its defaults. src may be nil (no
// configuration).
func Configure(sel Selection, all []*Rule, src OptionSource) ([]Configured, error) {
	rules, err := sel.Rules(all)
	if err != nil {
		return nil, err
	}
	if err := checkTables(all, src); err != nil {
		return nil, err
	}
	out := make([]Configured, 0, len(rules))
	for _, r := range rules {
		c := Configured{Rule: r}
		if r.Options != nil {
			c.Options = defaults(r)
			if src != nil {
				if err := decode(src, r, c.Options); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// defaults returns a fresh copy of a rule's default options, so that rules never share
// configured state.
func defaults(r *Rule) any {
	v := reflect.New(reflect.TypeOf(r.Options).Elem())
	v.Elem().Set(reflect.ValueOf(r.Options).Elem())
	return v.Interface()
}

// checkTables checks that every table in src names a rule with options, and decodes the
// tables of all of them (selected or not) so that their errors show.
func checkTables(all []*Rule, src OptionSource) error {
	if src == nil {
		return nil
	}
	names, err := src.Tables()
	if err != nil {
		return err
	}
	byName := make(map[string]*Rule, len(all))
	byCode := make(map[string]*Rule, len(all))
	var withOptions []string
	for _, r := range all {
		byName[r.Name], byCode[r.Code] = r, r
		if r.Options != nil {
			withOptions = append(withOptions, r.Name)
		}
	}
	for _, name := range names {
		r, ok := byName[name]
		switch {
		case !ok && byCode[name] != nil:
			return src.Errorf(name, "options are set by the rule's name, not its code: [...rules.%s] for %s", byCode[name].Name, name)
		case !ok:
			msg := fmt.Sprintf("no rule is named %q", name)
			if s := src.Suggest(name, withOptions); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return src.Errorf(name, "%s (`buttress rules` lists them)", msg)
		case r.Options == nil:
			return src.Errorf(name, "rule %s (%s) has no options", r.Name, r.Code)
		}
		if err := decode(src, r, defaults(r)); err != nil {
			return err
		}
	}
	return nil
}

// decode sets the options of r from src, and checks them.
func decode(src OptionSource, r *Rule, into any) error {
	if err := src.Decode(r.Name, into); err != nil {
		return err
	}
	if r.Check == nil {
		return nil
	}
	if key, err := r.Check(into); err != nil {
		name := r.Name
		if key != "" {
			name += "." + key
		}
		return src.Errorf(name, "%v", err)
	}
	return nil
}

// LibraryOption is implemented by the options of the rules that leave a library's public
// API alone (the DEAD rules, PAT002): their `library` option. The project-wide `library`
// setting of [tool.buttress] sets it (SetLibrary), unless the rule's own table does.
type LibraryOption interface {
	SetLibrary(library bool)
}

// SetLibrary gives the project-wide library setting to each configured rule with a library
// option whose own table does not set it (setHere reports whether it does, by rule name).
func SetLibrary(configured []Configured, library bool, setHere func(rule string) bool) {
	for _, c := range configured {
		if o, ok := c.Options.(LibraryOption); ok && !setHere(c.Name) {
			o.SetLibrary(library)
		}
	}
}
