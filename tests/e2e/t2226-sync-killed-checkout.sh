# A sync killed inside its checkout (kill -9 once the first incoming note
# is in the work tree, before HEAD moves) loses nothing and is not taken
# for a lead's edit: the next command puts the work tree back to HEAD
# (sync journals its checkout, GITDIR/praxis/checkout), and the next
# 'praxis sync' completes: both laptops on one commit, the work tree clean.
# A lead's own edit of an incoming note made after such a kill is kept and
# named, never overwritten.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
base=$PWD

px init --bare srv/kb.git
px init a
{
	echo "communities:"
	for g in $(seq 10 29); do
		printf '  - id: g%s\n    name: { nl: "PG %s", fr: "CdP %s" }\n' "$g" "$g" "$g"
		printf '    zone: { nl: "Zone %s", fr: "Bassin %s" }\n    lang: nl\n' "$g" "$g"
		printf '    moderators: [ "A. Moderator" ]\n'
	done
} > a/communities.yaml
cd a
px commit
expect_rc 0
git remote add origin "$base/srv/kb.git"
px sync
expect_rc 0
cd "$base"
px clone srv/kb.git b
expect_rc 0

# notes CYCLE DATE: 20 communities x 10 sessions in a, committed and pushed
notes() {
	cd "$base/a"
	for g in $(seq 10 29); do
		for s in 01 02 03 04 05 06 07 08 09 10; do
			note "$1/g$g/$s.md" <<EOF2
Sessie $s van groep $g: de tijd ontbreekt. #tijd
EOF2
			sed -i "s/^community: zuid/community: g$g/; s/^session: 4/session: ${s#0}/; s/^date: .*/date: $2/; s/^cycle: .*/cycle: $1/" "$1/g$g/$s.md"
		done
	done
	px commit -m "$1"
	expect_rc 0
	px sync
	expect_rc 0
	cd "$base/b"
}
# kill_in_checkout FIRST: b's sync killed as soon as FIRST is written;
# sets late=1 when the kill came after HEAD moved
kill_in_checkout() {
	before=$(git rev-parse HEAD)
	"$PRAXIS" sync >/dev/null 2>&1 &
	p=$!
	while [ ! -e "$1" ] && kill -0 $p 2>/dev/null; do :; done
	kill -9 $p 2>/dev/null || true
	wait $p 2>/dev/null || true
	git fsck --strict --full >/dev/null 2>&1 || fail "$what: fsck"
	late=0
	[ "$(git rev-parse HEAD)" = "$before" ] || late=1
	echo "$what: killed $([ $late = 1 ] && echo after || echo before) HEAD moved" >&2
}

what="killed checkout"
notes 2022-2023 2023-01-17
kill_in_checkout 2022-2023/g10/01.md
px sync
expect_rc 0
[ "$(git rev-parse HEAD)" = "$(git -C "$base/a" rev-parse HEAD)" ] || fail "$what: a and b differ"
[ -z "$(git status --porcelain)" ] || fail "$what: b dirty: $(git status --porcelain)"
[ "$(git ls-files '*.md' | wc -l)" = 200 ] || fail "$what: $(git ls-files '*.md' | wc -l) notes"
[ ! -e .git/praxis/checkout ] || fail "$what: journal left"
px search tijd --format json --limit 0
expect_rc 0
[ "$(json .total)" = 200 ] || fail "$what: index holds $(json .total) matches"
killed_late=$late

what="a lead's edit after a killed checkout"
notes 2023-2024 2024-01-16
kill_in_checkout 2023-2024/g10/01.md
if [ $late = 0 ]; then
	# the next command (here: status, through any praxis command) puts the
	# work tree back; the lead then writes in the incoming note
	px log -n 1
	expect_rc 0
	[ -z "$(git status --porcelain)" ] || fail "$what: not put back: $(git status --porcelain)"
	mkdir -p 2023-2024/g10
	printf 'mijn eigen tekst\n' > 2023-2024/g10/01.md
	px sync
	expect_rc 1
	contains "$err" "2023-2024/g10/01.md"
	[ "$(cat 2023-2024/g10/01.md)" = "mijn eigen tekst" ] || fail "$what: the edit was overwritten"
	rm 2023-2024/g10/01.md
	px sync
	expect_rc 0
fi
killed_late=$((killed_late + late))
[ "$(git rev-parse HEAD)" = "$(git -C "$base/a" rev-parse HEAD)" ] || fail "$what: a and b differ"
[ -z "$(git status --porcelain)" ] || fail "$what: b dirty: $(git status --porcelain)"
# the kill must have hit inside the checkout at least once, or this test
# tests nothing
[ $killed_late -le 1 ] || fail "both kills came after HEAD moved"
