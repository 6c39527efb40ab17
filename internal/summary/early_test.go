package summary

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
)

// TestEarly adds files from several goroutines while they are summarised, finishes with the
// inputs in another order (one renamed, as a stub can be once the walk is over, and one
// never added), and checks that the summaries and the calls of each are those of
// Summarize.
func TestEarly(t *testing.T) {
	dir := t.TempDir()
	var inputs []Input
	for i := range 200 {
		p := filepath.Join(dir, fmt.Sprintf("m%03d.py", i))
		src := fmt.Sprintf("import os\nfrom . import m%03d\nif x:\n    import a.b as c\n", (i+1)%200)
		if i%17 == 0 {
			src += "x = (\n" // a syntax error
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Path: p, Rel: filepath.Base(p), Module: fmt.Sprintf("pkg.m%03d", i)})
	}
	var done atomic.Int64
	opts := Options{Workers: 3, Done: &done}
	if !EarlyOK(opts) {
		t.Fatal("EarlyOK: false for import summaries")
	}
	e := StartEarly(opts)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(inputs)-1; i += 4 { // the last one is not added
				in := inputs[i]
				if i == 7 {
					in.Module = "" // renamed by Finish's inputs
				}
				e.Add(in)
			}
		})
	}
	wg.Wait()
	final := append([]Input(nil), inputs...)
	final[0], final[150] = final[150], final[0]
	var mu sync.Mutex
	seen := map[int]string{}
	each := func(i int, f *File) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := seen[i]; dup {
			t.Errorf("each called twice for input %d", i)
		}
		seen[i] = f.Module
	}
	got := e.Finish(final, each)
	want := Summarize(final, Options{Workers: 1})
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("input %d (%s):\n got %+v\nwant %+v", i, final[i].Rel, got[i], want[i])
			}
		}
	}
	if len(seen) != len(final) {
		t.Errorf("each called for %d inputs of %d", len(seen), len(final))
	}
	for i, in := range final {
		if seen[i] != in.Module {
			t.Errorf("each(%d): module %q, want %q", i, seen[i], in.Module)
		}
	}
	if done.Load() != int64(len(inputs)) {
		t.Errorf("Done counted %d files, want %d", done.Load(), len(inputs))
	}
	if EarlyOK(Options{Usage: true}) || EarlyOK(Options{Cache: nil, Overlay: map[string]string{}}) {
		t.Error("EarlyOK: true for summaries that take the module name, or an overlay")
	}
}
