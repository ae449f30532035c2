# A full rebuild walks the tree while a second thread reads and parses
# the notes (from 64 notes on): every note is indexed once, in the
# tree's order (FTS5 gathering 8 MB of terms per segment), and a blob missing half-way fails the rebuild with the
# note's path, leaving the index as it was.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
cd kb
i=1
while [ $i -le 100 ]; do
	d=2022-2023/zuid
	[ $i -le 50 ] || d=2023-2024/zuid
	note "$d/$i.md" <<EOF2
Notitie $i over de huisarts en de thuiszorg.

- een punt van notitie $i #tijd
EOF2
	sed -i -e "s/^session: .*/session: $i/" "$d/$i.md"
	[ $i -le 50 ] || sed -i -e "s/^cycle: .*/cycle: 2023-2024/" -e "s/^date: .*/date: 2023-10-01/" "$d/$i.md"
	i=$((i + 1))
done
git add -A
git commit -q -m notes
px reindex
expect_rc 0
expect_out <<EOF2
indexed 100 notes
EOF2
# every note once: 100 paragraphs, 100 coded items, in git's order
px search huisarts --format json --limit 0
expect_rc 0
[ "$(json '.total')" = 100 ] || fail "huisarts: $(json '.total') hits"
px search '#tijd' --format json --limit 0
expect_rc 0
[ "$(json '.total')" = 100 ] || fail "#tijd: $(json '.total') hits"
git ls-tree -r --name-only HEAD | grep '^20.*\.md$' > "$TMPDIR/tree"
sqlite3 "$(git rev-parse --git-dir)/praxis/index.db" 'SELECT path FROM notes ORDER BY id' > "$TMPDIR/indexed"
test_cmp "$TMPDIR/tree" "$TMPDIR/indexed"
# a rebuild gathers 8 MB of terms per FTS5 segment (index.c
# FTS_HASH_BYTES), kept in the table's configuration for later commits
hs=$(sqlite3 "$(git rev-parse --git-dir)/praxis/index.db" "SELECT v FROM segments_fts_config WHERE k = 'hashsize'")
[ "$hs" = 8388608 ] || fail "FTS5 hashsize: '$hs'"
px search huisarts --format json --limit 0
before=$out

# a blob missing in the second folder: the worker stops there
blob=$(git rev-parse HEAD:2023-2024/zuid/70.md)
rm "$(git rev-parse --git-dir)/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
for l in en nl fr; do
	PRAXIS_LANG=$l px reindex
	expect_rc 2
	case $l in
	en) want="2023-2024/zuid/70.md: error: the repository is damaged: a git object is missing or unreadable; 'git fsck' says which" ;;
	nl) want="2023-2024/zuid/70.md: fout: de repository is beschadigd: een git-object ontbreekt of is onleesbaar; 'git fsck' zegt welk" ;;
	fr) want="2023-2024/zuid/70.md: erreur: le dépôt est endommagé : un objet git manque ou est illisible ; 'git fsck' dit lequel" ;;
	esac
	case $err in "$want"*) ;; *) fail "reindex ($l): $err" ;; esac
done
# the index is the one before the failed rebuilds
px search huisarts --format json --limit 0
expect_rc 0
[ "$out" = "$before" ] || fail "the index changed after a failed rebuild"
echo ok
