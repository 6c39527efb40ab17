package config

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Outside says why the source root pattern (relative to root, or absolute; a glob when it
// holds a wildcard) leads outside the project root, or returns "" when it does not. buttress
// reads the project's files only: a source root of "../../.." or "/etc" would walk the
// machine. A pattern is outside when its text is ("..", "../lib", an absolute path not below
// root), or when a directory it names is a symbolic link (or is reached through one) to a
// directory outside the project. A directory that does not exist is judged by its text alone.
//
// With root "", only the text is judged: a relative pattern must not climb out with "..",
// and an absolute one is outside.
func Outside(root, pattern string) string {
	p := filepath.FromSlash(pattern)
	if root == "" {
		if filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
			return "is an absolute path (write it relative to the project root)"
		}
		if c := filepath.ToSlash(filepath.Clean(p)); c == ".." || strings.HasPrefix(c, "../") {
			return "is outside the project root"
		}
		return ""
	}
	full := p
	if !filepath.IsAbs(p) {
		full = filepath.Join(root, p)
	}
	if !within(root, filepath.Clean(full)) {
		return fmt.Sprintf("is outside the project root, %s", root)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "" // the root's own problem is reported elsewhere
	}
	var matches []string
	if strings.ContainsAny(filepath.ToSlash(pattern), `*?[{\`) {
		matches, _ = doublestar.FilepathGlob(full)
	} else {
		matches = []string{full}
	}
	for _, m := range matches {
		real, err := filepath.EvalSymlinks(m)
		if err != nil || within(realRoot, real) {
			continue
		}
		what := "leads"
		if len(matches) > 1 || filepath.Clean(m) != filepath.Clean(full) {
			what = "matches " + displayPath(m) + ", which leads"
		}
		return fmt.Sprintf("%s outside the project root, %s, through a symbolic link to %s", what, root, real)
	}
	return ""
}

// within reports whether p is dir or below it; both are clean absolute paths.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	return rel != ".." && !strings.HasPrefix(rel, "../")
}
