package analysis

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Scopes: test files, migrations and vendored code are code of their own kind, with defaults
// of their own. A test function needs no return annotation and a test class may have fifty
// methods; a Django migration is generated, and nobody refactors it; vendored code (a copy of
// another project, such as pip/_vendor or a bundled typeshed) is fixed upstream, not here. Each rule says in which scopes it
// does not run by default (Rule.NotIn); a configuration can name the files of a scope and
// the rules left out there instead:
//
//	[tool.buttress.tests]
//	files = ["tests/**", "**/test_*.py"]  # which files are tests (default: DefaultTestFiles)
//	ignore = ["TYP", "MOD007"]            # rules not run on them (default: each rule's NotIn)
//
//	[tool.buttress.migrations]
//	files = ["**/migrations/**"]
//	ignore = ["TYP", "ERR", "MOD", "PAT"]
//
//	[tool.buttress.vendored]
//	files = ["**/_vendor/**"]
//
// Architecture contracts apply in every scope: an import is an import.
const (
	ScopeTests      = "tests"
	ScopeMigrations = "migrations"
	ScopeVendored   = "vendored"
)

// Generated lists the scopes of code that is not written by hand here: no rule about how code
// is written applies there.
var Generated = []string{ScopeMigrations, ScopeVendored}

// Everywhere but tests and generated code.
var NotInTestsOrGenerated = []string{ScopeTests, ScopeMigrations, ScopeVendored}

// DefaultTestFiles are the globs of test files: pytest's and unittest's conventions, and
// directories named tests or test at any depth. A glob without a slash matches a file name.
func DefaultTestFiles() []string {
	return []string{"test_*.py", "*_test.py", "tests.py", "conftest.py", "**/tests/**", "**/test/**"}
}

// DefaultMigrationFiles are the globs of migrations: Django's (app/migrations/0001_x.py) and
// Alembic's (alembic/versions/..., and Flask-Migrate's migrations/versions/...).
func DefaultMigrationFiles() []string {
	return []string{"**/migrations/**", "**/alembic/versions/**"}
}

// DefaultVendoredFiles are the globs of vendored code: the directories where projects keep
// copies of others' code (pip/_vendor, botocore/vendored, a bundled typeshed).
func DefaultVendoredFiles() []string {
	return []string{"**/_vendor/**", "**/vendor/**", "**/vendored/**", "**/third_party/**", "**/typeshed/**"}
}

// Scope is a kind of file with rules of its own.
type Scope struct {
	Name  string   // ScopeTests or ScopeMigrations
	Files []string // globs relative to the project root; a glob without a slash matches a file name
	// Ignore lists the rules (codes, prefixes or names) not run in the scope; when IgnoreSet
	// is false, each rule's NotIn decides instead.
	Ignore    []string
	IgnoreSet bool
}

// DefaultScopes returns the scopes with their default files and rules.
func DefaultScopes() []Scope {
	return []Scope{
		{Name: ScopeTests, Files: DefaultTestFiles()},
		{Name: ScopeMigrations, Files: DefaultMigrationFiles()},
		{Name: ScopeVendored, Files: DefaultVendoredFiles()},
	}
}

// Contains reports whether the file at path (relative to the project root, slash-separated)
// is in the scope.
func (s *Scope) Contains(path string) bool {
	return globsMatch(s.Files, path)
}

// globsMatch reports whether one of the globs matches path: a glob without a slash is
// matched against the file name, one with a slash against the whole path.
func globsMatch(globs []string, path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	for _, glob := range globs {
		target := path
		if !strings.Contains(glob, "/") {
			target = base
		}
		if ok, _ := doublestar.Match(glob, target); ok {
			return true
		}
	}
	return false
}

// skips reports whether the scope leaves the rule out.
func (s *Scope) skips(r *Rule) bool {
	if s.IgnoreSet {
		for _, sel := range s.Ignore {
			if matches(sel, r.Code, r.Name) {
				return true
			}
		}
		return false
	}
	for _, name := range r.NotIn {
		if name == s.Name {
			return true
		}
	}
	return false
}

// ScopesOf returns the names of the scopes the file at path is in.
func (s Selection) ScopesOf(path string) []string {
	var out []string
	for i := range s.Scopes {
		if s.Scopes[i].Contains(path) {
			out = append(out, s.Scopes[i].Name)
		}
	}
	return out
}
