# a lead's mistakes that need the knowledge base: sessions claimed twice
# (check and commit, naming both files), a path that disagrees pointed at
# the key that disagrees, `new` taking the author from the repository's
# own git configuration, counts in the three languages.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
cd kb
git add communities.yaml && git commit -qm communities

# the repository's user.name is the one praxis new writes
git config user.name "Repo Lead"
px new zuid --date 2023-01-17
expect_rc 0
grep -qx 'author: "Repo Lead"' 2022-2023/zuid/01.md || fail "author: $(grep author: 2022-2023/zuid/01.md)"
rm -r 2022-2023

# two notes claim zuid 2022-2023 #4: an error in each, naming the other
note 2022-2023/zuid/04.md 'title: "Vier"' <<'EOF2'
Niemand wist wie de coördinatie opnam. #tijd
EOF2
note 2022-2023/zuid/05.md 'title: "Vijf"' <<'EOF2'
Mevrouw A. kwam uit het ziekenhuis. #ziekenhuis
EOF2
px check
expect_rc 1
[ "$out" = "2022-2023/zuid/05.md:4:10: warning: path does not match the front matter: expected '2022-2023/zuid/04.md' [path-mismatch]
    4 | session: 4
      |          ^
2022-2023/zuid/05.md:4:10: error: session 4 of 'zuid' in 2022-2023 is also claimed by '2022-2023/zuid/04.md' [duplicate-session]
2022-2023/zuid/04.md:4:10: error: session 4 of 'zuid' in 2022-2023 is also claimed by '2022-2023/zuid/05.md' [duplicate-session]
2 notes checked: 2 errors, 1 warning" ] || fail "check: $out"
# one file named: the other is read from the knowledge base
px check 2022-2023/zuid/05.md
expect_rc 1
contains "$out" "2022-2023/zuid/05.md:4:10: error: session 4 of 'zuid' in 2022-2023 is also claimed by '2022-2023/zuid/04.md' [duplicate-session]"
# commit refuses either while the other claims its session
px commit 2022-2023/zuid/05.md
expect_rc 1
contains "$out" "2022-2023/zuid/05.md:4:10: error: session 4 of 'zuid' in 2022-2023 is also claimed by '2022-2023/zuid/04.md' [duplicate-session]"
contains "$out" "nothing committed: 1 error to fix first"
px commit
expect_rc 1
contains "$out" "nothing committed: 2 errors to fix first"
[ "$(git log --format=%s | wc -l)" -eq 2 ] || fail "a duplicate session was committed"
sed -i 's/^session: 4/session: 5/' 2022-2023/zuid/05.md
px commit 2022-2023/zuid/04.md
expect_rc 0

# the path disagrees with the community: reported at community:
sed -i 's/^community: zuid/community: centrum/' 2022-2023/zuid/05.md
px check 2022-2023/zuid/05.md
contains "$out" "2022-2023/zuid/05.md:2:12: warning: path does not match the front matter: expected '2022-2023/centrum/05.md' [path-mismatch]"
# ... and with the cycle: at cycle:
sed -i 's/^community: centrum/community: zuid/; s/^cycle: 2022-2023/cycle: 2023-2024/; s/^date: .*/date: 2023-10-01/' 2022-2023/zuid/05.md
px check 2022-2023/zuid/05.md
contains "$out" "2022-2023/zuid/05.md:3:8: warning: path does not match the front matter: expected '2023-2024/zuid/05.md' [path-mismatch]"
sed -i 's/^cycle: 2023-2024/cycle: 2022-2023/; s/^date: .*/date: 2023-01-17/' 2022-2023/zuid/05.md

# counts, singular and plural, in the three languages
px commit
expect_rc 0
for l in en nl fr; do
	px --lang $l check 2022-2023/zuid/05.md
	expect_rc 0
	case $l in
	en) [ "$out" = "1 note checked: 0 errors, 0 warnings" ] || fail "$l: $out";;
	nl) [ "$out" = "1 notitie gecontroleerd: 0 fouten, 0 waarschuwingen" ] || fail "$l: $out";;
	fr) [ "$out" = "1 note vérifiée : 0 erreur, 0 avertissement" ] || fail "$l: $out";;
	esac
	px --lang $l reindex
	case $l in
	en) [ "$out" = "indexed 2 notes" ] || fail "$l: $out";;
	nl) [ "$out" = "2 notities geïndexeerd" ] || fail "$l: $out";;
	fr) [ "$out" = "2 notes indexées" ] || fail "$l: $out";;
	esac
	px --lang $l search ziekenhuis
	case $l in
	en) contains "$out" "1 result, 1 shown";;
	nl) contains "$out" "1 resultaat, 1 getoond";;
	fr) contains "$out" "1 résultat, 1 affiché";;
	esac
	# two counts, each with its own plural
	px --lang $l search "tijd OR ziekenhuis" -n 1
	expect_rc 0
	total=$(printf '%s\n' "$out" | tail -n 1 | sed 's/[^0-9].*//')
	[ "$total" -ge 2 ] || fail "$l: expected several results: $out"
	case $l in
	en) [ "$(printf '%s\n' "$out" | tail -n 1)" = "$total results, 1 shown" ] || fail "$l: $out";;
	nl) [ "$(printf '%s\n' "$out" | tail -n 1)" = "$total resultaten, 1 getoond" ] || fail "$l: $out";;
	fr) [ "$(printf '%s\n' "$out" | tail -n 1)" = "$total résultats, 1 affiché" ] || fail "$l: $out";;
	esac
	px --lang $l search "tijd OR ziekenhuis" -n 2
	case $l in
	en) contains "$out" "results, 2 shown";;
	nl) contains "$out" "resultaten, 2 getoond";;
	fr) contains "$out" "résultats, 2 affichés";;
	esac
	px check --lang $l --summary 2022-2023/zuid/04.md
	case $l in
	en) contains "$out" "1 note, 1 segment, 0 quotes, 0 open and 0 done follow-ups";;
	nl) contains "$out" "1 notitie, 1 segment, 0 citaten, 0 open en 0 afgewerkte opvolgpunten";;
	fr) contains "$out" "1 note, 1 segment, 0 citation, 0 suivi ouvert et 0 terminé";;
	esac
done

# a community misspelt on the command line gets the same did-you-mean as in a note
for args in "new Zuid" "brief Zuid" "search tijd --community ZUID" "new zud"; do
	# shellcheck disable=SC2086
	px --lang nl $args
	expect_rc 2
	case $args in
	*zud) want=zud;; *ZUID*) want=ZUID;; *) want=Zuid;;
	esac
	[ "$err" = "praxis: fout: onbekende gemeenschap '$want' (bedoelde u 'zuid'?)" ] || fail "$args: $err"
done
echo ok
