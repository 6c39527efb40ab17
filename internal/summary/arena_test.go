package summary

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestFileHoldsNoTree checks, by its type, that a summary can hold no syntax tree node, nor
// anything that could (an interface, a function): a goroutine of Summarize parses each file
// over the tree of the file before (parser.Arena), which would overwrite any node kept.
func TestFileHoldsNoTree(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(ty reflect.Type, path string)
	walk = func(ty reflect.Type, path string) {
		if seen[ty] {
			return
		}
		seen[ty] = true
		if pkg := ty.PkgPath(); strings.HasSuffix(pkg, "/python/ast") || strings.HasSuffix(pkg, "/python/parser") {
			t.Errorf("File%s is a %v: it may point into a syntax tree that the next file's parse overwrites", path, ty)
			return
		}
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(ty.Elem(), path+"[]")
		case reflect.Map:
			walk(ty.Key(), path+"{key}")
			walk(ty.Elem(), path+"{value}")
		case reflect.Struct:
			for i := 0; i < ty.NumField(); i++ {
				walk(ty.Field(i).Type, path+"."+ty.Field(i).Name)
			}
		case reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			t.Errorf("File%s is a %v: it may hold a syntax tree node", path, ty)
		}
	}
	walk(reflect.TypeOf(File{}), "")
}

// TestSummaryArenaSame summarises files one after the other in one goroutine of Summarize,
// each parsed over the tree of the one before, and checks that every summary is the one
// made without reuse: with every rule, the usage facts, the entities and the metrics, and
// with none (the graph's summaries, whose texts are read into one buffer too).
func TestSummaryArenaSame(t *testing.T) {
	var inputs []Input
	add := func(root string, every int) {
		var paths []string
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") {
				paths = append(paths, path)
			}
			return nil
		})
		for i := 0; i < len(paths); i += every {
			rel, _ := filepath.Rel(root, paths[i])
			rel = filepath.ToSlash(rel)
			inputs = append(inputs, Input{Path: paths[i], Rel: rel, Module: strings.ReplaceAll(strings.TrimSuffix(rel, ".py"), "/", ".")})
		}
	}
	add("../..", 1) // the rules' fixtures
	if root := cpython.Stdlib(t, "3.12"); root != "" {
		add(root, 40)
	}
	if len(inputs) < 50 {
		t.Fatalf("only %d files to summarise", len(inputs))
	}
	for _, opts := range []Options{
		{TargetVersion: parser.Version(312), Rules: allRules(t), Metrics: true, Usage: true, Entities: true},
		{},
	} {
		want := make([]*File, len(inputs))
		for i, in := range inputs {
			data, err := os.ReadFile(in.Path)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = FromSource(in, data, opts) // no scratch: a tree of its own
		}
		// Forwards and backwards: each file after a larger and after a smaller one.
		for _, order := range []bool{false, true} {
			in := slices.Clone(inputs)
			if order {
				slices.Reverse(in)
			}
			opts.Workers = 1
			got := Summarize(in, opts)
			for i := range got {
				j := i
				if order {
					j = len(inputs) - 1 - i
				}
				if !reflect.DeepEqual(got[i], want[j]) {
					t.Errorf("%s (rules: %d): the summary made after another file's differs from the one made alone", in[i].Rel, len(opts.Rules))
				}
			}
		}
	}
}
