package parser

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// Error is a syntax error: a position in the prepared source and a message.
type Error struct {
	Offset int    // byte offset in the prepared (UTF-8, "\n"-only) source
	Line   int    // 1-based line, filled in by Parse
	Col    int    // 0-based UTF-8 byte column, filled in by Parse
	Msg    string // what is wrong, for a person

	// foundAt, when non-zero, is 1 + the offset where the lexer found the error, later than
	// Offset (an unterminated f-string is reported at its start but found at its end): errors
	// sort by where they were found, as CPython reports the first one its tokenizer meets.
	foundAt int
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

var codingRE = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// prepare turns the bytes of a file into the text the lexer reads: UTF-8 without a BOM, with
// every line ending as "\n". It follows a PEP 263 coding declaration. A non-nil error means
// the file cannot be decoded at all; its Line is set.
func prepare(src string) (string, *Error) {
	bom := strings.HasPrefix(src, "\xef\xbb\xbf")
	if bom {
		src = src[3:]
	}
	if strings.IndexByte(src, 0) >= 0 {
		return "", &Error{Line: 0, Msg: "source code string cannot contain null bytes"}
	}
	// The declaration may be on line 1, or on line 2 when line 1 is a comment or blank.
	enc := ""
	encLine := 0
	first, rest, _ := strings.Cut(src, "\n")
	if e, ok := codingDecl(first); ok {
		enc, encLine = e, 1
	} else if isBlankOrComment(first) {
		second, _, _ := strings.Cut(rest, "\n")
		if e, ok := codingDecl(second); ok {
			enc, encLine = e, 2
		}
	}
	norm := normalizeEncodingName(enc)
	switch {
	case enc == "" || norm == "utf-8" || norm == "utf8" || pythonAliases[norm] == "utf-8":
		if bom && enc != "" && norm != "utf-8" {
			// CPython accepts a BOM only with a declaration spelled utf-8 (or utf_8).
			return "", &Error{Line: encLine, Msg: "encoding problem: " + enc + " with BOM"}
		}
		if !utf8.ValidString(src) {
			return "", invalidUTF8(src)
		}
	default:
		if bom {
			return "", &Error{Line: encLine, Msg: "encoding problem: " + enc + " with BOM"}
		}
		e := lookupEncoding(norm)
		if e == nil {
			return "", &Error{Line: encLine, Msg: "unknown encoding: " + enc}
		}
		out, err := e.NewDecoder().String(src)
		if err != nil {
			return "", &Error{Line: encLine, Msg: fmt.Sprintf("(unicode error) '%s' codec can't decode the source: %v", enc, err)}
		}
		src = out
	}
	if strings.IndexByte(src, '\r') >= 0 {
		src = normalizeNewlines(src)
	}
	return src, nil
}

// codingDecl returns the encoding a PEP 263 declaration on line names. A line without
// "coding" is not matched against the expression (its search was 0.4% of a parse).
func codingDecl(line string) (string, bool) {
	if !strings.Contains(line, "coding") {
		return "", false
	}
	if m := codingRE.FindStringSubmatch(line); m != nil {
		return m[1], true
	}
	return "", false
}

func isBlankOrComment(line string) bool {
	t := strings.TrimLeft(line, " \t\f\r")
	return len(t) == 0 || t[0] == '#'
}

// normalizeEncodingName maps a declared encoding to a canonical lower-case name, the way
// CPython's tokenizer does for the common spellings of UTF-8 and Latin-1.
func normalizeEncodingName(enc string) string {
	e := strings.ToLower(strings.ReplaceAll(enc, "_", "-"))
	switch {
	case e == "utf-8" || strings.HasPrefix(e, "utf-8-"):
		return "utf-8"
	case e == "latin-1" || e == "iso-8859-1" || e == "iso-latin-1" ||
		strings.HasPrefix(e, "latin-1-") || strings.HasPrefix(e, "iso-8859-1-") || strings.HasPrefix(e, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return e
}

// pythonAliases maps encoding names that Python's codec registry knows by other names
// (encodings.aliases) to names x/text knows; keys are lower case with '_' and ' ' as '-'.
var pythonAliases = map[string]string{
	"latin": "iso-8859-1", "latin1": "iso-8859-1", "l1": "iso-8859-1", "cp819": "iso-8859-1",
	"iso8859-1": "iso-8859-1", "8859": "iso-8859-1", "iso-ir-100": "iso-8859-1", "csisolatin1": "iso-8859-1",
	"u8": "utf-8", "utf": "utf-8", "utf8-ucs2": "utf-8", "utf8-ucs4": "utf-8", "cp65001": "utf-8",
	"646": "ascii", "us": "ascii", "us-ascii": "ascii", "ansi-x3.4-1968": "ascii", "iso646-us": "ascii",
	"latin2": "iso-8859-2", "l2": "iso-8859-2", "latin3": "iso-8859-3", "latin4": "iso-8859-4",
	"cyrillic": "iso-8859-5", "arabic": "iso-8859-6", "greek": "iso-8859-7", "hebrew": "iso-8859-8",
	"latin5": "iso-8859-9", "latin6": "iso-8859-10", "thai": "iso-8859-11", "latin7": "iso-8859-13",
	"latin8": "iso-8859-14", "latin9": "iso-8859-15", "latin10": "iso-8859-16",
	"koi8r": "koi8-r", "koi8u": "koi8-u", "sjis": "shift_jis", "shiftjis": "shift_jis", "s-jis": "shift_jis",
	"eucjp": "euc-jp", "ujis": "euc-jp", "euckr": "euc-kr", "gb2312-1980": "gb2312", "big5-tw": "big5",
	"utf-16le": "utf-16le", "utf-16be": "utf-16be", "u16": "utf-16",
}

func lookupEncoding(name string) encoding.Encoding {
	if alias, ok := pythonAliases[strings.ReplaceAll(name, " ", "-")]; ok {
		name = alias
	}
	switch name {
	case "iso-8859-1", "latin1", "l1":
		// Python's latin-1 maps every byte to the same code point (not windows-1252).
		return latin1{}
	case "ascii", "us-ascii", "646":
		return asciiEncoding{}
	case "utf-16":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	}
	if e, err := ianaindex.IANA.Encoding(name); err == nil && e != nil {
		if cm, ok := e.(*charmap.Charmap); ok && strings.HasPrefix(name, "iso-8859-") {
			return isoCharmap{cm}
		}
		return e
	}
	if e, err := htmlindex.Get(name); err == nil && e != nil {
		return e
	}
	if strings.HasPrefix(name, "cp") {
		if e, err := ianaindex.IANA.Encoding("windows-" + name[2:]); err == nil && e != nil {
			return e
		}
		if e, err := ianaindex.IANA.Encoding("IBM" + name[2:]); err == nil && e != nil {
			return e
		}
	}
	return nil
}

// invalidUTF8 describes the first invalid UTF-8 sequence the way CPython does.
func invalidUTF8(src string) *Error {
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return &Error{Line: line, Msg: fmt.Sprintf("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte", src[i], i)}
		}
		if src[i] == '\n' {
			line++
		}
		i += size
	}
	return &Error{Line: line, Msg: "invalid UTF-8"}
}

func normalizeNewlines(src string) string {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
