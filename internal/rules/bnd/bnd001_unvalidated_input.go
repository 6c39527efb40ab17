package bnd

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// InputOptions are BND001's options.
type InputOptions struct {
	Modules
	Untyped         bool `toml:"untyped" doc:"report parameters without an annotation too, not only Any and bare dicts and Mappings"`
	PublicFunctions bool `toml:"public-functions" doc:"in a boundary module, look at every public function, not only the entry points recognised (routes, views, commands, consumers, scripts)"`
}

// UnvalidatedInput reports the public functions of boundary modules whose parameters say
// nothing of what they hold: untyped, Any, or a bare dict or Mapping of str to anything.
var UnvalidatedInput = &analysis.Rule{
	Code: "BND001", Name: "unvalidated-boundary-input",
	NotIn:   analysis.NotInTestsOrGenerated,
	Options: &InputOptions{Untyped: true},
	Summary: "An entry point (a route, a view, a command, a consumer) takes a parameter that is untyped, `Any`, or a bare `dict`/`Mapping[str, Any]`",
	Rationale: "An entry point is where data enters the system: an HTTP handler, a CLI command, a " +
		"message consumer. What enters there should be parsed once into a type that says what it holds " +
		"(a dataclass, a pydantic model, a TypedDict), so that everything below works on checked " +
		"data instead of re-validating, or trusting, a dict. A parameter that is untyped, `Any`, " +
		"or a `dict`/`Mapping` of `str` to `Any` (or `object`, or unparameterized) hands the " +
		"unchecked payload on. Entry points are recognised wherever they are: a function under a " +
		"registering decorator (`@app.route`, `@router.get`, `@api_view`, `@action`, " +
		"`@click.command`, `@app.task`, `@shared_task`, `@receiver`, `@broker.subscriber`, " +
		"IPython's magics), a Django view (a function of a views module taking `request` first), " +
		"the HTTP methods of a class-based view in a module that imports a web framework, a " +
		"command's `handle`/`run`, and the scripts of pyproject.toml; in a configured boundary " +
		"module (the `boundaries` setting, or the top layer of the first layers contract) only " +
		"its entry points are looked at, not its helpers, unless `public-functions = true` " +
		"makes every public function one. Reported once per function, at its name, listing the " +
		"parameters. Not reported: `self` and `cls`, `*args` and `**kwargs` (forwarding), the " +
		"framework's object (`request`, `ctx`, `parsed_args`, ...), the parameters of a click " +
		"command whose decorators declare them, property setters, `@overload` signatures. " +
		"Annotations are resolved through the file's imports: a class of the project named `Any` " +
		"is not `typing.Any`. Off by default. In a blind reading of 25 findings (seed 2026) of 97 " +
		"on Django 3.2's views, handlers and commands, the 3.11 standard library's servers and the " +
		"3.11 site-packages' flask, werkzeug, moto, pip, awscli, click and IPython, with the " +
		"boundaries of docs/boundaries.md, 22 were input entering untyped (88%): mostly IPython's " +
		"magics (the raw text typed) and Django's views (the URL's arguments); the misses are " +
		"configuration urls.py passes to a view, a views-module helper taking the request, an " +
		"ignored argument. Before entry points were known it read every public function of a " +
		"boundary module: 40% (10 of 25, of 1450). With `untyped = false` it reports nothing on " +
		"those corpora. It stays off: untyped code has many entry points with untyped " +
		"parameters, and the sample is mostly one project's magics. Each verdict is in " +
		"docs/boundaries.md.",
	Bad:  "@router.post(\"/orders\")\ndef create_order(payload: dict, user_id):\n    ...\n",
	Good: "@router.post(\"/orders\")\ndef create_order(payload: OrderIn, user_id: int) -> Order:\n    ...\n",
	Run: func(p *analysis.Pass) {
		e := entries(p)
		untyped, all := true, false
		if o, ok := p.Options.(*InputOptions); ok {
			untyped, all = o.Untyped, o.PublicFunctions
		}
		if len(e.entries) == 0 && !(all && e.boundary) {
			return
		}
		im := p.Imported()
		for _, f := range functions(p) {
			if !e.checked(f, all) || decorated(f.decos, "setter", "deleter", "overload") {
				continue
			}
			// click declares each parameter's type in its decorators (@click.option("--n",
			// type=int)), and converts the input before the command runs: the annotation, if
			// any, only repeats it.
			declared := decorated(f.decos, "option", "argument", "password_option")
			var what []string
			for i, a := range params(f.args) {
				if i == 0 && f.isMethod && !decorated(f.decos, "staticmethod") {
					continue // self, cls
				}
				if frameworkObject(a.Arg) || declared {
					continue
				}
				if why := loose(im, a); why != "" && (untyped || a.Annotation != nil) {
					what = append(what, "`"+a.Arg+"` "+why)
				}
			}
			if len(what) == 0 {
				continue
			}
			start, end := nameRange(p, f)
			p.ReportRange(start, end, fmt.Sprintf("`%s` takes what enters the system unvalidated: %s; declare what it holds, with a model (a dataclass, pydantic model, TypedDict) for a payload",
				f.name, strings.Join(what, ", ")))
		}
	},
}

// frameworkObject reports whether a parameter is, by its name, the object the framework
// hands an entry point (Django's and DRF's request, a command's parsed arguments, a
// consumer's context), not the data itself: its fields are what is validated, in the body.
func frameworkObject(name string) bool {
	switch name {
	case "request", "req", "ctx", "context", "info", "websocket", "ws", "background_tasks", "response",
		"parsed_args", "parsed_globals", "options", "args", "sender",
		"exception", "exc", "template_name": // Django's error views: what the framework caught, and configuration
		return true
	}
	return false
}

// public reports whether a function is part of the module's interface: its name, and its
// class's, do not start with an underscore (but `__init__` and `__call__` are public).
func public(f function) bool {
	for _, part := range strings.Split(f.class, ".") {
		if strings.HasPrefix(part, "_") {
			return false
		}
	}
	if f.name == "__init__" || f.name == "__call__" {
		return f.isMethod
	}
	return !strings.HasPrefix(f.name, "_")
}

// params returns a def's named parameters, positional-only first; not *args and **kwargs.
func params(a *ast.Arguments) []*ast.Arg {
	if a == nil {
		return nil
	}
	out := append([]*ast.Arg{}, a.PosOnlyArgs...)
	out = append(out, a.Args...)
	return append(out, a.KwOnlyArgs...)
}

// loose says why a parameter's type says nothing of what it holds ("has no type", "is
// `Any`", "is a bare `dict`"), or "" when it says something.
func loose(im *analysis.Imported, a *ast.Arg) string {
	if a.Annotation == nil {
		if a.TypeComment != nil {
			return ""
		}
		return "has no type"
	}
	return looseType(im, a.Annotation)
}

// looseType says why an annotation says nothing ("" when it says something): Any, a bare
// dict or Mapping, or one of str to Any or object; through Optional, unions and Annotated.
func looseType(im *analysis.Imported, e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Constant:
		if x.Value.Kind == ast.ConstStr {
			return looseText(x.Value.Str)
		}
	case *ast.BinOp:
		if x.Op == ast.BitOr {
			if w := looseType(im, x.Left); w != "" {
				return w
			}
			return looseType(im, x.Right)
		}
	case *ast.Name, *ast.Attribute:
		switch q := typeName(im, x); {
		case anyNames[q]:
			return "is `Any`"
		case mappingNames[q] != "":
			return "is a bare `" + mappingNames[q] + "`"
		}
	case *ast.Subscript:
		q := typeName(im, x.Value)
		switch {
		case q == "typing.Optional" || q == "typing_extensions.Optional" || q == "typing.Annotated" || q == "typing_extensions.Annotated":
			first := x.Slice
			if t, ok := first.(*ast.Tuple); ok && len(t.Elts) > 0 {
				first = t.Elts[0]
			}
			return looseType(im, first)
		case q == "typing.Union" || q == "typing_extensions.Union":
			if t, ok := x.Slice.(*ast.Tuple); ok {
				for _, el := range t.Elts {
					if w := looseType(im, el); w != "" {
						return w
					}
				}
				return ""
			}
			return looseType(im, x.Slice)
		case mappingNames[q] != "":
			t, ok := x.Slice.(*ast.Tuple)
			if !ok || len(t.Elts) != 2 {
				return ""
			}
			k, v := typeName(im, t.Elts[0]), typeName(im, t.Elts[1])
			if k == "str" && (anyNames[v] || v == "object") {
				return fmt.Sprintf("is a `%s[str, %s]`", mappingNames[q], map[bool]string{true: "Any", false: "object"}[anyNames[v]])
			}
		}
	}
	return ""
}

// looseText reads a string annotation that is one of the loose types written plainly.
func looseText(s string) string {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "typing."), "t.")
	switch t {
	case "Any":
		return "is `Any`"
	case "dict", "Dict", "Mapping", "MutableMapping":
		return "is a bare `" + t + "`"
	case "dict[str,Any]", "Dict[str,Any]", "Mapping[str,Any]", "MutableMapping[str,Any]", "dict[str,object]", "Dict[str,object]", "Mapping[str,object]":
		return "is a `" + strings.Replace(t, ",", ", ", 1) + "`"
	}
	return ""
}

// typeName returns the dotted name of a type through the file's imports; a name no import
// binds is a builtin's ("dict", "str", "object").
func typeName(im *analysis.Imported, e ast.Expr) string {
	if n, ok := e.(*ast.Name); ok {
		if q := im.Qualified(n); q != "" {
			return q
		}
		return n.ID
	}
	return im.Qualified(e)
}

var anyNames = map[string]bool{"typing.Any": true, "typing_extensions.Any": true}

// mappingNames maps the mapping types a payload hides in to how they are written.
var mappingNames = map[string]string{
	"dict": "dict", "typing.Dict": "Dict", "typing_extensions.Dict": "Dict",
	"typing.Mapping": "Mapping", "typing.MutableMapping": "MutableMapping",
	"collections.abc.Mapping": "Mapping", "collections.abc.MutableMapping": "MutableMapping",
	"typing_extensions.Mapping": "Mapping",
}
