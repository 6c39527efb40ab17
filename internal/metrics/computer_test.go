package metrics

import (
	"os"
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestComputerReuse measures files one after the other with one Computer, forwards and
// backwards (each file after a larger and after a smaller one), and checks that each result
// is the one Compute makes alone: nothing of the file before shows through the reused room.
func TestComputerReuse(t *testing.T) {
	root := cpython.Stdlib(t, "3.12")
	if root == "" {
		return
	}
	files, err := cpython.PyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var srcs [][]byte
	for i := 0; i < len(files); i += 20 {
		src, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	srcs = append(srcs, []byte(""), []byte("def f(:\n"), []byte("class C:\n    def m(self): pass\n"))
	for _, backwards := range []bool{false, true} {
		var c Computer
		for k := range srcs {
			i := k
			if backwards {
				i = len(srcs) - 1 - k
			}
			res := parser.Parse(srcs[i], parser.Options{})
			want := Compute(res.Module, res.Lines, res.Src)
			got := c.Compute(res.Module, res.Lines, res.Src)
			if len(got.Functions) == 0 && len(want.Functions) == 0 {
				got.Functions, want.Functions = nil, nil // an empty list of the room, or none
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("file %d: measured after another file: %+v, alone: %+v", i, got, want)
			}
		}
	}
}
