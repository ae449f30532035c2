# praxis serve's answer cache (doc/serve.md, "Cache"): for a table of
# pages and API answers, the answer a second request gets (from the
# cache) is byte for byte the first one's and the answer of a server
# without a cache (--cache-size 0), headers that matter included; an
# answer carries an ETag, the same for the same question at the same
# commit, and If-None-Match with it is a 304 without a body (a stale or
# foreign tag is a 200); a commit made while the server runs is in the
# next answer of a URL that was cached, with another ETag; what needs a
# token is checked before the cache (401, nothing from it).
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
demo_kb kb

urls='api/search?q=ziekenhuis
api/search?q=ziekenhuis&limit=3&offset=2
api/search?code=tijd&community=zuid&q=huisarts
api/search?community=zuid&code=tijd&q=huisarts
api/search?q=kwartelkoning
api/search?q=ziekenhuis&format=csv
api/codes
api/codes/tijd
api/codes/tijd?limit=2&offset=1
api/codes/tijd?format=csv
api/stats?by=session
api/matrix?cols=community
api/notes/2022-2023/zuid/03.md
?q=ziekenhuis
?q=kwartelkoning
?q=ziekenhuis&lang=fr
codes
codes/tijd
codes/tijd?community=zuid
matrix?cols=code
notes/2022-2023/zuid/03.md
api/search?q=%22unclosed
api/nothing
codes/nothing'

# fetch DIR: each URL of the table twice (the second from the cache, when
# there is one) into DIR/N.body and DIR/N.head (status, type, ETag)
fetch() {
	mkdir -p "$1"
	_n=0
	printf '%s\n' "$urls" | while IFS= read -r u; do
		_n=$((_n + 1))
		for pass in 1 2; do
			get "$u" -H 'Accept-Language: nl'
			cp "$TMPDIR/body" "$1/$_n.body.$pass"
			{ echo "$code"; header Content-Type; header Content-Disposition; header ETag
			  header Cache-Control; } > "$1/$_n.head.$pass"
		done
		test_cmp "$1/$_n.body.1" "$1/$_n.body.2"
		test_cmp "$1/$_n.head.1" "$1/$_n.head.2"
	done
}

serve_start .
fetch "$TMPDIR/cached"
# the ETag: on every 200, none on errors; If-None-Match answers 304
get 'api/codes/tijd'
tag=$(header ETag)
case $tag in \"*\") ;; *) fail "no ETag: [$tag]" ;; esac
[ "$(header Cache-Control)" = "private, no-cache" ] || fail "Cache-Control: $(header Cache-Control)"
# (curl leaves the file of the last body when there is none)
: > "$TMPDIR/body"
get 'api/codes/tijd' -H "If-None-Match: $tag"
expect_code 304
[ ! -s "$TMPDIR/body" ] || fail "a 304 with a body: $out"
[ "$(header ETag)" = "$tag" ] || fail "the 304's ETag: $(header ETag)"
get 'api/codes/tijd' -H "If-None-Match: \"0\", W/$tag"
expect_code 304
get 'api/codes/tijd' -H 'If-None-Match: "0123456789abcdef"'
expect_code 200
get 'api/codes/tijd?limit=1' -H "If-None-Match: $tag"
expect_code 200
[ "$(header ETag)" != "$tag" ] || fail "two questions, one ETag"
get 'api/nothing'
expect_code 404
[ -z "$(header ETag)" ] || fail "an ETag on a 404"
[ "$(header Cache-Control)" = "no-store" ] || fail "an error kept: $(header Cache-Control)"

serve_stop

# -- the same answers without a cache ---------------------------------------
serve_start . --cache-size 0
fetch "$TMPDIR/uncached"
serve_stop
n=0
printf '%s\n' "$urls" | while IFS= read -r u; do
	n=$((n + 1))
	test_cmp "$TMPDIR/cached/$n.body.1" "$TMPDIR/uncached/$n.body.1"
	test_cmp "$TMPDIR/cached/$n.head.1" "$TMPDIR/uncached/$n.head.1"
done

# -- a commit while it runs: cached URLs answer the new commit ------------
serve_start .
get 'api/search?q=kwartelkoning'
[ "$(jq .total "$TMPDIR/body")" = 0 ] || fail "the word is there before the commit"
before=$(header ETag)
get 'codes/tijd'
page_before=$out
get 'api/codes'
codes_before=$(jq '[.categories[].codes[] | select(.id == "resource.time")][0].segments' "$TMPDIR/body")
sed 's/^session: .*/session: 8/; s/^date: .*/date: 2023-05-02/' 2022-2023/zuid/07.md > 2022-2023/zuid/08.md
printf '\nDe kwartelkoning zingt bij de huisarts. #tijd\n' >> 2022-2023/zuid/08.md
px commit --author "Test <t@example.org>" -m "session 8"
expect_rc 0
get 'api/search?q=kwartelkoning' -H "If-None-Match: $before"
expect_code 200
[ "$(jq .total "$TMPDIR/body")" = 1 ] || fail "the cached search misses the commit: $out"
[ "$(header ETag)" != "$before" ] || fail "the ETag did not change with HEAD"
px --lang nl search kwartelkoning --facets --format json
printf '%s\n' "$out" | jq -S . > "$TMPDIR/want.json"
jq -S . "$TMPDIR/body" > "$TMPDIR/got.json"
test_cmp "$TMPDIR/want.json" "$TMPDIR/got.json"
get '?q=kwartelkoning'
contains "$out" 'kwartelkoning'
get 'api/codes'
codes_after=$(jq '[.categories[].codes[] | select(.id == "resource.time")][0].segments' "$TMPDIR/body")
# (the new note: session 7's text, one more #tijd paragraph)
[ "$codes_after" = $((codes_before + 2)) ] ||
	fail "the kept counts missed the commit: $codes_before then $codes_after"
px --lang nl codes --format json
printf '%s\n' "$out" | jq -S . > "$TMPDIR/want.json"
jq -S . "$TMPDIR/body" > "$TMPDIR/got.json"
test_cmp "$TMPDIR/want.json" "$TMPDIR/got.json"
get 'codes/tijd'
[ "$out" != "$page_before" ] || fail "the code's page is the one before the commit"
contains "$out" '2022-2023/zuid/08.md'
serve_stop

# -- a token is checked before the cache -------------------------------------
tok=0123456789abcdef0123
serve_start . --token "$tok"
get 'api/codes' -H "Authorization: Bearer $tok"
expect_code 200
tag=$(header ETag)
get 'api/codes'
expect_code 401
[ "$(jq .status "$TMPDIR/body")" = 401 ] || fail "401 without the token: $out"
get 'api/codes' -H "If-None-Match: $tag"
expect_code 401
serve_stop

# -- the option ------------------------------------------------------------
px serve --cache-size 4097
expect_rc 2
px serve --cache-size -1
expect_rc 2
