package workspace

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/buttresspy/buttress/internal/cpython"
)

//go:embed testdata/importlib_graph.py
var importlibGraphScript string

// refGraph is importlib_graph.py's output.
type refGraph struct {
	Modules []struct{ Name, Path, Kind string }
	Imports []struct {
		Path                                string
		Line, Col                           int
		Importer, Target, Category, Problem string
	}
}

func importlibGraph(t *testing.T, python, root string) refGraph {
	t.Helper()
	script := filepath.Join(t.TempDir(), "importlib_graph.py")
	if err := os.WriteFile(script, []byte(importlibGraphScript), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-I", script, root)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s importlib_graph.py: %v", python, err)
	}
	var ref refGraph
	if err := json.Unmarshal(out, &ref); err != nil {
		t.Fatalf("importlib_graph.py output: %v", err)
	}
	return ref
}

// isIdent is an identifier test for the comparison, written apart from the project
// package's on purpose: ASCII and Unicode letters, digits and underscores, no leading digit,
// no keyword.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
		"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
		"if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
		"try", "while", "with", "yield":
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))) {
			return false
		}
	}
	return true
}

// graphComparison is what one comparison found.
type graphComparison struct {
	modules, imports int            // in the reference
	deliberate       map[string]int // differences by documented reason
	diffs            []string       // the others: failures
}

// Deliberate differences from importlib, each documented in the project package.
const (
	whyScript   = "a name that is not an identifier in a namespace package outside any regular package: importlib finds it, buttress takes the file for a script"
	whyEmptyNS  = "a directory with no Python file below it: importlib makes it a namespace package, buttress no module"
	whyStubOnly = "a module or namespace package of stubs (.pyi) only: type checkers read it, importlib does not"
	whyOddChars = "a name with control characters or bytes that are not UTF-8: importlib finds it, buttress takes the file for a script"
	whyCompiled = "a .py beside a compiled extension of its name (mypyc builds both): importlib loads the extension, buttress reads the .py, its source"
)

// refReason returns why a module importlib finds may be missing from buttress's graph, or "".
func refReason(name string, kind map[string]string, nonEmpty map[string]bool) string {
	if kind[name] == "namespace" && !nonEmpty[name] {
		return whyEmptyNS
	}
	if strings.ContainsRune(name, unicode.ReplacementChar) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return whyOddChars
	}
	parts := strings.Split(name, ".")
	if len(parts) == 1 && kind[name] == "module" {
		return "" // a file directly in the source root is a module, whatever its name
	}
	inPkg := false
	for i, p := range parts {
		if kind[strings.Join(parts[:i+1], ".")] == "package" {
			inPkg = true
		}
		if !isIdent(p) && !inPkg {
			return whyScript
		}
	}
	return ""
}

// compareWithImportlib compares buttress's graph of ws with importlib's of the same root:
// the modules (name, file, package or not), and every import of every .py file (importer,
// target and category, or the problem).
func compareWithImportlib(ws *Workspace, ref refGraph) graphComparison {
	c := graphComparison{deliberate: map[string]int{}}
	kind := map[string]string{}
	refPath := map[string]string{}
	for _, m := range ref.Modules {
		kind[m.Name] = m.Kind
		refPath[m.Name] = m.Path
	}
	nonEmpty := map[string]bool{} // namespace packages with a module file below
	for _, m := range ref.Modules {
		if m.Kind == "namespace" {
			continue
		}
		for n := m.Name; strings.Contains(n, "."); {
			n = n[:strings.LastIndexByte(n, '.')]
			nonEmpty[n] = true
		}
	}
	scripts := map[string]string{} // file -> reason, for files importlib names and buttress does not
	for _, m := range ref.Modules {
		if m.Kind != "namespace" || nonEmpty[m.Name] {
			c.modules++
		}
		bm := ws.Project.Modules[m.Name]
		if bm == nil {
			if why := refReason(m.Name, kind, nonEmpty); why != "" {
				c.deliberate[why]++
				if m.Path != "" {
					scripts[m.Path] = why
				}
				continue
			}
			c.diffs = append(c.diffs, fmt.Sprintf("module %s (%s, %s): importlib finds it, buttress has no such module", m.Name, m.Kind, m.Path))
			continue
		}
		path := ""
		if len(bm.Files) > 0 {
			path = bm.Files[0].Rel
		}
		switch {
		case (m.Kind == "namespace" && !bm.Namespace || m.Kind == "module" && bm.Package) && ownStubsOnly(ws, m.Name):
			c.deliberate[whyStubOnly]++ // a stub package (__init__.pyi): a directory to importlib, or beside an extension
		case m.Kind == "namespace" && !bm.Namespace, m.Kind == "package" && (!bm.Package || bm.Namespace), m.Kind == "module" && bm.Package:
			c.diffs = append(c.diffs, fmt.Sprintf("module %s: importlib finds a %s, buttress a package=%v namespace=%v", m.Name, m.Kind, bm.Package, bm.Namespace))
		case m.Path == path:
		case bm.Extension != "" && bm.Extension == m.Path:
			if path != "" && !bm.Files[0].Stub {
				c.deliberate[whyCompiled]++
				scripts[path] = whyCompiled
			}
		default:
			c.diffs = append(c.diffs, fmt.Sprintf("module %s: importlib finds %q, buttress %q", m.Name, m.Path, path))
		}
	}
	for name, bm := range ws.Project.Modules {
		if _, ok := kind[name]; ok {
			continue
		}
		if stubsOnly(ws, name) {
			c.deliberate[whyStubOnly]++
			continue
		}
		c.diffs = append(c.diffs, fmt.Sprintf("module %s (%+v): buttress has it, importlib finds no such module", name, bm))
	}

	type res struct{ importer, target, category, problem string }
	problemKind := map[string]string{
		"relative import goes beyond the top-level package":     "beyond",
		"relative import in a module that is not in a package":  "no-package",
		"relative import in a module that is not in a package.": "no-package",
	}
	// Keys as the reference's JSON spells paths: bytes that are not UTF-8 (which Python
	// reads as lone surrogates) become U+FFFD.
	key := func(path string, line, col int) string {
		return strings.ToValidUTF8(fmt.Sprintf("%s:%d:%d", path, line, col), "\uFFFD")
	}
	ours := map[string]res{}
	for _, e := range ws.ImportGraph().Edges {
		ours[key(e.Path, e.Line, e.Col)] = res{e.Importer, e.Imported, e.Category.String(), ""}
	}
	for _, p := range ws.Problems {
		if p.Kind == "import" {
			k := problemKind[p.Msg]
			if k == "" {
				k = p.Msg
			}
			ours[key(p.Path, p.Line, p.Col)] = res{problem: k}
		}
	}
	seen := map[string]bool{}
	for _, i := range ref.Imports {
		c.imports++
		key := key(i.Path, i.Line, i.Col)
		seen[key] = true
		want := res{i.Importer, i.Target, i.Category, ""}
		if i.Problem != "" {
			want = res{problem: i.Problem}
		}
		got, ok := ours[key]
		if ok && got == want {
			continue
		}
		if why := scripts[i.Path]; why != "" {
			c.deliberate[why]++
			continue
		}
		if ok && got.importer == want.importer && got.category == want.category && ownStubsOnly(ws, got.target) &&
			strings.HasPrefix(got.target, want.target+".") {
			// `from pkg import name`, where the stubs describe name as a submodule.
			c.deliberate[whyStubOnly]++
			continue
		}
		c.diffs = append(c.diffs, fmt.Sprintf("%s: importlib %+v, buttress %+v (found: %v)", key, want, got, ok))
	}
	for key := range ours {
		if !seen[key] && !strings.Contains(key, ".pyi:") {
			c.diffs = append(c.diffs, key+": buttress has an import importlib's reference does not")
		}
	}
	sort.Strings(c.diffs)
	return c
}

// ownStubsOnly reports whether the module's own files are all stubs (a stub-only module or
// package, whatever its submodules).
func ownStubsOnly(ws *Workspace, name string) bool {
	m := ws.Project.Modules[name]
	if m == nil || len(m.Files) == 0 {
		return false
	}
	for _, f := range m.Files {
		if !f.Stub {
			return false
		}
	}
	return true
}

// stubsOnly reports whether every file of the module, and of every module inside it, is a
// stub.
func stubsOnly(ws *Workspace, name string) bool {
	any := false
	for n, m := range ws.Project.Modules {
		if n != name && !strings.HasPrefix(n, name+".") {
			continue
		}
		if m.Extension != "" {
			return false
		}
		for _, f := range m.Files {
			if !f.Stub {
				return false
			}
			any = true
		}
	}
	return any
}

func report(t *testing.T, what string, c graphComparison) {
	t.Helper()
	var why []string
	for r, n := range c.deliberate {
		why = append(why, fmt.Sprintf("%d: %s", n, r))
	}
	sort.Strings(why)
	t.Logf("%s: importlib finds %d modules and %d imports; deliberate differences: %s; other differences: %d",
		what, c.modules, c.imports, strings.Join(why, "; "), len(c.diffs))
	for i, d := range c.diffs {
		if i == 50 {
			t.Errorf("... and %d more", len(c.diffs)-50)
			break
		}
		t.Error(d)
	}
}

// requireDjango returns Debian's Django, or skips the test (fails it when
// BUTTRESS_REQUIRE_CPYTHON is "1": .ci/run installs python3-django).
func requireDjango(t *testing.T) string {
	t.Helper()
	return cpython.RequireDebianPackage(t, "django")
}

// TestDjangoGraphAgreesWithImportlib compares buttress's import graph of Debian's Django (a
// source root holding only django/, through a symbolic link) with importlib's (see
// testdata/importlib_graph.py: CPython's finders locate every module, nothing is imported or
// run): the same modules, with every migration (django/contrib/*/migrations/0001_initial.py,
// a module no import statement can name) among them, and every import of every file resolved
// alike. The only differences allowed are the deliberate ones listed above.
func TestDjangoGraphAgreesWithImportlib(t *testing.T) {
	python := cpython.Require(t, "3.11")
	django := requireDjango(t)
	root := t.TempDir()
	if err := os.Symlink(django, filepath.Join(root, "django")); err != nil {
		t.Fatal(err)
	}
	ws := loadCorpus(t, root, "3.11", nil)
	ref := importlibGraph(t, python, root)
	report(t, "Django", compareWithImportlib(ws, ref))

	migrations, err := filepath.Glob(filepath.Join(django, "contrib", "*", "migrations", "[0-9]*.py"))
	if err != nil || len(migrations) < 20 {
		t.Fatalf("expected Django's migrations under %s/contrib/*/migrations: %d found (%v)", django, len(migrations), err)
	}
	imported := map[string]int{}
	for _, e := range ws.ImportGraph().Edges {
		imported[e.Importer]++
	}
	for _, m := range migrations {
		rel, _ := filepath.Rel(filepath.Dir(django), m)
		name := strings.ReplaceAll(strings.TrimSuffix(filepath.ToSlash(rel), ".py"), "/", ".")
		if !ws.ImportGraph().HasModule(name) {
			t.Errorf("migration %s is not the module %s of the graph", rel, name)
		} else if imported[name] == 0 {
			t.Errorf("migration %s imports nothing in the graph", name)
		}
	}
	for _, p := range ws.Problems {
		if p.Kind == "import" {
			t.Errorf("import problem: %s:%d: %s", p.Path, p.Line, p.Msg)
		}
	}
	t.Logf("Django: %d modules in buttress's graph, %d migrations among them, %d imports", len(ws.ImportGraph().Modules), len(migrations), len(ws.ImportGraph().Edges))
}

// TestOddNamesAgreeWithImportlib runs the same comparison on a tree of every kind of name
// importlib treats specially: names that are not identifiers inside and outside packages,
// keywords, dots, spaces, namespace portions, stubs, scripts, relative imports from each.
func TestOddNamesAgreeWithImportlib(t *testing.T) {
	python := cpython.Require(t, "3.11")
	root := t.TempDir()
	files := map[string]string{
		"0001.py":                             "import app\n",
		"my-script.py":                        "from . import app\nimport app.migrations\n",
		"class.py":                            "",
		"manage.py":                           "from . import app\n",
		"scripts/run-tests.py":                "from . import helper\nimport app.sub\n",
		"scripts/helper.py":                   "from . import other\n",
		"my-scripts/tool.py":                  "from .. import x\n",
		"my-app/__init__.py":                  "from . import x\n",
		"my-app/x.py":                         "from .x import y\nfrom .. import z\n",
		"app/__init__.py":                     "",
		"app/models.py":                       "",
		"app/migrations/__init__.py":          "",
		"app/migrations/0001_initial.py":      "from django.db import migrations\nfrom . import helpers\nfrom ..models import Thing\nfrom .. import models\nimport app.migrations\n",
		"app/migrations/0002_more.py":         "from . import *\nfrom .helpers import h\nfrom ... import nothing\n",
		"app/migrations/helpers.py":           "",
		"app/migrations/0001_initial.pyi":     "",
		"app/class.py":                        "from .models import Thing\n",
		"app/my file.py":                      "from . import models\n",
		"app/foo.bar.py":                      "from . import models\nimport app\n",
		"app/foo.bar/x.py":                    "import app.models\n",
		"app/my-dir/x.py":                     "from . import y\nfrom .. import models\n",
		"app/sub/0002.py":                     "from ..migrations import helpers\n",
		"app/9only.pyi":                       "",
		"app/x-stubs/m.pyi":                   "from . import n\n",
		"app/ok/m.pyi":                        "",
		"app/typed/__init__.pyi":              "",
		"app/typed/sub.pyi":                   "",
		"app/uses_typed.py":                   "from .typed import sub\n",
		"app/a\x01b.py":                       "from . import models\n",
		"app/\xff.py":                         "from . import models\n",
		"ns/pkg/__init__.py":                  "",
		"ns/pkg/0003.py":                      "from . import x\nfrom .. import y\nfrom ... import z\n",
		"ns/tool-dir/x.py":                    "from . import y\n",
		"app/management/__init__.py":          "",
		"app/management/commands/__init__.py": "",
		"app/management/commands/do-it.py":    "from ...models import Thing\n",
		"app/templates/app/page.html":         "",
		"app/static/app/app.js":               "",
	}
	writeFiles(t, root, files)
	ws := loadCorpus(t, root, "3.11", nil)
	ref := importlibGraph(t, python, root)
	c := compareWithImportlib(ws, ref)
	report(t, "odd names", c)
	for _, why := range []string{whyScript, whyEmptyNS, whyStubOnly, whyOddChars} {
		if c.deliberate[why] == 0 {
			t.Errorf("the tree should show the deliberate difference %q", why)
		}
	}
	for _, m := range []string{"app.migrations.0001_initial", "app.class", "app.my file", "app.my-dir.x", "app.sub.0002", "my-app.x", "ns.pkg.0003", "app.management.commands.do-it"} {
		if !ws.ImportGraph().HasModule(m) {
			t.Errorf("%s should be a module of the graph", m)
		}
	}
}
