"""Reference import graph, written with CPython's own import machinery.

Usage: python importlib_graph.py ROOT

ROOT is a source root, as if it were on sys.path. Prints one JSON object:

  {"modules": [{"name", "path", "kind"}], "imports": [{"path", "line", "col", "importer",
   "target", "category"} or {"path", "line", "col", "importer", "problem"}]}

Modules are what importlib.import_module(name) would find, without importing anything:
starting from the names in ROOT, every entry of a package's search locations (a file with an
import suffix, or a directory) is a candidate, and it is a module when
importlib.machinery.PathFinder.find_spec, searching the parent's locations the way the import
system does, returns a spec for it whose origin is that very file (or, for a directory, whose
search locations hold it). So a name is never checked for being an identifier: the finder
only joins names. "kind" is "module", "package" (regular, with __init__) or "namespace";
"path" is the file relative to ROOT ("" for a namespace package).

Imports: every imported name of every .py file under ROOT (read with ast, never run). The
importer is the file's module name, or its path relative to ROOT when no name finds the file
(a script). Relative imports are resolved with importlib.util.resolve_name against the
module's __package__ (its own name for a package, its parent's otherwise, none for a script
or a top-level module); `from a import b` imports a.b when that is a module, else a.
"category" is first_party (the module is found in ROOT), unresolved (its top-level name is
first-party but the module is not found), stdlib or third_party. "problem" is "no-package"
(a relative import with no package to be relative to) or "beyond" (above the top-level
package), as resolve_name raises them.
"""
import ast
import importlib.machinery as machinery
import importlib.util
import json
import os
import sys
import sysconfig
import types

root = os.path.abspath(sys.argv[1])
stdlib_names = set(sys.stdlib_module_names)
stdlib_dirs = [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]]
dynload = os.path.join(sysconfig.get_paths()["stdlib"], "lib-dynload")
if os.path.isdir(dynload):
    stdlib_dirs.append(dynload)
suffixes = sorted(machinery.all_suffixes(), key=len, reverse=True)

_cache = {}


def locations_of(spec):
    locations = spec.submodule_search_locations if spec is not None else None
    # A namespace package's _NamespacePath recomputes itself from sys.modules when iterated;
    # its _path holds the directories found, without importing anything.
    return list(getattr(locations, "_path", locations) or [])


def find(name, search):
    """Find module `name` on the path list `search` (a tuple), package by package."""
    key = (name, search)
    if key in _cache:
        return _cache[key]
    parent_name, dot, _ = name.rpartition(".")
    if not dot:
        spec = machinery.PathFinder.find_spec(name, list(search))
    else:
        locations = locations_of(find(parent_name, search))
        spec = None
        if locations:
            # When the child is itself a namespace portion, the finder builds a
            # _NamespacePath that looks its parent up in sys.modules: give it a stand-in
            # module holding the parent's path (nothing is imported or run).
            stand_in = sys.modules.get(parent_name)
            if stand_in is None:
                stand_in = types.ModuleType(parent_name)
                stand_in.__path__ = locations
                sys.modules[parent_name] = stand_in
            try:
                spec = machinery.PathFinder.find_spec(name, locations)
            finally:
                if sys.modules.get(parent_name) is stand_in and stand_in.__spec__ is None:
                    del sys.modules[parent_name]
    _cache[key] = spec
    return spec


def first_party(name):
    try:
        return find(name, (root,))
    except (ImportError, ValueError):
        return None


def candidates(locations):
    """Names an entry of these directories could be imported by, with the entry's path."""
    for loc in locations:
        try:
            entries = sorted(os.listdir(loc))
        except OSError:
            continue
        for entry in entries:
            full = os.path.join(loc, entry)
            if os.path.isdir(full):
                yield entry, full
                continue
            for suffix in suffixes:
                if entry.endswith(suffix) and len(entry) > len(suffix):
                    yield entry[: -len(suffix)], full
                    break


modules = {}  # name -> (path, kind)
module_of_file = {}  # real path of a file -> (name, is_package)


def walk(prefix, locations):
    for cand, full in candidates(locations):
        if cand == "__init__":
            continue  # import_module("pkg.__init__") runs the package's file again: not a module of its own
        name = prefix + cand
        spec = first_party(name)
        if spec is None or name in modules:
            continue
        sub = locations_of(spec)
        if os.path.isdir(full):
            if full not in sub:
                continue  # a module file of that name wins over the directory
            if spec.origin and spec.origin != "namespace":  # a regular package
                modules[name] = (os.path.relpath(spec.origin, root), "package")
                module_of_file[os.path.realpath(spec.origin)] = (name, True)
            else:
                modules[name] = ("", "namespace")
            walk(name + ".", sub)
        elif spec.origin == full and not sub:
            modules[name] = (os.path.relpath(full, root), "module")
            module_of_file[os.path.realpath(full)] = (name, False)


def exists(name):
    if first_party(name) is not None:
        return True
    top = name.split(".")[0]
    if first_party(top) is not None:
        return False
    if top in stdlib_names:
        if "." not in name and name in sys.builtin_module_names:
            return True
        try:
            return find(name, tuple(stdlib_dirs)) is not None
        except (ImportError, ValueError):
            return False
    return False


def category(name):
    if first_party(name) is not None:
        return "first_party"
    if first_party(name.split(".")[0]) is not None:
        return "unresolved"
    if name.split(".")[0] in stdlib_names:
        return "stdlib"
    return "third_party"


def main():
    walk("", [root])
    imports = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for fn in sorted(filenames):
            if not fn.endswith(".py"):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, root)
            try:
                with open(path, "rb") as f:
                    tree = ast.parse(f.read())
            except (SyntaxError, ValueError):
                continue
            name, is_package = module_of_file.get(os.path.realpath(path), (None, False))
            importer = name if name is not None else rel
            if name is None:
                package = None  # a script: run as __main__, it has no package
            elif is_package:
                package = name
            else:
                package = name.rpartition(".")[0]
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    items = [(0, a.name, None, a) for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    items = [(node.level, node.module or "", a.name, a) for a in node.names]
                else:
                    continue
                for level, module, imported_name, alias in items:
                    out = {"path": rel, "line": alias.lineno, "col": alias.col_offset, "importer": importer}
                    try:
                        base = importlib.util.resolve_name("." * level + module, package)
                    except ImportError as e:
                        out["problem"] = "beyond" if "beyond" in str(e) else "no-package"
                        imports.append(out)
                        continue
                    target = base
                    if imported_name is not None and imported_name != "*" and exists(base + "." + imported_name):
                        target = base + "." + imported_name
                    out["target"] = target
                    out["category"] = category(target)
                    imports.append(out)
    mods = [{"name": n, "path": p, "kind": k} for n, (p, k) in sorted(modules.items())]
    json.dump({"modules": mods, "imports": imports}, sys.stdout)


main()
