# JSON outputs (stats, codes, brief, search, log, check) have the shape doc/json.md describes (every key, its type,
# nothing more, nothing less), and stats' values are the index's, computed
# again with the sqlite3 client and compared after parsing.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb
doc=$TOP/doc/json.md

# the table of section "## NAME" of doc/json.md: "PATH TYPES" per line,
# TYPES joined by '|' ("object (map)" is "map")
table() {
	sed -n "/^## $1\$/,/^## /p" "$doc" |
		sed -n 's/^| `\([^`]*\)` | \([a-z (),]*\) |.*/\1 \2/p' |
		sed 's/ object (map)$/ map/; s/ or /|/g'
}

# shape NAME FILE...: checks each JSON document against the table NAME
shape() {
	name=$1; shift
	want=$(table "$name")
	[ -n "$want" ] || fail "doc/json.md has no table for $name"
	paths=$(printf '%s\n' "$want" | cut -d' ' -f1 | jq -R . | jq -s -c .)
	maps=$(printf '%s\n' "$want" | awk '$2 == "map" { print $1 }' | jq -R . | jq -s -c .)
	# keys an object may lack: "TYPE or absent" in the table
	opt=$(printf '%s\n' "$want" | awk '$2 ~ /(^|[|])absent([|]|$)/ { print $1 }' | jq -R . | jq -s -c .)
	# every value: "PATH TYPE"; every object that is not a map and whose
	# keys are not the documented ones: "KEYS PATH got [...] want [...]"
	got=$(jq -r --argjson maps "$maps" --argjson doc "$paths" --argjson opt "$opt" '
		def child($p; $k): if $p == "." then "." + $k else $p + "." + $k end;
		def kind: if type == "number" then (if . == floor then "integer" else "number" end) else type end;
		def shape($p):
			if type == "object" then
				(if any($maps[]; . == $p) then "\($p) map"
				 else
					"\($p) object",
					([$doc[] | select(startswith(child($p; ""))) | ltrimstr(child($p; ""))
					  | select(test("^[^.\\[]+$"))] | sort) as $want
					| ([$want[] | select(child($p; .) as $c | any($opt[]; . == $c) | not)]) as $req
					| (keys | sort) as $have
					| if ($have - $want) == [] and ($req - $have) == [] then empty
					  else "KEYS \($p) got \($have) want \($want)" end
				 end),
				(any($maps[]; . == $p) as $m | to_entries[]
				 | .value as $v | child($p; if $m then "*" else .key end) as $c | $v | shape($c))
			elif type == "array" then "\($p) array", (.[] | shape($p + "[]"))
			else "\($p) \(kind)" end;
		shape(".")' "$@" | sort -u)
	bad=$(printf '%s\n' "$got" | grep '^KEYS' || true)
	[ -z "$bad" ] || fail "$name: keys differ from doc/json.md: $bad"
	# every value's type is one the table allows (an integer is a number)
	printf '%s\n' "$got" | while read -r p t; do
		types=$(printf '%s\n' "$want" | awk -v p="$p" '$1 == p { print $2 }')
		[ -n "$types" ] || fail "$name: '$p' ($t) is not in doc/json.md"
		case "|$types|" in
		*"|$t|"*) ;;
		*) [ "$t" = integer ] && case "|$types|" in *"|number|"*) true;; *) false;; esac ||
			fail "$name: '$p' is $t, doc/json.md says $types";;
		esac
	done
	# every documented path appears
	printf '%s\n' "$want" | while read -r p t; do
		printf '%s\n' "$got" | cut -d' ' -f1 | grep -qxF "$p" || fail "$name: '$p' of doc/json.md is in no output"
	done
}

px stats --format json; expect_rc 0; printf '%s\n' "$out" > stats-all.json
px stats --cycle 2022-2023 --format json; expect_rc 0; printf '%s\n' "$out" > stats-cycle.json
px stats --cycle 2022-2023 --by session --community zuid --codes tijd,overleg --format json; expect_rc 0
printf '%s\n' "$out" > stats-session.json
px stats --by month --label-lang fr --format json; expect_rc 0; printf '%s\n' "$out" > stats-month.json
px stats --by cycle --format json; expect_rc 0; printf '%s\n' "$out" > stats-by-cycle.json
shape stats stats-*.json
px codes --format json; expect_rc 0; printf '%s\n' "$out" > codes.json
# the default codebook gives no method an alias: a knowledge base's own
# codebook does, in both languages
mkdir own && cp -r communities.yaml 2022-2023 own/ && (cd own && git init -q)
sed 's|\(<description lang="fr">Un participant présente[^<]*</description>\)|\1<alias lang="nl">casus</alias><alias lang="fr">cas-pratique</alias>|' \
	"$TOP/schema/codebook.xml" > own/codebook.xml
grep -q cas-pratique own/codebook.xml || fail "fixture: no method alias"
(cd own && "$PRAXIS" commit --author "T <t@example.org>" -m own > /dev/null && "$PRAXIS" codes --format json) > codes-own.json ||
	fail "codes in a knowledge base with its own codebook"
[ "$(jq -c '.methods[0].aliases' codes-own.json)" = '{"nl":["casus"],"fr":["cas-pratique"]}' ] || fail "method aliases: $(jq -c '.methods[0].aliases' codes-own.json)"
shape codes codes.json codes-own.json
for code in tijd '#hôpital' place.recognition; do
	px codes "$code" --format json; expect_rc 0; printf '%s\n' "$out" > "code-$code.json"
done
px codes tijd --community zuid --with '#ziekenhuis' --format json; expect_rc 0; printf '%s\n' "$out" > code-cell.json
shape "codes CODE" code-*.json
for cols in community session code; do
	px codes --matrix $cols --format json; expect_rc 0; printf '%s\n' "$out" > "matrix-$cols.json"
	px codes --matrix $cols --cycle 2022-2023 --community zuid --format json; expect_rc 0
	printf '%s\n' "$out" > "matrix-$cols-zuid.json"
done
shape "codes --matrix" matrix-*.json
# a follow-up checked in a later commit (by plain git): the brief's closed
# follow-ups, and the history of the log
sed -i 's/^- \[ \] De evaluatie bespreken/- [x] De evaluatie bespreken/' 2022-2023/zuid/07.md
git commit -q -m "evaluatie besproken" 2022-2023/zuid/07.md
px log --format json; expect_rc 0; printf '%s\n' "$out" > log-all.json
px log 2022-2023/zuid/07.md --format json; expect_rc 0; printf '%s\n' "$out" > log-path.json
shape log log-all.json log-path.json
px log --followups --format json; expect_rc 0; printf '%s\n' "$out" > followups-all.json
px log --followups centrum --format json; expect_rc 0; printf '%s\n' "$out" > followups-centrum.json
shape 'log --followups' followups-*.json
for c in zuid centrum noord-oost zuid-oost; do
	px brief "$c" --format json; expect_rc 0; printf '%s\n' "$out" > "brief-$c.json"
	px brief "$c" --lang fr --format json; expect_rc 0; printf '%s\n' "$out" > "brief-$c-fr.json"
done
shape brief brief-*.json
# search: text, codes only, a phrase, a filter, and a query that finds nothing
i=0
for query in "ziekenhuis" "'#samenwerking'" '"het ziekenhuis"' "--community centrum tijd" "--kind followup opvolgen" "zzzzqqq"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	eval px search --format json --limit 0 $query; expect_rc 0; printf '%s\n' "$out" > "search-$i.json"
done
# with the facets: a code query, words with filters, nothing found
px search --format json --facets "tijd OR temps"; expect_rc 0; printf '%s\n' "$out" > search-facets-1.json
px search --format json --facets --cycle 2022-2023 --since 2022-10-01 '#samenwerking'; expect_rc 0
printf '%s\n' "$out" > search-facets-2.json
px search --format json --facets zzzzqqq; expect_rc 0; printf '%s\n' "$out" > search-facets-3.json
shape search search-*.json

# praxis serve: a note, and its errors (the other answers are the
# commands' JSON, compared whole in t7000-serve-api)
. "$TOP/tests/e2e/lib-serve.sh"
serve_start .
for p in 2022-2023/zuid/01.md 2022-2023/centrum/07.md 2022-2023/noord-oost/02.md; do
	get "api/notes/$p"; expect_code 200; printf '%s\n' "$out" > "note-$(echo "$p" | tr / -).json"
done
shape 'serve note' note-*.json
get 'api/search?q=%22open'; expect_code 400; printf '%s\n' "$out" > error-400.json
get 'api/notes/nothing.md'; expect_code 404; printf '%s\n' "$out" > error-404.json
get api/codes -X POST; expect_code 405; printf '%s\n' "$out" > error-405.json
shape 'serve error' error-*.json
serve_stop
# check: findings with and without a hint, and none
note 2022-2023/zuid/09.md 'sesion: 9' <<'EOF2'
Bel jan.peeters@example.org terug over #tijd en #tmps.
EOF2
px check --format json 2022-2023/zuid/09.md; expect_rc 1; printf '%s\n' "$out" > check-1.json
[ "$(jq '[.[] | select(has("hint"))] | length' check-1.json)" -gt 0 ] || fail "no finding with a hint: $out"
[ "$(jq '[.[] | select(has("hint") | not)] | length' check-1.json)" -gt 0 ] || fail "no finding without a hint: $out"
rm 2022-2023/zuid/09.md
px check --format json 2022-2023/zuid/01.md; printf '%s\n' "$out" > check-2.json
shape check check-1.json check-2.json

# stats' values, computed again from GITDIR/praxis/index.db with the
# sqlite3 client over the tables (not praxis's views)
db=.git/praxis/index.db
q() { sqlite3 -separator ' ' "$db" "$1"; }
ncodes=$(xmllint --xpath 'count(//*[local-name()="code"])' "$TOP/schema/codebook.xml")
for cycle in "" 2022-2023; do
	if [ -n "$cycle" ]; then
		px stats --cycle "$cycle" --format json; w="n.cycle = '$cycle'"
	else
		px stats --format json; w=1
	fi
	expect_rc 0
	printf '%s\n' "$out" > s.json
	# every code of the codebook, once
	[ "$(jq '.codes | length' s.json)" = "$ncodes" ] || fail "stats $cycle: not $ncodes codes"
	[ "$(jq -r '.codes[].code' s.json | sort -u | wc -l)" = "$ncodes" ] || fail "stats $cycle: codes repeated"
	join="segment_codes c JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note WHERE $w"
	want=$(q "SELECT c.code, count(DISTINCT s.id), count(DISTINCT n.id) FROM $join GROUP BY 1 ORDER BY 1")
	got=$(jq -r '.codes[] | select(.segments > 0) | "\(.code) \(.segments) \(.notes)"' s.json | LC_ALL=C sort)
	[ "$want" = "$got" ] || fail "stats $cycle: code totals: want [$want] got [$got]"
	[ "$(jq '[.codes[] | select(.segments == 0 and .notes == 0 and .by == {})] | length' s.json)" = \
	  "$((ncodes - $(printf '%s\n' "$want" | grep -c . || true)))" ] || fail "stats $cycle: unused codes"
	want=$(q "SELECT c.code, n.community, count(DISTINCT s.id), count(DISTINCT n.id) FROM $join GROUP BY 1, 2 ORDER BY 1, 2")
	got=$(jq -r '.codes[] | .code as $c | .by | to_entries[] | "\($c) \(.key) \(.value.segments) \(.value.notes)"' s.json | LC_ALL=C sort)
	[ "$want" = "$got" ] || fail "stats $cycle: codes by community: want [$want] got [$got]"
	want=$(q "SELECT community, count(*), count(DISTINCT cycle || '/' || session), coalesce(sum(attendance), 0),
		CAST(round(coalesce(avg(attendance), 0) * 10) AS INTEGER) FROM notes n WHERE $w GROUP BY 1 ORDER BY 1")
	got=$(jq -r '.communities[] | "\(.id) \(.notes) \(.sessions) \(.attendance) \(.attendance_avg * 10 | round)"' s.json)
	[ "$want" = "$got" ] || fail "stats $cycle: communities: want [$want] got [$got]"
	want=$(q "SELECT a.code, b.code, count(*) FROM segment_codes a JOIN segment_codes b ON b.segment = a.segment AND a.code < b.code
		JOIN segments s ON s.id = a.segment JOIN notes n ON n.id = s.note WHERE $w GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2")
	got=$(jq -r '.cooccurrence[] | "\(.a) \(.b) \(.segments)"' s.json)
	[ "$want" = "$got" ] || fail "stats $cycle: pairs: want [$want] got [$got]"
done
# a cycle without notes: no JSON, a message, exit 1
px stats --cycle 2023-2024 --format json; expect_rc 1
[ -z "$out" ] || fail "stats of a cycle without notes printed: $out"
# the demo has real numbers to compare
[ "$(jq '.cooccurrence | length' stats-all.json)" -gt 5 ] || fail "fixture: too few pairs"
[ "$(jq '.communities | length' stats-all.json)" = 4 ] || fail "fixture: not 4 communities"
