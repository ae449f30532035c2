# Each hit's snippet is FTS5's snippet() of that one segment for the
# user's words, as the sqlite3 shell gives it with praxis' tokenizer,
# whichever way the search reads them (issue 16: in at most two
# statements walking the doclists between the hits, newest first for the
# top third of the ids, with the filters' scope words in the expression):
# words, a phrase, a prefix, OR, NOT, with and without filters, the
# newest window and every match ranked, hits spread over every note.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
make_kb kb2
cp kb2/communities.yaml kb/
cd kb

# 24 sessions (two cycles) of two communities; the same words near the start, the
# middle and the end of long segments, so the windows differ
i=1
while [ $i -le 24 ]; do
	n=$(printf %02d $i)
	if [ $i -le 12 ]; then cy=2021-2022 y=2022 s=$i; else cy=2022-2023 y=2023 s=$((i - 12)); fi
	for c in zuid centrum; do
		if [ $c = zuid ]; then lang=nl; else lang=fr; fi
		mkdir -p $cy/$c
		{
			printf -- '---\ntitle: "Sessie %s"\ncommunity: %s\ncycle: %s\nsession: %s\n' $i $c $cy $s
			printf -- 'date: %s-01-%s\nlang: %s\nauthor: "M. Lead"\n---\n\n## Casus\n\n' $y $n $lang
			k=0
			while [ $k -lt $((i % 5 + 2)) ]; do
				case $(( (i + k) % 4 )) in
				0) printf 'De huisarts belde het ziekenhuis over de sociale kaart van de wijk en de thuiszorg die niet kwam, want het team was te klein en de wachtlijst lang, zodat de familie zelf alles moest regelen met de buren en de apotheek.\n\n' ;;
				1) printf 'Na het ontslag bleef de patiënt thuis zonder hulp; de buurtwerker, de kinesist en de maatschappelijk werker zochten samen een oplossing, en pas na twee weken kwam de huisarts langs met een plan voor de thuisverpleging.\n\n' ;;
				2) printf '> "Ik heb geen tijd meer voor mezelf, de sociale kaart helpt niet als niemand de telefoon opneemt bij het ziekenhuis of de huisarts."\n\n' ;;
				3) printf 'Overleg met het OCMW over de sociale kaart: wie doet wat in de wijk, welke diensten zijn er voor thuiszorg en welke wachttijden gelden er, en hoe bereiken we de huisarts die nieuw is in de buurt.\n\n' ;;
				esac
				k=$((k + 1))
			done
		} > $cy/$c/$(printf %02d $s).md
	done
	i=$((i + 1))
done
px commit --author "Test <t@example.org>"
expect_rc 0
db=.git/praxis/index.db
[ -f "$db" ] || fail "no index"

# check QUERY FTS [options]: every hit's snippet equals sqlite3's snippet
# of its own segment for the expression FTS (the user's words alone)
check() {
	q=$1; fts=$2; shift 2
	px search "$q" --format json "$@"
	expect_rc 0
	n=$(json '.hits | length')
	[ "$n" -gt 0 ] || fail "no hits for $q $*"
	json -c '.hits[] | [.path, .line, .snippet]' > hits.txt
	: > want.txt
	: > got.txt
	while read -r h; do
		p=$(printf '%s' "$h" | jq -r '.[0]')
		l=$(printf '%s' "$h" | jq -r '.[1]')
		printf '%s\n' "$h" | jq -r '.[2]' >> got.txt
		sqlite3 "$db" ".load $TOP/build/praxisfts" \
			"SELECT replace(snippet(segments_fts, 0, '**', '**', '…', 24), char(10), ' ')
			 FROM segments_fts WHERE segments_fts MATCH '$fts' AND rowid =
			 (SELECT s.id FROM segments s JOIN notes n ON n.id = s.note
			  WHERE n.path = '$p' AND s.line = $l)" >> want.txt
	done < hits.txt
	[ "$(wc -l < got.txt)" -eq "$n" ] || fail "$q: $n hits, $(wc -l < got.txt) snippets"
	diff want.txt got.txt >/dev/null || fail "snippets of '$q $*' differ: $(diff want.txt got.txt | head -10)"
}

check huisarts huisarts
check huisarts huisarts --limit 0
check huisarts huisarts --limit 0 --community centrum
check '"sociale kaart"' '"sociale kaart"' --limit 0
check '"sociale kaart"' '"sociale kaart"' --kind quote --limit 0
check 'thuis*' 'thuis*' --limit 0
check 'thuis*' 'thuis*' --community zuid --limit 7
check 'huisarts OR kinesist' 'huisarts OR kinesist' --limit 0 --lang fr
check 'huisarts -kaart' 'huisarts NOT kaart' --limit 0
check 'huisarts wijk' 'huisarts AND wijk' --limit 0 --since 2022-01-05 --until 2023-01-20
echo ok
