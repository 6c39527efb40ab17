package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/literal"
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
// encoding the whole document with two-space indentation. They go to w a block of about
// jsonBlock bytes at a time, through buf: the whole document in one buffer grown by doubling
// was 8 MB of fresh memory at the end of check --select ALL on the 3.11 standard library
// (2 MB of JSON).
func writeJSON(w io.Writer, buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	buf.WriteString("{\n  \"version\": " + strconv.Itoa(jsonVersion) + ",\n  \"findings\": [")
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	var jw jsonWriter
	for i := range fs {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		jw.finding(buf, toJSON(&fs[i], &o))
		if buf.Len() >= jsonBlock {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
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

// jsonBlock is about how many bytes of JSON writeJSON hands its writer at a time.
const jsonBlock = 64 << 10

// jsonWriter writes a jsonFinding as encoding/json with SetEscapeHTML(false) and
// SetIndent("    ", "  ") does, byte for byte (TestJSONWriterMatchesEncoder), without its
// reflection and indentation passes (most of the JSON writer's time, at the end of a run).
// A string it has no fast way for goes through encoding/json itself.
type jsonWriter struct {
	scratch bytes.Buffer
	enc     *json.Encoder
}

func (w *jsonWriter) finding(buf *bytes.Buffer, f jsonFinding) {
	buf.WriteString("{\n      \"code\": ")
	w.str(buf, f.Code)
	buf.WriteString(",\n      \"rule\": ")
	w.str(buf, f.Rule)
	buf.WriteString(",\n      \"path\": ")
	w.str(buf, f.Path)
	if f.Path64 != "" {
		buf.WriteString(",\n      \"path_base64\": ")
		w.str(buf, f.Path64)
	}
	w.int(buf, ",\n      \"line\": ", f.Line)
	w.int(buf, ",\n      \"col\": ", f.Col)
	w.int(buf, ",\n      \"end_line\": ", f.EndLine)
	w.int(buf, ",\n      \"end_col\": ", f.EndCol)
	buf.WriteString(",\n      \"message\": ")
	w.str(buf, f.Message)
	if f.Symbol != "" {
		buf.WriteString(",\n      \"symbol\": ")
		w.str(buf, f.Symbol)
	}
	buf.WriteString(",\n      \"notes\": [")
	for i, n := range f.Notes {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n        {\n          \"path\": ")
		w.str(buf, n.Path)
		if n.Path64 != "" {
			buf.WriteString(",\n          \"path_base64\": ")
			w.str(buf, n.Path64)
		}
		w.int(buf, ",\n          \"line\": ", n.Line)
		w.int(buf, ",\n          \"col\": ", n.Col)
		buf.WriteString(",\n          \"message\": ")
		w.str(buf, n.Message)
		buf.WriteString("\n        }")
	}
	if len(f.Notes) > 0 {
		buf.WriteString("\n      ")
	}
	buf.WriteString("]\n    }")
}

func (w *jsonWriter) int(buf *bytes.Buffer, key string, n int) {
	buf.WriteString(key)
	var b [20]byte
	buf.Write(strconv.AppendInt(b[:0], int64(n), 10))
}

// str writes a JSON string as encoding/json does without HTML escaping: as it is when it is
// valid UTF-8 with no control character, quote, backslash, U+2028 or U+2029 (the characters
// encoding/json escapes); else by encoding/json.
func (w *jsonWriter) str(buf *bytes.Buffer, s string) {
	if literal.PlainJSON(s) || utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029") && plainASCII(s) {
		buf.WriteByte('"')
		buf.WriteString(s)
		buf.WriteByte('"')
		return
	}
	if w.enc == nil {
		w.enc = json.NewEncoder(&w.scratch)
		w.enc.SetEscapeHTML(false)
	}
	w.scratch.Reset()
	if err := w.enc.Encode(s); err != nil { // a string always encodes
		panic(err)
	}
	buf.Write(bytes.TrimSuffix(w.scratch.Bytes(), []byte("\n")))
}

// plainASCII reports whether the ASCII bytes of s are all ones a JSON string holds as they
// are: no control character, quote or backslash.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
