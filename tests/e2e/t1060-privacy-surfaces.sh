# Every file praxis commits or publishes goes through the same privacy
# guard, in `check` and in `commit`: synthesis texts (CYCLE/synthesis.LANG.md,
# also as `check PATH`), communities.yaml (every value), a knowledge
# base's own codebook.xml (labels, descriptions, aliases), file names and
# commit messages given with -m (refused before anything is written).
# And the guard never fails open: an allowed number repeated 32 times
# does not hide what follows it on the line.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
cd kb
mkdir -p .git/praxis
printf 'Jan Peeters\n' > .git/praxis/denylist
note 2022-2023/zuid/04.md <<'X'
Een gewone sessie. #tijd
X
px commit
expect_rc 0
head=$(git rev-parse HEAD)
same_head() { [ "$(git rev-parse HEAD)" = "$head" ] || fail "$1: a commit was made"; }

# 1. a synthesis text: check, check PATH (no front matter needed), commit
printf '# Rôle du participant\n\nContact : jan&#64;example.org ou Jan\nPeeters.\n' > 2022-2023/synthesis.fr.md
px check 2022-2023/synthesis.fr.md
expect_rc 1
lacks "$out" "front-matter"
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "2022-2023/synthesis.fr.md:3:11: error: e-mail address 'jan@example.org' identifies someone [privacy-email]
2022-2023/synthesis.fr.md:3:34: error: name 'Jan Peeters' is on the deny list [privacy-name]" ] || fail "synthesis PATH: $out"
contains "$out" "use a pseudonym, or leave it out (this file has no 'allow:')"
px check
expect_rc 1
contains "$out" "2022-2023/synthesis.fr.md:3:11: error: e-mail address 'jan@example.org'"
px commit 2022-2023/synthesis.fr.md
expect_rc 1
same_head synthesis
rm 2022-2023/synthesis.fr.md

# 2. a file name
f='2022-2023/zuid/jan.peeters@example.org 0470 12 34 56.md'
note "$f" <<'X'
Een gewone sessie. #tijd
X
# a session of its own (a second note of session 4 would be an error too)
sed -i 's/^session: 4$/session: 5/' "$f"
px check
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "$f: error: e-mail address 'jan.peeters@example.org' identifies someone [privacy-email]
$f: error: phone number '0470 12 34 56' identifies someone [privacy-phone]" ] || fail "file name: $out"
contains "$out" "it is in the file's name: rename the file"
px check "$f"
expect_rc 1
contains "$out" "$f: error: e-mail address 'jan.peeters@example.org'"
px commit "$f"
expect_rc 1
same_head "file name"
px commit
expect_rc 1
same_head "file name (all)"
rm "$f"
note 2022-2023/zuid/jan_peeters.md <<'X'
Een gewone sessie. #tijd
X
sed -i 's/^session: 4$/session: 5/' 2022-2023/zuid/jan_peeters.md
px check 2022-2023/zuid/jan_peeters.md
expect_rc 1
contains "$out" "2022-2023/zuid/jan_peeters.md: error: name 'jan peeters' is on the deny list [privacy-name]"
rm 2022-2023/zuid/jan_peeters.md

# 3. a commit message given with -m: refused before anything is written
note 2022-2023/zuid/05.md <<'X'
Nog een sessie. #tijd
X
sed -i 's/^session: 4$/session: 5/' 2022-2023/zuid/05.md
px commit -m "Bel Jan Peeters op 0470 12 34 56"
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "commit message (-m): error: name 'Jan Peeters' is on the deny list [privacy-name]
commit message (-m): error: phone number '0470 12 34 56' identifies someone [privacy-phone]" ] || fail "-m: $out"
contains "$out" "it is in the commit message given with -m: leave it out of the message"
same_head "-m"
[ -z "$(git log --all --format=%s | grep 0470 || true)" ] || fail "-m: message in git"
# --author: the name through the same guard (the e-mail address is the
# lead's own and not scanned), no control characters; refused before
# anything is written
px commit --author 'Jan Peeters <jan@example.org>'
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "author (--author): error: name 'Jan Peeters' is on the deny list [privacy-name]" ] || fail "--author name: $out"
contains "$out" "it is in the name given with --author: give the lead's own name"
same_head "--author name"
px commit --author "$(printf 'Evil\033[2J <e@x.org>')"
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "--author: error: the author given with --author holds control character U+001B: remove it [control-character]" ] || fail "--author ESC: $out"
same_head "--author ESC"
[ -z "$(git log --all --format=%an | grep Evil || true)" ] || fail "--author: ESC in git"
px commit -m "$(printf 'Sessie\033]0;owned\007 van zuid')"
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "-m: error: the commit message given with -m holds control character U+001B: remove it [control-character]" ] || fail "-m ESC: $out"
same_head "-m ESC"
# the deny list: a comment after ' #' is not part of the name
printf 'Jan Peeters\n' > "$TMPDIR/deny.keep"
printf '  Piet Claes   # collega\n# Anna\nJan Peeters\n' > .git/praxis/denylist
px commit -m "Gesprek met Piet Claes"
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "commit message (-m): error: name 'Piet Claes' is on the deny list [privacy-name]" ] || fail "deny comment: $out"
same_head "deny comment"
cp "$TMPDIR/deny.keep" .git/praxis/denylist
px commit -m "Sessie 5 van zuid" --author 'M. Lead <jan@example.org>'
expect_rc 0
[ "$(git log -1 --format='%an <%ae>')" = "M. Lead <jan@example.org>" ] || fail "--author clean"
[ "$(git log -1 --format=%s)" = "Sessie 5 van zuid" ] || fail "-m clean"
head=$(git rev-parse HEAD)

# 4. communities.yaml: every value, as libyaml decodes it
cp communities.yaml "$TMPDIR/good.yaml"
sed 's/fr: "Bassin Sud"/fr: "Bassin Sud, tel 0470\\u002012 34 56"/; s/"B. Moderator"/"jan\\x40example.org"/' \
	"$TMPDIR/good.yaml" > communities.yaml
px check
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "communities.yaml:4:55: error: phone number '0470 12 34 56' identifies someone [privacy-phone]
communities.yaml:6:36: error: e-mail address 'jan@example.org' identifies someone [privacy-email]" ] || fail "communities: $out"
px check communities.yaml
expect_rc 1
contains "$out" "communities.yaml:4:55: error: phone number"
px commit communities.yaml
expect_rc 1
same_head communities
git show HEAD:communities.yaml | cmp -s - "$TMPDIR/good.yaml" || fail "communities.yaml committed"
cp "$TMPDIR/good.yaml" communities.yaml

# 5. the knowledge base's own codebook.xml: labels, descriptions, aliases
cp "$TOP/schema/codebook.xml" codebook.xml
awk '/<description lang="fr">/ && !done { sub(/<description lang="fr">/, "<description lang=\"fr\">Voir jan\\&#64;example.org. "); done = 1 } { print }' \
	"$TOP/schema/codebook.xml" > codebook.xml
line=$(grep -n 'jan&#64;example.org' codebook.xml | cut -d: -f1)
px check
expect_rc 1
contains "$out" "codebook.xml:$line:"
lacks "$out" "codebook-invalid"
contains "$out" "error: e-mail address 'jan@example.org' identifies someone [privacy-email]"
px commit codebook.xml
expect_rc 1
same_head codebook
rm codebook.xml

# 6. never fails open: 32 allowed numbers, then four findings on the line
{
	printf -- '---\ncommunity: zuid\ncycle: 2022-2023\nsession: 6\ndate: 2023-01-17\nlang: nl\nauthor: "M. Lead"\nallow: ["02 555 12 34"]\n---\n'
	for i in $(seq 32); do printf '02 555 12 34, '; done
	printf 'Jan Peeters, 0470 12 34 56, jan@example.org, 85.07.30-033.28.\n'
} > 2022-2023/zuid/06.md
px check 2022-2023/zuid/06.md
expect_rc 1
[ "$(printf '%s\n' "$out" | grep ': error: ')" = "2022-2023/zuid/06.md:10:449: error: name 'Jan Peeters' is on the deny list [privacy-name]
2022-2023/zuid/06.md:10:462: error: phone number '0470 12 34 56' identifies someone [privacy-phone]
2022-2023/zuid/06.md:10:477: error: e-mail address 'jan@example.org' identifies someone [privacy-email]
2022-2023/zuid/06.md:10:494: error: national register number '85.07.30-033.28' identifies someone [privacy-nrn]" ] ||
	fail "allowed x32: $out"
lacks "$out" "unused-allow"
px commit 2022-2023/zuid/06.md
expect_rc 1
same_head "allowed x32"
# 200 findings on one line, none allowed: all 200 reported
{
	printf -- '---\ncommunity: zuid\ncycle: 2022-2023\nsession: 6\ndate: 2023-01-17\nlang: nl\nauthor: "M. Lead"\n---\n'
	for i in $(seq 200); do printf '02 555 12 34, '; done
	printf '\n'
} > 2022-2023/zuid/06.md
px check --format json 2022-2023/zuid/06.md
expect_rc 1
# each at its column, 14 characters apart
json_eq '[.[] | [.line, .column, .rule, .message]]' <<EOF2
[$(for i in $(seq 200); do [ $i -eq 1 ] || printf ', '; printf '[9, %d, "privacy-phone", "phone number '"'"'02 555 12 34'"'"' identifies someone"]' $((i * 14 - 13)); done)]
EOF2
