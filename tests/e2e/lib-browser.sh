# Headless Chromium for the end-to-end scripts (sourced after lib.sh).
# shot URL PNG: a screenshot; console messages go to $TMPDIR/console.log
shot() {
	prof=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --enable-logging=stderr --v=0 \
		--window-size=1200,1600 --screenshot="$2" "$1" > /dev/null 2> "$TMPDIR/console.log" || true
	rm -rf "$prof"
	[ -s "$2" ] || fail "no screenshot of $1"
	# a blank page compresses to a few kilobytes
	size=$(wc -c < "$2")
	[ "$size" -gt 20000 ] || fail "screenshot of $1 looks blank ($size bytes)"
	if grep -i 'CONSOLE' "$TMPDIR/console.log" | grep -qi 'error\|uncaught\|failed'; then
		fail "console errors on $1: $(grep -i CONSOLE "$TMPDIR/console.log" | head -5)"
	fi
}
