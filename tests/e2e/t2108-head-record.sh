# A reading command knows HEAD from GITDIR/praxis/head.ok without
# starting libgit2 while the files HEAD is read from are as recorded.
# Every way HEAD can move must still be seen: a commit by git, a reset,
# another branch, packed refs, and a ref rewritten in place with its
# size and modification time put back. Each time the record is first
# made to hold the old HEAD (files older than the 2 s "racy" window:
# the test waits them out), then HEAD moves, then `praxis search` must
# answer for the new HEAD exactly as a fresh `praxis reindex` does.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid
rec=.git/praxis/head.ok

# hits WORD: the hit list of a search, as the index answers it
hits() { px search "$1" --format json; expect_rc 0; json -c '[.total, [.hits[] | .path]]'; }

# recorded: after a search, the record names the current HEAD (so the
# next search takes the fast path) and lists the files it depends on
recorded() {
	sleep 2.1
	px search zzzznothing
	expect_rc 0
	[ -f "$rec" ] || fail "$1: no $rec"
	[ "$(sed -n 2p "$rec")" = "$(git rev-parse HEAD)" ] || fail "$1: $rec does not hold HEAD"
	grep -q " $(pwd)/.git/HEAD\$" "$rec" || fail "$1: $rec does not list HEAD's file"
}

# same_as_reindex WORD WHAT: the search answers as after a full reindex
# (and `codes`, the other reader of the record, first: it sees the
# change itself, before a search brings the index up to date)
same_as_reindex() {
	px codes --format json; expect_rc 0
	gotc=$out
	got=$(hits "$1")
	px reindex
	expect_rc 0
	want=$(hits "$1")
	[ "$got" = "$want" ] || fail "$2: search after the change [$got], after a reindex [$want]"
	px codes --format json; expect_rc 0
	[ "$gotc" = "$out" ] || fail "$2: codes after the change differs from after a reindex"
	[ "$got" != '[0,[]]' ] || [ "${3:-}" = none ] || fail "$2: nothing found"
}

base=$(git rev-parse HEAD)
recorded start
# the fast path starts no TLS: libgit2 (with mbedTLS) would read the CA bundle
# (not under the sanitizers: LeakSanitizer does not run under ptrace)
if command -v strace >/dev/null 2>&1 && [ -z "${PRAXIS_SANITIZED:-}" ]; then
	for args in "search zzzznothing" "codes"; do
		# shellcheck disable=SC2086 # the words of a command
		strace -f -e trace=openat -o "$TMPDIR/trace" "$PRAXIS" $args >/dev/null
		if grep -q '/etc/ssl' "$TMPDIR/trace"; then fail "praxis $args started libgit2"; fi
	done
fi

# 1. a commit made by git
note 2022-2023/zuid/09.md <<'EOF2'

## Nieuw

De kwartiermaker sprak met de buurt. #samenwerking
EOF2
git add 2022-2023/zuid/09.md && git commit -q -m "one more"
one=$(git rev-parse HEAD)
same_as_reindex kwartiermaker "git commit"

# 2. a reset to the earlier commit (git writes the ref anew)
recorded reset
git reset -q --hard "$base"
same_as_reindex kwartiermaker "git reset" none
[ "$(hits kwartiermaker)" = '[0,[]]' ] || fail "git reset: the note is still found"

# 3. HEAD on another branch, at the later commit
recorded branch
git branch -q other "$one"
git symbolic-ref HEAD refs/heads/other
git reset -q --hard
same_as_reindex kwartiermaker "another branch"

# 4. packed refs: the loose ref goes, packed-refs names the commit
recorded pack
git pack-refs --all
same_as_reindex kwartiermaker "pack-refs"
recorded packed
sed "s/^$one refs\/heads\/other\$/$base refs\/heads\/other/" .git/packed-refs > "$TMPDIR/packed"
cat "$TMPDIR/packed" > .git/packed-refs
git reset -q --hard
same_as_reindex kwartiermaker "packed-refs edited" none
[ "$(hits kwartiermaker)" = '[0,[]]' ] || fail "packed-refs edited: the note is still found"

# 5. the branch file rewritten in place, same size, its time put back
git update-ref refs/heads/other "$one"
git reset -q --hard
recorded "in place"
stamp=$(stat -c %y .git/refs/heads/other)
printf '%s\n' "$base" > .git/refs/heads/other
touch -d "$stamp" .git/refs/heads/other
git reset -q --hard
same_as_reindex kwartiermaker "ref rewritten in place" none
[ "$(hits kwartiermaker)" = '[0,[]]' ] || fail "in place: the note is still found"

# 6. a record that is no record: garbage, cut short, another commit
recorded garbage
for bad in "junk" "praxis head 1" "praxis head 1
0000000000000000000000000000000000000000" "praxis head 1
$one
1 2 3"; do
	printf '%s\n' "$bad" > "$rec"
	same_as_reindex huisarts "record [$bad]"
done
# a record listing no files says nothing
git update-ref refs/heads/other "$base"
git reset -q --hard
recorded "no files"
printf 'praxis head 1\n%s\n' "$base" > "$rec"
git update-ref refs/heads/other "$one"
git reset -q --hard
same_as_reindex kwartiermaker "a record without files"
