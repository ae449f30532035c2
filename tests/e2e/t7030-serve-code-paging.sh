# A code's segments paged (issue 13): for a table of codes, filters and
# limit/offset, /api/codes/CODE equals `praxis codes CODE --format json`
# with the same options; the pages of a code, one after the other, are
# its whole list, in order (API and CLI); the code's page shows the
# total and the timeline of every segment whatever the page; every
# parameter web_pages.h documents for a page is accepted by it (a
# /codes/CODE filter narrows the page as the API narrows its list).
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
demo_kb kb
serve_start .

# same_json WHAT: $want and the last answer, both parsed, are equal
same_json() {
	[ "$code" = 200 ] || fail "$1: HTTP $code: $out"
	printf '%s\n' "$want" | jq -S . > "$TMPDIR/want.json" || fail "$1: the command's JSON"
	jq -S . "$TMPDIR/body" > "$TMPDIR/got.json" || fail "$1: not JSON: $out"
	test_cmp "$TMPDIR/want.json" "$TMPDIR/got.json"
}

# -- API = CLI for a table of pages ----------------------------------------
for c in tijd resource.time role.openness factor.institution; do
	for q in 'limit=0' 'limit=1' 'limit=3' 'limit=3&offset=3' 'offset=5' 'limit=2&offset=17' \
		'limit=5&offset=1000' 'limit=4&community=zuid' 'limit=2&offset=1&cycle=2022-2023' \
		'session=1' 'session=1&limit=1&offset=1' 'with=factor.institution&limit=2' \
		'note=2022-2023/zuid/03.md&limit=1'; do
		cli=$(printf '%s' "$q" | tr '&' '\n' | sed 's/^/--/; s/=/ /' | tr '\n' ' ')
		px --lang nl codes "$c" $cli --format json
		[ "$rc" -eq 0 ] || fail "praxis codes $c $cli: $rc $err"
		want=$out
		get "api/codes/$c?$q"
		same_json "codes $c?$q"
	done
done
# the CSV too
px codes tijd --limit 3 --offset 2 --format csv
printf '%s\n' "$out" > "$TMPDIR/want.csv"
get 'api/codes/tijd?limit=3&offset=2&format=csv'
printf '%s\n' "$out" > "$TMPDIR/got.csv"
test_cmp "$TMPDIR/want.csv" "$TMPDIR/got.csv"

# -- the pages' union is the whole list -------------------------------------
for c in tijd factor.institution role.expertise; do
	get "api/codes/$c"
	jq -c '.segments[]' "$TMPDIR/body" > "$TMPDIR/all"
	[ -s "$TMPDIR/all" ] || fail "$c has no segments"
	: > "$TMPDIR/pages"
	: > "$TMPDIR/cli-pages"
	off=0
	while :; do
		get "api/codes/$c?limit=4&offset=$off"
		[ "$code" = 200 ] || fail "page at $off: $code"
		n=$(jq '.segments | length' "$TMPDIR/body")
		[ "$n" -le 4 ] || fail "$n segments on a page of 4"
		jq -c '.segments[]' "$TMPDIR/body" >> "$TMPDIR/pages"
		px codes "$c" --limit 4 --offset "$off" --format json
		printf '%s\n' "$out" | jq -c '.segments[]' >> "$TMPDIR/cli-pages"
		[ "$n" = 4 ] || break
		off=$((off + 4))
	done
	test_cmp "$TMPDIR/all" "$TMPDIR/pages"
	test_cmp "$TMPDIR/all" "$TMPDIR/cli-pages"
done

# -- bad numbers: the API's 400, the command's usage error ------------------
for q in limit=-1 limit=x offset=-2 'offset=' session=abc; do
	get "api/codes/tijd?$q"
	[ "$code" = 400 ] || fail "api/codes/tijd?$q: $code $out"
done
px codes tijd --limit -1
expect_rc 2
px codes --limit 3
expect_rc 2

# -- every parameter web_pages.h documents for a page is accepted ----------
# the header's lines from a page's path to the next: its ?NAME= words
doc_params() {
	awk -v page="$1" '
		/^ \*   \// { on = ($2 == page) }
		on { while (match($0, /\?[a-z]+=/)) { print substr($0, RSTART + 1, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH) } }
	' "$TOP/src/web_pages.h" | sort -u
}
# a value for each, that narrows the code tijd
value_of() {
	case $1 in
	community) echo zuid ;;
	session) echo 3 ;;
	cycle) echo 2022-2023 ;;
	with) echo factor.institution ;;
	note) echo 2022-2023/zuid/03.md ;;
	*) fail "web_pages.h documents ?$1= for /codes/CODE: the test has no value for it" ;;
	esac
}
params=$(doc_params /codes/CODE)
[ "$(printf '%s\n' "$params" | wc -l)" -ge 5 ] || fail "web_pages.h documents only: $params"
get api/codes/tijd
all=$(jq '.segments | length' "$TMPDIR/body")
for p in $params; do
	v=$(value_of "$p")
	get "api/codes/tijd?$p=$v"
	[ "$code" = 200 ] || fail "api/codes/tijd?$p=$v: $code $out"
	n=$(jq '.segments | length' "$TMPDIR/body")
	# (the demo has one cycle: that filter keeps them all)
	[ "$n" -lt "$all" ] || { [ "$p" = cycle ] && [ "$n" = "$all" ]; } ||
		fail "?$p=$v does not narrow the API: $n of $all"
	[ "$n" -gt 0 ] || fail "?$p=$v keeps nothing"
	get "codes/tijd?$p=$v"
	[ "$code" = 200 ] || fail "codes/tijd?$p=$v: $code"
	contains "$out" 'class="filter"'
	contains "$out" "<p class=\"count\">1–$n van $n segmenten</p>"
done
# the matrix's columns, a note's version
for p in $(doc_params /matrix); do
	[ "$p" = cols ] || fail "web_pages.h documents ?$p= for /matrix: the test has no value for it"
	for v in community session code; do
		get "matrix?cols=$v"
		[ "$code" = 200 ] || fail "matrix?cols=$v: $code"
	done
done
for p in $(doc_params /notes/PATH); do
	[ "$p" = version ] || fail "web_pages.h documents ?$p= for /notes/PATH: the test has no value for it"
	oid=$(git log -1 --format=%H)
	get "notes/2022-2023/zuid/03.md?version=$oid"
	[ "$code" = 200 ] || fail "notes?version=$oid: $code"
done

# -- the page: its total and timeline count every segment ------------------
get api/codes/tijd
total=$(jq '.segments | length' "$TMPDIR/body")
get 'codes/tijd?page=2'
# one page of 100 holds them all: page 2 is page 1
contains "$out" "<p class=\"count\">1–$total van $total segmenten</p>"
serve_stop
