# Sync never loses a commit: two laptops commit and sync against one bare
# remote for SYNC_ROUNDS rounds (10 here; 'make sync-loop' runs 100), each
# writing its own notes, and every third round both changing the same note,
# which B settles by a rule (in turn --mine, --theirs, --edit keeping both
# lines). At the end both laptops and the remote are on one commit that
# holds every commit either laptop made, and git fsck --strict is clean.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
rounds=${SYNC_ROUNDS:-10}
base=$PWD
git init -q --bare remote.git
px init a
make_kb tmpkb
cp tmpkb/communities.yaml a/
note a/2022-2023/zuid/01.md <<'EOF2'
Gedeelde regel. #tijd
EOF2
sed -i 's/^session: 4/session: 1/' a/2022-2023/zuid/01.md
cd a
px commit
expect_rc 0
git remote add origin "$base/remote.git"
px sync
expect_rc 0
cd "$base"
px clone remote.git b
expect_rc 0
: > made

# write LAPTOP COMMUNITY N LANG: the note of round N (twelve sessions a
# cycle, from 2030-2031 on, so that no round's note is another's)
write() {
	s=$(( ($3 - 1) % 12 + 1 )) y=$(( 2030 + ($3 - 1) / 12 ))
	f=$1/$y-$((y + 1))/$2/$(printf %02d $s).md
	note "$f" <<EOF2
Ronde $3 op laptop $1. #tijd
EOF2
	sed -i "s/^session: 4/session: $s/; s/^community: zuid/community: $2/; s/^lang: nl/lang: $4/;
		s/^cycle: .*/cycle: $y-$((y + 1))/; s/^date: .*/date: $((y + 1))-01-17/" "$f"
}
commit() {
	cd "$base/$1"
	px commit
	expect_rc 0
	git rev-parse HEAD >> "$base/made"
	cd "$base"
}
sync() {
	cd "$base/$1"
	px sync
	cd "$base"
}

i=1
while [ $i -le $rounds ]; do
	write a zuid $i nl
	write b centrum $i fr
	shared=$((i % 3 == 0))
	if [ $shared = 1 ]; then
		sed -i "s/^Gedeelde regel.*/Gedeelde regel, A in ronde $i. #tijd/" a/2022-2023/zuid/01.md
		sed -i "s/^Gedeelde regel.*/Gedeelde regel, B in ronde $i. #tijd/" b/2022-2023/zuid/01.md
	fi
	commit a
	commit b
	# who syncs first alternates
	if [ $((i % 2)) = 0 ]; then first=a second=b; else first=b second=a; fi
	sync $first
	expect_rc 0
	sync $second
	if [ $shared = 1 ]; then
		expect_rc 1
		how=$(( (i / 3) % 3 ))
		cd "$base/$second"
		case $how in
		0) px sync --mine 2022-2023/zuid/01.md ;;
		1) px sync --theirs 2022-2023/zuid/01.md ;;
		2)
			px sync --edit 2022-2023/zuid/01.md
			expect_rc 0
			sed -i '/^<<<<<<< /d; /^=======$/d; /^>>>>>>> /d' 2022-2023/zuid/01.md
			px commit 2022-2023/zuid/01.md
			expect_rc 0
			git rev-parse HEAD >> "$base/made"
			px sync
			;;
		esac
		expect_rc 0
		cd "$base"
	else
		expect_rc 0
	fi
	git -C $second rev-parse HEAD >> made
	i=$((i + 1))
done
sync a
expect_rc 0
sync b
expect_rc 0
head=$(git -C a rev-parse HEAD)
[ "$(git -C b rev-parse HEAD)" = "$head" ] || fail "a and b end on different commits"
[ "$(git --git-dir=remote.git rev-parse main)" = "$head" ] || fail "the remote ends elsewhere"
missing=0
while read -r c; do
	for r in a b remote.git; do
		git --git-dir="$(git -C $r rev-parse --absolute-git-dir)" merge-base --is-ancestor "$c" "$head" ||
			{ echo "commit $c missing in $r" >&2; missing=$((missing + 1)); }
	done
done < made
[ $missing = 0 ] || fail "$missing commits lost"
[ "$(sort -u made | wc -l)" -ge $((2 * rounds)) ] || fail "fewer commits than rounds: $(sort -u made | wc -l)"
for r in a b remote.git; do git -C $r fsck --strict --full >/dev/null 2>&1 || fail "fsck $r"; done
# every note of both laptops is in both
[ "$(ls a/20*/zuid/*.md | wc -l)" = $((rounds + 1)) ] || fail "a: zuid notes $(ls a/20*/zuid/*.md | wc -l)"
[ "$(ls b/20*/centrum/*.md | wc -l)" = "$rounds" ] || fail "b: centrum notes $(ls b/20*/centrum/*.md | wc -l)"
diff -r -x .git a b >&2 || fail "a and b hold different files"
echo "ok: $rounds rounds"
