package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/summary"
)

// places turns the places the project holds into the places buttress shows, the same in
// every command and format:
//
//   - paths: the project holds them relative to its root; they are shown relative to the
//     current directory, as Ruff shows them ("../pkg/a.py" from a subdirectory);
//   - columns: import statements and syntax errors hold 0-based UTF-8 byte columns (CPython's
//     col_offset); they are shown as 1-based character columns, as every finding is.
//
// Columns need the line's text: each file is read once, when first asked about.
type places struct {
	root, cwd string
	files     map[string]*placeFile
	overlay   map[string]string // files read from standard input, by path (check --stdin-filename)
}

type placeFile = summary.Text

func newPlaces(root string) *places {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "" // paths stay relative to the project root
	}
	return &places{root: root, cwd: cwd, files: map[string]*placeFile{}}
}

// path is how a project path (relative to the root, slash-separated, or absolute) is shown.
func (p *places) path(rel string) string {
	if rel == "" || p.cwd == "" {
		return rel
	}
	return report.ShowPath(p.root, p.cwd, rel)
}

// text is how a project path is shown in text output: path, escaped by report.TextPath when
// it holds control characters or is not UTF-8. JSON outputs take path.
func (p *places) text(rel string) string {
	return report.TextPath(p.path(rel))
}

// file returns the text of a project file, or nil when it cannot be read.
func (p *places) file(rel string) *placeFile {
	if f, ok := p.files[rel]; ok {
		return f
	}
	abs := filepath.FromSlash(rel)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.root, abs)
	}
	var f *placeFile
	if b, err := p.read(rel, abs); err == nil {
		f = summary.NewText(string(b), "")
	}
	p.files[rel] = f
	return f
}

// read returns the contents of a project file: from the overlay, else from the disk.
func (p *places) read(rel, abs string) ([]byte, error) {
	if src, ok := p.overlay[rel]; ok {
		return []byte(src), nil
	}
	return os.ReadFile(abs)
}

// nulAt returns the line and 1-based character column of the first null byte of a project
// file, lines counted as the parser counts them; 0, 0 when there is none or the file cannot
// be read.
func (p *places) nulAt(rel string) (int, int) {
	abs := filepath.FromSlash(rel)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.root, abs)
	}
	b, err := p.read(rel, abs)
	if err != nil {
		return 0, 0
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	nul := bytes.IndexByte(b, 0)
	if nul < 0 {
		return 0, 0
	}
	line, start := 1, 0
	for i := 0; i < nul; i++ {
		switch b[i] {
		case '\r':
			if i+1 < nul && b[i+1] == '\n' {
				i++
			}
			line, start = line+1, i+1
		case '\n':
			line, start = line+1, i+1
		}
	}
	if utf8.Valid(b[start:nul]) {
		return line, utf8.RuneCount(b[start:nul]) + 1
	}
	return line, nul - start + 1
}

// col turns a 1-based byte column of a line of a project file into a 1-based character
// column. Columns of files that cannot be read, and below 2, stay as they are.
func (p *places) col(rel string, line, byteCol int) int {
	if byteCol <= 1 || rel == "" {
		return byteCol
	}
	f := p.file(rel)
	if f == nil {
		return byteCol
	}
	return f.Col(line, byteCol)
}

// importEnd returns the end (line, 1-based character column just past it) of the imported
// name that starts at a 1-based character column of a Python file: the dotted name (`a.b.c`
// of `import a.b.c as x`, `c` of `from a.b import c`) or the `*` of a star import. For a
// configuration file, where contracts are declared, it is the end of the line's text. 0, 0
// when the file cannot be read.
func (p *places) importEnd(rel string, line, col int) (int, int) {
	f := p.file(rel)
	if f == nil {
		return 0, 0
	}
	text, ok := f.Line(line)
	if !ok {
		return 0, 0
	}
	if !isPython(rel) {
		end := utf8.RuneCountInString(strings.TrimRight(text, " \t"))
		if end < col {
			return 0, 0
		}
		return line, end + 1
	}
	// The characters from the column on, as far as a name can go: a line may be huge, and
	// a name is not.
	off, n := 0, 1
	for off < len(text) && n < col {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
		n++
	}
	if col < 1 || n < col || off >= len(text) {
		return 0, 0
	}
	runes := []rune(text[off:min(len(text), off+maxNameBytes)])
	if runes[0] == '*' {
		return line, col + 1
	}
	end := 0
	for j := 0; j < len(runes); {
		r := runes[j]
		switch {
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			j++
			end = j
		case r == ' ' || r == '\t':
			// Spaces may stand around the dots of a dotted name: "a . b".
			k := j
			for k < len(runes) && (runes[k] == ' ' || runes[k] == '\t') {
				k++
			}
			if k < len(runes) && (runes[k] == '.' || end > 0 && runes[end-1] == '.') {
				j = k
				continue
			}
			j = len(runes)
		default:
			j = len(runes)
		}
	}
	if end == 0 {
		return 0, 0
	}
	return line, col + end
}

// maxNameBytes bounds the text importEnd reads for a dotted name.
const maxNameBytes = 4096

func isPython(path string) bool {
	return strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".pyi")
}

// indent returns the number of spaces and tabs a line starts with (0 when it cannot be read).
func (p *places) indent(rel string, line int) int {
	if f := p.file(rel); f != nil {
		if text, ok := f.Line(line); ok {
			return len(text) - len(strings.TrimLeft(text, " \t"))
		}
	}
	return 0
}

// contractPlace gives a finding of the contracts (and its notes) character columns, and the
// end of what it points at when it has none: imports and contract declarations hold byte
// columns.
func (p *places) contractPlace(f *finding.Finding) {
	if f.Path != "" && f.Line > 0 {
		f.Col = p.col(f.Path, f.Line, f.Col)
		if f.Col <= 1 && !isPython(f.Path) {
			f.Col = p.indent(f.Path, f.Line) + 1 // the entry, not the indentation before it
		}
		if f.EndLine == 0 || f.EndCol == 0 {
			f.EndLine, f.EndCol = p.importEnd(f.Path, f.Line, f.Col)
		} else {
			f.EndCol = p.col(f.Path, f.EndLine, f.EndCol)
		}
	}
	for i := range f.Notes {
		n := &f.Notes[i]
		if n.Path != "" && n.Line > 0 {
			n.Col = p.col(n.Path, n.Line, n.Col)
		}
	}
}
