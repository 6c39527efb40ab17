"""Compare buttress's DEAD findings with vulture's on the same project, and sort every
difference into a kind (docs/dead-code.md has the numbers for the Django project of
TestDjangoProject).

    python3 compare_vulture.py PROJECT BUTTRESS_JSON VULTURE_TXT

BUTTRESS_JSON is `buttress check --select DEAD --format json` run in PROJECT; VULTURE_TXT is
`vulture .` (Debian's vulture, default confidence) run in PROJECT.
"""
import ast, collections, json, os, re, sys

root, bjson, vtxt = sys.argv[1:4]
VRE = re.compile(r"^(?:\./)?(.+?):(\d+): (?:unused (\w+) '([^']+)'|(unreachable code|redundant if-condition)[^(]*)")

def parse(path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return ast.parse(f.read())

trees = {}
def tree(path):
    if path not in trees:
        trees[path] = parse(path)
    return trees[path]

def enclosing(path, line):
    """The node defined at line, and the chain of classes/defs around it."""
    found = []
    def visit(node, chain):
        for ch in ast.iter_child_nodes(node):
            if isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                first = min([ch.lineno] + [d.lineno for d in ch.decorator_list])
                if line in (ch.lineno, first):
                    found.append((ch, chain))
                visit(ch, chain + [ch])
            else:
                visit(ch, chain)
    visit(tree(path), [])
    return found[0] if found else (None, None)

def toplevel_assign(path, line):
    for s in tree(path).body:
        for n in ast.walk(s):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.lineno == line and not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                return True
    return False

project_classes = collections.defaultdict(list)
for dp, dn, fn in os.walk(root):
    for f in fn:
        if f.endswith(".py"):
            rel = os.path.relpath(os.path.join(dp, f), root)
            try:
                for n in ast.walk(tree(rel)):
                    if isinstance(n, ast.ClassDef):
                        project_classes[n.name].append(n)
            except SyntaxError:
                pass

def base_names(cls):
    out = []
    for b in cls.bases:
        if isinstance(b, ast.Subscript):
            b = b.value
        out.append(ast.unparse(b))
    return out

def foreign_base(cls, depth=0):
    """Whether a class's bases (by their last name) reach beyond the project's classes, or
    its hierarchy has a metaclass."""
    if cls.keywords:
        return True
    for b in base_names(cls):
        last = b.split(".")[-1]
        if b in ("object",) or last.endswith(("Error", "Exception", "Warning")) and "." not in b:
            continue
        if last not in project_classes:
            return True
        if depth < 10 and any(foreign_base(c, depth + 1) for c in project_classes[last]):
            return True
    return False

texts = {}
for dp, dn, fn in os.walk(root):
    for f in fn:
        if f.endswith(".py"):
            rel = os.path.relpath(os.path.join(dp, f), root)
            texts[rel] = open(os.path.join(root, rel), encoding="utf-8").read()

def how_used(path, name):
    """How the project uses a top-level name, as buttress counts it (a rough reading)."""
    ident = re.compile(r"\b" + re.escape(name) + r"\b")
    for rel, t in texts.items():
        if rel == path:
            continue
        for line in t.splitlines():
            if "import" in line and ident.search(line):
                return "imported by name from another module"
    if re.search(r"__all__[^\]]*['\"]" + re.escape(name) + "['\"]", texts[path], re.S):
        return "listed in its module's __all__"
    for rel, t in texts.items():
        if re.search(r"['\"][\w.]*\b" + re.escape(name) + r"\b[\w.]*['\"]", t):
            return "named in a string (settings, a dotted path, getattr)"
    for rel, t in texts.items():
        if re.search(r"\.\s*" + re.escape(name) + r"\b", t):
            return "read as an attribute through its module"
    return "read in its own module"

vult = []
for l in open(vtxt):
    m = VRE.match(l.strip())
    if m:
        vult.append((m.group(1), int(m.group(2)), m.group(3) or m.group(5), m.group(4) or "", l.strip()))
butt = [(f["path"], f["line"], f["code"], f.get("symbol", "")) for f in json.load(open(bjson))["findings"] if f["code"].startswith("DEAD")]
bkeys = {(p, l) for p, l, _, _ in butt}
vkeys = {(p, l) for p, l, _, _, _ in vult}

kinds = collections.Counter()
examples = collections.defaultdict(list)
for p, l, kind, name, text in vult:
    if (p, l) in bkeys:
        kinds["both report it"] += 1
        continue
    why = None
    if kind in ("attribute", "import", "unreachable code", "redundant if-condition"):
        why = "vulture-only kind: unused " + kind + " (not a DEAD rule)"
    elif kind == "variable" and not toplevel_assign(p, l):
        why = "vulture-only kind: a class attribute, a local variable or a parameter (not a DEAD rule)"
    elif "/migrations/" in p:
        why = "in a Django migration (a scope DEAD does not report in)"
    elif "/tests/" in p or os.path.basename(p).startswith("test"):
        why = "in tests (a scope DEAD does not report in)"
    elif kind == "variable":
        base = os.path.basename(p)
        if "settings" in base or "conf" in base:
            why = "a setting: every name of a settings module is read by name"
        elif name in ("urlpatterns", "app_name", "register", "application", "default_app_config"):
            why = "a name Django reads by convention"
        else:
            why = how_used(p, name)
    elif kind in ("function", "method", "class", "property"):
        node, chain = enclosing(p, l)
        cls = chain[-1] if chain and isinstance(chain[-1], ast.ClassDef) else None
        if node is not None and node.decorator_list and any(
                ast.unparse(d.func if isinstance(d, ast.Call) else d).split(".")[-1] not in
                ("staticmethod", "classmethod", "property", "cached_property", "setter", "wraps", "lru_cache", "cache")
                for d in node.decorator_list):
            why = "decorated by a decorator that may register it (@register.filter, @admin.register, ...)"
        elif chain and any(isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef)) for c in chain):
            why = "nested in a function (DEAD judges top-level definitions and methods)"
        elif kind in ("method", "property") and cls is not None and foreign_base(cls):
            why = "a method of a class whose hierarchy has a framework base or a metaclass (it may be a hook)"
        elif kind in ("method", "property"):
            why = "a method of the project's own hierarchy that another class defines too, or a name something reads (x.name, a string)"
        elif kind == "class" and isinstance(node, ast.ClassDef) and foreign_base(node):
            why = "a class whose hierarchy has a framework base or a metaclass (it may be registered by its definition)"
        elif kind == "class" and name in ("Migration", "Command") or name.startswith("Test"):
            why = "a name Django or a test runner finds by convention"
        else:
            why = how_used(p, name)
    else:
        why = "other: " + kind
    kinds["vulture only: " + why] += 1
    if len(examples[why]) < 3:
        examples[why].append(text)

for p, l, code, sym in butt:
    if (p, l) in vkeys:
        continue
    kinds["buttress only: " + code] += 1
    examples["buttress only " + code].append(f"{p}:{l}: {sym}")

for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{n:5}  {k}")
print()
for k, ex in examples.items():
    print(k)
    for e in ex:
        print("    ", e)
