package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/finding"
)

// The SARIF validator is the SARIF SDK's multitool, from npm; .ci/run installs it with
//
//	npm install --prefix ~/.cache/buttress/sarif-multitool @microsoft/sarif-multitool@5.7.0
//
// Its platform package ships the binary and the SARIF 2.1.0 JSON schema.
const (
	// multitoolDirEnv names the directory the multitool was installed into (npm --prefix);
	// the default is $XDG_CACHE_HOME/buttress/sarif-multitool (~/.cache/...).
	multitoolDirEnv = "BUTTRESS_SARIF_MULTITOOL_DIR"
	// multitoolVersion is the multitool release the tests were written against.
	multitoolVersion = "5.7.0"
)

func multitoolDir() string {
	if d := os.Getenv(multitoolDirEnv); d != "" {
		return d
	}
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "buttress", "sarif-multitool")
	}
	return filepath.Join(os.TempDir(), "buttress-sarif-multitool")
}

// requireMultitool returns the multitool binary and the SARIF 2.1.0 schema beside it. When
// they are missing it skips the test, or fails it when BUTTRESS_REQUIRE_CPYTHON is "1" (the
// repository's switch that turns a missing external reference into a failure).
func requireMultitool(t *testing.T) (bin, schema string) {
	t.Helper()
	platform := map[string]string{"linux": "linux", "darwin": "darwin", "windows": "win32"}[runtime.GOOS]
	dir := filepath.Join(multitoolDir(), "node_modules", "@microsoft", "sarif-multitool-"+platform)
	bin = filepath.Join(dir, "Sarif.Multitool")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	schema = filepath.Join(dir, "sarif-2.1.0.json")
	var problem string
	if platform == "" {
		problem = "the SARIF multitool has no build for " + runtime.GOOS
	} else {
		for _, p := range []string{bin, schema} {
			if _, err := os.Stat(p); err != nil {
				problem = fmt.Sprintf("the SARIF multitool is not installed in %s "+
					"(npm install --prefix %s @microsoft/sarif-multitool@%s, or set %s): %v",
					multitoolDir(), multitoolDir(), multitoolVersion, multitoolDirEnv, err)
				break
			}
		}
	}
	if problem == "" {
		return bin, schema
	}
	if os.Getenv(cpython.RequireEnv) == "1" {
		t.Fatalf("%s\n%s=1 is set, so this is a failure, not a skip", problem, cpython.RequireEnv)
	}
	t.Skipf("skipping: %s (set %s=1 to make this a failure)", problem, cpython.RequireEnv)
	return "", ""
}

// sarifCases are the SARIF documents the validators check.
func sarifCases(t *testing.T) map[string][]byte {
	noVersion := fixtureOptions()
	noVersion.ToolVersion = ""
	odd := []finding.Finding{
		{Code: "TYP001", Rule: "untyped-parameter", Path: "src/my app/ü:x#1.py", Line: 2, Col: 0,
			Message: "A path that needs escaping, a column of 0."},
		{Code: "TYP001", Rule: "untyped-parameter", Path: "src/my app/ü:x#1.py", Line: 5, Col: 3, EndLine: 5, EndCol: 3,
			Message: "A path that needs escaping, a column of 0."},
		{Code: "ERR001", Rule: "bare-except", Path: "a.py", Line: 9, Col: 4, EndLine: 3, EndCol: 1,
			Message: "An end before the start.\nOn two lines, with \"quotes\" and \x01."},
		{Code: "X1", Path: "b.py", Line: 1, Col: 1, EndLine: 2, Message: ""},
	}
	return map[string][]byte{
		"findings":      render(t, FormatSARIF, fixtureFindings, fixtureOptions()),
		"empty":         render(t, FormatSARIF, nil, fixtureOptions()),
		"empty-norules": render(t, FormatSARIF, nil, Options{ToolVersion: "1.2.3"}),
		"noversion":     render(t, FormatSARIF, fixtureFindings, noVersion),
		"odd":           render(t, FormatSARIF, odd, Options{ToolVersion: "1.2.3", Root: "/home/dev/my shop/é"}),
		"whole-file-no-source": render(t, FormatSARIF, []finding.Finding{{Code: "MOD002", Path: "big.py", Message: "Too long."}},
			Options{ToolVersion: "1.2.3"}),
		"project": render(t, FormatSARIF, []finding.Finding{{Code: "ARCH001", Message: "About the whole project, no path."}},
			Options{ToolVersion: "1.2.3"}),
		// Run from a subdirectory of the project, and from above it; a configuration file
		// outside both (--config), by its absolute path.
		"cwd-below-root": render(t, FormatSARIF, fixtureFindings, withCwd(fixtureOptions(), "/home/dev/shop", "/home/dev/shop/src/app")),
		"cwd-above-root": render(t, FormatSARIF, fixtureFindings, withCwd(fixtureOptions(), "/home/dev/repo/services/shop", "/home/dev/repo")),
		"outside": render(t, FormatSARIF, []finding.Finding{{Code: "ARCH001", Path: "/etc/shared/buttress.toml", Line: 3, Col: 1, Message: "In a shared configuration."}},
			withCwd(Options{ToolVersion: "1.2.3"}, "/home/dev/shop", "/home/dev/shop")),
	}
}

// multitoolResult is a result of the multitool's own SARIF output.
type multitoolResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex int    `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Arguments []string `json:"arguments"`
	} `json:"message"`
}

// runMultitool validates file and returns the multitool's results, its console output, and
// whether it ran to completion.
func runMultitool(t *testing.T, bin, file string) ([]multitoolResult, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "validation.sarif")
	cmd := exec.Command(bin, "validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--output", out, file)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	console, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s validate %s: %v\n%s", bin, file, err, console)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the multitool wrote no output: %v\n%s", err, console)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results     []multitoolResult `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("reading the multitool's output: %v", err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Invocations) == 0 || !log.Runs[0].Invocations[0].ExecutionSuccessful {
		t.Fatalf("the multitool did not run to completion:\n%s", console)
	}
	// A result without a level has its rule's default level, or "warning" (SARIF §3.27.10).
	run := log.Runs[0]
	for i := range run.Results {
		r := &run.Results[i]
		if r.Level == "" && r.RuleIndex >= 0 && r.RuleIndex < len(run.Tool.Driver.Rules) {
			r.Level = run.Tool.Driver.Rules[r.RuleIndex].DefaultConfiguration.Level
		}
		if r.Level == "" {
			r.Level = "warning"
		}
	}
	return run.Results, string(console)
}

// TestSARIFMultitool validates the SARIF output with the SARIF SDK's multitool: the SARIF
// 2.1.0 JSON schema (its JSON rules), the rules of the specification (SARIF1xxx errors and
// SARIF2xxx warnings) and GitHub code scanning's ingestion rules (GHxxxx). Errors and warnings
// fail the test; notes are logged.
func TestSARIFMultitool(t *testing.T) {
	bin, _ := requireMultitool(t)
	for name, doc := range sarifCases(t) {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), name+".sarif")
			if err := os.WriteFile(file, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			results, console := runMultitool(t, bin, file)
			t.Logf("multitool:\n%s", console)
			for _, r := range results {
				if r.Level != "error" && r.Level != "warning" {
					continue
				}
				// A log without a tool version draws a warning, as it should: the CLI always
				// sets one.
				if name == "noversion" && r.RuleID == "SARIF2005" {
					continue
				}
				// A finding without a path (outside finding's contract) is a valid SARIF result
				// without locations, which GitHub code scanning does not take.
				if name == "project" && (r.RuleID == "GH1015" || r.RuleID == "GH1017" || r.RuleID == "GH2012") {
					continue
				}
				t.Errorf("%s %s %v", r.Level, r.RuleID, r.Message.Arguments)
			}
		})
	}
	// The validator must not pass everything: a log with an unknown property, a result without
	// a rule, and a location without a region (a warning whose level comes from its rule).
	t.Run("rejects-invalid", func(t *testing.T) {
		bad := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "buttress", "bogus": 1}},
			"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation":
			{"artifactLocation": {"uri": "a.py"}}}]}]}]}`
		file := filepath.Join(t.TempDir(), "bad.sarif")
		if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		results, console := runMultitool(t, bin, file)
		levels := map[string]string{}
		for _, r := range results {
			levels[r.RuleID] = r.Level
		}
		for rule, level := range map[string]string{"JSON1005": "error", "SARIF1010": "error", "SARIF2017": "warning"} {
			if levels[rule] != level {
				t.Errorf("the multitool did not report %s as %s on an invalid log (got %q):\n%s", rule, level, levels[rule], console)
			}
		}
	})
}

// TestSARIFSchema validates the SARIF output against the SARIF 2.1.0 JSON schema that the
// multitool ships, with an independent JSON Schema validator (formats asserted).
func TestSARIFSchema(t *testing.T) {
	_, schemaFile := requireMultitool(t)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaFile, err)
	}
	validate := func(doc []byte) error {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			return err
		}
		return schema.Validate(inst)
	}
	for name, doc := range sarifCases(t) {
		if err := validate(doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, bad := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "buttress", "bogus": 1}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "b"}}, "results": [{"message": {"text": "m"},
			"locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "b"}}, "results": [{"message": {"text": "m"},
			"level": "severe"}]}]}`,
	} {
		if validate([]byte(bad)) == nil {
			t.Errorf("the schema accepted an invalid log: %s", bad)
		}
	}
}

// TestSARIFContent checks what the schema cannot: rule indexes, fingerprints, URIs, notes.
func TestSARIFContent(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct{ ID string }
				}
			}
			ColumnKind         string
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID              string
				RuleIndex           int
				Level               string
				PartialFingerprints map[string]string
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						Region           *struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				RelatedLocations []struct {
					ID      int
					Message struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(sarifCases(t)["odd"], &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "buttress" || run.Tool.Driver.Version != "1.2.3" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %+v, columnKind %q", run.Tool.Driver, run.ColumnKind)
	}
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file:///home/dev/my%20shop/%C3%A9/"; got != want {
		t.Errorf("%%SRCROOT%% = %q, want %q", got, want)
	}
	fps := map[string]bool{}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is rule %s", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
		if r.Level != "error" {
			t.Errorf("level %q", r.Level)
		}
		fp := r.PartialFingerprints["buttress/v1"]
		if fp == "" || fps[fp] {
			t.Errorf("fingerprint %q missing or repeated", fp)
		}
		fps[fp] = true
	}
	// The two findings with the same code, path and message differ only by their occurrence.
	// Sorted: a.py, b.py, then the two in "src/my app".
	first, second := run.Results[2].PartialFingerprints["buttress/v1"], run.Results[3].PartialFingerprints["buttress/v1"]
	if !strings.HasSuffix(first, ":1") || !strings.HasSuffix(second, ":2") || first[:len(first)-2] != second[:len(second)-2] {
		t.Errorf("fingerprints of repeated findings: %q, %q", first, second)
	}
	loc := run.Results[2].Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "src/my%20app/%C3%BC%3Ax%231.py" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifactLocation %+v", loc.ArtifactLocation)
	}
	if r := loc.Region; r == nil || r.StartLine != 2 || r.StartColumn != 1 || r.EndLine != 0 {
		t.Errorf("region of a finding at column 0: %+v", r)
	}
	if r := run.Results[0].Locations[0].PhysicalLocation.Region; r == nil || r.StartLine != 9 || r.EndLine != 0 {
		t.Errorf("region of a finding that ends before its start: %+v", r)
	}
	var project struct {
		Runs []struct{ Results []struct{ Locations []any } }
	}
	if err := json.Unmarshal(sarifCases(t)["project"], &project); err != nil {
		t.Fatal(err)
	}
	if l := project.Runs[0].Results[0].Locations; len(l) != 0 {
		t.Errorf("a finding without a path has locations: %+v", l)
	}
	// A finding about a whole file covers its lines, or its first line when it cannot be read.
	wholeFile := func(doc []byte, code string) any {
		var l struct {
			Runs []struct {
				Results []struct {
					RuleID    string
					Locations []struct {
						PhysicalLocation struct{ Region map[string]int }
					}
				}
			}
		}
		if err := json.Unmarshal(doc, &l); err != nil {
			t.Fatal(err)
		}
		for _, r := range l.Runs[0].Results {
			if r.RuleID == code {
				return r.Locations[0].PhysicalLocation.Region
			}
		}
		return nil
	}
	whole := []finding.Finding{{Code: "MOD002", Path: "src/app/last.py"}, {Code: "MOD001", Path: "src/app/models.py"}}
	doc := render(t, FormatSARIF, whole, fixtureOptions())
	if got, want := wholeFile(doc, "MOD002"), map[string]int{"startLine": 1, "endLine": 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("whole-file region of a file without a final newline: %v, want %v", got, want)
	}
	if got, want := wholeFile(doc, "MOD001"), map[string]int{"startLine": 1, "endLine": 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("whole-file region of a file with a final newline: %v, want %v", got, want)
	}
	if got, want := wholeFile(sarifCases(t)["whole-file-no-source"], "MOD002"), map[string]int{"startLine": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("whole-file region of an unreadable file: %v, want %v", got, want)
	}

	// Fingerprints do not depend on the line.
	moved := append([]finding.Finding(nil), fixtureFindings...)
	for i := range moved {
		moved[i].Line += 10
		if moved[i].EndLine > 0 {
			moved[i].EndLine += 10
		}
	}
	var a, b bytes.Buffer
	if err := Write(&a, FormatSARIF, fixtureFindings, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, FormatSARIF, moved, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	fpOf := func(doc []byte) []string {
		var l struct {
			Runs []struct {
				Results []struct{ PartialFingerprints map[string]string }
			}
		}
		if err := json.Unmarshal(doc, &l); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range l.Runs[0].Results {
			out = append(out, r.PartialFingerprints["buttress/v1"])
		}
		return out
	}
	if fa, fb := fpOf(a.Bytes()), fpOf(b.Bytes()); strings.Join(fa, " ") != strings.Join(fb, " ") {
		t.Errorf("fingerprints changed when the findings moved down 10 lines:\n%v\n%v", fa, fb)
	}
}

func TestFileURI(t *testing.T) {
	for _, c := range []struct{ dir, want string }{
		{"/home/dev/shop", "file:///home/dev/shop/"},
		{"/home/dev/shop/", "file:///home/dev/shop/"},
		{"/srv/a b/#1%/ü", "file:///srv/a%20b/%231%25/%C3%BC/"},
		{"C:/Users/dev/shop", "file:///C:/Users/dev/shop/"},
	} {
		if got := fileURI(c.dir); got != c.want {
			t.Errorf("fileURI(%q) = %q, want %q", c.dir, got, c.want)
		}
	}
}
