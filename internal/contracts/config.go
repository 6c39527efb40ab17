package contracts

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/imports"
)

// rawContract is one [[tool.buttress.contracts]] table, with every key of every type; which
// keys a type takes is checked after decoding.
type rawContract struct {
	Name             string   `toml:"name"`
	Type             string   `toml:"type"`
	Kinds            []string `toml:"kinds"`
	IgnoreImports    []string `toml:"ignore-imports" aka:"ignore_imports,ignore"`
	UnmatchedIgnores string   `toml:"unmatched-ignores" aka:"unmatched_ignore_imports_alerting"`
	Guidance         string   `toml:"guidance" aka:"broken_contract_guidance"`

	Layers            []layerEntry `toml:"layers"`
	Containers        []string     `toml:"containers"`
	Exhaustive        bool         `toml:"exhaustive"`
	ExhaustiveIgnores []string     `toml:"exhaustive-ignores" aka:"exhaustive_ignores"`

	SourceModules    []string `toml:"source-modules" aka:"source_modules,sources"`
	ForbiddenModules []string `toml:"forbidden-modules" aka:"forbidden_modules,forbidden"`
	AllowIndirect    bool     `toml:"allow-indirect" aka:"allow_indirect_imports,allow-indirect-imports"`
	ExactModules     bool     `toml:"exact-modules" aka:"exact"`

	Modules []moduleEntry `toml:"modules"`

	Packages        []string `toml:"packages" aka:"ancestors"`
	Depth           int      `toml:"depth"`
	SkipDescendants []string `toml:"skip-descendants" aka:"skip_descendants"`

	ProtectedModules []string `toml:"protected-modules" aka:"protected_modules"`
	AllowedImporters []string `toml:"allowed-importers" aka:"allowed_importers"`

	Expose []string `toml:"expose"`
	UseAll bool     `toml:"use-all" aka:"use_all"`

	Allow []string `toml:"allow"`
	Deny  []string `toml:"deny"`
}

// layerEntry is a layer: a string in import-linter's notation ("a | b", "a : b", "(a)"), or
// a table.
type layerEntry struct {
	Name        string   `toml:"name" aka:"module,layer"`
	Modules     []string `toml:"modules"`
	Independent *bool    `toml:"independent"`
	Optional    bool     `toml:"optional"`
	Closed      bool     `toml:"closed"`
	// MaxInstability bounds the layer's instability, Ce / (Ca + Ce) (see Layer).
	MaxInstability *float64 `toml:"max-instability"`
	text           string
}

func (l *layerEntry) UnmarshalText(b []byte) error {
	l.text = string(b)
	_, err := ParseLayer(l.text)
	return err
}

// moduleEntry is a module of an allowed contract (a table), or a plain module name.
type moduleEntry struct {
	Module         string   `toml:"module" aka:"path,name"`
	DependsOn      []string `toml:"depends-on" aka:"depends_on"`
	CannotDependOn []string `toml:"cannot-depend-on" aka:"cannot_depend_on"`
	Layer          string   `toml:"layer"`
	Utility        bool     `toml:"utility"`
	Visibility     []string `toml:"visibility"`
	Unchecked      bool     `toml:"unchecked"`
	text           bool     // written as a plain name
}

func (m *moduleEntry) UnmarshalText(b []byte) error {
	m.Module, m.text = string(b), true
	return ValidExpression(m.Module)
}

// keysOf lists the keys each type takes, beyond the common ones.
var keysOf = map[string][]string{
	"layers":       {"layers", "containers", "exhaustive", "exhaustive-ignores"},
	"forbidden":    {"source-modules", "forbidden-modules", "allow-indirect", "exact-modules"},
	"independence": {"modules"},
	"acyclic":      {"packages", "modules", "depth", "skip-descendants"},
	"allowed":      {"modules", "layers"},
	"protected":    {"protected-modules", "allowed-importers", "exact-modules"},
	"interface":    {"packages", "expose", "use-all"},
	"external":     {"modules", "allow", "deny"},
}

var commonKeys = []string{"name", "type", "kinds", "ignore-imports", "unmatched-ignores", "guidance"}

// Types lists the contract types, in the order the documentation gives them.
func Types() []string {
	return []string{"layers", "forbidden", "independence", "acyclic", "allowed", "interface", "external", "protected"}
}

// FromConfig decodes the contracts of a buttress configuration, [[tool.buttress.contracts]]
// (or [[contracts]] in buttress.toml). Every error names file, line and key.
func FromConfig(cfg *config.Config) ([]Contract, error) {
	var raw []map[string]any
	if err := cfg.Decode("contracts", &raw); err != nil {
		return nil, err
	}
	file := cfg.File
	if rel, err := filepath.Rel(cfg.Root, cfg.File); err == nil {
		file = filepath.ToSlash(rel)
	}
	var out []Contract
	names := map[string]int{}
	for i := range raw {
		key := fmt.Sprintf("contracts[%d]", i)
		var r rawContract
		if err := cfg.Decode(key, &r); err != nil {
			return nil, err
		}
		c, err := r.contract(cfg, key)
		if err != nil {
			return nil, err
		}
		if prev, ok := names[c.Name]; ok {
			return nil, cfg.Errorf(key+".name", "two contracts are named %q (the other is contract %d): give each its own name, findings show it", c.Name, prev+1)
		}
		names[c.Name] = i
		c.Origin = Origin{Tool: FromButtress, File: file, Line: cfg.Line(key)}
		for j := range c.IgnoreImports {
			c.IgnoreImports[j].Line = cfg.Line(fmt.Sprintf("%s.ignore-imports[%d]", key, j))
		}
		out = append(out, c)
	}
	return out, nil
}

func (r *rawContract) contract(cfg *config.Config, key string) (Contract, error) {
	at := func(k string) string { return key + "." + k }
	if r.Type == "" {
		return Contract{}, cfg.Errorf(key, "a contract needs a type: one of %s", strings.Join(Types(), ", "))
	}
	allowed, ok := keysOf[r.Type]
	if !ok {
		msg := fmt.Sprintf("unknown contract type %q (valid: %s)", r.Type, strings.Join(Types(), ", "))
		if s := config.Suggest(r.Type, Types()); s != "" {
			msg = fmt.Sprintf("unknown contract type %q (did you mean %q?)", r.Type, s)
		}
		return Contract{}, cfg.Errorf(at("type"), "%s", msg)
	}
	if r.Name == "" {
		return Contract{}, cfg.Errorf(key, "a contract needs a name: findings show it")
	}
	keys, err := cfg.Keys(key)
	if err != nil {
		return Contract{}, err
	}
	for _, k := range keys {
		if !slices.Contains(commonKeys, k) && !slices.Contains(allowed, k) {
			return Contract{}, cfg.Errorf(at(k), "%q does not apply to a %s contract (it takes %s)", k, r.Type, strings.Join(allowed, ", "))
		}
	}
	c := Contract{Name: r.Name, Guidance: r.Guidance}
	for j, k := range r.Kinds {
		kind, ok := imports.ParseKind(k)
		if !ok {
			return c, cfg.Errorf(fmt.Sprintf("%s[%d]", at("kinds"), j), "unknown import kind %q: use module, function or type_checking", k)
		}
		c.Kinds |= imports.Kinds(kind)
	}
	for j, s := range r.IgnoreImports {
		ig, err := ParseIgnoreImport(s)
		if err != nil {
			return c, cfg.Errorf(fmt.Sprintf("%s[%d]", at("ignore-imports"), j), "%v", err)
		}
		c.IgnoreImports = append(c.IgnoreImports, ig)
	}
	switch r.UnmatchedIgnores {
	case "", "error":
	case "warn":
		c.UnmatchedIgnores = AlertWarn
	case "none":
		c.UnmatchedIgnores = AlertNone
	default:
		return c, cfg.Errorf(at("unmatched-ignores"), "unmatched-ignores must be \"error\", \"warn\" or \"none\", not %q", r.UnmatchedIgnores)
	}
	exprs := func(k string, list []string, required bool) error {
		if required && len(list) == 0 {
			return cfg.Errorf(key, "a %s contract needs %s", r.Type, k)
		}
		for j, e := range list {
			if err := ValidExpression(e); err != nil {
				return cfg.Errorf(fmt.Sprintf("%s[%d]", at(k), j), "%v", err)
			}
		}
		return nil
	}
	var errs []error
	check := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	// moduleNames returns the modules key as plain names (the tables are for allowed contracts),
	// reporting each entry that is not one with msg.
	moduleNames := func(wildcards bool, msg string) []string {
		var out []string
		for j, m := range r.Modules {
			if !m.text || !wildcards && strings.Contains(m.Module, "*") {
				check(cfg.Errorf(fmt.Sprintf("%s[%d]", at("modules"), j), "%s", msg))
			}
			out = append(out, m.Module)
		}
		return out
	}
	switch r.Type {
	case "layers":
		s := &Layers{Containers: r.Containers, Exhaustive: r.Exhaustive, ExhaustiveIgnores: r.ExhaustiveIgnores}
		if len(r.Layers) < 2 {
			check(cfg.Errorf(key, "a layers contract needs at least two layers, from the highest to the lowest"))
		}
		for j, l := range r.Layers {
			layer, err := l.layer()
			if err != nil {
				check(cfg.Errorf(fmt.Sprintf("%s[%d]", at("layers"), j), "%v", err))
			}
			layer.Line = cfg.Line(fmt.Sprintf("%s[%d]", at("layers"), j))
			s.Layers = append(s.Layers, layer)
		}
		check(exprs("containers", r.Containers, false))
		c.Spec = s
	case "forbidden":
		check(exprs("source-modules", r.SourceModules, true))
		check(exprs("forbidden-modules", r.ForbiddenModules, true))
		c.Spec = &Forbidden{Sources: r.SourceModules, Forbidden: r.ForbiddenModules, AllowIndirect: r.AllowIndirect, ExactModules: r.ExactModules}
	case "independence":
		s := &Independence{Modules: moduleNames(true, "an independence contract lists module names, not tables")}
		if len(s.Modules) == 0 {
			check(cfg.Errorf(key, "an independence contract needs modules (two or more, or a wildcard)"))
		}
		c.Spec = s
	case "acyclic":
		s := &Acyclic{Packages: r.Packages, Depth: r.Depth, SkipDescendants: r.SkipDescendants,
			Modules: moduleNames(false, "an acyclic contract's modules are module names, without wildcards")}
		switch {
		case len(r.Packages) > 0 && len(r.Modules) > 0:
			check(cfg.Errorf(at("modules"), "give packages (cycles among the children of each) or modules (cycles among them), not both"))
		case len(r.Modules) == 0:
			check(exprs("packages", r.Packages, true))
		case r.Depth != 0 || len(r.SkipDescendants) > 0:
			check(cfg.Errorf(key, "depth and skip-descendants apply to packages, not to modules"))
		}
		check(exprs("skip-descendants", r.SkipDescendants, false))
		if r.Depth < 0 {
			check(cfg.Errorf(at("depth"), "depth must be 0 (every depth) or more, not %d", r.Depth))
		}
		c.Spec = s
	case "allowed":
		s := &Allowed{}
		for j, l := range r.Layers {
			layer, err := l.layer()
			if err == nil && len(layer.Modules) != 1 {
				err = fmt.Errorf("an allowed contract's layers are names, one per layer")
			}
			if err != nil {
				check(cfg.Errorf(fmt.Sprintf("%s[%d]", at("layers"), j), "%v", err))
				continue
			}
			s.Layers = append(s.Layers, AllowedLayer{Name: layer.Modules[0], Closed: layer.Closed})
		}
		for j, m := range r.Modules {
			mk := fmt.Sprintf("%s[%d]", at("modules"), j)
			check(exprs(mk+".depends-on", m.DependsOn, false))
			check(exprs(mk+".cannot-depend-on", m.CannotDependOn, false))
			check(exprs(mk+".visibility", m.Visibility, false))
			if m.Layer != "" && !slices.ContainsFunc(s.Layers, func(l AllowedLayer) bool { return l.Name == m.Layer }) {
				check(cfg.Errorf(mk+".layer", "layer %q is not in the contract's layers", m.Layer))
			}
			if strings.Contains(m.Module, "*") || m.Module == "" {
				check(cfg.Errorf(mk, "an allowed contract's modules are module names, without wildcards"))
			}
			am := AllowedModule{Module: m.Module, DependsOn: m.DependsOn, CannotDependOn: m.CannotDependOn, Layer: m.Layer,
				Utility: m.Utility, Visibility: m.Visibility, Unchecked: m.Unchecked}
			if m.Visibility == nil && cfg.IsSet(mk+".visibility") {
				am.Visibility = []string{}
			}
			s.Modules = append(s.Modules, am)
		}
		if len(s.Modules) == 0 {
			check(cfg.Errorf(key, "an allowed contract needs modules"))
		}
		c.Spec = s
	case "protected":
		check(exprs("protected-modules", r.ProtectedModules, true))
		check(exprs("allowed-importers", r.AllowedImporters, false))
		c.Spec = &Protected{Modules: r.ProtectedModules, AllowedImporters: r.AllowedImporters, ExactModules: r.ExactModules}
	case "interface":
		check(exprs("packages", r.Packages, true))
		c.Spec = &Interface{Packages: r.Packages, Expose: r.Expose, UseAll: r.UseAll}
	case "external":
		s := &External{Allow: r.Allow, Deny: r.Deny, Modules: moduleNames(true, "an external contract lists module names, not tables")}
		if len(s.Modules) == 0 {
			check(cfg.Errorf(key, "an external contract needs modules"))
		}
		if len(r.Allow) == 0 && len(r.Deny) == 0 {
			check(cfg.Errorf(key, "an external contract needs allow or deny (or both)"))
		}
		for _, k := range []string{"allow", "deny"} {
			list := r.Allow
			if k == "deny" {
				list = r.Deny
			}
			for j, n := range list {
				if err := ValidExpression(n); err != nil || strings.Contains(n, "*") {
					check(cfg.Errorf(fmt.Sprintf("%s[%d]", at(k), j), "%q is not a package name: write the name as it is imported (\"sqlalchemy\", \"google.protobuf\"), without wildcards", n))
				}
			}
		}
		c.Spec = s
	}
	if len(errs) > 0 {
		return c, errs[0]
	}
	return c, nil
}

// layer turns a layer entry into a Layer.
func (l *layerEntry) layer() (Layer, error) {
	if l.text != "" {
		return ParseLayer(l.text)
	}
	mods := l.Modules
	if l.Name != "" {
		if len(mods) > 0 {
			return Layer{}, fmt.Errorf("give a layer name or modules, not both")
		}
		mods = []string{l.Name}
	}
	if len(mods) == 0 {
		return Layer{}, fmt.Errorf("a layer table needs name (one module) or modules (siblings)")
	}
	out := Layer{Modules: mods, Independent: true, Optional: l.Optional, Closed: l.Closed, MaxInstability: l.MaxInstability}
	if m := l.MaxInstability; m != nil && !(*m >= 0 && *m <= 1) {
		return out, fmt.Errorf("max-instability = %v: instability, Ce / (Ca + Ce), is between 0 and 1", *m)
	}
	if l.Independent != nil {
		out.Independent = *l.Independent
	}
	for _, m := range mods {
		if err := ValidExpression(m); err != nil || strings.Contains(m, "*") {
			return out, fmt.Errorf("layer module %q must be a module name, without wildcards", m)
		}
	}
	return out, nil
}
