# Shared helpers for the end-to-end scripts (sourced, POSIX sh).
# $PRAXIS is the binary under test, $TOP the source tree; each script runs
# in a fresh temporary directory.
set -u
n=0
fail() { echo "not ok: $*" >&2; exit 1; }
# px ARGS...: runs praxis, under valgrind when asked; sets $rc, $out ($err: stderr)
px() {
	set +e
	out=$($vg "$PRAXIS" "$@" 2>"$TMPDIR/stderr"); rc=$?
	set -e
	err=$(cat "$TMPDIR/stderr")
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc: $out $err"; }
# contains HAYSTACK NEEDLE: only where the rest of the text cannot be known
# (a temporary path, a libc or parser message); an output praxis fully
# decides is compared whole with expect_out/expect_err/json_eq
contains() { case $1 in *"$2"*) ;; *) fail "expected to find [$2] in: $1";; esac; }
lacks() { case $1 in *"$2"*) fail "did not expect [$2] in: $1";; *) ;; esac; }
# test_cmp EXPECTED ACTUAL: the two files are equal, byte for byte (as
# git's test_cmp); on a difference the unified diff goes to stderr
test_cmp() {
	diff -u "$1" "$2" >&2 || fail "output differs from what was expected (diff above: - expected, + got)"
}
# expect_out / expect_err: $out / $err is exactly the text on stdin (a
# heredoc); "$(...)" drops the final newline, so an empty text is no lines
expect_out() { _cmp_text "$out"; }
expect_err() { _cmp_text "$err"; }
_cmp_text() {
	cat > "$TMPDIR/want"
	if [ -n "$1" ]; then printf '%s\n' "$1"; fi > "$TMPDIR/got"
	test_cmp "$TMPDIR/want" "$TMPDIR/got"
}
# json_eq [FILTER]: $out is JSON, and (passed through the jq FILTER, '.' by
# default) equal to the JSON on stdin once both are parsed: key order and
# spacing do not count, array order and every value do
json_eq() {
	printf '%s\n' "$out" > "$TMPDIR/got.json"
	jq -e . "$TMPDIR/got.json" > /dev/null 2>&1 || fail "not JSON: $out"
	jq -S "${1:-.}" "$TMPDIR/got.json" > "$TMPDIR/got" || fail "jq ${1:-.} failed on: $out"
	jq -S . > "$TMPDIR/want" || fail "the expected JSON in the test is not JSON"
	test_cmp "$TMPDIR/want" "$TMPDIR/got"
}
# hits_eq: the search JSON in $out has the total and the hits, as
# "path:line", given on stdin as [TOTAL, ["path:line", ...]]
hits_eq() { json_eq '[.total, [.hits[] | "\(.path):\(.line)"]]'; }
# codebook_ids [FILE]: the code ids of a codebook (the default one unless
# FILE), one a line, in its order, as xmllint reads them: a test derives
# what depends on the codebook's size from here, never from a number
codebook_ids() {
	xmllint --xpath '//*[local-name()="code"]/@id' "${1:-$TOP/schema/codebook.xml}" |
		sed 's/ id="\([^"]*\)"/\1\n/g' | grep .
}
# json [-c] FILTER: prints what the jq FILTER gives on $out, raw (-c: as
# compact JSON); fails when $out is not JSON
json() {
	if [ "$1" = -c ]; then shift; set -- "$1" -c; else set -- "$1" -r; fi
	printf '%s\n' "$out" | jq "$2" "$1" || fail "not JSON, or jq $1 failed: $out"
}
# a small knowledge base with one community per language
make_kb() {
	mkdir -p "$1"
	cat > "$1/communities.yaml" <<'YAML'
communities:
  - id: zuid
    name: { nl: "PG Zuid", fr: "CdP Sud" }
    zone: { nl: "Zorgzone Zuid", fr: "Bassin Sud" }
    lang: nl
    moderators: [ "A. Moderator", "B. Moderator" ]
  - id: centrum
    name: { nl: "PG Centrum", fr: "CdP Centre" }
    zone: { nl: "Zorgzone Centrum", fr: "Bassin Centre" }
    lang: fr
    moderators: [ "C. Moderator", "D. Moderator" ]
YAML
}
# hostile_note FILE: a note of zuid's session 8 that tries to inject
# markup and script through its front matter, a heading, its text, a link
# and raw HTML: every output must show it as text
hostile_note() {
	cat > "$1" <<'EOF2'
---
community: zuid
cycle: 2022-2023
session: 8
date: 2023-04-18
lang: nl
author: "<b>Lead</b>"
title: "<script>alert(1)</script>"
---

## Casus <img src=x onerror=alert(2)>

Een <script>alert(3)</script> zin met [een link](javascript:alert(4)) en #tijd.

<div onclick="alert(5)">raw html</div>
EOF2
}
# note FILE [extra front matter lines]: writes a valid note header; the body
# comes from stdin
note() {
	f=$1; shift
	mkdir -p "$(dirname "$f")"
	{
		printf -- '---\ncommunity: zuid\ncycle: 2022-2023\nsession: 4\ndate: 2023-01-17\nlang: nl\nauthor: "M. Lead"\n'
		for l in "$@"; do printf '%s\n' "$l"; done
		printf -- '---\n'
		cat
	} > "$f"
}
# a private git identity and configuration for the test
git_identity() {
	HOME=$TMPDIR XDG_CONFIG_HOME=$TMPDIR/.config GIT_CONFIG_NOSYSTEM=1
	export HOME XDG_CONFIG_HOME GIT_CONFIG_NOSYSTEM
	git config --global user.name "Test Lead"
	git config --global user.email "lead@example.org"
	git config --global init.defaultBranch main
}
# demo_kb DIR [COMMUNITY]: a knowledge base in DIR holding the demo notes
# (all of them, or one community's), committed; the script is then in DIR
demo_kb() {
	px init "$1"
	expect_rc 0
	if [ $# -gt 1 ]; then
		cp "$TOP/notes/communities.yaml" "$1/"
		mkdir -p "$1/2022-2023" && cp -r "$TOP/notes/2022-2023/$2" "$1/2022-2023/"
	else
		cp -r "$TOP/notes/." "$1/"
	fi
	cd "$1"
	px commit --author "Test <t@example.org>"
	expect_rc 0
}
