package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/buttresspy/buttress/internal/rules"
)

// docsDir is docs/rules, from this package's directory.
const docsDir = "../../docs/rules"

// TestPagesUpToDate fails when the committed pages of docs/rules are not what the rules
// generate: a rule changed and its page was not regenerated.
func TestPagesUpToDate(t *testing.T) {
	const fix = "run `go run ./tools/ruledocs` from the repository root (or go generate ./internal/rules) and commit docs/rules"
	for name, want := range pages() {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil {
			t.Errorf("docs/rules/%s: %v: %s", name, err, fix)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("docs/rules/%s is stale: %s", name, fix)
		}
	}
	gen, err := generated(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	ps := pages()
	for _, name := range gen {
		if _, ok := ps[name]; !ok {
			t.Errorf("docs/rules/%s is the page of a rule that is gone: %s", name, fix)
		}
	}
}

// TestWrite checks that write writes every page and removes those of rules that are gone,
// but no page it did not write.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "OLD001.md")
	mine := filepath.Join(dir, "notes.md")
	os.WriteFile(gone, []byte("<!-- Generated from the rules by `go run ./tools/ruledocs` (go generate ./internal/rules): do not edit. -->\n"), 0o644)
	os.WriteFile(mine, []byte("# notes\n"), 0o644)
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the page of a rule that is gone is still there")
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a page ruledocs did not write was removed: %v", err)
	}
	for name := range pages() {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestOptionsDocumented checks that every option of every rule says what it does: its page
// and `buttress rule` show the `doc` tag.
func TestOptionsDocumented(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		for _, o := range r.OptionDocs() {
			n++
			if o.Doc == "" || o.Type == "" || o.Default == "" {
				t.Errorf("%s option %s: %+v: give its field a doc tag", r.Code, o.Key, o)
			}
		}
	}
	if n == 0 {
		t.Error("no rule has options")
	}
}
