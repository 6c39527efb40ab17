package dead_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/dead"
	"github.com/buttresspy/buttress/internal/workspace"
)

// djangoDir is Debian's python3-django, which .ci/run installs.
var djangoDir = filepath.Join(cpython.DebianDist, "django")

// djangoApps are the contrib apps copied into the project, as its own apps.
var djangoApps = []string{"admin", "admindocs", "auth", "contenttypes", "flatpages", "humanize", "messages",
	"redirects", "sessions", "sitemaps", "sites", "staticfiles", "syndication"}

// injection is an unused function and an unused class added at the end of a module.
type injection struct {
	path, function, class string
}

// injections: ten modules of the project, each given a function and a class nothing uses.
// Some functions take a name that is used elsewhere in the project (get_user, logout,
// render): a check by name alone (vulture) counts them as used.
var injections = []injection{
	{"mysite/contrib/auth/tokens.py", "make_legacy_token", "LegacyTokenGenerator"},
	{"mysite/contrib/admin/utils.py", "flatten_legacy_fieldsets", "LegacyFieldsetFormatter"},
	{"mysite/contrib/sessions/backends/base.py", "get_user", "SessionAuditTrail"},
	{"mysite/contrib/messages/api.py", "count_messages", "MessageDigest"},
	{"mysite/contrib/flatpages/views.py", "render_legacy_flatpage", "FlatpageCache"},
	{"mysite/contrib/redirects/middleware.py", "logout", "RedirectStats"},
	{"mysite/contrib/sites/shortcuts.py", "get_current_domain", "SiteResolver"},
	{"mysite/contrib/sitemaps/views.py", "x_robots_tag_legacy", "SitemapIndexCache"},
	{"mysite/contrib/humanize/templatetags/humanize.py", "ordinal_words", "NumberWords"},
	{"mysite/contrib/contenttypes/views.py", "render", "ContentTypeLookup"},
}

// buildDjangoProject writes a Django project to dir: the layout of `django-admin
// startproject mysite` (manage.py, settings, urls, wsgi, asgi), with Django's contrib apps
// copied in as the project's own apps (mysite.contrib.*: their imports and the settings'
// dotted names rewritten to match) and listed in INSTALLED_APPS.
func buildDjangoProject(t *testing.T, dir string) {
	t.Helper()
	rewrite := func(s string) string {
		return strings.ReplaceAll(strings.ReplaceAll(s, "django.contrib", "mysite.contrib"), "{{ project_name }}", "mysite")
	}
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, app := range djangoApps {
		root := filepath.Join(djangoDir, "contrib", app)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".py") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(djangoDir, p)
			write("mysite/"+filepath.ToSlash(rel), rewrite(string(b)))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write("mysite/contrib/__init__.py", "")
	tpl := filepath.Join(djangoDir, "conf", "project_template")
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return rewrite(string(b))
	}
	for _, name := range []string{"__init__", "settings", "urls", "wsgi", "asgi"} {
		s := read(filepath.Join(tpl, "project_name", name+".py-tpl"))
		if name == "settings" {
			var extra strings.Builder
			for _, app := range []string{"flatpages", "redirects", "sites", "sitemaps", "humanize", "admindocs"} {
				fmt.Fprintf(&extra, "    'mysite.contrib.%s',\n", app)
			}
			s = strings.Replace(s, "    'mysite.contrib.staticfiles',\n", "    'mysite.contrib.staticfiles',\n"+extra.String(), 1)
		}
		write("mysite/"+name+".py", s)
	}
	write("manage.py", read(filepath.Join(tpl, "manage.py-tpl")))
	write("pyproject.toml", "[project]\nname = \"mysite\"\n")
}

func inject(t *testing.T, dir string) {
	t.Helper()
	for _, in := range injections {
		p := filepath.Join(dir, filepath.FromSlash(in.path))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add := fmt.Sprintf("\n\ndef %s(value):\n    return value\n\n\nclass %s:\n    def run(self):\n        return None\n", in.function, in.class)
		if err := os.WriteFile(p, append(b, add...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkProject runs the DEAD rules on the project at dir with the default options, as
// `buttress check --select DEAD` does (scopes applied), and returns the findings and the
// loaded workspace.
func checkProject(t *testing.T, dir string) ([]finding.Finding, *workspace.Workspace) {
	t.Helper()
	ws, err := workspace.Load(config.Default(dir), workspace.Options{Usage: true})
	if err != nil {
		t.Fatal(err)
	}
	sel := analysis.Selection{Scopes: analysis.DefaultScopes()}
	sel.ResolveScopes(rules.All())
	in := workspace.DeadInput(ws)
	in.Rules = map[string]*dead.Options{}
	for _, r := range dead.Rules() {
		in.Rules[r.Code] = nil
	}
	var out []finding.Finding
	for _, f := range dead.Check(in) {
		if !sel.IgnoredIn(f.Path, f.Code, f.Rule) {
			out = append(out, f)
		}
	}
	finding.Sort(out)
	return out, ws
}

// TestDjangoProject: on a real Django project with an unused function and an unused class
// injected in ten modules, all twenty are found, and no finding names a symbol that another
// module imports by name or that its module lists in __all__.
func TestDjangoProject(t *testing.T) {
	cpython.RequireDebianPackage(t, "django")
	dir := t.TempDir()
	buildDjangoProject(t, dir)
	before, _ := checkProject(t, dir)
	inject(t, dir)
	got, ws := checkProject(t, dir)

	found := map[string]bool{} // "path symbol"
	for _, f := range got {
		found[f.Path+" "+f.Symbol] = true
	}
	for _, in := range injections {
		for _, sym := range []string{in.function, in.class} {
			if !found[in.path+" "+sym] {
				t.Errorf("%s: the unused %s is not reported", in.path, sym)
			}
		}
	}
	// The injections add their own findings and change no other.
	was := map[string]bool{}
	for _, f := range before {
		was[f.Path+" "+f.Symbol] = true
	}
	injected := map[string]bool{}
	for _, in := range injections {
		for _, sym := range []string{in.function, in.class, in.class + ".run"} {
			injected[in.path+" "+sym] = true
		}
	}
	for _, f := range got {
		if k := f.Path + " " + f.Symbol; !was[k] && !injected[k] {
			t.Errorf("%s:%d: %s is new after the injections, and not one of them: %s", f.Path, f.Line, f.Code, f.Message)
		}
	}
	if len(got) < len(before)+2*len(injections) {
		t.Errorf("%d findings after the injections, %d before", len(got), len(before))
	}

	// Nothing that another module imports by name, or that __all__ lists.
	moduleOf := map[string]string{}
	all := map[string][]string{}
	for _, f := range ws.Files {
		moduleOf[f.Rel] = f.Module
		if f.HasAll {
			all[f.Module] = f.All
		}
	}
	imported := map[string]bool{} // "module name"
	for _, e := range ws.ImportGraph().Edges {
		if e.Name != "" && e.Name != "*" && e.Importer != e.Imported {
			imported[e.Imported+" "+e.Name] = true
		}
	}
	codes := map[string]int{}
	for _, f := range got {
		codes[f.Code]++
		m := moduleOf[f.Path]
		if imported[m+" "+f.Symbol] {
			t.Errorf("%s:%d: %s reports %s, which another module imports by name", f.Path, f.Line, f.Code, f.Symbol)
		}
		for _, name := range all[m] {
			if name == f.Symbol {
				t.Errorf("%s:%d: %s reports %s, which %s lists in __all__", f.Path, f.Line, f.Code, f.Symbol, m)
			}
		}
	}
	var summary []string
	for c, n := range codes {
		summary = append(summary, fmt.Sprintf("%s %d", c, n))
	}
	sort.Strings(summary)
	t.Logf("%d files; findings after the injections: %s", len(ws.Files), strings.Join(summary, ", "))
}
