package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/buttresspy/buttress/internal/finding"
)

// GitLabSchemaFile is GitLab's Code Quality report format, written down as a JSON schema from
// GitLab's documentation.
const gitlabSchemaFile = "testdata/schema/gitlab-codequality.schema.json"

func gitlabSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(gitlabSchemaFile)
	if err != nil {
		t.Fatalf("compiling %s: %v", gitlabSchemaFile, err)
	}
	return s
}

func validateJSON(s *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// TestGitLabSchema checks the gitlab format against GitLab's Code Quality schema, and that
// the schema rejects what GitLab does not take (so that it checks something).
func TestGitLabSchema(t *testing.T) {
	s := gitlabSchema(t)
	project := []finding.Finding{{Code: "ARCH009", Rule: "contract", Message: "about the whole project"}}
	whole := []finding.Finding{{Code: "MOD007", Path: "big.py", Message: "too long"}}
	for name, fs := range map[string][]finding.Finding{"findings": fixtureFindings, "empty": nil, "project": project, "whole-file": whole} {
		if err := validateJSON(s, render(t, FormatGitLab, fs, fixtureOptions())); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, bad := range []string{
		`{}`,
		`[{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "error", "location": {"path": "a.py", "lines": {"begin": 1}}}]`,
		`[{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "major", "location": {"path": "./a.py", "lines": {"begin": 1}}}]`,
		`[{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "major", "location": {"path": "a.py"}}]`,
		`[{"description": "d", "check_name": "c", "severity": "major", "location": {"path": "a.py", "lines": {"begin": 1}}}]`,
		`[{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "major", "location": {"path": "a.py", "lines": {"begin": 0}}}]`,
	} {
		if err := validateJSON(s, []byte(bad)); err == nil {
			t.Errorf("the schema takes %s", bad)
		}
	}
}

// TestGitLabFingerprints checks that fingerprints are unique within a report (GitLab shows
// only the first issue of a fingerprint) and stable: the same from run to run, whatever the
// order of the findings and when lines move.
func TestGitLabFingerprints(t *testing.T) {
	fs := append([]finding.Finding(nil), fixtureFindings...)
	// Two findings alike but for their line: still two fingerprints.
	fs = append(fs, fs[1], fs[1])
	fs[len(fs)-1].Line, fs[len(fs)-1].EndLine = 9, 9
	prints := func(fs []finding.Finding) []string {
		var issues []gitlabIssue
		if err := json.Unmarshal(render(t, FormatGitLab, fs, fixtureOptions()), &issues); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, is := range issues {
			out = append(out, is.Fingerprint)
		}
		return out
	}
	first := prints(fs)
	seen := map[string]bool{}
	for _, p := range first {
		if seen[p] {
			t.Errorf("fingerprint %s twice", p)
		}
		seen[p] = true
	}
	if len(first) != len(fs) {
		t.Fatalf("%d issues for %d findings", len(first), len(fs))
	}
	r := rand.New(rand.NewSource(2))
	shuffled := append([]finding.Finding(nil), fs...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if got := prints(shuffled); !reflect.DeepEqual(got, first) {
		t.Errorf("fingerprints depend on the order of the findings")
	}
	// Code added above every finding: the same fingerprints.
	moved := append([]finding.Finding(nil), fs...)
	for i := range moved {
		if moved[i].Line > 0 {
			moved[i].Line += 10
			moved[i].EndLine += 10
		}
	}
	got := map[string]bool{}
	for _, p := range prints(moved) {
		got[p] = true
	}
	if !reflect.DeepEqual(got, seen) {
		t.Errorf("fingerprints change when lines move")
	}
}

// TestJSONLines reads the json-lines format line by line: each line is one finding, the same
// object as in the json format's findings.
func TestJSONLines(t *testing.T) {
	out := render(t, FormatJSONLines, fixtureFindings, fixtureOptions())
	var doc jsonDoc
	if err := json.Unmarshal(render(t, FormatJSON, fixtureFindings, fixtureOptions()), &doc); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	n := 0
	for sc.Scan() {
		var f jsonFinding
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("line %d: %v: %s", n+1, err, sc.Text())
		}
		if !reflect.DeepEqual(f, doc.Findings[n]) {
			t.Errorf("line %d: %+v, the json format has %+v", n+1, f, doc.Findings[n])
		}
		n++
	}
	if n != len(fixtureFindings) {
		t.Errorf("%d lines for %d findings", n, len(fixtureFindings))
	}
	if out := render(t, FormatJSONLines, nil, fixtureOptions()); len(out) != 0 {
		t.Errorf("json-lines without findings: %q", out)
	}
}

// TestQuiet checks that Options.Quiet leaves only the findings in the text formats.
func TestQuiet(t *testing.T) {
	o := fixtureOptions()
	o.Quiet = true
	o.Baseline = &BaselineSummary{File: "b.json", Hidden: 2, Gone: 1}
	for _, format := range []string{FormatText, FormatConcise} {
		out := string(render(t, format, fixtureFindings, o))
		for _, bad := range []string{"Found ", "untyped-parameter\n", "baseline"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s --quiet has %q:\n%s", format, bad, out)
			}
		}
		if !strings.Contains(out, "src/app/models.py:4:11: TYP001 Parameter `items`") {
			t.Errorf("%s --quiet lost a finding:\n%s", format, out)
		}
		if out := render(t, format, nil, o); len(out) != 0 {
			t.Errorf("%s --quiet without findings: %q", format, out)
		}
	}
}

func TestStatistics(t *testing.T) {
	stats := func(format string, fs []finding.Finding, o Options) string {
		var buf bytes.Buffer
		if err := WriteStatistics(&buf, format, fs, o); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	got := stats(FormatText, fixtureFindings, fixtureOptions())
	want := `3  ERR001   bare-except
3  PAT003   mutable-default
3  TYP001   untyped-parameter
1  ARCH001  layers
1  DEAD001  unused-function
1  MOD002   module-length

Found 12 problems (6 files).
`
	if got != want {
		t.Errorf("text statistics:\n%s\nwant:\n%s", got, want)
	}
	var rows []jsonRuleSum
	if err := json.Unmarshal([]byte(stats(FormatJSON, fixtureFindings, fixtureOptions())), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0] != (jsonRuleSum{Code: "ERR001", Rule: "bare-except", Count: 3}) {
		t.Errorf("json statistics: %+v", rows)
	}
	if got := stats(FormatJSON, nil, fixtureOptions()); got != "[]\n" {
		t.Errorf("json statistics without findings: %q", got)
	}
	if got := stats(FormatText, nil, fixtureOptions()); got != "No problems found.\n" {
		t.Errorf("text statistics without findings: %q", got)
	}
	if err := WriteStatistics(&bytes.Buffer{}, FormatSARIF, fixtureFindings, fixtureOptions()); err == nil {
		t.Error("statistics in sarif: no error")
	}
}

// TestSARIFHelpURI checks that a rule's documentation page is its helpUri.
func TestSARIFHelpURI(t *testing.T) {
	out := string(render(t, FormatSARIF, fixtureFindings, fixtureOptions()))
	if !strings.Contains(out, `"helpUri": "https://github.com/buttresspy/buttress/blob/main/docs/rules/TYP001.md"`) {
		t.Errorf("no helpUri:\n%s", out)
	}
	if strings.Count(out, `"helpUri"`) != 1 {
		t.Errorf("a helpUri for a rule without a page")
	}
}
