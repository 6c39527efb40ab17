package bnd

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/pelletier/go-toml/v2"
)

// An entry point is a function that the framework or the system calls with what comes from
// outside: a route, a view, a command, a consumer. BND001 and BND002 look at entry points,
// wherever they are, and not at the helpers beside them; with their option
// public-functions, every public function of a configured boundary module stands for one
// (for entry points registered in ways they do not recognise).

// routeDecorators are decorators (by their last name) that make what they decorate an entry
// point whatever they are called on: Flask's @app.route, FastAPI's @router.api_route, DRF's
// @api_view and @action, click's and typer's @cli.command, Celery's @app.task and
// @shared_task, Django's @receiver, FastStream's @broker.subscriber, Faust's @app.agent,
// IPython's magics, Pyramid's @view_config.
var routeDecorators = map[string]bool{
	"route": true, "api_route": true, "websocket": true, "websocket_route": true, "endpoint": true,
	"api_view": true, "action": true, "view_config": true,
	"command": true, "group": true,
	"task": true, "shared_task": true, "periodic_task": true,
	"receiver": true, "subscriber": true, "consumer": true, "agent": true,
	"line_magic": true, "cell_magic": true, "line_cell_magic": true,
}

// verbDecorators are entry-point decorators only when called on something (@router.get,
// @app.post, @sio.on, @sio.event): a bare @get is anything.
var verbDecorators = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true,
	"on": true, "event": true, "message": true,
}

// httpMethods are the methods a class-based view answers with (Django's View, DRF's
// APIView and viewsets, Flask's MethodView, Tornado's RequestHandler).
var httpMethods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true,
	"list": true, "create": true, "retrieve": true, "update": true, "partial_update": true, "destroy": true,
}

// commandMethods are the methods a command class runs with its arguments (Django's
// BaseCommand.handle, pip's Command.run, awscli's BasicCommand._run_main, Celery's Task.run).
var commandMethods = map[string]bool{"handle": true, "run": true, "_run_main": true}

// webFrameworks are the packages whose class-based views and handlers answer requests: a
// class of a module that imports none of them is not taken for a view by its bases' names
// (tkinter's Listbox(XView).get is not a GET).
var webFrameworks = map[string]bool{
	"django": true, "rest_framework": true, "flask": true, "starlette": true, "fastapi": true,
	"tornado": true, "aiohttp": true, "falcon": true, "pyramid": true, "sanic": true, "litestar": true,
	"quart": true, "bottle": true, "cherrypy": true, "ninja": true, "http": true,
}

// importsWeb reports whether a module imports a web framework (or http.server). Imports are
// statements: the blocks of statements are read, not the expressions.
func importsWeb(tree *ast.Module) bool {
	if tree == nil {
		return false
	}
	var in func(body []ast.Stmt) bool
	in = func(body []ast.Stmt) bool {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.Import:
				for _, a := range x.Names {
					if top, _, _ := strings.Cut(a.Name, "."); webFrameworks[top] {
						return true
					}
				}
			case *ast.ImportFrom:
				if x.Module != nil && x.Level == 0 {
					if top, _, _ := strings.Cut(*x.Module, "."); webFrameworks[top] {
						return true
					}
				}
			default:
				found := false
				ast.Blocks(s, func(b []ast.Stmt) { found = found || in(b) })
				if found {
					return true
				}
			}
		}
		return false
	}
	return in(tree.Body)
}

// entryPoint says why a function is an entry point ("" when nothing says it is). web says
// whether its module imports a web framework.
func entryPoint(module string, f function, scripts []string, web bool) string {
	for _, d := range f.decos {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		switch x := d.(type) {
		case *ast.Name:
			if routeDecorators[x.ID] {
				return "@" + x.ID
			}
		case *ast.Attribute:
			if routeDecorators[x.Attr] || verbDecorators[x.Attr] {
				return "@…" + x.Attr
			}
		}
	}
	if !f.isMethod {
		for _, s := range scripts {
			if s == module+"."+f.name {
				return "an entry point of pyproject.toml"
			}
		}
		// A Django view: a function of a views module that takes the request first.
		if a := params(f.args); len(a) > 0 && a[0].Arg == "request" && viewsModule(module) {
			return "a view"
		}
		return ""
	}
	for _, b := range f.bases {
		last := b[strings.LastIndexByte(b, '.')+1:]
		switch {
		case web && httpMethods[f.name] && (strings.HasSuffix(last, "View") || strings.HasSuffix(last, "ViewSet") ||
			strings.HasSuffix(last, "Handler") || strings.HasSuffix(last, "Resource") || strings.HasSuffix(last, "Endpoint")):
			return "a method of a class-based view"
		case web && strings.HasPrefix(f.name, "do_") && strings.ToUpper(f.name[3:]) == f.name[3:] && strings.HasSuffix(last, "Handler"):
			return "a request handler's method" // http.server's do_GET
		case commandMethods[f.name] && (strings.HasSuffix(last, "Command") || strings.HasSuffix(last, "Task")):
			return "a command's method"
		}
	}
	return ""
}

// viewsModule reports whether a module is a views module (app.views, app.views.orders).
func viewsModule(m string) bool {
	for _, part := range strings.Split(m, ".") {
		if part == "views" {
			return true
		}
	}
	return false
}

// entryFile is what BND001 and BND002 need of a file: its entry points, and whether it is a
// configured boundary module.
type entryFile struct {
	entries  map[ast.Stmt]string // entry-point defs -> why
	spans    [][2]int            // their byte ranges
	boundary bool                // a configured boundary module
}

// entries finds a file's entry points once for the rules that ask.
func entries(p *analysis.Pass) *entryFile {
	m := modulesOf(p)
	return p.Shared("bnd.entries", func() any {
		e := &entryFile{entries: map[ast.Stmt]string{}, boundary: Matches(m.Boundaries, p.Module)}
		web := importsWeb(p.Tree)
		for _, f := range functions(p) {
			if why := entryPoint(p.Module, f, m.Scripts, web); why != "" {
				e.entries[f.def] = why
				e.spans = append(e.spans, [2]int{f.def.Pos(), f.def.EndPos()})
			}
		}
		return e
	}).(*entryFile)
}

// checked reports whether BND001 looks at function f: an entry point, or, with
// public-functions, any public function of a configured boundary module.
func (e *entryFile) checked(f function, all bool) bool {
	if _, ok := e.entries[f.def]; ok {
		return true
	}
	return all && e.boundary && public(f)
}

// covers reports whether BND002 looks at code at byte offset at: inside an entry point, or,
// with public-functions, anywhere in a configured boundary module.
func (e *entryFile) covers(at int, all bool) bool {
	for _, s := range e.spans {
		if at >= s[0] && at < s[1] {
			return true
		}
	}
	return all && e.boundary
}

// Scripts reads the entry points a project declares in its pyproject.toml ([project.scripts],
// [project.gui-scripts], [project.entry-points.*]) as dotted names of functions
// ("pkg.cli:main" gives "pkg.cli.main"); nil when there is none or the file does not parse
// (the configuration's own reading reports that).
func Scripts(root string) []string {
	b, err := os.ReadFile(filepath.Join(root, "pyproject.toml"))
	if err != nil {
		return nil
	}
	var doc struct {
		Project struct {
			Scripts     map[string]any            `toml:"scripts"`
			GUIScripts  map[string]any            `toml:"gui-scripts"`
			EntryPoints map[string]map[string]any `toml:"entry-points"`
		} `toml:"project"`
	}
	if toml.Unmarshal(b, &doc) != nil {
		return nil
	}
	var out []string
	add := func(m map[string]any) {
		for _, v := range m {
			s, ok := v.(string)
			if !ok {
				continue
			}
			s, _, _ = strings.Cut(s, "[") // "pkg.cli:main [extra]"
			mod, fn, ok := strings.Cut(strings.TrimSpace(s), ":")
			if ok && mod != "" && fn != "" {
				out = append(out, strings.TrimSpace(mod)+"."+strings.TrimSpace(fn))
			}
		}
	}
	add(doc.Project.Scripts)
	add(doc.Project.GUIScripts)
	for _, g := range doc.Project.EntryPoints {
		add(g)
	}
	return out
}
