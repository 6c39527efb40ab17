package baseline

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
)

// source is a project of one file, "a.py", whose lines the findings point at.
type source []string

func (s source) lines(path string, line int) string {
	if path != "a.py" || line < 1 || line > len(s) {
		return ""
	}
	return s[line-1]
}

func f(code string, line int, symbol string) finding.Finding {
	return finding.Finding{Code: code, Path: "a.py", Line: line, Symbol: symbol}
}

func TestEntriesSurviveMovesAndReformatting(t *testing.T) {
	before := source{"def handler(request):", "    try:", "        pass", "    except:", "        pass"}
	fs := []finding.Finding{f("TYP001", 1, "handler"), f("ERR001", 4, "handler")}
	b := &Baseline{Findings: Entries(fs, before.lines)}

	// Three lines inserted above, the def reformatted, an unrelated edit in the function.
	after := source{"import os", "", "", "def handler( request ):", "    os.getcwd()", "    try:", "        pass", "    except :", "        pass"}
	moved := []finding.Finding{f("TYP001", 4, "handler"), f("ERR001", 8, "handler")}
	res := b.Apply(moved, after.lines)
	if len(res.Shown) != 0 || res.Hidden != 2 || res.Gone != 0 {
		t.Errorf("after moves and reformatting: shown %v, hidden %d, gone %d; want none shown, 2 hidden", res.Shown, res.Hidden, res.Gone)
	}
}

func TestNewAndCopiedFindings(t *testing.T) {
	src := source{"def f(a):", "    pass", "def g(a):", "    pass", "def f(a):", "    pass"}
	b := &Baseline{Findings: Entries([]finding.Finding{f("TYP001", 1, "f")}, src.lines)}
	cases := []struct {
		name  string
		fs    []finding.Finding
		shown []int // lines
		gone  int
	}{
		{"the same finding", []finding.Finding{f("TYP001", 1, "f")}, nil, 0},
		{"a new function", []finding.Finding{f("TYP001", 1, "f"), f("TYP001", 3, "g")}, []int{3}, 0},
		{"a second copy of a frozen violation is new, the later one", []finding.Finding{f("TYP001", 5, "f"), f("TYP001", 1, "f")}, []int{5}, 0},
		{"another rule on the same line", []finding.Finding{f("TYP001", 1, "f"), f("TYP002", 1, "f")}, []int{1}, 0},
		{"fixed", nil, nil, 1},
	}
	for _, c := range cases {
		res := b.Apply(c.fs, src.lines)
		var lines []int
		for _, s := range res.Shown {
			lines = append(lines, s.Line)
		}
		if !reflect.DeepEqual(lines, c.shown) || res.Gone != c.gone {
			t.Errorf("%s: shown %v gone %d, want %v and %d", c.name, lines, res.Gone, c.shown, c.gone)
		}
	}
}

func TestContractFindingsKeyOnTheImport(t *testing.T) {
	arch := func(line int) finding.Finding {
		return finding.Finding{Code: "ARCH001", Path: "a.py", Line: line, Symbol: "app.low -> app.api", Message: "[layers] app.low -> app.api: the layer app.low may not import the higher layer app.api"}
	}
	b := &Baseline{Findings: Entries([]finding.Finding{arch(1)}, source{}.lines)}
	if res := b.Apply([]finding.Finding{arch(40)}, source{}.lines); res.Hidden != 1 {
		t.Errorf("the import moved to line 40 must stay in the baseline: %+v", res)
	}
	other := arch(1)
	other.Symbol = "app.low -> app.views"
	if res := b.Apply([]finding.Finding{other}, source{}.lines); len(res.Shown) != 1 {
		t.Errorf("an import of another module is new: %+v", res)
	}
}

func TestShrink(t *testing.T) {
	old := []Entry{{Path: "a.py", Code: "TYP001", Text: "x", Count: 3}, {Path: "b.py", Code: "ERR001", Text: "y", Count: 1}}
	current := []Entry{{Path: "a.py", Code: "TYP001", Text: "x", Count: 2}, {Path: "c.py", Code: "ERR001", Text: "z", Count: 1}}
	want := []Entry{{Path: "a.py", Code: "TYP001", Text: "x", Count: 2}}
	if got := Shrink(old, current); !reflect.DeepEqual(got, want) {
		t.Errorf("Shrink = %+v, want %+v: fixed findings leave, new ones never enter", got, want)
	}
}

func TestEncodeIsStableAndReadable(t *testing.T) {
	b := &Baseline{
		Recorded: true,
		Findings: []Entry{{Path: "b.py", Code: "ERR001", Symbol: "g", Text: "except:", Count: 1}, {Path: "a.py", Code: "TYP001", Symbol: "f", Text: "deff(a):", Count: 2}},
		Coverage: map[string]float64{"pkg.b": 50, "pkg.a": 87.5},
	}
	data := b.Encode()
	want := `{
  "version": 1,
  "findings": [
    {"path":"a.py","code":"TYP001","symbol":"f","text":"deff(a):","count":2},
    {"path":"b.py","code":"ERR001","symbol":"g","text":"except:","count":1}
  ],
  "coverage": {
    "pkg.a": 87.5,
    "pkg.b": 50
  }
}
`
	if string(data) != want {
		t.Errorf("encoded:\n%s\nwant:\n%s", data, want)
	}
	back, err := Parse(data, "buttress-baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Encode()) != want {
		t.Errorf("a baseline read back must encode the same")
	}
	empty := (&Baseline{Recorded: true}).Encode()
	if back, err := Parse(empty, "x"); err != nil || !back.Recorded || string(empty) != "{\n  \"version\": 1,\n  \"findings\": [],\n  \"coverage\": {}\n}\n" {
		t.Errorf("a baseline with every finding fixed %q: %v", empty, err)
	}
	coverageOnly := (&Baseline{Coverage: map[string]float64{"a": 50}}).Encode()
	if back, err := Parse(coverageOnly, "x"); err != nil || back.Recorded || string(coverageOnly) != "{\n  \"version\": 1,\n  \"coverage\": {\n    \"a\": 50\n  }\n}\n" {
		t.Errorf("a baseline of coverage alone %q: %v", coverageOnly, err)
	}
}

func TestBrokenFiles(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": \"a.py\",\n", "b.json: not a baseline file"},
		{"{\"version\": 2, \"findings\": []}", "b.json: baseline version 2, this buttress reads version 1"},
		{"{\"findings\": []}", "b.json: baseline version none"},
		{"{\"version\": 1, \"findings\": [{\"path\": \"a.py\", \"count\": 1}]}", "b.json: entry 1 of \"findings\" needs a path, a code"},
		{"{\"version\": 1,\n \"findings\": [],\n \"extra\": 1}", "b.json:3: not a baseline file"},
		{"[1, 2]", "b.json:1: not a baseline file"},
		{"{\"version\": 1, \"findings\": []}\n\n{\"version\": 1}", "b.json:3: not a baseline file (more after the end"},
	} {
		_, err := Parse([]byte(c.data), "b.json")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", c.data, err, c.want)
		}
	}
}

func TestReadAndWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if b, err := Read(path, FileName); b != nil || err != nil {
		t.Fatalf("no baseline: %v %v", b, err)
	}
	b := &Baseline{Findings: []Entry{{Path: "a.py", Code: "TYP001", Text: "x", Count: 1}}}
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path, FileName)
	if err != nil || !reflect.DeepEqual(got.Findings, b.Findings) {
		t.Fatalf("read back %+v, %v", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("writing left %d files, want only the baseline", len(entries))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("the baseline is a file for the repository, readable by all: %v %v", fi.Mode(), err)
	}
}

func TestCoverageRatchet(t *testing.T) {
	b := &Baseline{Coverage: map[string]float64{"a": 80, "b": 50}}
	drops := b.Fallen(map[string]float64{"a": 79.5, "b": 60, "c": 10})
	if fmt.Sprint(drops) != "[{a 80 79.5}]" {
		t.Errorf("Fallen = %v, want only a (b rose, c is new)", drops)
	}
	got := RecordCoverage(b.Coverage, map[string]float64{"a": 70, "b": 60, "c": 10}, false)
	if fmt.Sprint(got) != "map[a:80 b:60 c:10]" {
		t.Errorf("RecordCoverage = %v: a keeps its record, b rises, c enters", got)
	}
	if got := RecordCoverage(b.Coverage, map[string]float64{"a": 70}, true); fmt.Sprint(got) != "map[a:70]" {
		t.Errorf("reset: %v", got)
	}
}

func TestWholeFileFindings(t *testing.T) {
	long := finding.Finding{Code: "MOD007", Path: "a.py", Line: 1, Col: 1, EndLine: 1, EndCol: 1, Message: "this module has 1200 lines"}
	b := &Baseline{Findings: Entries([]finding.Finding{long}, source{"import os"}.lines)}
	grown := long
	grown.Message = "this module has 1203 lines"
	if res := b.Apply([]finding.Finding{grown}, source{"# a new first line"}.lines); res.Hidden != 1 {
		t.Errorf("a finding about the whole file keeps its entry when its first line changes: %+v", res)
	}
}
