// Package bnd holds the BND rules: the boundaries of a system, where data enters it (HTTP
// handlers, CLI commands, message consumers) and where the domain must not know the
// framework. Which modules are boundaries and which are domain is configuration: the
// top-level keys `boundaries` and `domain` (module expressions, as contracts write them),
// which the CLI hands to the rules through SetModules. Without them the rules report nothing.
package bnd

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{UnvalidatedInput, SilentBoundaryHandler, InfrastructureException, FrameworkTypeInDomain}
}

// Modules are the modules the BND rules apply to, set by SetModules from the top-level
// configuration (not from a rule's table).
type Modules struct {
	// Boundaries are module expressions of the modules where data enters the system.
	Boundaries []string `toml:"-"`
	// Domain are module expressions of the domain modules.
	Domain []string `toml:"-"`
	// Scripts are the functions pyproject.toml declares as entry points, dotted
	// ("pkg.cli.main"), set by SetScripts.
	Scripts []string `toml:"-"`
}

// Options are BND002's options.
type Options struct {
	Modules
	PublicFunctions bool `toml:"public-functions" doc:"in a boundary module, look at every public function, not only the entry points recognised (routes, views, commands, consumers, scripts)"`
}

// SetModules gives the configured BND rules the boundary and domain modules.
func SetModules(configured []analysis.Configured, boundaries, domain []string) {
	for _, c := range configured {
		switch o := c.Options.(type) {
		case *Options:
			o.Boundaries, o.Domain = boundaries, domain
		case *DomainOptions:
			o.Boundaries, o.Domain = boundaries, domain
		case *InputOptions:
			o.Boundaries, o.Domain = boundaries, domain
		case *InfraOptions:
			o.Boundaries, o.Domain = boundaries, domain
		}
	}
}

// SetScripts gives the configured BND rules the entry points pyproject.toml declares (see
// Scripts).
func SetScripts(configured []analysis.Configured, scripts []string) {
	for _, c := range configured {
		switch o := c.Options.(type) {
		case *Options:
			o.Scripts = scripts
		case *DomainOptions:
			o.Scripts = scripts
		case *InputOptions:
			o.Scripts = scripts
		case *InfraOptions:
			o.Scripts = scripts
		}
	}
}

// modulesOf returns the modules a pass's options hold.
func modulesOf(p *analysis.Pass) Modules {
	switch o := p.Options.(type) {
	case *Options:
		return o.Modules
	case *DomainOptions:
		return o.Modules
	case *InputOptions:
		return o.Modules
	case *InfraOptions:
		return o.Modules
	}
	return Modules{}
}

// Matches reports whether a module is one an expression of exprs names, or inside one: as in
// contracts, "*" is one segment, "**" one or more, and an expression stands for the modules
// it matches and their submodules.
func Matches(exprs []string, module string) bool {
	if module == "" {
		return false
	}
	name := strings.Split(module, ".")
	for _, e := range exprs {
		pat := strings.Split(e, ".")
		for k := 1; k <= len(name); k++ {
			if contracts.MatchSegments(pat, name[:k], 1) {
				return true
			}
		}
	}
	return false
}

// function is a def the rules look at, with the class it is a method of ("" for a function).
type function struct {
	def      ast.Stmt
	name     string
	args     *ast.Arguments
	returns  ast.Expr
	decos    []ast.Expr
	class    string
	isMethod bool
	bases    []string // the dotted names of its class's bases, as written
}

// functions lists the functions of the pass's module (functionsOf), once for the rules that
// ask, in the room of the file before (the list is dropped with the file's rules).
func functions(p *analysis.Pass) []function {
	return analysis.SharedList(p, "bnd.functions", functionsOf)
}

// functionsOf appends to out a module's functions and the methods of its classes (and of
// classes nested in them), not the functions nested in functions: those are no part of any
// interface. Defs in module-level if, try and with blocks count.
func functionsOf(out []function, tree *ast.Module) []function {
	var visit func(body []ast.Stmt, class string, bases []string)
	visit = func(body []ast.Stmt, class string, bases []string) {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				out = append(out, function{x, x.Name, x.Args, x.Returns, x.DecoratorList, class, class != "", bases})
			case *ast.AsyncFunctionDef:
				out = append(out, function{x, x.Name, x.Args, x.Returns, x.DecoratorList, class, class != "", bases})
			case *ast.ClassDef:
				name := x.Name
				if class != "" {
					name = class + "." + x.Name
				}
				var bs []string
				for _, b := range x.Bases {
					if n := dottedName(b); n != "" {
						bs = append(bs, n)
					}
				}
				visit(x.Body, name, bs)
			default:
				ast.Blocks(s, func(b []ast.Stmt) { visit(b, class, bases) })
			}
		}
	}
	if tree != nil {
		visit(tree.Body, "", nil)
	}
	return out
}

// decorated reports whether one of a def's decorators is named one of names (its last
// segment: `@property`, `@x.setter`, `@typing.overload`).
func decorated(decos []ast.Expr, names ...string) bool {
	for _, d := range decos {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		last := ""
		switch x := d.(type) {
		case *ast.Name:
			last = x.ID
		case *ast.Attribute:
			last = x.Attr
		}
		for _, n := range names {
			if last == n {
				return true
			}
		}
	}
	return false
}

// nameRange returns where a def's name is: findings about a function point at it.
func nameRange(p *analysis.Pass, f function) (int, int) {
	start := f.def.Pos()
	text := p.Src[start:min(len(p.Src), f.def.EndPos())]
	if d := strings.Index(text, "def"); d >= 0 {
		if i := strings.Index(text[d+3:], f.name); i >= 0 {
			at := start + d + 3 + i
			return at, at + len(f.name)
		}
	}
	return start, start
}

// dottedName returns a name or attribute chain as written ("generic.View"), "" for anything
// else (a call, a subscript: Generic[T] gives "").
func dottedName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		if b := dottedName(x.Value); b != "" {
			return b + "." + x.Attr
		}
	}
	return ""
}
