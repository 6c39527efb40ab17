package bnd

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// InfraOptions are BND003's options.
type InfraOptions struct {
	Modules
	Infrastructure []string `toml:"infrastructure" doc:"the packages whose exceptions must not reach the boundary: top-level or dotted names"`
}

// InfrastructureException reports handlers at the boundary of exceptions that only the layers
// below could have raised.
var InfrastructureException = &analysis.Rule{
	Code: "BND003", Name: "infrastructure-exception-at-boundary",
	NotIn:   analysis.NotInTestsOrGenerated,
	Options: &InfraOptions{Infrastructure: defaultInfrastructure()},
	Check: func(opts any) (string, error) {
		for i, m := range opts.(*InfraOptions).Infrastructure {
			if strings.TrimSpace(m) == "" || strings.ContainsAny(m, " *") {
				return fmt.Sprintf("infrastructure[%d]", i), fmt.Errorf("%q is not a package name: write it as it is imported, \"sqlalchemy\", \"myapp.db\"", m)
			}
		}
		return "", nil
	},
	Summary: "A boundary module catches an infrastructure exception (`sqlalchemy.exc.*`, `requests.*`) that it can only get from the layers below",
	Rationale: "An exception of the database driver, the HTTP client or the message broker that " +
		"reaches the boundary has crossed the domain: the domain's callers now depend on which " +
		"library it uses, and replacing it changes what every handler must catch. Translate it " +
		"where the library is called, into an exception of the domain (`raise OrderConflict() " +
		"from err`), and catch that. Reported: an `except` in a boundary module whose type (or " +
		"one of its tuple) is, through the file's imports, a name of an infrastructure package, " +
		"when the module uses that package for nothing but exceptions (every name of it the " +
		"module uses is in an exceptions module, `exc`, `exceptions`, `errors`, or ends in Error, " +
		"Exception, Timeout or Warning): then the exception can only come from a call into the layers " +
		"below. A boundary that calls the library itself may catch its exceptions. The packages " +
		"are the option `infrastructure`; by default SQLAlchemy, requests, httpx, urllib3, " +
		"aiohttp, botocore and boto3, psycopg and psycopg2, PyMySQL, redis, PyMongo, Kombu, " +
		"pika, grpc and Elasticsearch. Not reported either: a handler whose try calls a method on an " +
		"object no import binds (`self.s3.put_bucket_policy(...)`, `client.head_bucket(...)`): the " +
		"boundary may be calling the library itself, through an object it was handed, and may " +
		"catch its exceptions. Off by default: it needs the boundary modules configured, and its " +
		"precision is unmeasured: on the corpora of BND001 it reported 16 findings, all wrong " +
		"(awscli's commands catching botocore's `ClientError` around calls on a client object), " +
		"which that rule now leaves out; none is left. It fits a layered project whose boundary " +
		"calls the domain's functions, not the library's objects.",
	Bad:  "from sqlalchemy.exc import IntegrityError\n\nfrom shop.orders import place\n\ndef create_order(request):\n    try:\n        return place(request.json)\n    except IntegrityError:\n        return conflict()\n",
	Good: "from shop.orders import OrderConflict, place\n\ndef create_order(request):\n    try:\n        return place(request.json)\n    except OrderConflict:\n        return conflict()\n",
	Run: func(p *analysis.Pass) {
		o, _ := p.Options.(*InfraOptions)
		if o == nil || !Matches(o.Boundaries, p.Module) {
			return
		}
		im := p.Imported()
		// infrastructure package -> every use of it in the module names an exception
		onlyExceptions := map[string]bool{}
		ast.Inspect(p.Tree, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.Name, *ast.Attribute:
			default:
				return true
			}
			q := im.Qualified(n.(ast.Expr))
			pkg := infraPackage(o.Infrastructure, q)
			if pkg == "" {
				return true
			}
			prev, seen := onlyExceptions[pkg]
			onlyExceptions[pkg] = exceptionName(strings.TrimPrefix(q, pkg)) && (prev || !seen)
			return false // the whole dotted name is one use
		})
		ast.Inspect(p.Tree, func(n ast.Node) bool {
			body, handlers, _, _, ok := ast.TryParts(n)
			if !ok {
				return true
			}
			// A method called on an object (self.s3.put_bucket_policy(...), client.get(...))
			// may be the library's own, reached through an object the module was handed:
			// then the boundary calls the library itself, and may catch its exceptions.
			if callsOnObjects(im, body) {
				return true
			}
			for _, h := range handlers {
				reportInfra(p, o, im, onlyExceptions, h)
			}
			return true
		})
	},
}

// callsOnObjects reports whether code calls a method on an object that no import binds
// (anything but a function or a module's function: place(...), orders.place(...)).
func callsOnObjects(im *analysis.Imported, body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if c, ok := n.(*ast.Call); ok {
				if a, ok := c.Func.(*ast.Attribute); ok && im.Qualified(a) == "" {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// reportInfra reports the infrastructure exceptions a handler names.
func reportInfra(p *analysis.Pass, o *InfraOptions, im *analysis.Imported, onlyExceptions map[string]bool, h *ast.ExceptHandler) {
	if h == nil || h.Type == nil {
		return
	}
	types := []ast.Expr{h.Type}
	if t, ok := h.Type.(*ast.Tuple); ok {
		types = t.Elts
	}
	for _, t := range types {
		q := im.Qualified(t)
		pkg := infraPackage(o.Infrastructure, q)
		if pkg == "" || !onlyExceptions[pkg] {
			continue
		}
		p.Report(t, "`%s` reaches the boundary from the layers below: the domain lets %s's exception through; translate it where %s is called into an exception of the domain, and catch that", q, pkg, pkg)
	}
}

// infraPackage returns the infrastructure package a dotted name is in, or "".
func infraPackage(infra []string, name string) string {
	for _, pkg := range infra {
		if name == pkg || strings.HasPrefix(name, pkg+".") {
			return pkg
		}
	}
	return ""
}

// exceptionName reports whether the part of an imported name below its package names
// exceptions: an exceptions module, or a class named like an exception.
func exceptionName(rest string) bool {
	if rest == "" {
		return false // `import sqlalchemy`: the whole package
	}
	for _, seg := range strings.Split(strings.TrimPrefix(rest, "."), ".") {
		switch seg {
		case "exc", "exceptions", "errors", "error":
			return true
		}
		for _, suffix := range []string{"Error", "Exception", "Timeout", "Warning"} {
			if strings.HasSuffix(seg, suffix) {
				return true
			}
		}
	}
	return false
}

func defaultInfrastructure() []string {
	return []string{"sqlalchemy", "requests", "httpx", "urllib3", "aiohttp", "botocore", "boto3", "psycopg", "psycopg2", "pymysql", "redis", "pymongo", "kombu", "pika", "grpc", "elasticsearch"}
}
