package parser

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// arenaCorpus returns the Python files of the repository (rule fixtures, examples) and the
// parser's fuzz corpus, prepared, and a few made to reach the arena's edges: a file of long
// lists (chunks of their own), a file big enough to fill chunks of the largest size, and
// broken files, whose streaming parse is abandoned for a whole one.
func arenaCorpus(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(name, src string) {
		if text, err := prepare(src); err == nil {
			out[name] = text
		}
	}
	filepath.WalkDir("../../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") {
			return nil
		}
		if data, err := os.ReadFile(path); err == nil {
			add(path, string(data))
		}
		return nil
	})
	fuzz, _ := filepath.Glob("testdata/fuzz/*/*")
	for _, path := range fuzz {
		if data, err := os.ReadFile(path); err == nil {
			add(path, string(data))
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d files found for the arena's corpus", len(out))
	}
	var long, big strings.Builder
	long.WriteString("x = [")
	for i := 0; i < 3000; i++ {
		long.WriteString("a, ")
	}
	long.WriteString("]\nf(")
	for i := 0; i < 3000; i++ {
		long.WriteString("k=1, ")
	}
	long.WriteString(")\n")
	add("long lists", long.String())
	for i := 0; i < 1000; i++ {
		big.WriteString("def f(a, b=1, *c, d: int = 2, **e) -> None:\n    if a < b <= c and not d:\n        return g(a.b[c], -d, 'x' 'y', *e, k=v)\n    x, y = y, x\n")
	}
	add("big", big.String())
	add("broken", big.String()+"f(\n")
	add("broken early", "f(\n"+big.String())
	return out
}

// TestArenaLeaksNothing parses every file of the corpus after every other kind of file with one
// arena, reset in between, and compares each tree with that of a parse without an arena: a
// value left in a reused chunk that the parse did not overwrite would show as a difference.
func TestArenaLeaksNothing(t *testing.T) {
	corpus := arenaCorpus(t)
	names := make([]string, 0, len(corpus))
	for name := range corpus {
		names = append(names, name)
	}
	sort.Strings(names)
	fresh := map[string]*Result{}
	for _, name := range names {
		fresh[name] = ParseString(corpus[name], Options{})
	}
	check := func(name string, got *Result) {
		t.Helper()
		want := fresh[name]
		switch {
		case !reflect.DeepEqual(got.Module, want.Module):
			t.Errorf("%s: the tree parsed in a reused arena differs from a fresh one", name)
		case !reflect.DeepEqual(got.Errors, want.Errors) || !reflect.DeepEqual(got.Comments, want.Comments):
			t.Errorf("%s: the errors or comments parsed in a reused arena differ", name)
		case !sameLines(got, want):
			t.Errorf("%s: the line index of a parse in a reused arena differs", name)
		}
	}
	// Every file after the one before it, in both orders, and some after the biggest.
	var a Arena
	for _, order := range [][]string{names, reversed(names)} {
		for i, name := range order {
			if i%8 == 0 {
				a.Reset()
				ParseString(corpus["big"], Options{Arena: &a})
			}
			a.Reset()
			check(name, ParseString(corpus[name], Options{Arena: &a}))
		}
	}
	// Without a Reset, the trees parsed with an arena all stay as they were.
	var b Arena
	b.Reset() // after one parse and a Reset, the arena has a comment buffer to hand out
	ParseString(corpus["big"]+"# a comment\n", Options{Arena: &b})
	b.Reset()
	kept := map[string]*Result{}
	for _, name := range names {
		kept[name] = ParseString(corpus[name], Options{Arena: &b, TargetVersion: 308})
	}
	for _, name := range names {
		want := ParseString(corpus[name], Options{TargetVersion: 308})
		if !reflect.DeepEqual(kept[name].Module, want.Module) || !reflect.DeepEqual(kept[name].Comments, want.Comments) || !sameLines(kept[name], want) {
			t.Errorf("%s: a tree or its comments parsed with an arena changed before the arena's Reset", name)
		}
	}
}

// sameLines reports whether the line indexes of two parses of one source agree: at a few
// offsets, and on the number of lines.
func sameLines(a, b *Result) bool {
	for _, off := range []int{0, len(a.Src) / 3, len(a.Src) / 2, len(a.Src)} {
		la, ca := a.Lines.Position(off)
		lb, cb := b.Lines.Position(off)
		if la != lb || ca != cb {
			return false
		}
	}
	return a.Lines.Lines() == b.Lines.Lines() && a.Lines.PhysicalLines(a.Src) == b.Lines.PhysicalLines(b.Src)
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[len(s)-1-i] = x
	}
	return out
}

// TestArenaKeepsBounded checks that an arena lets go of the chunks of a huge file at Reset,
// beyond arenaKeep bytes a slab.
func TestArenaKeepsBounded(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 100000; i++ {
		src.WriteString("a = b\n")
	}
	var a Arena
	ParseString(src.String(), Options{Arena: &a})
	if n := len(a.nodes.name.chunks); n < 100 {
		t.Fatalf("%d chunks of names after 200,000 names: the arena keeps no chunks", n)
	}
	a.Reset()
	bytes := 0
	for _, c := range a.nodes.name.chunks {
		bytes += len(c) * int(reflect.TypeOf(c).Elem().Size())
	}
	if bytes > arenaKeep {
		t.Errorf("the arena keeps %d bytes of names after Reset, more than %d", bytes, arenaKeep)
	}
}

// TestSlabsAllRewound checks that slabs.all lists every slab and list, so that Reset rewinds
// them all.
func TestSlabsAllRewound(t *testing.T) {
	var s slabs
	listed := map[uintptr]bool{}
	for _, r := range s.all() {
		listed[reflect.ValueOf(r).Pointer()] = true
	}
	v := reflect.ValueOf(&s).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.Kind() != reflect.Struct {
			continue
		}
		if !listed[f.Addr().Pointer()] {
			t.Errorf("slabs.%s is missing from slabs.all: Reset would not rewind it", v.Type().Field(i).Name)
		}
	}
}
