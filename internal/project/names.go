package project

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isKeyword reports whether s is one of Python's hard keywords (3.8 to 3.14): a path element
// spelled like one cannot be named in an import statement. Soft keywords (match, case,
// type, _) can. (A switch: the walk asks it of every file and directory name.)
func isKeyword(s string) bool {
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
		"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
		"if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
		"return", "try", "while", "with", "yield":
		return true
	}
	return false
}

// isIdentifier reports whether s can be one element of a dotted module name in an import
// statement: a Python identifier (letters, digits and underscores, Unicode letters and digits
// included, not starting with a digit) that is not a keyword. Python normalises identifiers
// to NFKC; names that differ only by normalisation are rare enough to be taken as they are.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	// The common case first, with no map: ASCII letters, digits and underscores.
	ascii := s[0] < '0' || s[0] > '9'
	for i := 0; i < len(s) && ascii; i++ {
		c := s[i]
		ascii = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	if ascii {
		return !isKeyword(s)
	}
	if isKeyword(s) || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
		case r < utf8.RuneSelf && r >= '0' && r <= '9':
			if i == 0 {
				return false
			}
		case r < utf8.RuneSelf:
			return false
		case unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r):
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || unicode.Is(unicode.Other_ID_Continue, r):
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isModuleElement reports whether s can be one element of a module name that
// importlib.import_module finds, inside a package: the import system splits a name at its
// dots and looks each element up as a file or directory name, without asking that it be an
// identifier, so import_module("app.migrations.0001_initial") and
// import_module("pkg.my-app.class") both work although no import statement can spell them.
// An element holds no dot (a dot splits the name: foo.bar.py is no module), is valid UTF-8
// and has no control characters (buttress prints names one per line; Python would accept
// them, buttress does not: a deliberate difference for names no one writes).
func isModuleElement(s string) bool {
	if s == "" || strings.IndexByte(s, '.') >= 0 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}
