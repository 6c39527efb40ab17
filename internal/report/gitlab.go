package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/buttresspy/buttress/internal/finding"
)

// gitlabSeverity is the severity of every finding in GitLab's Code Quality report: every
// finding fails the run (see sarifLevel), and "major" is what GitLab shows as a problem to fix
// rather than a note ("info", "minor").
const gitlabSeverity = "major"

// gitlabProjectPath is the location.path of a finding about the whole project, which has no
// file: GitLab requires a path.
const gitlabProjectPath = "."

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// writeGitLab writes GitLab's Code Quality report: a JSON array with an issue per finding
// (see the package doc).
func writeGitLab(buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	issues := make([]gitlabIssue, 0, len(fs))
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		s := spanOf(f)
		begin, end := max(s.line, 1), max(s.endLine, s.line, 1)
		path := o.show(f.Path)
		if path == "" {
			path = gitlabProjectPath
		}
		desc := f.Code
		if f.Message != "" {
			desc += " " + f.Message
		}
		h := fingerprint(f)
		seen[h]++
		sum := sha256.Sum256([]byte(h + ":" + strconv.Itoa(seen[h])))
		issues = append(issues, gitlabIssue{
			Description: desc,
			CheckName:   f.Code,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity,
			Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: begin, End: end}},
		})
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}
