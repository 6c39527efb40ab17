package baseline

import (
	"bytes"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
)

// FuzzParse: whatever the file holds, Parse returns a baseline or an error, never panics; a
// baseline it accepts encodes to a file it reads back to the same encoding, and applying it
// to findings keeps every finding either shown or hidden.
func FuzzParse(f *testing.F) {
	good := &Baseline{Recorded: true, Findings: []Entry{
		{Path: "a.py", Code: "TYP001", Symbol: "handler", Text: "defhandler(request):", Count: 2},
		{Path: "pkg/b.py", Code: "ARCH001", Symbol: "pkg.b -> pkg.c", Text: "layers", Count: 1},
	}, Coverage: map[string]float64{"pkg.b": 87.5, "a": 0}}
	f.Add(good.Encode())
	f.Add((&Baseline{Coverage: map[string]float64{"x": 100}}).Encode())
	f.Add([]byte(`{"version": 1, "findings": []}`))
	f.Add([]byte(`{"version": 1, "findings": [{"path": "a.py", "code": "X", "text": "", "count": 1}]} {}`))
	f.Add([]byte(`{"version": 1, "findings": [{"path": "\ud800", "code": "\u0000", "text": "<>&", "count": 9223372036854775807}], "coverage": {"": 1e308}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data, "b.json")
		if err != nil {
			if b != nil {
				t.Fatalf("an error and a baseline")
			}
			return
		}
		once := b.Encode()
		again, err := Parse(once, "b.json")
		if err != nil {
			t.Fatalf("the encoding of an accepted baseline does not read back: %v\n%s", err, once)
		}
		if twice := again.Encode(); !bytes.Equal(once, twice) {
			t.Fatalf("encoding is not stable:\n%s\n---\n%s", once, twice)
		}
		var fs []finding.Finding
		for i, e := range b.Findings {
			if i == 8 {
				break
			}
			fs = append(fs, finding.Finding{Path: e.Path, Code: e.Code, Symbol: e.Symbol, Line: 1})
		}
		r := b.Apply(fs, func(string, int) string { return "" })
		if len(r.Shown)+r.Hidden != len(fs) {
			t.Fatalf("%d findings became %d shown and %d hidden", len(fs), len(r.Shown), r.Hidden)
		}
	})
}
