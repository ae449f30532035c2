# The index and search: stemming, accent folding, codes, filters, JSON,
# incremental updates, and the sqlite3 client reading what praxis wrote.
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

# search FILE LINE: the JSON hits contain that path and line
hit() { contains "$out" "\"path\": \"$1\", \"community\": \"$2\", \"cycle\": \"2022-2023\", \"session\": $7, \"date\": \"$3\", \"lang\": \"$4\", \"line\": $5, \"kind\": \"$6\""; }

px search ziekenhuizen --format json
expect_rc 0
contains "$out" '"query": "ziekenhuizen", "total": 1,'
hit 2022-2023/zuid/01.md zuid 2023-01-17 nl 13 paragraph 4
contains "$out" '"snippet": "Het **ziekenhuis** belde niet terug na het ontslag. #**ziekenhuis** #samenwerking"'
contains "$out" '"codes": ["difficulty.coordination", "difficulty.hospital"]'
# the line really holds the text
sed -n 13p 2022-2023/zuid/01.md | grep -q 'Het ziekenhuis belde niet terug' || fail "line 13"

px search hopitaux --format json
contains "$out" '"total": 1,'
hit 2022-2023/centrum/01.md centrum 2022-10-04 fr 12 paragraph 1
px search HÔPITAL --format json
contains "$out" '"total": 1,'
px search brief --format json
contains "$out" '"total": 2,'
px search fiets --format json
contains "$out" '"total": 1,'
hit 2022-2023/zuid/01.md zuid 2023-01-17 nl 19 followup 4
px search 'ziek*' --format json
contains "$out" '"total": 1,'
px search '"belde niet"' --format json
contains "$out" '"total": 1,'
px search '"niet belde"' --format json
contains "$out" '"total": 0,'
px search 'ziekenhuis OR hôpital' --format json
contains "$out" '"total": 2,'
px search 'brief NOT ocmw' --format json
contains "$out" '"total": 1,'
px search 'cönfiance' --format json
contains "$out" '"total": 1,'
hit 2022-2023/centrum/01.md centrum 2022-10-04 fr 14 quote 1

# hashtags: any alias, the id, any accent
for q in '#tijd' '#temps' '#resource.time' '#TIJD'; do
	px search "$q" --format json
	contains "$out" '"total": 2,'
done
px search '#tijd mezelf' --format json
contains "$out" '"total": 1,'
px search mezelf --code temps --format json
contains "$out" '"total": 1,'

# filters
px search '#tijd' --community centrum --format json
contains "$out" '"total": 1,'
px search '#tijd' --lang nl --format json
contains "$out" '"total": 1,'
px search '#tijd' --kind quote --format json
contains "$out" '"total": 1,'
px search brief --kind followup --format json
contains "$out" '"total": 1,'
px search brief --since 2023-01-01 --format json
contains "$out" '"total": 1,'
px search brief --until 2022-12-31 --format json
contains "$out" '"total": 1,'
px search brief --cycle 2021-2022 --format json
contains "$out" '"total": 0,'
px search brief --limit 1 --format json
contains "$out" '"total": 2,'
[ "$(printf '%s' "$out" | grep -c '"path"')" = 1 ] || fail "--limit 1 gave more hits"

# text output
px search ziekenhuizen
expect_rc 0
contains "$out" "2022-2023/zuid/01.md:13  zuid 2022-2023 #4 2023-01-17  Casus  #difficulty.coordination #difficulty.hospital"
contains "$out" "1 result, 1 shown"

# bad queries: a clear message, exit 2, never a raw SQLite error
px search '"unclosed'
expect_rc 2
contains "$err" "query:1:1: error: this quote is never closed"
px search '(ziekenhuis'
expect_rc 2
contains "$err" "malformed query '(ziekenhuis'"
lacks "$err" "fts5"
px search '#tjid'
expect_rc 2
contains "$err" "unknown code '#tjid' (did you mean '#tijd'?)"

# a query is bounded (doc/search.md): 1000 characters, 64 words, phrases
# and codes; past that a usage error at the column, in every language
q=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "zorg " }')
px search "$q"
expect_rc 2
contains "$err" "query:1:1001: error: query is longer than 1000 characters [query]"
q=$(awk 'BEGIN { for (i = 0; i < 65; i++) printf "a%d ", i }')
px search "$q"
expect_rc 2
contains "$err" "query:1:247: error: query has more than 64 words, phrases and codes: search for fewer [query]"
PRAXIS_LANG=nl px search "$q"
expect_rc 2
contains "$err" "query:1:247: fout: zoekopdracht heeft meer dan 64 woorden, zinsdelen en codes: zoek op minder [query]"
PRAXIS_LANG=fr px search "$q"
expect_rc 2
contains "$err" "query:1:247: erreur: la requête compte plus de 64 mots, expressions et codes : cherchez-en moins [query]"
q=$(awk 'BEGIN { for (i = 0; i < 64; i++) printf "a%d ", i }')
px search "$q"
[ "$rc" -ne 2 ] || fail "a query of 64 words is refused: $err"
px search 'ziekenhuis-ontslag l'"'"'hôpital a:b'
expect_rc 0
px search
expect_rc 2
px search x --kind nope
expect_rc 2
contains "$err" "option '--kind' does not take 'nope'"
px search x --since 2023-02-30
expect_rc 2

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
contains "$out" '"total": 1,'
[ "$(sqlite3 "$db" "SELECT id FROM notes WHERE path = '2022-2023/zuid/01.md'")" = "$zuid" ] || fail "unchanged note was re-indexed"
# a commit made with plain git is picked up by the next reading command
sed -i 's/belde niet terug/belde gelukkig terug/' 2022-2023/zuid/01.md
git commit -qam "plain git"
px search gelukkig --format json
contains "$out" '"total": 1,'
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'commit'")" = "$(git rev-parse HEAD)" ] || fail "index behind HEAD"

# a new codebook rebuilds the index
cp "$TOP/schema/codebook.xml" codebook.xml
sed -i 's#<alias lang="nl">tijd</alias>#<alias lang="nl">tijd</alias><alias lang="nl">tijdsdruk</alias>#' codebook.xml
printf '\nVeel tijdsdruk vandaag. #tijdsdruk\n' >> 2022-2023/zuid/01.md
px commit
expect_rc 0
px search '#tijd' --format json
contains "$out" '"total": 3,'

px reindex
expect_rc 0
contains "$out" "indexed 2 notes"

# stats agree with the index
px stats --format json
expect_rc 0
# compared after parsing (doc/json.md), whole records
[ "$(printf '%s' "$out" | jq -c '.codes[] | select(.code == "resource.time")')" = \
  '{"code":"resource.time","segments":3,"notes":2,"communities":{"zuid":{"segments":2,"notes":1},"centrum":{"segments":1,"notes":1}}}' ] ||
	fail "stats: resource.time: $out"
[ "$(printf '%s' "$out" | jq -c '.communities[] | select(.id == "zuid") | del(.attendance_avg)')" = \
  '{"id":"zuid","notes":1,"sessions":1,"attendance":0}' ] || fail "stats: zuid: $out"
[ "$(printf '%s' "$out" | jq -c '.cooccurrence[] | select(.a == "difficulty.coordination" and .b == "difficulty.hospital")')" = \
  '{"a":"difficulty.coordination","b":"difficulty.hospital","segments":1}' ] || fail "stats: pair: $out"
px stats
expect_rc 0
contains "$out" "resource.time"
px stats --cycle nope
expect_rc 2
contains "$err" "cycle must be two consecutive years as YYYY-YYYY, not 'nope'"

# a process killed while indexing leaves a usable index
px reindex
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after reindex"
