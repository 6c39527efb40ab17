package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHistoryBuild builds the history of a repository made here, 30 commits of a small
// layered project that gains modules, findings and a cycle on the way; checks that a second
// run adds only the new commits, that the work tree is left alone, and that the newest entry
// agrees with buttress check, coverage and graph --cycles on that commit.
func TestHistoryBuild(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(repo, "proj", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("pyproject.toml", "[tool.buttress]\n\n[[tool.buttress.contracts]]\nname = \"layers\"\ntype = \"layers\"\nlayers = [\"app.api\", \"app.domain\"]\n")
	write("app/__init__.py", "")
	write("app/api/__init__.py", "")
	write("app/domain/__init__.py", "")
	write("README.md", "not Python: not laid out\n")
	for i := 0; i < 30; i++ {
		switch {
		case i%3 == 0:
			write(fmt.Sprintf("app/domain/m%d.py", i), fmt.Sprintf("def f%d(x: int) -> int:\n    if x > %d:\n        return x\n    return 0\n", i, i))
		case i%3 == 1:
			write(fmt.Sprintf("app/api/v%d.py", i), fmt.Sprintf("from app.domain import m%d\n\n\ndef view(x):\n    try:\n        return m%d.f%d(x)\n    except:\n        return None\n", i-1, i-1, i-1))
		default:
			write("app/domain/m0.py", fmt.Sprintf("from app.api import v1\n\n\ndef f0(x: int) -> int:\n    return x + %d\n", i))
		}
		if i == 20 {
			write("app/domain/broken.py", "def broken(:\n")
		}
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprintf("commit %d", i))
	}
	proj := filepath.Join(repo, "proj")
	run := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := Main(args, &out, &errb)
		return out.String(), errb.String(), code
	}
	db := filepath.Join(t.TempDir(), "h.sqlite")
	out, errs, code := run("history", "build", proj, "--commits", "20", "--db", db)
	if code != 0 {
		t.Fatalf("history build: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "history: 20 commits recorded") {
		t.Fatalf("history build:\n%s", out)
	}
	out, errs, code = run("history", "build", proj, "--commits", "0", "--db", db)
	if code != 0 || !strings.Contains(out, "history: 10 commits recorded") {
		t.Fatalf("the second history build should add the 10 older commits only: exit %d\n%s%s", code, out, errs)
	}
	out, _, code = run("history", "build", proj, "--db", db)
	if code != 0 || !strings.Contains(out, "already recorded") {
		t.Fatalf("a third history build should add nothing: exit %d\n%s", code, out)
	}
	// The work tree is as it was: git sees no change.
	st := exec.Command("git", "-C", repo, "status", "--porcelain")
	if o, err := st.Output(); err != nil || len(o) != 0 {
		t.Fatalf("git status after history build: %q, %v", o, err)
	}

	out, errs, code = run("history", "show", proj, "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("history show: exit %d\n%s", code, errs)
	}
	var shown struct {
		Commits []struct {
			SHA      string         `json:"sha"`
			Depth    int            `json:"depth"`
			Findings map[string]int `json:"findings"`
			Total    int            `json:"findings_total"`
			Coverage float64        `json:"coverage"`
			Cycles   int            `json:"cycles"`
			Modules  int            `json:"modules"`
			Contract int            `json:"contract_findings"`
		} `json:"commits"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatalf("history show --format json: %v\n%s", err, out)
	}
	if len(shown.Commits) != 30 {
		t.Fatalf("%d commits shown, want 30", len(shown.Commits))
	}
	for i, c := range shown.Commits {
		if c.Depth != i+1 {
			t.Fatalf("commit %d of history show has depth %d: want the first-parent chain in order, whatever the order they were recorded in", i, c.Depth)
		}
	}
	newest := shown.Commits[len(shown.Commits)-1]
	head, _ := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if newest.SHA != strings.TrimSpace(string(head)) {
		t.Fatalf("the newest entry is %s, HEAD is %s", newest.SHA, head)
	}

	// It agrees with check, coverage and graph on HEAD (the work tree).
	out, _, _ = run("check", proj, "--no-cache", "--no-baseline", "--format", "json")
	var checked struct {
		Findings []struct {
			Code string `json:"code"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &checked); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, out)
	}
	byCode := map[string]int{}
	for _, f := range checked.Findings {
		byCode[f.Code]++
	}
	if len(checked.Findings) != newest.Total || fmt.Sprint(byCode) != fmt.Sprint(newest.Findings) {
		t.Errorf("history's newest entry: %d findings %v; buttress check: %d %v", newest.Total, newest.Findings, len(checked.Findings), byCode)
	}
	if newest.Contract == 0 || newest.Findings["SYN001"] != 1 {
		t.Errorf("the newest entry should have contract findings and the syntax error: %+v", newest)
	}
	out, _, _ = run("coverage", proj, "--no-cache", "--format", "json")
	var cov struct {
		Total struct {
			Percent float64 `json:"percent"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &cov); err != nil {
		t.Fatalf("coverage --format json: %v\n%s", err, out)
	}
	if fmt.Sprintf("%.6f", cov.Total.Percent) != fmt.Sprintf("%.6f", newest.Coverage) {
		t.Errorf("coverage: history %.4f, buttress coverage %.4f", newest.Coverage, cov.Total.Percent)
	}
	out, _, _ = run("graph", proj, "--cycles", "--no-cache", "--format", "json")
	if n := strings.Count(out, `"modules":`); n != newest.Cycles || n == 0 {
		t.Errorf("cycles: history %d, graph --cycles %d", newest.Cycles, n)
	}
	// The first commits had no cycle, the last ones one.
	if shown.Commits[0].Cycles != 0 || shown.Commits[0].Modules == 0 {
		t.Errorf("the oldest entry: %+v", shown.Commits[0])
	}

	// The report draws the trends.
	page := filepath.Join(t.TempDir(), "r.html")
	if _, errs, code := run("report", proj, "-o", page, "--history", db); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, errs)
	}
	data, _ := os.ReadFile(page)
	if !strings.Contains(string(data), `"trends":[{"sha":`) {
		t.Errorf("the report has no trends")
	}
}
