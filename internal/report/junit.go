package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/buttresspy/buttress/internal/finding"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

func writeJUnit(buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	rules := ruleTable(fs, o)
	byCode := map[string][]*finding.Finding{}
	for i := range fs {
		byCode[fs[i].Code] = append(byCode[fs[i].Code], &fs[i])
	}
	var body bytes.Buffer
	tw := newTextWriter(&body, Options{Source: o.Source, Rules: o.Rules, Root: o.Root, Cwd: o.Cwd})
	doc := junitSuites{Name: "buttress", Time: "0"}
	for _, r := range rules {
		name := r.Name
		if name == "" && len(byCode[r.Code]) > 0 {
			name = byCode[r.Code][0].Rule
		}
		suite := junitSuite{Name: strings.TrimSpace(r.Code + " " + name), Time: "0"}
		class := "buttress." + r.Code
		found := byCode[r.Code]
		if len(found) == 0 {
			if name == "" {
				name = r.Code
			}
			suite.Cases = append(suite.Cases, junitCase{Name: name, Classname: class, Time: "0"})
		}
		used := map[string]int{}
		for _, f := range found {
			s := spanOf(f)
			caseName := location(o.show(f.Path), s.line, s.col)
			if caseName == "" {
				caseName = r.Code
			}
			if used[caseName]++; used[caseName] > 1 {
				caseName = fmt.Sprintf("%s (%d)", caseName, used[caseName])
			}
			body.Reset()
			tw.finding(f)
			suite.Cases = append(suite.Cases, junitCase{
				Name:      caseName,
				Classname: class,
				File:      o.show(f.Path),
				Line:      s.line,
				Time:      "0",
				Failure:   &junitFailure{Message: f.Message, Type: f.Code, Text: xmlChars(body.String())},
			})
			suite.Failures++
		}
		suite.Tests = len(suite.Cases)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Suites = append(doc.Suites, suite)
	}
	if len(doc.Suites) == 0 {
		doc.Suites = []junitSuite{{
			Name: "buttress", Tests: 1, Time: "0",
			Cases: []junitCase{{Name: "no problems found", Classname: "buttress", Time: "0"}},
		}}
		doc.Tests = 1
	}
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// xmlChars replaces what XML 1.0 cannot hold (most control characters, U+FFFE, U+FFFF,
// invalid UTF-8) with U+FFFD: a CDATA section is not escaped.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xd7ff,
			r >= 0xe000 && r <= 0xfffd && r != utf8.RuneError,
			r >= 0x10000 && r <= 0x10ffff:
			return r
		}
		return utf8.RuneError
	}, s)
}
