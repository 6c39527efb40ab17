"""Compare `buttress api diff` with `griffe check` on the CPython standard-library corpus.

Usage (after TestStdlibRemovals kept its repository):
    BUTTRESS_API_STDLIB_REPO=/tmp/stdlibrepo go test ./internal/api -run TestStdlibRemovals
    /usr/bin/python3 internal/api/testdata/compare_griffe.py /tmp/stdlibrepo /path/to/buttress

For each pair of versions and each sampled package, it runs both tools and prints what
each reports (object removed, parameter changes, ...), matched by dotted path, as a table:
found by both, only by buttress, only by griffe.
"""
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

REPO, BUTTRESS = sys.argv[1], sys.argv[2]
PAIRS = [("3.8", "3.9"), ("3.9", "3.10"), ("3.10", "3.11"), ("3.11", "3.12"), ("3.12", "3.13")]
PACKAGES = sys.argv[3].split(",") if len(sys.argv) > 3 else [
    "asyncio", "unittest", "importlib", "typing", "collections", "configparser", "enum",
    "inspect", "smtplib", "gettext",
]
LINE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+): (?P<obj>[^:]+): (?P<what>.*)$")


CACHE = {}
try:
    with open("/tmp/griffe-cache.json") as f:
        CACHE = {tuple(k.split("|")): set(map(tuple, v)) for k, v in json.load(f).items()}
except (OSError, ValueError):
    pass


def griffe(pkg, old, new):
    if (pkg, old, new) in CACHE:
        return CACHE[(pkg, old, new)]
    found = run_griffe(pkg, old, new)
    CACHE[(pkg, old, new)] = found
    return found


def run_griffe(pkg, old, new):
    out = subprocess.run(
        ["/usr/bin/python3", "-m", "griffe", "check", pkg, "-a", old, "-b", new, "-s", "."],
        cwd=REPO, capture_output=True, text=True)
    found = set()
    for line in out.stdout.splitlines() + out.stderr.splitlines():
        m = LINE.match(line.strip())
        if not m:
            continue
        f = m["file"].split("/griffe_%s/" % old)[-1].split("/griffe_%s/" % new)[-1]
        mod = f[:-3].replace("/__init__", "").replace("/", ".")
        obj = m["obj"].split("(")[0]
        param = m["obj"][len(obj):]
        found.add((mod + "." + obj + param, m["what"]))
    return found


def ours(old, new):
    out = subprocess.run([BUTTRESS, "api", "diff", "--against", old, "--base", new, "--format", "json"],
                         cwd=REPO, capture_output=True, text=True)
    return json.loads(out.stdout)["findings"]


def leaf(symbol):
    # The object's own name: a change to one of its parameters counts as a finding on it
    # (griffe names a renamed parameter by its new name, buttress by its old one).
    return symbol.partition("(")[0].rsplit(".", 1)[-1]


def main():
    jobs = []
    with ThreadPoolExecutor(1) as ex:  # griffe runs git worktree: one at a time
        for old, new in PAIRS:
            for pkg in PACKAGES:
                jobs.append((old, new, pkg, ex.submit(griffe, pkg, old, new)))
        mine = {p: ours(*p) for p in PAIRS}
        rows = []
        for old, new, pkg, fut in jobs:
            g = fut.result()
            # Matched by the last part of the path (with the parameter): griffe reports an
            # object where it is defined (asyncio.tasks.sleep), buttress where users import
            # it from (asyncio.sleep), and on each subclass that inherits it.
            b = {}
            for f in mine[(old, new)]:
                if f["symbol"] == pkg or f["symbol"].startswith(pkg + ".") or f["symbol"].startswith(pkg + "("):
                    b.setdefault(leaf(f["symbol"]), f)
            gk = {}
            for s, what in g:
                gk.setdefault(leaf(s), (s, what))
            both = len(set(gk) & set(b))
            rows.append((old, new, pkg, len(b), len(gk), both))
            for k in sorted(set(gk) - set(b)):
                print("griffe only  %s->%s %s: %s" % (old, new, gk[k][0], gk[k][1]))
            for k in sorted(set(b) - set(gk)):
                print("buttress only %s->%s %s: %s" % (old, new, b[k]["symbol"], b[k]["message"]))
    with open("/tmp/griffe-cache.json", "w") as f:
        json.dump({"|".join(k): sorted(v) for k, v in CACHE.items()}, f)
    print("\n| pair | package | buttress | griffe | both |  (distinct objects, matched by name)")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| %s→%s | %s | %d | %d | %d |" % r)


main()
