"""The reference for buttress's `affected`: which test files a change can affect, computed
apart from buttress, with CPython's own parser (ast) and importlib.util.resolve_name for
relative imports.

Usage: python affected_ref.py ROOT < query.json > answers.json

ROOT is a project whose only source root is ROOT itself. The query is
{"tests": [globs], "all": [globs], "changes": [[path, ...], ...]}, paths relative to ROOT;
the answer is one {"modules": [...], "tests": [...]} per change set, sorted.

The semantics, written from Python's import system and pytest's collection:
- A module's name is its path below ROOT, dots for slashes, without .py and /__init__.
  Every directory below ROOT that holds a .py file somewhere below it is a package (regular,
  with __init__.py, or a namespace package).
- Imports that run are import statements anywhere but in the body of
  `if TYPE_CHECKING:` / `if <name>.TYPE_CHECKING:` (or the else branch of `if not ...`).
- `import a.b.c` imports a.b.c; `from X import n` imports X.n when that is a module, else X;
  `from X import *` imports X; relative names are resolved with importlib.util.resolve_name.
  Only modules of the project count. A name missing from a package of the project imports
  the deepest package above it that exists, before it fails.
- Importing a module runs the packages above it first: a module depends on its package.
- A changed file that no longer exists is a deleted module: what imports it by name (or a
  module below it) depends on it.
- A test file (a file name matching a test glob) is affected when its module is affected
  (changed, or depends on an affected module, transitively), when a conftest.py in its
  directory or above is, or when a changed file matches an "all" glob.
"""

import ast
import fnmatch
import importlib.util
import json
import os
import sys


def module_name(rel):
    stem = rel[: -len(".py")]
    if stem.endswith("/__init__"):
        stem = stem[: -len("/__init__")]
    return stem.replace("/", ".")


def is_type_checking(test):
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING" and isinstance(test.value, ast.Name)
    return False


def runtime_imports(tree):
    """Yields the import statements of a module that run (not under TYPE_CHECKING)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If):
            test = node.test
            negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
            if negated:
                test = test.operand
            if is_type_checking(test):
                todo.append(node.test)
                todo.extend(node.body if negated else node.orelse)
                continue
        todo.extend(ast.iter_child_nodes(node))


def deepest(name, modules):
    """The module that importing name runs last: name itself, or, when it is missing, the
    deepest package above it that exists (Python imports the parents first, then fails). A
    name whose top-level package is not the project's gives nothing."""
    parts = name.split(".")
    if parts[0] not in modules:
        return []
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in modules:
            return [".".join(parts[:i])]
    return []


def glob_match(globs, rel):
    base = rel.rsplit("/", 1)[-1]
    for g in globs:
        if "/" in g:
            if fnmatch.fnmatchcase(rel, g):
                return True
        elif fnmatch.fnmatchcase(base, g):
            return True
    return False


def main():
    root = sys.argv[1]
    query = json.load(sys.stdin)

    files = {}  # rel -> module name
    packages = set()  # every package, regular or namespace
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
                files[rel] = module_name(rel)
                parts = rel.split("/")[:-1]
                for i in range(1, len(parts) + 1):
                    packages.add(".".join(parts[:i]))
    modules = set(files.values()) | packages
    is_pkg = {m: False for m in files.values()}
    for rel, m in files.items():
        if rel.endswith("/__init__.py"):
            is_pkg[m] = True

    deps = {m: set() for m in modules}  # module -> the modules it depends on
    named = {m: set() for m in modules}  # module -> every name it imports, resolved or not
    for rel, m in files.items():
        with open(os.path.join(root, rel), "rb") as fh:
            try:
                tree = ast.parse(fh.read(), filename=rel)
            except SyntaxError:
                continue
        package = m if is_pkg[m] else m.rpartition(".")[0]
        for node in runtime_imports(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    named[m].add(alias.name)
                    deps[m].update(deepest(alias.name, modules))
                continue
            name = "." * node.level + (node.module or "")
            try:
                base = importlib.util.resolve_name(name, package) if node.level else name
            except ImportError:
                continue  # beyond the top-level package
            for alias in node.names:
                if alias.name != "*" and base + "." + alias.name in modules:
                    deps[m].add(base + "." + alias.name)
                else:
                    deps[m].update(deepest(base, modules))
                named[m].add(base)
                if alias.name != "*":
                    named[m].add(base + "." + alias.name)
    for m in modules:
        parent = m.rpartition(".")[0]
        if parent:
            deps[m].add(parent)

    users = {m: set() for m in modules}
    for m, ds in deps.items():
        for d in ds:
            users[d].add(m)

    tests = sorted(rel for rel in files if glob_match(query["tests"], rel))
    answers = []
    for changed in query["changes"]:
        seeds = set()
        deleted = set()
        for c in changed:
            if c in files:
                seeds.add(files[c])
            elif c.endswith(".py"):
                deleted.add(module_name(c))
        for m, names in named.items():
            for d in deleted:
                if any(n == d or n.startswith(d + ".") for n in names):
                    seeds.add(m)
        reached = set(seeds)
        todo = list(seeds)
        while todo:
            for u in users[todo.pop()]:
                if u not in reached:
                    reached.add(u)
                    todo.append(u)
        everything = any(glob_match(query["all"], c) for c in changed)
        hit = []
        for t in tests:
            d = os.path.dirname(t)
            confs = []
            while True:
                confs.append((d + "/" if d else "") + "conftest.py")
                if not d:
                    break
                d = os.path.dirname(d)
            if everything or files[t] in reached or any(c in files and files[c] in reached for c in confs):
                hit.append(t)
        answers.append({"modules": sorted((reached & (set(files.values()) | packages)) | deleted), "tests": hit})
    json.dump(answers, sys.stdout)


main()
