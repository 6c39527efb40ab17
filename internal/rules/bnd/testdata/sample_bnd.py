#!/usr/bin/env python3
"""Draw the BND rules' precision samples on the corpora docs/boundaries.md names.

Checks Debian's Django 3.2 (a copy of its .py files), the 3.11 site-packages and the 3.11
standard library, each with the boundaries and domain chosen before any finding was read,
with `--select BND`; pools the findings per rule, sorted by corpus, path and line, shuffles
them with random.Random(2026) and prints the first 25 of each rule with the code around them.

    go build -o /tmp/buttress ./cmd/buttress
    python3 internal/rules/bnd/testdata/sample_bnd.py /tmp/buttress [RULE] [--typed]

With --typed, BND001 runs with untyped = false.
"""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

PYENV = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
STD = os.path.join(PYENV, "versions/3.11.7/lib/python3.11")
SITE = os.path.join(STD, "site-packages")
DJANGO = "/usr/lib/python3/dist-packages/django"

CORPORA = [
    ("django-3.2", None, [
        "django.views", "django.contrib.*.views", "django.core.handlers",
        "django.core.management.commands", "django.contrib.*.management.commands",
    ], ["django.contrib.*.models", "django.contrib.*.backends", "django.contrib.*.forms"]),
    ("site-packages-3.11", SITE, [
        "flask.views", "flask.app", "flask.cli", "werkzeug.serving", "werkzeug.debug",
        "moto.*.responses", "moto.core.responses", "moto.server", "moto.moto_server.**",
        "pip._internal.cli", "pip._internal.commands", "awscli.clidriver",
        "awscli.customizations.**", "click.core", "IPython.core.magics",
        "traitlets.config.application",
    ], ["moto.*.models", "flask.sessions", "flask.helpers", "flask.json.**", "flask.testing",
        "werkzeug.test", "werkzeug.utils", "werkzeug.formparser", "werkzeug.debug.**",
        "flask_cors.**"]),
    ("stdlib-3.11", STD, [
        "http.server", "socketserver", "wsgiref", "xmlrpc.server", "pydoc", "idlelib.rpc",
        "multiprocessing.managers", "logging.config",
    ], None),
]

SEED, SIZE = 2026, 25


def toml_list(xs):
    return "[" + ", ".join(f'"{x}"' for x in xs) + "]"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    typed = "--typed" in sys.argv
    exe, only = args[0], (args[1].upper() if len(args) > 1 else None)
    line = re.compile(r"^(.*?):(\d+):(\d+): (BND00\d) (.*)$")
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, root, boundaries, domain in CORPORA:
            if root is None:
                root = os.path.join(tmp, "django")
                for d, _, files in os.walk(DJANGO):
                    for f in files:
                        if f.endswith(".py"):
                            out = os.path.join(root, "django", os.path.relpath(os.path.join(d, f), DJANGO))
                            os.makedirs(os.path.dirname(out), exist_ok=True)
                            shutil.copy(os.path.join(d, f), out)
            cfg = os.path.join(tmp, name + ".toml")
            with open(cfg, "w") as f:
                f.write(f"boundaries = {toml_list(boundaries)}\n")
                if domain:
                    f.write(f"domain = {toml_list(domain)}\n")
                if typed:
                    f.write("[rules.unvalidated-boundary-input]\nuntyped = false\n")
            out = subprocess.run([exe, "check", "--select", "BND", "--no-cache", "--output-format", "concise",
                                  "--config", cfg, "."], cwd=root, capture_output=True, text=True).stdout
            for ln in out.splitlines():
                m = line.match(ln)
                if m:
                    path, n, _, code, msg = m.groups()
                    found.setdefault(code, []).append((name, path, int(n), msg, root))
        for code in sorted(found):
            per = {}
            for name, path, *_ in found[code]:
                key = name + ":" + path.split("/")[0]
                per[key] = per.get(key, 0) + 1
            print(f"{code}: {len(found[code])} findings: " + ", ".join(f"{k} {v}" for k, v in sorted(per.items())))
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
