# praxis commit and a plain `git commit` interleaved at the one moment
# that lost notes: git reads HEAD, then the index, before it takes
# index.lock. praxis writes the index before it moves HEAD, so a git
# commit that sees praxis' new HEAD also sees its index: strace holds
# praxis just before it puts its new index in place, git reads HEAD and
# the index then, and strace holds git until praxis is done. Afterwards
# every note praxis committed is in HEAD and git's commit fails, saying
# HEAD moved (with the other order, git's commit landed on top of
# praxis' with the notes dropped, in silence). git then writes back the
# index it read (its own race, which git has with itself too: see
# doc/sync.md); the notes stay in praxis' commit and in the work tree.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
command -v strace > /dev/null || fail "strace is missing (.ci/deps.sh test installs it)"
make_kb "$TMPDIR/tpl"
px init kb
cp "$TMPDIR/tpl/communities.yaml" kb/
cd kb
px commit
expect_rc 0
i=1
while [ $i -le 5 ]; do
	printf 'Notitie %d: de buurtwerker belde de huisarts. #samenwerking\n' $i | note 2022-2023/zuid/0$i.md
	sed -i "s/^session: .*/session: $i/" 2022-2023/zuid/0$i.md
	i=$((i + 1))
done
echo "git's" > gitfile.txt
git add gitfile.txt
g=$(pwd)/.git
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
# praxis held for 2 s as it renames its new index into place
strace -f -qq -o /dev/null -P "$g/praxis/index.new" -e trace=rename,renameat,renameat2 \
	-e inject=rename,renameat,renameat2:delay_enter=2000000 "$PRAXIS" commit -m praxis \
	> "$TMPDIR/p.out" 2>&1 &
p=$!
k=0
until [ -e "$g/praxis/index.new" ]; do
	k=$((k + 1))
	[ $k -lt 2000 ] || fail "praxis never wrote its new index"
	sleep 0.005
done
sleep 0.2
# git reads HEAD and the index now; its index.lock waits 3 s
set +e
strace -f -qq -o /dev/null -P "$g/index.lock" -e trace=openat \
	-e inject=openat:delay_enter=3000000 git commit -q -m git > "$TMPDIR/g.out" 2>&1
grc=$?
set -e
wait $p || fail "praxis commit: $(cat "$TMPDIR/p.out")"
grep -q '^committed ' "$TMPDIR/p.out" || fail "praxis: $(cat "$TMPDIR/p.out")"
i=1
while [ $i -le 5 ]; do
	git cat-file -e HEAD:2022-2023/zuid/0$i.md 2> /dev/null || fail "note $i is not in HEAD: $(git log --oneline | head -3)"
	i=$((i + 1))
done
# git read the index before praxis wrote it: git's commit fails (HEAD
# moved under it), loudly, instead of dropping the notes in silence
[ $grc -ne 0 ] || fail "git's commit on top of praxis' succeeded: $(git log --oneline | head -3)"
grep -q "cannot lock ref 'HEAD'" "$TMPDIR/g.out" || fail "git: $(cat "$TMPDIR/g.out")"
[ "$(git log -1 --format=%s)" = praxis ] || fail "HEAD: $(git log --oneline | head -3)"
git fsck --strict > /dev/null 2>&1 || fail "git fsck --strict"
