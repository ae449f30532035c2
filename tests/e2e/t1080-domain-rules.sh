# One home for each domain rule (src/cycle.h): every command that reads a
# cycle gives the same error for the same bad cycle, in each language; the
# report covers the cycle's period as `check` defines it; SOURCE_DATE_EPOCH
# makes "today" reproducible, and a malformed one is an error.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid

# every place a cycle is read, every malformed cycle: the same message
for lang in en nl fr; do
	for bad in 2022-2030 2022-2022 22-23 2022/2023 1800-1801 2022-2023x ''; do
		PRAXIS_LANG=$lang px report "$bad"
		expect_rc 2
		want=$err
		case $bad in
		'') continue ;; # report says the argument is missing
		esac
		PRAXIS_LANG=$lang px stats --cycle "$bad"
		expect_rc 2
		[ "$err" = "$want" ] || fail "stats and report differ for '$bad' ($lang): [$err] vs [$want]"
		PRAXIS_LANG=$lang px search --cycle "$bad" overleg
		expect_rc 2
		[ "$err" = "$want" ] || fail "search and report differ for '$bad' ($lang): [$err] vs [$want]"
	done
done
px stats --cycle 2022-2030
[ "$err" = "praxis: error: cycle must be two consecutive years as YYYY-YYYY, not '2022-2030'" ] || fail "$err"

# the report's period is the cycle's (1 September to 31 August), the
# period `check` holds a session's date to
SOURCE_DATE_EPOCH=1700000000 px report 2022-2023 --xml -o r.xml
expect_rc 0
period=$(xmllint --xpath 'concat(/*/@from, " ", /*/@to, " ", /*/@generated)' r.xml)
[ "$period" = "2022-09-01 2023-08-31 2023-11-14" ] || fail "period: $period"

# SOURCE_DATE_EPOCH: two runs, the same bytes; every output names that day
for cmd in "report 2022-2023 --lang nl -o r.html --force" "brief zuid --format html -o b.html --force" \
	   "brief zuid --format json -o b.json --force"; do
	# shellcheck disable=SC2086
	SOURCE_DATE_EPOCH=1700000000 px $cmd
	expect_rc 0
	f=$(echo "$cmd" | sed 's/.*-o \([^ ]*\).*/\1/')
	cp "$f" first
	sleep 1
	# shellcheck disable=SC2086
	SOURCE_DATE_EPOCH=1700000000 px $cmd
	expect_rc 0
	cmp -s first "$f" || fail "$cmd: two runs differ"
	case $f in *.json) continue ;; esac # JSON carries no date
	grep -q '2023-11-14\|14.*november 2023' "$f" || fail "$cmd: does not name the day of SOURCE_DATE_EPOCH"
done
for bad in abc -5 1e9 99999999999999999999 ' 1'; do
	SOURCE_DATE_EPOCH=$bad px report 2022-2023 --lang nl -o bad.html
	expect_rc 2
	[ "$err" = "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH must be a number of seconds since 1970 (reproducible builds), not '$bad' [environment]" ] ||
		fail "SOURCE_DATE_EPOCH=$bad: $err"
	[ ! -e bad.html ] || fail "SOURCE_DATE_EPOCH=$bad: wrote a report"
done

# praxis new: the cycle of a date (July and August belong to the cycle
# that ends then)
for pair in 2023-08-31:2022-2023 2023-09-01:2023-2024 2024-01-10:2023-2024 2024-06-30:2023-2024; do
	date=${pair%%:*} cycle=${pair#*:}
	px new zuid --date "$date"
	expect_rc 0
	case $out in *"$cycle/zuid/"*) ;; *) fail "new --date $date: $out (want $cycle)" ;; esac
	rm -rf "$cycle/zuid/0"*.md 2>/dev/null || true
	git checkout -q -- . 2>/dev/null || true
done
echo ok
