package report

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/buttresspy/buttress/internal/finding"
)

// jsonVersion is the version of the JSON format (see the package doc).
const jsonVersion = 1

// jsonDoc is the document writeJSON writes (which writes it a finding at a time).
type jsonDoc struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	Code    string     `json:"code"`
	Rule    string     `json:"rule"`
	Path    string     `json:"path"`
	Path64  string     `json:"path_base64,omitempty"`
	Line    int        `json:"line"`
	Col     int        `json:"col"`
	EndLine int        `json:"end_line"`
	EndCol  int        `json:"end_col"`
	Message string     `json:"message"`
	Symbol  string     `json:"symbol,omitempty"`
	Notes   []jsonNote `json:"notes"`
}

type jsonNote struct {
	Path    string `json:"path"`
	Path64  string `json:"path_base64,omitempty"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Total    int              `json:"total"`
	Files    int              `json:"files"`
	ByRule   []jsonRuleSum    `json:"by_rule"`
	Baseline *BaselineSummary `json:"baseline,omitempty"`
}

type jsonRuleSum struct {
	Code  string `json:"code"`
	Rule  string `json:"rule"`
	Count int    `json:"count"`
}

// toJSON is a finding as the JSON formats write it.
func toJSON(f *finding.Finding, o *Options) jsonFinding {
	s := spanOf(f)
	path := o.show(f.Path)
	jf := jsonFinding{
		Code: f.Code, Rule: f.Rule, Path: path, Path64: PathBase64(path),
		Line: s.line, Col: s.col, EndLine: s.endLine, EndCol: s.endCol,
		Message: f.Message, Symbol: f.Symbol,
		Notes: make([]jsonNote, 0, len(f.Notes)),
	}
	if s.line == 0 {
		jf.Col = 0
	}
	for _, n := range f.Notes {
		path := o.show(n.Path)
		jf.Notes = append(jf.Notes, jsonNote{Path: path, Path64: PathBase64(path), Line: n.Line, Col: n.Col, Message: n.Message})
	}
	return jf
}

// writeJSONLines writes one finding per line, each the object the json format has in its
// findings, compact; nothing when there are none.
func writeJSONLines(buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	for i := range fs {
		if err := enc.Encode(toJSON(&fs[i], &o)); err != nil {
			return err
		}
	}
	return nil
}

// writeJSON writes the document one finding at a time, each indented as it is encoded: the
// findings are never all held as JSON values, and no pass indents the whole document again
// (that pass was most of the writer's time on thousands of findings). The bytes are those of
// encoding the whole document with two-space indentation.
func writeJSON(buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	buf.WriteString("{\n  \"version\": " + strconv.Itoa(jsonVersion) + ",\n  \"findings\": [")
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	var jf jsonFinding // reused, so that encoding it allocates nothing
	for i := range fs {
		jf = toJSON(&fs[i], &o)
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := enc.Encode(&jf); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode ends each value with a newline
	}
	if len(fs) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("],\n  \"summary\": ")
	sum := jsonSummary{Total: len(fs), ByRule: []jsonRuleSum{}, Baseline: o.Baseline}
	byRule, files := summarize(fs, o.Rules)
	sum.Files = files
	for _, r := range byRule {
		sum.ByRule = append(sum.ByRule, jsonRuleSum{Code: r.code, Rule: r.name, Count: r.count})
	}
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(sum); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1)
	buf.WriteString("\n}\n")
	return nil
}
