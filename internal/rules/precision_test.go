package rules_test

// Precision is measured, not assumed. For every rule that is on by default, a person reads a
// seeded random sample of what it reports on real code written by others (CPython 3.11's
// standard library and the 3.11 site-packages, each checked as a project with the default
// configuration) and records a verdict for each finding in
// testdata/precision/CODE.md. TestPrecisionRecords keeps those records honest:
//
//   - every rule on by default that checks Python code has a record of at least
//     minSample findings, and its precision (findings judged right / findings read) is at
//     least minPrecision;
//   - the rule's Precision field says the same numbers as its record;
//   - every finding of the record is the one the rule's sample gives today, at the same
//     place: when a rule changes what it reports, its sample changes, and the record must be
//     read again.
//
// To read a sample:
//
//	BUTTRESS_PRECISION_SAMPLE=ERR002 go test ./internal/rules -run TestPrecisionRecords -v
//
// prints the rule's sample with the code around each finding, and a record skeleton.

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/workspace"
)

const (
	minSample    = 20
	minPrecision = 0.80
	sampleSize   = 25 // findings drawn for a record
	sampleSeed   = 2026
)

// corpusFinding is a finding in one of the corpora, named by the corpus.
type corpusFinding struct {
	corpus string // "stdlib-3.11" or "site-packages-3.11"
	root   string
	finding.Finding
}

func (f corpusFinding) place() string {
	return fmt.Sprintf("%s:%s:%d", f.corpus, f.Path, f.Line)
}

var (
	corpusOnce     sync.Once
	corpusFindings []corpusFinding
	corpusErr      error
)

// loadCorpusFindings checks both corpora with the default configuration, every rule on by
// default selected, once for all the tests of the package.
func loadCorpusFindings(t *testing.T) []corpusFinding {
	t.Helper()
	stdlib := cpython.Stdlib(t, "3.11")
	site := cpython.SitePackages(t, "3.11")
	corpusOnce.Do(func() {
		for _, c := range []struct{ name, root string }{{"stdlib-3.11", stdlib}, {"site-packages-3.11", site}} {
			cfg := config.Default(c.root)
			sel := analysis.Selection{Scopes: analysis.DefaultScopes()}
			configured, err := analysis.Configure(sel, rules.All(), nil)
			if err != nil {
				corpusErr = err
				return
			}
			sel.ResolveScopes(rules.All())
			ws, err := workspace.Load(cfg, workspace.Options{Rules: configured, Ignored: sel.IgnoresIn, IgnoredGenerated: sel.IgnoredInGenerated})
			if err != nil {
				corpusErr = err
				return
			}
			for _, f := range ws.Files {
				for _, fd := range f.Findings {
					corpusFindings = append(corpusFindings, corpusFinding{c.name, c.root, fd})
				}
			}
		}
		sortCorpusFindings(corpusFindings)
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusFindings
}

// sample returns the rule's findings in the seeded order: the first n are its sample.
func sample(all []corpusFinding, code string, n int) []corpusFinding {
	var fs []corpusFinding
	for _, f := range all {
		if f.Code == code {
			fs = append(fs, f)
		}
	}
	r := rand.New(rand.NewSource(sampleSeed))
	r.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
	if len(fs) > n {
		fs = fs[:n]
	}
	return fs
}

// record is a rule's precision record: the findings read and the verdict on each.
type record struct {
	places   []string
	verdicts []bool
}

func (r record) right() int {
	n := 0
	for _, v := range r.verdicts {
		if v {
			n++
		}
	}
	return n
}

var rowRE = regexp.MustCompile("^\\|\\s*\\d+\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*(yes|no)\\s*\\|")

func readRecord(path string) (record, error) {
	var r record
	fh, err := os.Open(path)
	if err != nil {
		return r, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if m := rowRE.FindStringSubmatch(sc.Text()); m != nil {
			r.places = append(r.places, m[1])
			r.verdicts = append(r.verdicts, m[2] == "yes")
		}
	}
	return r, sc.Err()
}

// precisionPhrase is what a rule's Precision field says for a record.
func precisionPhrase(r record) string {
	n := len(r.verdicts)
	return fmt.Sprintf("%d%% (%d of %d sampled findings judged right", r.right()*100/n, r.right(), n)
}

// checkedRules are the rules on by default whose findings are about Python code (not the
// contracts, whose findings follow their configuration exactly, nor the suppression
// comments).
func checkedRules() []*analysis.Rule {
	var out []*analysis.Rule
	for _, r := range rules.All() {
		if r.Default && !r.Project && r.Family() != "SUP" && r.Family() != "SYN" {
			out = append(out, r)
		}
	}
	return out
}

func TestPrecisionRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two whole corpora (about 10 s); run without -short")
	}
	all := loadCorpusFindings(t)
	if want := os.Getenv("BUTTRESS_PRECISION_SAMPLE"); want != "" {
		printSample(t, all, strings.ToUpper(want))
	}
	for _, r := range checkedRules() {
		t.Run(r.Code, func(t *testing.T) { checkRecord(t, r, all, "rule on by default") })
	}
}

// sortCorpusFindings puts findings in the order samples are drawn from: by corpus, path,
// line and column.
func sortCorpusFindings(fs []corpusFinding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.corpus != b.corpus {
			return a.corpus < b.corpus
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// checkRecord checks the rule's record, testdata/precision/CODE.md, against its findings on
// the corpora today: enough findings judged (or all there are), a precision of at least
// minPrecision when the rule is on by default, the rule's Precision field saying the same,
// and the same sample as the one read. which names the rules that must have a record.
func checkRecord(t *testing.T, r *analysis.Rule, all []corpusFinding, which string) {
	path := filepath.Join("testdata", "precision", r.Code+".md")
	rec, err := readRecord(path)
	if err != nil {
		t.Fatalf("every %s needs a precision record (%v): read its sample with BUTTRESS_PRECISION_SAMPLE=%s", which, err, r.Code)
	}
	total := 0
	for _, f := range all {
		if f.Code == r.Code {
			total++
		}
	}
	if len(rec.verdicts) < minSample && len(rec.verdicts) < total {
		t.Fatalf("%s judges %d findings; at least %d are needed (or all of them, when the corpora hold fewer)", path, len(rec.verdicts), minSample)
	}
	if len(rec.verdicts) > 0 {
		p := float64(rec.right()) / float64(len(rec.verdicts))
		if p < minPrecision && r.Default {
			t.Errorf("%s: precision %.0f%% (%d of %d), below %.0f%%: the rule must not be on by default", path, 100*p, rec.right(), len(rec.verdicts), 100*minPrecision)
		}
		if !strings.Contains(r.Precision, precisionPhrase(rec)) {
			t.Errorf("%s's Precision field says %q; its record says %q", r.Code, r.Precision, precisionPhrase(rec))
		}
	}
	got := sample(all, r.Code, len(rec.places))
	for i, place := range rec.places {
		if i >= len(got) {
			t.Errorf("%s: finding %d (%s) is no longer in the sample: the rule reports fewer findings; read a new sample", path, i+1, place)
			continue
		}
		if got[i].place() != place {
			t.Errorf("%s: finding %d is %s in the record but %s in today's sample: the rule changed; read its sample again", path, i+1, place, got[i].place())
		}
	}
}

// printSample prints a rule's sample with the code around each finding, and the rows of a
// record to fill in.
func printSample(t *testing.T, all []corpusFinding, code string) {
	fs := sample(all, code, sampleSize)
	total := 0
	for _, f := range all {
		if f.Code == code {
			total++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d findings on the corpora; the sample (seed %d):\n", code, total, sampleSeed)
	for i, f := range fs {
		fmt.Fprintf(&b, "\n--- %d. %s: %s\n", i+1, f.place(), f.Message)
		src, err := os.ReadFile(filepath.Join(f.root, filepath.FromSlash(f.Path)))
		if err != nil {
			fmt.Fprintf(&b, "    (%v)\n", err)
			continue
		}
		lines := strings.Split(string(src), "\n")
		for n := max(1, f.Line-3); n <= min(len(lines), f.Line+8); n++ {
			mark := "  "
			if n == f.Line {
				mark = "> "
			}
			fmt.Fprintf(&b, "%s%5d  %s\n", mark, n, lines[n-1])
		}
	}
	b.WriteString("\nRecord rows:\n")
	for i, f := range fs {
		fmt.Fprintf(&b, "| %d | `%s` | yes/no | |\n", i+1, f.place())
	}
	t.Log(b.String())
}

// TestPrecisionPhrase keeps the phrase the records are checked with readable.
func TestPrecisionPhrase(t *testing.T) {
	r := record{verdicts: []bool{true, true, true, false}}
	if got, want := precisionPhrase(r), "75% (3 of 4 sampled findings judged right"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
