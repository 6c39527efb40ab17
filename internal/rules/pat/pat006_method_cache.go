package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// MethodCache reports functools.lru_cache and functools.cache on methods.
var MethodCache = &analysis.Rule{
	Code: "PAT006", Name: "method-cache",
	NotIn:       analysis.Generated,
	Equivalents: []string{"B019"},
	Summary:     "`functools.lru_cache` or `functools.cache` on a method (the cache keeps every `self` alive)",
	Rationale: "The cache of `lru_cache` belongs to the function, which the class holds: every call " +
		"stores `self` among the arguments of its key, so each instance it ever saw stays alive as " +
		"long as the class does (with `cache`, forever), with everything it references. In a long-" +
		"running process that is a leak no profiler points at. Cache on a module-level function of " +
		"the values the method needs, or per instance with `functools.cached_property` (no " +
		"arguments) or a dict on the instance. Not reported: static and class methods (no instance " +
		"in the key; `__new__`, `__init_subclass__` and `__class_getitem__` are such methods " +
		"without the decorator), and the methods of an Enum (its members live forever anyway). " +
		"Off by default, as Ruff's B019: of the 24 findings on the 3.11 standard library and " +
		"site-packages, 4 are on classes with many short-lived instances (ipaddress's " +
		"`is_private`), where the leak is real; most are on objects made once per process (pip's " +
		"PackageFinder, cfn-lint's schema manager, moto's backends), where it costs nothing.",
	Bad:   "import functools\n\nclass Repo:\n    @functools.lru_cache(maxsize=1024)\n    def user(self, user_id):\n        return self.db.load(user_id)\n",
	Good:  "import functools\n\nclass Repo:\n    def __init__(self, db):\n        self.db = db\n        self.user = functools.lru_cache(maxsize=1024)(self._user)\n\n    def _user(self, user_id):\n        return self.db.load(user_id)\n",
	Nodes: []ast.Node{(*ast.ClassDef)(nil)},
	Visit: func(p *analysis.Pass, n ast.Node) bool {
		c := n.(*ast.ClassDef)
		im := p.Imported()
		if isEnumClass(im, c) {
			return true
		}
		for _, s := range c.Body {
			var decos []ast.Expr
			var name string
			switch f := s.(type) {
			case *ast.FunctionDef:
				decos, name = f.DecoratorList, f.Name
			case *ast.AsyncFunctionDef:
				decos, name = f.DecoratorList, f.Name
			default:
				continue
			}
			var cacheDeco ast.Expr
			static := false
			for _, d := range decos {
				target := d
				if call, ok := d.(*ast.Call); ok {
					target = call.Func
				}
				switch q := qualifiedOrBuiltin(im, target); q {
				case "functools.lru_cache", "functools.cache":
					cacheDeco = d
				case "staticmethod", "classmethod":
					static = true
				}
			}
			switch name {
			case "__new__", "__init_subclass__", "__class_getitem__":
				static = true // static or class methods without the decorator
			}
			if cacheDeco != nil && !static {
				p.Report(cacheDeco, "the cache on `%s.%s` keeps every instance it is called on alive: cache a function of the values it needs, or per instance", c.Name, name)
			}
		}
		return true
	},
}

// qualifiedOrBuiltin is the dotted name of e through the file's imports, or the bare name
// when no import binds it (staticmethod, classmethod).
func qualifiedOrBuiltin(im *analysis.Imported, e ast.Expr) string {
	if q := im.Qualified(e); q != "" {
		return q
	}
	if n, ok := e.(*ast.Name); ok {
		return n.ID
	}
	return ""
}

// isEnumClass reports whether c derives directly from one of the enum module's classes.
func isEnumClass(im *analysis.Imported, c *ast.ClassDef) bool {
	for _, b := range c.Bases {
		switch im.Qualified(b) {
		case "enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum":
			return true
		}
	}
	return false
}
