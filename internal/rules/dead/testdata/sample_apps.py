#!/usr/bin/env python3
"""Draw the DEAD rules' precision samples on applications.

Builds one project per application from the trees installed on the machine (the .py files,
and the entry_points.txt of its .dist-info or .egg-info, as a project installed in place
holds them) under a temporary directory, runs `buttress check --select DEAD` on each, pools
the findings per rule, and prints a seeded random sample of each rule (seed 2026, 25
findings, or all when fewer), with the code around each finding.

    go build -o /tmp/buttress ./cmd/buttress
    python3 internal/rules/dead/testdata/sample_apps.py /tmp/buttress [RULE] [--library]

With --library, DEAD001, DEAD002 and DEAD004 run with `library = true`: only private names
(_name, or in a _module) are judged.

The trees are read in place and copied to the temporary directory only; nothing of them is
kept in the repository.
"""

import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

DEB = "/usr/lib/python3/dist-packages"
PYENV = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
STD = os.path.join(PYENV, "versions/3.11.7/lib/python3.11")
SITE = os.path.join(STD, "site-packages")

# name, directory holding the package, package (or a directory of scripts), metadata glob.
# Applications: code that people run, not code that other code imports. Left out: libraries
# with a command line (fontTools, pygments, docutils, sqlparse, keyring, identify), software-properties (Debian splits its
# package across binary packages, so the tree installed here is not the whole project), moto
# (one module of its wheel is missing: nothing in it is judged).
APPS = [
    ("idlelib", STD, "idlelib", None),
    ("lib2to3", STD, "lib2to3", None),
    ("pip", SITE, "pip", "pip-*.dist-info"),
    ("awscli", SITE, "awscli", "awscli-*.dist-info"),
    ("cfnlint", SITE, "cfnlint", "cfn_lint-*.dist-info"),
    ("ipython", SITE, "IPython", "ipython-*.dist-info"),
    ("pre_commit", DEB, "pre_commit", "pre_commit-*.egg-info"),
    ("twine", DEB, "twine", "twine-*.dist-info"),
    ("vulture", DEB, "vulture", "vulture-*.egg-info"),
    ("pylint", DEB, "pylint", "pylint-*"),
    ("isort", DEB, "isort", "isort-*"),
    ("virtualenv", DEB, "virtualenv", "virtualenv-*"),
    ("pythran", DEB, "pythran", "pythran-*"),
    ("osgeo_utils", DEB, "osgeo_utils", "GDAL-*"),
    ("wheel", DEB, "wheel", "wheel-*"),
    ("nodeenv", DEB, "nodeenv.py", "nodeenv-*"),
    ("yq", DEB, "yq", "yq-*"),
    ("system-config-printer", "/usr/share", "system-config-printer", None),
]

SEED, SIZE = 2026, 25


LIBRARY = "--library" in sys.argv


def build(tmp, name, base, pkg, meta):
    root = os.path.join(tmp, name)
    src = os.path.join(base, pkg)
    if not os.path.exists(src):
        return None
    if pkg == "system-config-printer":  # a directory of scripts: the project itself
        root = os.path.join(root, pkg)
        dst, src_root = root, src
    else:
        dst, src_root = os.path.join(root, pkg), src
    if os.path.isfile(src_root):
        os.makedirs(root, exist_ok=True)
        shutil.copy(src_root, dst)
    else:
        for d, _, files in os.walk(src_root):
            if "__pycache__" in d:
                continue
            for f in files:
                if f.endswith(".py"):
                    out = os.path.join(dst, os.path.relpath(os.path.join(d, f), src_root))
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    shutil.copy(os.path.join(d, f), out)
    for m in glob.glob(os.path.join(base, meta)) if meta else []:
        ep = os.path.join(m, "entry_points.txt")
        if os.path.isfile(ep):
            os.makedirs(os.path.join(root, os.path.basename(m)), exist_ok=True)
            shutil.copy(ep, os.path.join(root, os.path.basename(m), "entry_points.txt"))
    # pip keeps modules in a directory named build (operations/build): not build output.
    with open(os.path.join(root, "buttress.toml"), "w") as f:
        f.write('exclude = ["__pycache__"]\n')
        if LIBRARY:
            for r in ("unused-function", "unused-class", "unused-variable"):
                f.write(f"[rules.{r}]\nlibrary = true\n")
    return root


def main():
    args = [a for a in sys.argv[1:] if a != "--library"]
    exe = args[0]
    only = args[1].upper() if len(args) > 1 else None
    line = re.compile(r"^(.*?):(\d+):(\d+): (DEAD00\d) (.*)$")
    found = {}
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, base, pkg, meta in APPS:
            root = build(tmp, name, base, pkg, meta)
            if root is None:
                print(f"# {name}: not installed", file=sys.stderr)
                continue
            out = subprocess.run([exe, "check", "--select", "DEAD", "--no-cache", "--output-format", "concise", "."],
                                 cwd=root, capture_output=True, text=True).stdout
            for ln in out.splitlines():
                m = line.match(ln)
                if m:
                    path, ln_no, _, code, msg = m.groups()
                    found.setdefault(code, []).append((name, path, int(ln_no), msg, root))
                    counts[(name, code)] = counts.get((name, code), 0) + 1
        for code in sorted(found):
            print(f"{code}: {len(found[code])} findings: " +
                  ", ".join(f"{n} {c}" for (n, k), c in sorted(counts.items()) if k == code))
        for code in sorted(found):
            if only and code != only:
                continue
            items = sorted(found[code], key=lambda x: (x[0], x[1], x[2]))
            random.Random(SEED).shuffle(items)
            print(f"\n## {code}: sample of {min(SIZE, len(items))} of {len(items)}")
            for i, (name, path, n, msg, root) in enumerate(items[:SIZE], 1):
                print(f"\n### {i} `{name}:{path}:{n}` {msg}")
                with open(os.path.join(root, path), errors="replace") as f:
                    src = f.read().splitlines()
                for k in range(max(0, n - 3), min(len(src), n + 8)):
                    print(f"    {k + 1:5} {src[k]}")


if __name__ == "__main__":
    main()
