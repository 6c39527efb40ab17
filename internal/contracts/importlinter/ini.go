package importlinter

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/ini.v1"

	"github.com/buttresspy/buttress/internal/config"
)

// INI files are read the way import-linter reads them: with Python's configparser in its
// default set-up (ConfigParser()). In short:
//
//   - "key = value" and "key: value", split at the first "=" or ":"; keys are lower-cased
//     (optionxform), section names are not;
//   - a line indented deeper than its key continues the key's value; blank lines inside a
//     value are kept, trailing ones are dropped;
//   - a line whose first non-blank character is "#" or ";" is a comment, even among the lines
//     of a value; there are no inline comments ("a  # b" is the value "a  # b");
//   - duplicate sections and duplicate keys in a section are errors (strict mode), as is a
//     line before the first section header or a line without "=" or ":";
//   - [DEFAULT] values apply to every section;
//   - values are interpolated: "%(key)s" is the value of another key, "%%" is "%".
//
// gopkg.in/ini.v1 parses the sections. It does not follow configparser everywhere (it ends a
// value at a blank line, reads indented comment lines as part of the value, and any indented
// line as a continuation, whatever the key's indentation), so a scan of the file that follows
// configparser's rules first classifies each line, gives the positions that ini.v1 does not
// keep, and hands ini.v1 the sections in the shape on which both agree. The two readings are
// then compared: where they differ (ini.v1 reads quotes, backquotes and a "-" key specially),
// the value is reported rather than guessed.

// iniPiece is one line of a value: the text after the delimiter on the key's line, or a
// continuation line, stripped; "" for a blank line inside the value.
type iniPiece struct {
	text string
	line int
}

type iniOption struct {
	key    string // lower-cased
	line   int
	pieces []iniPiece
}

// value is the option's raw value as configparser gives it before interpolation.
func (o *iniOption) value() string {
	s := make([]string, len(o.pieces))
	for i, p := range o.pieces {
		s[i] = p.text
	}
	return strings.TrimRightFunc(strings.Join(s, "\n"), unicode.IsSpace)
}

type iniSection struct {
	name  string
	line  int
	opts  []*iniOption
	byKey map[string]*iniOption
	lines []int // indexes into the file's lines of its header, key and continuation lines
	kinds []lineKind
}

type lineKind uint8

const (
	lineHeader lineKind = iota
	lineKey
	lineContinuation
	lineBlankInValue
)

// iniFile is the result of the scan.
type iniFile struct {
	file     string
	text     []string // the lines, without line ends
	sections []*iniSection
	byName   map[string]*iniSection
	defaults *iniSection // [DEFAULT]; nil when absent
}

// scanINI classifies the lines of data as configparser does.
func scanINI(data []byte, file string) (*iniFile, *config.Error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	f := &iniFile{file: file, text: strings.Split(text, "\n"), byName: map[string]*iniSection{}}
	var (
		cur    *iniSection
		opt    *iniOption
		indent int // indentation of the last section header or key line
	)
	fail := func(n int, format string, args ...any) *config.Error {
		return &config.Error{File: file, Line: n, Msg: fmt.Sprintf(format, args...)}
	}
	for i, raw := range f.text {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			if line == "" && opt != nil {
				opt.pieces = append(opt.pieces, iniPiece{"", n})
				cur.lines = append(cur.lines, i)
				cur.kinds = append(cur.kinds, lineBlankInValue)
			}
			continue
		}
		lead := utf8.RuneCountInString(raw[:len(raw)-len(strings.TrimLeftFunc(raw, unicode.IsSpace))])
		if opt != nil && lead > indent {
			opt.pieces = append(opt.pieces, iniPiece{line, n})
			cur.lines = append(cur.lines, i)
			cur.kinds = append(cur.kinds, lineContinuation)
			continue
		}
		indent = lead
		if name, ok := sectionHeader(line); ok {
			opt = nil
			if name == ini.DefaultSection {
				if f.defaults == nil {
					f.defaults = &iniSection{name: name, line: n, byKey: map[string]*iniOption{}}
				}
				cur = f.defaults
			} else {
				if prev := f.byName[name]; prev != nil {
					return nil, fail(n, "section [%s] is already defined at line %d; configparser (which import-linter uses) rejects a repeated section: merge them", name, prev.line)
				}
				cur = &iniSection{name: name, line: n, byKey: map[string]*iniOption{}}
				f.sections = append(f.sections, cur)
				f.byName[name] = cur
			}
			cur.lines = append(cur.lines, i)
			cur.kinds = append(cur.kinds, lineHeader)
			continue
		}
		if cur == nil {
			return nil, fail(n, "%q comes before the first [section] header; configparser (which import-linter uses) rejects the file", line)
		}
		at := strings.IndexAny(line, "=:")
		if at < 0 {
			return nil, fail(n, "[%s] %q is neither \"key = value\" nor a continuation line (indent it deeper than its key to continue a value); configparser (which import-linter uses) rejects the file", cur.name, line)
		}
		key := strings.ToLower(strings.TrimRightFunc(line[:at], unicode.IsSpace))
		if key == "" {
			return nil, fail(n, "[%s] %q has no key before %q", cur.name, line, line[at:at+1])
		}
		if prev := cur.byKey[key]; prev != nil {
			return nil, fail(n, "[%s] %q is already set at line %d; configparser (which import-linter uses) rejects a repeated key", cur.name, key, prev.line)
		}
		opt = &iniOption{key: key, line: n, pieces: []iniPiece{{strings.TrimSpace(line[at+1:]), n}}}
		cur.opts = append(cur.opts, opt)
		cur.byKey[key] = opt
		cur.lines = append(cur.lines, i)
		cur.kinds = append(cur.kinds, lineKey)
	}
	for _, s := range append([]*iniSection{f.defaults}, f.sections...) {
		if s != nil {
			s.dropTrailingBlanks()
		}
	}
	return f, nil
}

// sectionHeader reads "[name]" as configparser's SECTCRE does: from the first "[" to the last
// "]", with at least one character between.
func sectionHeader(line string) (string, bool) {
	end := strings.LastIndexByte(line, ']')
	if line[0] != '[' || end < 2 {
		return "", false
	}
	return line[1:end], true
}

// dropTrailingBlanks removes the blank lines that follow the last line of each value: they
// are not part of it (configparser strips them when it joins the value).
func (s *iniSection) dropTrailingBlanks() {
	for _, o := range s.opts {
		for len(o.pieces) > 1 && o.pieces[len(o.pieces)-1].text == "" {
			o.pieces = o.pieces[:len(o.pieces)-1]
		}
	}
	keep := func(k int) bool {
		if s.kinds[k] != lineBlankInValue {
			return true
		}
		for j := k + 1; j < len(s.kinds); j++ {
			switch s.kinds[j] {
			case lineContinuation:
				return true
			case lineHeader, lineKey:
				return false
			}
		}
		return false
	}
	var lines []int
	var kinds []lineKind
	for k := range s.kinds {
		if keep(k) {
			lines, kinds = append(lines, s.lines[k]), append(kinds, s.kinds[k])
		}
	}
	s.lines, s.kinds = lines, kinds
}

// forIni writes sections in the shape that ini.v1 reads as configparser does: comments and
// trailing blank lines left out, section headers and keys at the start of the line, each
// continuation line indented, blank lines inside a value as a single space.
func (f *iniFile) forIni(sections []*iniSection) []byte {
	var b strings.Builder
	for _, s := range sections {
		for k, i := range s.lines {
			line := strings.TrimSpace(f.text[i])
			switch s.kinds[k] {
			case lineContinuation:
				b.WriteString("\t")
			case lineBlankInValue:
				line = " "
			}
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

// readIni parses sections with ini.v1 and checks that it reads the same keys and values as
// the scan; it returns the values by section and key.
func (f *iniFile) readIni(sections []*iniSection) (map[string]map[string]string, []*config.Error) {
	data := f.forIni(sections)
	file, err := ini.LoadSources(ini.LoadOptions{
		InsensitiveKeys:            true,
		IgnoreContinuation:         true,
		IgnoreInlineComment:        true,
		PreserveSurroundedQuote:    true,
		AllowPythonMultilineValues: true,
		KeyValueDelimiters:         "=:",
		ReaderBufferSize:           len(data) + 1,
	}, data)
	if err != nil {
		// Quotes that open a value on several lines are the only text left that ini.v1 reads
		// as syntax: point at them.
		for _, s := range sections {
			for _, o := range s.opts {
				if v := o.pieces[0].text; strings.HasPrefix(v, `"""`) || strings.HasPrefix(v, "`") || strings.HasPrefix(o.key, `"`) || strings.HasPrefix(o.key, "`") {
					return nil, []*config.Error{{File: f.file, Line: o.line, Table: s.name, Key: o.key,
						Msg: fmt.Sprintf("cannot read %q the way import-linter (Python's configparser) does: the INI reader takes a leading \"\"\" or backquote as the start of a quoted text (%v): rewrite the line", o.key, err)}}
				}
			}
		}
		return nil, []*config.Error{{File: f.file, Msg: fmt.Sprintf("cannot read the import-linter sections: %v", err)}}
	}
	values := map[string]map[string]string{}
	var errs []*config.Error
	for _, s := range sections {
		sec, err := file.GetSection(s.name)
		if err != nil {
			errs = append(errs, &config.Error{File: f.file, Line: s.line, Table: s.name, Msg: "the INI reader lost this section; please report this"})
			continue
		}
		got := map[string]string{}
		for _, k := range sec.Keys() {
			lines := strings.Split(k.Value(), "\n")
			for i := range lines {
				lines[i] = strings.TrimSpace(lines[i])
			}
			got[k.Name()] = strings.TrimRightFunc(strings.Join(lines, "\n"), unicode.IsSpace)
		}
		seen := map[string]bool{}
		for _, o := range s.opts {
			seen[o.key] = true
			if v, ok := got[o.key]; !ok || v != o.value() {
				errs = append(errs, &config.Error{File: f.file, Line: o.line, Table: s.name, Key: o.key,
					Msg: fmt.Sprintf("cannot read %q the way import-linter (Python's configparser) does: the INI reader sees %q where configparser sees %q (values that start with \"\"\" or a backquote, and a key named \"-\", are read specially): rewrite the line", o.key, v, o.value())})
			}
		}
		for k := range got {
			if !seen[k] {
				errs = append(errs, &config.Error{File: f.file, Line: s.line, Table: s.name, Key: k,
					Msg: fmt.Sprintf("the INI reader sees a key %q that configparser does not (quoted keys are read specially): rewrite the section", k)})
			}
		}
		values[s.name] = got
	}
	return values, errs
}

// interpolate expands configparser's BasicInterpolation in v: "%%" is "%", "%(key)s" is the
// value of key in the same section (or [DEFAULT]), itself interpolated, at most 10 levels deep.
func interpolate(v string, lookup func(string) (string, bool), depth int) (string, error) {
	if depth > 10 {
		return "", fmt.Errorf("%%(...)s references nest more than 10 levels deep (a reference loop?)")
	}
	var b strings.Builder
	for {
		p := strings.IndexByte(v, '%')
		if p < 0 {
			b.WriteString(v)
			return b.String(), nil
		}
		b.WriteString(v[:p])
		v = v[p:]
		switch {
		case strings.HasPrefix(v, "%%"):
			b.WriteString("%")
			v = v[2:]
		case strings.HasPrefix(v, "%("):
			end := strings.IndexByte(v, ')')
			if end < 3 || !strings.HasPrefix(v[end:], ")s") {
				return "", fmt.Errorf("bad reference %q: configparser (which import-linter uses) reads \"%%(key)s\" as the value of another key; write %%%% for a percent sign", cut(v))
			}
			name := strings.ToLower(v[2:end])
			ref, ok := lookup(name)
			if !ok {
				return "", fmt.Errorf("%q refers to a key %q that the section does not have; write %%%% for a percent sign", v[:end+2], name)
			}
			if strings.Contains(ref, "%") {
				var err error
				if ref, err = interpolate(ref, lookup, depth+1); err != nil {
					return "", err
				}
			}
			b.WriteString(ref)
			v = v[end+2:]
		default:
			return "", fmt.Errorf("a lone %% in %q: configparser (which import-linter uses) reads \"%%(key)s\" as the value of another key, so a percent sign must be written %%%%", cut(v))
		}
	}
}

func cut(s string) string {
	if len(s) > 20 {
		return s[:20] + "..."
	}
	return s
}
