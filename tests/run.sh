#!/bin/sh
# Runs every unit test binary and every end-to-end script, then prints the
# closing line "N passed, N failed".
#   tests/run.sh PRAXIS_BINARY UNIT_TEST_DIR
# PRAXIS_VALGRIND=1 runs the binaries under valgrind.
set -u
PRAXIS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
UNITDIR=$2
TOP=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS_DATADIR=$TOP
export PRAXIS PRAXIS_DATADIR TOP
# tests assert English messages unless they choose a language
PRAXIS_LANG=en
export PRAXIS_LANG
# every generated XML document is checked against its schema in the tests
PRAXIS_VALIDATE=1
export PRAXIS_VALIDATE
unset LC_ALL LC_MESSAGES LANG NO_COLOR
pass=0 fail=0 failed=
vg=
if [ "${PRAXIS_VALGRIND:-}" = 1 ]; then
	vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 --suppressions=$TOP/tests/valgrind.supp"
fi
export vg

for t in "$UNITDIR"/test_*; do
	[ -x "$t" ] || continue
	name=unit/$(basename "$t")
	if out=$($vg "$t" 2>&1); then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name"; printf '%s\n' "$out" | tail -40
	fi
done
for t in "$TOP"/tests/e2e/t*.sh; do
	name=e2e/$(basename "$t" .sh)
	tmp=$(mktemp -d)
	if out=$(cd "$tmp" && TMPDIR=$tmp sh "$t" 2>&1); then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name"; printf '%s\n' "$out" | tail -40
	fi
	rm -rf "$tmp"
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
