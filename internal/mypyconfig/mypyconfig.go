// Package mypyconfig reads what a project's mypy configuration says about annotations: the
// modules in which mypy requires every function to be annotated (strict = true, or
// disallow_untyped_defs = true), and those it does not check (ignore_errors = true). A team
// that runs mypy that way has declared those modules typed; buttress's TYP rules hold them to
// it, without running mypy or installing anything.
//
// The file is found as mypy finds it in the directory it runs from (here, the project root):
// mypy.ini, then .mypy.ini, then pyproject.toml when it has a [tool.mypy] table, then setup.cfg
// when it has a [mypy] section. The options a module gets are mypy's: the global section, then
// every per-module section whose pattern matches it ([mypy-pkg.*] in an INI file,
// [[tool.mypy.overrides]] with module = "pkg.*" in pyproject.toml), from the least specific
// pattern to the most specific (a pattern with a * inside, then pkg.*, then pkg.sub.*, then
// the module's own name), each setting what it sets.
package mypyconfig

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/ini.v1"

	"github.com/buttresspy/buttress/internal/config"
)

// Config is the part of a mypy configuration about annotations.
type Config struct {
	File     string // the file read, relative to the project root
	global   options
	sections []section
}

// options are the settings of one section; nil means not set there.
type options struct {
	untypedDefs  *bool // disallow_untyped_defs, or strict in the global section
	ignoreErrors *bool
}

type section struct {
	patterns []string
	globs    []*regexp.Regexp // for each pattern with a * inside: what it matches; else nil
	options
}

// newSection makes the section of patterns, with the regular expressions of its unstructured
// patterns compiled once (nil for one that cannot be, see compileGlob).
func newSection(patterns []string, o options) section {
	s := section{patterns: patterns, globs: make([]*regexp.Regexp, len(patterns)), options: o}
	for i, p := range patterns {
		if specificity(p) == 0 {
			s.globs[i] = compileGlob(p)
		}
	}
	return s
}

// Error is a mypy configuration that cannot be read.
type Error struct {
	File string // relative to the project root
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// Load reads the mypy configuration of the project at root; it returns nil when there is
// none. A file that does not parse is an error that names it.
func Load(root string) (*Config, error) {
	for _, name := range []string{"mypy.ini", ".mypy.ini", "pyproject.toml", "setup.cfg"} {
		data, err := config.ReadFile(filepath.Join(root, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fileError(err, name)
		}
		var c *Config
		if name == "pyproject.toml" {
			c, err = parseTOML(data)
		} else {
			c, err = parseINI(data, name != "setup.cfg")
		}
		if err != nil {
			return nil, &Error{File: name, Msg: "mypy's configuration does not parse: " + strings.Join(strings.Fields(err.Error()), " ")}
		}
		if c != nil {
			c.File = name
			return c, nil
		}
	}
	return nil, nil
}

// fileError is the Error for a file that config.ReadFile could not read: it names the
// file, or the directory at fault.
func fileError(err error, name string) *Error {
	var fe *config.FileError
	if errors.As(err, &fe) {
		return &Error{File: fe.Shown(name), Msg: fe.Why}
	}
	return &Error{File: name, Msg: err.Error()}
}

// parseINI reads mypy.ini, .mypy.ini or setup.cfg. own says the file is mypy's own, used even
// without a [mypy] section (as mypy does); setup.cfg counts only with one.
func parseINI(data []byte, own bool) (*Config, error) {
	f, err := ini.LoadSources(ini.LoadOptions{
		IgnoreInlineComment: true, AllowPythonMultilineValues: true, KeyValueDelimiters: "=:",
		InsensitiveKeys: true, SkipUnrecognizableLines: true,
	}, data)
	if err != nil {
		return nil, err
	}
	c := &Config{}
	found := false
	for _, s := range f.Sections() {
		name := s.Name()
		switch {
		case name == "mypy":
			found = true
			c.global.untypedDefs = iniBool(s, "disallow_untyped_defs")
			if strict := iniBool(s, "strict"); strict != nil && *strict && c.global.untypedDefs == nil {
				c.global.untypedDefs = strict
			}
			c.global.ignoreErrors = iniBool(s, "ignore_errors")
		case strings.HasPrefix(name, "mypy-"):
			var patterns []string
			for _, p := range strings.Split(strings.TrimPrefix(name, "mypy-"), ",") {
				if p = strings.TrimSpace(p); p != "" {
					patterns = append(patterns, p)
				}
			}
			c.sections = append(c.sections, newSection(patterns, options{iniBool(s, "disallow_untyped_defs"), iniBool(s, "ignore_errors")}))
		}
	}
	if !found && !own {
		return nil, nil
	}
	return c, nil
}

// iniBool reads a boolean as configparser's getboolean does; nil when the key is not set or
// is not a boolean.
func iniBool(s *ini.Section, key string) *bool {
	if !s.HasKey(key) {
		return nil
	}
	switch strings.ToLower(strings.TrimSpace(s.Key(key).String())) {
	case "1", "yes", "true", "on":
		t := true
		return &t
	case "0", "no", "false", "off":
		f := false
		return &f
	}
	return nil
}

// parseTOML reads pyproject.toml's [tool.mypy]; nil when it has none.
func parseTOML(data []byte) (*Config, error) {
	var doc struct {
		Tool struct {
			Mypy map[string]any `toml:"mypy"`
		} `toml:"tool"`
	}
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	m := doc.Tool.Mypy
	if m == nil {
		return nil, nil
	}
	c := &Config{}
	c.global.untypedDefs = tomlBool(m, "disallow_untyped_defs")
	if strict := tomlBool(m, "strict"); strict != nil && *strict && c.global.untypedDefs == nil {
		c.global.untypedDefs = strict
	}
	c.global.ignoreErrors = tomlBool(m, "ignore_errors")
	overrides, _ := m["overrides"].([]any)
	for _, o := range overrides {
		t, ok := o.(map[string]any)
		if !ok {
			continue
		}
		var patterns []string
		switch mod := t["module"].(type) {
		case string:
			patterns = []string{mod}
		case []any:
			for _, p := range mod {
				if s, ok := p.(string); ok {
					patterns = append(patterns, s)
				}
			}
		}
		c.sections = append(c.sections, newSection(patterns, options{tomlBool(t, "disallow_untyped_defs"), tomlBool(t, "ignore_errors")}))
	}
	return c, nil
}

func tomlBool(m map[string]any, key string) *bool {
	if b, ok := m[key].(bool); ok {
		return &b
	}
	return nil
}

// specificity orders mypy's module patterns: an unstructured pattern (a * inside) is the
// least specific, then pkg.* by the length of its prefix, then a concrete module name.
func specificity(pattern string) int {
	switch {
	case strings.HasSuffix(pattern, ".*") && !strings.Contains(strings.TrimSuffix(pattern, ".*"), "*"):
		return 1 + strings.Count(pattern, ".")
	case strings.Contains(pattern, "*"):
		return 0
	}
	return 1 << 20
}

// matches reports whether a mypy module pattern matches a dotted module name: "pkg.*" matches
// pkg and every module below it; a pattern with a * inside is matched by glob, its regular
// expression (see compileGlob); any other is a module name.
func matches(pattern string, glob *regexp.Regexp, module string) bool {
	if glob != nil {
		return glob.MatchString(module)
	}
	if prefix, ok := strings.CutSuffix(pattern, ".*"); ok && !strings.Contains(prefix, "*") {
		return module == prefix || strings.HasPrefix(module, prefix+".")
	}
	return pattern == module
}

// compileGlob turns a pattern with a * inside into a regular expression as mypy does: a * in
// the first place stands for any text, a * after it for zero or more name parts
// ("app.*.migrations" matches app.migrations and app.a.b.migrations). Go's regular
// expressions take time linear in the module name, whatever the pattern: matching part by
// part with backtracking took exponential time on a pattern of many *s.
func compileGlob(pattern string) *regexp.Regexp {
	parts := strings.Split(pattern, ".")
	var b strings.Builder
	b.WriteString("^")
	for i, part := range parts {
		switch {
		case i == 0 && part == "*":
			b.WriteString(".*")
		case i == 0:
			b.WriteString(regexp.QuoteMeta(part))
		case part == "*":
			b.WriteString(`(\..*)?`)
		default:
			b.WriteString(regexp.QuoteMeta("." + part))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		// Text that is not UTF-8, which no module name is: the pattern matches nothing
		// (matches then compares it with the name, which is never equal).
		return nil
	}
	return re
}

// RequiresAnnotations reports whether mypy, with this configuration, requires every function
// of the module to be annotated: disallow_untyped_defs (or strict) applies to it, and its
// errors are not ignored.
func (c *Config) RequiresAnnotations(module string) bool {
	if c == nil || module == "" {
		return false
	}
	o := c.global
	type hit struct {
		spec, order int
		options
	}
	var hits []hit
	for i, s := range c.sections {
		best := -1
		for j, p := range s.patterns {
			if matches(p, s.globs[j], module) && specificity(p) > best {
				best = specificity(p)
			}
		}
		if best >= 0 {
			hits = append(hits, hit{best, i, s.options})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].spec < hits[j].spec })
	for _, h := range hits {
		if h.untypedDefs != nil {
			o.untypedDefs = h.untypedDefs
		}
		if h.ignoreErrors != nil {
			o.ignoreErrors = h.ignoreErrors
		}
	}
	return o.untypedDefs != nil && *o.untypedDefs && (o.ignoreErrors == nil || !*o.ignoreErrors)
}

// Fingerprint returns a digest of what RequiresAnnotations answers: two configurations with
// the same fingerprint answer the same for every module (with the same build of buttress).
// It covers the global section and each per-module section's patterns and options, in order;
// the file's name, which changes no answer, is left out.
func (c *Config) Fingerprint() []byte {
	h := sha256.New()
	str := func(v string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(v)))])
		h.Write([]byte(v))
	}
	opt := func(b *bool) {
		switch {
		case b == nil:
			str("unset")
		case *b:
			str("true")
		default:
			str("false")
		}
	}
	opts := func(o options) {
		opt(o.untypedDefs)
		opt(o.ignoreErrors)
	}
	if c == nil {
		str("no configuration")
		return h.Sum(nil)
	}
	opts(c.global)
	str(strconv.Itoa(len(c.sections)))
	for _, s := range c.sections {
		str(strconv.Itoa(len(s.patterns)))
		for _, p := range s.patterns {
			str(p)
		}
		opts(s.options)
	}
	return h.Sum(nil)
}
