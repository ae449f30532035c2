# A read error in the middle of a listing fails the command with the
# index's message; it never ends the listing early with exit 0. The
# damage is one SQLite does not see when the index opens (the file keeps
# its size, time and inode, so praxis trusts it without a quick check):
# the pages of segment_codes and its indexes are overwritten.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb
db=$(git rev-parse --git-dir)/praxis/index.db
# everything in the main file, and known sound to praxis
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
px stats
expect_rc 0
psize=$(sqlite3 "$db" 'PRAGMA page_size')
pages=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'segment_codes'")
[ "$(printf '%s\n' "$pages" | wc -l)" = 3 ] || fail "fixture: segment_codes and its two indexes: $pages"
touch -r "$db" stamp
for p in $pages; do
	head -c 64 /dev/zero | tr '\0' '\377' |
		dd of="$db" bs=1 seek=$(((p - 1) * psize)) conv=notrunc 2>/dev/null
done
touch -r stamp "$db"

msg="praxis: error: index: the search index is damaged; rebuild it from git with 'praxis reindex' (SQLite said: database disk image is malformed) [index]"
for cmd in "stats" "stats --format json" "stats --cycle 2022-2023" "report 2022-2023 --xml -o -" \
	   "report 2022-2023 -o -" "brief zuid --xml -o -" "brief zuid --format json"; do
	# shellcheck disable=SC2086
	px $cmd
	[ "$rc" = 2 ] || fail "praxis $cmd: exit $rc on a read error: $err"
	[ "$err" = "$msg" ] || fail "praxis $cmd: [$err]"
	[ -z "$out" ] || fail "praxis $cmd printed a partial output"
done
# in every language, SQLite's own words only after the user's, marked
for l in nl fr; do
	PRAXIS_LANG=$l px stats
	expect_rc 2
	case $l in
	nl) want="praxis: fout: index: de zoekindex is beschadigd; bouw hem opnieuw op uit git met 'praxis reindex' (SQLite zei: database disk image is malformed) [index]" ;;
	fr) want="praxis: erreur: index : l'index de recherche est endommagé ; reconstruisez-le depuis git avec 'praxis reindex' (SQLite a dit : database disk image is malformed) [index]" ;;
	esac
	[ "$err" = "$want" ] || fail "stats ($l): [$err]"
done
# and reindex repairs it
px reindex
expect_rc 0
px stats
expect_rc 0
