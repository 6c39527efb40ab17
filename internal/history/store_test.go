package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStoreRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "h.sqlite")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := []Record{
		{SHA: "b", Depth: 2, Date: "2026-01-01T00:00:00Z", Findings: map[string]int{"TYP001": 3, "ARCH001": 1}, Total: 4, Contract: 1, Coverage: 51.5, Modules: 7},
		{SHA: "a", Depth: 1, Date: "2026-01-01T00:00:00Z", Findings: map[string]int{}, Error: "pyproject.toml:1:1: broken"},
	}
	for i := range recs {
		if err := s.Add(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if has, err := s.Has("a"); err != nil || !has {
		t.Fatalf("Has(a) = %v, %v", has, err)
	}
	s.Close()
	s, err = Open(path) // reopened: the same
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].SHA != "a" || all[1].SHA != "b" {
		t.Fatalf("All: %+v, want a then b (by depth)", all)
	}
	if all[1].Findings["TYP001"] != 3 || all[1].Coverage != 51.5 || all[0].Error == "" {
		t.Errorf("All: %+v", all)
	}
	// Recording a commit again replaces it.
	recs[0].Total = 9
	recs[0].Findings = map[string]int{"TYP002": 9}
	if err := s.Add(&recs[0]); err != nil {
		t.Fatal(err)
	}
	all, _ = s.All()
	if len(all) != 2 || all[1].Total != 9 || len(all[1].Findings) != 1 {
		t.Errorf("after a second Add: %+v", all)
	}
}

func TestStoreNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.sqlite")
	if err := os.WriteFile(path, []byte("this is not SQLite, but something else entirely, long enough to have a header"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "remove it, and buttress history build makes it again") {
		t.Fatalf("Open on a file that is not SQLite: %v", err)
	}
	if s, err := OpenExisting(filepath.Join(t.TempDir(), "none.sqlite")); s != nil || err != nil {
		t.Fatalf("OpenExisting on no file: %v, %v", s, err)
	}
}

func TestWantedAndSafe(t *testing.T) {
	for p, want := range map[string]bool{"a/b.py": true, "a/b.pyi": true, "pyproject.toml": true, "x/tach.yml": true, "README.md": false, "a/b.pyc": false} {
		if wanted(p) != want {
			t.Errorf("wanted(%q) = %v", p, !want)
		}
	}
	for p, want := range map[string]bool{"a/b.py": true, "../b.py": false, "/etc/x.py": false, "a/.git/x.py": false, "a//b.py": false} {
		if safe(p) != want {
			t.Errorf("safe(%q) = %v", p, !want)
		}
	}
}
