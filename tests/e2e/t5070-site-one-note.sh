# site: after one note changed (its text, a code, a follow-up), the site
# built again into its folder is the site built from scratch, byte for
# byte, and a page whose data did not change is not rendered again (each
# page's digest is of its own data, site.c; a cycle's report of what it
# reads, report.h).
#
# A page not rendered again is kept as it was: the test marks the old
# file of another community's page and finds the mark after the rebuild
# (a page rendered again is compared with the old file and written anew
# when it differs, which drops the mark).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
cp -r "$TOP/notes/." kb/
cd kb
px commit --author "Test <t@example.org>"
expect_rc 0
export PRAXIS_PAGEFIND=
note=2022-2023/zuid/02.md
mark='<!-- not rendered again -->'
step=0
# change TEXT: appends TEXT to the note and commits it
change() {
	step=$((step + 1))
	printf '\n%s\n' "$1" >>"$note"
	px commit --author "Test <t@example.org>" -m "step $step" "$note"
	expect_rc 0
}
# rebuild AUDIENCE UNRELATED...: the site again into ../inc-AUDIENCE, each
# UNRELATED page (not about the changed note) kept, and the result the
# same as a site built from scratch
rebuild() {
	aud=$1
	shift
	for p in "$@"; do
		f=../inc-$aud/$p
		[ -f "$f" ] || fail "no page $p in the $aud site"
		wc -c <"$f" >"$TMPDIR/size-$aud-$(echo "$p" | tr / _)"
		printf '%s' "$mark" >>"$f"
	done
	px site --audience "$aud" -o "../inc-$aud"
	expect_rc 0
	for p in "$@"; do
		f=../inc-$aud/$p
		case $(tail -c ${#mark} "$f") in
		"$mark") ;;
		*) fail "step $step, $aud site: $p was rendered again, though its data did not change" ;;
		esac
		truncate -s "$(cat "$TMPDIR/size-$aud-$(echo "$p" | tr / _)")" "$f"
	done
	px site --audience "$aud" -o "../full-$aud-$step"
	expect_rc 0
	diff -r "../inc-$aud" "../full-$aud-$step" >/dev/null ||
		fail "step $step, $aud site: the rebuilt site differs from one built from scratch: $(diff -rq "../inc-$aud" "../full-$aud-$step" | head -5)"
}
for aud in public internal; do
	px site --audience "$aud" -o "../inc-$aud"
	expect_rc 0
done
unrelated="communities/centrum.nl.html communities/centrum.fr.html codes/difficulty.hospital.nl.html"
change 'Een nieuwe alinea, zonder code.'
rebuild public $unrelated
rebuild internal $unrelated notes/2022-2023/centrum/01.nl.html
change 'Nog een alinea over de tijd die het vraagt. #tijd'
rebuild public $unrelated
rebuild internal $unrelated notes/2022-2023/centrum/01.nl.html
change '- [ ] De groep vraagt de zoon naar zijn eigen zorgen'
rebuild public $unrelated
rebuild internal $unrelated notes/2022-2023/centrum/01.fr.html
# and the pages about the note did change: its own, its community's
grep -q 'de zoon naar zijn eigen zorgen' ../inc-internal/communities/zuid.nl.html ||
	fail "the follow-up is not on the rebuilt community page"
grep -q 'Een nieuwe alinea, zonder code' ../inc-internal/notes/2022-2023/zuid/02.nl.html ||
	fail "the new text is not on the rebuilt note page"
echo ok
