package parser

import (
	"math/rand"
	"os"
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
)

// streamHarshly runs f with the streaming parser at its harshest: one token lexed at a time,
// and every token of a top-level statement dropped as soon as it is parsed, so that any read
// of a token the parser has not asked the lexer for, or of one before the current top-level
// statement, shows as a difference or a panic.
func streamHarshly(f func()) {
	a, c, k := lexAhead, compactAfter, compactKeep
	lexAhead, compactAfter, compactKeep = 1, 0, 0
	defer func() { lexAhead, compactAfter, compactKeep = a, c, k }()
	f()
}

// checkStreamingAgrees parses src (prepared) both ways and fails when the results differ; it
// reports whether the streaming parse went to the end (rather than handing over to parseWhole).
func checkStreamingAgrees(t *testing.T, name, src string, target Version) bool {
	t.Helper()
	opts := Options{TargetVersion: target}
	var got *Result
	streamHarshly(func() { got = parseStreaming(src, opts) })
	if got == nil {
		return false
	}
	want := parseWhole(src, opts)
	switch {
	case !reflect.DeepEqual(got.Module, want.Module):
		t.Errorf("%s (target %v): the trees differ", name, target)
	case !reflect.DeepEqual(got.Errors, want.Errors):
		t.Errorf("%s (target %v): errors %v, parsed whole %v", name, target, got.Errors, want.Errors)
	case !reflect.DeepEqual(got.Comments, want.Comments) || !reflect.DeepEqual(got.Lines, want.Lines):
		t.Errorf("%s (target %v): the comments or lines differ", name, target)
	}
	return true
}

// TestStreamingAgreesWithWhole parses the 3.13 standard library, and broken copies of its
// files, lexing as it goes and lexing whole first: trees, errors and comments must be the same.
func TestStreamingAgreesWithWhole(t *testing.T) {
	root := cpython.Stdlib(t, "3.13")
	files, err := cpython.PyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		var some []string
		for i := 0; i < len(files); i += 10 {
			some = append(some, files[i])
		}
		files = some
	}
	rng := rand.New(rand.NewSource(7))
	const noise = "([{)]}:;,'\"\n\n\t    \\#fbr=.*@"
	streamed, handed := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src, perr := prepare(string(data))
		if perr != nil {
			continue
		}
		for _, target := range []Version{313, 308} {
			if checkStreamingAgrees(t, f, src, target) {
				streamed++
			} else {
				handed++
			}
		}
		// Broken copies: cut short, a slice removed, a few characters thrown in.
		if len(src) < 2 {
			continue
		}
		for range 3 {
			b := []byte(src)
			switch rng.Intn(3) {
			case 0:
				b = b[:rng.Intn(len(b))]
			case 1:
				i := rng.Intn(len(b))
				b = append(b[:i], b[min(len(b), i+1+rng.Intn(200)):]...)
			case 2:
				for range 1 + rng.Intn(4) {
					i := rng.Intn(len(b) + 1)
					b = append(b[:i], append([]byte{noise[rng.Intn(len(noise))]}, b[i:]...)...)
				}
			}
			if checkStreamingAgrees(t, f+" (broken)", string(b), 313) {
				streamed++
			} else {
				handed++
			}
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d parses streamed to the end, %d handed over to the whole-file parse", streamed, handed)
	if streamed == 0 || handed == 0 {
		t.Errorf("both ways should have been taken")
	}
}
