package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
)

// TestJSONWriterMatchesEncoder holds jsonWriter to what it replaced: encoding/json with
// SetEscapeHTML(false) and SetIndent("    ", "  "), on findings with notes or none, paths
// that are not UTF-8, and strings with every character encoding/json escapes.
func TestJSONWriterMatchesEncoder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "pkg/mod.py", "`x`", " → ", "é", "\u2028", "\u2029", "\"", "\\", "\n", "\t", "\x00", "\x1f", "\x7f", "<&>", "\xff", "\xe2\x82", "日本", "\U0001F600", ""}
	str := func() string {
		var b []byte
		for n := r.IntN(5); n > 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		return string(b)
	}
	num := func() int { return r.IntN(3000) - 5 }
	var w jsonWriter
	for i := 0; i < 3000; i++ {
		f := jsonFinding{Code: str(), Rule: str(), Path: str(), Path64: str(), Line: num(), Col: num(), EndLine: num(), EndCol: num(), Message: str(), Symbol: str(), Notes: []jsonNote{}}
		for n := r.IntN(3); n > 0; n-- {
			f.Notes = append(f.Notes, jsonNote{Path: str(), Path64: str(), Line: num(), Col: num(), Message: str()})
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("    ", "  ")
		if err := enc.Encode(&f); err != nil {
			t.Fatal(err)
		}
		want.Truncate(want.Len() - 1)
		var got bytes.Buffer
		w.finding(&got, f)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("finding %+v:\n got %s\nwant %s", f, got.Bytes(), want.Bytes())
		}
	}
	// And a whole document, through Write.
	fs := []finding.Finding{{Code: "X001", Rule: "x", Path: "a.py", Line: 1, Col: 1, EndLine: 1, EndCol: 2, Message: "m \"q\"", Notes: []finding.Note{{Path: "b.py", Line: 2, Col: 3, Message: "n"}}, Symbol: "f"}}
	var buf bytes.Buffer
	if err := Write(&buf, FormatJSON, fs, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc jsonDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || len(doc.Findings) != 1 || doc.Findings[0].Notes[0].Col != 3 {
		t.Errorf("the document does not read back: %v\n%s", err, buf.Bytes())
	}
}
