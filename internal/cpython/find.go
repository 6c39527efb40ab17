// Package cpython is test support for differential tests against the CPython
// interpreters installed through pyenv: it finds them, dumps CPython's own AST
// of Python files as canonical AST JSON (docs/ast-json.md) with an
// embedded script, and compares such dumps.
//
// Differential tests must never silently vanish in CI: when the environment
// variable BUTTRESS_REQUIRE_CPYTHON is "1", a missing interpreter is a test
// failure instead of a skip.
package cpython

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// RequireEnv is the environment variable that turns a missing interpreter
// from a skipped test into a failed one when it is set to "1".
const RequireEnv = "BUTTRESS_REQUIRE_CPYTHON"

var minorRE = regexp.MustCompile(`^([0-9]+)\.([0-9]+)$`)

var (
	pyenvRootOnce sync.Once
	pyenvRootCmd  string
)

// pyenvRoot returns pyenv's root: $PYENV_ROOT when set, else what
// `pyenv root` prints, else ~/.pyenv.
func pyenvRoot() string {
	if r := os.Getenv("PYENV_ROOT"); r != "" {
		return r
	}
	pyenvRootOnce.Do(func() {
		if out, err := exec.Command("pyenv", "root").Output(); err == nil {
			pyenvRootCmd = strings.TrimSpace(string(out))
		}
	})
	if pyenvRootCmd != "" {
		return pyenvRootCmd
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".pyenv")
	}
	return ""
}

// Find returns the path of the newest installed CPython interpreter of the
// given minor version ("3.13"): $(pyenv root)/versions/X.Y.Z/bin/python for
// the highest patch level Z whose bin/python exists. Only plain X.Y.Z
// directories count (not 3.13.0t, 3.14-dev, ...).
func Find(minor string) (string, error) {
	if !minorRE.MatchString(minor) {
		return "", fmt.Errorf("cpython: bad minor version %q (want X.Y, e.g. 3.13)", minor)
	}
	root := pyenvRoot()
	if root == "" {
		return "", errors.New("cpython: cannot locate pyenv root (set PYENV_ROOT)")
	}
	vdir := filepath.Join(root, "versions")
	entries, err := os.ReadDir(vdir)
	if err != nil {
		return "", fmt.Errorf("cpython: CPython %s not found: %w", minor, err)
	}
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(minor) + `\.([0-9]+)$`)
	type cand struct {
		patch int
		name  string
	}
	var cands []cand
	var seen []string
	for _, e := range entries {
		seen = append(seen, e.Name())
		m := re.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		p, err := strconv.Atoi(m[1])
		if err != nil {
			continue
		}
		cands = append(cands, cand{p, e.Name()})
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].patch > cands[j].patch })
	for _, c := range cands {
		py := filepath.Join(vdir, c.name, "bin", "python")
		if fi, err := os.Stat(py); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return py, nil
		}
	}
	return "", fmt.Errorf("cpython: CPython %s not found: no %s.*/bin/python under %s (present: %s)",
		minor, minor, vdir, strings.Join(seen, " "))
}

// missing skips t, or fails it when RequireEnv is "1".
func missing(t testing.TB, err error) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%v\n%s=1 is set, so a missing CPython is a failure, not a skip: "+
			"install it with pyenv (pyenv install X.Y) or unset %s", err, RequireEnv, RequireEnv)
		return
	}
	t.Skipf("skipping: %v (set %s=1 to make this a failure)", err, RequireEnv)
}

// RequireProgram returns the path of a program that .ci/run installs (Debian's pre-commit,
// twine, neovim), found on the PATH; why says what the test needs it for. When it is missing
// it skips the test, or fails it when RequireEnv is "1", as Require does for CPython.
func RequireProgram(t testing.TB, name, why string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s not found (%s; .ci/run installs it with apt-get)", name, why)
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("%s; %s=1 makes that a failure", msg, RequireEnv)
		}
		t.Skipf("%s; set %s=1 to make that a failure", msg, RequireEnv)
	}
	return p
}

// DebianDist is where Debian's python3-* packages install their modules: real code written
// by others that .ci/run installs for the tests.
const DebianDist = "/usr/lib/python3/dist-packages"

// RequireDebianPackage returns the directory of the package name of Debian's python3-name
// (DebianDist/name, a regular package). When it is missing it skips the test, or fails it
// when RequireEnv is "1", as RequireProgram does for a program.
func RequireDebianPackage(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(DebianDist, name)
	if fi, err := os.Stat(filepath.Join(dir, "__init__.py")); err != nil || !fi.Mode().IsRegular() {
		msg := fmt.Sprintf("Debian's python3-%s is not installed at %s (.ci/run installs it with apt-get)", name, dir)
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("%s; %s=1 makes that a failure", msg, RequireEnv)
		}
		t.Skipf("%s; set %s=1 to make that a failure", msg, RequireEnv)
	}
	return dir
}

// Require returns the path of the CPython interpreter of the given minor
// version (see Find). When there is none it skips the test, unless the
// environment variable BUTTRESS_REQUIRE_CPYTHON is "1", in which case it
// fails the test with t.Fatal. It returns "" only if t.Skip or t.Fatal
// return (as a fake testing.TB may).
func Require(t testing.TB, minor string) string {
	t.Helper()
	py, err := Find(minor)
	if err != nil {
		missing(t, err)
		return ""
	}
	return py
}

// libDir returns the lib/pythonX.Y directory of interpreter py.
func libDir(py, minor string) string {
	return filepath.Join(filepath.Dir(filepath.Dir(py)), "lib", "python"+minor)
}

func requireDir(t testing.TB, what, minor, dir string) string {
	t.Helper()
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		err = fmt.Errorf("%s is not a directory", dir)
	}
	if err != nil {
		missing(t, fmt.Errorf("cpython: %s of CPython %s not found: %w", what, minor, err))
		return ""
	}
	return dir
}

// Stdlib returns the standard library directory (lib/pythonX.Y) of the
// CPython interpreter of the given minor version, with the same skip/fatal
// rule as Require.
func Stdlib(t testing.TB, minor string) string {
	t.Helper()
	py := Require(t, minor)
	if py == "" {
		return ""
	}
	return requireDir(t, "standard library", minor, libDir(py, minor))
}

// SitePackages returns the site-packages directory
// (lib/pythonX.Y/site-packages) of the CPython interpreter of the given
// minor version, with the same skip/fatal rule as Require.
func SitePackages(t testing.TB, minor string) string {
	t.Helper()
	py := Require(t, minor)
	if py == "" {
		return ""
	}
	return requireDir(t, "site-packages", minor, filepath.Join(libDir(py, minor), "site-packages"))
}

// PyFiles returns every file named *.py under root, sorted. It does not
// descend into __pycache__ directories nor into symbolic links to
// directories; a symbolic link named *.py that does not lead to a directory
// (even a dangling one) is listed, so that nothing is skipped silently;
// named pipes, sockets and devices are not. Any error while walking is
// returned.
func PyFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "__pycache__" && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".py") {
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			if fi, err := os.Stat(path); err == nil && fi.IsDir() {
				return nil // a symlinked directory: not followed
			}
		case !d.Type().IsRegular():
			return nil // a named pipe, socket or device: reading it could block
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}
