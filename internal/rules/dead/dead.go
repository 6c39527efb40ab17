// Package dead holds the DEAD rules: first-party code that nothing uses. They are Project
// rules: whether a definition is used is decided over the whole project, from every file's
// usage facts (internal/usage) and the import graph, after the files are summarised.
package dead

import (
	"github.com/buttresspy/buttress/internal/analysis"
)

// Rule is a rule of the framework.
type Rule = analysis.Rule

// Options are the options of each DEAD rule, under [tool.buttress.rules.<name>].
type Options struct {
	// IgnoreNames are globs of names never reported: "handle_*", "Model.save",
	// "app.hooks.on_*" (a name, Class.method, or module.name).
	IgnoreNames []string `toml:"ignore-names" doc:"globs of names never reported: a name (\"handle_*\"), Class.method (\"Plugin.on_*\") or module.name (\"shop.api.v1.*\")"`
	// IgnoreDecorators are globs of decorators (dotted names as written, "@" optional) that
	// mark what they decorate as used. Every decorator that is not a known plain wrapper
	// (staticmethod, property, functools.wraps, lru_cache, contextmanager, dataclass, ...)
	// already does: this names more, or documents the team's own.
	IgnoreDecorators []string `toml:"ignore-decorators" doc:"globs of decorators (dotted names as written, @ optional) that mark what they decorate as used; every decorator but a known plain wrapper already does"`
	// Library: the project is a library, and every public name of a public module is its
	// API, used by code the check cannot see. Only private names (_name, or in a _module) are
	// then reported.
	Library bool `toml:"library" doc:"the project is a library: the public names of its public modules are API and not judged, only private ones; default: the project-wide library setting"`
}

// SetLibrary sets Library from the project-wide setting (analysis.LibraryOption).
func (o *Options) SetLibrary(v bool) { o.Library = v }

func newOptions() any { return &Options{} }

// Rules returns the DEAD rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{UnusedFunction, UnusedClass, UnusedModule, UnusedVariable}
}

const howUsed = "\"Used\" is decided over the whole project: a read of the name in its module, an import " +
	"of it by name (`from pkg.mod import f`), an attribute `.f` in a module that imports its module " +
	"or a package above it, a `from pkg.mod import *`, the module's literal `__all__`, a string " +
	"that names it (`getattr(m, \"f\")`, `\"app.views.index\"` in settings or urls, `mock.patch(\"pkg.mod.f\")`), " +
	"and the entry points of pyproject.toml and setup.cfg. Any decorator but a known plain wrapper " +
	"(staticmethod, property, functools.wraps, lru_cache, contextmanager, dataclass) counts as " +
	"registering (`@app.route`, `@pytest.fixture`, `@receiver`, `@register`, `@click.command`). " +
	"Names that test runners and frameworks call by convention (test_*, Test*, pytest_* hooks, " +
	"setUp, dunders, Django's Migration and Command) are never reported. References from tests " +
	"count; definitions in tests, migrations, vendored and generated code are not reported. " +
	"With `library = true` (the project-wide setting of [tool.buttress], or the rule's own option, which wins) the public names of public modules are API, and only private ones are " +
	"judged. Options: `ignore-names` (globs of names, Class.method or module.name), " +
	"`ignore-decorators` (globs of decorators that mark a definition as used), `library`."

// UnusedFunction is DEAD001.
var UnusedFunction = &analysis.Rule{
	Code: "DEAD001", Name: "unused-function", Project: true,
	Summary: "A function or method that nothing in the project uses",
	Rationale: "Dead code is read, reviewed, kept type-correct and migrated with every refactor, for " +
		"nothing; in a large codebase it also misleads (\"this is how we do X\" when nothing does X any " +
		"more). Delete it: version control keeps it. " + howUsed + " A method is judged by its name " +
		"across the project, as a call on an object of any type could reach it: it is reported only " +
		"when no code anywhere reads an attribute of that name, no other class defines a method of " +
		"that name (an override, or a protocol's shape), no string names it or a prefix of it " +
		"(`getattr(self, \"visit_\" + kind)`), and every base of its class is the project's own (a " +
		"method of a subclass of a framework's class may be a hook the framework calls). Off by default: its measured precision is 72% (the misses are callers no reader of the project can see: compiled code that calls Python by name, old pickles, test suites the corpus does not ship).",
	Bad: `# shop/pricing.py (nothing imports round_cents, calls it, or names it)
def round_cents(amount):
    return round(amount, 2)`,
	Good: `# deleted, or used:
from shop.pricing import round_cents`,
	Precision: "72% (18 of 25 sampled findings judged right, library mode, on the standard library, the 3.11 site-packages and Django 3.2; testdata/precision/DEAD001.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}

// UnusedClass is DEAD002.
var UnusedClass = &analysis.Rule{
	Code: "DEAD002", Name: "unused-class", Project: true,
	Summary: "A class that nothing in the project uses",
	Rationale: "An unused class is dead code with more surface: its methods, its tests, its place in " +
		"the hierarchy. " + howUsed + " A class whose hierarchy reaches a third-party base (a Django " +
		"model, a Celery task, a plugin base), unittest's TestCase, or that has a metaclass or " +
		"__init_subclass__, may be registered just by being defined: it is not reported. Off by default: its measured precision is 63% (of 11 findings, all the corpora hold: doctests, tests not shipped, and names kept for code outside the project).",
	Bad: `# shop/legacy.py (nothing refers to LegacyExporter)
class LegacyExporter:
    def export(self, orders): ...`,
	Good: `# deleted, or used:
from shop.legacy import LegacyExporter`,
	Precision: "63% (7 of 11 sampled findings judged right, library mode, on the standard library, the 3.11 site-packages and Django 3.2; testdata/precision/DEAD002.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}

// UnusedModule is DEAD003.
var UnusedModule = &analysis.Rule{
	Code: "DEAD003", Name: "unused-module", Project: true,
	Summary: "A module that no module of the project imports, and that is no entry point",
	Rationale: "A module nothing imports is either dead or loaded in a way a reader cannot see; both " +
		"deserve a look. Not reported: packages' __init__, modules that run under " +
		"`if __name__ == \"__main__\":`, top-level modules (scripts), modules named in a string of the " +
		"project or in the entry points of pyproject.toml and setup.cfg, modules frameworks load by " +
		"name (Django's models, admin, apps, urls, views, signals, migrations, management commands, " +
		"templatetags; Celery's tasks; conftest; settings), tests, and modules of a top-level package " +
		"where some module imports by computed names (import_module(name), pkgutil.iter_modules). Off by default: read as an application's on libraries its precision is 0% (every module it names is public API or a backend that settings name in a string of the application that uses the library); on an application, select it and review.",
	Bad:       `# shop/old_reports.py: no module imports shop.old_reports`,
	Good:      `# deleted, or imported where it is needed`,
	Precision: "0% (0 of 17 sampled findings judged right, application mode on the standard library, the 3.11 site-packages and Django 3.2, which are libraries; testdata/precision/DEAD003.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}

// UnusedVariable is DEAD004.
var UnusedVariable = &analysis.Rule{
	Code: "DEAD004", Name: "unused-variable", Project: true,
	Summary: "A top-level constant or variable that nothing in the project reads",
	Rationale: "A constant nobody reads is a setting that sets nothing: a reader trusts it, changes " +
		"it, and nothing happens. " + howUsed + " Not reported: dunders (__version__), names that " +
		"frameworks read (urlpatterns, app_name, handler404, register, application, pytestmark), " +
		"and every name of a settings or configuration module (settings.py, conf.py, *config*.py, " +
		"setup.py), which a tool reads by name. Off by default although its measured precision is 88% in library mode: without `library = true` every public constant of a library would be reported, and the check is told, not left to guess, which kind of project it reads.",
	Bad: `# shop/limits.py (nothing reads MAX_RETRIES)
MAX_RETRIES = 5`,
	Good: `# deleted, or read:
from shop.limits import MAX_RETRIES`,
	Precision: "88% (22 of 25 sampled findings judged right, library mode, on the standard library, the 3.11 site-packages and Django 3.2; testdata/precision/DEAD004.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}
