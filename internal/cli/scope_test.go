package cli

import (
	"io"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/project"
	"github.com/buttresspy/buttress/internal/summary"
	"github.com/buttresspy/buttress/internal/workspace"
)

// TestAnalysedVanished checks a file named on the command line that is gone by the time it is
// read (between the walk and the read) or by the time the project is walked (after the
// command line was checked): exit 2 with the cause, never "No problems found". The races
// themselves cannot be timed in a script; here the workspace is what they leave.
func TestAnalysedVanished(t *testing.T) {
	dir := t.TempDir()
	ws := &workspace.Workspace{
		Config:  config.Default(dir),
		Project: &project.Project{Root: dir},
		Files: []*summary.File{
			{Input: summary.Input{Rel: "a.py"}},
			{Input: summary.Input{Rel: "read.py"}, ReadError: "cannot read: no such file or directory"},
		},
	}
	pl := newPlaces(dir)
	for _, c := range []struct{ rel, want string }{
		{"read.py", "read.py: cannot read: no such file or directory"},
		{"walked.py", "walked.py: cannot read: no such file or directory (it was there when the run started)"},
	} {
		s := &scope{paths: []scopePath{{arg: c.rel, rel: c.rel}, {arg: "a.py", rel: "a.py"}}}
		err := s.analysed(io.Discard, ws, pl)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.rel, err, c.want)
		}
	}
}
