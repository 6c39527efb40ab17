package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPlaces checks the conversion of byte columns into character columns and the ends of
// imported names, on lines with non-ASCII text, CRLF line ends and a BOM.
func TestPlaces(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a.py": "\ufeffimport os\r\n" +
			"π = 1; import a . b as c\r\n" +
			"from x import *\n" +
			"from . import (\n    héllo,\n)\n",
		"buttress.toml": "layers = [\n    \"a\",  \n]\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pl := &places{root: root, files: map[string]*placeFile{}}
	cases := []struct {
		path                 string
		line, byteCol        int // 1-based byte column
		col, endLine, endCol int
	}{
		{"a.py", 1, 8, 8, 1, 10},         // os (the BOM is not part of the line)
		{"a.py", 2, 16, 15, 2, 20},       // a . b, without " as c"
		{"a.py", 3, 15, 15, 3, 16},       // *
		{"a.py", 5, 5, 5, 5, 10},         // héllo, on its own line
		{"a.py", 9, 3, 3, 0, 0},          // no such line
		{"buttress.toml", 2, 5, 5, 2, 9}, // the entry, without the spaces after it
		{"gone.py", 1, 4, 4, 0, 0},
	}
	for _, c := range cases {
		col := pl.col(c.path, c.line, c.byteCol)
		endLine, endCol := pl.importEnd(c.path, c.line, col)
		if col != c.col || endLine != c.endLine || endCol != c.endCol {
			t.Errorf("%s:%d byte column %d: got %d-%d:%d, want %d-%d:%d", c.path, c.line, c.byteCol, col, endLine, endCol, c.col, c.endLine, c.endCol)
		}
	}
}
