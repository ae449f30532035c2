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

# a true conflict stops and loses nothing
sed -i 's/belde terug/belde op maandag terug/' 2022-2023/zuid/04.md
px commit
px sync
cd ../b
sed -i 's/belde terug/belde op dinsdag terug/' 2022-2023/zuid/04.md
px commit
head_before=$(git rev-parse HEAD)
px sync
expect_rc 1
contains "$err" "'2022-2023/zuid/04.md' was changed here and on the remote"
contains "$err" "nothing was changed"
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "conflict moved HEAD"
grep -q 'dinsdag' 2022-2023/zuid/04.md || fail "conflict changed the local note"
[ -z "$(git status --porcelain)" ] || fail "conflict left the tree dirty"
# settle it the way the message says: take the remote's version here
git reset -q --hard origin/main
px sync
expect_rc 0

# uncommitted edits are never overwritten
cd ../a
px sync
printf 'Nog iets. #tijd\n' >> 2022-2023/zuid/05.md
px commit
px sync
expect_rc 0
cd ../b
printf 'Lokale wijziging.\n' >> 2022-2023/zuid/05.md
px sync
expect_rc 2
contains "$err" "uncommitted changes would be overwritten"
grep -q 'Lokale wijziging' 2022-2023/zuid/05.md || fail "local edit lost"
