# praxis commit stages exactly as `git add` would: line ends through
# core.autocrlf, core.eol and .gitattributes, the executable bit as
# core.filemode says, no symbolic links; a stale index.lock changes
# nothing; a commit killed after HEAD moved is finished by the next
# command. The real git is the judge: after each commit `git status
# --porcelain` is empty, `git fsck --strict` passes, and the blob is what
# `git hash-object` (git's own clean conversion) makes of the file.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
make_kb "$TMPDIR/tpl"
N=2022-2023/zuid/04.md

# fresh: a knowledge base with its communities committed
px init kb0
expect_rc 0
cp "$TMPDIR/tpl/communities.yaml" kb0/
(cd kb0 && "$PRAXIS" commit >/dev/null) || fail "first commit"
fresh() {
	cd "$TMPDIR"
	rm -rf kb
	cp -r kb0 kb
	cd kb
}
body() {
	printf 'Mevrouw A. kwam uit het ziekenhuis en niemand volgde op. #ziekenhuis\n\n'
	printf -- '- [ ] Huisarts bellen over de ontslagbrief #ziekenhuis\n'
}
# clean PATH: git agrees with the commit for PATH and for everything
clean() {
	st=$(git status --porcelain)
	[ -z "$st" ] || fail "$row: git status after praxis commit: $st"
	git fsck --strict >/dev/null 2>&1 || fail "$row: git fsck --strict"
	[ "$(git rev-parse "HEAD:$1")" = "$(git hash-object -- "$1")" ] ||
		fail "$row: HEAD has $(git rev-parse "HEAD:$1"), git add would store $(git hash-object -- "$1")"
	[ "$(git ls-files -s -- "$1" | cut -c1-47)" = "$(git ls-tree HEAD -- "$1" | sed 's/ blob / /' | cut -c1-47)" ] ||
		fail "$row: index '$(git ls-files -s -- "$1")' is not HEAD '$(git ls-tree HEAD -- "$1")'"
}

# line ends: row = name|git config (k=v,k=v)|.gitattributes line|crlf or lf
for row in \
	"autocrlf-true|core.autocrlf=true||crlf" \
	"autocrlf-true-lf|core.autocrlf=true||lf" \
	"autocrlf-input|core.autocrlf=input||crlf" \
	"eol-crlf-text|core.eol=crlf|*.md text|crlf" \
	"eol-lf-text-auto|core.eol=lf|* text=auto|crlf" \
	"attr-eol-crlf||*.md text eol=crlf|crlf" \
	"attr-eol-lf||*.md eol=lf|crlf" \
	"attr-text||*.md text|crlf" \
	"attr-binary|core.autocrlf=true|*.md -text|crlf" \
	"attr-crlf-old|core.autocrlf=false|*.md crlf|crlf" \
	"plain|||crlf"; do
	IFS='|' read -r name cfg attr ends <<EOF
$row
EOF
	fresh
	for kv in $(printf '%s' "$cfg" | tr ',' ' '); do git config "${kv%%=*}" "${kv#*=}"; done
	if [ -n "$attr" ]; then
		printf '%s\n' "$attr" > .gitattributes
		git add .gitattributes 2>/dev/null && git commit -qm attributes
	fi
	body | note "$N"
	[ "$ends" = crlf ] && sed -i 's/$/\r/' "$N"
	px commit "$N"
	expect_rc 0
	contains "$out" "committed"
	clean "$N"
	# and again after a change, on top of an existing entry
	printf 'Nog een regel. #tijd\n' >> "$N"
	[ "$ends" = crlf ] && sed -i '$ s/$/\r/' "$N"
	px commit
	expect_rc 0
	clean "$N"
done

# the executable bit: row = name|core.filemode|mode before|mode of the file
for row in \
	"exec-filemode-true|true||755:100755" \
	"plain-filemode-true|true||644:100644" \
	"exec-filemode-false|false||755:100644" \
	"exec-filemode-false-kept|false|100755|644:100755" \
	"exec-off-filemode-true|true|100755|644:100644"; do
	IFS='|' read -r name fm before want <<EOF
$row
EOF
	fresh
	git config core.filemode "$fm"
	body | note "$N"
	if [ -n "$before" ]; then
		git add "$N" && git update-index --chmod=+x "$N" && git commit -qm before
		printf 'Nog een regel. #tijd\n' >> "$N"
	fi
	chmod "${want%%:*}" "$N"
	px commit "$N"
	expect_rc 0
	clean "$N"
	[ "$(git ls-tree HEAD -- "$N" | cut -d' ' -f1)" = "${want#*:}" ] ||
		fail "$row: HEAD has mode $(git ls-tree HEAD -- "$N" | cut -d' ' -f1)"
done

# a symbolic link is not a note: check and commit say so the same way
row=symlink
fresh
body | note "$N"
px commit
expect_rc 0
ln -s 04.md 2022-2023/zuid/05.md
ln -s /etc/passwd 2022-2023/zuid/06.md
ln -s missing.md 2022-2023/zuid/07.md
head=$(git rev-parse HEAD)
for l in 05 06 07; do
	msg="2022-2023/zuid/$l.md: error: '2022-2023/zuid/$l.md' is a symbolic link, not a note: praxis reads notes as git stores them and does not follow links [not-a-file]"
	px check
	expect_rc 1
	contains "$out" "$msg"
	px check "2022-2023/zuid/$l.md"
	expect_rc 1
	contains "$out" "$msg"
	lacks "$out" "root:"
	px commit
	expect_rc 1
	contains "$out" "$msg"
	contains "$out" "nothing committed: 3 errors to fix first"
	px commit "2022-2023/zuid/$l.md"
	expect_rc 1
	[ "$out" = "$msg
nothing committed: 1 error to fix first" ] || fail "commit $l: $out"
done
[ "$(git rev-parse HEAD)" = "$head" ] || fail "a symbolic link was committed"
# one committed by plain git is no note in the index either
git add 2022-2023/zuid/05.md && git commit -qm link
px stats --format json
expect_rc 0
[ "$(printf '%s' "$out" | jq '[.communities[].notes] | add')" = 1 ] || fail "a link committed with git counts as a note: $out"
rm 2022-2023/zuid/0[5-7].md

# a stale index.lock: HEAD, index and work tree byte for byte unchanged
row=stale-lock
printf 'Nog een regel. #tijd\n' >> "$N"
: > .git/index.lock
before=$(git rev-parse HEAD; cksum .git/index; find . -path ./.git -prune -o -type f -print | sort | xargs cksum)
px commit
expect_rc 2
[ "$err" = "praxis: error: '$TMPDIR/kb/.git/index.lock' exists: another git program is running, or one stopped without removing it; nothing was committed. If no git program is running, remove that file and commit again [git]" ] ||
	fail "stale lock message: $err"
after=$(git rev-parse HEAD; cksum .git/index; find . -path ./.git -prune -o -type f -print | sort | xargs cksum)
[ "$before" = "$after" ] || fail "a stale lock changed something: $before / $after"
[ -z "$(git count-objects -v | grep '^count: [1-9]' || true)" ] || true
rm .git/index.lock
px commit
expect_rc 0
clean "$N"

# a stale branch lock of another program: named, in each language; HEAD,
# index and work tree unchanged
row=stale-branch-lock
printf 'Nog een regel. #tijd\n' >> "$N"
: > .git/refs/heads/main.lock
before=$(git rev-parse HEAD; cksum .git/index; find . -path ./.git -prune -o -type f -print | sort | xargs cksum)
lock="'$TMPDIR/kb/.git/refs/heads/main.lock'"
for lang in en nl fr; do
	px --lang $lang commit
	expect_rc 2
	case $lang in
	en) want="praxis: error: $lock exists: another git program is running, or one stopped without removing it; nothing was committed. If no git program is running, remove that file and commit again [git]";;
	nl) want="praxis: fout: $lock bestaat: een ander git-programma is bezig, of een programma stopte zonder het te verwijderen; er is niets vastgelegd. Als er geen git-programma bezig is, verwijder dat bestand en leg opnieuw vast [git]";;
	fr) want="praxis: erreur: $lock existe : un autre programme git est en cours, ou un programme s'est arrêté sans le supprimer ; rien n'a été enregistré. Si aucun programme git n'est en cours, supprimez ce fichier et relancez l'enregistrement [git]";;
	esac
	[ "$err" = "$want" ] || fail "stale branch lock message ($lang): $err"
	after=$(git rev-parse HEAD; cksum .git/index; find . -path ./.git -prune -o -type f -print | sort | xargs cksum)
	[ "$before" = "$after" ] || fail "a stale branch lock changed something: $before / $after"
	[ -e .git/refs/heads/main.lock ] || fail "another program's branch lock was removed"
done
rm .git/refs/heads/main.lock
px commit
expect_rc 0
clean "$N"

# killed between HEAD and the index: the journal in index.lock lets the
# next praxis command (any) finish the commit
row=reconcile
old=$(git rev-parse HEAD)
printf 'Een derde regel. #tijd\n' >> "$N"
blob=$(git hash-object -w "$N")
GIT_INDEX_FILE=$TMPDIR/idx git read-tree HEAD
GIT_INDEX_FILE=$TMPDIR/idx git update-index --cacheinfo "100644,$blob,$N"
tree=$(GIT_INDEX_FILE=$TMPDIR/idx git write-tree)
new=$(git commit-tree "$tree" -p "$old" -m killed)
printf 'praxis commit\n%s\0%s\0%s\0end\0' "$old" "$new" "$N" > .git/index.lock
git update-ref refs/heads/main "$new" "$old"
[ -n "$(git status --porcelain)" ] || fail "test setup: status"
px log
expect_rc 0
[ ! -e .git/index.lock ] || fail "the stale praxis lock is still there"
clean "$N"
# killed while libgit2 held the branch's lock: that lock (empty, or
# holding the new commit) goes with the journal; a lock with anything
# else is another program's and stays
for content in '' new other; do
	head=$(git rev-parse HEAD)
	case $content in
	'') : > .git/refs/heads/main.lock ;;
	new) printf '%s\n' "$new" > .git/refs/heads/main.lock ;;
	other) printf '%s\n' "$old" > .git/refs/heads/main.lock ;;
	esac
	printf 'praxis commit\n%s\0%s\0%s\0end\0' "$head" "$new" "$N" > .git/index.lock
	px stats
	expect_rc 0
	[ ! -e .git/index.lock ] || fail "branch lock '$content': the journal is still there"
	if [ "$content" = other ]; then
		[ -e .git/refs/heads/main.lock ] || fail "another program's branch lock was removed"
		rm .git/refs/heads/main.lock
	else
		[ ! -e .git/refs/heads/main.lock ] || fail "branch lock '$content' left behind"
	fi
	[ "$(git rev-parse HEAD)" = "$head" ] || fail "branch lock '$content': HEAD moved"
done
# a journal cut short: HEAD never moved, the lock just goes
printf 'praxis commit\n%s\0%s' "$(git rev-parse HEAD)" "$N" > .git/index.lock
cp .git/index "$TMPDIR/index.before"
px stats
expect_rc 0
[ ! -e .git/index.lock ] || fail "the cut-short praxis lock is still there"
cmp -s .git/index "$TMPDIR/index.before" || fail "a cut-short journal changed the index"
