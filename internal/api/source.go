package api

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/buttresspy/buttress/internal/gitrepo"
)

// Tree is one version of a project's files: the working tree, or a commit.
type Tree interface {
	// Files lists the files, relative to the project root, slash-separated.
	Files() ([]string, error)
	// Read returns the contents of the files.
	Read(paths []string) (map[string][]byte, error)
}

// DirTree is the project's files on disk.
type DirTree struct{ Root string }

// skipDirs are directories never part of a distribution.
var skipDirs = map[string]bool{
	"__pycache__": true, "node_modules": true, "site-packages": true, "build": true, "dist": true,
	"venv": true, "__pypackages__": true, "buck-out": true, "_build": true,
}

// Files lists the Python files and pyproject.toml under the root.
func (d DirTree) Files() ([]string, error) {
	var out []string
	err := filepath.WalkDir(d.Root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == d.Root {
				return err
			}
			return nil
		}
		name := e.Name()
		if e.IsDir() {
			if p != d.Root && (strings.HasPrefix(name, ".") || skipDirs[name]) {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() || !wanted(name) {
			return nil
		}
		rel, err := filepath.Rel(d.Root, p)
		if err == nil {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out, err
}

func wanted(name string) bool {
	return strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi") || name == "pyproject.toml"
}

// Read reads the files.
func (d DirTree) Read(paths []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join(d.Root, filepath.FromSlash(p)))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		out[p] = b
	}
	return out, nil
}

// GitTree is the project's files in a commit, read from git's objects.
type GitTree struct {
	Repo   *gitrepo.Repo
	Commit string
	// Prefix is the project root relative to the top of the repository ("" at the top).
	Prefix string
	oids   map[string]string
}

// Files lists the Python files and pyproject.toml of the commit under the project root.
func (g *GitTree) Files() ([]string, error) {
	list, err := g.Repo.ListTree(g.Commit, g.Prefix)
	if err != nil {
		return nil, err
	}
	g.oids = map[string]string{}
	var out []string
	pre := ""
	if g.Prefix != "" && g.Prefix != "." {
		pre = strings.TrimSuffix(g.Prefix, "/") + "/"
	}
	for _, f := range list {
		rel, ok := strings.CutPrefix(f.Path, pre)
		if !ok || !wanted(path.Base(rel)) {
			continue
		}
		skip := false
		for _, part := range strings.Split(path.Dir(rel), "/") {
			if part != "." && (strings.HasPrefix(part, ".") || skipDirs[part]) {
				skip = true
			}
		}
		if skip {
			continue
		}
		g.oids[rel] = f.OID
		out = append(out, rel)
	}
	return out, nil
}

// Read reads the files from the object database.
func (g *GitTree) Read(paths []string) (map[string][]byte, error) {
	var oids []string
	for _, p := range paths {
		if o, ok := g.oids[p]; ok {
			oids = append(oids, o)
		}
	}
	blobs, err := g.Repo.ReadBlobs(oids)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		if b, ok := blobs[g.oids[p]]; ok {
			out[p] = b
		}
	}
	return out, nil
}

// Options say which packages make the API.
type Options struct {
	// Packages, when set, are the import names of the packages (or modules) to read, in
	// place of those the build configuration names.
	Packages []string
	// Exclude are modules left out of the API (with their submodules): dotted names or
	// patterns ("pkg.internal", "pkg.*.testing").
	Exclude []string
}

// A pkgRoot is a top-level package or module: its import name and the directory its module
// names are computed from.
type pkgRoot struct {
	name, root string
}

// Load reads the API of the tree.
func Load(t Tree, o Options) (*API, error) {
	all, err := t.Files()
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, f := range all {
		have[f] = true
	}
	var pyproject map[string]any
	if have["pyproject.toml"] {
		data, err := t.Read([]string{"pyproject.toml"})
		if err != nil {
			return nil, err
		}
		if err := toml.Unmarshal(data["pyproject.toml"], &pyproject); err != nil {
			return nil, fmt.Errorf("pyproject.toml: %v", err)
		}
	}
	pkgs := o.Packages
	if own := strs(table(pyproject, "tool", "buttress", "api")["packages"]); len(own) > 0 {
		pkgs = own // the version's own list: modules come and go between versions
	}
	roots := packageRoots(have, pyproject, pkgs)
	if len(roots) == 0 {
		return nil, fmt.Errorf("no Python package found to read an API from: name them in [tool.buttress.api] packages = [\"mypkg\"]")
	}
	var files []File
	var names []string
	for _, r := range roots {
		names = append(names, r.name)
		base := path.Join(r.root, strings.ReplaceAll(r.name, ".", "/"))
		for _, f := range all {
			if f != base+".py" && f != base+".pyi" && !strings.HasPrefix(f, base+"/") {
				continue
			}
			if !strings.HasSuffix(f, ".py") && !strings.HasSuffix(f, ".pyi") {
				continue
			}
			rel := f
			if r.root != "" && r.root != "." {
				rel = strings.TrimPrefix(f, r.root+"/")
			}
			file := fileOf(rel, nil)
			file.Rel = f
			if !validModule(file.Module) {
				continue
			}
			files = append(files, file)
		}
	}
	paths := make([]string, len(files))
	for i := range files {
		paths[i] = files[i].Rel
	}
	data, err := t.Read(paths)
	if err != nil {
		return nil, err
	}
	for i := range files {
		files[i].Src = data[files[i].Rel]
	}
	return Build(files, names, o.Exclude...), nil
}

func fileOf(rel string, src []byte) File {
	mod := strings.TrimSuffix(strings.TrimSuffix(rel, ".pyi"), ".py")
	pkg := mod == "__init__" || strings.HasSuffix(mod, "/__init__")
	mod = strings.TrimSuffix(mod, "/__init__")
	return File{Rel: rel, Module: strings.ReplaceAll(mod, "/", "."), Package: pkg, Stub: strings.HasSuffix(rel, ".pyi"), Src: src}
}

// validModule reports whether every part of a dotted name is an identifier (a file
// named my-script.py or a directory named 1.x cannot be imported).
func validModule(name string) bool {
	for _, p := range strings.Split(name, ".") {
		if p == "" {
			return false
		}
		for i, r := range p {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && i > 0 || r > 127) {
				return false
			}
		}
	}
	return true
}

// notDistributed are top-level directories that hold no part of a distribution.
var notDistributed = map[string]bool{
	"test": true, "tests": true, "testing": true, "docs": true, "doc": true, "examples": true,
	"example": true, "scripts": true, "script": true, "benchmarks": true, "benchmark": true,
	"bench": true, "tools": true, "tasks": true, "setup": true, "conftest": true, "noxfile": true,
	"manage": true, "fabfile": true, "dodo": true,
}

func table(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		if m == nil {
			return nil
		}
		m, _ = m[k].(map[string]any)
	}
	return m
}

func strs(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case string:
		out = append(out, v)
	}
	return out
}

// packageRoots finds the top-level packages of the distribution: the override, else the
// build configuration's, else the top-level packages that are not tests, docs or scripts.
func packageRoots(have map[string]bool, py map[string]any, override []string) []pkgRoot {
	isPkg := func(root, name string) bool {
		base := path.Join(root, strings.ReplaceAll(name, ".", "/"))
		return have[base+"/__init__.py"] || have[base+"/__init__.pyi"] || have[base+".py"] || have[base+".pyi"]
	}
	find := func(name string, roots ...string) []pkgRoot {
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".py"), ".pyi")
		if strings.Contains(name, "/") { // a path: src/pkg
			dir, base := path.Split(strings.TrimSuffix(name, "/"))
			dir = strings.TrimSuffix(dir, "/")
			if isPkg(dir, base) {
				return []pkgRoot{{name: base, root: dir}}
			}
			return nil
		}
		for _, r := range append(roots, "src", "") {
			if isPkg(r, name) {
				return []pkgRoot{{name: name, root: r}}
			}
		}
		return nil
	}
	var out []pkgRoot
	if len(override) > 0 {
		seen := map[string]bool{}
		for _, p := range override {
			var found []pkgRoot
			if strings.ContainsAny(p, "*?[") {
				found = topLevel(have, "src", []string{p}, nil)
				if len(found) == 0 {
					found = topLevel(have, "", []string{p}, nil)
				}
			} else {
				found = find(p)
			}
			for _, r := range found {
				if !seen[r.name] {
					seen[r.name] = true
					out = append(out, r)
				}
			}
		}
		return out
	}
	tool := table(py, "tool")
	// setuptools
	if st := table(tool, "setuptools"); st != nil {
		root := ""
		if pd := table(st, "package-dir"); pd != nil {
			if r, ok := pd[""].(string); ok {
				root = r
			}
		}
		switch p := st["packages"].(type) {
		case []any:
			for _, n := range strs(p) {
				if !strings.Contains(n, ".") {
					out = append(out, find(n, root)...)
				}
			}
		case map[string]any:
			if f := table(p, "find"); f != nil {
				where := strs(f["where"])
				if len(where) == 0 {
					where = []string{root}
				}
				for _, w := range where {
					if w == "." {
						w = ""
					}
					out = append(out, topLevel(have, w, strs(f["include"]), strs(f["exclude"]))...)
				}
			}
		}
		for _, m := range strs(st["py-modules"]) {
			out = append(out, find(m, root)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	// hatch
	for _, t := range []map[string]any{table(tool, "hatch", "build", "targets", "wheel"), table(tool, "hatch", "build")} {
		for _, p := range strs(t["packages"]) {
			out = append(out, find(p)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	// flit
	if n, ok := table(tool, "flit", "module")["name"].(string); ok {
		if out = find(n); len(out) > 0 {
			return out
		}
	}
	// poetry
	if ps, ok := table(tool, "poetry")["packages"].([]any); ok {
		for _, p := range ps {
			if m, ok := p.(map[string]any); ok {
				inc, _ := m["include"].(string)
				from, _ := m["from"].(string)
				if inc != "" && !strings.ContainsAny(inc, "*?[") {
					out = append(out, find(path.Join(from, inc))...)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	// PDM
	if b := table(tool, "pdm", "build"); b != nil {
		pd, _ := b["package-dir"].(string)
		for _, inc := range strs(b["includes"]) {
			out = append(out, find(inc, pd)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	// maturin
	if m := table(tool, "maturin"); m != nil {
		src, _ := m["python-source"].(string)
		for _, p := range strs(m["python-packages"]) {
			out = append(out, find(p, src)...)
		}
		if mn, ok := m["module-name"].(string); ok {
			out = append(out, find(strings.Split(mn, ".")[0], src)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	// The project's name, as flit and hatch default to.
	if name, ok := table(py, "project")["name"].(string); ok {
		n := strings.ToLower(strings.NewReplacer("-", "_", ".", "_").Replace(name))
		if out = find(n); len(out) > 0 {
			return out
		}
	}
	if r := topLevel(have, "src", nil, nil); len(r) > 0 {
		return r
	}
	return topLevel(have, "", nil, nil)
}

// topLevel lists the packages (and, when there is no package, the modules) directly in dir
// that are not tests, docs or scripts, filtered by setuptools-style include and exclude
// patterns.
func topLevel(have map[string]bool, dir string, include, exclude []string) []pkgRoot {
	pkgs, mods := map[string]bool{}, map[string]bool{}
	pre := ""
	if dir != "" {
		pre = strings.TrimSuffix(dir, "/") + "/"
	}
	for f := range have {
		rest, ok := strings.CutPrefix(f, pre)
		if !ok {
			continue
		}
		parts := strings.Split(rest, "/")
		switch {
		case len(parts) == 2 && (parts[1] == "__init__.py" || parts[1] == "__init__.pyi"):
			pkgs[parts[0]] = true
		case len(parts) == 1 && (strings.HasSuffix(rest, ".py") || strings.HasSuffix(rest, ".pyi")):
			mods[strings.TrimSuffix(strings.TrimSuffix(rest, ".pyi"), ".py")] = true
		}
	}
	match := func(name string, pats []string) bool {
		for _, p := range pats {
			if ok, _ := path.Match(p, name); ok || p == name {
				return true
			}
		}
		return false
	}
	pick := func(set map[string]bool) []pkgRoot {
		var out []pkgRoot
		for n := range set {
			if notDistributed[n] || strings.HasPrefix(n, "test_") || strings.HasSuffix(n, "_test") || !validModule(n) {
				continue
			}
			if len(include) > 0 && !match(n, include) || match(n, exclude) {
				continue
			}
			out = append(out, pkgRoot{name: n, root: dir})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
		return out
	}
	out := pick(pkgs)
	if len(out) > 0 && include == nil {
		return out
	}
	for _, m := range pick(mods) {
		if !pkgs[m.name] {
			out = append(out, m)
		}
	}
	return out
}
