# The query language (doc/search.md): codes anywhere a word can be, AND,
# OR, NOT, -exclusion, parentheses and phrases in any mix, as a table of
# queries and the segments each must find (all of them: --limit 0, as a
# set), on a knowledge base the test writes. Then the errors, with their
# column, and lowercase operator words, which stay words and are
# explained when nothing is found (in the three languages).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
cd kb
note 2022-2023/zuid/01.md <<'EOF2'

Het ziekenhuis belde niet terug na het ontslag. #tijdsgebrek #ziekenhuisontslag

Overleg met de huisarts over de medicatie. #coördinatie

De huisarts had geen tijd voor een gesprek.

Het ziekenhuis en de huisarts: overleg verliep goed. #coördinatie #ziekenhuisontslag
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

Les hôpitaux manquent de temps et de personnel. #manque-de-temps

La concertation avec l'hôpital avance. #sortie-hôpital

Personne ne répond au téléphone. #collaboration
EOF2
px commit
expect_rc 0

# The segments: z = zuid (nl), c = centrum (fr), then the line.
#   z10 ziekenhuis, ontslag              codes time, hospital
#   z12 overleg, huisarts                code  coordination
#   z14 huisarts, tijd                   (none)
#   z16 ziekenhuis, en, huisarts, overleg codes coordination, hospital
#   c10 hôpitaux, temps, et, personnel   code  time
#   c12 concertation, l'hôpital          code  hospital
#   c14 personne, téléphone              code  coordination
# query<TAB>expected hits, sorted
table=$(cat <<'EOF2'
#temps	z10 c10
#temps AND ziekenhuis	z10
ziekenhuis #temps	z10
ziekenhuis NOT #temps	z16
#temps OR #tijd	z10 c10
#tijd OR #hopital	z10 z16 c10 c12
(#tijd OR #hopital) overleg	z16
(#tijd OR #hopital) NOT overleg	z10 c10 c12
huisarts -overleg	z14
hôpital -#temps	c12
-#coördinatie huisarts	z14
huisarts AND NOT #overleg	z14
#samenwerking #ziekenhuis	z16
#samenwerking AND #ziekenhuis OR #manque-de-temps	z10 z16 c10
#samenwerking AND (#ziekenhuis OR #manque-de-temps)	z16
"belde niet terug" OR téléphone	z10 c14
(#tijd OR #hopital) AND NOT (overleg OR concertation)	z10 c10
#hopital -(#tijd OR concertation)	z16
((huisarts)) (-(overleg))	z14
huisarts NOT NOT overleg	z12 z16
hopital OR (ziekenhuis -ontslag)	z16 c10 c12
tijd OR temps -#tijd	z14
ziek*	z10 z16
"de huisarts"* -overleg	z14
temps et personnel	c10
huisarts en overleg	z16
EOF2
)
printf '%s\n' "$table" | while IFS='	' read -r q want; do
	px search --limit 0 --format json -- "$q"
	[ "$rc" -eq 0 ] || fail "$q: exit $rc: $err"
	[ -z "$err" ] || fail "$q: $err"
	got=$(printf '%s' "$out" | jq -r '[.hits[] | "\(.community[0:1])\(.line)"] | sort_by([(.[0:1] | if . == "z" then 0 else 1 end), (.[1:] | tonumber)]) | join(" ")')
	total=$(printf '%s' "$out" | jq .total)
	[ "$got" = "$want" ] || fail "'$q': got [$got], want [$want]"
	[ "$total" -eq "$(printf '%s\n' $want | grep -c .)" ] || fail "'$q': total $total"
done

# --code is one more filter, beside any query
px search 'huisarts OR ontslag' --code ziekenhuis --limit 0 --format json
json_eq '[.query, ([.hits[] | .line] | sort)]' <<'EOF2'
["huisarts OR ontslag #ziekenhuis", [10, 16]]
EOF2

# text output: the codes-only query lists whole texts, the word query
# highlights its words but never a code's scope word
px search 'overleg -#ziekenhuis'
expect_rc 0
expect_out <<'EOF2'
2022-2023/zuid/01.md:12  zuid 2022-2023 #4 2023-01-17  #difficulty.coordination
    **Overleg** met de huisarts over de medicatie. #coördinatie
1 result, 1 shown
EOF2

# lowercase operators stay words: found nothing, and says why
for l in en nl fr; do
	PRAXIS_LANG=$l px search 'huisarts and overleg'
	expect_rc 0
	case $l in
	en) w="warning: nothing found: 'and' was searched as a word; to combine, write AND in capitals"
	    none="no results" ;;
	nl) w="waarschuwing: niets gevonden: 'and' werd als woord gezocht; schrijf AND in hoofdletters om te combineren"
	    none="geen resultaten" ;;
	fr) w="avertissement: rien trouvé : 'and' a été cherché comme mot ; pour combiner, écrivez AND en majuscules"
	    none="aucun résultat" ;;
	esac
	[ "$out" = "$none" ] || fail "$l: $out"
	printf '%s\n' "$err" | head -1 > "$TMPDIR/got1"
	[ "$(cat "$TMPDIR/got1")" = "query:1:10: $w [query]" ] || fail "$l: $err"
done
px search 'tijd of temps niet sauf' --format json
expect_rc 0
[ "$(printf '%s' "$out" | jq -c '[.total, .hits]')" = '[0,[]]' ] || fail "of: $out"
[ "$(printf '%s\n' "$err" | grep -c 'warning: nothing found:')" -eq 3 ] || fail "of/niet/sauf: $err"
printf '%s\n' "$err" | grep -q "query:1:6: warning: nothing found: 'of' was searched as a word; to combine, write OR in capitals" || fail "of: $err"
printf '%s\n' "$err" | grep -q "query:1:20: warning: nothing found: 'sauf' was searched as a word; to combine, write NOT in capitals" || fail "sauf: $err"

# errors: the message, where, exit 2, nothing on stdout
while IFS='	' read -r q col msg; do
	px search -- "$q"
	[ "$rc" -eq 2 ] || fail "'$q': exit $rc"
	[ -z "$out" ] || fail "'$q': $out"
	[ "$(printf '%s\n' "$err" | head -1)" = "query:1:$col: error: $msg [query]" ] ||
		fail "'$q': $err"
done <<'EOF2'
(#tijd OR #hopital overleg	1	unbalanced parenthesis: this one is never closed
#tijd OR #hopital) overleg	18	unbalanced parenthesis: this one closes nothing
ziekenhuis OR	12	'OR' needs a word, a "phrase" or a #code after it
AND ziekenhuis	1	'AND' needs a word, a "phrase" or a #code before it
hôpital NOT	9	'NOT' needs a word, a "phrase" or a #code after it
-#temps	1	nothing to exclude from: also give a word, a "phrase" or a #code to search for
ziekenhuis OR -#temps	15	nothing to exclude from: also give a word, a "phrase" or a #code to search for
a ()	3	nothing between these parentheses
overleg #tjid	9	unknown code '#tjid' (did you mean '#tijd'?)
EOF2
