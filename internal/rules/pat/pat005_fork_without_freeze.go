package pat

import (
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// ForkWithoutFreeze reports pre-fork servers that fork workers without gc.freeze().
var ForkWithoutFreeze = &analysis.Rule{
	Code: "PAT005", Name: "fork-without-gc-freeze",
	NotIn:   analysis.NotInTestsOrGenerated,
	Summary: "A pre-fork server forks workers without `gc.freeze()` before the fork",
	Rationale: "A pre-fork server loads the application once and forks workers that share its memory " +
		"pages copy-on-write. The first garbage collection in each worker writes to the header of " +
		"every object it examines, and so copies nearly every page of the preloaded application: " +
		"the memory the fork was meant to share is duplicated per worker. Python's documentation " +
		"(gc.freeze) gives the fix: `gc.disable()` early in the parent, `gc.freeze()` right before " +
		"forking, `gc.enable()` in the child. Reported: a gunicorn configuration file (a module " +
		"that sets `preload_app = True` and another of gunicorn's settings, such as `workers` or " +
		"`bind`) in which nothing calls `gc.freeze()` (at module level or in a hook such as " +
		"`pre_fork` or `when_ready`); and a function that calls `os.fork()` in a loop, to start " +
		"workers, in a module where nothing calls `gc.freeze()`, unless the function also calls an " +
		"`os.exec*` function (fork and exec shares nothing). Not seen: workers started through " +
		"multiprocessing, uvicorn or gunicorn's Python API, and a freeze in another module. Off by " +
		"default: the 3.11 standard library, site-packages and Django hold no gunicorn " +
		"configuration and one worker-forking loop (multiprocessing's forkserver, a pre-fork " +
		"server indeed, reported), too few to measure its precision.",
	Bad:  "# gunicorn.conf.py\nbind = \"0.0.0.0:8000\"\nworkers = 8\npreload_app = True\n",
	Good: "# gunicorn.conf.py\nimport gc\n\nbind = \"0.0.0.0:8000\"\nworkers = 8\npreload_app = True\n\n\ndef when_ready(server):\n    gc.collect()\n    gc.freeze()\n",
	Run: func(p *analysis.Pass) {
		// A finding needs gunicorn's preload_app setting at the top level, or a call that
		// resolves to os.fork: an import that binds os or os.fork, and "fork" in the text.
		// Most files are passed over before calls walks their tree (8% of check
		// --select ALL's CPU time), and most without a search of their text (a file's
		// Imported is made for other rules anyway).
		if p.Tree == nil {
			return
		}
		at := gunicornPreload(p.Tree)
		if at == nil {
			im := p.Imported()
			if !im.Binds("os") && !im.Binds("os.fork") || !strings.Contains(p.Src, "fork") {
				return
			}
		}
		freezes, forks := calls(p)
		if freezes {
			return
		}
		if at != nil {
			p.Report(at, "gunicorn preloads the application and forks workers, but nothing here calls gc.freeze(): each worker's first collection copies the shared pages; call gc.freeze() in a when_ready or pre_fork hook")
		}
		if !forks {
			return // no os.fork() in a loop: each function's walk is for nothing
		}
		for _, s := range p.Tree.Body {
			inspectFunctions(s, func(body []ast.Stmt) {
				if execs(p, body) {
					return
				}
				for _, st := range body {
					forksInLoop(p, st, false)
				}
			})
		}
	},
}

// gunicornSettings are gunicorn settings that mark a module as its configuration, beside
// preload_app.
var gunicornSettings = map[string]bool{
	"bind": true, "workers": true, "worker_class": true, "threads": true, "timeout": true,
	"graceful_timeout": true, "keepalive": true, "max_requests": true, "accesslog": true,
	"errorlog": true, "loglevel": true, "wsgi_app": true, "worker_connections": true,
}

// gunicornPreload returns the `preload_app = True` assignment of a gunicorn configuration
// module, or nil.
func gunicornPreload(m *ast.Module) ast.Node {
	var preload ast.Node
	other := false
	for _, s := range m.Body {
		a, ok := s.(*ast.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*ast.Name)
		if !ok {
			continue
		}
		if n.ID == "preload_app" {
			if c, ok := a.Value.(*ast.Constant); ok && c.Value.Kind == ast.ConstTrue {
				preload = a
			}
		} else if gunicornSettings[n.ID] {
			other = true
		}
	}
	if !other {
		return nil
	}
	return preload
}

// calls reports whether the module calls gc.freeze() anywhere and, when it does not,
// whether it calls os.fork() anywhere.
func calls(p *analysis.Pass) (freezes, forks bool) {
	im := p.Imported()
	ast.Inspect(p.Tree, func(n ast.Node) bool {
		if c, ok := n.(*ast.Call); ok {
			switch im.Qualified(c.Func) {
			case "gc.freeze":
				freezes = true
			case "os.fork":
				forks = true
			}
		}
		return !freezes
	})
	return freezes, forks
}

// inspectFunctions calls f with the body of every function defined in s, nested ones too.
func inspectFunctions(s ast.Node, f func([]ast.Stmt)) {
	ast.Inspect(s, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FunctionDef:
			f(x.Body)
		case *ast.AsyncFunctionDef:
			f(x.Body)
		}
		return true
	})
}

// execs reports whether a function body (nested functions left out) calls an os.exec*
// function.
func execs(p *analysis.Pass, body []ast.Stmt) bool {
	im := p.Imported()
	found := false
	for _, s := range body {
		ast.InspectScope(s, func(n ast.Node) bool {
			if c, ok := n.(*ast.Call); ok && strings.HasPrefix(im.Qualified(c.Func), "os.exec") {
				found = true
			}
			return !found
		})
	}
	return found
}

// forksInLoop reports the os.fork() calls of n (nested functions left out) made inside a
// for or while loop.
func forksInLoop(p *analysis.Pass, n ast.Node, inLoop bool) {
	im := p.Imported()
	ast.Inspect(n, func(x ast.Node) bool {
		switch y := x.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
			return false
		case *ast.For:
			if !inLoop {
				for _, s := range append(append([]ast.Stmt{}, y.Body...), y.Orelse...) {
					forksInLoop(p, s, true)
				}
				return false
			}
		case *ast.While:
			if !inLoop {
				for _, s := range append(append([]ast.Stmt{}, y.Body...), y.Orelse...) {
					forksInLoop(p, s, true)
				}
				return false
			}
		case *ast.Call:
			if inLoop && im.Qualified(y.Func) == "os.fork" {
				p.Report(y, "os.fork() in a loop starts workers, but nothing in this module calls gc.freeze() before: each worker's first collection copies the parent's pages; gc.freeze() right before forking keeps them shared")
			}
		}
		return true
	})
}
