package gitrepo

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// repo makes an empty repository in a temporary directory, with an author for commits and no
// global configuration.
func repo(t *testing.T) (dir string, git func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed: %v", err)
	}
	dir = t.TempDir()
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	git = func(args ...string) string {
		t.Helper()
		return gitIn(t, dir, args...)
	}
	git("init", "-q", "-b", "main")
	return dir, git
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lines(n int, prefix string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(prefix)
		b.WriteString(strings.Repeat("x", i))
		b.WriteString("\n")
	}
	return b.String()
}

func TestChanges(t *testing.T) {
	dir, git := repo(t)
	write(t, dir, "keep.py", lines(10, "k"))
	write(t, dir, "edit.py", lines(10, "e"))
	write(t, dir, "gone.py", lines(3, "g"))
	write(t, dir, "old name.py", lines(20, "r"))
	write(t, dir, "staged.py", lines(5, "s"))
	write(t, dir, "sub/deep.py", lines(5, "d"))
	write(t, dir, "with space.py", "1\n2\n")
	write(t, dir, ".gitignore", "ignored.py\n")
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	base := strings.TrimSpace(git("rev-parse", "HEAD"))

	// Committed: two lines changed, one inserted, in edit.py; a file deleted; a file renamed
	// with one line changed (a name with a space, kept as it is).
	e := strings.Split(lines(10, "e"), "\n")
	e[2] = "changed 3"
	e[6] = "changed 7\ninserted"
	write(t, dir, "edit.py", strings.Join(e, "\n"))
	git("rm", "-q", "gone.py")
	git("mv", "old name.py", `new "name".py`)
	r := strings.Split(lines(20, "r"), "\n")
	r[14] = "renamed and changed"
	write(t, dir, `new "name".py`, strings.Join(r, "\n"))
	git("add", "-A")
	git("commit", "-q", "-m", "change")
	// Staged, not committed: a line that starts like a header ("++ x" shows as "+++ x").
	write(t, dir, "staged.py", "++ x\n"+lines(5, "s"))
	git("add", "staged.py")
	// Unstaged: the last line, with no newline at the end.
	write(t, dir, "sub/deep.py", lines(4, "d")+"last")
	// A name with a space, which git does not quote but ends with a tab.
	write(t, dir, "with space.py", "1\ntwo\n")
	// Untracked, and ignored.
	write(t, dir, "new.py", "a\nb\n")
	write(t, dir, "ignored.py", "a\n")

	rp, err := Open(filepath.Join(dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if rp.Top != dir {
		t.Errorf("Top = %q, want %q", rp.Top, dir)
	}
	mb, err := rp.MergeBase("HEAD~1")
	if err != nil || mb != base {
		t.Fatalf("MergeBase(HEAD~1) = %q, %v; want %q", mb, err, base)
	}
	c, err := rp.Changes(mb, dir)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Path, OldPath string
		Status        Status
		Lines         []LineRange
		Whole         bool
	}
	var all []got
	for _, f := range c.Files {
		all = append(all, got{f.Path, f.OldPath, f.Status, f.Lines, f.Whole})
	}
	want := []got{
		{"edit.py", "", Modified, []LineRange{{3, 3}, {7, 8}}, false},
		{"gone.py", "", Deleted, nil, false},
		{"new \"name\".py", "old name.py", Renamed, []LineRange{{15, 15}}, false},
		{"new.py", "", Untracked, nil, true},
		{"staged.py", "", Modified, []LineRange{{1, 1}}, false},
		{"sub/deep.py", "", Modified, []LineRange{{5, 5}}, false},
		{"with space.py", "", Modified, []LineRange{{2, 2}}, false},
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("Changes:\n got %+v\nwant %+v", all, want)
	}
	for _, q := range []struct {
		path string
		line int
		want bool
	}{
		{"edit.py", 2, false}, {"edit.py", 3, true}, {"edit.py", 7, true}, {"edit.py", 8, true}, {"edit.py", 9, false},
		{"new.py", 100, true}, {"keep.py", 1, false}, {"gone.py", 1, false}, {"new \"name\".py", 15, true},
	} {
		if got := c.Line(q.path, q.line); got != q.want {
			t.Errorf("Line(%q, %d) = %v, want %v", q.path, q.line, got, q.want)
		}
	}

	// Relative to a root below the top of the work tree.
	c, err = rp.Changes(mb, filepath.Join(dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if f := c.File("deep.py"); f == nil || !reflect.DeepEqual(f.Lines, []LineRange{{5, 5}}) {
		t.Errorf("relative to sub: deep.py = %+v", f)
	}
	if c.File("../edit.py") == nil {
		t.Errorf("relative to sub: ../edit.py missing")
	}
}

func TestMergeBaseOfABranch(t *testing.T) {
	dir, git := repo(t)
	write(t, dir, "a.py", "1\n")
	git("add", "-A")
	git("commit", "-q", "-m", "1")
	fork := strings.TrimSpace(git("rev-parse", "HEAD"))
	git("checkout", "-q", "-b", "feature")
	write(t, dir, "a.py", "1\nfeature\n")
	git("commit", "-q", "-am", "feature")
	git("checkout", "-q", "main")
	write(t, dir, "b.py", "main moved on\n")
	git("add", "-A")
	git("commit", "-q", "-m", "main")
	git("checkout", "-q", "feature")

	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := r.MergeBase("main")
	if err != nil || mb != fork {
		t.Fatalf("MergeBase(main) = %q, %v; want the fork point %q", mb, err, fork)
	}
	// What main did since the fork is not a change of this branch.
	c, err := r.Changes(mb, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Files) != 1 || c.Files[0].Path != "a.py" || !c.Line("a.py", 2) || c.Line("a.py", 1) {
		t.Errorf("changes since the fork: %+v", c.Files)
	}
}

func TestErrors(t *testing.T) {
	// Outside any repository.
	plain := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(plain))
	if _, err := Open(plain); !IsKind(err, NotRepo) {
		t.Errorf("Open outside a repository: %v, want a NotRepo error", err)
	}

	// No commit yet.
	dir, git := repo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.MergeBase("main"); !IsKind(err, NoCommit) || !strings.Contains(err.Error(), "no commit yet") {
		t.Errorf("MergeBase before the first commit: %v", err)
	}

	write(t, dir, "a.py", "1\n")
	git("add", "-A")
	git("commit", "-q", "-m", "1")
	for _, ref := range []string{"origin/main", "nope", "-h", ""} {
		_, err := r.MergeBase(ref)
		if !IsKind(err, NoRef) {
			t.Errorf("MergeBase(%q): %v, want a NoRef error", ref, err)
		}
	}
	_, err = r.MergeBase("nope")
	if !strings.Contains(err.Error(), `"nope" names no commit in this clone`) || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("MergeBase(nope): %v", err)
	}

	// Unrelated histories.
	git("checkout", "-q", "--orphan", "other")
	git("commit", "-q", "-m", "orphan")
	if _, err := r.MergeBase("main"); !IsKind(err, NoMergeBase) || !strings.Contains(err.Error(), "unrelated") {
		t.Errorf("MergeBase of unrelated histories: %v", err)
	}
}

// TestShallowClone: a CI checkout of depth 1 has neither the fork point nor, often, the base
// branch; each is a clear error that says how to fetch what is missing, and once fetched,
// the merge-base is found.
func TestShallowClone(t *testing.T) {
	up, git := repo(t)
	write(t, up, "a.py", "1\n")
	git("add", "-A")
	git("commit", "-q", "-m", "1")
	fork := strings.TrimSpace(git("rev-parse", "HEAD"))
	git("checkout", "-q", "-b", "feature")
	for i := 0; i < 3; i++ {
		write(t, up, "a.py", lines(i+2, "f"))
		git("commit", "-q", "-am", "feature")
	}
	git("checkout", "-q", "main")
	write(t, up, "b.py", "main\n")
	git("add", "-A")
	git("commit", "-q", "-m", "main")

	clone := filepath.Join(t.TempDir(), "clone")
	gitIn(t, filepath.Dir(clone), "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+up, clone)
	r, err := Open(clone)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := r.Shallow(); err != nil || !s {
		t.Fatalf("Shallow() = %v, %v", s, err)
	}
	_, err = r.MergeBase("origin/main")
	if !IsKind(err, NoRef) || !strings.Contains(err.Error(), "git fetch origin main") || !strings.Contains(err.Error(), "shallow") {
		t.Errorf("MergeBase(origin/main) in a shallow clone of feature alone: %v", err)
	}
	gitIn(t, clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
	_, err = r.MergeBase("origin/main")
	if !IsKind(err, NoMergeBase) || !strings.Contains(err.Error(), "git fetch --unshallow") || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("MergeBase(origin/main) without the fork point: %v", err)
	}
	gitIn(t, clone, "fetch", "-q", "--unshallow", "origin")
	mb, err := r.MergeBase("origin/main")
	if err != nil || mb != fork {
		t.Errorf("MergeBase(origin/main) after --unshallow = %q, %v; want %q", mb, err, fork)
	}
}

func TestParseHunks(t *testing.T) {
	out := "diff --git a/x.py b/x.py\n" +
		"index 1..2 100644\n" +
		"--- a/x.py\n" +
		"+++ b/x.py\n" +
		"@@ -1 +1 @@\n" +
		"-a\n" +
		"+++ not a header\n" +
		"@@ -5,0 +6,2 @@ def f():\n" +
		"+--- nor this\n" +
		"+b\n" +
		"@@ -9,3 +10,0 @@\n" +
		"-c\n-d\n-e\n" +
		"@@ -20 +20 @@\n" +
		"-f\n" +
		"\\ No newline at end of file\n" +
		"+g\n" +
		"\\ No newline at end of file\n" +
		"diff --git \"a/t\\tab\" \"b/t\\tab\\303\\251\"\n" +
		"--- \"a/t\\tab\"\n" +
		"+++ \"b/t\\tab\\303\\251\"\n" +
		"@@ -0,0 +1 @@\n" +
		"+x\n" +
		"diff --git a/gone.py b/gone.py\n" +
		"deleted file mode 100644\n" +
		"--- a/gone.py\n" +
		"+++ /dev/null\n" +
		"@@ -1 +0,0 @@\n" +
		"-x\n"
	h, err := parseHunks(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]LineRange{
		"x.py":   {{1, 1}, {6, 7}, {20, 20}},
		"t\tabé": {{1, 1}},
	}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("parseHunks = %v, want %v", h, want)
	}
	if _, err := parseHunks("+++ b/x\n@@ -1 +1 @@\nnot a hunk line\n"); err == nil {
		t.Error("parseHunks took a line that is no hunk line")
	}
}
