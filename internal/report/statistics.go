package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/buttresspy/buttress/internal/finding"
)

// StatisticsFormats are the formats WriteStatistics writes.
func StatisticsFormats() []string { return []string{FormatText, FormatConcise, FormatJSON} }

// WriteStatistics writes how many findings each rule has instead of the findings (Ruff's
// --statistics), most frequent first, then by code. In the text and concise formats, one line
// per rule, "count  code  name", then the total unless Options.Quiet; in json, an array of
// {"code", "rule", "count"} (the objects of the json format's summary.by_rule). Any other
// format is an error that lists these.
func WriteStatistics(w io.Writer, format string, fs []finding.Finding, o Options) error {
	var buf bytes.Buffer
	switch format {
	case FormatText, FormatConcise:
		ruleTableText(&buf, fs, o)
		if !o.Quiet {
			if len(fs) > 0 {
				buf.WriteByte('\n')
			}
			total(&buf, fs, o)
		}
	case FormatJSON:
		byRule, _ := summarize(fs, o.Rules)
		sort.SliceStable(byRule, func(i, j int) bool { return byRule[i].count > byRule[j].count })
		rows := make([]jsonRuleSum, 0, len(byRule))
		for _, r := range byRule {
			rows = append(rows, jsonRuleSum{Code: r.code, Rule: r.name, Count: r.count})
		}
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return err
		}
	default:
		return fmt.Errorf("statistics in the %s format: only text, concise and json have them", format)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
