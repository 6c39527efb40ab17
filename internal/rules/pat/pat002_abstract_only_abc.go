package pat

import (
	"github.com/buttresspy/buttress/internal/analysis"
)

// ABCOptions are the options of PAT002.
type ABCOptions struct {
	// Library: the project is a library, whose public ABCs are extension points that code
	// the check cannot see subclasses.
	Library bool `toml:"library" doc:"the project is a library: its public ABCs (public name, public module) are extension points its users subclass, and are not judged; default: the project-wide library setting"`
}

// SetLibrary sets Library from the project-wide setting (analysis.LibraryOption).
func (o *ABCOptions) SetLibrary(v bool) { o.Library = v }

// AbstractOnlyABC reports ABCs that the project uses only for their shape. It is a Project
// rule: whether a subclass inherits code from an ABC, calls into it through super(), or some
// code checks it with isinstance is decided over the whole project's class hierarchy (see
// dead.StructuralABCs), after the files are summarised.
var AbstractOnlyABC = &analysis.Rule{
	Code: "PAT002", Name: "abstract-only-abc", Project: true,
	NotIn:   analysis.NotInTestsOrGenerated,
	Summary: "An ABC that the project uses only for its shape: no subclass inherits code from it, and no code checks it by name (consider `typing.Protocol`)",
	Rationale: "An abstract base class that gives its subclasses nothing but a list of methods to " +
		"write is an interface that forces inheritance on every implementation: each must import " +
		"it and subclass it. `typing.Protocol` states the same contract structurally: " +
		"implementations need not import or subclass it (they may still, and keep the check that " +
		"they define every abstract method), and type checkers verify them by their shape. " +
		"The check reads the whole project's class hierarchy, resolving bases through imports " +
		"and re-exports. An ABC (a class whose bases name `abc.ABC`, or whose metaclass is " +
		"`abc.ABCMeta`, six's `@add_metaclass` included) is reported when all of these hold: it " +
		"declares at least one abstract method; its other bases are `object` or `Generic` alone; " +
		"its body holds only methods, a docstring and annotations without a value (no class " +
		"attribute, nested class, decorator, `__init_subclass__` or `__class_getitem__`); it has " +
		"at least one subclass in the project, and each of its direct subclasses defines again " +
		"every concrete method it has, so none inherits its code; no class below it calls one of " +
		"its methods through `super()`; and no file of the project uses it as a class: " +
		"`isinstance` and `issubclass` (which a Protocol answers only with " +
		"`@runtime_checkable`, and then by the methods' names alone), an `except` clause, a " +
		"class pattern of `match`, the annotations of a function registered by type " +
		"(`@f.register`, singledispatch), an argument of a call whose name holds `register` " +
		"(`register_interface(Base)`), or an attribute of it (`Base.register(X)`, " +
		"`Base.__subclasses__()`, `Base.method(self)`), or another name bound to it " +
		"(`Alias = Base`). Each such name is resolved through the " +
		"file's imports and the project's re-exports to the class it means; one that resolves to " +
		"no class of the project (bound by a star import or a parameter) keeps every class of " +
		"that name, and so does the name found in the bytes of a compiled extension module of " +
		"the project (cryptography's Rust code checks its ABCs with isinstance). " +
		"Not seen: subclasses and isinstance checks outside the project, and classes named " +
		"only in strings or by computed names. So with `library = true` (the project-wide " +
		"setting, or this rule's option) only private ABCs are judged (a `_Name`, or in a " +
		"private module that no public module imports it from): a library's public ABC is an " +
		"extension point its users subclass. " +
		"The findings read that were wrong are public ABCs of a library checked as an " +
		"application, which its users check with isinstance: set `library = true` on a library. " +
		"Off by default though precise enough: on, it would make every default run extract " +
		"the usage facts of each file (on the 3.11 site-packages, 5.6 s of CPU and 240 MB " +
		"become 8.8 s and 590 MB), until the facts it needs are gathered alone.",
	Precision: "82% (19 of 23 sampled findings judged right, all the findings on the 3.11 and 3.13 standard libraries, the 3.11 site-packages and five Debian packages, read as applications; testdata/precision/PAT002.md)",
	Bad: `# notify/base.py
from abc import ABC, abstractmethod

class Notifier(ABC):
    @abstractmethod
    def send(self, msg: str) -> None: ...

# notify/email.py
class EmailNotifier(Notifier):
    def send(self, msg: str) -> None: ...`,
	Good: `# notify/base.py
from typing import Protocol

class Notifier(Protocol):
    def send(self, msg: str) -> None: ...

# notify/email.py: no import of Notifier needed
class EmailNotifier:
    def send(self, msg: str) -> None: ...`,
	Options: &ABCOptions{},
}
