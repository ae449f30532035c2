# A read error of the index fails search and site (exit 2, the index
# error, no output, the old site left as it was) instead of ending a
# listing early and exiting 0 with hits that lost their codes or pages
# that lost their methods, codes or notes. The damage is made where
# praxis does not look before reading: the file keeps its size, inode
# and time, so it is trusted without the quick check (doc/search.md).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid
db=$(git rev-parse --git-dir)/praxis/index.db
px search '#samenwerking' --format json
expect_rc 0
want=$out
printf '%s' "$want" | jq -e '.total == 4 and all(.hits[]; .codes | index("difficulty.coordination"))' > /dev/null ||
	fail "the demo's coded hits: $out"
px site --audience internal -o "$TMPDIR/site"
expect_rc 0
cp -rp "$TMPDIR/site" "$TMPDIR/site.before"
cp -p "$db" "$TMPDIR/pristine.db"
[ ! -s "$db-wal" ] || fail "the index has a WAL to replay: the damage would not be seen"
size=$(sqlite3 -readonly "$db" 'PRAGMA page_size')
malformed="praxis: error: index: the search index is damaged; rebuild it from git with 'praxis reindex' (SQLite said: database disk image is malformed) [index]"

# damage NAME: every page of the table or index NAME of the sound index
# overwritten with 0xff bytes, the file's size, inode and time kept
damage() {
	cp "$TMPDIR/pristine.db" "$db"
	for p in $(sqlite3 -readonly "$TMPDIR/pristine.db" "SELECT pageno FROM dbstat WHERE name = '$1'"); do
		head -c "$size" /dev/zero | tr '\0' '\377' |
			dd of="$db" bs="$size" seek=$((p - 1)) conv=notrunc 2> /dev/null
	done
	touch -r "$TMPDIR/pristine.db" "$db"
	cmp -s "$db" "$TMPDIR/pristine.db" && fail "no page of $1"
	:
}

# the codes of the hits: the search fails, in both formats
for name in segment_codes segment_codes_by_segment; do
	for format in json text; do
		damage $name
		px search '#samenwerking' --format $format
		[ "$rc" = 2 ] || fail "$name, $format: exit $rc: $out"
		[ -z "$out" ] || fail "$name, $format: printed $out"
		[ "$err" = "$malformed" ] || fail "$name, $format: stderr [$err]"
	done
done

# what the pages are made of: a new site fails and leaves no folder;
# an old one (whose home page reads the codes) stays as it was
for name in segment_codes_by_segment segment_codes_by_code note_methods note_methods_by_note notes; do
	damage $name
	px site --audience internal -o "$TMPDIR/site-$name"
	[ "$rc" = 2 ] || fail "site, $name: exit $rc: $out"
	[ "$err" = "$malformed" ] || fail "site, $name: stderr [$err]"
	[ ! -e "$TMPDIR/site-$name" ] || fail "site, $name: a site was left"
done
damage segment_codes_by_code
px site --audience internal -o "$TMPDIR/site"
[ "$rc" = 2 ] || fail "old site: exit $rc: $out"
[ "$err" = "$malformed" ] || fail "old site: stderr [$err]"
diff -r "$TMPDIR/site.before" "$TMPDIR/site" > /dev/null || fail "old site: the site changed"

# the index whole again: the same answer
cp "$TMPDIR/pristine.db" "$db"
px search '#samenwerking' --format json
expect_rc 0
[ "$out" = "$want" ] || fail "after the damage: $out"
