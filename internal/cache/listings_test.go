package cache

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/project"
)

// lister counts the directories really read.
type lister struct {
	mu    sync.Mutex
	reads []string
}

func (l *lister) read(dir string) ([]project.Entry, fs.FileInfo, error) {
	l.mu.Lock()
	l.reads = append(l.reads, filepath.Base(dir))
	l.mu.Unlock()
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, nil, err
	}
	des, err := os.ReadDir(dir)
	entries := make([]project.Entry, len(des))
	for i, e := range des {
		entries[i] = project.Entry{Name: e.Name(), Type: e.Type()}
	}
	return entries, fi, err
}

// listRun opens the listings, lists dirs (names under root) and closes them; it returns the
// entries of each ("name/" for a directory) and the directories read rather than reused.
func listRun(t *testing.T, cacheDir, root string, dirs ...string) (map[string]string, []string, []Notice) {
	t.Helper()
	l := &lister{}
	ls, notices := openListings(cacheDir, root, l.read, mapPacks)
	if ls == nil {
		t.Fatalf("no listings: %v", notices)
	}
	got := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, d := range dirs {
		wg.Add(1)
		go func() { // several goroutines, as the walk
			defer wg.Done()
			es, err := ls.ReadDir(filepath.Join(root, d))
			if err != nil {
				t.Error(err)
				return
			}
			var names []string
			for _, e := range es {
				n := e.Name
				if e.Type.IsDir() {
					n += "/"
				}
				names = append(names, n)
			}
			slices.Sort(names)
			mu.Lock()
			got[d] = strings.Join(names, " ")
			mu.Unlock()
		}()
	}
	wg.Wait()
	notices = append(notices, ls.Close()...)
	slices.Sort(l.reads)
	return got, l.reads, notices
}

// age sets the modification time of the directories an hour back: older than the racy window.
func age(t *testing.T, paths ...string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	for _, p := range paths {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
}

func TestListings(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("listings are reused only where inodes and change times are at hand")
	}
	t.Run("file read", testListings)
	t.Run("file mapped", mapped(testListings))
}

func testListings(t *testing.T) {
	root := t.TempDir()
	cacheDir := filepath.Join(root, DirName)
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	for _, f := range []string{"a/x.py", "a/sub/y.py", "b/z.py"} {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	age(t, a, b, filepath.Join(a, "sub"))
	want := map[string]string{"a": "sub/ x.py", "b": "z.py"}
	check := func(what string, wantReads ...string) {
		t.Helper()
		got, reads, notices := listRun(t, cacheDir, root, "a", "b")
		if len(notices) > 0 {
			t.Errorf("%s: notices %v", what, notices)
		}
		for d, w := range want {
			if got[d] != w {
				t.Errorf("%s: %s lists %q, want %q", what, d, got[d], w)
			}
		}
		if !slices.Equal(reads, wantReads) {
			t.Errorf("%s: read %v, want %v", what, reads, wantReads)
		}
	}
	check("first run", "a", "b")
	check("nothing changed: every listing reused")

	// A file added: its directory's time changes, and that directory alone is read again.
	if err := os.WriteFile(filepath.Join(a, "new.py"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	want["a"] = "new.py sub/ x.py"
	check("a file added", "a")
	// Its time is now recent: it is read until it is older than the racy window.
	check("a recent directory", "a")
	age(t, a)
	check("aged", "a")
	check("aged, reused")

	// Removed, and renamed with the same time: still seen.
	if err := os.Remove(filepath.Join(b, "z.py")); err != nil {
		t.Fatal(err)
	}
	age(t, b)
	want["b"] = ""
	check("a file removed (and the time set back)", "b")
	check("reused after the removal")
	if err := os.Rename(b, b+"-old"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(b, "c"), 0o755); err != nil {
		t.Fatal(err)
	}
	age(t, b, b+"-old")
	want["b"] = "c/"
	check("another directory at the same path, with the same time", "b")

	// A run that reuses every listing leaves the file alone; one that lists fewer
	// directories keeps only theirs.
	path := filepath.Join(cacheDir, "listings.bin")
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	check("reused again")
	if after, err := os.Stat(path); err != nil || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Errorf("a run that changed nothing wrote the listings again: %v", err)
	}
	if _, reads, _ := listRun(t, cacheDir, root, "a"); len(reads) != 0 {
		t.Errorf("a run of a alone read %v", reads)
	}
	check("b dropped by the run before: read again", "b")

	// A damaged file is ignored, with a notice, and rebuilt.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, reads, notices := listRun(t, cacheDir, root, "a", "b")
	if len(notices) != 1 || !strings.Contains(notices[0].Msg, "damaged") || got["a"] != want["a"] || len(reads) != 2 {
		t.Errorf("a damaged file: notices %v, lists %v, read %v", notices, got, reads)
	}
	for _, cut := range []int{0, 3, 9} {
		if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		got, reads, notices := listRun(t, cacheDir, root, "a", "b")
		if len(notices) != 1 || got["b"] != want["b"] || len(reads) != 2 {
			t.Errorf("a file cut at %d bytes: notices %v, lists %v, read %v", cut, notices, got, reads)
		}
	}
	check("rebuilt")
}

func TestListingsCleaned(t *testing.T) {
	root := t.TempDir()
	cacheDir := filepath.Join(root, DirName)
	listRun(t, cacheDir, root, ".")
	if _, err := os.Stat(filepath.Join(cacheDir, "listings.bin")); err != nil {
		t.Fatal(err)
	}
	c, err := Clean(cacheDir, root)
	if err != nil || !c.Dir {
		t.Fatalf("clean: %+v, %v", c, err)
	}
	if _, err := os.Stat(cacheDir); !os.IsNotExist(err) {
		t.Errorf("the cache directory is still there: %v", err)
	}
}
