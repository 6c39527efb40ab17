package precommit

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/cpython"
)

// runIn runs a program in dir with env and returns its combined output and exit code.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out), 0
}

// must runs a program that has to succeed.
func must(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runIn(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hookRepo commits the repository's files as they are in the working tree (tracked and
// untracked, not ignored) to a fresh git repository, which the scratch project's
// .pre-commit-config.yaml points at, and returns its path and HEAD.
func hookRepo(t *testing.T, git string, env []string) (dir, rev string) {
	root := strings.TrimSpace(must(t, "", env, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/buttresspy/buttress"))
	list := must(t, root, env, git, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	dir = filepath.Join(t.TempDir(), "buttress")
	for _, name := range strings.Split(strings.TrimSuffix(list, "\x00"), "\x00") {
		src := filepath.Join(root, filepath.FromSlash(name))
		info, err := os.Lstat(src)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		if !info.Mode().IsRegular() {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	must(t, dir, env, git, "init", "-q")
	must(t, dir, env, git, "add", "-A")
	must(t, dir, env, git, "commit", "-q", "-m", "buttress as it is in the working tree")
	return dir, strings.TrimSpace(must(t, dir, env, git, "rev-parse", "HEAD"))
}

// TestHooks runs Debian's pre-commit with both hooks on a scratch project: it builds buttress
// from a clone of this repository (GOFLAGS, GOPROXY and the rest of the environment pass
// through; the module cache is this one's, so nothing is downloaded), and then a commit with
// an import that breaks a layer fails both hooks, and passes once the import is gone, or once
// the finding is in the baseline.
func TestHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds buttress through pre-commit (about a minute): not with -short")
	}
	preCommit := cpython.RequireProgram(t, "pre-commit", "the Debian package pre-commit runs the hooks")
	git := cpython.RequireProgram(t, "git", "pre-commit needs it")
	env := append(os.Environ(),
		"GIT_AUTHOR_NAME=buttress test", "GIT_AUTHOR_EMAIL=test@invalid", "GIT_COMMITTER_NAME=buttress test", "GIT_COMMITTER_EMAIL=test@invalid",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "PRE_COMMIT_COLOR=never",
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit"),
	)
	// pre-commit sets GOPATH to the hook's environment, whose module cache would start empty:
	// keep using this one (unless GOMODCACHE is set already).
	if os.Getenv("GOMODCACHE") == "" {
		env = append(env, "GOMODCACHE="+strings.TrimSpace(must(t, "", env, "go", "env", "GOMODCACHE")))
	}
	// -trimpath keeps the clone's directory out of the build cache's keys, and CGO_ENABLED=0
	// is the wheels' setting: the packages the wheel tests compiled are reused, not compiled
	// again for a new directory (80 s on two busy cores without, 20 s with). GOFLAGS given stay.
	env = append(env, strings.TrimSpace("GOFLAGS="+os.Getenv("GOFLAGS")+" -trimpath"), "CGO_ENABLED=0")
	hooks, rev := hookRepo(t, git, env)

	proj := filepath.Join(t.TempDir(), "proj")
	write(t, proj, map[string]string{
		".pre-commit-config.yaml": fmt.Sprintf("repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: buttress\n      - id: buttress-contracts\n", hooks, rev),
		"pyproject.toml":          "[tool.buttress]\nextend-exclude = [\"migrations\"]\n\n[[tool.buttress.contracts]]\nname = \"layers\"\ntype = \"layers\"\nlayers = [\"app.api\", \"app.domain\"]\n",
		"app/__init__.py":         "",
		"app/api.py":              "from app import domain\n\n\ndef handler() -> int:\n    return domain.price()\n",
		"app/domain.py":           "def price() -> int:\n    return 1\n",
		"app/other.py":            "X = 1\n",
	})
	must(t, proj, env, git, "init", "-q")
	must(t, proj, env, git, "add", "-A")
	must(t, proj, env, git, "commit", "-q", "-m", "a clean project")

	start := time.Now()
	if out, code := runIn(t, proj, env, preCommit, "install-hooks"); code != 0 {
		t.Fatalf("pre-commit install-hooks (builds buttress with go install ./...): exit %d\n%s", code, out)
	}
	t.Logf("pre-commit install-hooks: %.1fs", time.Since(start).Seconds())

	passed := regexp.MustCompile(`(?m)^buttress check\.+Passed$`)
	failed := regexp.MustCompile(`(?m)^buttress check\.+Failed$`)
	contractsPassed := regexp.MustCompile(`(?m)^buttress contracts\.+Passed$`)
	contractsFailed := regexp.MustCompile(`(?m)^buttress contracts\.+Failed$`)
	expect := func(step string, wantCode int, res ...*regexp.Regexp) string {
		t.Helper()
		must(t, proj, env, git, "add", "-A")
		start := time.Now()
		out, code := runIn(t, proj, env, preCommit, "run")
		t.Logf("%s: pre-commit run: exit %d in %.1fs", step, code, time.Since(start).Seconds())
		if code != wantCode {
			t.Errorf("%s: pre-commit run: exit %d, want %d\n%s", step, code, wantCode, out)
		}
		for _, re := range res {
			if !re.MatchString(out) {
				t.Errorf("%s: pre-commit run's output does not match %s\n%s", step, re, out)
			}
		}
		return out
	}
	violation := "import app.api\n\n\ndef price() -> int:\n    return 1\n"
	finding := regexp.MustCompile(`(?m)^app/domain.py:1:8: ARCH001 \[layers\] app.domain -> app.api`)

	// An import up the layers: both hooks fail, with the finding.
	write(t, proj, map[string]string{"app/domain.py": violation})
	expect("an upward import", 1, failed, contractsFailed, finding)

	// The import removed: both pass.
	write(t, proj, map[string]string{"app/domain.py": "def price() -> int:\n    return 2\n"})
	expect("the import removed", 0, passed, contractsPassed)
	must(t, proj, env, git, "commit", "-q", "-m", "fixed")

	// A commit of an excluded file alone: nothing to check is no failure (--force-exclude).
	write(t, proj, map[string]string{"migrations/0001.py": "import app.api\n"})
	expect("an excluded file alone", 0, passed, contractsPassed)
	must(t, proj, env, git, "commit", "-q", "-m", "a migration")

	// The import committed (git commit --no-verify); a change elsewhere: the changed file has
	// no finding (check passes), but the contract is broken in the project (contracts fails).
	write(t, proj, map[string]string{"app/domain.py": violation})
	must(t, proj, env, git, "add", "-A")
	must(t, proj, env, git, "commit", "-q", "--no-verify", "-m", "the violation, unchecked")
	write(t, proj, map[string]string{"app/other.py": "X = 2\n"})
	expect("a change elsewhere", 1, passed, contractsFailed, finding)

	// The finding baselined, with the buttress the hook built: both pass.
	bins, err := filepath.Glob(filepath.Join(envValue(env, "PRE_COMMIT_HOME"), "repo*", "golangenv-*", "bin", "buttress"))
	if err != nil || len(bins) != 1 {
		t.Fatalf("the buttress pre-commit built: %v %v", bins, err)
	}
	must(t, proj, env, bins[0], "check", "--write-baseline")
	write(t, proj, map[string]string{"app/domain.py": violation + "\n\ndef tax() -> int:\n    return 0\n"})
	expect("the finding baselined", 0, passed, contractsPassed)
}

// envValue is the last value of a variable in env.
func envValue(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}
