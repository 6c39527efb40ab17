// Package baseline is the ratchet that lets a team turn buttress on over legacy code: a file
// records the findings that exist today, `check` hides them and fails only on new ones, and the
// file only shrinks as they are fixed.
//
// # The key
//
// An entry is not a line number: lines move. It is what identifies a finding while the code
// around it changes:
//
//   - for a rule's finding: the file, the rule's code, the qualified name of the function or
//     class it is in (finding.Symbol), and the text of the reported line with all white space
//     removed (so that reformatting the line, or moving it, keeps the entry);
//   - for a contract finding: the file, the code, the import it is about (the symbol, "a.b ->
//     c.d") and the contract's name;
//   - for a finding about a whole file (an empty range at its start, such as a module too
//     long): the file and the code.
//
// Findings with the same key are counted: a baseline that holds two copies of a violation
// hides two, and a third copy is new. When there are more findings than the count, the last
// ones in the file are shown as new.
//
// The limits, by construction: editing the reported line itself (renaming a variable on it)
// makes the finding new; a function renamed makes its findings new; two identical lines in
// one function are one key with a count, so fixing one and adding one elsewhere in the same
// function hides the new one.
//
// # The file
//
// JSON, sorted, one entry a line, no timestamps, so that two branches that each fix findings
// merge without conflict:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"path": "src/app/api.py", "code": "TYP001", "symbol": "handler", "text": "defhandler(request):", "count": 1},
//	    ...
//	  ],
//	  "coverage": {
//	    "app.api": 87.5,
//	    ...
//	  }
//	}
//
// "coverage" holds each module's annotation coverage when it was recorded: `buttress coverage`
// fails when a module falls below it (a per-module ratchet). A baseline written by coverage
// alone has no "findings" yet: the first check --write-baseline then records them all, where
// an empty "findings" (everything fixed) only stays empty.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/buttresspy/buttress/internal/finding"
)

// FileName is the baseline's default name, at the project root.
const FileName = "buttress-baseline.json"

// version is the format's version; a file of another version is an error.
const version = 1

// Entry is one key of the baseline and how many findings it holds.
type Entry struct {
	Path   string `json:"path"`
	Code   string `json:"code"`
	Symbol string `json:"symbol,omitempty"`
	// Text is the reported line without white space, or a contract finding's contract name.
	Text  string `json:"text"`
	Count int    `json:"count"`
}

func (e Entry) key() key { return key{e.Path, e.Code, e.Symbol, e.Text} }

type key struct{ path, code, symbol, text string }

// Baseline is a baseline file's content.
type Baseline struct {
	// Recorded says that the findings were recorded (by check --write-baseline): a baseline
	// written by coverage alone has none yet, which is not the same as none left.
	Recorded bool
	Findings []Entry
	// Coverage is each module's recorded annotation coverage, in percent.
	Coverage map[string]float64
}

// Lines gives the text of a line of a project file (1-based), "" when it cannot be read: the
// baseline keys rule findings on it.
type Lines func(path string, line int) string

// keyOf returns a finding's key.
func keyOf(f finding.Finding, lines Lines) key {
	switch {
	case strings.HasPrefix(f.Code, "ARCH"):
		return key{f.Path, f.Code, f.Symbol, contractName(f.Message)}
	case f.Line == 1 && f.Col == 1 && (f.EndLine == 0 || f.EndLine == 1 && f.EndCol <= 1):
		return key{f.Path, f.Code, f.Symbol, wholeFile} // about the file (a module too long), not its first line
	}
	return key{f.Path, f.Code, f.Symbol, squeeze(lines(f.Path, f.Line))}
}

// wholeFile is the text of the key of a finding about a whole file.
const wholeFile = "<file>"

// contractName returns the name of the contract a contract finding's message starts with
// ("[layers] a -> b: ..." gives "layers"), or the whole message when there is none.
func contractName(msg string) string {
	if strings.HasPrefix(msg, "[") {
		if i := strings.Index(msg, "] "); i > 0 {
			return msg[1:i]
		}
	}
	return msg
}

// squeeze removes all white space from a line.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Read reads the baseline file at path; it returns nil when there is none. A file that is not
// a baseline (not JSON, another version, an entry without its fields) is an error that names
// the file, the line and the cause.
func Read(path, shown string) (*Baseline, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: the baseline is not a regular file", shown)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot read the baseline: %v", shown, err)
	}
	return Parse(data, shown)
}

// Parse reads a baseline from data; shown names the file in errors.
func Parse(data []byte, shown string) (*Baseline, error) {
	var doc struct {
		Version  *int               `json:"version"`
		Findings *[]Entry           `json:"findings"`
		Coverage map[string]float64 `json:"coverage"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		line := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = lineOf(data, se.Offset)
		case errors.As(err, &te):
			line = lineOf(data, te.Offset)
		default:
			if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
				if i := bytes.Index(data, []byte(name)); i >= 0 {
					line = lineOf(data, int64(i))
				}
			}
		}
		at := shown
		if line > 0 {
			at += ":" + strconv.Itoa(line)
		}
		return nil, fmt.Errorf("%s: not a baseline file (%v): fix it, or delete it and run `buttress check --write-baseline`", at, err)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(data[off:])) > 0 {
		rest := off + int64(len(data[off:])-len(bytes.TrimLeft(data[off:], " \t\r\n")))
		return nil, fmt.Errorf("%s:%d: not a baseline file (more after the end of the JSON object, a merge that went wrong?): fix it, or delete it and run `buttress check --write-baseline`", shown, lineOf(data, rest))
	}
	if doc.Version == nil || *doc.Version != version {
		v := "none"
		if doc.Version != nil {
			v = strconv.Itoa(*doc.Version)
		}
		return nil, fmt.Errorf("%s: baseline version %s, this buttress reads version %d: write it again with `buttress check --write-baseline=all`", shown, v, version)
	}
	b := &Baseline{Coverage: doc.Coverage}
	if doc.Findings != nil {
		b.Recorded, b.Findings = true, *doc.Findings
	}
	for i, e := range b.Findings {
		if e.Path == "" || e.Code == "" || e.Count < 1 {
			return nil, fmt.Errorf("%s: entry %d of \"findings\" needs a path, a code and a count of at least 1", shown, i+1)
		}
	}
	return b, nil
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// Result is what applying a baseline to a run's findings gives.
type Result struct {
	Shown  []finding.Finding // the findings the baseline does not hold: new ones
	Hidden int               // the findings it holds
	// Gone counts the findings the baseline holds that no longer occur: fixed since it was
	// written, so it can shrink.
	Gone int
}

// Apply hides the findings the baseline holds. Findings are matched by key and counted; when a
// key has more findings than the baseline holds, the last ones in the file are new.
func (b *Baseline) Apply(fs []finding.Finding, lines Lines) Result {
	if b == nil {
		return Result{Shown: fs}
	}
	left := map[key]int{}
	for _, e := range b.Findings {
		left[e.key()] += e.Count
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { // earlier in a file first
		a, c := &fs[order[i]], &fs[order[j]]
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		return a.Col < c.Col
	})
	hidden := make([]bool, len(fs))
	var res Result
	for _, i := range order {
		k := keyOf(fs[i], lines)
		if left[k] > 0 {
			left[k]--
			hidden[i] = true
			res.Hidden++
		}
	}
	for i, f := range fs {
		if !hidden[i] {
			res.Shown = append(res.Shown, f)
		}
	}
	for _, n := range left {
		res.Gone += n
	}
	return res
}

// Entries returns the keys of findings, counted and sorted.
func Entries(fs []finding.Finding, lines Lines) []Entry {
	count := map[key]int{}
	for _, f := range fs {
		count[keyOf(f, lines)]++
	}
	out := make([]Entry, 0, len(count))
	for k, n := range count {
		out = append(out, Entry{Path: k.path, Code: k.code, Symbol: k.symbol, Text: k.text, Count: n})
	}
	sortEntries(out)
	return out
}

func sortEntries(es []Entry) {
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Symbol != b.Symbol {
			return a.Symbol < b.Symbol
		}
		return a.Text < b.Text
	})
}

// Shrink returns the entries of current that old holds, each with the lesser of the two
// counts: a baseline written again never grows, it only loses what was fixed.
func Shrink(old, current []Entry) []Entry {
	had := map[key]int{}
	for _, e := range old {
		had[e.key()] += e.Count
	}
	var out []Entry
	for _, e := range current {
		if n := min(e.Count, had[e.key()]); n > 0 {
			e.Count = n
			out = append(out, e)
		}
	}
	return out
}

// Encode writes a baseline in its stable form: sorted, one entry a line, no timestamps.
func (b *Baseline) Encode() []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,", version)
	if b.Recorded || len(b.Findings) > 0 {
		buf.WriteString("\n  \"findings\": [")
		es := append([]Entry(nil), b.Findings...)
		sortEntries(es)
		for i, e := range es {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			buf.Write(marshal(e))
		}
		if len(es) > 0 {
			buf.WriteString("\n  ")
		}
		buf.WriteString("],")
	}
	buf.WriteString("\n  \"coverage\": {")
	mods := make([]string, 0, len(b.Coverage))
	for m := range b.Coverage {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	for i, m := range mods {
		name := marshal(m)
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "\n    %s: %s", name, strconv.FormatFloat(b.Coverage[m], 'f', -1, 64))
	}
	if len(mods) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("}\n}\n")
	return buf.Bytes()
}

// marshal writes a value as compact JSON, without escaping <, > and & (module chains hold
// "->").
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // entries and strings always encode
	return bytes.TrimRight(b.Bytes(), "\n")
}

// Write writes the baseline to path atomically (a temporary file renamed over it), so that an
// interrupted write never leaves half a baseline.
func (b *Baseline) Write(path string) error {
	tmp, err := os.CreateTemp(dirOf(path), ".buttress-baseline-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Encode()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// A file for the repository: readable by all, as the one it replaces was.
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i+1]
	}
	return "."
}

// Drop is a module whose annotation coverage fell below the baseline's record.
type Drop struct {
	Module        string
	Recorded, Now float64
}

// Fallen returns the modules of current whose coverage is below the recorded one, by name.
// A module the baseline does not record (a new one) is not held.
func (b *Baseline) Fallen(current map[string]float64) []Drop {
	if b == nil {
		return nil
	}
	var out []Drop
	for m, now := range current {
		if rec, ok := b.Coverage[m]; ok && now < rec {
			out = append(out, Drop{m, rec, now})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Module < out[j].Module })
	return out
}

// RecordCoverage returns the coverage to record: the current value of each module, but never
// below the old record (the ratchet only tightens) unless reset; modules that no longer exist
// are dropped.
func RecordCoverage(old, current map[string]float64, reset bool) map[string]float64 {
	out := make(map[string]float64, len(current))
	for m, now := range current {
		if rec, ok := old[m]; ok && !reset && rec > now {
			now = rec
		}
		out[m] = now
	}
	return out
}
