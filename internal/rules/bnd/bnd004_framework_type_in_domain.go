package bnd

import (
	"fmt"
	"sort"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// DomainOptions are BND004's options: the modules, and more framework types.
type DomainOptions struct {
	Modules
	ExtendTypes []string `toml:"extend-types" doc:"more framework types, as dotted names through the imports (\"ninja.Schema\", \"myweb.Request\")"`
}

// FrameworkTypeInDomain reports framework types in the signatures of domain modules.
var FrameworkTypeInDomain = &analysis.Rule{
	Code: "BND004", Name: "framework-type-in-domain",
	NotIn:   analysis.NotInTestsOrGenerated,
	Options: &DomainOptions{},
	Check:   checkDomainOptions,
	Summary: "A function of a domain module takes or returns a framework type (a request, a `QuerySet`, an ORM session)",
	Rationale: "The domain is the part of a system that should outlive its framework and be " +
		"tested without it. A domain function that takes a `HttpRequest` or a Starlette " +
		"`Request` can only be called from a view; one that takes or returns a `QuerySet`, or " +
		"takes a SQLAlchemy `Session`, ties every caller to the ORM and its lazy loading. Pass " +
		"the values the function needs (the user, the parsed payload), and a repository or plain " +
		"lists of domain objects. Reported, in the modules the `domain` setting names: a " +
		"parameter annotation or return annotation of a function or method that refers to one of " +
		"these types through the file's imports (string annotations included): Django's " +
		"`QuerySet`, `HttpRequest` (and `WSGIRequest`, `ASGIRequest`), Django REST framework's " +
		"`Request`, FastAPI's and Starlette's `Request`, `HTTPConnection` and `WebSocket`, Flask's " +
		"and Werkzeug's `Request` and `flask.request`, SQLAlchemy's `Session`, `AsyncSession`, " +
		"`scoped_session` and `Query`; `extend-types` adds more. Functions nested in functions " +
		"are not looked at. Off by default: it needs the domain modules configured, and its " +
		"precision is unmeasured: the corpora on this machine (Django 3.2, the 3.11 standard " +
		"library and site-packages) hold no application code whose domain annotates such types; " +
		"with flask's, werkzeug's and moto's modules below their handlers as the domain, it " +
		"reports 1 finding (flask.testing's `_request_from_builder_args` returning a werkzeug " +
		"`Request`: right, a helper of flask's test client typed with werkzeug's request).",
	Bad:  "from django.db.models import QuerySet\n\ndef overdue(invoices: QuerySet) -> QuerySet:\n    ...\n",
	Good: "def overdue(invoices: list[Invoice]) -> list[Invoice]:\n    ...\n",
	Run: func(p *analysis.Pass) {
		o, _ := p.Options.(*DomainOptions)
		if o == nil || !Matches(o.Domain, p.Module) {
			return
		}
		types := frameworkTypes
		if len(o.ExtendTypes) > 0 {
			types = map[string]string{}
			for k, v := range frameworkTypes {
				types[k] = v
			}
			for _, t := range o.ExtendTypes {
				types[t] = t
			}
		}
		im := p.Imported()
		for _, f := range functions(p) {
			var annots []ast.Expr
			if f.args != nil {
				for _, a := range append(params(f.args), f.args.Vararg, f.args.Kwarg) {
					if a != nil && a.Annotation != nil {
						annots = append(annots, a.Annotation)
					}
				}
			}
			if f.returns != nil {
				annots = append(annots, f.returns)
			}
			seen := map[string]bool{}
			var found []string
			for _, e := range annots {
				for _, t := range frameworkIn(im, e, types) {
					if !seen[t] {
						seen[t] = true
						found = append(found, t)
					}
				}
			}
			if len(found) == 0 {
				continue
			}
			sort.Strings(found)
			start, end := nameRange(p, f)
			p.ReportRange(start, end, fmt.Sprintf("`%s` in a domain module has %s in its signature: the domain is tied to the framework; pass the values it needs, or domain objects",
				f.name, "`"+strings.Join(found, "`, `")+"`"))
		}
	},
}

func checkDomainOptions(opts any) (string, error) {
	for i, t := range opts.(*DomainOptions).ExtendTypes {
		if strings.TrimSpace(t) == "" || !strings.Contains(t, ".") || strings.ContainsAny(t, " *[]") {
			return fmt.Sprintf("extend-types[%d]", i), fmt.Errorf("%q is not a dotted name of a type: write it as it is imported from, \"package.module.Type\"", t)
		}
	}
	return "", nil
}

// frameworkIn returns the framework types an annotation refers to, as they are shown.
func frameworkIn(im *analysis.Imported, e ast.Expr, types map[string]string) []string {
	var out []string
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Constant:
			if x.Value.Kind == ast.ConstStr && len(x.Value.Str) < 200 {
				res := parser.ParseString(x.Value.Str, parser.Options{})
				if len(res.Errors) == 0 && len(res.Module.Body) == 1 {
					if s, ok := res.Module.Body[0].(*ast.ExprStmt); ok {
						out = append(out, frameworkIn(im, s.Value, types)...)
					}
				}
			}
		case *ast.Name, *ast.Attribute:
			if shown, ok := types[im.Qualified(x.(ast.Expr))]; ok {
				out = append(out, shown)
				return false
			}
		}
		return true
	})
	return out
}

// frameworkTypes maps the dotted names of framework types, as they are imported, to how
// findings show them.
var frameworkTypes = map[string]string{
	"django.db.models.QuerySet":                   "QuerySet",
	"django.db.models.query.QuerySet":             "QuerySet",
	"django.http.HttpRequest":                     "HttpRequest",
	"django.http.request.HttpRequest":             "HttpRequest",
	"django.core.handlers.wsgi.WSGIRequest":       "WSGIRequest",
	"django.core.handlers.asgi.ASGIRequest":       "ASGIRequest",
	"rest_framework.request.Request":              "rest_framework Request",
	"fastapi.Request":                             "fastapi Request",
	"fastapi.requests.Request":                    "fastapi Request",
	"fastapi.WebSocket":                           "fastapi WebSocket",
	"starlette.requests.Request":                  "starlette Request",
	"starlette.requests.HTTPConnection":           "starlette HTTPConnection",
	"starlette.websockets.WebSocket":              "starlette WebSocket",
	"flask.Request":                               "flask Request",
	"flask.wrappers.Request":                      "flask Request",
	"flask.request":                               "flask.request",
	"flask.globals.request":                       "flask.request",
	"werkzeug.Request":                            "werkzeug Request",
	"werkzeug.wrappers.Request":                   "werkzeug Request",
	"werkzeug.wrappers.request.Request":           "werkzeug Request",
	"werkzeug.sansio.request.Request":             "werkzeug Request",
	"sqlalchemy.orm.Session":                      "Session",
	"sqlalchemy.orm.session.Session":              "Session",
	"sqlalchemy.orm.Query":                        "Query",
	"sqlalchemy.orm.query.Query":                  "Query",
	"sqlalchemy.orm.scoped_session":               "scoped_session",
	"sqlalchemy.orm.scoping.scoped_session":       "scoped_session",
	"sqlalchemy.ext.asyncio.AsyncSession":         "AsyncSession",
	"sqlalchemy.ext.asyncio.session.AsyncSession": "AsyncSession",
}
