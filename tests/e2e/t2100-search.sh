# The index and search: stemming, accent folding, codes, filters, JSON,
# incremental updates, and the sqlite3 client reading what praxis wrote.
# (Kills during an update or a rebuild: t2120-kill-commit.sh.)
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
make_kb kb2
cp kb2/communities.yaml kb/
cd kb
note 2022-2023/zuid/01.md 'themes: [tijd]' <<'EOF2'

## Casus

Het ziekenhuis belde niet terug na het ontslag. #ziekenhuis #samenwerking

We schreven brieven naar het OCMW en de huisarts. #informatie

> "Ik heb geen tijd meer voor mezelf." #tijd #emotionele-last

- [ ] De fietsen van de buurtwerkers herstellen #buurtwerk
EOF2
mkdir -p 2022-2023/centrum
cat > 2022-2023/centrum/01.md <<'EOF2'
---
community: centrum
cycle: 2022-2023
session: 1
date: 2022-10-04
lang: fr
author: "M. Lead"
---

## Discussion

Les hôpitaux manquent de personnel et le temps presse. #hopital #temps

> « Elle a perdu confiance dans le système. » #confiance

- [x] Écrire une brief note au CPAS #information
EOF2
px commit
expect_rc 0

# JSON is compared once parsed (json_eq, hits_eq in lib.sh): whole, but
# for the score, a number that only orders the hits (the hits after the
# first without their full results, which the first checks: $brief)
brief='del(.hits[] | .score, .text, .title, .last_line, .code_labels)'
px search ziekenhuizen --format json
expect_rc 0
json_eq 'del(.hits[].score)' <<'EOF2'
{"query": "ziekenhuizen", "total": 1, "total_capped": false, "hits": [
  {"path": "2022-2023/zuid/01.md", "community": "zuid", "cycle": "2022-2023", "session": 4, "date": "2023-01-17",
   "lang": "nl", "line": 13, "last_line": 13, "title": "", "kind": "paragraph", "heading": "Casus",
   "codes": ["difficulty.coordination", "difficulty.hospital"],
   "code_labels": [
     {"code": "difficulty.coordination", "nl": "samenwerking en overleg rond de persoon", "fr": "collaboration et concertation autour de la personne"},
     {"code": "difficulty.hospital", "nl": "communicatie met het ziekenhuis", "fr": "communication avec l'hôpital"}],
   "snippet": "Het **ziekenhuis** belde niet terug na het ontslag. #**ziekenhuis** #samenwerking",
   "text": "Het ziekenhuis belde niet terug na het ontslag. #ziekenhuis #samenwerking"}]}
EOF2
[ "$(json '[.hits[].score | type == "number" and . > 0] | all')" = true ] || fail "score: $out"
# the line really holds the text
sed -n 13p 2022-2023/zuid/01.md | grep -q 'Het ziekenhuis belde niet terug' || fail "line 13"

px search hopitaux --format json
json_eq "$brief" <<'EOF2'
{"query": "hopitaux", "total": 1, "total_capped": false, "hits": [
  {"path": "2022-2023/centrum/01.md", "community": "centrum", "cycle": "2022-2023", "session": 1, "date": "2022-10-04",
   "lang": "fr", "line": 12, "kind": "paragraph", "heading": "Discussion", "codes": ["difficulty.hospital", "resource.time"],
   "snippet": "Les **hôpitaux** manquent de personnel et le temps presse. #**hopital** #temps"}]}
EOF2
px search HÔPITAL --format json
hits_eq <<'EOF2'
[1, ["2022-2023/centrum/01.md:12"]]
EOF2
px search brief --format json
hits_eq <<'EOF2'
[2, ["2022-2023/centrum/01.md:16", "2022-2023/zuid/01.md:15"]]
EOF2
px search fiets --format json
json_eq "$brief" <<'EOF2'
{"query": "fiets", "total": 1, "total_capped": false, "hits": [
  {"path": "2022-2023/zuid/01.md", "community": "zuid", "cycle": "2022-2023", "session": 4, "date": "2023-01-17",
   "lang": "nl", "line": 19, "kind": "followup", "heading": "Casus", "codes": ["resource.neighbourhood"],
   "snippet": "De **fietsen** van de buurtwerkers herstellen #buurtwerk"}]}
EOF2
px search 'ziek*' --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:13"]]
EOF2
px search '"belde niet"' --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:13"]]
EOF2
px search '"niet belde"' --format json
hits_eq <<'EOF2'
[0, []]
EOF2
px search 'ziekenhuis OR hôpital' --format json
hits_eq <<'EOF2'
[2, ["2022-2023/zuid/01.md:13", "2022-2023/centrum/01.md:12"]]
EOF2
px search 'brief NOT ocmw' --format json
hits_eq <<'EOF2'
[1, ["2022-2023/centrum/01.md:16"]]
EOF2
px search 'cönfiance' --format json
json_eq "$brief" <<'EOF2'
{"query": "cönfiance", "total": 1, "total_capped": false, "hits": [
  {"path": "2022-2023/centrum/01.md", "community": "centrum", "cycle": "2022-2023", "session": 1, "date": "2022-10-04",
   "lang": "fr", "line": 14, "kind": "quote", "heading": "Discussion", "codes": ["resource.trust"],
   "snippet": "« Elle a perdu **confiance** dans le système. » #**confiance**"}]}
EOF2

# hashtags: any alias, the id, any accent
for q in '#tijd' '#temps' '#resource.time' '#TIJD'; do
	px search "$q" --format json
	hits_eq <<'EOF2'
[2, ["2022-2023/zuid/01.md:17", "2022-2023/centrum/01.md:12"]]
EOF2
done
px search '#tijd mezelf' --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:17"]]
EOF2
px search mezelf --code temps --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:17"]]
EOF2

# filters
px search '#tijd' --community centrum --format json
hits_eq <<'EOF2'
[1, ["2022-2023/centrum/01.md:12"]]
EOF2
px search '#tijd' --lang nl --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:17"]]
EOF2
px search '#tijd' --kind quote --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:17"]]
EOF2
px search brief --kind followup --format json
hits_eq <<'EOF2'
[1, ["2022-2023/centrum/01.md:16"]]
EOF2
px search brief --since 2023-01-01 --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:15"]]
EOF2
px search brief --until 2022-12-31 --format json
hits_eq <<'EOF2'
[1, ["2022-2023/centrum/01.md:16"]]
EOF2
px search brief --cycle 2021-2022 --format json
hits_eq <<'EOF2'
[0, []]
EOF2
px search brief --limit 1 --format json
hits_eq <<'EOF2'
[2, ["2022-2023/centrum/01.md:16"]]
EOF2

# text output
px search ziekenhuizen
expect_rc 0
expect_out <<'EOF2'
2022-2023/zuid/01.md:13  zuid 2022-2023 #4 2023-01-17  Casus  #difficulty.coordination #difficulty.hospital
    Het **ziekenhuis** belde niet terug na het ontslag. #**ziekenhuis** #samenwerking
1 result, 1 shown
EOF2
expect_err < /dev/null

# bad queries: a clear message, exit 2, never a raw SQLite error
px search '"unclosed'
expect_rc 2
expect_out < /dev/null
expect_err <<'EOF2'
query:1:1: error: this quote is never closed [query]
    1 | "unclosed
      | ^
EOF2
px search '(ziekenhuis'
expect_rc 2
expect_err <<'EOF2'
query:1:1: error: unbalanced parenthesis: this one is never closed [query]
    1 | (ziekenhuis
      | ^
EOF2
px search '#tjid'
expect_rc 2
expect_err <<'EOF2'
query:1:1: error: unknown code '#tjid' (did you mean '#tijd'?) [query]
    1 | #tjid
      | ^
EOF2

# a query is bounded (doc/search.md): 1000 characters, 64 words, phrases
# and codes; past that a usage error at the column, in every language
q=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "zorg " }')
px search "$q"
expect_rc 2
# (the line shown is cut at 400 characters)
expect_err <<EOF2
query:1:1001: error: query is longer than 1000 characters [query]
    1 | $(printf '%s' "$q" | cut -c1-400)
      | $(printf '%401s' '^')
EOF2
q=$(awk 'BEGIN { for (i = 0; i < 65; i++) printf "a%d ", i }')
px search "$q"
expect_rc 2
expect_err <<EOF2
query:1:247: error: query has more than 64 words, phrases and codes: search for fewer [query]
    1 | $q
      | $(printf '%247s' '^')
EOF2
PRAXIS_LANG=nl px search "$q"
expect_rc 2
expect_err <<EOF2
query:1:247: fout: zoekopdracht heeft meer dan 64 woorden, zinsdelen en codes: zoek op minder [query]
    1 | $q
      | $(printf '%247s' '^')
EOF2
PRAXIS_LANG=fr px search "$q"
expect_rc 2
expect_err <<EOF2
query:1:247: erreur: la requête compte plus de 64 mots, expressions et codes : cherchez-en moins [query]
    1 | $q
      | $(printf '%247s' '^')
EOF2
q=$(awk 'BEGIN { for (i = 0; i < 64; i++) printf "a%d ", i }')
px search "$q"
[ "$rc" -ne 2 ] || fail "a query of 64 words is refused: $err"
px search 'ziekenhuis-ontslag l'"'"'hôpital a:b'
expect_rc 0
px search
expect_rc 2
expect_err <<'EOF2'
praxis: error: empty query: give words, "a phrase" or a #code
EOF2
px search x --kind nope
expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--kind' does not take 'nope' (choose from quote, followup, paragraph, item, row)
EOF2
px search x --since 2023-02-30
expect_rc 2
expect_err <<'EOF2'
praxis: error: date must be a real date as YYYY-MM-DD, not '2023-02-30'
EOF2

# the sqlite3 client reads every table but the FTS one on its own
db=$(git rev-parse --git-dir)/praxis/index.db
[ -f "$db" ] || fail "no index at $db"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM notes')" = 2 ] || fail "notes count"
[ "$(sqlite3 "$db" "SELECT count(*) FROM segments s JOIN notes n ON n.id = s.note WHERE n.community = 'zuid'")" = 4 ] || fail "segments"
[ "$(sqlite3 "$db" "SELECT count(*) FROM segment_codes WHERE code = 'resource.time'")" = 2 ] || fail "codes"
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'commit'")" = "$(git rev-parse HEAD)" ] || fail "meta commit"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity"
# and the FTS table with the tokenizer loaded as an extension
[ "$(sqlite3 "$db" ".load $TOP/build/praxisfts" "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'ziekenhuizen'")" = 1 ] || fail "fts via sqlite3"

# incremental: one changed note re-indexes that note only
other=$(sqlite3 "$db" "SELECT id FROM notes WHERE path = '2022-2023/centrum/01.md'")
sed -i 's/perdu confiance/retrouvé confiance/' 2022-2023/centrum/01.md
px commit
expect_rc 0
[ "$(sqlite3 "$db" "SELECT id FROM notes WHERE path = '2022-2023/centrum/01.md'")" != "$other" ] || fail "changed note not re-indexed"
zuid=$(sqlite3 "$db" "SELECT id FROM notes WHERE path = '2022-2023/zuid/01.md'")
px search retrouvé --format json
hits_eq <<'EOF2'
[1, ["2022-2023/centrum/01.md:14"]]
EOF2
[ "$(sqlite3 "$db" "SELECT id FROM notes WHERE path = '2022-2023/zuid/01.md'")" = "$zuid" ] || fail "unchanged note was re-indexed"
# a commit made with plain git is picked up by the next reading command
sed -i 's/belde niet terug/belde gelukkig terug/' 2022-2023/zuid/01.md
git commit -qam "plain git"
px search gelukkig --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/01.md:13"]]
EOF2
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'commit'")" = "$(git rev-parse HEAD)" ] || fail "index behind HEAD"

# a new codebook rebuilds the index
cp "$TOP/schema/codebook.xml" codebook.xml
sed -i 's#<alias lang="nl">tijd</alias>#<alias lang="nl">tijd</alias><alias lang="nl">tijdsdruk</alias>#' codebook.xml
printf '\nVeel tijdsdruk vandaag. #tijdsdruk\n' >> 2022-2023/zuid/01.md
px commit
expect_rc 0
px search '#tijd' --format json
hits_eq <<'EOF2'
[3, ["2022-2023/zuid/01.md:21", "2022-2023/zuid/01.md:17", "2022-2023/centrum/01.md:12"]]
EOF2

px reindex
expect_rc 0
expect_out <<'EOF2'
indexed 2 notes
EOF2

# stats agree with the index
px stats --format json
expect_rc 0
# every code of the codebook, in its order; those that code nothing at 0
[ "$(json '.codes[].code')" = "$(codebook_ids codebook.xml)" ] || fail "stats codes: $out"
json_eq '.codes |= map(select(.segments > 0 or .notes > 0 or .by != {}) | del(.label))' <<'EOF2'
{"cycle": null, "community": null, "by": "community", "label_lang": "nl", "columns": ["zuid", "centrum"],
 "codes": [
  {"code": "role.information", "segments": 2, "notes": 2, "by": {"zuid": {"segments": 1, "notes": 1}, "centrum": {"segments": 1, "notes": 1}}},
  {"code": "resource.time", "segments": 3, "notes": 2, "by": {"zuid": {"segments": 2, "notes": 1}, "centrum": {"segments": 1, "notes": 1}}},
  {"code": "resource.trust", "segments": 1, "notes": 1, "by": {"centrum": {"segments": 1, "notes": 1}}},
  {"code": "resource.neighbourhood", "segments": 1, "notes": 1, "by": {"zuid": {"segments": 1, "notes": 1}}},
  {"code": "difficulty.emotional-load", "segments": 1, "notes": 1, "by": {"zuid": {"segments": 1, "notes": 1}}},
  {"code": "difficulty.coordination", "segments": 1, "notes": 1, "by": {"zuid": {"segments": 1, "notes": 1}}},
  {"code": "difficulty.hospital", "segments": 2, "notes": 2, "by": {"zuid": {"segments": 1, "notes": 1}, "centrum": {"segments": 1, "notes": 1}}}
 ],
 "communities": [
  {"id": "centrum", "notes": 1, "sessions": 1, "attendance": 0, "attendance_avg": 0.0},
  {"id": "zuid", "notes": 1, "sessions": 1, "attendance": 0, "attendance_avg": 0.0}
 ],
 "cooccurrence": [
  {"a": "difficulty.coordination", "b": "difficulty.hospital", "segments": 1},
  {"a": "difficulty.emotional-load", "b": "resource.time", "segments": 1},
  {"a": "difficulty.hospital", "b": "resource.time", "segments": 1}
 ]
}
EOF2
# and the text table says the same
px stats
expect_rc 0
printf '%s\n' "$out" | grep -q ' (resource.time)  *3/2  *2/1  *1/1$' || fail "stats text: $out"
printf '%s\n' "$out" | grep -q ' (resource.trust)  *1/1  *-  *1/1$' || fail "stats text: $out"
px stats --cycle nope
expect_rc 2
expect_err <<'EOF2'
praxis: error: cycle must be two consecutive years as YYYY-YYYY, not 'nope'
EOF2

# a rebuilt index is sound (killed while indexing: t2120-kill-commit.sh)
px reindex
expect_rc 0
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after reindex"
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'commit'")" = "$(git rev-parse HEAD)" ] || fail "meta commit after reindex"
