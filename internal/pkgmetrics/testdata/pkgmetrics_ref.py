"""The reference for buttress's package metrics (metrics --packages), computed apart from
buttress with CPython's own parser (ast) and importlib.util.resolve_name.

Usage: python pkgmetrics_ref.py ROOT > packages.json

ROOT is a project whose only source root is ROOT itself, made of regular packages (every
directory with Python files holds an __init__.py). Prints {"packages": [{"name", "modules",
"classes", "abstract_classes", "afferent", "efferent"}]}, sorted by name.

Definitions, written from Robert C. Martin's and from Python's import system:
- A module's name is its path below ROOT, dots for slashes, without .py and /__init__.
  A package is a directory with an __init__.py; its modules are itself and everything below.
- Imports: every import statement anywhere in the file (in functions, under TYPE_CHECKING).
  `import a.b` imports a.b; `from X import n` imports X.n when that is a module, else X;
  relative names are resolved with importlib.util.resolve_name against the module's package
  (itself for an __init__, its parent otherwise). Only imports of the project's modules
  count, and not a module's import of itself.
- Afferent coupling of P: the modules outside P that import a module of P. Efferent: the
  modules outside P that a module of P imports.
- Classes: every class statement, nested ones included. Abstract: a base whose last name is
  ABC or Protocol (Protocol[T] included), a metaclass whose last name is ABCMeta, or a method
  of its body decorated with abstractmethod, abstractproperty, abstractclassmethod or
  abstractstaticmethod (the decorator's last name).
"""

import ast
import importlib.util
import json
import os
import sys


def last_name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


ABSTRACT_DECORATORS = {"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod"}


def is_abstract(cls):
    for base in cls.bases:
        if isinstance(base, ast.Subscript):
            base = base.value
        if last_name(base) in ("ABC", "Protocol"):
            return True
    for kw in cls.keywords:
        if kw.arg == "metaclass" and last_name(kw.value) == "ABCMeta":
            return True
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(last_name(d) in ABSTRACT_DECORATORS for d in stmt.decorator_list):
                return True
    return False


def main():
    root = sys.argv[1]
    files = {}  # module -> rel
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
                stem = rel[: -len(".py")]
                if stem.endswith("/__init__") or stem == "__init__":
                    stem = stem[: -len("/__init__")]
                files[stem.replace("/", ".")] = rel
    modules = set(files)
    is_pkg = {m: files[m].endswith("__init__.py") for m in modules}

    classes = {m: 0 for m in modules}
    abstract = {m: 0 for m in modules}
    deps = {m: set() for m in modules}
    for m, rel in files.items():
        with open(os.path.join(root, rel), "rb") as fh:
            try:
                tree = ast.parse(fh.read(), filename=rel)
            except SyntaxError:
                continue
        package = m if is_pkg[m] else m.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes[m] += 1
                abstract[m] += is_abstract(node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        deps[m].add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                name = "." * node.level + (node.module or "")
                try:
                    base = importlib.util.resolve_name(name, package) if node.level else name
                except ImportError:
                    continue
                for alias in node.names:
                    if alias.name != "*" and base + "." + alias.name in modules:
                        deps[m].add(base + "." + alias.name)
                    elif base in modules:
                        deps[m].add(base)
        deps[m].discard(m)

    def within(m, p):
        return m == p or m.startswith(p + ".")

    out = []
    for p in sorted(m for m in modules if is_pkg[m]):
        members = [m for m in modules if within(m, p)]
        afferent = {m for m in modules if not within(m, p) and any(within(d, p) for d in deps[m])}
        efferent = {d for m in members for d in deps[m] if not within(d, p)}
        out.append({
            "name": p,
            "modules": len(members),
            "classes": sum(classes[m] for m in members),
            "abstract_classes": sum(abstract[m] for m in members),
            "afferent": len(afferent),
            "efferent": len(efferent),
        })
    json.dump({"packages": out}, sys.stdout)


main()
