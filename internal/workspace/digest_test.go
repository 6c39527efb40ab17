package workspace

import (
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/project"
	"github.com/buttresspy/buttress/internal/summary"
)

// TestTableDigest: the digest of a project's module names is the same for the same names
// and changes with any of them: a module added, removed or renamed, a namespace package
// or an extension module added, a stub beside a module (no new name: the same digest).
func TestTableDigest(t *testing.T) {
	base := map[string]string{
		"pkg/__init__.py": "", "pkg/a.py": "", "pkg/sub/b.py": "", "tools/c.py": "", "top.py": "",
	}
	digest := func(extra map[string]string, drop ...string) summary.Key {
		t.Helper()
		root := t.TempDir()
		files := map[string]string{}
		for k, v := range base {
			files[k] = v
		}
		for k, v := range extra {
			files[k] = v
		}
		for _, k := range drop {
			delete(files, k)
		}
		writeFiles(t, root, files)
		proj, err := project.Discover(config.Default(root))
		if err != nil {
			t.Fatal(err)
		}
		return tableDigest(proj, 3, 12)
	}
	want := digest(nil)
	if got := digest(nil); got != want {
		t.Fatal("the same project gave two digests")
	}
	if got := digest(map[string]string{"pkg/a.pyi": ""}); got != want {
		t.Error("a stub beside its module changed the digest: no name changed")
	}
	for what, d := range map[string]summary.Key{
		"a module added":            digest(map[string]string{"pkg/d.py": ""}),
		"a module removed":          digest(nil, "top.py"),
		"a module renamed":          digest(map[string]string{"top2.py": ""}, "top.py"),
		"a namespace package added": digest(map[string]string{"ns/deep/e.py": ""}),
		"an extension module added": digest(map[string]string{"pkg/_speed.cpython-312-x86_64-linux-gnu.so": ""}),
	} {
		if d == want {
			t.Errorf("%s: the digest did not change", what)
		}
	}
	// Another Python version resolves against another standard library.
	root := t.TempDir()
	writeFiles(t, root, base)
	proj, err := project.Discover(config.Default(root))
	if err != nil {
		t.Fatal(err)
	}
	if tableDigest(proj, 3, 11) == tableDigest(proj, 3, 12) {
		t.Error("the target version is not in the digest")
	}
}
