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
		"method of a subclass of a framework's class may be a hook the framework calls). Off by default. On libraries in library mode its measured precision is 80% (the misses are callers no reader of the project can see: old pickles, test suites the corpus does not ship, documented API with a private name). On 18 applications checked as applications it is 32% (8 of 25 of 154): an application's tree holds APIs too (GDAL's osgeo_utils.auxiliary, awscli's bcdoc, what plugins and the interactive user call) and is installed without the tests and docs that use them; with `library = true` (private names only) 78% (15 of 19, all). Applications: testdata/applications.md.",
	Bad: `# shop/pricing.py (nothing imports round_cents, calls it, or names it)
def round_cents(amount):
    return round(amount, 2)`,
	Good: `# deleted, or used:
from shop.pricing import round_cents`,
	Precision: "80% (20 of 25 sampled findings judged right, library mode, on the standard library, the 3.11 site-packages and Django 3.2; testdata/precision/DEAD001.md); on applications 32% (8 of 25), private names only 78% (15 of 19; internal/rules/dead/testdata/applications.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}

// UnusedClass is DEAD002.
var UnusedClass = &analysis.Rule{
	Code: "DEAD002", Name: "unused-class", Project: true,
	Summary: "A class that nothing in the project uses",
	Rationale: "An unused class is dead code with more surface: its methods, its tests, its place in " +
		"the hierarchy. " + howUsed + " A class whose hierarchy reaches a third-party base (a Django " +
		"model, a Celery task, a plugin base), unittest's TestCase, or that has a metaclass or " +
		"__init_subclass__, may be registered just by being defined: it is not reported. Off by default: in library mode its measured precision is 85% (6 of 7, all the library corpora hold), on 18 applications 58% (7 of 12, all): the misses are classes kept for code outside the project (ipykernel, a documentation build, a test suite not shipped) and copies of other projects' modules kept whole.",
	Bad: `# shop/legacy.py (nothing refers to LegacyExporter)
class LegacyExporter:
    def export(self, orders): ...`,
	Good: `# deleted, or used:
from shop.legacy import LegacyExporter`,
	Precision: "85% (6 of 7 sampled findings judged right, library mode, on the standard library, the 3.11 site-packages and Django 3.2; testdata/precision/DEAD002.md); on applications 58% (7 of 12, all; internal/rules/dead/testdata/applications.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}

// UnusedModule is DEAD003.
var UnusedModule = &analysis.Rule{
	Code: "DEAD003", Name: "unused-module", Project: true,
	Summary: "A module that no module of the project imports, and that is no entry point",
	Rationale: "A module nothing imports is either dead or loaded in a way a reader cannot see; only " +
		"the first is reported, so what may be the second is left out: packages' __init__, modules that run under " +
		"`if __name__ == \"__main__\":`, top-level modules (scripts), modules whose name is no identifier " +
		"(run as files), modules named in a string of the project, in the entry points of pyproject.toml, " +
		"setup.cfg or an installed-in-place project's entry_points.txt, or in a Python script of bin/ or " +
		"scripts/, modules frameworks load by name (Django's models, admin, apps, urls, views, signals, " +
		"migrations, management commands, templatetags, backends, middleware; Celery's tasks; conftest; " +
		"settings), tests, .py files under resources/, templates/ or data/, the modules of a package where " +
		"some module imports by computed names (import_module(name), pkgutil.iter_modules, exec of a " +
		"computed string), a module whose name or file name a computed string builds " +
		"(f\"pkg.providers.{region}\", name + \"_whitelist.py\"), one a string names by its file or, in " +
		"its package, by its last name, one its siblings import by its bare name, and every module of a " +
		"directory holding two or more modules nothing imports (plugins found by their place). Off by " +
		"default: on 18 applications it reports 3 findings, 1 right (pip's datetime helpers, dead; a " +
		"Sphinx extension and a library API are not); on the standard library, the 3.11 site-packages " +
		"and Django 3.2 read as applications it reports nothing (before these limits: 17 findings, none " +
		"right). Too few findings to measure; select it and review.",
	Bad:       `# shop/old_reports.py: no module imports shop.old_reports`,
	Good:      `# deleted, or imported where it is needed`,
	Precision: "unmeasured: 3 findings on 18 applications, 1 right (internal/rules/dead/testdata/applications.md); none on the standard library, the 3.11 site-packages and Django 3.2 read as applications (testdata/precision/DEAD003.md; before: 0 of 17)",
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
		"setup.py), which a tool reads by name. Off by default although its measured precision is 92% in library mode (23 of 25 of 33) and 92% on 18 applications (23 of 25 of 66, mostly unused loggers): by default the check does not know the project is a library, and on one (the standard library, say) every public constant nobody in it reads would be reported; the check is told, not left to guess, which kind of project it reads",
	Bad: `# shop/limits.py (nothing reads MAX_RETRIES)
MAX_RETRIES = 5`,
	Good: `# deleted, or read:
from shop.limits import MAX_RETRIES`,
	Precision: "92% (23 of 25 sampled findings judged right, library mode, on the standard library, the 3.11 site-packages and Django 3.2; testdata/precision/DEAD004.md); on applications 92% (23 of 25; internal/rules/dead/testdata/applications.md)",
	Options:   newOptions(), NotIn: analysis.NotInTestsOrGenerated,
}
