package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/summary"
	"github.com/buttresspy/buttress/internal/workspace"
)

// TestSourceLinesExcerpts: the baseline keys a finding on the text of its line, which
// sourceLines takes from the summaries' excerpts when it can. Whatever the file's line
// breaks and byte-order mark, a line comes out as it does from the file itself, read as the
// baseline first read it (split at "\n"), but for the "\r" of a "\r\n", which the keys leave
// out with every other space: no baseline written before the excerpts loses an entry.
func TestSourceLinesExcerpts(t *testing.T) {
	root := t.TempDir()
	texts := map[string]string{
		"lf.py":      "a = 1\n\nb = 2\nc = 3\n",
		"crlf.py":    "a = 1\r\n\r\nb = 2\r\nc = 3\r\n",
		"cr.py":      "a = 1\rb = 2\rc = 3\r",
		"mixed.py":   "a = 1\r\nb = 2\rc = 3\nd = 4",
		"bom.py":     "\ufeffa = 1\nb = 2\n",
		"no_eol.py":  "a = 1",
		"empty.py":   "",
		"tabs.py":    "if x:\n\ty = 1\n\t\tz = 2\n",
		"unicode.py": "s = 'é'\nt = '日本'\n",
	}
	ws := &workspace.Workspace{}
	var fs []finding.Finding
	for name, text := range texts {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var own []finding.Finding
		for line := 1; line <= 6; line++ {
			own = append(own, finding.Finding{Path: name, Line: line, Col: 1})
		}
		fs = append(fs, own...)
		f := &summary.File{Input: summary.Input{Rel: name}, Excerpt: summary.NewExcerpt(text, name, own[:2])}
		ws.Files = append(ws.Files, f)
	}
	fromFiles, fromExcerpts := sourceLines(root, nil, nil), sourceLines(root, nil, ws)
	for _, f := range fs {
		for line := 0; line <= 8; line++ {
			if got, want := fromExcerpts(f.Path, line), fromFiles(f.Path, line); strings.TrimSuffix(got, "\r") != strings.TrimSuffix(want, "\r") {
				t.Errorf("%s line %d: %q from the excerpt, %q from the file", f.Path, line, got, want)
			}
		}
	}
}
