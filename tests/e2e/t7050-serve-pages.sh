# praxis serve's HTML pages, with curl: every page of a table in Dutch and
# French is HTML that libxml2 reads without an error, in the language
# asked (?lang=, else Accept-Language), with a language switch that keeps
# the query; every link a page carries answers (pages, exports, the
# stylesheet); the numbers the pages show are the commands' (search
# total and facets against `praxis search`, matrix cells against a
# search of the code in that community, the segments behind a cell); a
# hostile note is text everywhere; 404 and 400 are pages too.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
demo_kb kb
cat > 2022-2023/zuid/09.md <<'EOF'
---
community: zuid
cycle: 2022-2023
session: 9
date: 2023-06-20
lang: nl
author: "<b>Eve</b>"
title: "<script>alert(1)</script>"
summary: "a & b <img src=x onerror=alert(2)>"
---

## <i>Kop</i>

Tekst met <script>alert(3)</script> en [link](javascript:alert(4)) over ziekenhuizen. #tijd

- [ ] iemand belt het ziekenhuis terug "><svg onload=alert(5)>
EOF
px commit --author "Test <t@example.org>" -m "<script>alert(6)</script>"
expect_rc 0
serve_start .

# html_ok WHAT: $TMPDIR/body is HTML libxml2 reads (HTML5's own elements
# aside, which libxml2 2.9 does not know), with no script and no inline
# style (the Content-Security-Policy allows neither)
html_ok() {
	xmllint --html --noout "$TMPDIR/body" 2> "$TMPDIR/lint" || true
	if grep -v 'Tag \(main\|nav\|section\|article\|header\|footer\|aside\|figure\|figcaption\|svg\|rect\|title\|text\|time\|mark\) invalid' "$TMPDIR/lint" |
	   grep -q 'error'; then
		fail "$1 is not sound HTML: $(head -5 "$TMPDIR/lint")"
	fi
	[ "$(xpath 'count(//script)')" = 0 ] || fail "$1 has a script"
	[ "$(xpath 'count(//*[@style])')" = 0 ] || fail "$1 has an inline style"
}
# xpath EXPR: its string value on the last page
xpath() { xmllint --html --xpath "$1" "$TMPDIR/body" 2>/dev/null || true; }
# hrefs: the page's links to the server (unique, as written)
hrefs() {
	xmllint --html --xpath '//a/@href | //link[@rel="stylesheet"]/@href' "$TMPDIR/body" 2>/dev/null |
		sed 's/ href="\([^"]*\)"/\1\n/g' | grep '^/' | sed 's/&amp;/\&/g' | sort -u
}

# -- every page, both languages --------------------------------------------
cat > "$TMPDIR/pages" <<'EOF'
?q=ziekenhuis
?q=%23tijd&community=zuid
?q=overleg&sort=date
?q=ziekenhuis&since=&until=&code=&community=
codes
codes/tijd
codes/resource.time?community=zuid
matrix
matrix?cols=session
matrix?cols=session&community=zuid
matrix?cols=code
notes/2022-2023/zuid/01.md
notes/2022-2023/zuid/09.md
EOF
: > "$TMPDIR/links"
while read -r p; do
	for l in nl fr; do
		case $p in *\?*) sep='&' ;; *) sep='?' ;; esac
		get "$p${sep}lang=$l"
		expect_code 200
		[ "$(header Content-Type)" = "text/html; charset=utf-8" ] || fail "$p: $(header Content-Type)"
		html_ok "$p ($l)"
		[ "$(xpath 'string(/html/@lang)')" = "$l" ] || fail "$p?lang=$l is not in $l"
		# the switch: the same page and query, in the other language
		sw=$(xpath 'string(//a[@id="lang-switch"]/@href)')
		other=$([ $l = nl ] && echo fr || echo nl)
		want=$(printf '%s' "$p" | sed 's/[?&]*$//')
		case $sw in *"lang=$other") ;; *) fail "$p ($l): the switch is $sw" ;; esac
		case $p in
		*\?q=*) q=$(printf '%s' "$p" | sed 's/.*q=\([^&]*\).*/\1/'); contains "$sw" "q=$q" ;;
		esac
		hrefs >> "$TMPDIR/links"
	done
done < "$TMPDIR/pages"

# -- Accept-Language picks the language when ?lang does not -----------------
get "codes" -H 'Accept-Language: fr-BE,fr;q=0.9,nl;q=0.5'
[ "$(xpath 'string(/html/@lang)')" = fr ] || fail "Accept-Language fr-BE gave $(xpath 'string(/html/@lang)')"
get "codes" -H 'Accept-Language: en-GB, nl;q=0.3, fr;q=0.2'
[ "$(xpath 'string(/html/@lang)')" = nl ] || fail "Accept-Language nl;q=0.3 gave $(xpath 'string(/html/@lang)')"

# -- every link answers --------------------------------------------------------
sort -u "$TMPDIR/links" > "$TMPDIR/links.u"
n=0
while read -r link; do
	get "${link#/}"
	case $code in 200) ;; *) fail "the link $link answers $code: $out" ;; esac
	n=$((n + 1))
done < "$TMPDIR/links.u"
[ "$n" -gt 200 ] || fail "only $n links were followed"

# -- the search page counts what praxis search counts ------------------------
px search ziekenhuis --format json --limit 0
total=$(printf '%s' "$out" | jq .total)
get "?q=ziekenhuis&lang=nl"
contains "$(xpath 'string(//p[@class="count"])')" "van $total segmenten"
[ "$(xpath 'count(//article[@class="hit"])')" = "$total" ] || fail "the page shows $(xpath 'count(//article[@class="hit"])') hits of $total"
[ "$(xpath 'count(//article[@class="hit"]//mark)')" -ge "$total" ] || fail "not every hit is highlighted"
# each community facet: its count is the search's total with that filter,
# and its link narrows to that many
for c in zuid noord-oost; do
	n=$(xpath "string(//a[@data-facet='community'][@data-value='$c']/../span[@class='n'])")
	px search ziekenhuis --community $c --format json --limit 0
	[ "$n" = "$(printf '%s' "$out" | jq .total)" ] || fail "facet $c says $n, search --community $c $(printf '%s' "$out" | jq .total)"
	link=$(xpath "string(//a[@data-facet='community'][@data-value='$c']/@href)")
	get "${link#/}"
	[ "$(xpath 'count(//article[@class="hit"])')" = "$n" ] || fail "facet $c's link shows $(xpath 'count(//article[@class="hit"])')"
	get "?q=ziekenhuis&lang=nl"
done
# paging: 20 a page, the next page goes on
px search het --format json --limit 0
total=$(printf '%s' "$out" | jq .total)
get "?q=het&lang=fr"
[ "$(xpath 'count(//article[@class="hit"])')" = 20 ] || fail "page 1 of 'het' has $(xpath 'count(//article[@class="hit"])') hits"
next=$(xpath 'string(//a[@rel="next"]/@href)')
get "${next#/}"
contains "$(xpath 'string(//p[@class="count"])')" "21–40 sur $total segments"
# the export of the list is the API's, which is the CLI's
get "?q=ziekenhuis&lang=nl"
csv=$(xpath 'string(//a[@class="export-csv"]/@href)')
get "${csv#/}"
expect_code 200
[ "$(printf '%s\n' "$out" | wc -l)" -gt 1 ] || fail "the CSV export is empty"
# each page's exports are exactly its rows, in its order: by rank and by
# date (the page orders the whole window by date, not only its best
# hits), pages 1 to 3 of a word in a few hundred segments
for sort in rank date; do
	for pg in 1 2 3; do
		get "?q=de&sort=$sort&page=$pg&lang=nl"
		expect_code 200
		xmllint --html --xpath '//article[@class="hit"]//a[@class="note-link"]/@href' \
			"$TMPDIR/body" 2>/dev/null | sed 's/ href="\([^"]*\)"/\1\n/g' | grep . |
			sed 's|^/notes/\([^?]*\)?lang=nl#L|\1 |' > "$TMPDIR/page.rows"
		[ "$(wc -l < "$TMPDIR/page.rows")" = 20 ] || fail "page $pg by $sort has $(wc -l < "$TMPDIR/page.rows") hits"
		json=$(xpath 'string(//a[@class="export-json"]/@href)')
		csv=$(xpath 'string(//a[@class="export-csv"]/@href)')
		get "${json#/}"
		expect_code 200
		jq -r '.hits[] | "\(.path) \(.line)"' "$TMPDIR/body" > "$TMPDIR/json.rows"
		test_cmp "$TMPDIR/page.rows" "$TMPDIR/json.rows"
		get "${csv#/}"
		expect_code 200
		python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
for r in rows: print(r["path"], r["line"])' "$TMPDIR/body" > "$TMPDIR/csv.rows"
		test_cmp "$TMPDIR/page.rows" "$TMPDIR/csv.rows"
	done
done

# every facet link names its facet (codes too: no empty data-facet)
get "?q=de&lang=nl"
[ "$(xpath 'count(//a[@data-facet=""])')" = 0 ] || fail "a facet link with an empty data-facet"
[ "$(xpath 'count(//section[contains(@class, "facet-code")]//a[@data-facet="code"])')" -gt 0 ] ||
	fail "the code facet's links do not say data-facet=code"
# the start page (no query, or an empty one) lists the codebook's codes by
# category, each the search of its segments
px codes --format json
codebook_n=$(printf '%s' "$out" | jq '[.categories[].codes[]] | length')
for p in "?lang=fr" "?q=&lang=fr" "?q=%20%20&lang=fr"; do
	get "$p"
	expect_code 200
	n=$(xpath 'count(//section[@class="start-codes"]//a[@class="code-tag"])')
	[ "$n" = "$codebook_n" ] || fail "$p lists $n codes of $codebook_n"
	[ "$(xpath 'count(//section[@class="start-codes"]/h2)')" -gt 1 ] || fail "$p has no categories"
	link=$(xpath 'string((//section[@class="start-codes"]//a[@class="code-tag"])[1]/@href)')
	case $link in "/?code="*"&lang=fr") ;; *) fail "$p: a code's link is $link" ;; esac
done
get "${link#/}"
expect_code 200
[ "$(xpath 'count(//article[@class="hit"])')" -gt 0 ] || fail "the first code's link finds nothing"

# a follow-up's badge: its state in words and a class of its own, each
# state's colour set apart in the stylesheet
get "notes/2022-2023/centrum/01.md?lang=nl"
xmllint --html --xpath '//section[@class="followups"]//span[contains(@class, "badge")]' "$TMPDIR/body" 2>/dev/null |
	sed 's/<span class="badge \([^"]*\)">\([^<]*\)<\/span>/\1 \2\n/g' | grep . | sort -u > "$TMPDIR/badges"
printf 'state-done afgehandeld\nstate-open open\n' > "$TMPDIR/badges.want"
test_cmp "$TMPDIR/badges.want" "$TMPDIR/badges"
open_bg=$(sed -n 's/^\.web \.badge\.state-open {.*background: \(#[0-9a-f]*\).*/\1/p' "$TOP/site/report.css")
done_bg=$(sed -n 's/^\.web \.badge\.state-done {.*background: \(#[0-9a-f]*\).*/\1/p' "$TOP/site/report.css")
[ -n "$open_bg" ] && [ -n "$done_bg" ] && [ "$open_bg" != "$done_bg" ] ||
	fail "the follow-up states share a colour: '$open_bg' '$done_bg'"

# -- a code's page: its timeline counts what `codes CODE` lists, per cycle
# and per session; a page past the last is the first, its range true
for c in tijd resource.time; do
	px codes "$c" --format json
	printf '%s' "$out" > "$TMPDIR/code.json"
	n=$(jq '.segments | length' "$TMPDIR/code.json")
	jq -r '.segments | group_by(.cycle)[] | "\(.[0].cycle): \(length)"' "$TMPDIR/code.json" > "$TMPDIR/want.cycles"
	jq -r '.segments | map(select(.session > 0)) | group_by(.cycle)[] | . as $g |
		range(1; (map(.session) | max) + 1) as $s |
		"\($g[0].cycle) · sessie \($s): \([$g[] | select(.session == $s)] | length)"' \
		"$TMPDIR/code.json" > "$TMPDIR/want.sessions"
	for pg in 1 99; do
		get "codes/$c?page=$pg&lang=nl"
		expect_code 200
		xmllint --html --xpath '//section[@class="timeline"]/ul/li' "$TMPDIR/body" 2>/dev/null |
			sed 's/<[^>]*>/\n/g' | grep . > "$TMPDIR/got.cycles"
		test_cmp "$TMPDIR/want.cycles" "$TMPDIR/got.cycles"
		xmllint --html --xpath '//section[@class="timeline"]//*[local-name()="rect"]/*[local-name()="title"]' \
			"$TMPDIR/body" 2>/dev/null | sed 's/<[^>]*>/\n/g' | grep . > "$TMPDIR/got.sessions"
		test_cmp "$TMPDIR/want.sessions" "$TMPDIR/got.sessions"
		to=$((n < 100 ? n : 100))
		[ "$(xpath 'string(//section[@class="segments"]/p[@class="count"])')" = "1–$to van $n segmenten" ] ||
			fail "codes/$c page $pg says '$(xpath 'string(//section[@class="segments"]/p[@class="count"])')'"
	done
done

# -- a segment's link lands on it: every hit of a word in every kind of
# segment (paragraph, item, follow-up, quote, table row) has its note's
# element with id L<line>, and no note page has an id twice
get "api/search?q=de&limit=1000"
jq -r '.hits[] | "\(.path) \(.line)"' "$TMPDIR/body" | sort -u > "$TMPDIR/seg.lines"
[ "$(jq -r '[.hits[].kind] | unique | join(" ")' "$TMPDIR/body")" = "followup item paragraph quote row" ] ||
	fail "the search for anchors misses a kind: $(jq -r '[.hits[].kind] | unique | join(" ")' "$TMPDIR/body")"
for p in $(cut -d' ' -f1 "$TMPDIR/seg.lines" | sort -u); do
	get "notes/$p?lang=nl"
	xmllint --html --xpath '//@id' "$TMPDIR/body" 2>/dev/null | tr ' ' '\n' | grep . | sort > "$TMPDIR/ids"
	[ -z "$(uniq -d "$TMPDIR/ids")" ] || fail "$p has an id twice: $(uniq -d "$TMPDIR/ids")"
	grep "^$p " "$TMPDIR/seg.lines" | while read -r _ line; do
		grep -qx "id=\"L$line\"" "$TMPDIR/ids" || fail "$p has no anchor L$line"
	done
done

# -- a matrix cell: the count of a search, and the segments behind it --------
get "matrix?lang=nl"
cell=$(xpath 'string((//td[contains(@class, "cell")]/a[@data-col="zuid"])[1]/@href)')
row=$(xpath 'string((//td[contains(@class, "cell")]/a[@data-col="zuid"])[1]/@data-row)')
n=$(xpath 'string((//td[contains(@class, "cell")]/a[@data-col="zuid"])[1])')
px search "#$row" --community zuid --format json --limit 0
[ "$n" = "$(printf '%s' "$out" | jq .total)" ] || fail "cell $row x zuid says $n, search '#$row' --community zuid $(printf '%s' "$out" | jq .total)"
get "${cell#/}"
expect_code 200
[ "$(xpath 'count(//section[@class="segments"]//article[@class="hit"])')" = "$n" ] || fail "the cell's page shows $(xpath 'count(//section[@class="segments"]//article[@class="hit"])') segments, not $n"
[ "$(xpath 'count(//section[@class="community-group"])')" = 1 ] || fail "the cell's segments are not all zuid's"
# the exports are the commands' JSON: the matrix's, and the cell's segments'
for v in community session code; do
	get "matrix?cols=$v&lang=fr"
	json=$(xpath 'string(//a[@class="export-json"]/@href)')
	get "${json#/}"
	expect_code 200
	px codes --matrix $v --format json
	[ "$(printf '%s' "$out" | jq -S .)" = "$(jq -S . "$TMPDIR/body")" ] || fail "the $v matrix's JSON export is not codes --matrix $v's"
done
get "${cell#/}"
json=$(xpath 'string(//a[@class="export-json"]/@href)')
get "${json#/}"
expect_code 200
px codes "$row" --community zuid --format json
[ "$(printf '%s' "$out" | jq -S .)" = "$(jq -S . "$TMPDIR/body")" ] || fail "the cell's JSON export is not codes $row --community zuid's"

# -- the hostile note is text, everywhere -------------------------------------
for p in "notes/2022-2023/zuid/09.md?lang=nl" "?q=alert&lang=fr" "codes/tijd?community=zuid&lang=nl"; do
	get "$p"
	expect_code 200
	lacks "$out" "<script"
	lacks "$out" "<img"
	lacks "$out" "<svg onload"
	lacks "$out" "javascript:"
	lacks "$out" "<b>Eve"
	contains "$out" "&lt;script&gt;alert("
done
get "notes/2022-2023/zuid/09.md?lang=nl"
[ "$(xpath 'string(//h1)')" = "<script>alert(1)</script>" ] || fail "the title shows as $(xpath 'string(//h1)')"
# its history: the commit, its author and message, and the version it made
contains "$(xpath 'string(//ol[@class="commits"]/li[1])')" "<script>alert(6)</script>"
v=$(xpath 'string(//ol[@class="commits"]/li[1]//a[@class="version"]/@href)')
get "${v#/}"
expect_code 200
html_ok "a version of the hostile note"

# -- not found, and what cannot be read -------------------------------------
# a path no page has: the 404 page in the language asked, with the switch
# to the same path in the other (/api/ stays JSON)
get "nowhere/at/all?lang=fr"
expect_code 404
[ "$(xpath 'string(//h1)')" = Introuvable ] || fail "the 404 page's title: $(xpath 'string(//h1)')"
[ "$(xpath 'string(//a[@id="lang-switch"]/@href)')" = "/nowhere/at/all?lang=nl" ] ||
	fail "the 404 page's switch: $(xpath 'string(//a[@id="lang-switch"]/@href)')"
get "api/nowhere"
expect_code 404
[ "$(header Content-Type)" = "application/json; charset=utf-8" ] || fail "an /api/ 404 as $(header Content-Type)"
for p in "notes/../../etc/passwd" "notes/%2e%2e/%2e%2e/etc/passwd" "notes//etc/passwd" \
	 "notes/2022-2023/zuid/99.md" "notes/communities.yaml" "codes/nergens" \
	 "notes/2022-2023/zuid/01.md?version=0000000000000000000000000000000000000000" \
	 "nowhere" "nowhere/at/all" "apix" "codes/tijd/more"; do
	get "$p"
	expect_code 404
	[ "$(header Content-Type)" = "text/html; charset=utf-8" ] || fail "$p: 404 as $(header Content-Type)"
	html_ok "404 of $p"
done
for p in '?q=%22ziekenhuis&lang=fr' '?q=x&community=nergens&lang=fr' 'matrix?cols=rows&lang=nl' \
	 'codes/tijd?note=nergens&lang=nl' 'codes/tijd?with=nergens&lang=fr'; do
	get "$p"
	expect_code 400
	html_ok "400 of $p"
	[ "$(xpath 'count(//p[@class="problem"])')" -ge 1 ] || fail "$p: 400 without its problem"
done
get '?q=x&community=nergens&lang=fr'
contains "$(xpath 'string(//p[@class="problem"])')" "communauté inconnue 'nergens'"

serve_stop
