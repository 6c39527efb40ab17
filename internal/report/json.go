package report

import (
	"bytes"
	"encoding/json"

	"github.com/buttresspy/buttress/internal/finding"
)

// jsonVersion is the version of the JSON format (see the package doc).
const jsonVersion = 1

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

func writeJSON(buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	doc := jsonDoc{
		Version:  jsonVersion,
		Findings: make([]jsonFinding, 0, len(fs)),
		Summary:  jsonSummary{Total: len(fs), ByRule: []jsonRuleSum{}, Baseline: o.Baseline},
	}
	for i := range fs {
		doc.Findings = append(doc.Findings, toJSON(&fs[i], &o))
	}
	byRule, files := summarize(fs, o.Rules)
	doc.Summary.Files = files
	for _, r := range byRule {
		doc.Summary.ByRule = append(doc.Summary.ByRule, jsonRuleSum{Code: r.code, Rule: r.name, Count: r.count})
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
