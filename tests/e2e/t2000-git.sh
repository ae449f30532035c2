# init, new, commit, log: a real repository that the git CLI agrees with.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity

px init kb
expect_rc 0
contains "$out" "created a knowledge base in 'kb'"
[ "$(git -C kb rev-parse --abbrev-ref HEAD)" = main ] || fail "branch is not main"
[ "$(git -C kb rev-list --count HEAD)" = 1 ] || fail "no first commit"
[ -z "$(git -C kb status --porcelain)" ] || fail "init left the tree dirty: $(git -C kb status --porcelain)"
px init kb
expect_rc 2
contains "$err" "'kb' already holds a knowledge base"

make_kb kb2
cp kb2/communities.yaml kb/communities.yaml
cd kb
px commit
expect_rc 0
contains "$out" "committed"
contains "$out" ": communities.yaml"

px new zuid --date 2023-01-17
expect_rc 0
[ "$out" = "$TMPDIR/kb/2022-2023/zuid/01.md" ] || fail "new printed '$out'"
# a note fresh from the template is not a session yet: check and commit say what is missing
px check
expect_rc 1
contains "$out" "2022-2023/zuid/01.md:12:8: error: title is empty: give the session a title, or remove the line [invalid-value]"
contains "$out" "2022-2023/zuid/01.md:15: error: the note has no content yet: write what was said under its headings (the <!-- --> guidance does not count) [empty-note]"
px commit
expect_rc 1
contains "$out" "nothing committed: 2 errors to fix first"
grep -q '^lang: nl$' 2022-2023/zuid/01.md || fail "template not in the community's language"
grep -q '^## Opvolging$' 2022-2023/zuid/01.md || fail "template lacks the Dutch sections"
px new centrum --date 2023-01-18
grep -q '^## Suivi$' 2022-2023/centrum/01.md || fail "French template lacks its sections"
rm 2022-2023/centrum/01.md
# --edit runs the editor as git does, options and quotes included
EDITOR="sed -i 's/^title: \"\"/title: \"Bewerkt\"/'" px new centrum --date 2023-01-18 --edit
expect_rc 0
grep -q '^title: "Bewerkt"$' 2022-2023/centrum/01.md || fail "--edit did not run the editor"
rm 2022-2023/centrum/01.md


cat >> 2022-2023/zuid/01.md <<'EOF2'
Mevrouw A. kwam uit het ziekenhuis en niemand volgde op. #ziekenhuis #samenwerking

- [ ] Huisarts bellen over de ontslagbrief #ziekenhuis
EOF2
sed -i 's/^title: ""/title: "Ontslag uit het ziekenhuis"/' 2022-2023/zuid/01.md
px commit
expect_rc 0
contains "$out" "zuid 2022-2023 #1 (2023-01-17)"
[ -z "$(git status --porcelain)" ] || fail "commit left git status dirty: $(git status --porcelain)"
[ "$(git log -1 --format='%an <%ae>|%s')" = "Test Lead <lead@example.org>|zuid 2022-2023 #1 (2023-01-17)" ] ||
	fail "commit author/message: $(git log -1 --format='%an <%ae>|%s')"
[ "$(git show --name-only --format= HEAD)" = "2022-2023/zuid/01.md" ] || fail "commit files: $(git show --name-only --format= HEAD)"
git fsck --strict --full 2>&1 || fail "git fsck"

# the next session number follows
px new zuid --date 2023-02-14
[ "$out" = "$TMPDIR/kb/2022-2023/zuid/02.md" ] || fail "second new printed '$out'"

# a note with an error commits nothing
sed -i 's/^title: ""/title: "Tweede sessie"/' 2022-2023/zuid/02.md
printf 'Een probleem #tjid\n' >> 2022-2023/zuid/02.md
head_before=$(git rev-parse HEAD)
px commit
expect_rc 1
contains "$out" "unknown code '#tjid'"
contains "$out" "nothing committed: 1 error to fix first"
[ "$(git rev-parse HEAD)" = "$head_before" ] || fail "a failing check still committed"

# privacy: refused, then allowed explicitly in the front matter
sed -i 's/#tjid/#tijd/' 2022-2023/zuid/02.md
printf 'Bel haar op 0470 12 34 56.\n' >> 2022-2023/zuid/02.md
px commit 2022-2023/zuid/02.md
expect_rc 1
contains "$out" "phone number '0470 12 34 56' identifies someone [privacy-phone]"
sed -i 's/^title: "Tweede sessie"$/title: "Tweede sessie"\nallow: ["0470 12 34 56"]/' 2022-2023/zuid/02.md
px commit 2022-2023/zuid/02.md -m "Sessie 2" --author "Other Lead <other@example.org>"
expect_rc 0
[ "$(git log -1 --format='%an <%ae>|%s')" = "Other Lead <other@example.org>|Sessie 2" ] || fail "--author/-m"

px commit
expect_rc 0
contains "$out" "nothing to commit"
# a path that is neither a file nor committed is a typo, not a deletion
px commit 2022-2023/zuid/99.md
expect_rc 2
contains "$err" "'2022-2023/zuid/99.md' is not a note (.md file) of this knowledge base"

# deleting a note is a change too
rm 2022-2023/zuid/02.md
px commit
expect_rc 0
contains "$out" "2022-2023/zuid/02.md"
[ -z "$(git status --porcelain)" ] || fail "deletion left git status dirty: $(git status --porcelain)"
git cat-file -e HEAD:2022-2023/zuid/02.md 2>/dev/null && fail "deleted note still in HEAD"
px log
expect_rc 0
contains "$out" "zuid 2022-2023 #1 (2023-01-17)  2022-2023/zuid/01.md"
px log zuid --format json
expect_rc 0
# every change to zuid's notes, each with its commit as git names it; the
# time as git has it, to the minute (the order of commits made within the
# same second is not compared: praxis sorts by time only)
[ "$(json '.[].time' | sort -u)" = "$(git log -3 --format=%cd --date=format:'%Y-%m-%d %H:%M' | sort -u)" ] ||
	fail "log times: $out"
json_eq 'map(del(.time)) | sort_by(.commit, .path)' <<EOF2
$(jq -n --arg c3 "$(git rev-parse HEAD)" --arg c2 "$(git rev-parse HEAD~1)" --arg c1 "$(git rev-parse HEAD~2)" \
	--arg m3 "$(git log -1 --format=%B HEAD)" --arg m2 "$(git log -1 --format=%B HEAD~1)" \
	--arg m1 "$(git log -1 --format=%B HEAD~2)" '[
 {commit: $c3, author: "Test Lead", email: "lead@example.org", message: $m3, change: "deleted", path: "2022-2023/zuid/02.md",
  community: "zuid", cycle: "2022-2023", session: 2, date: "2023-02-14"},
 {commit: $c2, author: "Other Lead", email: "other@example.org", message: $m2, change: "added", path: "2022-2023/zuid/02.md",
  community: "zuid", cycle: "2022-2023", session: 2, date: "2023-02-14"},
 {commit: $c1, author: "Test Lead", email: "lead@example.org", message: $m1, change: "added", path: "2022-2023/zuid/01.md",
  community: "zuid", cycle: "2022-2023", session: 1, date: "2023-01-17"}] | sort_by(.commit, .path)')
EOF2
px log centrum
expect_rc 0
[ -z "$out" ] || fail "log centrum should be empty: $out"
git fsck --strict --full 2>&1 || fail "git fsck"
git clone -q "$TMPDIR/kb" "$TMPDIR/clone" || fail "clone"
[ -f "$TMPDIR/clone/2022-2023/zuid/01.md" ] || fail "clone lacks the note"
