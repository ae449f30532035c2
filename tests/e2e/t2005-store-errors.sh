# The store reports what git could not give, once, in the user's words:
# a history with a missing commit is an error (not an empty log with exit
# 0), and a blob id the index holds that is no id is named as such.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid
echo "Nog een zin. #tijd" >> 2022-2023/zuid/01.md
px commit -m "second"
expect_rc 0
echo "En nog een. #tijd" >> 2022-2023/zuid/01.md
px commit -m "third"
expect_rc 0
px log --format json
expect_rc 0
[ "$(printf '%s\n' "$out" | grep -c '"commit"')" -ge 3 ] || fail "log before the damage: $out"

# the middle commit goes missing (loose objects: no pack yet)
second=$(git rev-parse HEAD~1)
rm "$(git rev-parse --git-dir)/objects/$(echo "$second" | cut -c1-2)/$(echo "$second" | cut -c3-)"
for f in text json; do
	px log --format $f
	expect_rc 2
	[ -z "$out" ] || fail "log printed a partial history ($f): $out"
	[ "$err" = "praxis: error: the repository is damaged: a git object is missing or unreadable; 'git fsck' says which (git said: object not found - no match for id ($second)) [git]" ] ||
		fail "log's error ($f): $err"
done

# a blob id in the index that is no object id
cd ..
demo_kb kb2 zuid
sqlite3 .git/praxis/index.db "UPDATE notes SET blob = 'not-an-id' WHERE path = '2022-2023/zuid/01.md'"
for l in en nl fr; do
	rm -rf ../site
	PRAXIS_LANG=$l px site --audience internal -o ../site
	expect_rc 2
	case $l in
	en) want="2022-2023/zuid/01.md: error: 'not-an-id' is not a git object id (40 hexadecimal digits); rebuild the index with 'praxis reindex' [git]" ;;
	nl) want="2022-2023/zuid/01.md: fout: 'not-an-id' is geen git-object-id (40 hexadecimale cijfers); bouw de index opnieuw op met 'praxis reindex' [git]" ;;
	fr) want="2022-2023/zuid/01.md: erreur: 'not-an-id' n'est pas un identifiant d'objet git (40 chiffres hexadécimaux) ; reconstruisez l'index avec 'praxis reindex' [git]" ;;
	esac
	[ "$err" = "$want" ] || fail "site ($l): $err"
done
px reindex
expect_rc 0
px site --audience internal -o ../site
expect_rc 0

# the analysts' synthesis text is part of the report: a repository that
# cannot give it fails the report (it never comes out without it)
cd ..
demo_kb kb3
blob=$(git rev-parse HEAD:2022-2023/synthesis.nl.md)
px report 2022-2023 --lang nl -o ok.html
expect_rc 0
grep -q 'Brusano ondersteunt de eerstelijnszorg' ok.html || fail "the fixture's synthesis is not in the report"
rm "$(git rev-parse --git-dir)/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
for l in en nl fr; do
	PRAXIS_LANG=$l px report 2022-2023 --lang nl -o "r-$l.html"
	expect_rc 2
	[ ! -e "r-$l.html" ] || fail "a report without the synthesis was written ($l)"
	case $l in
	en) want="2022-2023/synthesis.nl.md: error: the repository is damaged: a git object is missing or unreadable; 'git fsck' says which" ;;
	nl) want="2022-2023/synthesis.nl.md: fout: de repository is beschadigd: een git-object ontbreekt of is onleesbaar; 'git fsck' zegt welk" ;;
	fr) want="2022-2023/synthesis.nl.md: erreur: le dépôt est endommagé : un objet git manque ou est illisible ; 'git fsck' dit lequel" ;;
	esac
	case $err in "$want"*) ;; *) fail "report ($l): $err" ;; esac
done
