package gitrepo

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// FileChurn is how much a file changed over a period.
type FileChurn struct {
	Lines   int // lines added plus lines removed
	Commits int // commits that touched it
}

// Churn returns, for each file under root (an absolute directory inside the work tree), the
// lines added and removed and the commits that touched it, on the first-parent history of
// HEAD since the given time. Paths are relative to root, slash-separated. Renames are not
// followed: a renamed file starts afresh. Binary files count commits, not lines.
func (r *Repo) Churn(since time.Time, root string) (map[string]FileChurn, error) {
	rootReal := root
	if rr, err := filepath.EvalSymlinks(root); err == nil {
		rootReal = rr
	}
	prefix, err := filepath.Rel(r.Top, rootReal)
	if err != nil || strings.HasPrefix(prefix, "..") {
		prefix = "."
	}
	prefix = filepath.ToSlash(prefix)
	out, stderr, err := r.cmd("log", "--first-parent", "--no-merges", "--no-renames", "--numstat", "-z", "--format=%x01",
		"--since="+since.UTC().Format(time.RFC3339), "HEAD", "--", prefix)
	if err != nil {
		if strings.Contains(stderr, "does not have any commits") || strings.Contains(stderr, "bad default revision") || strings.Contains(stderr, "unknown revision") {
			return map[string]FileChurn{}, nil
		}
		return nil, gitFailed("log --numstat", stderr, err)
	}
	churn := map[string]FileChurn{}
	// With -z, each numstat line is "added\tremoved\tpath\x00"; commits start with \x01.
	for _, rec := range strings.Split(out, "\x00") {
		rec = strings.TrimLeft(rec, "\x01\n")
		parts := strings.SplitN(rec, "\t", 3)
		if len(parts) != 3 || parts[2] == "" {
			continue
		}
		p := parts[2]
		if prefix != "." {
			if !strings.HasPrefix(p, prefix+"/") {
				continue
			}
			p = p[len(prefix)+1:]
		}
		c := churn[p]
		c.Commits++
		added, err1 := strconv.Atoi(parts[0])
		removed, err2 := strconv.Atoi(parts[1])
		if err1 == nil && err2 == nil {
			c.Lines += added + removed
		}
		churn[p] = c
	}
	return churn, nil
}
