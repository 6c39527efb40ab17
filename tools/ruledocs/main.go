// Command ruledocs writes docs/rules: a page per rule and an index, generated from the rules
// themselves (internal/rules/ruledoc), so that the pages say what `buttress rule` says. A
// test fails when the committed pages are stale. Run it from the repository root:
//
//	go run ./tools/ruledocs
//
// or `go generate ./internal/rules`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/ruledoc"
)

func main() {
	dir := flag.String("dir", "docs/rules", "the directory to write the pages to")
	flag.Parse()
	if err := write(*dir); err != nil {
		fmt.Fprintf(os.Stderr, "ruledocs: %v\n", err)
		os.Exit(1)
	}
}

// pages returns every generated page by file name.
func pages() map[string][]byte {
	all := rules.All()
	out := map[string][]byte{"README.md": ruledoc.Index(all)}
	for _, r := range all {
		out[r.Code+".md"] = ruledoc.Markdown(r)
	}
	return out
}

// write writes the pages into dir, and removes the generated pages of rules that are gone.
func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ps := pages()
	stale, err := generated(dir)
	if err != nil {
		return err
	}
	for _, name := range stale {
		if _, ok := ps[name]; !ok {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(ps))
	for name := range ps {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), ps[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// generated lists the pages in dir that ruledocs wrote (they start with its header).
func generated(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(string(b), ruledoc.Header) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}
