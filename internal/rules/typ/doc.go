// Package typ holds the TYP rules: types treated seriously. Annotations are the contract of a
// function; these rules find where the contract is missing or says nothing (`Any`).
package typ

import (
	"path"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{UntypedParameter, MissingReturnAnnotation, AnyInPublicSignature}
}

// Options are the options of each TYP rule, in [tool.buttress.rules.<name>]:
//
//	[tool.buttress.rules.untyped-parameter]
//	public-only = true              # only public functions and methods
//	modules = ["shop.api", "shop.api.*"]  # only these modules (globs on dotted names)
//
// so that a team can require full typing in its API layer first.
type Options struct {
	PublicOnly bool     `toml:"public-only"`
	Modules    []string `toml:"modules"`
}

// function is a def with what the TYP rules need to know about where it is.
type function struct {
	args    *ast.Arguments
	returns ast.Expr
	name    string
	node    ast.Stmt
	method  bool // directly in a class body
	static  bool // @staticmethod
	public  bool // its name, and the names of the classes and functions around it, are public
}

// functions calls fn for every function of the module, with its context.
func functions(tree *ast.Module, fn func(f function)) {
	var visit func(body []ast.Stmt, inClass, public bool)
	visit = func(body []ast.Stmt, inClass, public bool) {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				f := function{x.Args, x.Returns, x.Name, x, inClass, ast.HasDecorator(x.DecoratorList, "staticmethod"), public && isPublic(x.Name)}
				fn(f)
				visit(x.Body, false, false)
			case *ast.AsyncFunctionDef:
				f := function{x.Args, x.Returns, x.Name, x, inClass, ast.HasDecorator(x.DecoratorList, "staticmethod"), public && isPublic(x.Name)}
				fn(f)
				visit(x.Body, false, false)
			case *ast.ClassDef:
				visit(x.Body, true, public && isPublic(x.Name))
			case *ast.If:
				visit(x.Body, inClass, public)
				visit(x.Orelse, inClass, public)
			case *ast.Try:
				visit(x.Body, inClass, public)
				for _, h := range x.Handlers {
					visit(h.Body, inClass, public)
				}
				visit(x.Orelse, inClass, public)
				visit(x.Finalbody, inClass, public)
			case *ast.With:
				visit(x.Body, inClass, public)
			}
		}
	}
	visit(tree.Body, false, true)
}

// isPublic: not _private; dunder methods (__init__, __call__) are public.
func isPublic(name string) bool {
	return !strings.HasPrefix(name, "_") || strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}

// applies reports whether the options select this function in this module.
func applies(o *Options, module string, f function) bool {
	if o == nil {
		return true
	}
	if o.PublicOnly && !f.public {
		return false
	}
	if len(o.Modules) == 0 {
		return true
	}
	for _, glob := range o.Modules {
		// Dotted names matched as paths: "shop.api.*" is "shop/api/*".
		if ok, _ := path.Match(strings.ReplaceAll(glob, ".", "/"), strings.ReplaceAll(module, ".", "/")); ok {
			return true
		}
	}
	return false
}

// params returns every parameter of a function in order, with the implicit first one of a
// method (self, cls) left out.
func params(f function) []*ast.Arg {
	var all []*ast.Arg
	all = append(all, f.args.PosOnlyArgs...)
	all = append(all, f.args.Args...)
	if f.args.Vararg != nil {
		all = append(all, f.args.Vararg)
	}
	all = append(all, f.args.KwOnlyArgs...)
	if f.args.Kwarg != nil {
		all = append(all, f.args.Kwarg)
	}
	if f.method && !f.static && len(f.args.PosOnlyArgs)+len(f.args.Args) > 0 && len(all) > 0 {
		all = all[1:]
	}
	return all
}

func options(p *analysis.Pass) *Options {
	o, _ := p.Options.(*Options)
	return o
}
