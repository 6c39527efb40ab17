package report

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/buttresspy/buttress/internal/finding"
)

// githubLevel is the workflow command of a finding: every finding fails the run, so it is an
// error annotation (see sarifLevel).
const githubLevel = "error"

// Escapers of workflow commands, as in @actions/core (toolkit packages/core/src/command.ts)
// and undone by the runner (ActionCommand.UnescapeData, UnescapeProperty).
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func writeGitHub(buf *bytes.Buffer, fs []finding.Finding, o Options) {
	names := map[string]string{}
	for _, r := range o.Rules {
		names[r.Code] = r.Name
	}
	for i := range fs {
		f := &fs[i]
		s := spanOf(f)
		buf.WriteString("::")
		buf.WriteString(githubLevel)
		sep := byte(' ')
		prop := func(k, v string) {
			buf.WriteByte(sep)
			sep = ','
			buf.WriteString(k)
			buf.WriteByte('=')
			buf.WriteString(githubProperty.Replace(v))
		}
		if f.Path != "" {
			prop("file", o.show(f.Path))
			if s.line > 0 {
				prop("line", strconv.Itoa(s.line))
				prop("col", strconv.Itoa(s.col))
				if s.endLine > 0 {
					prop("endLine", strconv.Itoa(s.endLine))
					if s.endCol > 0 {
						prop("endColumn", strconv.Itoa(s.endCol))
					}
				}
			}
		}
		title := f.Code
		name := f.Rule
		if name == "" {
			name = names[f.Code]
		}
		if name != "" {
			title += " " + name
		}
		prop("title", title)
		buf.WriteString("::")
		msg := f.Message
		for _, n := range f.Notes {
			msg += "\nnote: "
			if loc := location(o.show(n.Path), n.Line, n.Col); loc != "" {
				msg += loc + ": "
			}
			msg += n.Message
		}
		buf.WriteString(githubData.Replace(msg))
		buf.WriteByte('\n')
	}
}
