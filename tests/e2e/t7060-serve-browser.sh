# praxis serve in a real browser (Debian's chromium through puppeteer-core,
# tests/e2e/web-pages.cjs): an analyst types a query, clicks a facet,
# opens a matrix cell and a note, switches the language; every step sees
# what the pages promise, without a console error or a failed request
# under the server's Content-Security-Policy. The screenshots go to
# $SHOTS when it is set (to look at them), else they stay in $TMPDIR.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
node=$TOP/build/node/node_modules
[ -d "$node/puppeteer-core" ] || fail "puppeteer-core missing: run .ci/deps.sh test"
demo_kb kb
serve_start .
shots=${SHOTS:-$TMPDIR/shots}
mkdir -p "$shots"
NODE_PATH=$node node "$TOP/tests/e2e/web-pages.cjs" "$URL" "$shots" ziekenhuis > "$TMPDIR/steps" ||
	fail "the browser test failed: $(cat "$TMPDIR/steps")"
cat "$TMPDIR/steps"
# every step said what it saw
[ "$(cut -d: -f1 "$TMPDIR/steps" | tr '\n' ' ')" = "search facet matrix note switch " ] ||
	fail "steps missing: $(cat "$TMPDIR/steps")"
for s in 1-search 2-facet 3-matrix 4-cell 5-note 6-note-fr; do
	size=$(wc -c < "$shots/$s.png")
	[ "$size" -gt 20000 ] || fail "the screenshot $s looks blank ($size bytes)"
done
serve_stop
