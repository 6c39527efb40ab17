#!/usr/bin/env bash
# bench/run.sh reproduces the figures of docs/performance.md on this machine:
#
#   bench/run.sh [parse] [check] [ruff] [graph] [scaling] [warm]   (no argument: all of them)
#
# Each figure is the best wall time of RUNS runs (default 5) of a fresh process, measured
# with bash's time (see best), with the user+system CPU time of that run and the peak RSS
# of one more run, measured with GNU time.
# Nothing is cached between runs (--no-cache). The corpora are read in place: the CPython
# 3.13 and 3.11 standard libraries and the 3.11 site-packages of pyenv. `scaling` first makes
# the synthetic monorepos (bench/monorepo: 1, 2, 4 and 8 renamed copies of that
# site-packages, about 1.2 GB under $MONOREPO, default /tmp/buttress-monorepo, kept for the
# next run) and times `check` on each. `ruff` times Ruff's WebAssembly build (installed by
# .ci/run, found as the tests find it: $BUTTRESS_RUFF_DIR) on the files `check` reads, with
# every Ruff rule, on one thread. `warm` is the cache's figure (issue 11): on the bench
# project (4,628 files of the 3.11 site-packages, written under $BENCH850K, default
# /tmp/bench850k, by TestWriteBenchCorpus and kept), `check` into an empty cache (cold),
# with --no-cache, and after editing one file (warm), in RUNS rounds of one cold run and
# WARM_EACH (default 5) warm runs, and whether the warm output is byte-identical to
# --no-cache, and the warm median's share of the cold median (the target: 15%). On a machine
# shared with other work, wall times are noise: compare the CPU times, and say so. Each line
# ends with the share of the machine's CPU time that its host took for other guests while
# the line was measured ("steal", from /proc/stat): on a virtual machine, a line measured
# with much stolen is slower for it.
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEFORMAT='%3R %3U %3S' # bash's time: wall, user and system seconds, to the millisecond

RUNS=${RUNS:-5}
MONOREPO=${MONOREPO:-/tmp/buttress-monorepo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
BIN=$work/buttress
# Built as the wheels users install are (tools/wheels): static, without cgo. A build with cgo
# is linked against libc, and every run then pays the dynamic loader first (about 2 ms).
CGO_ENABLED=0 go build -o "$BIN" ./cmd/buttress
PYROOT=$(pyenv root)/versions
S13=$(ls -d "$PYROOT"/3.13.*/lib/python3.13 | sort -V | tail -1)
S11=$(ls -d "$PYROOT"/3.11.*/lib/python3.11 | sort -V | tail -1)
SP=$S11/site-packages

# cpustat prints the total and the stolen CPU time of the machine so far (/proc/stat, ticks).
cpustat() { awk '/^cpu / {t=0; for (i=2; i<=NF; i++) t+=$i; print t, $9}' /proc/stat; }

# steal BEFORE: the share of the CPU time stolen since BEFORE (cpustat's output), in percent.
steal() {
	local t0 s0 t1 s1
	read -r t0 s0 <<<"$1"
	read -r t1 s1 < <(cpustat)
	awk -v dt=$((t1 - t0)) -v ds=$((s1 - s0)) 'BEGIN {printf "%.0f%%", (dt > 0 ? 100 * ds / dt : 0)}'
}

# best NAME DIR CMD...: runs CMD in DIR RUNS times and prints one line of the table (best wall
# time, its CPU time, the peak RSS, the median wall time, the steal). $BEFORE, when set, is
# run (not timed) before each run. It leaves the median in $MEDIAN.
#
# The wall and CPU times are bash's `time` of the command run from this shell: its fork, exec,
# run and exit, as GNU time's elapsed time counts them, to the millisecond (GNU time prints
# 10 ms steps). Wrapping each run in a subshell and GNU time, as this script did before,
# added 1.4 ms to every line (a static hello-world: 2.8 ms so wrapped, 1.4 ms alone), 5% of
# a warm run. The peak RSS is GNU time's, of one more run.
best() {
	local name=$1 dir=$2
	shift 2
	local bw="" bc="" out="" walls=() st w u s
	st=$(cpustat)
	pushd "$dir" >/dev/null
	for _ in $(seq "$RUNS"); do
		[ -n "${BEFORE:-}" ] && sh -c "$BEFORE"
		{ time "$@" >"$work/out" 2>/dev/null; } 2>"$work/t" || true
		read -r w u s <"$work/t"
		walls+=("$w")
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc)" = 1 ]; then
			bw=$w bc=$(echo "$u + $s" | bc) out=$(grep -o 'MB/s: [0-9.]*' "$work/out" || true)
		fi
	done
	[ -n "${BEFORE:-}" ] && sh -c "$BEFORE"
	/usr/bin/time -o "$work/t" -f "%M" "$@" >/dev/null 2>&1 || true
	popd >/dev/null
	# GNU time writes "Command exited with non-zero status N" first when check finds something.
	local rss
	rss=$(tail -1 "$work/t")
	MEDIAN=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{w[NR]=$1} END {print w[int((NR+1)/2)]}')
	printf '%-48s %7.3f s wall %7.2f s cpu %6d MB peak RSS  median %.3f s  steal %s  %s\n' "$name" "$bw" "$bc" $((rss / 1024)) "$MEDIAN" "$(steal "$st")" "$out"
}

ruff_files() { # the .py files check reads in the 3.11 standard library (its default excludes)
	(cd "$S11" && find . \( -name site-packages -o -name __pycache__ -o -name build -o -name dist -o -name venv -o -name node_modules -o -name _build \) -prune -o -name '*.py' -print | sort)
}

figures=("$@")
[ ${#figures[@]} -eq 0 ] && figures=(parse check ruff graph scaling warm)
echo "buttress $(git describe --always --dirty), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), best of $RUNS"
for f in "${figures[@]}"; do
	case $f in
	parse)
		best "debug parse --threads 1, 3.13 stdlib" . "$BIN" debug parse --threads 1 "$S13"
		;;
	check)
		best "check --select ALL, 3.11 stdlib, text" "$S11" "$BIN" check --select ALL --no-cache --format text .
		best "check --select ALL, 3.11 stdlib, json" "$S11" "$BIN" check --select ALL --no-cache --format json .
		;;
	ruff)
		dir=${BUTTRESS_RUFF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/buttress/ruff-wasm}/node_modules/@astral-sh/ruff-wasm-nodejs
		if [ ! -d "$dir" ]; then
			echo "ruff: Ruff's WebAssembly build is not in $dir (.ci/run installs it; or set BUTTRESS_RUFF_DIR)" >&2
			continue
		fi
		ruff_files | python3 -c 'import json, sys; print(json.dumps({"settings": {"lint": {"select": ["ALL"]}}, "files": sys.stdin.read().split()}))' >"$work/ruff.json"
		best "Ruff wasm (select ALL, 1 thread), 3.11 stdlib" "$S11" sh -c "node '$PWD/internal/ruffwasm/check.mjs' '$dir' <'$work/ruff.json'"
		ruff_files | python3 -c 'import json, sys; print(json.dumps({"settings": {}, "files": sys.stdin.read().split()}))' >"$work/ruff-default.json"
		best "Ruff wasm (default rules, 1 thread), 3.11 stdlib" "$S11" sh -c "node '$PWD/internal/ruffwasm/check.mjs' '$dir' <'$work/ruff-default.json'"
		best "check --select ALL --threads 1, 3.11 stdlib" "$S11" "$BIN" check --select ALL --no-cache --threads 1 .
		;;
	graph)
		best "graph --format json, 3.11 site-packages" "$SP" "$BIN" graph --format json --no-cache .
		;;
	scaling)
		go run ./bench/monorepo -src "$SP" -out "$MONOREPO" -copies 1,2,4,8 >/dev/null
		for n in 1 2 4 8; do
			files=$(find "$MONOREPO/$n" -name '*.py' -o -name '*.pyi' | wc -l)
			best "check, $n x site-packages ($files files)" "$MONOREPO/$n" "$BIN" check --no-cache .
		done
		;;
	warm)
		B850=${BENCH850K:-/tmp/bench850k}
		[ -d "$B850" ] || BUTTRESS_BENCH_CORPUS="$B850" go test ./internal/cli -run TestWriteBenchCorpus -count=1 >/dev/null
		cache=$work/warm-cache
		best "check --no-cache, bench project" "$B850" "$BIN" check --no-cache .
		# Cold and warm runs take turns, RUNS rounds of one cold run (an empty cache) and
		# WARM_EACH warm runs (each after an edit of one file): the host's speed drifts over
		# minutes, and a cold median measured minutes before the warm one moved the ratio by
		# up to 4 points from one run of this script to the next.
		edit=$B850/flask/app.py
		cp "$edit" "$work/app.py"
		st=$(cpustat)
		pushd "$B850" >/dev/null
		for r in $(seq "$RUNS"); do
			rm -rf "$cache"
			{ time BUTTRESS_CACHE_DIR=$cache "$BIN" check . >/dev/null 2>&1; } 2>"$work/t" || true
			read -r w u s <"$work/t"
			echo "$w $(echo "$u + $s" | bc)" >>"$work/cold"
			for i in $(seq "${WARM_EACH:-5}"); do
				echo "# edit $r $i" >>"$edit"
				{ time BUTTRESS_CACHE_DIR=$cache "$BIN" check . >/dev/null 2>&1; } 2>"$work/t" || true
				read -r w u s <"$work/t"
				echo "$w $(echo "$u + $s" | bc)" >>"$work/warm"
			done
		done
		rm -rf "$cache"
		/usr/bin/time -o "$work/t" -f "%M" env BUTTRESS_CACHE_DIR="$cache" "$BIN" check . >/dev/null 2>&1 || true
		coldrss=$(tail -1 "$work/t")
		echo "# edit rss" >>"$edit"
		/usr/bin/time -o "$work/t" -f "%M" env BUTTRESS_CACHE_DIR="$cache" "$BIN" check . >/dev/null 2>&1 || true
		warmrss=$(tail -1 "$work/t")
		popd >/dev/null
		line() { # NAME FILE RSS: best wall, its CPU, the peak RSS, the median wall; leaves the median in $MEDIAN
			MEDIAN=$(sort -n "$2" | awk '{w[NR]=$1} END {print w[int((NR+1)/2)]}')
			sort -n "$2" | awk -v name="$1" -v rss="$3" -v steal="$(steal "$st")" 'NR==1 {printf "%-48s %7.3f s wall %7.2f s cpu %6d MB peak RSS  ", name, $1, $2, rss/1024} {w[NR]=$1} END {printf "median %.3f s  steal %s  (%d runs)\n", w[int((NR+1)/2)], steal, NR}'
		}
		line "check, bench project, cold (empty cache)" "$work/cold" "$coldrss"
		cold=$MEDIAN
		line "check, bench project, warm (one file edited)" "$work/warm" "$warmrss"
		awk -v w="$MEDIAN" -v c="$cold" 'BEGIN {printf "warm median / cold median: %.1f%%\n", 100 * w / c}'
		(cd "$B850" && BUTTRESS_CACHE_DIR=$cache "$BIN" check . >"$work/warm.out" 2>&1; "$BIN" check --no-cache . >"$work/cold.out" 2>&1) || true
		cmp -s "$work/warm.out" "$work/cold.out" && echo "warm output byte-identical to --no-cache" || echo "warm output DIFFERS from --no-cache"
		cp "$work/app.py" "$edit"
		;;
	*)
		echo "bench/run.sh: unknown figure $f (parse, check, ruff, graph, scaling, warm)" >&2
		exit 2
		;;
	esac
done
