# Spreadsheets (doc/spreadsheets.md): --format csv of search, stats, codes
# and log, and --format xlsx of search and stats, read back by Python's
# csv module and by zipfile + xml.etree (tests/e2e/readsheet.py), hold
# exactly what --format json says; text that would start a formula gets
# the quote; files go through out.h. stats' new options (--community,
# --by, --codes, --label-lang) count what search finds; a selection
# without notes is exit 1. `praxis codes` agrees with stats and search.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb
read_sheet() { python3 "$TOP/tests/e2e/readsheet.py" "$@" || fail "cannot read $2 back"; }
# jq: a text cell as the CSV writer guards it
GUARD='def guard: if type == "string" and test("^[=+\\-@\t\r]") then "'"'"'" + . else . end;'
# jq: every cell as the readers give it (strings)
CELLS='map(map(if type == "string" then . else tostring end))'

# a note with texts that spreadsheets would run as formulas, a quote
# inside a text, a line break and accents
cat >> 2022-2023/zuid/07.md <<'MD'

## Formules

=HYPERLINK("http://example.org/x","klik") en meer #tijd

+voorrang voor de thuiszorg #tijd

-minder vergaderen, zei "iemand" #tijd

@iedereen: de coördinatie van het café
loopt over twee regels #tijd
MD
px commit -m "formulas"
expect_rc 0

# the full text of each segment, by "path:line", from the index with the sqlite3 client
sqlite3 -json .git/praxis/index.db "SELECT n.path || ':' || s.line AS k, s.text AS t
	FROM segments s JOIN notes n ON n.id = s.note" | jq 'map({(.k): .t}) | add' > texts.json

# ------------------------------------------------------------ search
for query in "'#tijd'" ziekenhuis "'#temps' --community zuid"; do
	# shellcheck disable=SC2086
	eval px search $query --limit 0 --format json; expect_rc 0; printf '%s\n' "$out" > s.json
	[ "$(jq '.hits | length' s.json)" -gt 3 ] || fail "fixture: too few hits for $query"
	eval "\"$PRAXIS\" search $query --limit 0 --format csv" > s.csv || fail "search $query --format csv"
	read_sheet csv s.csv > got.json
	jq --slurpfile T texts.json "$GUARD"'
		[["community", "cycle", "session", "date", "lang", "kind", "heading", "codes", "text", "path", "line"]] +
		[.hits[] | [.community, .cycle, .session, .date, .lang, .kind, .heading, (.codes | join(", ")),
		  $T[0]["\(.path):\(.line)"], .path, .line] | map(guard)] | '"$CELLS" s.json > want.json
	jq -e 'length > 1' want.json > /dev/null
	jq -S . want.json > a; jq -S . got.json > b; test_cmp a b
	rm -f s.xlsx
	eval px search $query --limit 0 --format xlsx -o s.xlsx; expect_rc 0
	[ -z "$out" ] || fail "xlsx wrote to stdout: $out"
	read_sheet xlsx s.xlsx > x.json
	# the sheet holds the texts as they are (no guard: a sheet has no formulas)
	jq --slurpfile T texts.json '{"search": ([["community", "cycle", "session", "date", "lang", "kind", "heading", "codes", "text", "path", "line"]] +
		[.hits[] | [.community, .cycle, .session, .date, .lang, .kind, .heading, (.codes | join(", ")),
		  $T[0]["\(.path):\(.line)"], .path, .line]]) | '"$CELLS}" s.json > want.json
	jq -S . want.json > a; jq -S . x.json > b; test_cmp a b
done
# the formulas: guarded in the CSV, texts in the sheet, each exactly once
"$PRAXIS" search '#tijd' --community zuid --limit 0 --format csv > f.csv
read_sheet csv f.csv | jq -r '.[] | .[8] | select(test("^\u0027.(HYPERLINK|voorrang|minder|iedereen)")) | .[0:12]' | LC_ALL=C sort > got
LC_ALL=C sort > want <<'TXT'
'=HYPERLINK(
'+voorrang v
'-minder ver
'@iedereen: 
TXT
test_cmp want got
# the raw field: quoted, the guard inside the quotes, inner quotes doubled
cat > want <<'TXT'
"'-minder vergaderen, zei ""iemand"" #tijd"
TXT
grep -F -f want f.csv > /dev/null ||
	fail "the guarded field is not written as RFC 4180 says"
"$PRAXIS" search '#tijd' --community zuid --limit 0 --format xlsx -o f.xlsx
read_sheet xlsx f.xlsx | jq -r '.search[] | .[8] | select(test("^(=HYPERLINK|[+]voorrang|-minder|@iedereen)")) | .[0:11]' | LC_ALL=C sort > got
printf '%s\n' '=HYPERLINK(' '+voorrang v' '-minder verg' '@iedereen: ' | cut -c1-11 | LC_ALL=C sort > want
test_cmp want got

# files: xlsx needs -o, never replaces a file praxis did not write, --force does
px search '#tijd' --format xlsx; expect_rc 2
expect_err <<'TXT'
praxis: error: --format xlsx writes a file: give it with -o FILE.xlsx
TXT
echo mine > mine.xlsx
px stats --format xlsx -o mine.xlsx; expect_rc 2
expect_err <<'TXT'
mine.xlsx: error: 'mine.xlsx' exists and praxis did not write it (or it was changed since): use --force to replace it [not-ours]
TXT
[ "$(cat mine.xlsx)" = mine ] || fail "a foreign file was changed"
px search '#tijd' --format csv -o mine.xlsx; expect_rc 2
[ "$(cat mine.xlsx)" = mine ] || fail "a foreign file was changed"
px stats --format xlsx -o mine.xlsx --force; expect_rc 0
read_sheet xlsx mine.xlsx > /dev/null
ls -a | grep '\.tmp' && fail "a temporary file was left"
# reproducible with SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=1700000000 "$PRAXIS" stats --format xlsx -o r1.xlsx
SOURCE_DATE_EPOCH=1700000000 "$PRAXIS" stats --format xlsx -o r2.xlsx
cmp r1.xlsx r2.xlsx || fail "two workbooks of the same data differ"
unzip -p r1.xlsx docProps/core.xml | grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z' ||
	fail "the workbook's creation time is not SOURCE_DATE_EPOCH"

# ------------------------------------------------------------- stats
for args in "" "--cycle 2022-2023 --by session" "--community zuid --by month --label-lang fr" \
	"--by cycle --codes tijd,hôpital,#overleg"; do
	# shellcheck disable=SC2086
	px stats $args --format json; expect_rc 0; printf '%s\n' "$out" > st.json
	# shellcheck disable=SC2086
	"$PRAXIS" stats $args --format csv > st.csv
	read_sheet csv st.csv > got.json
	jq "$GUARD"'.label_lang as $l | .columns as $c |
		[["code", "label", "segments", "notes"] + [$c[] | ("\(.)/segments", "\(.)/notes")]] +
		[.codes[] | . as $k | [.code, .label[$l], .segments, .notes] +
		  [$c[] | ($k.by[.].segments // 0, $k.by[.].notes // 0)] | map(guard)] | '"$CELLS" st.json > want.json
	jq -S . want.json > a; jq -S . got.json > b; test_cmp a b
	# shellcheck disable=SC2086
	"$PRAXIS" stats $args --format xlsx -o st.xlsx --force
	read_sheet xlsx st.xlsx > x.json
	jq --slurpfile csv got.json '{"codes": $csv[0],
		"communities": ([["id", "notes", "sessions", "attendance"]] + [.communities[] | [.id, .notes, .sessions, .attendance]]),
		"cooccurrence": ([["a", "b", "segments"]] + [.cooccurrence[] | [.a, .b, .segments]])} | map_values('"$CELLS)" st.json > want.json
	jq -S . want.json > a; jq -S . x.json > b; test_cmp a b
	# every row's cells add up to its total when every note gives the value
	jq -e '.codes | all(.segments == ([.by[].segments] | add // 0))' st.json > /dev/null ||
		fail "stats $args: the columns do not add up to the totals"
done
# what the options choose
px stats --by cycle --codes tijd,hôpital,#overleg --format json
json -c '[.by, .columns, [.codes[].code]]' > got
# the rows in codebook order
rows=$(codebook_ids | grep -x -e resource.time -e difficulty.hospital -e difficulty.coordination | jq -R . | jq -s -c .)
echo '["cycle",["2022-2023"],'"$rows"']' > want
diff want got >&2 || fail "stats --codes/--by: $(cat got)"
px stats --community zuid --by month --label-lang fr --format json
json -c '[.community, .label_lang, .columns, [.communities[].id]]' > got
echo '["zuid","fr",["2022-09","2022-10","2022-11","2022-12","2023-01","2023-02","2023-03"],["zuid"]]' > want
diff want got >&2 || fail "stats --community/--label-lang: $(cat got)"
px stats --codes temps --label-lang fr --by session --cycle 2022-2023
printf '%s\n' "$out" | sed -n 3p | awk '{ print $1, $2, $3 }' > got
echo "temps (resource.time) 22/16" > want
test_cmp want got
px -L nl stats --codes temps --community centrum
printf '%s\n' "$out" | sed -n '1p;3p' | sed 's/  */ /g' > got
printf '%s\n' "code totaal centrum" "tijd (resource.time) 4/4 4/4" > want
test_cmp want got
# stats counts what search finds, with the same filters
for filter in "" "--cycle 2022-2023" "--community zuid" "--community centrum --cycle 2022-2023"; do
	# shellcheck disable=SC2086
	px stats $filter --format json; expect_rc 0; printf '%s\n' "$out" > st.json
	for code in resource.time difficulty.hospital role.openness factor.institution; do
		# shellcheck disable=SC2086
		px search "#$code" $filter --limit 0 --format json; expect_rc 0
		[ "$(json .total)" -gt 0 ] || fail "fixture: no #$code $filter"
		[ "$(json .total)" = "$(jq --arg c "$code" '.codes[] | select(.code == $c) | .segments' st.json)" ] ||
			fail "stats $filter: #$code counts $(jq --arg c "$code" '.codes[] | select(.code == $c) | .segments' st.json), search finds $(json .total)"
		[ "$(json '[.hits[].path] | unique | length')" = "$(jq --arg c "$code" '.codes[] | select(.code == $c) | .notes' st.json)" ] ||
			fail "stats $filter: #$code notes differ from search's"
	done
done
# a selection without notes is a message and exit 1, whatever the format
for f in text json csv; do
	px stats --cycle 2023-2024 --format $f; expect_rc 1
	[ -z "$out" ] || fail "output for a cycle without notes: $out"
	expect_err <<'TXT'
praxis: error: no committed notes for cycle '2023-2024'
TXT
done
px stats --community zuid --cycle 2021-2022; expect_rc 1
expect_err <<'TXT'
praxis: error: no committed notes for community 'zuid' in cycle '2021-2022'
TXT
px stats --codes tijd,tjid; expect_rc 2
expect_err <<'TXT'
praxis: error: unknown code 'tjid' (did you mean 'tijd'?)
TXT
px stats --by week; expect_rc 2
expect_err <<'TXT'
praxis: error: option '--by' does not take 'week' (choose from community, session, month, cycle)
TXT

# ------------------------------------------------------------- codes
px codes --format json; expect_rc 0; printf '%s\n' "$out" > c.json
px stats --format json; printf '%s\n' "$out" > st.json
[ "$(jq -c '[.categories[].codes[] | [.id, .segments, .notes]]' c.json)" = \
  "$(jq -c '[.codes[] | [.code, .segments, .notes]]' st.json)" ] || fail "codes and stats count differently"
[ "$(jq -r '[.categories[].codes[].id] | join(" ")' c.json)" = "$(codebook_ids | tr '\n' ' ' | sed 's/ $//')" ] ||
	fail "codes: not the codebook's codes in its order"
"$PRAXIS" codes --format csv > c.csv
read_sheet csv c.csv > got.json
jq "$GUARD"'[["type", "category", "id", "label_nl", "label_fr", "description_nl", "description_fr", "aliases_nl", "aliases_fr", "segments", "notes"]] +
	[.categories[] | .id as $cat | .codes[] | ["code", $cat, .id, .label.nl, .label.fr, .description.nl, .description.fr,
	  (.aliases.nl | join(", ")), (.aliases.fr | join(", ")), .segments, .notes] | map(guard)] +
	[.methods[] | ["method", "", .id, .label.nl, .label.fr, .description.nl, .description.fr,
	  (.aliases.nl | join(", ")), (.aliases.fr | join(", ")), 0, .notes] | map(guard)] | '"$CELLS" c.json > want.json
jq -S . want.json > a; jq -S . got.json > b; test_cmp a b
# the methods' notes, counted again with sqlite3 (every method is written as its id in the demo)
want=$(sqlite3 .git/praxis/index.db "SELECT method, count(DISTINCT note) FROM note_methods GROUP BY 1 ORDER BY 1")
got=$(jq -r '.methods[] | select(.notes > 0) | "\(.id)|\(.notes)"' c.json | LC_ALL=C sort)
[ "$want" = "$got" ] || fail "codes: methods' notes: want [$want] got [$got]"
# a code's segments: every one search finds, by community and session, full texts
for code in tijd '#hôpital' role.openness; do
	px codes "$code" --format json; expect_rc 0; printf '%s\n' "$out" > one.json
	id=$(jq -r .code.id one.json)
	px search "#$id" --limit 0 --format json
	[ "$(json '[.hits[] | "\(.path):\(.line)"] | sort')" = "$(jq '[.segments[] | "\(.path):\(.line)"] | sort' one.json)" ] ||
		fail "codes $code: not the segments search finds"
	jq -e --slurpfile T texts.json 'all(.segments[]; .text == $T[0]["\(.path):\(.line)"])' one.json > /dev/null ||
		fail "codes $code: a text is not the segment's whole text"
	jq -e '[.segments[] | [.community, .cycle, .session, .path, .line]] as $v | $v ==
		($v | sort_by(.[0], (.[1] | explode | map(-.)), .[2], .[3], .[4]))' one.json > /dev/null ||
		fail "codes $code: segments not grouped by community and session"
	"$PRAXIS" codes "$code" --format csv > one.csv
	read_sheet csv one.csv > got.json
	jq "$GUARD"'[["community", "cycle", "session", "date", "lang", "kind", "heading", "codes", "text", "path", "line"]] +
		[.segments[] | [.community, .cycle, .session, .date, .lang, .kind, .heading, (.codes | join(", ")), .text, .path, .line]
		 | map(guard)] | '"$CELLS" one.json > want.json
	jq -S . want.json > a; jq -S . got.json > b; test_cmp a b
done
px codes tjid; expect_rc 2
expect_err <<'TXT'
praxis: error: unknown code 'tjid' (did you mean 'tijd'?)
TXT
px codes tijd temps; expect_rc 2
expect_err <<'TXT'
praxis: error: unexpected argument 'temps'
TXT

# --------------------------------------------------------------- log
px log --format json; expect_rc 0; printf '%s\n' "$out" > l.json
"$PRAXIS" log --format csv > l.csv
read_sheet csv l.csv > got.json
jq "$GUARD"'[["commit", "time", "author", "email", "message", "change", "path", "community", "cycle", "session", "date"]] +
	[.[] | [.commit, .time, .author, .email, .message, .change, .path, .community // "", .cycle // "", .session, .date // ""] | map(guard)]
	| '"$CELLS" l.json > want.json
[ "$(jq length want.json)" -gt 20 ] || fail "fixture: a short log"
jq -S . want.json > a; jq -S . got.json > b; test_cmp a b
