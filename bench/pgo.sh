#!/usr/bin/env bash
# bench/pgo.sh writes cmd/buttress/default.pgo, the CPU profile that `go build` uses to
# optimise buttress (profile-guided optimisation: Go reads default.pgo in the main package's
# directory by itself, -pgo=auto, for every build of the binary, the wheels' included).
#
#   bench/pgo.sh            # about a minute on 2 cores
#
# The profile is made by a build without it (-pgo=off), on code that the figures of
# docs/performance.md do not measure, so that the profile does not learn the benchmarks'
# own files: CPython 3.9's standard library for the parser and the graph, 3.10's for
# `check --select ALL` (text and JSON), and warm runs of `check` on a copy of 3.10's Python
# files (one file edited before each). Run it again after a change to the hot paths (the
# parser, the rules' walk, the summaries): a profile of older code still helps (Go matches
# it to the functions by name), only less.
set -euo pipefail
cd "$(dirname "$0")/.."

PYROOT=$(pyenv root)/versions
S9=$(ls -d "$PYROOT"/3.9.*/lib/python3.9 | sort -V | tail -1)
S10=$(ls -d "$PYROOT"/3.10.*/lib/python3.10 | sort -V | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
BIN=$work/buttress
CGO_ENABLED=0 go build -pgo=off -o "$BIN" ./cmd/buttress

n=0
next() { n=$((n + 1)); P=$work/p$n.prof; } # the next profile's path, in $P
for _ in 1 2 3; do
	next
	"$BIN" debug parse --threads 1 --cpuprofile "$P" "$S9" >/dev/null
done
for format in json text json text; do
	next
	(cd "$S10" && "$BIN" check --select ALL --no-cache --format "$format" --cpuprofile "$P" . >/dev/null 2>&1) || true
done
for _ in 1 2; do
	next
	(cd "$S9" && "$BIN" graph --format json --no-cache --cpuprofile "$P" . >/dev/null 2>&1) || true
done
# Warm runs: a copy of the Python files, so that an edit does not touch the corpus.
mkdir "$work/py310"
(cd "$S10" && find . -name '*.py' -not -path './site-packages/*' | tar -cf - -T -) | tar -C "$work/py310" -xf -
export BUTTRESS_CACHE_DIR=$work/cache
(cd "$work/py310" && "$BIN" check >/dev/null 2>&1) || true
for i in $(seq 20); do
	echo "# edit $i" >>"$work/py310/os.py"
	next
	(cd "$work/py310" && "$BIN" check --cpuprofile "$P" >/dev/null 2>&1) || true
done
[ "$(ls "$work"/p*.prof | wc -l)" = "$n" ] || { echo "pgo.sh: a run wrote no profile" >&2; exit 1; }
go tool pprof -proto "$work"/p*.prof >cmd/buttress/default.pgo 2>/dev/null
echo "cmd/buttress/default.pgo: $(wc -c <cmd/buttress/default.pgo) bytes from $n profiles"
