# search --facets: every count is the one the same search finds with that
# value as one more filter, and the one computed again from the whole
# hit list (--limit 0); a code query's counts by community are stats';
# search --note PATH keeps one note's hits.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb

# the facets computed with jq from the complete hit list of a search
from_hits='def vals($k): [.hits[] | .[$k]] | group_by(.) | map({value: .[0], count: length})
		| sort_by(-.count, .value);
	{counted: .total, capped: false,
	 community: [vals("community")[] | {value, count}],
	 cycle: vals("cycle"), lang: vals("lang"), kind: vals("kind"),
	 code: ([.hits[].codes[]] | group_by(.) | map({value: .[0], count: length}) | sort_by(.value)),
	 date: (if .total == 0 then null else {min: ([.hits[].date] | min), max: ([.hits[].date] | max)} end)}'
# the same shape from praxis' facets (names, labels and categories aside)
from_facets='.facets | .community |= map({value, count})
	| .code = ([.code[].codes[] | {value, count}] | sort_by(.value))'

i=0
for query in ziekenhuis "'#tijd'" "tijd OR temps" '"het ziekenhuis"' "overleg --cycle 2022-2023" \
	"tijd --since 2022-11-01 --until 2023-02-28" "--lang fr temps" "--kind quote tijd" \
	"'#samenwerking' huisarts" "zzzzqqq"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	eval px search --facets --format json --limit 0 $query; expect_rc 0
	printf '%s\n' "$out" > base.json
	[ "$(jq .total_capped base.json)" = false ] || fail "$query: capped"
	jq -S "$from_hits" base.json > want.json
	jq -S "$from_facets" base.json > got.json
	test_cmp want.json got.json
	# each value as a filter finds what its count says, and those hits
	# (for the first queries: each value costs a search)
	[ $i -le 3 ] && for dim in community cycle lang kind code; do
		jq -r ".facets.$dim[] | if .codes then .codes[] else . end | \"\(.value) \(.count)\"" base.json |
		while read -r value count; do
			# shellcheck disable=SC2086
			eval px search --format json --limit 0 --$dim "$value" $query; expect_rc 0
			[ "$(json .total)" = "$count" ] || fail "$query --$dim $value: total $(json .total), facet $count"
			if [ "$dim" = code ]; then sel="any(.codes[]; . == \$v)"; else sel=".$dim == \$v"; fi
			[ "$(json -c '[.hits[] | "\(.path):\(.line)"] | sort')" = \
			  "$(jq -c --arg v "$value" "[.hits[] | select($sel) | \"\\(.path):\\(.line)\"] | sort" base.json)" ] ||
				fail "$query --$dim $value: other hits"
		done
	done
	# the text output says the same
	# shellcheck disable=SC2086
	eval px search --facets --limit 0 $query; expect_rc 0
	printf '%s\n' "$out" | sed -n '/^[0-9]* results\?, /,$p' | sed 1d > got.txt
	jq -r '.facets | (["community", "cycle", "lang", "kind"] | .[]) as $d
		| select(.[$d] | length > 0)
		| "\(if $d == "lang" then "language" else $d end): \([.[$d][] | "\(.value) \(.count)"] | join(", "))"' \
		base.json > want.txt
	jq -r '.facets | select(.code | length > 0) | "codes: \([.code[].codes[] | "#\(.value) \(.count)"] | join(", "))"' \
		base.json >> want.txt
	jq -r '.facets.date | select(. != null) | "dates: \(.min) .. \(.max)"' base.json >> want.txt
	test_cmp want.txt got.txt
done

# a code's counts by community are stats' cells, its total stats' total
px stats --format json; expect_rc 0; printf '%s\n' "$out" > stats.json
for code in $(jq -r '.codes[] | select(.segments > 0) | .code' stats.json); do
	px search "#$code" --facets --format json --limit 1; expect_rc 0
	[ "$(json -c '[.facets.community[] | {key: .value, value: .count}] | from_entries' | jq -cS .)" = \
	  "$(jq -cS --arg c "$code" '.codes[] | select(.code == $c) | .by | map_values(.segments)' stats.json)" ] ||
		fail "#$code: facets $(json -c .facets.community) differ from stats"
	[ "$(json .total)" = "$(jq --arg c "$code" '.codes[] | select(.code == $c) | .segments' stats.json)" ] ||
		fail "#$code: total differs from stats"
done

# community names are communities.yaml's
px search "tijd OR temps" --facets --format json; expect_rc 0
json_eq '[.facets.community[] | {(.value): .name}] | add' <<'EOF2'
{"centrum": {"nl": "PG Centrum", "fr": "CdP Centre"}, "noord-oost": {"nl": "PG Noord-Oost", "fr": "CdP Nord-Est"},
 "zuid": {"nl": "PG Zuid", "fr": "CdP Sud"}, "zuid-oost": {"nl": "PG Zuid-Oost", "fr": "CdP Sud-Est"}}
EOF2
# a code's label and category are the codebook's
px codes --format json; expect_rc 0; printf '%s\n' "$out" > codes.json
px search "tijd OR temps" --facets --format json; expect_rc 0
[ "$(json -c '[.facets.code[] | .category as $c | .codes[] | {value, category: $c, label: .label}]')" = \
  "$(jq -c --argjson used "$(json -c '[.facets.code[].codes[].value]')" \
	'[.categories[].codes[] | select(.id as $i | $used | index($i)) | {value: .id, category, label: .label}]' codes.json)" ] ||
	fail "code labels or order differ from codes"

# --note: one note's hits, the same as the hits of that path
px search ziekenhuis --format json --limit 0; expect_rc 0; printf '%s\n' "$out" > all.json
for path in $(jq -r '[.hits[].path] | unique[]' all.json); do
	px search ziekenhuis --note "$path" --format json --limit 0; expect_rc 0
	[ "$(json -c '[.hits[] | "\(.path):\(.line)"] | sort')" = \
	  "$(jq -c --arg p "$path" '[.hits[] | select(.path == $p) | "\(.path):\(.line)"] | sort' all.json)" ] ||
		fail "--note $path: $out"
done
[ "$(jq '[.hits[].path] | unique | length' all.json)" -gt 2 ] || fail "fixture: too few notes"
# relative to the current folder when the file is there; with the facets
(cd 2022-2023/zuid && "$PRAXIS" search ziekenhuis --note ./01.md --facets --format json --limit 0) > rel.json
[ "$(jq -c '[.hits[].path] | unique' rel.json)" = '["2022-2023/zuid/01.md"]' ] || fail "--note ./01.md: $(cat rel.json)"
[ "$(jq -c '.facets.community' rel.json)" = \
  "[{\"value\":\"zuid\",\"count\":$(jq .total rel.json),\"name\":{\"nl\":\"PG Zuid\",\"fr\":\"CdP Sud\"}}]" ] ||
	fail "--note facets: $(jq -c .facets rel.json)"
# a note without the word, and a path that is no note
px search ziekenhuis --note 2022-2023/centrum/01.md --format json; expect_rc 0
json_eq '[.total, .hits]' <<'EOF2'
[0, []]
EOF2
px search ziekenhuis --note zuid; expect_rc 2
expect_out < /dev/null
expect_err <<'EOF2'
praxis: error: 'zuid' is not a note (.md file) of this knowledge base
EOF2
PRAXIS_LANG=fr px search ziekenhuis --note ../etc/passwd; expect_rc 2
expect_err <<'EOF2'
praxis: erreur: '../etc/passwd' n'est pas une note (fichier .md) de cette base
EOF2
# facets go with text and JSON only
px search tijd --facets --format csv; expect_rc 2
expect_out < /dev/null
expect_err <<'EOF2'
praxis: error: --facets goes with --format text or json
EOF2
# nothing found: empty facets
px search zzzzqqq --facets --format json; expect_rc 0
json_eq .facets <<'EOF2'
{"counted": 0, "capped": false, "community": [], "cycle": [], "lang": [], "kind": [], "code": [], "date": null}
EOF2
