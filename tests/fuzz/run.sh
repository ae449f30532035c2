#!/bin/sh
# Runs libFuzzer harnesses, each for FUZZ_SECONDS (default 60), and fails
# on any crash, leak or timeout.
#   tests/fuzz/run.sh FUZZ_BUILD_DIR NAME...
# The working corpus of NAME grows in FUZZ_BUILD_DIR/corpus/NAME (never
# committed); it starts from tests/fuzz/seeds/NAME, the regressions and
# the project's own files (notes/, schema/codebook.xml, bench/queries.tsv).
# A crash leaves its input in FUZZ_BUILD_DIR/artifacts/NAME/ and the log in
# FUZZ_BUILD_DIR/NAME.log. FUZZ_NICE=15 runs the fuzzers niced; FUZZ_FLAGS
# adds libFuzzer options (e.g. -len_control=0 to try long inputs at once).
set -u
BUILD=$1
shift
TOP=$(cd "$(dirname "$0")/../.." && pwd)
FUZZ=$TOP/tests/fuzz
SECONDS_EACH=${FUZZ_SECONDS:-60}
PRAXIS_DATADIR=$TOP
export PRAXIS_DATADIR
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
nice=
[ -n "${FUZZ_NICE:-}" ] && nice="nice -n $FUZZ_NICE"

# The project's own files as seeds, one input per file (or per line).
seed_sources() {
	name=$1 out=$BUILD/sources/$1
	rm -rf "$out" && mkdir -p "$out"
	case $name in
	note)
		find "$TOP/notes" -name '*.md' | while read -r f; do
			cp "$f" "$out/$(echo "$f" | sed "s|$TOP/||; s|/|_|g")"
		done ;;
	privacy)
		i=0
		find "$TOP/notes" -name '*.md' | sort | while read -r f; do
			grep -v '^[[:space:]]*$' "$f" | head -40
		done | sort -u | while IFS= read -r line; do
			i=$((i + 1)); printf '%s' "$line" > "$out/line$i"
		done ;;
	query)
		i=0
		grep -v '^#' "$TOP/bench/queries.tsv" | cut -f2 | sort -u | while IFS= read -r q; do
			i=$((i + 1)); printf '%s' "$q" > "$out/q$i"
		done ;;
	codebook)
		cp "$TOP/schema/codebook.xml" "$out/" ;;
	communities)
		cp "$TOP/notes/communities.yaml" "$out/" ;;
	esac
}

status=0
for name in "$@"; do
	bin=$BUILD/fuzz_$name
	case $name in
	note) max_len=262144 ;;
	privacy | query) max_len=4096 ;;
	*) max_len=131072 ;;
	esac
	mkdir -p "$BUILD/corpus/$name" "$BUILD/artifacts/$name"
	seed_sources "$name"
	set -- "$BUILD/corpus/$name" "$BUILD/sources/$name"
	for d in "$FUZZ/seeds/$name" "$FUZZ/regressions/$name"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	dict=
	[ -f "$FUZZ/$name.dict" ] && dict=-dict=$FUZZ/$name.dict
	echo "fuzz: $name for ${SECONDS_EACH}s (log: $BUILD/$name.log)"
	if $nice "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$max_len" -print_final_stats=1 $dict ${FUZZ_FLAGS:-} \
		-artifact_prefix="$BUILD/artifacts/$name/" "$@" > "$BUILD/$name.log" 2>&1; then
		grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+[[:space:]]+DONE)' \
			"$BUILD/$name.log" | sed 's/^/  /'
	else
		status=1
		echo "FAIL fuzz: $name (input in $BUILD/artifacts/$name/):"
		grep -E 'ERROR|SUMMARY|runtime error|fuzz:' "$BUILD/$name.log" | head -5 | sed 's/^/  /'
	fi
done
exit $status
