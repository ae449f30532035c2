# publication.yaml (optional, at the knowledge base's root) is checked
# like communities.yaml: each mistake at its line and column with a rule,
# and no other command runs while it has errors; what it shows goes
# through the privacy guard (its allow: lets a public contact through);
# the report's title, publisher, about, contact and licence come from it,
# and without it no publisher's name is printed.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
mv kb/communities.yaml "$TMPDIR/init.yaml"
make_kb kb
cd kb
note 2022-2023/zuid/04.md <<'EOF2'
Tijd is het eerste wat ontbreekt. #tijd
EOF2
px commit
expect_rc 0

# without publication.yaml: the catalogue's title, no publisher, no colophon
px report 2022-2023 --lang nl -o "$TMPDIR/r.html"
expect_rc 0
title=$(xmllint --html --xpath 'string(//h1)' "$TMPDIR/r.html" 2>/dev/null | tr -d '\302\255')
[ "$title" = "Synthese van de praktijkgemeenschappen" ] || fail "default title: $title"
if grep -q -i 'brusano' "$TMPDIR/r.html"; then fail "a publisher's name is fixed in the report"; fi
[ "$(xmllint --html --xpath 'count(//*[@class="colophon"])' "$TMPDIR/r.html" 2>/dev/null)" = 0 ] ||
	fail "a colophon without publication.yaml"

# a file given: every text in both languages, in the report's language
cat > publication.yaml <<'EOF2'
title: { nl: "Werking en inputs", fr: "Fonctionnement et apports" }
subtitle: { nl: "Samenvatting", fr: "Synthèse" }
publisher: { nl: "Het Huis", fr: "La Maison" }
about: { nl: "Over ons.", fr: "À propos de nous." }
contact: { nl: "info@huis.example", fr: "info@huis.example" }
licence: { nl: "CC BY 4.0", fr: "CC BY 4.0" }
allow: ["info@huis.example"]
EOF2
px check
expect_rc 0
expect_out <<'EOF2'
1 note checked: 0 errors, 0 warnings
EOF2
for l in nl fr; do
	px report 2022-2023 --lang $l -o "$TMPDIR/r.html" --force
	expect_rc 0
	got=$(xmllint --html --xpath 'concat(//h1, "|", //*[@class="pub-subtitle"], "|", //*[@class="publisher"], "|", //*[@class="colophon"]//*[@class="about"], "|", //title)' "$TMPDIR/r.html" 2>/dev/null)
	case $l in
	nl) want="Werking en inputs|Samenvatting|Het Huis|Over ons.|Werking en inputs – 2022-2023" ;;
	fr) want="Fonctionnement et apports|Synthèse|La Maison|À propos de nous.|Fonctionnement et apports – 2022-2023" ;;
	esac
	[ "$got" = "$want" ] || fail "$l: [$got], expected [$want]"
	dl=$(xmllint --html --xpath 'string(//*[@class="colophon"]//dl)' "$TMPDIR/r.html" 2>/dev/null)
	case $l in
	nl) [ "$dl" = "UitgeverHet HuisContactinfo@huis.exampleLicentieCC BY 4.0" ] || fail "nl colophon: $dl" ;;
	fr) [ "$dl" = "ÉditeurLa MaisonContactinfo@huis.exampleLicenceCC BY 4.0" ] || fail "fr colophon: $dl" ;;
	esac
done
# it is committed with the notes
px commit
expect_rc 0
git ls-files --error-unmatch publication.yaml > /dev/null || fail "publication.yaml not committed"
cp publication.yaml "$TMPDIR/good.yaml"

# without allow:, the address is a finding
grep -v '^allow' "$TMPDIR/good.yaml" > publication.yaml
px check
expect_rc 1
contains "$out" "publication.yaml:5:17: error: e-mail address 'info@huis.example' identifies someone [privacy-email]"
contains "$out" "= use a pseudonym, or, for the publisher's own public contact, allow this exact text under 'allow:'"

# mistakes, each as written | the diagnostic, exactly
cases='title: { nl: "X" }|publication.yaml:1:8: error: '"'title'"' needs a French text: title: { nl: ..., fr: ... } [missing-key]
title: { fr: "X", nl: "" }|publication.yaml:1:23: error: '"'title'"' needs a Dutch text: title: { nl: ..., fr: ... } [missing-key]
title: Werking|publication.yaml:1:8: error: '"'title'"' gives the Dutch and the French text: title: { nl: ..., fr: ... } [invalid-value]
titel: { nl: "X", fr: "X" }|publication.yaml:1:1: error: unknown key '"'titel'"' (did you mean '"'title'"'?) [unknown-key]
license: { nl: "X", fr: "X" }|publication.yaml:1:1: error: unknown key '"'license'"' (did you mean '"'licence'"'?) [unknown-key]
about: { nl: "X", fr: "X", en: "X" }|publication.yaml:1:28: error: unknown key '"'en'"' [unknown-key]
allow: "Het Huis"|publication.yaml:1:8: error: '"'allow'"' must be a list, e.g. [a, b] [invalid-value]
- title|publication.yaml:1:1: error: publication.yaml holds keys with a Dutch and a French text: title, subtitle, publisher, about, contact, licence (and allow) [invalid-value]'
printf '%s\n' "$cases" | while IFS='|' read -r yaml expected; do
	printf '%s\n' "$yaml" > publication.yaml
	px check
	expect_rc 1
	contains "$out" "$expected"
	contains "$out" "1 note checked: 1 error, 0 warnings"
	# every other command refuses, with the same diagnostic
	px report 2022-2023 -o "$TMPDIR/x.html" --force
	expect_rc 1
	contains "$err" "$expected"
done
# in Dutch and French
printf 'title: { nl: "X" }\n' > publication.yaml
px --lang nl check
contains "$out" "publication.yaml:1:8: fout: 'title' heeft een Franse tekst nodig: title: { nl: ..., fr: ... } [missing-key]"
px --lang fr check
contains "$out" "publication.yaml:1:8: erreur: 'title' a besoin d'un texte français : title: { nl: ..., fr: ... } [missing-key]"
