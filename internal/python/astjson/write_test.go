package astjson_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestWriteFileIsAppendFile checks that the streamed JSON is AppendFile's, flushed many times
// over for a large file.
func TestWriteFileIsAppendFile(t *testing.T) {
	for _, src := range []string{"", "x = 1\n", strings.Repeat("def f(a, *, b=1):\n    return a[b:2]\n", 3000), "x = (\n"} {
		res := parser.ParseString(src, parser.Options{})
		want := append(astjson.AppendFile(nil, "f.py", res), '\n')
		var got bytes.Buffer
		if err := astjson.WriteFile(&got, "f.py", res); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%d bytes of source: WriteFile wrote %d bytes, AppendFile %d", len(src), got.Len(), len(want))
		}
	}
}

type failing struct{ n int }

func (f *failing) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestWriteFileError(t *testing.T) {
	res := parser.ParseString(strings.Repeat("a\n", 100000), parser.Options{})
	w := &failing{}
	if err := astjson.WriteFile(w, "f.py", res); err == nil || err.Error() != "disk full" {
		t.Errorf("error %v, want disk full", err)
	}
	if w.n != 1 {
		t.Errorf("%d writes after the first failed, want none", w.n-1)
	}
}
