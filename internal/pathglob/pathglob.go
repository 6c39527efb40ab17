// Package pathglob matches project paths against the globs of a configuration
// (per-file-ignores, the scopes' files, the tests of `buttress affected`), one way everywhere:
// a glob without a slash matches the file name at any depth (`test_*.py`, `conftest.py`),
// one with a slash matches the whole path relative to the project root (`tests/**`,
// `**/migrations/**`), with doublestar's `**`.
package pathglob

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Match reports whether one of the globs matches path (relative to the project root,
// slash-separated).
func Match(globs []string, path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	for _, glob := range globs {
		target := path
		if !strings.Contains(glob, "/") {
			target = base
		}
		if ok, _ := doublestar.Match(glob, target); ok {
			return true
		}
	}
	return false
}
