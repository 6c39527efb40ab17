package tach

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/git-pkgs/gitignore"

	"github.com/buttresspy/buttress/internal/config"
)

// excludeGlob turns one of tach's exclude patterns into a glob of Contract.ExcludePaths.
//
// tach matches exclude patterns as .gitignore patterns relative to the project root (they
// are overrides of its file walker): a pattern without a slash matches a file or directory
// name at any depth, one with a slash (other than a trailing one) a path from the root, and a
// trailing slash means a directory. Contract.ExcludePaths globs follow buttress's rule for
// excludes instead: one without a slash matches a file's name, one with a slash the file's
// path or a directory above it. So "venv" becomes "**/venv" (any depth, directories too),
// "/build" becomes "build/**" (anchored, no slash left), and the rest is kept.
func excludeGlob(pat string) (string, error) {
	g := pat
	switch {
	case strings.TrimSpace(g) == "":
		return "", errors.New("an exclude pattern cannot be empty")
	case strings.HasPrefix(g, "!"):
		return "", fmt.Errorf("tach's negated exclude pattern %q is not supported by buttress: buttress can only leave files out, not bring "+
			"back what another pattern left out; narrow the other patterns instead", pat)
	}
	dirOnly := strings.HasSuffix(g, "/")
	g = strings.TrimSuffix(g, "/")
	anchored := strings.HasPrefix(g, "/")
	g = strings.TrimPrefix(g, "/")
	if g == "" {
		return "", fmt.Errorf("%q matches the whole project: leave it out", pat)
	}
	switch {
	case !strings.Contains(g, "/") && !anchored:
		g = "**/" + g
	case !strings.Contains(g, "/"):
		g += "/**"
		dirOnly = false
	}
	if dirOnly {
		g += "/"
	}
	if !doublestar.ValidatePattern(g) {
		return "", fmt.Errorf("%q is not a valid glob", pat)
	}
	return g, nil
}

// excluded reports whether the path (slash-separated, relative to the project root) is left
// out by the globs, the way the contract engine matches Contract.ExcludePaths.
func excluded(globs []string, rel string) bool {
	for _, g := range globs {
		target := rel
		if !strings.Contains(g, "/") {
			target = path.Base(rel)
		}
		if ok, _ := doublestar.Match(g, target); ok {
			return true
		}
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/")+"/**", rel); ok {
			return true
		}
	}
	return false
}

// domainFile is the name of tach's per-directory configuration.
const domainFile = "tach.domain.toml"

// loadDomains reads every tach.domain.toml below root, as tach does when it reads its
// configuration: its walk leaves out hidden files and directories, the exclude patterns, and
// what .gitignore files ignore.
func (p *project) loadDomains(root string) {
	for _, rel := range p.findDomainFiles(root) {
		p.addDomain(root, rel)
	}
}

// findDomainFiles walks root for tach.domain.toml files, returning their paths relative to
// root, slash-separated, in walk order. A directory that cannot be read is passed over, as
// tach's walk does.
func (p *project) findDomainFiles(root string) []string {
	var ign gitignore.Matcher
	// Ignore files that cannot be read are passed over, as tach's walk does (the project's walk
	// reports them); config.ReadFile never opens one that is not a regular file.
	if data, err := config.ReadFile(filepath.Join(root, ".git", "info", "exclude")); err == nil {
		ign.AddPatterns(data, "")
	}
	var found []string
	var walk func(rel string)
	walk = func(rel string) {
		dir := filepath.Join(root, filepath.FromSlash(rel))
		if data, err := config.ReadFile(filepath.Join(dir, ".gitignore")); err == nil {
			ign.AddPatterns(data, rel)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			r := name
			if rel != "" {
				r = rel + "/" + name
			}
			isDir := e.IsDir() // symbolic links are not followed
			if excluded(p.excludeGlobs, r) || excludedByRegexp(p.excludeRegexps, r) || !p.readIgnored && ign.MatchPath(r, isDir) {
				continue
			}
			switch {
			case isDir:
				walk(r)
			case name == domainFile && e.Type()&fs.ModeSymlink == 0:
				// Not a directory: a named pipe or a socket is found too, for addDomain to
				// report.
				found = append(found, r)
			}
		}
	}
	walk("")
	return found
}

// addDomain reads one tach.domain.toml: its [root] is the module of its directory, and the
// paths of its modules and interfaces are relative to that module.
func (p *project) addDomain(root, rel string) {
	data, err := config.ReadIfExists(root, rel, "tach's configuration")
	if err != nil {
		p.addErr(err)
		return
	}
	tbl, err := config.ParseTable(data, rel, "")
	if err != nil {
		p.addErr(err)
		return
	}
	s := &source{tbl: tbl, file: rel}
	mod, msg := p.domainModule(path.Dir(rel))
	if msg != "" {
		p.errs = append(p.errs, &config.Error{File: rel, Msg: msg})
		return
	}
	s.domain = mod
	var r rawDomain
	if err := tbl.Decode("", &r); err != nil {
		p.addErr(err)
		return
	}
	if rr := r.Root; rr != nil {
		m := p.moduleFields(s, "root", &rawModule{
			DependsOn: rr.DependsOn, CannotDependOn: rr.CannotDependOn, DependsOnExternal: rr.DependsOnExternal,
			CannotDependOnExternal: rr.CannotDependOnExternal, Layer: rr.Layer, Visibility: rr.Visibility,
			Utility: rr.Utility, Unchecked: rr.Unchecked,
		})
		m.pathKey, m.path = "root", mod
		p.modules = append(p.modules, m)
	}
	p.addModules(s, r.Modules)
	p.addInterfaces(s, r.Interfaces)
}

// domainModule returns the module path of a domain directory (slash-separated, relative to
// the project root): its path below the first source root that holds it, dotted. When it
// cannot have one, msg says why.
func (p *project) domainModule(dir string) (mod, msg string) {
	segs := strings.Split(dir, "/")
	if dir == "." {
		segs = nil
	}
	for _, sr := range p.sourceRoots {
		var rest []string
		switch {
		case sr == ".":
			rest = segs
		case hasGlobSyntax(sr):
			for k := 1; k <= len(segs); k++ {
				if ok, _ := doublestar.Match(sr, strings.Join(segs[:k], "/")); ok {
					rest = segs[k:]
					break
				}
			}
			if rest == nil {
				continue
			}
		case dir == sr:
			rest = []string{}
		case strings.HasPrefix(dir, sr+"/"):
			rest = strings.Split(strings.TrimPrefix(dir, sr+"/"), "/")
		default:
			continue
		}
		if len(rest) == 0 {
			return "", fmt.Sprintf("a tach.domain.toml cannot be at a source root (%q): its directory must be a package, as tach requires; move it into one", sr)
		}
		mod = strings.Join(rest, ".")
		for _, seg := range rest {
			if !isIdentifier(seg) {
				return "", fmt.Sprintf("the directory of this tach.domain.toml is not a module below source root %q (%q is not a module name)", sr, seg)
			}
		}
		return mod, ""
	}
	return "", fmt.Sprintf("this tach.domain.toml is below no source root of %s (%s), so tach cannot name its module: move it, or add a source root",
		p.main.file, quoteList(p.sourceRoots))
}
