# sync: two machines share a knowledge base through a bare repository.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity

git init -q --bare remote.git
px init a
make_kb tmpkb
cp tmpkb/communities.yaml a/
cd a
px commit
px sync
expect_rc 2
contains "$err" "praxis: error: no remote 'origin': add one with 'git remote add origin URL'"
git remote add origin "$TMPDIR/remote.git"
px sync
expect_rc 0
contains "$out" "pushed to 'origin'"
cd ..
git clone -q remote.git b

# A writes, B brings it in (fast-forward) and can search it
cd a
note 2022-2023/zuid/04.md <<'EOF2'
Het ziekenhuis belde terug. #ziekenhuis
EOF2
px commit
px sync
expect_rc 0
cd ../b
px sync
expect_rc 0
contains "$out" "brought in 1 commit"
[ -f 2022-2023/zuid/04.md ] || fail "fast-forward did not check out the note"
px search ziekenhuis --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/04.md:9"]]
EOF2
[ -z "$(git status --porcelain)" ] || fail "b dirty after ff: $(git status --porcelain)"

# both write different notes: a merge, then both have both
cd ../a
note 2022-2023/zuid/05.md <<'EOF2'
Vijfde sessie. #tijd
EOF2
sed -i 's/^session: 4/session: 5/' 2022-2023/zuid/05.md
px commit
px sync
cd ../b
mkdir -p 2022-2023/centrum
note 2022-2023/centrum/01.md <<'EOF2'
Première séance. #temps
EOF2
sed -i 's/^community: zuid/community: centrum/; s/^session: 4/session: 1/; s/^lang: nl/lang: fr/' 2022-2023/centrum/01.md
px commit
expect_rc 0
px sync
expect_rc 0
contains "$out" "merged 1 commit from the remote with 1 local one"
contains "$out" "pushed to 'origin'"
[ -f 2022-2023/zuid/05.md ] || fail "merge did not bring zuid/05"
[ "$(git log -1 --format=%p | wc -w)" = 2 ] || fail "no merge commit"
[ -z "$(git status --porcelain)" ] || fail "b dirty after merge: $(git status --porcelain)"
px search '#tijd' --format json
hits_eq <<'EOF2'
[2, ["2022-2023/zuid/05.md:9", "2022-2023/centrum/01.md:9"]]
EOF2
cd ../a
px sync
expect_rc 0
[ -f 2022-2023/centrum/01.md ] || fail "a did not get centrum/01"
git fsck --strict --full >/dev/null 2>&1 || fail "fsck a"

# a true conflict stops and loses nothing, and shows both versions
sed -i 's/belde terug/belde op maandag terug/' 2022-2023/zuid/04.md
px commit
px sync
cd ../b
sed -i 's/belde terug/belde op dinsdag terug/' 2022-2023/zuid/04.md
px commit
head_before=$(git rev-parse HEAD)
px sync
expect_rc 1
out=$(printf '%s\n' "$out" | sed 's/, [0-9-]* [0-9:]*$/, DATE/')
expect_out <<'EOF2'
'2022-2023/zuid/04.md' was changed here and on the remote:
--- mine: Test Lead, DATE
+++ theirs: Test Lead, DATE
@@ -7,3 +7,3 @@
 author: "M. Lead"
 ---
-Het ziekenhuis belde op dinsdag terug. #ziekenhuis
+Het ziekenhuis belde op maandag terug. #ziekenhuis
EOF2
expect_err <<'EOF2'
2022-2023/zuid/04.md: error: '2022-2023/zuid/04.md' was changed here and on the remote [sync-conflict]
praxis: error: nothing was changed: for each note, keep yours ('praxis sync --mine PATH'), take the remote's ('praxis sync --theirs PATH'), or write both into it to edit ('praxis sync --edit PATH', then 'praxis check' and 'praxis commit PATH') [sync-conflict]
EOF2
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "conflict moved HEAD"
grep -q 'dinsdag' 2022-2023/zuid/04.md || fail "conflict changed the local note"
[ -z "$(git status --porcelain)" ] || fail "conflict left the tree dirty"
# a choice for a note that is not in conflict, or none for one that is:
# nothing happens
px sync --mine 2022-2023/zuid/05.md
expect_rc 1
expect_err <<'EOF2'
2022-2023/zuid/04.md: error: '2022-2023/zuid/04.md' is in conflict too: choose for it as well (--mine, --theirs or --edit); nothing was changed [sync-conflict]
2022-2023/zuid/05.md: error: '2022-2023/zuid/05.md' is not in conflict with the remote; nothing was changed [sync-conflict]
EOF2
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "a refused choice moved HEAD"
# --edit: both versions marked; check and commit refuse the markers, a
# commit of another note is refused, sync waits for the note
px sync --edit 2022-2023/zuid/04.md
expect_rc 0
expect_out <<'EOF2'
'2022-2023/zuid/04.md' now holds both versions between <<<<<<< and >>>>>>> lines: keep what is right, remove those lines and the ======= line, then 'praxis check' and 'praxis commit 2022-2023/zuid/04.md'
EOF2
sed 's/, [0-9-]* [0-9:]*$/, DATE/' 2022-2023/zuid/04.md | tail -5 > "$TMPDIR/got"
cat > "$TMPDIR/want" <<'EOF2'
<<<<<<< mine: Test Lead, DATE
Het ziekenhuis belde op dinsdag terug. #ziekenhuis
=======
Het ziekenhuis belde op maandag terug. #ziekenhuis
>>>>>>> theirs: Test Lead, DATE
EOF2
test_cmp "$TMPDIR/want" "$TMPDIR/got"
px check 2022-2023/zuid/04.md
expect_rc 1
contains "$out" "2022-2023/zuid/04.md:9:1: error: conflict marker"
px commit
expect_rc 1
contains "$out" "2022-2023/zuid/04.md:13:1: error: conflict marker"
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "a note with markers was committed"
px sync
expect_rc 1
expect_err <<'EOF2'
2022-2023/zuid/04.md: error: '2022-2023/zuid/04.md' is waiting to be edited and committed to finish the merge: edit it, then 'praxis check' and 'praxis commit 2022-2023/zuid/04.md' (to start over: 'git merge --abort') [sync-conflict]
EOF2
printf 'Nog een zin. #tijd\n' >> 2022-2023/zuid/05.md
px commit 2022-2023/zuid/05.md
expect_rc 2
expect_err <<'EOF2'
2022-2023/zuid/04.md: error: '2022-2023/zuid/04.md' is part of the merge being finished: commit it too ('praxis commit 2022-2023/zuid/04.md'); nothing was committed [sync]
EOF2
git checkout -q 2022-2023/zuid/05.md
sed -i '/^<<<<<<< /d; /^=======$/d; /^>>>>>>> /d; /maandag/d' 2022-2023/zuid/04.md
px commit 2022-2023/zuid/04.md
expect_rc 0
[ "$(git log -1 --format=%p | wc -w)" = 2 ] || fail "the edited note did not make a merge"
[ "$(git log -1 --format=%P | cut -d' ' -f2)" = "$(git rev-parse origin/main)" ] || fail "the merge's second parent is not the remote's"
[ ! -f .git/MERGE_HEAD ] && [ ! -f .git/praxis/sync-merge ] || fail "the merge's records stayed"
[ -z "$(git status --porcelain)" ] || fail "dirty after the merge: $(git status --porcelain)"
px sync
expect_rc 0
expect_out <<'EOF2'
pushed to 'origin'
EOF2
cd ../a
px sync
expect_rc 0
grep -q 'dinsdag' 2022-2023/zuid/04.md || fail "a did not get the edited note"
cd ../b

# uncommitted edits are never overwritten: the note is named, the message
# is the user's language only
cd ../a
px sync
printf 'Nog iets. #tijd\n' >> 2022-2023/zuid/05.md
px commit
px sync
expect_rc 0
cd ../b
printf 'Lokale wijziging.\n' >> 2022-2023/zuid/05.md
head_before=$(git rev-parse HEAD)
px sync
expect_rc 1
expect_err <<'EOF2'
2022-2023/zuid/05.md: error: '2022-2023/zuid/05.md' has changes that are not committed yet, and the remote changed it too: commit it first ('praxis commit 2022-2023/zuid/05.md'), then 'praxis sync' again [sync-uncommitted]
praxis: error: nothing was changed: your edits are as you left them [sync-uncommitted]
EOF2
px --lang nl sync
expect_rc 1
expect_err <<'EOF2'
2022-2023/zuid/05.md: fout: '2022-2023/zuid/05.md' heeft wijzigingen die nog niet vastgelegd zijn, en de remote wijzigde het ook: leg het eerst vast ('praxis commit 2022-2023/zuid/05.md'), daarna opnieuw 'praxis sync' [sync-uncommitted]
praxis: fout: er is niets veranderd: uw wijzigingen staan er nog zoals u ze liet [sync-uncommitted]
EOF2
grep -q 'Lokale wijziging' 2022-2023/zuid/05.md || fail "local edit lost"
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "HEAD moved over uncommitted edits"
# committed, it is an ordinary conflict
px commit
px sync --theirs 2022-2023/zuid/05.md
expect_rc 0
grep -q 'Lokale wijziging' 2022-2023/zuid/05.md && fail "--theirs kept the local text"
cd ../a && px sync && cd ../b
[ "$(git rev-parse HEAD)" = "$(git -C ../a rev-parse HEAD)" ] || fail "a and b differ after --theirs"
for r in . ../a ../remote.git; do git -C $r fsck --strict --full >/dev/null 2>&1 || fail "fsck $r"; done
