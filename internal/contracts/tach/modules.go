package tach

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/buttresspy/buttress/internal/contracts"
)

// module is one tach module: one path of a [[modules]] entry, or a domain's [root].
type module struct {
	src     *source
	key     string // its table: "modules[2]", or "root" in a domain file
	pathKey string // where its path is written
	path    string // dotted and resolved; rootModule for tach's <root>

	deps      []dep // depends_on
	anyDep    bool  // depends_on left out: it may import any module
	cannot    []dep // cannot_depend_on
	depsExt   *[]string
	extKey    string // where depends_on_external or cannot_depend_on_external is written
	cannotExt []string
	layer     string
	layerKey  string
	// visibility: the patterns, as tach matches them, of the modules that may depend on it;
	// nil when every module may.
	visibility []string
	visKey     string
	utility    bool
	unchecked  bool
	dup        bool // declared a second time
}

// dep is one entry of depends_on or cannot_depend_on.
type dep struct {
	path       string // resolved; tach's glob syntax ("*", "**" segments) left as written
	key        string
	deprecated bool
}

// ifaceEntry is one [[interfaces]] entry.
type ifaceEntry struct {
	src    *source
	key    string
	from   []*regexp.Regexp // anchored as tach anchors them
	expose []string         // as Interface.Expose takes them
}

// addLayers reads layers: names, or { name = ..., closed = true } tables, highest first.
func (p *project) addLayers() {
	s := p.main
	first := map[string]int{}
	for i, v := range p.raw.Layers {
		key := fmt.Sprintf("layers[%d]", i)
		var l contracts.AllowedLayer
		switch v := v.(type) {
		case string:
			l.Name = v
		case map[string]any:
			var rl rawLayer
			if err := s.tbl.Decode(key, &rl); err != nil {
				p.addErr(err)
				continue
			}
			if rl.Name == nil {
				p.errorf(s, key, `this layer has no name: write { name = "core", closed = true }`)
				continue
			}
			l.Name, l.Closed = *rl.Name, rl.Closed
		default:
			p.errorf(s, key, `must be a layer name or a table such as { name = "core", closed = true }`)
			continue
		}
		if strings.TrimSpace(l.Name) == "" {
			p.errorf(s, key, "a layer name cannot be empty")
			continue
		}
		if j, dup := first[l.Name]; dup {
			p.errorf(s, key, "layer %q is listed twice (first as element %d): a layer has one place in the order", l.Name, j+1)
			continue
		}
		first[l.Name] = i
		p.layers = append(p.layers, l)
	}
}

// addModules reads [[modules]] entries.
func (p *project) addModules(s *source, mods []rawModule) {
	for i := range mods {
		r := &mods[i]
		key := fmt.Sprintf("modules[%d]", i)
		if r.Strict {
			p.fail(s, key+".strict", `tach's "strict" = true is not supported by buttress: it is tach's old way of declaring a module's interface, `+
				`which tach itself turns into an [[interfaces]] entry; write that entry instead (expose = [...], from = ["`+pathOr(r)+`"]) and remove "strict"`)
		}
		switch {
		case r.Path != nil && r.Paths != nil:
			p.errorf(s, key, `this module has both "path" and "paths": write one of them ("paths" gives several modules one configuration)`)
			continue
		case r.Path == nil && r.Paths == nil:
			p.errorf(s, key, `this module has no "path": write path = "pkg.module" (or paths = [...] for several modules)`)
			continue
		}
		m := p.moduleFields(s, key, r)
		if r.Path != nil {
			p.addPath(m, key+".path", *r.Path)
			continue
		}
		for j, path := range *r.Paths {
			p.addPath(m, fmt.Sprintf("%s.paths[%d]", key, j), path)
		}
	}
}

func pathOr(r *rawModule) string {
	if r.Path != nil {
		return *r.Path
	}
	return "..."
}

// addPath adds the module m describes at the path written at key.
func (p *project) addPath(m *module, key, written string) {
	mod := *m
	mod.pathKey = key
	if m.src.domain == "" && (written == rootModule || written == ".") {
		mod.path = rootModule
		p.modules = append(p.modules, &mod)
		return
	}
	mod.path = m.src.modulePath(written)
	if hasGlobSyntax(written) {
		p.fail(m.src, key, fmt.Sprintf("tach's module glob %q is not supported by buttress: it stands for every module it matches, each a tach module "+
			"of its own, and which modules those are only a scan of the project tells; list the modules by name "+
			`(paths = ["a.b", "a.c"] gives several modules one configuration)`, written))
		return
	}
	if err := contracts.ValidExpression(mod.path); err != nil {
		p.errorf(m.src, key, "%s", notModulePath(err))
		return
	}
	p.modules = append(p.modules, &mod)
}

// moduleFields reads what a module entry says about its module, whatever its path.
func (p *project) moduleFields(s *source, key string, r *rawModule) *module {
	m := &module{src: s, key: key, utility: r.Utility, unchecked: r.Unchecked}
	if r.DependsOn == nil {
		m.anyDep = true
	} else {
		m.deps = p.deps(s, key+".depends_on", *r.DependsOn)
	}
	if r.CannotDependOn != nil {
		m.cannot = p.deps(s, key+".cannot_depend_on", *r.CannotDependOn)
	}
	if r.Layer != nil {
		m.layer, m.layerKey = *r.Layer, key+".layer"
	}
	if r.Visibility != nil {
		m.visKey = key + ".visibility"
		m.visibility = []string{}
		for j, v := range *r.Visibility {
			v = s.reference(v)
			k := fmt.Sprintf("%s[%d]", m.visKey, j)
			if v == "*" || v == "**" {
				m.visibility = nil // everyone
				break
			}
			if _, err := visibilityExpr(v); err != nil {
				p.errorf(s, k, "%v", err)
				continue
			}
			m.visibility = append(m.visibility, v)
		}
	}
	ext := func(name string, list []string) []string {
		var out []string
		for j, n := range list {
			if !isIdentifier(n) {
				p.errorf(s, fmt.Sprintf("%s.%s[%d]", key, name, j),
					"%q is not a top-level module name: tach compares these names with the first part of each import (write \"dateutil\", not \"python-dateutil\")", n)
				continue
			}
			out = append(out, n)
		}
		return out
	}
	if r.DependsOnExternal != nil {
		names := ext("depends_on_external", *r.DependsOnExternal)
		m.depsExt, m.extKey = &names, key+".depends_on_external"
		if len(*r.DependsOnExternal) == 0 {
			p.fail(s, m.extKey, `tach's empty "depends_on_external" is not supported by buttress: it forbids every third-party import, `+
				"and buttress's external contracts can only list the names allowed; list at least one name, or leave the key out")
		}
	}
	if r.CannotDependOnExternal != nil {
		m.cannotExt = ext("cannot_depend_on_external", r.CannotDependOnExternal)
		if m.extKey == "" {
			m.extKey = key + ".cannot_depend_on_external"
		}
	}
	return m
}

// deps reads depends_on or cannot_depend_on: module paths, or { path = ..., deprecated = true }.
func (p *project) deps(s *source, key string, items []any) []dep {
	var out []dep
	for j, v := range items {
		k := fmt.Sprintf("%s[%d]", key, j)
		d := dep{key: k}
		switch v := v.(type) {
		case string:
			d.path = v
		case map[string]any:
			var rd rawDep
			if err := s.tbl.Decode(k, &rd); err != nil {
				p.addErr(err)
				continue
			}
			if rd.Path == nil {
				p.errorf(s, k, `this dependency has no path: write { path = "pkg.module", deprecated = true }`)
				continue
			}
			d.path, d.deprecated = *rd.Path, rd.Deprecated
		default:
			p.errorf(s, k, `must be a module path or a table such as { path = "pkg.module", deprecated = true }`)
			continue
		}
		written := d.path
		d.path = s.reference(d.path)
		if d.path != rootModule {
			if msg := checkPattern(written, d.path); msg != "" {
				p.fail(s, k, describeKey(k)+": "+msg)
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// checkPattern checks a module path of depends_on or cannot_depend_on (resolved from written):
// dotted names whose segments may be "*" or "**", as tach's globs are.
func checkPattern(written, resolved string) string {
	for _, seg := range strings.Split(resolved, ".") {
		if seg != "*" && seg != "**" && hasGlobSyntax(seg) {
			return fmt.Sprintf("tach's glob %q is not supported by buttress: a wildcard must be a whole segment (\"pkg.*\", \"pkg.**\"), "+
				"with no other glob syntax (\"?\", \"[...]\", \"{...}\"); list the modules by name", written)
		}
	}
	if err := contracts.ValidExpression(resolved); err != nil {
		return notModulePath(err)
	}
	return ""
}

func notModulePath(err error) string {
	return fmt.Sprintf(`%v (a module path is dotted Python names, as in "pkg.sub")`, err)
}

// hasGlobSyntax reports whether s holds tach's (globset's) glob syntax.
func hasGlobSyntax(s string) bool { return strings.ContainsAny(s, "*?[]{}") }

func isIdentifier(s string) bool {
	return s != "" && !strings.Contains(s, ".") && !strings.Contains(s, "*") && contracts.ValidExpression(s) == nil
}

// addInterfaces reads [[interfaces]] entries.
func (p *project) addInterfaces(s *source, list []rawInterface) {
	for i, r := range list {
		key := fmt.Sprintf("interfaces[%d]", i)
		e := &ifaceEntry{src: s, key: key}
		ok := true
		if r.Expose == nil {
			p.errorf(s, key, `this interface has no "expose": list the names other modules may import (regular expressions, such as "get_.*")`)
			ok = false
		}
		if r.Visibility != nil {
			p.fail(s, key+".visibility", `tach's interface "visibility" is not supported by buttress: an interface applies to every module `+
				"outside its package, it cannot show more to some importers than to others; remove visibility (and exclusive) and "+
				"put the names in the expose list every module sees, or keep using tach for this interface")
			ok = false
		}
		if r.DataTypes != nil {
			switch *r.DataTypes {
			case "all":
			case "primitive":
				p.fail(s, key+".data_types", `tach's interface "data_types" = "primitive" is not supported by buttress: `+
					`buttress does not check the types of what an interface exposes; set it to "all" or leave it out`)
				ok = false
			default:
				p.errorf(s, key+".data_types", `must be "all" or "primitive", not %q`, *r.DataTypes)
				ok = false
			}
		}
		from := []string{".*"} // tach's default: every module
		if r.From != nil {
			from = *r.From
		}
		for j, f := range from {
			switch {
			case s.domain == "":
			case f == "<domain_root>":
				f = s.domain
			default:
				f = s.domain + "." + f
			}
			re, err := regexp.Compile("^" + f + "$")
			if err != nil {
				p.errorf(s, fmt.Sprintf("%s.from[%d]", key, j), "%q is not a regular expression: %v", f, reError(err))
				ok = false
				continue
			}
			e.from = append(e.from, re)
		}
		if r.Expose != nil {
			for j, x := range *r.Expose {
				if _, err := regexp.Compile("^" + x + "$"); err != nil {
					p.errorf(s, fmt.Sprintf("%s.expose[%d]", key, j), "%q is not a regular expression: %v", x, reError(err))
					ok = false
					continue
				}
				e.expose = append(e.expose, exposeExpr(x))
			}
		}
		if ok {
			p.interfaces = append(p.interfaces, e)
		}
	}
}

// reError drops the repetition of the pattern from a regexp error.
func reError(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": `"); i >= 0 {
		return strings.TrimPrefix(s[:i], "error parsing regexp: ")
	}
	return strings.TrimPrefix(s, "error parsing regexp: ")
}

// exposeExpr turns an expose pattern into the regular expression Interface.Expose takes.
// tach matches "^" + pattern + "$", so that in "a|b" the "^" binds to a and the "$" to b
// (a name that starts with a, or ends with b); buttress matches a whole name. A pattern with
// such a top-level "|" is wrapped so that it keeps tach's meaning; any other is kept as
// written.
func exposeExpr(x string) string {
	if !topLevelAlternation(x) {
		return x
	}
	return `(?s:.*)(?:^` + x + `$)(?s:.*)`
}

// topLevelAlternation reports whether the regular expression has a "|" outside every group
// and class.
func topLevelAlternation(x string) bool {
	depth, class := 0, false
	for i := 0; i < len(x); i++ {
		switch c := x[i]; {
		case c == '\\':
			i++
		case class:
			if c == ']' {
				class = false
			}
		case c == '[':
			class = true
			if i+1 < len(x) && x[i+1] == '^' {
				i++
			}
			if i+1 < len(x) && x[i+1] == ']' {
				i++ // a ']' first in a class is a literal
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return true
		}
	}
	return false
}

// visibilityExpr turns a visibility pattern into a module expression. tach matches it as a
// glob on the dotted path, where "*" spans dots: "a.*" is every module below a.
func visibilityExpr(v string) (string, error) {
	segs := strings.Split(v, ".")
	for i, seg := range segs {
		switch {
		case seg == "*" || seg == "**":
			segs[i] = "**"
		case hasGlobSyntax(seg):
			return "", fmt.Errorf("tach's visibility pattern %q is not supported by buttress: a wildcard must be a whole segment (\"pkg.*\"), "+
				"with no other glob syntax; list the modules by name", v)
		}
	}
	e := strings.Join(segs, ".")
	if err := contracts.ValidExpression(e); err != nil {
		return "", errors.New(notModulePath(err))
	}
	return e, nil
}

// visibilityMatcher matches module paths as tach matches a visibility pattern.
func visibilityMatcher(v string) *regexp.Regexp {
	parts := strings.Split(v, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// describeKey names a key in messages as package config does: "depends_on", or
// "depends_on" element 2.
func describeKey(key string) string {
	elems := strings.Split(key, ".")
	last := elems[len(elems)-1]
	name, rest, _ := strings.Cut(last, "[")
	s := strconv.Quote(name)
	for rest != "" {
		var n string
		n, rest, _ = strings.Cut(rest, "]")
		rest = strings.TrimPrefix(rest, "[")
		if i, err := strconv.Atoi(n); err == nil {
			s += fmt.Sprintf(" element %d", i+1)
		}
	}
	return s
}
