# The README's "Sharing" walk-through, run as written: its shell blocks
# (<!-- sharing: NAME --> before each) are taken from README.md and run on
# two laptops (two homes, each with the share mounted at ~/share) against
# one bare repository, including one conflict resolved each of the three
# ways. After each: both laptops on the same merge commit with the chosen
# text, the remote too, git fsck --strict clean everywhere.
. "$TOP/tests/e2e/lib.sh"
set -e
base=$PWD
mkdir -p bin share a b
ln -s "$PRAXIS" bin/praxis
ln -s "$base/share" a/share
ln -s "$base/share" b/share
# the lead's editor: fills a new note, or settles a marked one by keeping
# both versions' lines
cat > bin/editor <<'EOS'
#!/bin/sh
if grep -q '^<<<<<<<' "$1"; then
	sed -i '/^<<<<<<< /d; /^=======$/d; /^>>>>>>> /d' "$1"
else
	sed -i 's/^title: ""/title: "Sessie"/; s/^summary: ""/summary: "Verslag"/' "$1"
	sed -i '/^## Casus$/a\
\
Het ziekenhuis belde terug. #ziekenhuis' "$1"
fi
EOS
chmod +x bin/editor

# block NAME: the commands of the README's block NAME
block() {
	awk -v want="<!-- sharing: $1 -->" '
		$0 == want { found = 1; next }
		found && /^```sh$/ { inblock = 1; next }
		inblock && /^```$/ { exit }
		inblock { print }' "$TOP/README.md" > "$base/block"
	[ -s "$base/block" ] || fail "README.md has no block 'sharing: $1'"
}
# on LAPTOP NAME [DIR]: runs block NAME on that laptop (its home, its git
# identity), in DIR (default: its knowledge base); $rc, $out, $err
on() {
	block "$2"
	set +e
	out=$(cd "$base/$1/${3:-kb}" && HOME=$base/$1 XDG_CONFIG_HOME=$base/$1/.config \
		GIT_CONFIG_NOSYSTEM=1 PATH=$base/bin:$PATH EDITOR=$base/bin/editor \
		SOURCE_DATE_EPOCH=1673913600 sh -e "$base/block" 2>"$base/stderr")
	rc=$?
	set -e
	err=$(cat "$base/stderr")
}
# as LAPTOP CMD...: a command of the test itself on that laptop
as() {
	l=$1; shift
	(cd "$base/$l/kb" && HOME=$base/$l XDG_CONFIG_HOME=$base/$l/.config GIT_CONFIG_NOSYSTEM=1 "$@")
}
for l in a b; do
	HOME=$base/$l XDG_CONFIG_HOME=$base/$l/.config git config --global user.name "Lead $l"
	HOME=$base/$l XDG_CONFIG_HOME=$base/$l/.config git config --global user.email "$l@example.org"
done

# laptop A has a knowledge base (the README's first section)
(cd a && HOME=$base/a "$PRAXIS" init kb >/dev/null)
make_kb a/kb
as a "$PRAXIS" commit -m "Our communities" >/dev/null

on a first-laptop .
expect_rc 0
[ "$(git --git-dir=share/kb.git symbolic-ref HEAD)" = refs/heads/main ] || fail "share's HEAD is not main"
[ "$(as a git rev-parse '@{upstream}')" = "$(as a git rev-parse HEAD)" ] || fail "a: main follows nothing"
on b second-laptop .
expect_rc 0
[ "$(as b git rev-parse HEAD)" = "$(as a git rev-parse HEAD)" ] || fail "b did not get a's main"
[ "$(as b git rev-parse --abbrev-ref '@{upstream}')" = origin/main ] || fail "b: main does not follow origin/main"
[ -f b/kb/.git/praxis/index.db ] || fail "clone built no index"

# a session on A, then one on B: B's note is the next one
on a after-a-session
expect_rc 0
[ -f a/kb/2022-2023/zuid/01.md ] || fail "a: no note 01"
on b after-a-session
expect_rc 0
[ -f b/kb/2022-2023/zuid/01.md ] && [ -f b/kb/2022-2023/zuid/02.md ] || fail "b: not 01 and 02"
as a "$PRAXIS" sync >/dev/null
[ "$(as a git rev-parse HEAD)" = "$(as b git rev-parse HEAD)" ] || fail "a and b differ after the sessions"

# conflict WAY: both change the same line of 01.md differently, B syncs
# and is stopped, then resolves it with the README's block WAY
conflict() {
	sed -i "s/^Het ziekenhuis belde.*/Het ziekenhuis belde op $1 terug. #ziekenhuis/" a/kb/2022-2023/zuid/01.md
	as a "$PRAXIS" commit >/dev/null
	as a "$PRAXIS" sync >/dev/null
	sed -i "s/^Het ziekenhuis belde.*/Het ziekenhuis belde op $2 terug. #ziekenhuis/" b/kb/2022-2023/zuid/01.md
	as b "$PRAXIS" commit >/dev/null
	before=$(as b git rev-parse HEAD)
	set +e
	out=$(as b "$PRAXIS" sync 2>"$base/stderr"); rc=$?
	set -e
	expect_rc 1
	[ "$(as b git rev-parse HEAD)" = "$before" ] || fail "the conflict moved HEAD"
	printf '%s\n' "$out" | sed 's/, [0-9-]* [0-9:]*$/, DATE/' > "$base/got"
	cat > "$base/want" <<EOD
'2022-2023/zuid/01.md' was changed here and on the remote:
--- mine: Lead b, DATE
+++ theirs: Lead a, DATE
@@ -16,5 +16,5 @@
 ## Casus
 
-Het ziekenhuis belde op $2 terug. #ziekenhuis
+Het ziekenhuis belde op $1 terug. #ziekenhuis
 
 <!-- Wie stelde welke situatie voor? Gebruik pseudoniemen (mevrouw A.). Codeer met #tijd, #vertrouwen, ... -->
EOD
	test_cmp "$base/want" "$base/got"
}
settled() {
	as a "$PRAXIS" sync >/dev/null
	[ "$(as a git rev-parse HEAD)" = "$(as b git rev-parse HEAD)" ] || fail "$1: a and b differ"
	[ "$(git --git-dir=share/kb.git rev-parse main)" = "$(as a git rev-parse HEAD)" ] || fail "$1: the share differs"
	[ "$(as a git log -1 --format=%p | wc -w)" = 2 ] || fail "$1: HEAD is no merge"
	as a git log --graph --format=%s -3 > "$base/graph"
	head -2 "$base/graph" | grep -q '^\*   Merge notes from the remote' || fail "$1: graph $(cat "$base/graph")"
	sed -n '2p' "$base/graph" | grep -q '^|\\' || fail "$1: graph $(cat "$base/graph")"
	for r in a/kb b/kb share/kb.git; do
		git -C $r fsck --strict --full >/dev/null 2>&1 || fail "$1: fsck $r"
	done
	[ -z "$(as a git status --porcelain)" ] && [ -z "$(as b git status --porcelain)" ] || fail "$1: dirty"
	grep '^Het ziekenhuis' a/kb/2022-2023/zuid/01.md > "$base/got"
	printf '%s\n' "$2" > "$base/want"
	test_cmp "$base/want" "$base/got"
	cmp -s a/kb/2022-2023/zuid/01.md b/kb/2022-2023/zuid/01.md || fail "$1: the notes differ"
}

conflict maandag dinsdag
on b keep-mine
expect_rc 0
settled keep-mine "Het ziekenhuis belde op dinsdag terug. #ziekenhuis"

conflict woensdag donderdag
on b keep-theirs
expect_rc 0
settled keep-theirs "Het ziekenhuis belde op woensdag terug. #ziekenhuis"

conflict vrijdag zaterdag
on b edit
expect_rc 0
settled edit "Het ziekenhuis belde op zaterdag terug. #ziekenhuis
Het ziekenhuis belde op vrijdag terug. #ziekenhuis"
