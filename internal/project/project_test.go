package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
)

// tree creates a file tree under a new temp dir and returns its path. Each entry is a
// slash-separated path: "dir/" makes a directory, "link -> target" a symbolic link,
// "file: content" a file with that content, anything else an empty file.
func tree(t *testing.T, entries ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, e := range entries {
		if name, target, ok := strings.Cut(e, " -> "); ok {
			p := filepath.Join(root, filepath.FromSlash(name))
			mkdir(t, filepath.Dir(p))
			if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if strings.HasSuffix(e, "/") && !strings.Contains(e, ": ") {
			mkdir(t, filepath.Join(root, filepath.FromSlash(e)))
			continue
		}
		name, content, _ := strings.Cut(e, ": ")
		p := filepath.Join(root, filepath.FromSlash(name))
		mkdir(t, filepath.Dir(p))
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(content, `\n`, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func discover(t *testing.T, root string, set func(c *config.Config)) *Project {
	t.Helper()
	c := config.Default(root)
	if set != nil {
		set(c)
	}
	p, err := Discover(c)
	if err != nil {
		t.Fatal(err)
	}
	checkFirsts(t, p)
	return p
}

// files describes the files found as "rel module [stub] [init]" lines.
func files(p *Project) []string {
	var out []string
	for _, f := range p.Files {
		s := f.Rel + " " + f.Module
		if f.Module == "" {
			s += `""`
		}
		if f.Stub {
			s += " stub"
		}
		if f.Init {
			s += " init"
		}
		out = append(out, s)
	}
	return out
}

// modules describes the modules as "name kind files..." lines.
func modules(p *Project) []string {
	var out []string
	for name, m := range p.Modules {
		if name != m.Name {
			out = append(out, "BAD KEY "+name)
		}
		kind := "module"
		switch {
		case m.Namespace:
			kind = "namespace"
		case m.Package:
			kind = "package"
		}
		s := name + " " + kind
		for _, f := range m.Files {
			s += " " + f.Rel
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func problems(p *Project) []string {
	var out []string
	for _, pr := range p.Problems {
		out = append(out, fmt.Sprintf("%s %s: %s", pr.Kind, pr.Path, pr.Msg))
	}
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %s\nwant %s", what, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func TestModulesAndNamespaces(t *testing.T) {
	root := tree(t,
		"setup.py",
		"README.md",
		"pkg/__init__.py",
		"pkg/mod.py",
		"pkg/mod.pyi",
		"pkg/__main__.py",
		"pkg/ns/deep/leaf.py", // pkg.ns and pkg.ns.deep are namespace packages
		"nspkg/only.pyi",      // a namespace package holding only a stub
		"typed/__init__.pyi",  // a stub-only package
		"my-scripts/tool.py",  // not importable: Module ""
		"scripts/run-it.py",   // scripts is a namespace; run-it is not importable
		"pkg/class/x.py",      // in a package, a keyword goes: import_module("pkg.class.x")
		"pkg/data.json",
		"pkg/2fast.py",
		"café/über.py", // Unicode identifiers are fine
		"__init__.py",  // an __init__ directly in a source root
	)
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{
		`__init__.py "" init`,
		"café/über.py café.über",
		`my-scripts/tool.py ""`,
		"nspkg/only.pyi nspkg.only stub",
		"pkg/2fast.py pkg.2fast",
		"pkg/__init__.py pkg init",
		"pkg/__main__.py pkg.__main__",
		"pkg/class/x.py pkg.class.x",
		"pkg/mod.py pkg.mod",
		"pkg/mod.pyi pkg.mod stub",
		"pkg/ns/deep/leaf.py pkg.ns.deep.leaf",
		`scripts/run-it.py ""`,
		"setup.py setup",
		"typed/__init__.pyi typed stub init",
	})
	same(t, "modules", modules(p), []string{
		"café namespace",
		"café.über module café/über.py",
		"nspkg namespace",
		"nspkg.only module nspkg/only.pyi",
		"pkg package pkg/__init__.py",
		"pkg.2fast module pkg/2fast.py",
		"pkg.__main__ module pkg/__main__.py",
		"pkg.class namespace",
		"pkg.class.x module pkg/class/x.py",
		"pkg.mod module pkg/mod.py pkg/mod.pyi",
		"pkg.ns namespace",
		"pkg.ns.deep namespace",
		"pkg.ns.deep.leaf module pkg/ns/deep/leaf.py",
		"scripts namespace",
		"setup module setup.py",
		"typed package typed/__init__.pyi",
	})
	same(t, "problems", problems(p), nil)
	if !reflect.DeepEqual(p.SourceRoots, []string{root}) {
		t.Errorf("SourceRoots = %v", p.SourceRoots)
	}
	if f := p.File(filepath.Join(root, "pkg", "mod.pyi")); f == nil || f.Module != "pkg.mod" || !f.Stub || f.Root != root {
		t.Errorf("File(abs) = %+v", f)
	}
	if f := p.File("pkg/mod.py"); f == nil || f.Path != filepath.Join(root, "pkg", "mod.py") {
		t.Errorf("File(rel) = %+v", f)
	}
	if f := p.File("pkg/nothing.py"); f != nil {
		t.Errorf("File(missing) = %+v", f)
	}
}

func TestSrcLayout(t *testing.T) {
	root := tree(t,
		"pyproject.toml: [project]",
		"src/app/__init__.py",
		"src/app/core.py",
		"tests/test_core.py",
		"conftest.py",
	)
	p := discover(t, root, nil)
	// src is a source root of its own, so src/app is "app", not "src.app"; and "src" is no
	// namespace package of the outer root.
	same(t, "files", files(p), []string{
		"conftest.py conftest",
		"src/app/__init__.py app init",
		"src/app/core.py app.core",
		"tests/test_core.py tests.test_core",
	})
	same(t, "modules", modules(p), []string{
		"app package src/app/__init__.py",
		"app.core module src/app/core.py",
		"conftest module conftest.py",
		"tests namespace",
		"tests.test_core module tests/test_core.py",
	})
	want := []string{filepath.Join(root, "src"), root}
	if !reflect.DeepEqual(p.SourceRoots, want) {
		t.Errorf("SourceRoots = %v, want %v (most specific first)", p.SourceRoots, want)
	}
	if f := p.File("src/app/core.py"); f.Root != filepath.Join(root, "src") {
		t.Errorf("Root = %s", f.Root)
	}
}

func TestMonorepoSourceRootGlobs(t *testing.T) {
	root := tree(t,
		"packages/billing/src/billing/__init__.py",
		"packages/billing/src/utils.py",
		"packages/billing/tests/test_x.py", // not under a source root: not part of the project
		"packages/shipping/src/shipping/__init__.py",
		"packages/shipping/src/utils.py",
		"packages/shipping/src/shipping/api.py",
		"packages/legacy/src/legacy.py", // excluded below
		"packages/docs/",                // no src: the glob does not match it
		"stubs/shipping/api.pyi",        // a stub in another root is no duplicate
		"notadir/src: a file",
	)
	p := discover(t, root, func(c *config.Config) {
		c.SourceRoots = []string{"packages/*/src", "stubs", "libs/*/src", "missing", "notadir/src"}
		c.ExtendExclude = []string{"packages/legacy"}
	})
	same(t, "files", files(p), []string{
		"packages/billing/src/billing/__init__.py billing init",
		"packages/billing/src/utils.py utils",
		"packages/shipping/src/shipping/__init__.py shipping init",
		"packages/shipping/src/shipping/api.py shipping.api",
		"packages/shipping/src/utils.py utils",
		"stubs/shipping/api.pyi shipping.api stub",
	})
	same(t, "modules", modules(p), []string{
		"billing package packages/billing/src/billing/__init__.py",
		"shipping package packages/shipping/src/shipping/__init__.py",
		"shipping.api module packages/shipping/src/shipping/api.py stubs/shipping/api.pyi",
		"utils module packages/billing/src/utils.py packages/shipping/src/utils.py",
	})
	same(t, "problems", problems(p), []string{
		"source-root libs/*/src: source root pattern matches no directory",
		"source-root missing: source root: no such file or directory",
		"source-root notadir/src: source root is not a directory",
		`duplicate-module packages/shipping/src/utils.py: module "utils" is also defined by packages/billing/src/utils.py`,
	})
	if p.SkippedDirs != 1 {
		t.Errorf("SkippedDirs = %d, want 1 (packages/legacy/src)", p.SkippedDirs)
	}
	if len(p.SourceRoots) != 3 {
		t.Errorf("SourceRoots = %v", p.SourceRoots)
	}
}

func TestDuplicates(t *testing.T) {
	root := tree(t,
		"pkg/__init__.py",
		"pkg/mod.py",
		"pkg/mod/__init__.py", // the package and the module claim pkg.mod
		"pkg/stubbed.py",
		"pkg/stubbed.pyi", // not a duplicate
		"shadow.py",
		"shadow/inner.py", // shadow.py wins over the namespace portion: no namespace module
	)
	p := discover(t, root, nil)
	same(t, "problems", problems(p), []string{
		`duplicate-module pkg/mod/__init__.py: module "pkg.mod" is also defined by pkg/mod.py`,
	})
	m := p.Modules["pkg.mod"]
	if m == nil || len(m.Files) != 2 || !m.Package || m.Namespace {
		t.Errorf("pkg.mod = %+v", m)
	}
	if m := p.Modules["shadow"]; m == nil || m.Namespace || len(m.Files) != 1 {
		t.Errorf("shadow = %+v", m)
	}
}

func TestGitignore(t *testing.T) {
	root := tree(t,
		".git/HEAD",
		".git/hooks/pre-commit.py", // .git is never walked
		".git/info/exclude: secret.py",
		`.gitignore: # build output\n*.gen.py\n!keep.gen.py\nbuild_out/\n/top_only.py\nvendor/\n!vendor/ok.py\ndata/**\n!data/keep/\n`,
		"top_only.py",
		"secret.py",
		"pkg/__init__.py",
		`pkg/.gitignore: !special.gen.py\nlocal.py\n`,
		"pkg/a.gen.py",
		"pkg/keep.gen.py",
		"pkg/special.gen.py",
		"pkg/local.py",
		"pkg/top_only.py", // /top_only.py is anchored to the root
		"pkg/sub/local.py",
		"build_out/x.py",
		"vendor/ok.py", // cannot be re-included: its directory is ignored
		"data/x.py",
		"data/keep/y.py", // the directory is re-included, but data/** still ignores the file
		"other.gen.py",
	)
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{
		"pkg/__init__.py pkg init",
		"pkg/keep.gen.py \"\"",
		"pkg/special.gen.py \"\"",
		"pkg/top_only.py pkg.top_only",
	})
	// Skipped: top_only.py, secret.py, other.gen.py, pkg/a.gen.py, pkg/local.py,
	// pkg/sub/local.py, data/x.py, data/keep/y.py. Skipped directories: build_out, vendor.
	if p.Skipped != 8 || p.SkippedDirs != 2 {
		t.Errorf("Skipped = %d, SkippedDirs = %d, want 8 and 2", p.Skipped, p.SkippedDirs)
	}
	same(t, "problems", problems(p), nil)

	p = discover(t, root, func(c *config.Config) { c.RespectGitignore = false })
	if len(p.Files) != 14 || p.Skipped != 0 || p.SkippedDirs != 0 {
		t.Errorf("respect-gitignore = false: %d files (want 14), skipped %d/%d\n%s", len(p.Files), p.Skipped, p.SkippedDirs, strings.Join(files(p), "\n"))
	}
}

func TestGitignoreAboveTheRoot(t *testing.T) {
	// The project is a subdirectory of a git work tree: the .gitignore files on the way down
	// apply, but the root itself is never tested (the outer .gitignore ignores "proj").
	top := tree(t,
		".git/info/exclude: *.local.py",
		`.gitignore: proj\n*.tmp.py\n`,
		`mid/.gitignore: /proj/anchored.py\n`,
		"mid/proj/a.py",
		"mid/proj/b.tmp.py",
		"mid/proj/c.local.py",
		"mid/proj/anchored.py",
		"mid/proj/sub/anchored.py",
	)
	p := discover(t, filepath.Join(top, "mid", "proj"), nil)
	same(t, "files", files(p), []string{"a.py a", "sub/anchored.py sub.anchored"})
	if p.Skipped != 3 {
		t.Errorf("Skipped = %d, want 3", p.Skipped)
	}
}

func TestGitWorktreeFile(t *testing.T) {
	// In a worktree, .git is a file naming the git dir, whose commondir holds info/exclude.
	top := tree(t,
		"repo/.git/info/exclude: excluded.py",
		"repo/.git/worktrees/wt/commondir: ../..",
		"wt/.git: gitdir: ../repo/.git/worktrees/wt",
		"wt/excluded.py",
		"wt/kept.py",
	)
	p := discover(t, filepath.Join(top, "wt"), nil)
	same(t, "files", files(p), []string{"kept.py kept"})
}

func TestNoGitStillHonoursGitignore(t *testing.T) {
	root := tree(t, `.gitignore: gen/\n`, "gen/x.py", "a.py")
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{"a.py a"})
}

func TestExcludes(t *testing.T) {
	root := tree(t,
		"app/__init__.py",
		"app/migrations/0001_initial.py",
		"app/gen/models.py",
		"app/gen/sub/models.py",
		"app/test_app.py",
		"docs/conf.py",
		".venv/lib/site.py",
		"node_modules/x/y.py",
		"build/lib/app.py",
		"app/__pycache__/x.py",
	)
	p := discover(t, root, func(c *config.Config) {
		c.ExtendExclude = []string{"migrations", "app/gen/*.py", "**/test_*.py", "docs/"}
	})
	same(t, "files", files(p), []string{
		"app/__init__.py app init",
		"app/gen/sub/models.py app.gen.sub.models",
	})
	// Files: app/gen/models.py, app/test_app.py. Directories: migrations, docs, .venv,
	// node_modules, build, __pycache__.
	if p.Skipped != 2 || p.SkippedDirs != 6 {
		t.Errorf("Skipped = %d, SkippedDirs = %d", p.Skipped, p.SkippedDirs)
	}

	// exclude replaces the defaults.
	p = discover(t, root, func(c *config.Config) { c.Exclude = []string{"build"} })
	if len(p.Files) != 9 {
		t.Errorf("exclude = [build]: %d files\n%s", len(p.Files), strings.Join(files(p), "\n"))
	}

	// A source root below an excluded directory is a problem when named literally.
	p = discover(t, root, func(c *config.Config) { c.SourceRoots = []string{"build/lib"} })
	same(t, "problems", problems(p), []string{"source-root build/lib: source root is left out by exclude"})
	if len(p.Files) != 0 {
		t.Errorf("files: %v", files(p))
	}
}

func TestSymlinks(t *testing.T) {
	outside := tree(t, "shared/helpers.py")
	root := tree(t,
		"pkg/__init__.py",
		"pkg/mod.py",
		"alias.py -> pkg/mod.py", // a link to a file is a file
		"pkg/loop -> ..",         // a loop back to the root
		"pkg/self -> self",       // a link to itself
		"dangling.py -> nowhere.py",
		"a/x.py",
		"a/to_b -> ../b",
		"b/y.py",
		"b/to_a -> ../a",
		"ext -> "+filepath.Join(outside, "shared"), // a directory outside: walked
		"up -> /",
	)
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{
		"a/to_b/y.py a.to_b.y",
		"a/x.py a.x",
		"alias.py alias",
		"b/to_a/x.py b.to_a.x",
		"b/y.py b.y",
		"ext/helpers.py ext.helpers",
		"pkg/__init__.py pkg init",
		"pkg/mod.py pkg.mod",
	})
	got := problems(p)
	want := []string{
		"symlink-loop a/to_b/to_a: symbolic link loop: it points to " + filepath.Join(root, "a") + ", which contains it",
		"symlink-loop b/to_a/to_b: symbolic link loop: it points to " + filepath.Join(root, "b") + ", which contains it",
		"broken-symlink dangling.py: broken symbolic link: no such file or directory",
		"symlink-loop pkg/loop: symbolic link loop: it points to " + root + ", which contains it",
		"symlink-loop pkg/self: symbolic link loop: too many levels of symbolic links",
		"symlink-loop up: symbolic link loop: it points to /, which contains it",
	}
	// The temp dir may itself be reached through a link (as on macOS): compare real paths.
	realRoot, _ := filepath.EvalSymlinks(root)
	for i := range want {
		want[i] = strings.ReplaceAll(want[i], root, realRoot)
	}
	same(t, "problems", got, want)
	if f := p.File("alias.py"); f == nil || f.Path != filepath.Join(root, "alias.py") {
		t.Errorf("alias.py: %+v", f)
	}
}

func TestUnreadable(t *testing.T) {
	root := tree(t, "ok.py", "locked/x.py", "pkg/.gitignore: *.tmp.py", "pkg/a.py")

	if os.Geteuid() != 0 {
		// A real permission error, where chmod can make one.
		locked := filepath.Join(root, "locked")
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
		if err := os.Chmod(filepath.Join(root, "pkg", ".gitignore"), 0); err != nil {
			t.Fatal(err)
		}
		p := discover(t, root, nil)
		same(t, "files", files(p), []string{"ok.py ok", "pkg/a.py pkg.a"})
		same(t, "problems", problems(p), []string{
			"unreadable locked: cannot read directory: permission denied",
			"unreadable pkg/.gitignore: cannot read ignore file: permission denied",
		})
		return
	}

	// As root, chmod does not stop reads: simulate the error instead.
	orig := listDir
	t.Cleanup(func() { listDir = orig })
	listDir = func(dir string) ([]Entry, error) {
		if filepath.Base(dir) == "locked" {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: syscall.EACCES}
		}
		return orig(dir)
	}
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{"ok.py ok", "pkg/a.py pkg.a"})
	same(t, "problems", problems(p), []string{"unreadable locked: cannot read directory: permission denied"})
}

func TestRootErrors(t *testing.T) {
	if _, err := Discover(config.Default(filepath.Join(t.TempDir(), "missing"))); err == nil {
		t.Error("a missing root must be an error")
	}
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Discover(config.Default(f)); err == nil {
		t.Error("a root that is a file must be an error")
	}
	if _, err := Discover(nil); err == nil {
		t.Error("no config must be an error")
	}
}

func TestEndToEndWithConfig(t *testing.T) {
	root := tree(t,
		`pyproject.toml: [tool.buttress]\nsource-roots = ["lib"]\nextend-exclude = ["lib/pkg/skip.py"]\n`,
		"lib/pkg/__init__.py",
		"lib/pkg/skip.py",
		"lib/pkg/keep.py",
		"other/x.py",
	)
	c, err := config.Discover(filepath.Join(root, "lib", "pkg"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Discover(c)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "files", files(p), []string{"lib/pkg/__init__.py pkg init", "lib/pkg/keep.py pkg.keep"})
	if p.Root != root || p.Skipped != 1 {
		t.Errorf("Root %s, Skipped %d", p.Root, p.Skipped)
	}
}

// TestModuleNamesAsImportlib checks names against what importlib.import_module finds with the
// source root on sys.path (see internal/workspace's TestOddNamesAgreeWithImportlib for the
// same check against CPython itself): inside a regular package or directly in the source
// root any element without a dot goes; in namespace packages outside any regular package,
// only identifiers.
func TestModuleNamesAsImportlib(t *testing.T) {
	root := tree(t,
		"__init__.py",          // directly in a source root: no module
		"0001.py",              // directly in the source root: import_module("0001") works
		"my-script.py",         // the same
		"class.py",             // and a keyword
		"scripts/run-tests.py", // scripts is a namespace package; run-tests a script
		"scripts/run_tests.py", // an identifier: a module of the namespace package
		"my-scripts/tool.py",   // no package on the way: a script
		"my-app/__init__.py",   // a regular package: its name need not be an identifier
		"my-app/x.py",
		"app/__init__.py",
		"app/migrations/__init__.py",
		"app/migrations/0001_initial.py",
		"app/migrations/0001_initial.pyi", // joins the .py of its name
		"app/class.py",                    // import_module("app.class") works
		"app/my file.py",
		"app/foo.bar.py",    // a dot splits the name: no module
		"app/foo.bar/x.py",  // nor below a directory with a dot
		"app/my-dir/x.py",   // a namespace portion inside a package
		"app/sub/0002.py",   // in a namespace portion inside a package
		"app/9only.pyi",     // a stub with no .py: named by identifiers only
		"app/x-stubs/m.pyi", // a stray stub: no module, no namespace package
		"app/ok/m.pyi",      // a stub-only module in a namespace package
		"app/a\x01b.py",     // a control character: no module
		"app/\xff.py",       // not UTF-8: no module
		"ns/pkg/__init__.py",
		"ns/pkg/0003.py", // ns is a namespace package, ns.pkg a regular one
		"ns/tool-dir/x.py",
	)
	p := discover(t, root, nil)
	same(t, "files", files(p), []string{
		"0001.py 0001",
		`__init__.py "" init`,
		"app/9only.pyi \"\" stub",
		"app/__init__.py app init",
		"app/a\x01b.py \"\"",
		"app/class.py app.class",
		`app/foo.bar.py ""`,
		`app/foo.bar/x.py ""`,
		"app/migrations/0001_initial.py app.migrations.0001_initial",
		"app/migrations/0001_initial.pyi app.migrations.0001_initial stub",
		"app/migrations/__init__.py app.migrations init",
		"app/my file.py app.my file",
		"app/my-dir/x.py app.my-dir.x",
		"app/ok/m.pyi app.ok.m stub",
		"app/sub/0002.py app.sub.0002",
		`app/x-stubs/m.pyi "" stub`,
		"app/\xff.py \"\"",
		"class.py class",
		"my-app/__init__.py my-app init",
		"my-app/x.py my-app.x",
		"my-script.py my-script",
		`my-scripts/tool.py ""`,
		"ns/pkg/0003.py ns.pkg.0003",
		"ns/pkg/__init__.py ns.pkg init",
		`ns/tool-dir/x.py ""`,
		`scripts/run-tests.py ""`,
		"scripts/run_tests.py scripts.run_tests",
	})
	same(t, "modules", modules(p), []string{
		"0001 module 0001.py",
		"app package app/__init__.py",
		"app.class module app/class.py",
		"app.migrations package app/migrations/__init__.py",
		"app.migrations.0001_initial module app/migrations/0001_initial.py app/migrations/0001_initial.pyi",
		"app.my file module app/my file.py",
		"app.my-dir namespace",
		"app.my-dir.x module app/my-dir/x.py",
		"app.ok namespace",
		"app.ok.m module app/ok/m.pyi",
		"app.sub namespace",
		"app.sub.0002 module app/sub/0002.py",
		"class module class.py",
		"my-app package my-app/__init__.py",
		"my-app.x module my-app/x.py",
		"my-script module my-script.py",
		"ns namespace",
		"ns.pkg package ns/pkg/__init__.py",
		"ns.pkg.0003 module ns/pkg/0003.py",
		"scripts namespace",
		"scripts.run_tests module scripts/run_tests.py",
	})
	same(t, "problems", problems(p), nil)
}

func TestExtensionModules(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"pkg/__init__.py",
		"pkg/_speedups.cpython-311-x86_64-linux-gnu.so",
		"pkg/native.abi3.so",
		"pkg/both.py",
		"pkg/both.cpython-311-x86_64-linux-gnu.so",
		"onlyext/_core.so",
		"top.pyd",
		"not-a-module.so",
		"pkg/lib.so.1",
	} {
		path := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Discover(config.Default(root))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"pkg._speedups": "pkg/_speedups.cpython-311-x86_64-linux-gnu.so",
		"pkg.native":    "pkg/native.abi3.so",
		"pkg.both":      "pkg/both.cpython-311-x86_64-linux-gnu.so",
		"onlyext._core": "onlyext/_core.so",
		"top":           "top.pyd",
	}
	for name, ext := range want {
		m := p.Modules[name]
		if m == nil || m.Extension != ext {
			t.Errorf("module %s: %+v, want extension %s", name, m, ext)
		}
	}
	if m := p.Modules["pkg.both"]; m == nil || len(m.Files) != 1 {
		t.Errorf("pkg.both should keep its .py file: %+v", m)
	}
	if m := p.Modules["onlyext"]; m == nil || !m.Namespace {
		t.Errorf("a directory with only extension modules is a namespace package: %+v", m)
	}
	for _, f := range p.Files {
		if strings.HasSuffix(f.Rel, ".so") || strings.HasSuffix(f.Rel, ".pyd") {
			t.Errorf("extension %s must not be listed among the files to read", f.Rel)
		}
	}
	if len(p.Modules) != 7 {
		var names []string
		for n := range p.Modules {
			names = append(names, n)
		}
		t.Errorf("modules: %v", names)
	}
}

// TestSourceRootsOutside: a configured source root that leads outside the project is never
// walked, whatever configured it (the configuration refuses it where it is read; another
// tool's, or one made in code, is not).
func TestSourceRootsOutside(t *testing.T) {
	outside := tree(t, "elsewhere/x.py")
	root := tree(t, "a.py", "lib/b.py", "src -> "+filepath.Join(outside, "elsewhere"))
	realOutside, _ := filepath.EvalSymlinks(filepath.Join(outside, "elsewhere"))
	p := discover(t, root, func(c *config.Config) { c.SourceRoots = []string{"lib", "..", outside, "src"} })
	same(t, "files", files(p), []string{"lib/b.py b"})
	same(t, "problems", problems(p), []string{
		"source-root ..: source root is outside the project root, " + root + ": not walked",
		"source-root " + outside + ": source root is outside the project root, " + root + ": not walked",
		"source-root src: source root leads outside the project root, " + root + ", through a symbolic link to " + realOutside + ": not walked",
	})
	// The default src is a directory of the project like any other, linked or not (see
	// TestSymlinks).
	p = discover(t, root, nil)
	same(t, "files", files(p), []string{"a.py a", "lib/b.py lib.b", "src/x.py x"})
	same(t, "problems", problems(p), nil)
}

// checkFirsts checks File.First and Project.Fileless against the modules: each module with
// files has its first file, and only it, First; Fileless is the sorted names of the others.
func checkFirsts(t *testing.T, p *Project) {
	t.Helper()
	var fileless []string
	for name, m := range p.Modules {
		if len(m.Files) == 0 {
			fileless = append(fileless, name)
		}
		for i, f := range m.Files {
			if f.First() != (i == 0) {
				t.Errorf("%s: %s First() = %t, it is file %d of the module", name, f.Rel, f.First(), i)
			}
		}
	}
	for _, f := range p.Files {
		if f.First() && (f.Module == "" || p.Modules[f.Module].Files[0] != f) {
			t.Errorf("%s (module %q) is First() but not its module's first file", f.Rel, f.Module)
		}
	}
	sort.Strings(fileless)
	if !slices.Equal(p.Fileless(), fileless) {
		t.Errorf("Fileless() = %v, want %v", p.Fileless(), fileless)
	}
}
