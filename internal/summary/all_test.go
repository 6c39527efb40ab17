package summary

import (
	"reflect"
	"testing"

	"github.com/buttresspy/buttress/internal/python/parser"
)

func TestDunderAll(t *testing.T) {
	cases := []struct {
		src  string
		want []string
		ok   bool
	}{
		{"__all__ = ['a', 'b']\n", []string{"a", "b"}, true},
		{"__all__ = ('a',)\n__all__ += ['b']\n__all__.extend(('c',))\n__all__.append('d')\n", []string{"a", "b", "c", "d"}, true},
		{"__all__: list[str] = ['a']\n", []string{"a"}, true},
		{"__all__ = []\n", []string{}, true},
		{"x = 1\n", nil, false},
		{"__all__ = [name for name in dir()]\n", nil, false},
		{"__all__ = ['a', B]\n", nil, false},
		{"__all__ = ['a']\n__all__ += other.__all__\n", nil, false},
		{"__all__ += ['a']\n", nil, false}, // extends an __all__ set elsewhere
		{"if x:\n    __all__ = ['a']\n", nil, false},
	}
	for _, c := range cases {
		res := parser.ParseString(c.src, parser.Options{})
		got, ok := dunderAll(res.Module)
		if ok != c.ok || !reflect.DeepEqual(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("%q: got %q %v, want %q %v", c.src, got, ok, c.want, c.ok)
		}
	}
}
