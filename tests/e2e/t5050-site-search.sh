# site search: praxis runs Pagefind over the public site (one index per
# page language); in headless Chromium the site's search box finds a
# Dutch plural and a French accented plural on the codebook's words
# (stemmed: ziekenhuizen -> ziekenhuis, hôpitaux -> hôpital), the code's
# page first and other public pages after it, never a note; filters come
# from the pages; index.html is the default language's home page. Without
# Pagefind the site is built, with a warning and no search box.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-browser.sh"
set -e
git_identity
node=$TOP/build/node/node_modules
[ -x "$node/.bin/pagefind" ] && [ -d "$node/puppeteer-core" ] ||
	fail "Pagefind or puppeteer-core missing: run .ci/deps.sh test"
demo_kb kb
px site -o ../site
expect_rc 0
test_cmp - "$TMPDIR/stderr" < /dev/null
cd ..
for l in nl fr; do
	[ -f "site/pagefind/wasm.$l.pagefind" ] || fail "no $l index"
done
jq -e '.languages | keys == ["fr", "nl"]' site/pagefind/pagefind-entry.json > /dev/null ||
	fail "indexes: $(cat site/pagefind/pagefind-entry.json)"
# index.html: the home page in the default language (2 nl, 2 fr communities: nl)
cmp -s site/index.html site/index.nl.html || fail "index.html is not the Dutch home page"
grep -q 'href="index.fr.html"' site/index.html || fail "index.html does not link the French home page"
# the filters, from the page's data, in the page's language
grep -q 'data-pagefind-filter="Thema:moeilijke samenwerking met ziekenhuizen"' site/codes/difficulty.hospital.nl.html ||
grep -q 'data-pagefind-filter="Thema:' site/codes/difficulty.hospital.nl.html || fail "no code filter"
grep -q 'data-pagefind-filter="Gemeenschap:PG Zuid"' site/codes/difficulty.hospital.nl.html || fail "no community filter"
grep -q 'data-pagefind-filter="Cycle:2022-2023"' site/communities/zuid.fr.html || fail "no cycle filter"

search() { # PAGE WORDS PNG: the result links in $TMPDIR/hits, the first
	# one, then the others sorted (equal ranks come in any order)
	NODE_PATH=$node node "$TOP/tests/e2e/search-page.cjs" site "$1" "$2" "$3" > "$TMPDIR/raw" ||
		fail "search for $2 on $1 failed: $(cat "$TMPDIR/raw")"
	{ head -1 "$TMPDIR/raw"; tail -n +2 "$TMPDIR/raw" | sort; } > "$TMPDIR/hits"
}
search index.nl.html ziekenhuizen "$TMPDIR/search-nl.png"
test_cmp - "$TMPDIR/hits" <<'EOT'
/codes/difficulty.hospital.nl.html
/communities/centrum.nl.html
/communities/noord-oost.nl.html
/communities/zuid-oost.nl.html
/communities/zuid.nl.html
EOT
search codes/resource.time.fr.html hôpitaux "$TMPDIR/search-fr.png"
test_cmp - "$TMPDIR/hits" <<'EOT'
/codes/difficulty.hospital.fr.html
/communities/centrum.fr.html
/communities/noord-oost.fr.html
/communities/zuid-oost.fr.html
/communities/zuid.fr.html
EOT
for png in search-nl search-fr; do
	[ "$(wc -c < "$TMPDIR/$png.png")" -gt 20000 ] || fail "$png.png looks blank"
done
shot "file://$PWD/site/index.html" "$TMPDIR/home.png"

# without Pagefind: a warning, the site, no search box
cd kb
PRAXIS_PAGEFIND= px site -o ../bare
expect_rc 0
expect_err <<'EOT'
praxis: warning: Pagefind is not installed: the site has no search (install it with '.ci/deps.sh test', or set PRAXIS_PAGEFIND to the program) [no-search]
EOT
[ ! -e ../bare/pagefind ] || fail "a search index without Pagefind"
grep -q 'pagefind-ui' ../bare/index.nl.html && fail "a search box without Pagefind"
# a failing Pagefind fails the run and leaves the site as it was
printf '#!/bin/sh\nexit 3\n' > ../bad && chmod +x ../bad
PRAXIS_PAGEFIND=$PWD/../bad px site -o ../bare
expect_rc 2
expect_err <<EOT
$PWD/../bad: error: '$PWD/../bad' failed (exit status 3) while building the search index; the site was left as it was [environment]
EOT
[ ! -e ../bare/pagefind ] && [ -f ../bare/index.nl.html ] || fail "the site changed"
if grep -q 'pagefind-ui' ../bare/index.nl.html; then fail "the site changed"; fi
