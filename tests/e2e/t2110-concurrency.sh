# Two commits racing on one repository lose neither; readers and writers
# share the index; a process killed while indexing leaves a usable index.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
cp "$TOP/notes/communities.yaml" kb/
cd kb
px commit
expect_rc 0

# eight notes committed by eight processes at once
i=1
while [ $i -le 8 ]; do
	mkdir -p 2022-2023/zuid
	sed "s/^session: .*/session: $i/" "$TOP/notes/2022-2023/zuid/01.md" > "2022-2023/zuid/0$i.md"
	i=$((i + 1))
done
i=1
while [ $i -le 8 ]; do
	$vg "$PRAXIS" commit "2022-2023/zuid/0$i.md" > "$TMPDIR/c$i.out" 2>&1 &
	i=$((i + 1))
done
# readers at the same time
$vg "$PRAXIS" search buurt > "$TMPDIR/r1.out" 2>&1 &
$vg "$PRAXIS" stats > "$TMPDIR/r2.out" 2>&1 &
wait
i=1
while [ $i -le 8 ]; do
	grep -q "committed" "$TMPDIR/c$i.out" || fail "commit $i: $(cat "$TMPDIR/c$i.out")"
	git cat-file -e "HEAD:2022-2023/zuid/0$i.md" || fail "note $i lost"
	i=$((i + 1))
done
[ "$(git rev-list --count HEAD)" = 10 ] || fail "expected 10 commits, got $(git rev-list --count HEAD)"
[ -z "$(git status --porcelain)" ] || fail "status: $(git status --porcelain)"
git fsck --strict --full >/dev/null 2>&1 || fail "fsck"
px search --format json '#resource.neighbourhood' --community zuid
expect_rc 0
db=$(git rev-parse --git-dir)/praxis/index.db
[ "$(sqlite3 "$db" 'SELECT count(*) FROM notes')" = 8 ] || fail "index has $(sqlite3 "$db" 'SELECT count(*) FROM notes') notes"

# many notes, then kill a rebuild half-way: the old index survives whole
cp -r "$TOP/notes/2022-2023" big
for k in 1 2 3 4 5 6 7 8 9; do cp -r big "big$k"; done
git add -A >/dev/null && git commit -qm "many notes"
px search buurtwerk --format json
before=$(json -c '[.total, [.hits[] | "\(.path):\(.line)"]]')
[ "$(json .total)" -gt 0 ] || fail "no results before the kill"
n=0
while [ $n -lt 5 ]; do
	"$PRAXIS" reindex > /dev/null 2>&1 &
	pid=$!
	sleep 0.0$((n * 2 + 1))
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after kill $n"
	px search buurtwerk --format json
	expect_rc 0
	printf '%s\n' "$before" | hits_eq
	n=$((n + 1))
done
