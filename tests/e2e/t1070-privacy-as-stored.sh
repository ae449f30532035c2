# The privacy guard scans what praxis stores and shows, not only the
# bytes as typed: segment text as cmark renders it (entities decoded,
# backslash escapes and emphasis removed, soft and hard line breaks as
# spaces), headings, link destinations, YAML values as libyaml decodes
# them, after NFKC and with every kind of space and invisible separator
# read as a space or removed; and it reports each finding at the source
# line and column where it starts.
#
# Fixture-driven: tests/e2e/privacy/NAME.md is a note, NAME.expected the
# exact output of `praxis check` on it. A note with an error must be
# refused by `commit` (git's own log is unchanged); a clean one (the
# false positives: dates, sessions, amounts ...) must be committed.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
cd kb
mkdir -p .git/praxis 2022-2023/zuid
printf 'Jan Peeters\n' > .git/praxis/denylist
printf 'Start.\n' | note 2022-2023/zuid/01.md
sed -i 's/^session: 4$/session: 1/' 2022-2023/zuid/01.md
px commit
expect_rc 0
count=0
for f in "$TOP"/tests/e2e/privacy/*.md; do
	name=$(basename "$f" .md)
	cp "$f" 2022-2023/zuid/04.md
	px check 2022-2023/zuid/04.md
	printf '%s\n' "$out" > "$TMPDIR/got"
	if ! cmp -s "$TMPDIR/got" "$TOP/tests/e2e/privacy/$name.expected"; then
		diff -u "$TOP/tests/e2e/privacy/$name.expected" "$TMPDIR/got" >&2 || true
		fail "$name: check output differs"
	fi
	before=$(git rev-parse HEAD)
	px commit 2022-2023/zuid/04.md
	case $out in
	*': error: '*)
		[ "$rc" -eq 1 ] || fail "$name: commit should refuse (rc $rc): $out"
		[ "$(git rev-parse HEAD)" = "$before" ] || fail "$name: committed anyway"
		;;
	*)
		[ "$rc" -eq 0 ] || fail "$name: commit should succeed (rc $rc): $out"
		[ "$(git rev-parse HEAD)" != "$before" ] || fail "$name: nothing committed"
		git show HEAD:2022-2023/zuid/04.md | cmp -s - "$f" || fail "$name: other bytes committed"
		;;
	esac
	count=$((count + 1))
done
[ "$count" -ge 25 ] || fail "only $count fixtures"
