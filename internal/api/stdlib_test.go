package api

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/gitrepo"
)

// stdlibExclude leaves out of the corpus what is no public API: the test suites, IDLE, the
// turtle demos, installed third-party packages and bytecode.
const stdlibExclude = `*
!*/
!*.py
!*.pyi
test/
tests/
idle_test/
idlelib/
turtledemo/
site-packages/
__pycache__/
_bundled/
`

// stdlibRepo commits the standard libraries of CPython 3.8 to 3.13, read in place (git's
// work tree is the installed lib/python3.X directory; nothing is copied), as successive
// commits of one repository in a temporary directory, tagged 3.8 ... 3.13, each with a
// pyproject.toml that makes every top-level module and package part of the API. It returns
// the repository's directory.
func stdlibRepo(t *testing.T, minors []string) string {
	t.Helper()
	dir := os.Getenv("BUTTRESS_API_STDLIB_REPO")
	if dir != "" {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir // kept from an earlier run (for griffe and timing by hand)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	} else {
		dir = t.TempDir()
	}
	git := func(worktree string, stdin string, args ...string) string {
		t.Helper()
		full := append([]string{"-C", dir}, args...)
		if worktree != "" {
			full = append([]string{"--work-tree", worktree}, full...)
		}
		cmd := exec.Command("git", full...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("", "", "init", "-q", "-b", "main")
	if err := os.WriteFile(filepath.Join(dir, ".git", "info", "exclude"), []byte(stdlibExclude), 0o644); err != nil {
		t.Fatal(err)
	}
	pyproject := "[tool.buttress.api]\npackages = [\"*\"]\n"
	for _, minor := range minors {
		lib := cpython.Stdlib(t, minor)
		git("", "", "rm", "-q", "-r", "--cached", "--ignore-unmatch", ".")
		git(lib, "", "add", "-A", ".")
		oid := git("", pyproject, "hash-object", "-w", "--stdin")
		git("", "", "update-index", "--add", "--cacheinfo", "100644,"+oid+",pyproject.toml")
		git("", "", "commit", "-q", "-m", "Python "+minor)
		git("", "", "tag", minor)
	}
	return dir
}

// stdlibRemovals are removals that "What's New in Python 3.x" lists under "Removed" and
// that are written in Python (removals from modules written in C, such as array.tostring,
// cannot be seen in source): each must be reported by api diff between the two versions.
// base64.encodestring (3.9) is not among them: base64's __all__ never listed it.
var stdlibRemovals = map[string][]string{
	"3.9": {
		"dummy_threading", "threading.Thread.isAlive", "fractions.gcd", "plistlib.readPlist",
		"plistlib.writePlist", "plistlib.Data", "html.parser.HTMLParser.unescape",
		"xml.etree.ElementTree.Element.getchildren", "xml.etree.ElementTree.Element.getiterator",
	},
	"3.10": {"formatter", "symbol", "asyncio.sleep(loop)", "asyncio.Queue.__init__(loop)"},
	"3.11": {"binhex", "asyncio.coroutine", "inspect.getargspec", "inspect.formatargspec", "gettext.lgettext"},
	"3.12": {
		"distutils", "asynchat", "asyncore", "imp", "smtpd", "configparser.SafeConfigParser",
		"unittest.TestCase.assertEquals", "unittest.TestCase.failUnless", "ssl.wrap_socket",
		"ssl.match_hostname", "locale.format",
	},
	"3.13": {
		"cgi", "cgitb", "crypt", "telnetlib", "aifc", "chunk", "imghdr", "mailcap", "nntplib",
		"pipes", "sndhdr", "sunau", "uu", "xdrlib", "lib2to3", "locale.resetlocale",
		"unittest.makeSuite", "re.template",
	},
}

func TestStdlibRemovals(t *testing.T) {
	minors := []string{"3.8", "3.9", "3.10", "3.11", "3.12", "3.13"}
	if testing.Short() {
		minors = []string{"3.12", "3.13"}
	}
	dir := stdlibRepo(t, minors)
	repo, err := gitrepo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	load := func(minor string) *API {
		commit, err := repo.Resolve(minor)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Load(&GitTree{Repo: repo, Commit: commit}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	prev := load(minors[0])
	for _, minor := range minors[1:] {
		cur := load(minor)
		res := Diff(prev, cur)
		found := map[string]bool{}
		counts := map[string]int{}
		for _, c := range res.Changes {
			found[c.Symbol] = true
			counts[c.Kind]++
		}
		for _, want := range stdlibRemovals[minor] {
			if !found[want] {
				t.Errorf("%s: %s is removed in Python %s, not reported", minor, want, minor)
			}
		}
		if os.Getenv("BUTTRESS_API_STDLIB_REPORT") != "" {
			fmt.Printf("%s -> %s: %d objects, %d changes (%d added, %d removed) %v\n", prev.Packages[0], minor, len(cur.Objects), len(res.Changes), res.Added, res.Removed, counts)
		}
		prev = cur
	}
}
