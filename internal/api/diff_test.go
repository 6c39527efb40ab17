package api

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestDiffFixtures runs each testdata/diff/*.txtar: an old and a new version of a package
// (files under old/ and new/) and the changes expected ("want": code, symbol, certainty and
// words of the message, one change a line). Each breakage kind has a twin, NAME-ok.txtar,
// whose changes must leave Diff silent.
func TestDiffFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/diff/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	kinds := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		kinds[name] = true
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			old, new := map[string]string{}, map[string]string{}
			var want []string
			for _, f := range ar.Files {
				switch {
				case f.Name == "want":
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						if l != "" {
							want = append(want, l)
						}
					}
				case strings.HasPrefix(f.Name, "old/"):
					old[strings.TrimPrefix(f.Name, "old/")] = string(f.Data)
				case strings.HasPrefix(f.Name, "new/"):
					new[strings.TrimPrefix(f.Name, "new/")] = string(f.Data)
				}
			}
			res := Diff(build(t, old), build(t, new))
			var got []Change
			got = append(got, res.Changes...)
			sort.Slice(got, func(i, j int) bool { return got[i].Symbol < got[j].Symbol })
			sort.Strings(want)
			if len(got) != len(want) {
				t.Fatalf("got %d changes, want %d:\n%s", len(got), len(want), describe(got))
			}
			for i, w := range want {
				f := strings.Fields(w)
				c := got[i]
				code := kindByName[c.Kind].Code
				if code != f[0] || c.Symbol != f[1] || certainty(c) != f[2] {
					t.Errorf("change %d: got %s %s %s (%s), want %s", i, code, c.Symbol, certainty(c), c.Message, w)
				}
				for _, word := range f[3:] {
					if !strings.Contains(c.Message, word) {
						t.Errorf("change %d: message %q does not say %q", i, c.Message, word)
					}
				}
			}
		})
	}
	for _, k := range Kinds {
		if !kinds[k.Name] || !kinds[k.Name+"-ok"] {
			t.Errorf("breakage kind %s has no fixture pair testdata/diff/%s.txtar and %s-ok.txtar", k.Name, k.Name, k.Name)
		}
	}
}

func certainty(c Change) string {
	if c.Certain {
		return "certain"
	}
	return "possible"
}

func describe(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(kindByName[c.Kind].Code + " " + c.Symbol + " " + certainty(c) + ": " + c.Message + "\n")
	}
	return b.String()
}
