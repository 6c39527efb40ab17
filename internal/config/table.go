package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
)

// Table is a table of a TOML file that another tool owns (tach.toml, [tool.tach],
// [tool.importlinter]): decoded with the same checks as buttress's own configuration, and
// with errors that name file, line and key.
type Table struct {
	File    string // as shown in errors
	doc     *document
	section path
	set     bool
}

// ReadTable reads the TOML file at path and picks the table at section (dotted, such as
// "tool.tach"; "" for the whole document). shown names the file in errors. A file that does
// not exist is an error; a missing table is not (IsSet reports it).
func ReadTable(path, shown, section string) (*Table, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, FileErrorAt(err, shown)
	}
	return ParseTable(data, shown, section)
}

// ParseTable is ReadTable on data already read.
func ParseTable(data []byte, shown, section string) (*Table, error) {
	doc, err := parseDocument(shown, data)
	if err != nil {
		return nil, err
	}
	t := &Table{File: shown, doc: doc, section: splitKey(section)}
	v, ok := doc.lookup(t.section)
	if !ok {
		return t, nil
	}
	if _, isTable := v.(map[string]any); !isTable {
		return nil, doc.errorAt(t.section, false, "%s must be a table, not %s", describe(t.section), tomlType(v))
	}
	t.set = true
	return t, nil
}

// IsSet reports whether the file has the table; with key, whether the table sets key (a
// dotted path below the table, with optional [i] indexes).
func (t *Table) IsSet(key ...string) bool {
	if !t.set {
		return false
	}
	if len(key) == 0 {
		return true
	}
	_, ok := t.doc.lookup(t.section.with(splitKey(key[0])...))
	return ok
}

// Decode decodes the value at key (a dotted path below the table; "" for the table itself)
// into the value into points to, as Config.Decode does: unknown keys (with a "did you
// mean") and wrong types are errors naming file, line and key.
func (t *Table) Decode(key string, into any) error {
	rv := reflect.ValueOf(into)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("config.Table.Decode: into must be a non-nil pointer, not %T", into)
	}
	if !t.set {
		return nil
	}
	q := t.section.with(splitKey(key)...)
	v, ok := t.doc.lookup(q)
	if !ok {
		return nil
	}
	d := &decoder{doc: t.doc}
	d.decode(q, v, rv.Elem())
	return errorsOf(d.errs)
}

// Keys returns the sorted keys of the table at key ("" for the table itself); nil when not
// set. A value there that is not a table is an error.
func (t *Table) Keys(key string) ([]string, error) {
	if !t.set {
		return nil, nil
	}
	q := t.section.with(splitKey(key)...)
	v, ok := t.doc.lookup(q)
	if !ok {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, t.doc.errorAt(q, false, "%s must be a table, not %s", describe(q), tomlType(v))
	}
	return sortedKeys(m), nil
}

// Len returns the length of the array at key, and whether there is an array there.
func (t *Table) Len(key string) (int, bool) {
	v, ok := t.doc.lookup(t.section.with(splitKey(key)...))
	a, isArray := v.([]any)
	return len(a), ok && isArray
}

// Errorf returns an error positioned at key (a dotted path below the table, with [i]
// indexes), for checks made on decoded values.
func (t *Table) Errorf(key string, format string, args ...any) *Error {
	return t.doc.errorAt(t.section.with(splitKey(key)...), false, format, args...)
}

// Line returns the line of key (its key, or for an array element its value); 0 when the
// key is not in the file.
func (t *Table) Line(key string) int {
	q := t.section.with(splitKey(key)...)
	if at, ok := t.doc.keys[q.key()]; ok {
		return at.line
	}
	if at, ok := t.doc.vals[q.key()]; ok {
		return at.line
	}
	return 0
}

// ReadIfExists reads the file name (slash-separated, relative to root) with ReadFile: nil,
// nil when there is no such file. what says whose file it is ("tach's configuration"): the
// error names the file as name (or the directory at fault, relative to root), says what is
// wrong and what could not be read:
//
//	tach.toml: is a named pipe, not a file (tach's configuration is read from it)
func ReadIfExists(root, name, what string) ([]byte, error) {
	data, err := ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		e := FileErrorAt(err, filepath.FromSlash(name))
		if e.File == filepath.FromSlash(name) {
			e.Msg += fmt.Sprintf(" (buttress reads %s from it)", what)
		}
		e.File = filepath.ToSlash(e.File)
		return nil, e
	}
	return data, nil
}
