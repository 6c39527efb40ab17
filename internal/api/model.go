// Package api builds the public API of a Python distribution from its source, without
// importing it, and compares two versions of it.
//
// # The model
//
// An API is a flat list of Objects, each under the dotted path users import it from: a class
// defined in pkg/_client.py and re-exported by pkg/__init__.py (`from ._client import Client`,
// `from ._client import *`, listed in `__all__`) is pkg.Client, and not pkg._client.Client,
// which is private. Members of a class are under the class's path (pkg.Client.send). A name is
// public when no part of its path starts with an underscore (dunder methods such as __init__
// and __call__ are public members) and, in a module that sets `__all__`, when it is listed
// there. Without `__all__`, a module exports what it defines and what it imports from its own
// distribution (`from .sub import X`, `from ._impl import *`), or imports with the redundant
// alias of the typing convention (`import x as x`, `from m import y as y`); an `import os`
// is not part of its API. A .pyi stub beside a .py wins over it.
//
// Annotations are kept as normalised types (see NormalizeType) so that spellings of one type
// compare equal; defaults and decorators as canonical source text (see Unparse).
package api

import (
	"sort"
)

// Kinds of Object.
const (
	KindModule       = "module"
	KindClass        = "class"
	KindFunction     = "function"
	KindMethod       = "method"
	KindClassMethod  = "classmethod"
	KindStaticMethod = "staticmethod"
	KindProperty     = "property"
	KindAttribute    = "attribute"
	KindField        = "field"       // a field of a data class
	KindEnumMember   = "enum-member" // a member of an Enum
	KindAlias        = "alias"       // a re-export of a name from outside the distribution
)

// Parameter kinds.
const (
	PositionalOnly    = "positional-only"
	PositionalOrKwarg = "positional-or-keyword"
	KeywordOnly       = "keyword-only"
	VarPositional     = "var-positional" // *args
	VarKeyword        = "var-keyword"    // **kwargs
)

// API is the public API of a distribution.
type API struct {
	Version  int       `json:"version"`
	Packages []string  `json:"packages"`
	Objects  []*Object `json:"objects"`

	byPath map[string]*Object
	// hidden holds, per module path, the names the module defines or imports but leaves out
	// of its __all__: a removal that is really a name dropped from __all__ says so.
	hidden map[string]map[string]string
}

// SnapshotVersion is the version of the JSON snapshot format.
const SnapshotVersion = 1

// Object is one public object.
type Object struct {
	Path string `json:"path"`
	Kind string `json:"kind"`
	// File and Line are where it is defined, relative to the project root.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`

	Params     []Param  `json:"params,omitempty"`
	Returns    string   `json:"returns,omitempty"` // normalised return annotation
	Async      bool     `json:"async,omitempty"`
	Overloaded bool     `json:"overloaded,omitempty"` // declared with @overload: signatures not compared
	Decorators []string `json:"decorators,omitempty"` // those that change the contract

	Bases     []string `json:"bases,omitempty"`     // normalised
	Ancestors []string `json:"ancestors,omitempty"` // the bases of bases defined in the distribution
	Data      string   `json:"data,omitempty"`      // dataclass, attrs, pydantic, typeddict, namedtuple, enum
	Final     bool     `json:"final,omitempty"`

	Type     string `json:"type,omitempty"`     // normalised annotation of an attribute or field
	Required bool   `json:"required,omitempty"` // a data-class field without a default
	Target   string `json:"target,omitempty"`   // what an alias re-exports
	// Accelerated names the C module whose star import may replace the definition at run
	// time (`from _datetime import *` at the end of datetime.py): changes to it are possible
	// breaks, not certain ones.
	Accelerated string `json:"accelerated,omitempty"`
	// Getattr: the module defines __getattr__ (PEP 562), which may give names it does not
	// bind (a deprecated name kept with a warning).
	Getattr bool `json:"getattr,omitempty"`
	// Opaque is a name listed in __all__ but bound in a way that cannot be read without
	// running the module (globals(), a loop): only its removal is judged.
	Opaque bool `json:"opaque,omitempty"`
}

// Param is a parameter of a function. The bound first parameter of a method (self, cls) is
// left out.
type Param struct {
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	Default    string `json:"default,omitempty"` // canonical source text; "" when none
	Annotation string `json:"annotation,omitempty"`
}

// HasDefault reports whether the parameter can be left out of a call.
func (p Param) HasDefault() bool {
	return p.Default != "" || p.Kind == VarPositional || p.Kind == VarKeyword
}

// Lookup returns the object at path, or nil.
func (a *API) Lookup(path string) *Object {
	if a.byPath == nil {
		a.index()
	}
	return a.byPath[path]
}

func (a *API) index() {
	a.byPath = make(map[string]*Object, len(a.Objects))
	for _, o := range a.Objects {
		a.byPath[o.Path] = o
	}
}

func (a *API) sort() {
	sort.Slice(a.Objects, func(i, j int) bool { return a.Objects[i].Path < a.Objects[j].Path })
	a.index()
}
