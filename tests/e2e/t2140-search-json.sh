# search --format json: the output has the shape doc/json.md documents
# (the same keys, the same types, checked against the example of its
# "search" section), and whole hit lists are what the notes hold,
# compared after parsing (never by spacing).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
make_kb kb2
cp kb2/communities.yaml kb/
cd kb
note 2022-2023/zuid/01.md <<'EOF2'

## Casus

Het ziekenhuis belde niet terug na het ontslag. #ziekenhuis #samenwerking

> "Ik heb geen tijd meer voor mezelf." #tijd

### Afspraken

- [ ] De huisarts opbellen over het ziekenhuis #samenwerking
- [x] Brief aan het OCMW
EOF2
mkdir -p 2022-2023/centrum
cat > 2022-2023/centrum/01.md <<'EOF2'
---
title: "Les hôpitaux"
community: centrum
cycle: 2022-2023
session: 1
date: 2022-10-04
lang: fr
author: "M. Lead"
---

Les hôpitaux manquent de *personnel* et le temps presse, le temps presse vraiment,
surtout le vendredi quand les équipes de jour partent et que **personne** ne reprend les dossiers. #hopital #temps

| Partenaire | Problème |
| --- | --- |
| Hôpital | pas de retour |
EOF2
px commit
expect_rc 0

# the documented example: the first ```json block of the "search" section
doc=$(awk '/^## /{s=($2=="search")} s&&/^```json/{j=1;next} s&&j&&/^```/{exit} s&&j' "$TOP/doc/json.md")
printf '%s' "$doc" | jq -e . > /dev/null || fail "doc/json.md: the search example is not JSON"
# shape: every value replaced by its type, arrays by their elements' shapes
shape='def shape: if type == "object" then with_entries(.value |= shape)
	elif type == "array" then map(shape) | unique else type end; shape'
want_top=$(printf '%s' "$doc" | jq -c "$shape | del(.hits)")
want_hit=$(printf '%s' "$doc" | jq -c "$shape | .hits[0]")
want_empty=$(printf '%s' "$doc" | jq -c "$shape | .hits[0] | .codes = [] | .code_labels = []")
[ "$want_top" = '{"query":"string","total":"number","total_capped":"boolean"}' ] ||
	fail "the documented shape changed: $want_top"
# check_shape: the last output has the documented shape, hit by hit
check_shape() {
	[ "$(printf '%s' "$out" | jq -c "$shape | del(.hits)")" = "$want_top" ] || fail "top level: $out"
	printf '%s' "$out" | jq -e '.hits | type == "array"' > /dev/null || fail "hits: $out"
	printf '%s' "$out" | jq -c "def shape: if type == \"object\" then with_entries(.value |= shape)
		elif type == \"array\" then map(shape) | unique else type end; .hits[] | shape" |
	while IFS= read -r h; do
		[ "$h" = "$want_hit" ] || [ "$h" = "$want_empty" ] || fail "a hit's shape: $h, documented: $want_hit"
	done
	# integers are integers, kinds are the documented ones
	printf '%s' "$out" | jq -e 'all(.hits[]; (.session | floor == .) and (.line | floor == .) and
		([.kind] | inside(["paragraph", "item", "row", "quote", "followup"])))' > /dev/null ||
		fail "values: $out"
}

# hits QUERY [OPTIONS]: the whole hit list, parsed and compact, without
# the score (bm25 depends on SQLite's version) and the full results (the
# text, the title, the last line and the codes' labels, checked whole
# below), one hit per line
hits() {
	px search "$@" --format json
	expect_rc 0
	check_shape
	got=$(printf '%s' "$out" | jq -c '.total, .total_capped,
		(.hits[] | del(.score, .text, .title, .last_line, .code_labels))')
}

hits ziekenhuis
[ "$got" = '2
false
{"path":"2022-2023/zuid/01.md","community":"zuid","cycle":"2022-2023","session":4,"date":"2023-01-17","lang":"nl","line":12,"kind":"paragraph","heading":"Casus","codes":["difficulty.coordination","difficulty.hospital"],"snippet":"Het **ziekenhuis** belde niet terug na het ontslag. #**ziekenhuis** #samenwerking"}
{"path":"2022-2023/zuid/01.md","community":"zuid","cycle":"2022-2023","session":4,"date":"2023-01-17","lang":"nl","line":18,"kind":"followup","heading":"Casus > Afspraken","codes":["difficulty.coordination"],"snippet":"De huisarts opbellen over het **ziekenhuis** #samenwerking"}' ] ||
	fail "ziekenhuis: $got"

# a codes-only query: newest first, score 0, the whole text as snippet
hits '#samenwerking'
[ "$got" = '2
false
{"path":"2022-2023/zuid/01.md","community":"zuid","cycle":"2022-2023","session":4,"date":"2023-01-17","lang":"nl","line":18,"kind":"followup","heading":"Casus > Afspraken","codes":["difficulty.coordination"],"snippet":"De huisarts opbellen over het ziekenhuis #samenwerking"}
{"path":"2022-2023/zuid/01.md","community":"zuid","cycle":"2022-2023","session":4,"date":"2023-01-17","lang":"nl","line":12,"kind":"paragraph","heading":"Casus","codes":["difficulty.coordination","difficulty.hospital"],"snippet":"Het ziekenhuis belde niet terug na het ontslag. #ziekenhuis #samenwerking"}' ] ||
	fail "#samenwerking: $got"
[ "$(printf '%s' "$out" | jq -c '[.hits[].score]')" = '[0,0]' ] || fail "codes-only scores: $out"

# a quote, a done task item, a French note, a table row without codes
hits 'hôpital OR tijd OR ocmw'
[ "$got" = '4
false
{"path":"2022-2023/zuid/01.md","community":"zuid","cycle":"2022-2023","session":4,"date":"2023-01-17","lang":"nl","line":14,"kind":"quote","heading":"Casus","codes":["resource.time"],"snippet":"\"Ik heb geen **tijd** meer voor mezelf.\" #**tijd**"}
{"path":"2022-2023/zuid/01.md","community":"zuid","cycle":"2022-2023","session":4,"date":"2023-01-17","lang":"nl","line":19,"kind":"followup","heading":"Casus > Afspraken","codes":[],"snippet":"Brief aan het **OCMW**"}
{"path":"2022-2023/centrum/01.md","community":"centrum","cycle":"2022-2023","session":1,"date":"2022-10-04","lang":"fr","line":16,"kind":"row","heading":"","codes":[],"snippet":"**Hôpital** | pas de retour"}
{"path":"2022-2023/centrum/01.md","community":"centrum","cycle":"2022-2023","session":1,"date":"2022-10-04","lang":"fr","line":11,"kind":"paragraph","heading":"","codes":["difficulty.hospital","resource.time"],"snippet":"Les **hôpitaux** manquent de personnel et le temps presse, le temps presse vraiment, surtout le vendredi quand les équipes de jour partent et que…"}' ] ||
	fail "hôpital OR tijd OR ocmw: $got"
# scores are numbers, best first
printf '%s' "$out" | jq -e '[.hits[].score] | (. == (sort | reverse)) and all(type == "number")' > /dev/null ||
	fail "scores: $out"
px search 'hôpital OR tijd OR ocmw' --limit 1 --format json
[ "$(printf '%s' "$out" | jq -c '[.total, (.hits | length), .hits[0].line]')" = '[4,1,14]' ] ||
	fail "--limit 1: $out"

# full results: the segment's whole text (markup removed, not cut), the
# note's title, the first and last lines, and each code with its labels in
# both languages, as the codebook has them
nl_label() { xmllint --xpath "string(//*[local-name()='code'][@id='$1']/*[local-name()='label'][@lang='$2'])" "$TOP/schema/codebook.xml"; }
px search 'personnel' --format json
expect_rc 0
json_eq '.hits | map(del(.score))' <<EOF2
[{"path": "2022-2023/centrum/01.md", "community": "centrum", "cycle": "2022-2023", "session": 1,
  "date": "2022-10-04", "lang": "fr", "line": 11, "last_line": 12, "title": "Les hôpitaux", "kind": "paragraph", "heading": "",
  "codes": ["difficulty.hospital", "resource.time"],
  "code_labels": [
    {"code": "difficulty.hospital", "nl": "$(nl_label difficulty.hospital nl)", "fr": "$(nl_label difficulty.hospital fr)"},
    {"code": "resource.time", "nl": "$(nl_label resource.time nl)", "fr": "$(nl_label resource.time fr)"}],
  "snippet": "Les hôpitaux manquent de **personnel** et le temps presse, le temps presse vraiment, surtout le vendredi quand les équipes de jour partent et que…",
  "text": "Les hôpitaux manquent de personnel et le temps presse, le temps presse vraiment, surtout le vendredi quand les équipes de jour partent et que personne ne reprend les dossiers. #hopital #temps"}]
EOF2
[ "$(nl_label resource.time fr)" = temps ] || fail "the codebook's label: $(nl_label resource.time fr)"

# --sort date: the same hits, in session order (oldest first); rank: best
# first, as without it
px search 'hôpital OR tijd OR ocmw' --sort date --format json
expect_rc 0
json_eq '[.total, [.hits[] | "\(.date) \(.path):\(.line)"]]' <<'EOF2'
[4, ["2022-10-04 2022-2023/centrum/01.md:11", "2022-10-04 2022-2023/centrum/01.md:16",
     "2023-01-17 2022-2023/zuid/01.md:14", "2023-01-17 2022-2023/zuid/01.md:19"]]
EOF2
px search 'hôpital OR tijd OR ocmw' --format json
rank=$(printf '%s' "$out" | jq -c '[.hits[] | .line]')
px search 'hôpital OR tijd OR ocmw' --sort rank --format json
[ "$(printf '%s' "$out" | jq -c '[.hits[] | .line]')" = "$rank" ] || fail "--sort rank: $out"
# with a limit: the best hits (as ranked), then in session order
px search 'hôpital OR tijd OR ocmw' --sort date --limit 3 --format json
json_eq '[.total, [.hits[] | "\(.date) \(.path):\(.line)"]]' <<'EOF2'
[4, ["2022-10-04 2022-2023/centrum/01.md:16",
     "2023-01-17 2022-2023/zuid/01.md:14", "2023-01-17 2022-2023/zuid/01.md:19"]]
EOF2
px search tijd --sort datum
expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--sort' does not take 'datum' (choose from rank, date)
EOF2

# nothing found: an empty list, the query as given (with --code)
hits nergens --code tijd
[ "$got" = '0
false' ] || fail "none: $got"
[ "$(printf '%s' "$out" | jq -r .query)" = 'nergens #tijd' ] || fail "query: $out"

# a malformed query: the message, exit 2, nothing on stdout
px search '(ziekenhuis' --format json
expect_rc 2
[ -z "$out" ] || fail "output of a malformed query: $out"
[ "$err" = "query:1:1: error: unbalanced parenthesis: this one is never closed [query]
    1 | (ziekenhuis
      | ^" ] ||
	fail "malformed: $err"
