package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/gitrepo"
)

// changesSince reads from git what changed since the merge-base of ref and HEAD: the
// commits of the current branch, staged and unstaged changes, and untracked files that are
// not ignored, with paths relative to root (the project root). flag names the option in
// messages; without names what to do instead when there is no git repository.
func changesSince(flag, ref, root, without string) (*gitrepo.Changes, error) {
	repo, err := gitrepo.Open(root)
	if err != nil {
		if gitrepo.IsKind(err, gitrepo.NotRepo) || gitrepo.IsKind(err, gitrepo.NoGit) {
			return nil, fmt.Errorf("%s %s: %v; %s reads the changes from git: %s", flag, ref, err, flag, without)
		}
		return nil, fmt.Errorf("%s %s: %v", flag, ref, err)
	}
	base, err := repo.MergeBase(ref)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", flag, ref, err)
	}
	c, err := repo.Changes(base, root)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", flag, ref, err)
	}
	return c, nil
}

// sinceGate is check's --since: it keeps the findings on lines added or changed since the
// merge-base of a ref and HEAD.
type sinceGate struct {
	ref     string
	changes *gitrepo.Changes
}

// newSinceGate reads the changes for check --since ref; a nil gate (ref "") keeps everything.
func newSinceGate(ref, root string) (*sinceGate, error) {
	if ref == "" {
		return nil, nil
	}
	c, err := changesSince("--since", ref, root, "run check without it to see every finding")
	if err != nil {
		return nil, err
	}
	return &sinceGate{ref: ref, changes: c}, nil
}

// keep returns the findings that are new since the gate's base, and says on w how many it
// left out. A finding is new when its line was added or changed; a finding about a whole
// file (line 0), when the file changed at all; a contract finding (ARCH), also when one of
// the imports of its chain (its notes in Python files) is on such a line, since a new import
// can complete a chain whose first import is old. A finding with no file is not new.
func (g *sinceGate) keep(w io.Writer, fs []finding.Finding) []finding.Finding {
	if g == nil {
		return fs
	}
	var out []finding.Finding
	for _, f := range fs {
		if g.isNew(&f) {
			out = append(out, f)
		}
	}
	if hidden := len(fs) - len(out); hidden > 0 {
		fmt.Fprintf(w, "buttress: --since %s: %s on lines not changed since %.12s (the merge-base of %s and HEAD) not shown\n",
			g.ref, plural(hidden, "finding"), g.changes.Base, g.ref)
	}
	return out
}

func (g *sinceGate) isNew(f *finding.Finding) bool {
	c := g.changes
	switch {
	case f.Path == "":
		return false
	case f.Line <= 0:
		return c.File(f.Path) != nil
	case c.Line(f.Path, f.Line):
		return true
	}
	if strings.HasPrefix(f.Code, "ARCH") {
		for _, n := range f.Notes {
			if isPython(n.Path) && n.Line > 0 && c.Line(n.Path, n.Line) {
				return true
			}
		}
	}
	return false
}
