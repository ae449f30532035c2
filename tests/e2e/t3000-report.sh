# report (the internal evidence version; t3030: the public one): Dutch, French and side by side; every code's label in the
# report's language; the figures equal `praxis stats`; every quote points
# to a note line that holds it; notes are escaped; Chromium and the PDF
# show pages.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-browser.sh"
set -e
git_identity
px init kb
cp -r "$TOP/notes/." kb/
cat > kb/2022-2023/zuid/08.md <<'EOF2'
---
community: zuid
cycle: 2022-2023
session: 8
date: 2023-04-18
lang: nl
author: "M. Lead"
title: "<script>alert(1)</script>"
---

> "Ik <b>durf</b> het niet & zij ook niet <script>alert(2)</script>" #taboe
EOF2
cd kb
px commit
expect_rc 0
out_dir=$TMPDIR/out
mkdir -p "$out_dir"

px report 2022-2023 --audience internal --lang nl,fr -o "$out_dir/r.html"
expect_rc 0
expect_out <<EOF2
wrote $out_dir/r.nl.html
wrote $out_dir/r.fr.html
EOF2
px report 2022-2023 --audience internal --lang both -o "$out_dir/both.html"
expect_rc 0
px report 2022-2023 --audience internal --xml -o "$out_dir/r.xml"
expect_rc 0
xmllint --noout --relaxng "$TOP/schema/report.rng" "$out_dir/r.xml" 2>/dev/null || fail "report data does not validate"

q() { xmllint --html --xpath "$2" "$1" 2>/dev/null || true; }
cb=$TOP/schema/codebook.xml
# every code of the codebook, however many it holds, and stats has each
codes=$(codebook_ids "$cb")
[ "$(printf '%s\n' "$codes" | wc -l)" = "$(xmllint --xpath 'count(//*[local-name()="code"])' "$cb")" ] ||
	fail "codebook_ids"
px stats --cycle 2022-2023 --format json
[ "$(json '.codes[].code')" = "$codes" ] || fail "stats lists other codes than the codebook: $out"
for c in $codes; do
	for l in nl fr; do
		label=$(xmllint --xpath "string(//*[local-name()='code'][@id='$c']/*[local-name()='label'][@lang='$l'])" "$cb")
		section=$(q "$out_dir/r.$l.html" "string(//*[@id='$c'])" | tr -d '\302\255')
		[ -n "$section" ] || fail "no section with id $c in the $l report"
		printf '%s' "$section" | LC_ALL=C.UTF-8 grep -qiF "$label" || fail "$l report lacks the label '$label' of $c"
		both=$(q "$out_dir/both.html" "string(//*[@id='$c'])" | tr -d '\302\255')
		printf '%s' "$both" | LC_ALL=C.UTF-8 grep -qiF "$label" || fail "bilingual report lacks '$label'"
	done
	notes=$(json ".codes[] | select(.code == \"$c\") | .notes")
	raised_nl=$(q "$out_dir/r.nl.html" "string(//*[@id='$c']//*[@class='raised'])" | tr -d '\302\255')
	raised_fr=$(q "$out_dir/r.fr.html" "string(//*[@id='$c']//*[@class='raised'])" | tr -d '\302\255')
	if [ "$notes" -gt 0 ]; then
		contains "$raised_nl" "Aangehaald in $notes "
		contains "$raised_fr" "dans $notes "
	else
		lacks "$raised_nl" "Aangehaald in"
	fi
done

# every quote's source is a real note line that holds the quote (but the
# translations the analysts chose: t4010)
bq="//blockquote[not(contains(@class, 'translated'))]"
n=$(q "$out_dir/r.nl.html" "count($bq)")
[ "$n" -gt 20 ] || fail "only $n quotes"
i=1
while [ "$i" -le "$n" ]; do
	text=$(q "$out_dir/r.nl.html" "string(($bq)[$i]/p)")
	loc=$(q "$out_dir/r.nl.html" "string(($bq)[$i]//*[@class='loc'])")
	file=${loc%:*}
	line=${loc##*:}
	[ -f "$file" ] || fail "quote $i: no note $file"
	words=$(printf '%s' "$text" | tr -d '"«»“”' | awk '{print $1, $2, $3}')
	# a note's own HTML tags are dropped from the quote (doc/check.md)
	sed -n "${line}p" "$file" | sed 's/<[^>]*>//g' | grep -qF "$words" || fail "quote $i: line $loc does not hold '$words'"
	i=$((i + 1))
done

# what the notes say is text
for f in r.nl.html r.fr.html both.html; do
	grep -q '<script>alert' "$out_dir/$f" && fail "unescaped script in $f"
	grep -q '<b>durf' "$out_dir/$f" && fail "unescaped markup in $f"
done
# a note's own HTML is dropped, its text kept and escaped
grep -q 'Ik durf het niet &amp; zij ook niet alert(2)' "$out_dir/r.nl.html" || fail "the quote lost its text"
grep -q '&lt;b&gt;durf\|&lt;script&gt;alert(2)' "$out_dir/r.nl.html" && fail "a note's HTML shown as text"
grep -q '<input' "$out_dir/r.nl.html" && fail "a form control in the report"
grep -q '☐' "$out_dir/r.nl.html" || fail "no open follow-up box"
grep -q '☑' "$out_dir/r.nl.html" || fail "no done follow-up box"
for f in r.nl.html r.fr.html both.html; do
	xmllint --html --noout "$out_dir/$f" 2>"$TMPDIR/lint" || true
	grep 'error' "$TMPDIR/lint" | grep -v 'Tag [a-z]* invalid' | grep -q . && fail "HTML errors in $f: $(grep error "$TMPDIR/lint" | grep -v 'Tag [a-z]* invalid' | head -3)"
done
grep -q '<html lang="nl"' "$out_dir/r.nl.html" || fail "nl report not lang=nl"
grep -q '<html lang="fr"' "$out_dir/r.fr.html" || fail "fr report not lang=fr"

# a browser shows it, and the PDF has pages
shot "file://$out_dir/r.nl.html" "$TMPDIR/report.png"
px report 2022-2023 --audience internal --lang fr -o "$out_dir/p.html" --pdf
expect_rc 0
expect_out <<EOF2
wrote $out_dir/p.html
wrote $out_dir/p.pdf
EOF2
pages=$(pdfinfo "$out_dir/p.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -gt 5 ] || fail "the PDF has $pages pages"
pdftotext "$out_dir/p.pdf" - | grep -q 'Communautés de pratique' || fail "the PDF lacks its title"
pdftoppm -png -r 40 -f 1 -l 1 "$out_dir/p.pdf" "$TMPDIR/page"
[ "$(wc -c < "$TMPDIR/page-01.png")" -gt 5000 ] || fail "the PDF's first page looks blank"

# usage errors
px report 2022-2024
expect_rc 2
expect_err <<'EOF2'
praxis: error: cycle must be two consecutive years as YYYY-YYYY, not '2022-2024'
EOF2
px report 2021-2022
expect_rc 1
expect_err <<'EOF2'
praxis: error: no committed notes for cycle '2021-2022'
EOF2
px report 2022-2023 --lang de
expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--lang' does not take 'de' (choose from nl, fr, nl,fr, both)
EOF2
