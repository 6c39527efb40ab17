package report

import (
	"bytes"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// sources are the files the fixture findings point into; src/app/gone.py is missing on
// purpose (no code frame).
var sources = map[string]string{
	"src/app/models.py": "import os\n" +
		"\n" +
		"\n" +
		"def total(items, tax):\n" +
		"    return sum(items) * tax\n" +
		"\n" +
		"\n" +
		"class Order:\n" +
		"    pass\n",
	// Tabs, wide characters, a combining accent, and CRLF line ends.
	"src/app/i18n.py": "GREETINGS = {\r\n" +
		"\t\"ja\":\t\"こんにちは\",  # 日本語\r\n" +
		"\t\"fr\":\t\"cafe\u0301 ✓\",\r\n" +
		"}\r\n",
	// No newline at the end; a form feed and an escape character in a line.
	"src/app/last.py": "import sys\n" +
		"\f\n" +
		"x = \"\x1b[31m\"\n" +
		"try:\n" +
		"    sys.exit()\n" +
		"except:\n" +
		"    pass",
	"src/app/views.py": "from app.models import Order\n",
}

func readSource(path string) (string, bool) {
	s, ok := sources[path]
	return s, ok
}

var fixtureRules = []finding.Rule{
	{Code: "TYP001", Name: "untyped-parameter", Family: "TYP", Summary: "Function parameters have type annotations.",
		HelpText: "A parameter without an annotation is `Any` to a type checker.\n\nAnnotate it, e.g. `def f(x: int)`.",
		HelpURI:  "https://github.com/buttresspy/buttress/blob/main/docs/rules/TYP001.md"},
	{Code: "ERR001", Name: "bare-except", Family: "ERR", Summary: "No bare `except:`.",
		HelpText: "A bare `except:` also catches `KeyboardInterrupt` and `SystemExit`.\n\nCatch `Exception` or narrower."},
	{Code: "ARCH001", Name: "layers", Family: "ARCH", Summary: "Imports respect the layers.",
		HelpText: "A lower layer must not import a higher one."},
	{Code: "MOD002", Name: "module-length", Family: "MOD", Summary: "Modules are not too long."},
	{Code: "PAT003", Name: "mutable-default", Family: "PAT", Summary: "No mutable default arguments.",
		HelpText: "A default is evaluated once; a mutable one is shared between calls."},
}

// fixtureFindings covers the cases every format must get right; they are deliberately out of
// order.
var fixtureFindings = []finding.Finding{
	{Code: "ERR001", Rule: "bare-except", Path: "src/app/last.py", Line: 6, Col: 1, EndLine: 6, EndCol: 8,
		Message: "Bare `except:` catches `SystemExit` & `KeyboardInterrupt`; catch `Exception` <or narrower>."},
	{Code: "TYP001", Rule: "untyped-parameter", Path: "src/app/models.py", Line: 4, Col: 11, EndLine: 4, EndCol: 16,
		Message: "Parameter `items` of `total` has no annotation."},
	{Code: "TYP001", Rule: "untyped-parameter", Path: "src/app/models.py", Line: 4, Col: 18, EndLine: 4, EndCol: 21,
		Message: "Parameter `tax` of `total` has no annotation."},
	{Code: "ARCH001", Rule: "layers", Path: "src/app/views.py", Line: 1, Col: 1, EndLine: 1, EndCol: 29,
		Message: "`app.views` (layer web) imports `app.models` (layer domain) through a chain: web must not import domain directly.",
		Notes: []finding.Note{
			{Path: "src/app/views.py", Line: 1, Col: 1, Message: "`app.views` imports `app.models`"},
			{Path: "src/app/models.py", Line: 1, Col: 1, Message: "`app.models` imports `os`"},
			{Message: "layers are declared in pyproject.toml"},
		}},
	// Unicode and tabs: the carets must sit under こんにちは and under the accented é.
	{Code: "PAT003", Rule: "mutable-default", Path: "src/app/i18n.py", Line: 2, Col: 9, EndLine: 2, EndCol: 14,
		Message: "Greeting `こんにちは` is not translated."},
	{Code: "PAT003", Rule: "mutable-default", Path: "src/app/i18n.py", Line: 3, Col: 9, EndLine: 3, EndCol: 14,
		Message: "Greeting `café` is not translated."},
	// A multi-line range, underlined to the end of its first line.
	{Code: "ERR001", Rule: "bare-except", Path: "src/app/last.py", Line: 4, Col: 1, EndLine: 7, EndCol: 9,
		Message: "`try` block spans the end of the file."},
	// The last line of a file without a trailing newline; the end column is past the line.
	{Code: "ERR001", Rule: "bare-except", Path: "src/app/last.py", Line: 7, Col: 5, EndLine: 7, EndCol: 40,
		Message: "`pass` swallows the exception."},
	// A line with a form feed and an escape character, shown as control pictures.
	{Code: "PAT003", Rule: "mutable-default", Path: "src/app/last.py", Line: 3, Col: 5, EndLine: 3, EndCol: 13,
		Message: "Escape codes in a string."},
	// A file that cannot be read: no code frame.
	{Code: "TYP001", Rule: "untyped-parameter", Path: "src/app/gone.py", Line: 3, Col: 7, EndLine: 3, EndCol: 8,
		Message: "Parameter `x` of `f` has no annotation."},
	// About a whole file, and a rule missing from Options.Rules.
	{Code: "MOD002", Rule: "module-length", Path: "src/app/big.py",
		Message: "Module has 2400 lines (limit 1000)."},
	{Code: "DEAD001", Rule: "unused-function", Path: "src/app/models.py", Line: 8, Col: 7, EndLine: 8, EndCol: 12,
		Message: "Class `Order` is never used."},
}

func fixtureOptions() Options {
	return Options{
		Source:      readSource,
		Rules:       fixtureRules,
		Root:        "/home/dev/shop",
		ToolVersion: "0.1.0",
	}
}

var extensions = map[string]string{
	FormatText: "txt", FormatConcise: "concise", FormatJSON: "json", FormatJSONLines: "jsonl", FormatSARIF: "sarif",
	FormatGitHub: "github", FormatGitLab: "gitlab", FormatJUnit: "xml",
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func render(t *testing.T, format string, fs []finding.Finding, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, fs, o); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		fs   []finding.Finding
		o    Options
	}{
		{"findings", fixtureFindings, fixtureOptions()},
		{"empty", nil, fixtureOptions()},
		{"empty-norules", nil, Options{}},
	}
	for _, c := range cases {
		for _, format := range Formats() {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				golden(t, c.name+"."+extensions[format], render(t, format, c.fs, c.o))
			})
		}
	}
	t.Run("findings/text-color", func(t *testing.T) {
		o := fixtureOptions()
		o.Color = true
		golden(t, "findings-color.txt", render(t, FormatText, fixtureFindings, o))
		golden(t, "findings-color.concise", render(t, FormatConcise, fixtureFindings, o))
	})
}

// TestStable checks that the output does not depend on the order of the findings, and that
// Write leaves its input alone.
func TestStable(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, format := range Formats() {
		want := render(t, format, fixtureFindings, fixtureOptions())
		for i := 0; i < 5; i++ {
			fs := append([]finding.Finding(nil), fixtureFindings...)
			r.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
			before := append([]finding.Finding(nil), fs...)
			got := render(t, format, fs, fixtureOptions())
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: output depends on the order of the findings", format)
			}
			if !reflect.DeepEqual(fs, before) {
				t.Fatalf("%s: Write reordered or changed its input", format)
			}
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, "xml", fixtureFindings, Options{})
	if err == nil {
		t.Fatal("Write accepted format xml")
	}
	for _, f := range Formats() {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not list format %s", err, f)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("Write wrote %q for an unknown format", buf.String())
	}
}

func TestFormats(t *testing.T) {
	want := []string{"text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"}
	if got := Formats(); !reflect.DeepEqual(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
}

func withCwd(o Options, root, cwd string) Options {
	o.Root, o.Cwd = filepath.FromSlash(root), filepath.FromSlash(cwd)
	return o
}

// TestPathsFromCwd checks that every format shows paths relative to the current directory
// when the CLI gives it (Options.Cwd): from a subdirectory of the project, "../" leads back up;
// from above it, the project's directory comes first. SARIF's URIs stay below %SRCROOT%, the
// directory that holds both.
func TestPathsFromCwd(t *testing.T) {
	fs := []finding.Finding{{
		Code: "TYP001", Rule: "untyped-parameter", Path: "src/app/models.py", Line: 4, Col: 11, EndLine: 4, EndCol: 16,
		Message: "Parameter `items` of `total` has no annotation.",
		Notes:   []finding.Note{{Path: "src/app/views.py", Line: 1, Col: 1, Message: "called here"}},
	}}
	cases := []struct {
		root, cwd string
		shown     string // the finding's path as shown
		note      string // the note's
		base, uri string // SARIF's %SRCROOT% and the result's URI
	}{
		{"/p/shop", "/p/shop", "src/app/models.py", "src/app/views.py", "file:///p/shop/", "src/app/models.py"},
		{"/p/shop", "/p/shop/src/app", "models.py", "views.py", "file:///p/shop/", "src/app/models.py"},
		{"/p/shop", "/p/shop/tests", "../src/app/models.py", "../src/app/views.py", "file:///p/shop/", "src/app/models.py"},
		{"/p/shop", "/p", "shop/src/app/models.py", "shop/src/app/views.py", "file:///p/", "shop/src/app/models.py"},
		{"/p/shop", "/p/other", "../shop/src/app/models.py", "../shop/src/app/views.py", "file:///p/", "shop/src/app/models.py"},
	}
	for _, c := range cases {
		o := withCwd(Options{Source: readSource, Rules: fixtureRules, ToolVersion: "1.2.3"}, c.root, c.cwd)
		text := string(render(t, FormatText, fs, o))
		if !strings.HasPrefix(text, c.shown+":4:11: TYP001") || !strings.Contains(text, "= note: "+c.note+":1:1: called here") {
			t.Errorf("cwd %s: text:\n%s", c.cwd, text)
		}
		if !strings.Contains(text, "4 | def total(items, tax):") {
			t.Errorf("cwd %s: no code frame (the source is read by the project-relative path):\n%s", c.cwd, text)
		}
		js := string(render(t, FormatJSON, fs, o))
		if !strings.Contains(js, `"path": "`+c.shown+`"`) || !strings.Contains(js, `"path": "`+c.note+`"`) {
			t.Errorf("cwd %s: json:\n%s", c.cwd, js)
		}
		gh := string(render(t, FormatGitHub, fs, o))
		if !strings.HasPrefix(gh, "::error file="+c.shown+",line=4,") || !strings.Contains(gh, "note: "+c.note+":1:1") {
			t.Errorf("cwd %s: github:\n%s", c.cwd, gh)
		}
		ju := string(render(t, FormatJUnit, fs, o))
		if !strings.Contains(ju, `name="`+c.shown+`:4:11"`) || !strings.Contains(ju, `file="`+c.shown+`"`) || !strings.Contains(ju, c.shown+":4:11: TYP001") {
			t.Errorf("cwd %s: junit:\n%s", c.cwd, ju)
		}
		sa := string(render(t, FormatSARIF, fs, o))
		if !strings.Contains(sa, `"uri": "`+c.base+`"`) || !strings.Contains(sa, `"uri": "`+c.uri+`"`) {
			t.Errorf("cwd %s: sarif: want %%SRCROOT%% %s and uri %s:\n%s", c.cwd, c.base, c.uri, sa)
		}
	}
	// A path outside both (a --config file elsewhere) is an absolute file: URI in SARIF.
	out := []finding.Finding{{Code: "ARCH010", Path: "/etc/b.toml", Line: 1, Col: 1, Message: "m"}}
	o := withCwd(Options{ToolVersion: "1.2.3"}, "/p/shop", "/p/shop")
	if sa := string(render(t, FormatSARIF, out, o)); !strings.Contains(sa, `"uri": "file:///etc/b.toml"`) || strings.Contains(sa, `"uri": "file:///etc/b.toml",
              "uriBaseId"`) {
		t.Errorf("sarif of a path outside the base:\n%s", sa)
	}
	if text := string(render(t, FormatText, out, o)); !strings.HasPrefix(text, "../../etc/b.toml:1:1:") {
		t.Errorf("text of a path outside the current directory:\n%s", text)
	}
}
