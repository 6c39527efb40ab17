package imports

import (
	"bytes"
	"strings"
)

// Category says where an imported module lives.
type Category uint8

// Import categories.
const (
	// FirstParty: the module exists in the project.
	FirstParty Category = iota
	// Stdlib: its top-level name is in the standard library of the target version.
	Stdlib
	// ThirdParty: anything else that is not first-party.
	ThirdParty
	// Unresolved: its top-level name is first-party but the module does not exist.
	Unresolved
)

var categoryNames = [...]string{"first_party", "stdlib", "third_party", "unresolved"}

func (c Category) String() string { return categoryNames[c] }

// Table is what resolution needs to know: the project's modules and the standard library.
type Table struct {
	modules   map[string]bool // every first-party module, package and namespace package
	tops      map[string]bool // their top-level names
	stdlibTop func(top string) bool
	stdlibHas func(module string) bool
}

// NewTable builds a resolution table. stdlibTop reports whether a top-level name is in the
// standard library; stdlibHas, when not nil, whether a dotted module exists in it (so that
// `from email import message` resolves to email.message).
func NewTable(modules []string, stdlibTop func(string) bool, stdlibHas func(string) bool) *Table {
	t := &Table{modules: make(map[string]bool, len(modules)), tops: map[string]bool{}, stdlibTop: stdlibTop, stdlibHas: stdlibHas}
	for _, m := range modules {
		t.modules[m] = true
		t.tops[top(m)] = true
	}
	return t
}

// Has reports whether module is first-party.
func (t *Table) Has(module string) bool { return t.modules[module] }

func top(m string) string {
	if i := strings.IndexByte(m, '.'); i >= 0 {
		return m[:i]
	}
	return m
}

// Resolve returns the module an import statement of importer brings in, and its category.
// isPackage says whether importer is a package (its __init__), which is the base of its
// relative imports. problem is not empty when the import cannot be resolved at all (a relative
// import above the top-level package); imported is then "".
func (t *Table) Resolve(importer string, isPackage bool, s Stmt) (imported string, cat Category, problem string) {
	imported, _, cat, problem = t.resolve(importer, isPackage, s)
	return imported, cat, problem
}

// resolve is Resolve, and also returns the name a from-import takes from the imported module:
// "" for a plain import or when the name is itself a module, "*" for a star import.
func (t *Table) resolve(importer string, isPackage bool, s Stmt) (imported, name string, cat Category, problem string) {
	base := s.Module
	if s.Level > 0 {
		pkg := importer
		if !isPackage {
			i := strings.LastIndexByte(importer, '.')
			if i < 0 {
				return "", "", Unresolved, "relative import in a module that is not in a package"
			}
			pkg = importer[:i]
		}
		for l := 1; l < s.Level; l++ {
			i := strings.LastIndexByte(pkg, '.')
			if i < 0 {
				return "", "", Unresolved, "relative import goes beyond the top-level package"
			}
			pkg = pkg[:i]
		}
		if pkg == "" {
			return "", "", Unresolved, "relative import in a module that is not in a package"
		}
		if base == "" {
			base = pkg
		} else {
			base = pkg + "." + base
		}
	}
	target := base
	if s.From {
		name = s.Name
		// `from a import b` imports a.b when that is a module, else a (b is an attribute).
		if s.Name != "*" {
			// base.Name is looked up without making the string unless it is a module: most
			// from-imports take attributes.
			var arr [128]byte
			sub := append(append(append(arr[:0], base...), '.'), s.Name...)
			if t.existsBytes(sub) {
				target, name = string(sub), ""
			}
		}
	}
	return target, name, t.category(target), ""
}

// existsBytes reports whether the module m (held in bytes, so that a name that is not a
// module costs no string) is first-party, or in the standard library when no first-party
// package has its top-level name.
func (t *Table) existsBytes(m []byte) bool {
	if t.modules[string(m)] {
		return true
	}
	topLen := len(m)
	if i := bytes.IndexByte(m, '.'); i >= 0 {
		topLen = i
	}
	if t.tops[string(m[:topLen])] {
		return false
	}
	return t.stdlibHas != nil && t.stdlibTop != nil && t.stdlibTop(string(m[:topLen])) && t.stdlibHas(string(m))
}

func (t *Table) category(m string) Category {
	switch {
	case t.modules[m]:
		return FirstParty
	case strings.HasSuffix(m, ".__init__") && t.modules[strings.TrimSuffix(m, ".__init__")]:
		return FirstParty // `import pkg.__init__` loads the package's __init__ file as a module
	case t.tops[top(m)]:
		return Unresolved
	case t.stdlibTop != nil && t.stdlibTop(top(m)):
		return Stdlib
	}
	return ThirdParty
}
