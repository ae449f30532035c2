# A knowledge base owned by another user: git's ownership check
# (safe.directory) is named, with the command that allows it, in every
# language; not "not in a git repository".
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
[ "$(id -u)" = 0 ] || { echo "ok # skip: needs root to give the folder away"; exit 0; }
px init kb
expect_rc 0
cp -r "$TOP/notes/." kb/
( cd kb && px commit --author "Test <t@example.org>" && [ "$rc" -eq 0 ] ) || fail "commit"
chown -R nobody kb
# the owner's own record of HEAD (praxis/head.ok), which a search of a
# current index could use without libgit2, must not bypass the check
if command -v runuser >/dev/null 2>&1 && runuser -u nobody -- test -x "$PRAXIS" && runuser -u nobody -- test -r "$TOP/schema/index.sql"; then
	chmod o+x "$(pwd)"
	sleep 2.1
	runuser -u nobody -- env HOME=/nonexistent PRAXIS_DATADIR="$TOP" "$PRAXIS" -C kb search tijd > /dev/null ||
		fail "the owner could not search"
	[ -f kb/.git/praxis/head.ok ] || fail "the owner's search recorded no HEAD"
fi
abs=$(cd kb && pwd -P)
cd kb
# with and without a safe.directory entry (libgit2 answers differently)
for setup in none other; do
	[ "$setup" = other ] && git config --global --add safe.directory /elsewhere
	for cmd in "stats" "search tijd" "log" "report 2022-2023 -o $TMPDIR/r.html"; do
		# shellcheck disable=SC2086
		px $cmd
		expect_rc 2
		contains "$err" "error: '$abs' belongs to another user, so git's ownership check (safe.directory) refuses to open it; if you trust it: git config --global --add safe.directory '$abs'"
		lacks "$err" "not in a git repository"
		# shellcheck disable=SC2086
		px --lang nl $cmd
		contains "$err" "is van een andere gebruiker, dus de eigendomscontrole van git (safe.directory) weigert het te openen"
		# shellcheck disable=SC2086
		px --lang fr $cmd
		contains "$err" "appartient à un autre utilisateur, donc le contrôle de propriété de git (safe.directory) refuse de l'ouvrir"
	done
done
# the advice works
git config --global --add safe.directory "$abs"
px stats
expect_rc 0
# a folder that is not in git at all still says so
cd "$TMPDIR" && mkdir plain && cd plain && cp "$TOP/notes/communities.yaml" .
px stats
expect_rc 2
contains "$err" "is not in a git repository"
echo "ok"
