#!/usr/bin/env bash
# bench/serve.sh - praxis serve under load (wrk): requests per second and
# p50/p99 latency, 32 connections, for each knowledge base given.
#
#   bench/serve.sh KB...      each a committed knowledge base (bench/gen's)
#
# Run by bench/run.sh (section f, on its N-note base and, with
# BENCH_SERVE_BIG=1, the BIG-note one); runs on its own as well. The
# server is started on a free port of the loopback, warmed by one request
# per target, measured, and stopped (SIGTERM) whatever happens.
#
# The targets: the search API with its facets and the search page for a
# common word, a code's page (and with BENCH_SERVE_CODE_API=1 the same
# code's segments from the API). Each twice: warm, the server as it runs
# (its answer cache on: after the first request every answer is kept
# until the next commit), and cold, the same server with --cache-size 0
# (every request computed; what is kept per commit, the code counts,
# stays), which is what a request no one asked before costs.
#
# Environment:
#   PRAXIS=./praxis               the binary (PRAXIS_DATADIR: its data files)
#   BENCH_SERVE_SECONDS=10        wrk's duration per target
#   BENCH_SERVE_CONNS=32          connections at once
#   BENCH_SERVE_WRK_THREADS=2     wrk's threads
#   BENCH_SERVE_WORD=deelnemers   the common word
#   BENCH_SERVE_CODE=resource.time  the code
#   BENCH_SERVE_P99_MS=50         the aim for p99 (the verdict column)
#   BENCH_SERVE_TIMEOUT=30        seconds before wrk counts a request as timed out
#   BENCH_SERVE_CODE_API=0        1: also /api/codes/CODE, every segment of the
#                                 code in one answer (tens of MB at 100,000
#                                 notes, and the server's stop waits for the
#                                 answers under way)
#   BENCH_SERVE_MODES="warm cold" which of the two runs
set -eu -o pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS=${PRAXIS:-$ROOT/praxis}
export PRAXIS_DATADIR=${PRAXIS_DATADIR:-$ROOT}
SECS=${BENCH_SERVE_SECONDS:-10}
CONNS=${BENCH_SERVE_CONNS:-32}
WT=${BENCH_SERVE_WRK_THREADS:-2}
WORD=${BENCH_SERVE_WORD:-deelnemers}
CODE=${BENCH_SERVE_CODE:-resource.time}
AIM=${BENCH_SERVE_P99_MS:-50}
TIMEOUT=${BENCH_SERVE_TIMEOUT:-30}
CODE_API=${BENCH_SERVE_CODE_API:-0}
MODES=${BENCH_SERVE_MODES:-warm cold}

die() { echo "bench/serve: $*" >&2; exit 2; }
[ $# -gt 0 ] || die "usage: bench/serve.sh KB..."
command -v wrk >/dev/null || die "wrk is missing: sh .ci/deps.sh tools"
command -v curl >/dev/null || die "curl is missing"

pid=
out=$(mktemp)
stop() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=
	fi
}
trap 'stop; rm -f "$out" "$out.wrk"' EXIT
trap 'exit 1' INT TERM

# wrk's "1.23ms", "456.78us", "1.02s" in milliseconds
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
		printf "%.2f", n }'
}

# measure LABEL PATH: one line of figures
measure() {
	local label=$1 path=$2 code rps p50 p99 bad verdict done_n tmo
	code=$(curl -s -o /dev/null -w '%{http_code}' "$url$path")
	[ "$code" = 200 ] || die "$label: $url$path answers $code"
	wrk -t"$WT" -c"$CONNS" -d"${SECS}s" --timeout "${TIMEOUT}s" --latency "$url$path" >"$out.wrk"
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out.wrk")
	done_n=$(awk '/requests in/ { print $1 }' "$out.wrk")
	tmo=$(awk '/Socket errors:/ { print $NF }' "$out.wrk")
	tmo=${tmo:-0}
	if [ "${done_n:-0}" = 0 ] || ! grep -q '^ *99%' "$out.wrk"; then
		printf '   %-44s no answer within %s s (%s timeouts)\n' "$label" "$TIMEOUT" "$tmo"
		return 0
	fi
	p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out.wrk")")
	p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out.wrk")")
	bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out.wrk")
	bad=${bad:-0}
	verdict=$(awk -v p="$p99" -v a="$AIM" -v t="$tmo" 'BEGIN { print (p < a && t == 0) ? "ok" : "over" }')
	printf '   %-44s %8.1f req/s  p50 %9.2f ms  p99 %9.2f ms  %-4s  %s answers, %s timeouts (%s s)\n' \
		"$label" "$rps" "$p50" "$p99" "$verdict" "$done_n" "$tmo" "$TIMEOUT"
	[ "$bad" = 0 ] || die "$label: $bad answers were not 2xx (see $out.wrk)"
	# for bench/run.sh's section g: the server's time per answer
	[ -z "${BENCH_SCALE_FILE:-}" ] ||
		awk -v l="serve $label" -v n="$notes" -v r="$rps" 'BEGIN { if (r > 0) printf "%s\t%s\t%.2f\n", l, n, 1000 / r }' >>"$BENCH_SCALE_FILE"
}

for kb in "$@"; do
	[ -d "$kb/.git" ] || die "$kb is not a committed knowledge base"
	notes=$(git -C "$kb" ls-files '*.md' | wc -l)
	for mode in $MODES; do
		case $mode in
		warm) cache= ;;
		cold) cache="--cache-size 0" ;;
		*) die "BENCH_SERVE_MODES: warm or cold, not $mode" ;;
		esac
		# the index is brought to HEAD before the first line is printed
		( cd "$kb" && exec "$PRAXIS" serve --listen 127.0.0.1:0 $cache ) >"$out" 2>"$out.err" &
		pid=$!
		i=0
		until [ -n "$(head -n 1 "$out")" ]; do
			kill -0 "$pid" 2>/dev/null || die "praxis serve ended: $(cat "$out.err")"
			i=$((i + 1)); [ $i -lt 36000 ] || die "praxis serve did not start in an hour"
			sleep 0.1
		done
		url=$(head -n 1 "$out")
		url=${url%/}
		echo "   praxis serve at $notes notes, $mode ($CONNS connections, ${SECS} s each, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), aim p99 < $AIM ms)"
		measure "$mode: search API + facets '$WORD'" "/api/search?q=$WORD"
		measure "$mode: search page '$WORD'" "/?q=$WORD"
		measure "$mode: code page $CODE" "/codes/$CODE"
		measure "$mode: code API $CODE (limit=100)" "/api/codes/$CODE?limit=100"
		[ "$CODE_API" != 1 ] || measure "$mode: code API $CODE (every segment)" "/api/codes/$CODE"
		stop
		[ ! -s "$out.err" ] || die "praxis serve said on stderr: $(cat "$out.err")"
		rm -f "$out.err"
	done
done
