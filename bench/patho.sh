#!/usr/bin/env bash
# bench/patho.sh - part e. of `make bench`: how `praxis check` scales on
# the pathological note families of tests/pathological.sh (cmark's own
# pathological tests, the GFM extensions', praxis' hashtags).
#
# For each family: the wall time of `praxis check` at n, 2n and 4n
# (median of BENCH_PATHO_RUNS, default 3), the diagnostic it gives, and
# t(4n)/t(n) after taking off the time of checking an empty note (the
# start-up: codebook, knowledge base). Linear work gives about 4 there,
# quadratic about 16. The goal is the issue's: no note under the size
# limit takes more than about a second to check.
#
#   bash bench/patho.sh [OUT_DIR]     (run.sh calls it with its BENCH_DIR)
# BENCH_PATHO_SCALE=1 multiplies every family's n (4 makes the largest
# notes about 2 MiB where the family allows it).
set -eu -o pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS=${PRAXIS_BIN:-$ROOT/praxis}
B=${1:-${BENCH_DIR:-$ROOT/build/bench}}
RUNS=${BENCH_PATHO_RUNS:-3}
SCALE=${BENCH_PATHO_SCALE:-1}
export PRAXIS_DATADIR=$ROOT PRAXIS_LANG=en
[ -x "$PRAXIS" ] || { echo "bench: $PRAXIS is missing: run \`make bench\`" >&2; exit 2; }
. "$ROOT/tests/pathological.sh"
now() { T=${EPOCHREALTIME//[!0-9]/}; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

K=$B/patho-kb
rm -rf "$K"
mkdir -p "$K/2022-2023/zuid"
cat >"$K/communities.yaml" <<'YAML'
communities:
  - id: zuid
    name: { nl: "PG Zuid", fr: "CdP Sud" }
    zone: { nl: "Zorgzone Zuid", fr: "Bassin Sud" }
    lang: nl
    moderators: [ "A. Moderator" ]
YAML
cd "$K"
NOTE=2022-2023/zuid/04.md

timed() { # sets MS (median CPU ms, user + system), WALL (its wall ms), RULES
	local cpu=() wall=() i r u sy
	for i in $(seq "$RUNS"); do
		{ TIMEFORMAT='%3R %3U %3S'; time "$PRAXIS" check "$NOTE" >"$B/patho.out" 2>&1; } 2>"$B/patho.time" || true
		read -r r u sy <"$B/patho.time"
		cpu+=("$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%d", (u + s) * 1000 }')")
		wall+=("$(awk -v r="$r" 'BEGIN { printf "%d", r * 1000 }')")
	done
	MS=$(echo "${cpu[*]}" | median)
	WALL=$(echo "${wall[*]}" | median)
	RULES=$({ grep -o '\[[a-z-]*\]$' "$B/patho.out" || true; } | sort | uniq -c | awk '{ printf "%s%s%s", sep, $2, ($1 > 1 ? "x" $1 : ""); sep = " " }')
}

patho_note empty 0 "$NOTE"
timed
BASE=$MS
echo "e. pathological notes (tests/pathological.sh): praxis check at n, 2n, 4n"
echo "   CPU ms (user + system, median of $RUNS); an empty note takes $BASE ms (start-up)"
echo "   t4/t1 = (t(4n) - start-up) / (t(n) - start-up): about 4 is linear, 16 quadratic"
echo "   (below ~20 ms of work the ratio is noise); wall: wall-clock ms at 4n"
printf '   %-22s %6s %9s %6s %6s %6s %6s %6s  %s\n' family n "4n bytes" "t(n)" "t(2n)" "t(4n)" t4/t1 wall "diagnostic at n"
echo "$PATHO_TABLE" | while read -r f n rule where; do
	[ -n "$f" ] || continue
	n=$((n * SCALE))
	row=()
	for m in "$n" $((2 * n)) $((4 * n)); do
		patho_note "$f" "$m" "$NOTE"
		timed
		row+=("$MS")
		[ "$m" = "$n" ] && first=${RULES:--}
	done
	bytes=$(stat -c %s "$NOTE")
	r=$(awk -v a="${row[0]}" -v b="${row[2]}" -v z="$BASE" 'BEGIN { a -= z; b -= z; if (a < 1) a = 1; if (b < 0) b = 0; printf "%.1f", b / a }')
	printf '   %-22s %6d %9d %6s %6s %6s %6s %6s  %s\n' "$f" "$n" "$bytes" "${row[0]}" "${row[1]}" "${row[2]}" "$r" "$WALL" "$first"
done
rm -rf "$K" "$B/patho.out" "$B/patho.time"
