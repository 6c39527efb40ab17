package summary

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/imports"
)

func TestSummarize(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.py", "import os\nfrom . import sibling\n\ndef f():\n    import json\n")
	broken := write("broken.py", "import a\nx = (\nimport b\n")
	inputs := []Input{
		{Path: ok, Rel: "ok.py", Module: "pkg.ok"},
		{Path: broken, Rel: "broken.py", Module: "pkg.broken"},
		{Path: filepath.Join(dir, "missing.py"), Rel: "missing.py", Module: "pkg.missing"},
	}
	files := Summarize(inputs, Options{Workers: 2})
	if len(files) != 3 {
		t.Fatalf("%d summaries for 3 inputs", len(files))
	}
	f := files[0]
	if f.Lines != 5 || f.Size != 58 || len(f.Errors) != 0 || f.ReadError != "" {
		t.Errorf("ok.py: lines %d size %d errors %v read %q", f.Lines, f.Size, f.Errors, f.ReadError)
	}
	var got []string
	for _, s := range f.Imports() {
		got = append(got, s.Module+"/"+s.Name+"/"+s.Kind.String())
	}
	if strings.Join(got, " ") != "os//module /sibling/module json//function" {
		t.Errorf("ok.py imports: %v", got)
	}
	b := files[1]
	if len(b.Errors) == 0 || b.Errors[0].Line != 2 {
		t.Errorf("broken.py: errors %v, want the first on line 2", b.Errors)
	}
	if len(b.Imports()) == 0 || b.Imports()[0].Module != "a" {
		t.Errorf("broken.py: the import before the error is lost: %v", b.Imports())
	}
	if m := files[2]; m.ReadError == "" || !strings.Contains(m.ReadError, "no such file") {
		t.Errorf("missing.py: read error %q", m.ReadError)
	}
}

func TestFromSourceClonesNames(t *testing.T) {
	src := []byte("import alpha.beta\nfrom gamma import delta\n")
	f := FromSource(Input{Rel: "x.py", Module: "x"}, src, Options{})
	if len(f.Imports()) != 2 || f.Imports()[0].Module != "alpha.beta" || f.Imports()[1].Name != "delta" || f.Imports()[1].Kind != imports.KindModule {
		t.Fatalf("imports: %+v", f.Imports())
	}
	for i := range src {
		src[i] = 'X' // the summary must not share memory with the caller's bytes
	}
	if f.Imports()[1].Module != "gamma" {
		t.Errorf("names changed with the source: %+v", f.Imports())
	}
}

// TestSummarizeReusedText summarises files one after the other with one goroutine, which
// reads each into the buffer of the one before (scratch.text), and checks that
// every summary is the one made from a copy of the file of its own: a string of a summary
// that shared the buffer would read what the next files wrote over it.
func TestSummarizeReusedText(t *testing.T) {
	dir := t.TempDir()
	srcs := map[string]string{
		"big.py":     strings.Repeat("import zzzzzzzz.yyyyyyyy as wwwww  # noqa: ignore\n", 200) + "__all__ = ['aaaa', 'bbbb']\n",
		"all.py":     "from . import q\n__all__ = ['p']\n__all__ += ['r']\n",
		"broken.py":  "import a\nx = (\nimport b\nprint 'x'\n",
		"latin.py":   "# -*- coding: latin-1 -*-\nimport os  # caf\xe9 ignore\nfrom .\xe9 import x\n",
		"bom.py":     "\xef\xbb\xbfimport bom.mod\n",
		"crlf.py":    "import a\r\nfrom b import (\r\n    c,  # ignore this\r\n)\r\n",
		"unicode.py": "x = '\u00e9\u00e9'; import \u00e9t\u00e9\nfrom \u00e9 import (\u00e0, \u00e8)\n",
		"empty.py":   "",
		"tabs.py":    "if x:\n\tpass\n        pass\n",
		"small.py":   "import s\n",
	}
	order := []string{"big.py", "all.py", "broken.py", "latin.py", "bom.py", "crlf.py", "unicode.py", "empty.py", "tabs.py", "small.py"}
	var inputs []Input
	for _, name := range order {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(srcs[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Path: p, Rel: name, Module: strings.TrimSuffix(name, ".py")})
	}
	opts := Options{Workers: 1}
	files := Summarize(inputs, opts)
	for i, in := range inputs {
		want := fromSource(&File{Input: in}, strings.Clone(srcs[order[i]]), opts, nil)
		if !reflect.DeepEqual(files[i], want) {
			t.Errorf("%s:\n got %+v\nwant %+v", in.Rel, files[i], want)
		}
	}
}
