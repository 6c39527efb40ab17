package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/buttresspy/buttress/internal/gitrepo"
)

// Tree is a directory that holds one commit's files at a time, written from git's objects:
// the Python files and the configuration files buttress reads, nothing else. Going from one
// commit to the next writes only the files that changed and removes those that went, so the
// files that did not change keep their content, size and times, and the summary cache hits
// them. The work tree of the repository is never touched.
type Tree struct {
	Dir   string
	state map[string]string // path -> blob written there
}

// wanted reports whether buttress reads the file at p: Python files and configurations.
func wanted(p string) bool {
	base := path.Base(p)
	switch base {
	case "pyproject.toml", "buttress.toml", "setup.cfg", ".importlinter", "tach.toml", "tach.yml", "tach.yaml",
		"mypy.ini", ".mypy.ini", ".gitignore", ".ignore":
		return true
	}
	return strings.HasSuffix(base, ".py") || strings.HasSuffix(base, ".pyi")
}

// OpenTree opens (or starts) the tree in dir, with the record of what it holds.
func OpenTree(dir string) (*Tree, error) {
	t := &Tree{Dir: dir, state: map[string]string{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %v", dir, unwrap(err))
	}
	data, err := os.ReadFile(t.statePath())
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("%s: %v", t.statePath(), unwrap(err))
	default:
		if json.Unmarshal(data, &t.state) != nil {
			t.state = map[string]string{} // damaged: every file is written again
		}
	}
	return t, nil
}

func (t *Tree) statePath() string { return t.Dir + ".json" }

// Sync makes the directory hold the wanted files of entries (a commit's tree), reading the
// blobs that changed. It returns the number of files written and removed.
func (t *Tree) Sync(entries []gitrepo.TreeEntry, blobs *gitrepo.Blobs) (written, removed int, err error) {
	next := make(map[string]string, len(entries))
	for _, e := range entries {
		if e.Link || !wanted(e.Path) || !safe(e.Path) {
			continue
		}
		next[e.Path] = e.Blob
	}
	// The state is saved empty first: a run stopped halfway leaves files whose content is
	// unknown, which the next run then writes again.
	if err := t.save(map[string]string{}); err != nil {
		return 0, 0, err
	}
	for p := range t.state {
		if _, ok := next[p]; !ok {
			if err := os.Remove(filepath.Join(t.Dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return written, removed, err
			}
			removed++
		}
	}
	for p, blob := range next {
		if t.state[p] == blob {
			if _, err := os.Lstat(filepath.Join(t.Dir, filepath.FromSlash(p))); err == nil {
				continue
			}
		}
		data, err := blobs.Read(blob)
		if err != nil {
			return written, removed, fmt.Errorf("%s: %v", p, err)
		}
		full := filepath.Join(t.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return written, removed, err
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return written, removed, err
		}
		written++
	}
	t.state = next
	return written, removed, t.save(next)
}

// safe refuses paths that would leave the directory (git refuses them too).
func safe(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." || part == "." || part == "" || part == ".git" {
			return false
		}
	}
	return true
}

func (t *Tree) save(state map[string]string) error {
	data, err := json.Marshal(state)
	if err != nil {
		return err
	}
	tmp := t.statePath() + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, t.statePath())
}
