// Package typ holds the TYP rules: types treated seriously. Annotations are the contract of a
// function; these rules find where the contract is missing or says nothing (`Any`).
//
// # Which functions must be annotated
//
// A team that has not adopted annotations must not get a finding for every function of its
// codebase, and one that has must be held to it. So TYP001 and TYP002 report, by default
// (require = "typed-modules"):
//
//   - every function that is annotated in part (some parameters or the return, not all):
//     someone started to write its contract and did not finish, which is what mypy's
//     disallow_incomplete_defs reports;
//   - every function of a typed module: one in which at least typed-threshold percent
//     (default 80) of the parameters and returns of its functions are annotated, one that
//     typed-modules names, or one in which the project's mypy configuration requires
//     annotations (strict, or disallow_untyped_defs; option mypy = false ignores it). In a
//     typed module, an unannotated function is a gap.
//
// require = "all" reports every function, as Ruff's ANN rules do. Test files and migrations
// are left out by default (see the analysis package's scopes).
package typ

import (
	"fmt"
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
//	public-only = true                     # only public functions and methods
//	modules = ["shop.api", "shop.api.*"]   # only these modules (globs on dotted names)
//	require = "typed-modules"              # or "all": every function of the modules checked
//	typed-modules = ["shop.domain.*"]      # held to full annotations whatever their coverage
//	typed-threshold = 80                   # percent annotated from which a module counts as typed
//	mypy = true                            # where mypy requires annotations, so does buttress
//
// so that a team can require full typing in its API layer first.
type Options struct {
	PublicOnly     bool     `toml:"public-only" doc:"check only public functions and methods: their names, and those of the classes and functions around them, are public"`
	Modules        []string `toml:"modules" doc:"check only these modules: globs on dotted names (\"shop.api\", \"shop.api.*\"); empty means every module"`
	Require        string   `toml:"require" doc:"which functions must be annotated: \"typed-modules\" (those annotated in part, and every function of a typed module: one at typed-threshold or above, one that typed-modules names, one that mypy requires annotated) or \"all\" (every function, as Ruff's ANN rules)"`
	TypedModules   []string `toml:"typed-modules" doc:"modules held to full annotations whatever their coverage: globs on dotted names"`
	TypedThreshold float64  `toml:"typed-threshold" doc:"the percentage of annotated parameters and returns from which a module counts as typed"`
	Mypy           bool     `toml:"mypy" doc:"where the project's mypy configuration requires annotations (disallow_untyped_defs, strict), so does buttress"`
	// MypyRequires, set by HoldToMypy, reports whether the project's mypy configuration
	// requires every function of a module to be annotated.
	MypyRequires analysis.ModulePredicate `toml:"-"`
}

// The values of Options.Require.
const (
	RequireTypedModules = "typed-modules"
	RequireAll          = "all"
)

func defaultOptions() *Options {
	return &Options{Require: RequireTypedModules, TypedThreshold: 80, Mypy: true}
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
	// slots counts what can be annotated (the parameters but self and cls, and the return
	// but __init__'s); annotated counts those that are.
	slots, annotated int
}

// complete reports whether every slot is annotated.
func (f *function) complete() bool { return f.annotated == f.slots }

// partial reports whether some slots are annotated and some are not.
func (f *function) partial() bool { return f.annotated > 0 && f.annotated < f.slots }

// functions appends to out every function of the module, nested ones included, with its
// context (analysis.SharedList: a list made in the room of the file before's, where a
// function each was 16,000 allocations over the 3.11 standard library).
func functions(out []function, tree *ast.Module) []function {
	var visit func(body []ast.Stmt, inClass, public bool)
	def := func(node ast.Stmt, name string, args *ast.Arguments, returns ast.Expr, decos []ast.Expr, body []ast.Stmt, inClass, public bool) {
		f := function{args: args, returns: returns, name: name, node: node, method: inClass,
			static: ast.HasDecorator(decos, "staticmethod"), public: public && isPublic(name)}
		countParams(&f)
		if name != "__init__" || !inClass {
			f.slots++
			if returns != nil {
				f.annotated++
			}
		}
		out = append(out, f)
		visit(body, false, false)
	}
	visit = func(body []ast.Stmt, inClass, public bool) {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				def(x, x.Name, x.Args, x.Returns, x.DecoratorList, x.Body, inClass, public)
			case *ast.AsyncFunctionDef:
				def(x, x.Name, x.Args, x.Returns, x.DecoratorList, x.Body, inClass, public)
			case *ast.ClassDef:
				visit(x.Body, true, public && isPublic(x.Name))
			default:
				ast.Blocks(s, func(b []ast.Stmt) { visit(b, inClass, public) })
			}
		}
	}
	if tree != nil {
		visit(tree.Body, false, true)
	}
	return out
}

// isPublic: not _private; dunder methods (__init__, __call__) are public.
func isPublic(name string) bool {
	return !strings.HasPrefix(name, "_") || strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}

// moduleMatches reports whether a dotted module name matches one of the globs: dotted names
// are matched as paths, "shop.api.*" as "shop/api/*".
func moduleMatches(globs []string, module string) bool {
	for _, glob := range globs {
		if ok, _ := path.Match(strings.ReplaceAll(glob, ".", "/"), strings.ReplaceAll(module, ".", "/")); ok {
			return true
		}
	}
	return false
}

// applies reports whether the options select this function in this module.
func applies(o *Options, module string, f *function) bool {
	if o.PublicOnly && !f.public {
		return false
	}
	return len(o.Modules) == 0 || moduleMatches(o.Modules, module)
}

// params returns every parameter of a function in order, with the implicit first one of a
// method (self, cls) left out, in buf's room (the list of the function before).
func params(f *function, buf []*ast.Arg) []*ast.Arg {
	all := buf[:0]
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

// countParams adds to f's slots and annotated counts the parameters params returns,
// without making their list (for every function of every file).
func countParams(f *function) {
	skip := f.method && !f.static && len(f.args.PosOnlyArgs)+len(f.args.Args) > 0
	count := func(a *ast.Arg) {
		if skip { // the implicit first parameter
			skip = false
			return
		}
		f.slots++
		if a.Annotation != nil {
			f.annotated++
		}
	}
	for _, a := range f.args.PosOnlyArgs {
		count(a)
	}
	for _, a := range f.args.Args {
		count(a)
	}
	if f.args.Vararg != nil {
		count(f.args.Vararg)
	}
	for _, a := range f.args.KwOnlyArgs {
		count(a)
	}
	if f.args.Kwarg != nil {
		count(f.args.Kwarg)
	}
}

func options(p *analysis.Pass) *Options {
	if o, ok := p.Options.(*Options); ok && o != nil {
		return o
	}
	return defaultOptions()
}

// module is what the TYP rules know of a whole file: its functions, and whether it is typed.
type module struct {
	funcs []function // valid until the rules of the file are done
	typed bool       // by its coverage; typed-modules are decided per rule, from its options
}

// moduleOf collects the file's functions once for all the TYP rules.
func moduleOf(p *analysis.Pass, threshold float64) module {
	m := module{funcs: analysis.SharedList(p, "typ.functions", functions)}
	slots, annotated := 0, 0
	for i := range m.funcs {
		slots += m.funcs[i].slots
		annotated += m.funcs[i].annotated
	}
	m.typed = slots > 0 && float64(annotated)*100 >= threshold*float64(slots)
	return m
}

// checked calls fn for every function whose missing annotations the options require.
func checked(p *analysis.Pass, fn func(f *function)) {
	o := options(p)
	m := moduleOf(p, o.TypedThreshold)
	all := o.Require == RequireAll || m.typed || moduleMatches(o.TypedModules, p.Module) ||
		o.Mypy && o.MypyRequires.Holds(p.Module)
	for i := range m.funcs {
		if f := &m.funcs[i]; (all || f.partial()) && !f.complete() && applies(o, p.Module, f) {
			fn(f)
		}
	}
}

// check checks options beyond their types: it names the key that is wrong.
func check(opts any) (string, error) {
	o := opts.(*Options)
	switch o.Require {
	case RequireTypedModules, RequireAll:
	default:
		return "require", fmt.Errorf("require = %q: use %q (the default) or %q", o.Require, RequireTypedModules, RequireAll)
	}
	if !(o.TypedThreshold >= 0 && o.TypedThreshold <= 100) {
		return "typed-threshold", fmt.Errorf("typed-threshold = %v: give a percentage from 0 to 100", o.TypedThreshold)
	}
	return "", nil
}

// HoldToMypy gives the configured TYP rules the project's mypy configuration: requires
// reports whether mypy requires every function of a module to be annotated. A rule whose
// option mypy is false ignores it.
func HoldToMypy(configured []analysis.Configured, requires analysis.ModulePredicate) {
	for _, c := range configured {
		if o, ok := c.Options.(*Options); ok && o.Mypy {
			o.MypyRequires = requires
		}
	}
}
