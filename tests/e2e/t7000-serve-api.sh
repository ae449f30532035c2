# praxis serve's JSON API answers what the commands answer: every search
# of a table (words, phrases, codes, each filter, paging, sort) equals
# `praxis search --format json`, stats, codes and a code's segments equal
# their commands' JSON, CSV equals the commands' CSV and reads back to the
# same rows; a query that cannot be read is a 400 with the CLI's message;
# a note is its committed Markdown and its indexed segments (sqlite3 and
# git as independent readers); a commit made while the server runs is
# found by the next search; SIGTERM stops it cleanly.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
demo_kb kb
serve_start .

# -- search: a table of cases, the API against the command -----------------
# search_case WORDS [NAME=VALUE...]: the API with q=WORDS and each
# NAME=VALUE equals `praxis search WORDS --NAME VALUE ... --facets
# --format json` (the hits and the facet counts)
# (values without spaces)
# (sort=date: the API orders the whole window by date and pages it, as
# the search page does, so the command is `--sort date --limit 2000` and
# its hits are cut to the API's limit=)
search_case() {
	_q=$1; shift
	_cli=; _api=; _lim=20; _bydate=
	case " $* " in *" sort=date "*) _bydate=1 ;; esac
	for _kv in "$@"; do
		_api="$_api --data-urlencode ${_kv}"
		case $_kv in
		limit=*) _lim=${_kv#*=}; [ -z "$_bydate" ] || continue ;;
		esac
		_cli="$_cli --${_kv%%=*} ${_kv#*=}"
	done
	[ -z "$_bydate" ] || _cli="$_cli --limit 2000"
	# the command's JSON first: `get` sets $out to the answer's body
	if [ -n "$_q" ]; then
		px --lang nl search "$_q" $_cli --facets --format json
	else
		px --lang nl search $_cli --facets --format json
	fi
	[ "$rc" -eq 0 ] || fail "praxis search '$_q'$_cli: exit $rc: $err"
	want=$out
	[ -z "$_bydate" ] || want=$(printf '%s\n' "$out" | jq ".hits |= .[0:$_lim]")
	if [ -n "$_q" ]; then
		get api/search -G --data-urlencode "q=$_q" $_api
	else
		get api/search -G $_api
	fi
	expect_json_code 200 "search '$_q'$_cli"
}
# expect_json_code STATUS WHAT: the last answer has STATUS, is JSON and
# equals $want once both are parsed
expect_json_code() {
	[ "$code" = "$1" ] || fail "$2: HTTP $code: $(cat "$TMPDIR/body")"
	case $(header Content-Type) in
	application/json*) ;;
	*) fail "$2: Content-Type $(header Content-Type)" ;;
	esac
	printf '%s\n' "$want" | jq -S . > "$TMPDIR/want.json" || fail "$2: the command's JSON is not JSON"
	jq -S . "$TMPDIR/body" > "$TMPDIR/got.json" || fail "$2: the answer is not JSON: $(cat "$TMPDIR/body")"
	test_cmp "$TMPDIR/want.json" "$TMPDIR/got.json"
}
search_case ziekenhuizen
search_case ziekenhuizen limit=3
search_case 'ziekenhuis OR hopital' limit=50
search_case '"sociale dienst"'
search_case 'temps NOT hôpital' lang=fr
search_case '#tijd' community=zuid
search_case '' code=tijd
search_case 'overleg' code=resource.time code=difficulty.hospital
search_case huisarts cycle=2022-2023 kind=paragraph
search_case huisarts since=2022-10-01 until=2023-03-31 sort=date
search_case 'mantelzorg*' sort=date limit=5
search_case de sort=date limit=7
search_case de sort=date
search_case 'zzzznotaword'
search_case huisarts note=2022-2023/zuid/03.md
search_case '#tijd' note=2022-2023/centrum/02.md sort=date
# every hit has a snippet and the query as the command shows it
get api/search -G --data-urlencode 'q=ziekenhuizen'
[ "$(jq -r '[.hits[] | select(.snippet == "")] | length' "$TMPDIR/body")" = 0 ] ||
	fail "a hit without its snippet"

# facet counts are the numbers of `praxis stats`: a code's search counts
# per community what stats counts in that code's row, for every code
for c in $(codebook_ids | head -n 8); do
	px stats --codes "$c" --format json
	stats=$out
	printf '%s\n' "$stats" | jq -S '[.codes[0].by | to_entries[] | {value: .key, count: .value.segments}] | sort_by(.value)' > "$TMPDIR/stats.facets"
	get api/search -G --data-urlencode "code=$c" -d limit=1
	expect_code 200
	jq -S '[.facets.community[] | {value, count}] | sort_by(.value)' "$TMPDIR/body" > "$TMPDIR/api.facets"
	test_cmp "$TMPDIR/stats.facets" "$TMPDIR/api.facets"
	[ "$(jq .total "$TMPDIR/body")" = "$(printf '%s\n' "$stats" | jq .codes[0].segments)" ] ||
		fail "code $c: the search's total is not stats' count"
done

# paging: offset=K&limit=N is hits K+1..K+N of --limit K+N, same total
px --lang nl search ziekenhuis OR hopital --limit 7 --facets --format json
want=$(printf '%s\n' "$out" | jq '.hits |= .[4:7]')
get api/search -G --data-urlencode 'q=ziekenhuis OR hopital' -d offset=4 -d limit=3
expect_json_code 200 "offset=4 limit=3"
get api/search -G --data-urlencode 'q=ziekenhuis' -d offset=10000
[ "$code" = 200 ] && [ "$(jq '.hits | length' "$TMPDIR/body")" = 0 ] ||
	fail "a page past the end is not empty: $code $out"

# -- a query or parameter that cannot be read: 400, the command's message --
# bad_case 'CLI ARGS' 'API PARAMS...': the API's error is the message the
# command prints (in Dutch, the API's language without Accept-Language)
bad_case() {
	px --lang nl search $1
	[ "$rc" -eq 2 ] || fail "praxis search $1: exit $rc, not 2"
	# the first line of the diagnostic, without "praxis: fout: ", a
	# "query:1:1: fout: " place or the rule's "[query]"
	msg=$(printf '%s\n' "$err" | head -n 1 | sed 's/^praxis: fout: //; s/^query:[0-9]*:[0-9]*: fout: //; s/ \[[a-z-]*\]$//')
	shift
	get api/search -G "$@"
	[ "$code" = 400 ] || fail "praxis search $1: HTTP $code, not 400: $out"
	[ "$(jq -r .error "$TMPDIR/body")" = "$msg" ] ||
		fail "the API says '$(jq -r .error "$TMPDIR/body")', the command '$msg'"
	[ "$(jq -r .status "$TMPDIR/body")" = 400 ] || fail "no status 400 in $out"
}
bad_case '"open' --data-urlencode 'q="open'
bad_case '(a OR b' --data-urlencode 'q=(a OR b'
bad_case 'NOT a' --data-urlencode 'q=NOT a'
bad_case '#tjid' --data-urlencode 'q=#tjid'
bad_case 'a --code tjid' -d q=a -d code=tjid
bad_case 'a --community zud' -d q=a -d community=zud
bad_case 'a --cycle 2022-2024' -d q=a -d cycle=2022-2024
bad_case 'a --since 2023-02-30' -d q=a -d since=2023-02-30
bad_case 'a --note 2022-2023/zuid' -d q=a -d note=2022-2023/zuid
bad_case "$(printf 'a%.0s ' $(seq 1 70))" --data-urlencode "q=$(printf 'a%.0s ' $(seq 1 70))"
# an empty query, in French with Accept-Language
px --lang fr search --limit 3
msg=$(printf '%s\n' "$err" | sed 's/^praxis: erreur *: //')
get api/search -H 'Accept-Language: fr-BE,fr;q=0.9,nl;q=0.5'
[ "$code" = 400 ] && [ "$(jq -r .error "$TMPDIR/body")" = "$msg" ] ||
	fail "empty query in French: $code $out (want $msg)"
# an empty q= (or blanks, or with filters only) is the same empty query: a
# 400 (doc/serve.md); "" (a phrase of no words) is a query, which finds
# nothing, as the command says
for q in 'q=' 'q=%20%20' 'q=&community=zuid' 'q=%09'; do
	get "api/search?$q" -H 'Accept-Language: fr'
	[ "$code" = 400 ] && [ "$(jq -r .error "$TMPDIR/body")" = "$msg" ] ||
		fail "$q: $code $out (want 400 $msg)"
done
search_case '""'
# parameters the command has as options: their values are checked
for p in 'lang=de' 'kind=note' 'limit=0' 'limit=x' 'offset=-1' 'sort=score' 'format=xml'; do
	get "api/search?q=a&$p"
	[ "$code" = 400 ] && [ "$(jq -r .status "$TMPDIR/body")" = 400 ] || fail "$p: $code $out"
	contains "$(jq -r .error "$TMPDIR/body")" "'${p%%=*}'"
done

# -- stats, codes, a code: the commands' JSON ------------------------------
for args in '' 'cycle=2022-2023' 'by=session' 'by=month&cycle=2022-2023' 'by=cycle' \
	'community=zuid' 'codes=tijd,difficulty.hospital' 'label_lang=fr'; do
	cli=$(printf '%s' "$args" | tr '&' '\n' | sed 's/^label_lang=/label-lang=/; s/^/--/; s/=/ /' | tr '\n' ' ')
	px --lang nl stats $cli --format json
	[ "$rc" -eq 0 ] || fail "praxis stats $cli: $rc $err"
	want=$out
	get "api/stats?$args"
	expect_json_code 200 "stats $args"
done
px --lang nl stats --community zuid --cycle 2019-2020
get 'api/stats?community=zuid&cycle=2019-2020'
[ "$code" = 404 ] && [ "$(jq -r .error "$TMPDIR/body")" = "$(printf '%s\n' "$err" | sed 's/^praxis: fout: //')" ] ||
	fail "stats of an empty scope: $code $out"

px codes --format json
want=$out
get api/codes
expect_json_code 200 codes
for c in $(codebook_ids | head -n 4) tijd '%23temps'; do
	px codes "$(printf '%s' "$c" | sed 's/%23/#/')" --format json
	want=$out
	get "api/codes/$c"
	expect_json_code 200 "codes $c"
done
px --lang nl codes tjid
get api/codes/tjid
[ "$code" = 404 ] && [ "$(jq -r .error "$TMPDIR/body")" = "$(printf '%s\n' "$err" | sed 's/^praxis: fout: //')" ] ||
	fail "unknown code: $code $out"

# -- CSV: the commands' bytes, and the same rows as the JSON --------------
# csv_case API-PATH CLI-ARGS...: the CSV answer is the command's CSV
csv_case() {
	_p=$1; shift
	px "$@" --format csv
	[ "$rc" -eq 0 ] || fail "praxis $*: $rc $err"
	printf '%s\n' "$out" > "$TMPDIR/want.csv"
	get "$_p"
	expect_code 200
	case $(header Content-Type) in text/csv*) ;; *) fail "$_p: $(header Content-Type)" ;; esac
	contains "$(header Content-Disposition)" 'attachment; filename='
	printf '%s\n' "$out" > "$TMPDIR/got.csv"
	test_cmp "$TMPDIR/want.csv" "$TMPDIR/got.csv"
}
csv_case 'api/search?q=ziekenhuis&limit=30&format=csv' search ziekenhuis --limit 30
csv_case 'api/search?code=tijd&community=zuid&format=csv' search --code tijd --community zuid
csv_case 'api/codes?format=csv' codes
csv_case 'api/codes/tijd?format=csv' codes tijd
csv_case 'api/stats?by=session&format=csv' stats --by session
# read back: path and line of each CSV row are the JSON's hits, in order
get 'api/search?q=ziekenhuis&limit=30&format=csv'
python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
for r in rows: print("%s:%s" % (r["path"], r["line"]))' "$TMPDIR/body" > "$TMPDIR/csv.rows"
get 'api/search?q=ziekenhuis&limit=30'
jq -r '.hits[] | "\(.path):\(.line)"' "$TMPDIR/body" > "$TMPDIR/json.rows"
[ -s "$TMPDIR/json.rows" ] || fail "no hits to compare"
test_cmp "$TMPDIR/json.rows" "$TMPDIR/csv.rows"

# -- notes: every committed note, as git and sqlite3 read it --------------
db=.git/praxis/index.db
git ls-files '2022-2023/*/*.md' > "$TMPDIR/notes"
[ "$(wc -l < "$TMPDIR/notes")" -gt 10 ] || fail "too few notes in the demo"
while read -r p; do
	get "api/notes/$p"
	expect_code 200
	git show "HEAD:$p" > "$TMPDIR/md"
	jq -j .markdown "$TMPDIR/body" > "$TMPDIR/md.api"
	test_cmp "$TMPDIR/md" "$TMPDIR/md.api"
	[ "$(jq -r .path "$TMPDIR/body")" = "$p" ] || fail "$p: path $(jq -r .path "$TMPDIR/body")"
	n=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM segments s JOIN notes n ON n.id = s.note WHERE n.path = '$p'")
	[ "$(jq '.segments | length' "$TMPDIR/body")" = "$n" ] || fail "$p: segments differ from the index ($n)"
	sqlite3 -separator ' ' "file:$db?mode=ro" "SELECT s.line, c.code FROM segment_codes c
		JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note
		WHERE n.path = '$p' ORDER BY s.ord, c.code" > "$TMPDIR/codes.db"
	jq -r '.segments[] | .line as $l | .codes[] | "\($l) \(.)"' "$TMPDIR/body" > "$TMPDIR/codes.api"
	test_cmp "$TMPDIR/codes.db" "$TMPDIR/codes.api"
done < "$TMPDIR/notes"
p=$(head -n 1 "$TMPDIR/notes")
get "api/notes/${p%.md}.txt"
[ "$code" = 404 ] || fail "not a note: $code"
get api/notes/2022-2023/zuid/99.md
[ "$code" = 404 ] && [ "$(jq -r .error "$TMPDIR/body")" = "geen vastgelegde notitie op '2022-2023/zuid/99.md'" ] ||
	fail "a note that is not there: $code $out"
get api/nothing/here -H 'Accept-Language: fr'
[ "$code" = 404 ] && [ "$(jq -r .error "$TMPDIR/body")" = "rien à '/api/nothing/here'" ] ||
	fail "an unknown route: $code $out"

# -- HEAD answers the headers of GET, without a body -----------------------
code=$(curl -s -I -o /dev/null -w '%{http_code}' "${URL}api/codes")
[ "$code" = 200 ] || fail "HEAD: $code"

# -- a commit while it runs: the next search finds it ---------------------
get 'api/search?q=kwartelkoning'
[ "$(jq .total "$TMPDIR/body")" = 0 ] || fail "the word is there before the commit"
sed 's/^session: .*/session: 8/; s/^date: .*/date: 2023-05-02/' 2022-2023/zuid/07.md > 2022-2023/zuid/08.md
printf '\nDe kwartelkoning zingt bij de huisarts. #tijd\n' >> 2022-2023/zuid/08.md
px commit --author "Test <t@example.org>" -m "session 8"
[ "$rc" -eq 0 ] || fail "commit: $rc $out $err"
px --lang nl search kwartelkoning --facets --format json
want=$out
[ "$(printf '%s\n' "$want" | jq .total)" = 1 ] || fail "the command does not find the new note: $want"
get 'api/search?q=kwartelkoning'
expect_json_code 200 "search after a commit"
get api/notes/2022-2023/zuid/08.md
expect_code 200
# a commit of the codebook (a new alias of the code tijd): the next answers
# have it, as the commands do, with no restart
get 'api/search?q=%23vogelzang'
expect_code 400
sed 's|^\( *\)<alias lang="nl">tijd</alias>|&\n\1<alias lang="nl">vogelzang</alias>|' \
	"$TOP/schema/codebook.xml" > codebook.xml
grep -q vogelzang codebook.xml || fail "the test's codebook has no new alias"
px commit --author "Test <t@example.org>" -m "codebook: vogelzang"
[ "$rc" -eq 0 ] || fail "commit of the codebook: $rc $out $err"
px --lang nl codes --format json
want=$out
get api/codes
expect_json_code 200 "the codebook after its commit"
search_case '#vogelzang'
[ "$(jq .total "$TMPDIR/body")" -gt 0 ] || fail "#vogelzang finds nothing"

serve_stop
