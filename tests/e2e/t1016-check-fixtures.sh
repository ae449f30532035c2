# check rules as fixtures: every tests/check/NAME.md is checked as a draft
# next to a small knowledge base (every rule but the path rule and the
# sessions claimed twice, which need a place in it) and its whole output
# compared with tests/check/NAME.expected. NAME.fr.md and NAME.nl.md run
# with --lang fr / nl. Adding a rule's case is adding two files.
# A third, NAME.expected.json, when there, is the whole `check --format
# json` output, compared after parsing (tests/README.md).
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
mkdir drafts
count=0
for f in "$TOP"/tests/check/*.md; do
	name=$(basename "$f" .md)
	exp="$TOP/tests/check/$name.expected"
	[ -f "$exp" ] || fail "$name: no $name.expected"
	cp "$f" "drafts/$name.md"
	lang=en
	case $name in *.fr) lang=fr;; *.nl) lang=nl;; esac
	(cd kb && set +e; $vg "$PRAXIS" check --lang "$lang" "../drafts/$name.md" > "$TMPDIR/got" 2>&1; echo "exit $?" >> "$TMPDIR/got")
	sed -i 's|\.\./drafts/||' "$TMPDIR/got"
	if ! cmp -s "$TMPDIR/got" "$exp"; then
		diff -u "$exp" "$TMPDIR/got" >&2 || true
		fail "$name: output differs from $name.expected"
	fi
	if [ -f "$TOP/tests/check/$name.expected.json" ]; then
		(cd kb && $vg "$PRAXIS" check --format json --lang "$lang" "../drafts/$name.md" > "$TMPDIR/got.json" 2> "$TMPDIR/err") || true
		[ ! -s "$TMPDIR/err" ] || fail "$name: --format json wrote to stderr: $(cat "$TMPDIR/err")"
		out=$(sed 's|\.\./drafts/||' "$TMPDIR/got.json")
		json_eq < "$TOP/tests/check/$name.expected.json" || fail "$name: JSON differs from $name.expected.json"
	fi
	count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "no fixtures in tests/check"
echo "ok: $count fixtures"
