# praxis commit and a plain `git commit` at the same time lose nothing:
# every note praxis reports committed is in the final HEAD (once git's own
# race, below, is mended by the next praxis commit), every file git
# committed too, and git agrees with the result. And a note rewritten
# by an editor's autosave while praxis commits: what is committed is
# exactly what was checked (never the version holding a phone number).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
make_kb "$TMPDIR/tpl"
px init kb
cp "$TMPDIR/tpl/communities.yaml" kb/
cd kb
px commit
expect_rc 0
mkdir -p 2022-2023/zuid gitfiles

# git_retry ARGS: a plain git command, again while praxis holds the lock
git_retry() {
	k=0
	until git "$@" >/dev/null 2>&1; do
		k=$((k + 1))
		[ $k -lt 200 ] || return 1
		sleep 0.02
	done
}

# round r: twelve notes of one cycle, sessions 1 to 12
rounds=10 per=12 r=1 gits=0
while [ $r -le $rounds ]; do
	y=$((2000 + r)) i=1
	while [ $i -le $per ]; do
		f=$y-$((y + 1))/zuid/$i.md
		printf 'Ronde %d, notitie %d: de buurtwerker belde de huisarts. #samenwerking\n' $r $i | note "$f"
		sed -i -e "s/^session: .*/session: $i/" -e "s/^cycle: .*/cycle: $y-$((y + 1))/" \
			-e "s/^date: .*/date: $y-10-01/" "$f"
		printf '%s\n' "$f" >> "$TMPDIR/reported"
		i=$((i + 1))
	done
	"$PRAXIS" commit -m "praxis round $r" > "$TMPDIR/p$r.out" 2>&1 &
	pid=$!
	# plain git commits for as long as praxis runs
	g=0
	while [ $g -lt 3 ] || kill -0 $pid 2>/dev/null; do
		g=$((g + 1))
		printf 'round %d commit %d\n' $r $g > "gitfiles/r$r-$g.txt"
		git_retry add "gitfiles/r$r-$g.txt" || fail "git add kept failing"
		git_retry commit -q -m "git round $r.$g" || fail "git commit kept failing"
		gits=$((gits + 1))
	done
	wait $pid || true
	grep -q '^committed ' "$TMPDIR/p$r.out" || fail "round $r: praxis: $(cat "$TMPDIR/p$r.out")"
	r=$((r + 1))
done
# git's own race (doc/sync.md; t2116): a git commit that read the index
# just before praxis wrote it writes that index back, and the next git
# commit drops praxis' notes from HEAD. They stay in praxis' commit and
# in the work tree, and the next praxis commit brings them back.
dropped=0
while read -r f; do
	git cat-file -e "HEAD:$f" 2>/dev/null && continue
	dropped=$((dropped + 1))
	[ -f "$f" ] || fail "$f: neither in HEAD nor in the work tree"
	c=$(git log --format=%H -1 -- "$f")
	[ -n "$c" ] && git show "$c^:$f" > "$TMPDIR/was" 2>/dev/null && cmp -s "$TMPDIR/was" "$f" ||
		fail "$f: dropped from HEAD, and not as praxis committed it"
done < "$TMPDIR/reported"
if [ $dropped -gt 0 ]; then
	echo "git's race dropped $dropped notes from HEAD: praxis commit brings them back" >&2
	px commit -m again
	expect_rc 0
fi
# every note praxis reported, every file git committed
lost=0
while read -r f; do
	git cat-file -e "HEAD:$f" 2>/dev/null || lost=$((lost + 1))
done < "$TMPDIR/reported"
[ $lost -eq 0 ] || fail "$lost of $((rounds * per)) notes praxis reported committed are not in HEAD"
[ "$(git ls-tree --name-only HEAD gitfiles/ | wc -l)" -eq $gits ] ||
	fail "git's files: $(git ls-tree --name-only HEAD gitfiles/ | wc -l) of $gits"
[ -z "$(git status --porcelain)" ] || fail "status: $(git status --porcelain)"
git fsck --strict >/dev/null 2>&1 || fail "git fsck --strict"

# autosave: the note flips between a clean version and one with a phone
# number (atomic renames, as editors save) while praxis commits it
N=2022-2023/zuid/09.md
{
	i=0
	while [ $i -lt 3000 ]; do
		printf 'Alinea %d: de buurtwerker belde de huisarts en het OCMW over de opvolging. #samenwerking\n\n' $i
		i=$((i + 1))
	done
} | note "$N"
sed -i 's/^session: .*/session: 9/' "$N"
cp "$N" "$TMPDIR/clean.md"
printf 'Bel haar op 0470 12 34 56.\n' | cat "$TMPDIR/clean.md" - > "$TMPDIR/phone.md"
(
	j=0
	while [ ! -e "$TMPDIR/stop" ] && [ $j -lt 3000 ]; do
		cp "$TMPDIR/phone.md" "$N.tmp" && mv "$N.tmp" "$N"
		printf 'Versie %d. #tijd\n' $j | cat "$TMPDIR/clean.md" - > "$N.tmp" && mv "$N.tmp" "$N"
		j=$((j + 1))
	done
) &
writer=$!
tries=0 committed=0
# at least 8 tries, and more (up to 60) until one reads a clean version:
# the autosave alternates a refused and a clean version, so a run of
# refused reads is chance, not a fault
while [ $tries -lt 8 ] || { [ $committed -eq 0 ] && [ $tries -lt 60 ]; }; do
	px commit "$N"
	[ $rc -eq 0 ] && committed=$((committed + 1))
	[ $rc -le 1 ] || fail "commit during autosave: $rc $out $err"
	tries=$((tries + 1))
done
touch "$TMPDIR/stop"
wait $writer
for c in $(git rev-list HEAD -- "$N"); do
	git show "$c:$N" | grep -q '0470 12 34 56' && fail "commit $c holds a version check never passed"
done
[ $committed -gt 0 ] || fail "no commit during the autosave went through"
git fsck --strict >/dev/null 2>&1 || fail "git fsck --strict"
