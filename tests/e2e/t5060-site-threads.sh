# site: the pages are rendered by a pool of threads sharing one compiled
# stylesheet (site.c, render.h); the site is the same bytes whatever the
# number of threads (PRAXIS_SITE_THREADS), for both audiences, on the demo
# notes with a hostile one among them.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
cp -r "$TOP/notes/." kb/
hostile_note kb/2022-2023/zuid/08.md
cd kb
px commit --author "Test <t@example.org>"
expect_rc 0
export PRAXIS_PAGEFIND=
for audience in public internal; do
	for n in 1 2 5; do
		PRAXIS_SITE_THREADS=$n px site --audience "$audience" -o "../site-$audience-$n"
		expect_rc 0
		contains "$out" "site in ../site-$audience-$n:"
	done
	pages=$(find "../site-$audience-1" -name '*.html' | wc -l)
	[ "$pages" -gt 20 ] || fail "only $pages pages in the $audience site"
	for n in 2 5; do
		diff -r "../site-$audience-1" "../site-$audience-$n" >/dev/null ||
			fail "the $audience site with $n threads differs from the one with 1: $(diff -rq "../site-$audience-1" "../site-$audience-$n" | head -5)"
	done
done
# a page that fails to render fails the site whatever the number of
# threads, and leaves the site as it was
mkdir "$TMPDIR/data"
cp -r "$PRAXIS_DATADIR/schema" "$PRAXIS_DATADIR/xslt" "$PRAXIS_DATADIR/site" "$TMPDIR/data/"
sed -i 's|<xsl:template match="p:note-page" mode="title">|&<xsl:message terminate="yes">broken on purpose</xsl:message>|' \
	"$TMPDIR/data/xslt/site.xsl"
for n in 1 2; do
	PRAXIS_DATADIR=$TMPDIR/data PRAXIS_SITE_THREADS=$n px site --audience internal -o ../site-internal-1
	expect_rc 2
	contains "$err" "broken on purpose"
done
diff -r ../site-internal-1 ../site-internal-2 >/dev/null || fail "a failed run changed the site"
echo ok
