# report --audience: the public report (the default) holds none of the
# notes' personal details, for every note of the demo plus a fixture
# with names, follow-ups and a named title: no segment's text (the index
# read with sqlite3, every segment of every note) but the quotes the
# analysts chose in the synthesis texts, no session title, no note path,
# no author, no moderator (the notes' and communities.yaml's), no code
# id, in the HTML (its text and its source) and the PDF text of nl, fr
# and both; its quotes are exactly the chosen ones. The internal report
# is the evidence version and says so on every page, in its languages.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
cp -r "$TOP/notes/." kb/
cat > kb/2022-2023/zuid/09.md <<'EOF2'
---
community: zuid
cycle: 2022-2023
session: 9
date: 2023-05-16
lang: nl
author: "Griet Vanhoorebeke"
moderators: ["Jozefien Uyttendaele", "Mustafa Oubelkacem"]
title: "Casus van mevrouw Verstraeten-Pieters"
---

## Casus

Een deelnemer bracht de situatie van een oudere vrouw in, alleen na een
ziekenhuisopname, zonder familie in de buurt. #ziekenhuis #samenwerking

> "Ik weet niet meer bij wie ik nog kan aankloppen voor haar." #emotionele-last

## Opvolging

- [ ] Zaakvoerder Dirkjan Hoogstraten bellen over de thuisverpleging #ziekenhuis
- [x] Het OCMW-dossier doorsturen naar de sociale dienst van het ziekenhuis
EOF2
cd kb
px commit --author "Griet Vanhoorebeke <griet@example.org>"
expect_rc 0
o=$TMPDIR/out
mkdir -p "$o"
db=.git/praxis/index.db
[ -f "$db" ] || fail "no index at $db"

# letters and digits only, one line: what a text says, however the
# report wraps, hyphenates, quotes or marks it up
only_words() { LC_ALL=C.UTF-8 sed -e 's/#[^[:space:]]*//g' -e 's/[^[:alnum:]]//g' | tr -d '\n'; }

# the segments the analysts chose to quote: > ... [quote: PATH:LINE] in
# the synthesis texts, LINE any line of the segment (the evidence in
# comments is not chosen)
grep -h '^> ' 2022-2023/synthesis.nl.md 2022-2023/synthesis.fr.md | grep -o '\[quote: [^]]*\]' |
	grep -v ', translated\]' | sed 's/^\[quote: \(.*\):\([0-9]*\)\]$/\1 \2/' | sort -u |
	while read -r path line; do
		sqlite3 "$db" "SELECT s.id FROM segments s JOIN notes n ON n.id = s.note
			WHERE n.path = '$path' AND $line BETWEEN s.line AND s.last_line"
	done | sort -u > "$TMPDIR/chosen"
[ "$(wc -l < "$TMPDIR/chosen")" -gt 5 ] || fail "the demo's synthesis chooses too few quotes"

# what must never be public, one a line, as only_words makes it:
# every segment's and title's text (long enough to be itself) but the
# chosen quotes, every path and author; every moderator's name; the code ids
: > "$TMPDIR/private"
sqlite3 -separator '' "$db" "SELECT id FROM segments" | grep -v -x -F -f "$TMPDIR/chosen" > "$TMPDIR/ids"
[ "$(wc -l < "$TMPDIR/ids")" -gt 400 ] || fail "the index holds too few segments"
while read -r id; do
	t=$(sqlite3 "$db" "SELECT text FROM segments WHERE id = $id" | only_words)
	[ "${#t}" -ge 24 ] && printf '%s\n' "$t" >> "$TMPDIR/private"
done < "$TMPDIR/ids"
sqlite3 "$db" "SELECT title FROM notes WHERE title IS NOT NULL AND length(title) >= 12" |
	while IFS= read -r t; do printf '%s\n' "$t" | only_words; echo; done >> "$TMPDIR/private"
grep -q '^Casusvanmevrouw' "$TMPDIR/private" || fail "the fixture's title is not among the private texts"
grep -q 'DirkjanHoogstraten' "$TMPDIR/private" || fail "the fixture's follow-up is not among the private texts"
# names and paths: as written (in the HTML source) and as words (in texts)
{
	sqlite3 "$db" "SELECT path FROM notes; SELECT DISTINCT author FROM notes WHERE author != '';
		SELECT DISTINCT name FROM note_moderators"
	sed -n 's/^ *moderators: *\[\(.*\)\].*/\1/p' communities.yaml | tr ',' '\n' | sed 's/^ *"//; s/" *$//'
} | grep . | sort -u > "$TMPDIR/names"
grep -qx 'Jozefien Uyttendaele' "$TMPDIR/names" || fail "moderators not read"
grep -qx 'Sofie Claes' "$TMPDIR/names" || fail "communities.yaml's moderators not read"
grep -qx '2022-2023/zuid/09.md' "$TMPDIR/names" || fail "paths not read"
while IFS= read -r t; do printf '%s\n' "$t" | only_words; echo; done < "$TMPDIR/names" >> "$TMPDIR/private"
codebook_ids > "$TMPDIR/codes"

# check WHAT FILE [IDS]: FILE's text (what a reader sees) holds nothing
# private; the code ids are looked for in IDS (default FILE), a text
# where elements do not run into each other
check_text() {
	ids=${3:-$2}
	only_words < "$2" > "$TMPDIR/words"
	if grep -o -F -f "$TMPDIR/private" "$TMPDIR/words" > "$TMPDIR/found"; then
		fail "the public $1 shows private text: $(head -3 "$TMPDIR/found")"
	fi
	# a code id, however the text runs into it (an element's text is
	# joined to the next one's), not part of a longer word after it
	while read -r c; do
		if LC_ALL=C.UTF-8 grep -q -E "$(printf '%s' "$c" | sed 's/\./\\./g')([^[:alnum:]-]|$)" "$ids"; then
			fail "the public $1 shows the code id $c"
		fi
	done < "$TMPDIR/codes"
}
html_text() { xmllint --html --xpath 'string(/html/body)' "$1" 2>/dev/null; }
# the body with every tag (and so every attribute) a space
html_spaced() { sed -n '/<body/,$p' "$1" | sed 's/<[^>]*>/ /g'; }

# the default is public; the same as --audience public
px report 2022-2023 --lang nl,fr -o "$o/def.html"
expect_rc 0
px report 2022-2023 --lang nl,fr --audience public -o "$o/pub.html"
expect_rc 0
cmp "$o/def.nl.html" "$o/pub.nl.html" || fail "the default is not the public report"
px report 2022-2023 --lang both -o "$o/pub.both.html" --pdf
expect_rc 0
px report 2022-2023 --lang nl --audience public -o "$o/pub1.html"
expect_rc 0
px report 2022-2023 --xml -o "$o/pub.xml"
expect_rc 0
xmllint --noout --relaxng "$TOP/schema/report.rng" "$o/pub.xml" 2>/dev/null || fail "public data does not validate"
for f in pub.nl pub.fr pub.both; do
	html_text "$o/$f.html" > "$TMPDIR/$f.txt"
	[ "$(wc -c < "$TMPDIR/$f.txt")" -gt 5000 ] || fail "$f.html has little text"
	html_spaced "$o/$f.html" > "$TMPDIR/$f.spaced"
	check_text "$f.html" "$TMPDIR/$f.txt" "$TMPDIR/$f.spaced"
	# its quotes are the chosen ones: as many as the synthesis texts cite
	case $f in
	pub.nl) want=$(grep -c '^> .*\[quote: ' 2022-2023/synthesis.nl.md) ;;
	pub.fr) want=$(grep -c '^> .*\[quote: ' 2022-2023/synthesis.fr.md) ;;
	pub.both) want=$(cat 2022-2023/synthesis.nl.md 2022-2023/synthesis.fr.md | grep -c '^> .*\[quote: ') ;;
	esac
	got=$(xmllint --html --xpath 'count(//blockquote)' "$o/$f.html" 2>/dev/null)
	[ "$got" = "$want" ] || fail "$f.html has $got quotes, the analysts chose $want"
	# the source too: no path or name in any attribute, title or script
	while IFS= read -r t; do
		if grep -q -F -- "$t" "$o/$f.html"; then fail "$f.html holds '$t'"; fi
	done < "$TMPDIR/names"
done
# the data itself: its texts and every value
xmllint --xpath 'string(/)' "$o/pub.xml" > "$TMPDIR/pub.xml.txt"
check_text "report data" "$TMPDIR/pub.xml.txt"
while IFS= read -r t; do
	if grep -q -F -- "$t" "$o/pub.xml"; then fail "the public report data holds '$t'"; fi
done < "$TMPDIR/names"
for f in pub.both; do
	pdftotext -layout "$o/$f.pdf" "$TMPDIR/$f.pdf.txt"
	[ "$(wc -c < "$TMPDIR/$f.pdf.txt")" -gt 5000 ] || fail "$f.pdf has little text"
	check_text "$f.pdf" "$TMPDIR/$f.pdf.txt"
	if only_words < "$TMPDIR/$f.pdf.txt" | tr 'A-Z' 'a-z' | grep -q -e interndocument -e documentinterne; then
		fail "the public $f.pdf says it is internal"
	fi
done

# the figures close the public report, unless --no-figures; the prose
# stays the same
for l in nl fr; do
	[ "$(xmllint --html --xpath 'count(//main/section[@id="figures"])' "$o/pub.$l.html" 2>/dev/null)" = 1 ] ||
		fail "no figures in pub.$l.html"
	[ "$(xmllint --html --xpath 'string(//main/section[last()]/@id)' "$o/pub.$l.html" 2>/dev/null)" = figures ] ||
		fail "the figures do not close pub.$l.html"
done
px report 2022-2023 --lang nl --no-figures -o "$o/nofig.html"
expect_rc 0
[ "$(xmllint --html --xpath 'count(//*[@id="figures"] | //svg)' "$o/nofig.html" 2>/dev/null)" = 0 ] ||
	fail "--no-figures left figures"
for id in $(xmllint --html --xpath '//main/section[@id != "figures"]/@id' "$o/pub.nl.html" 2>/dev/null | sed 's/ id="\([^"]*\)"/\1 /g'); do
	a=$(xmllint --html --xpath "string(//section[@id='$id'])" "$o/pub.nl.html" 2>/dev/null)
	b=$(xmllint --html --xpath "string(//section[@id='$id'])" "$o/nofig.html" 2>/dev/null)
	[ -n "$a" ] && [ "$a" = "$b" ] || fail "--no-figures changed section $id"
done

# internal: the evidence (paths, follow-ups, quotes, moderators, code ids)
# and, on every page, that it is internal, in each language shown
px report 2022-2023 --lang nl --audience internal -o "$o/int.html" --pdf
expect_rc 0
px report 2022-2023 --lang both --audience internal -o "$o/int.both.html" --pdf
expect_rc 0
html_text "$o/int.html" > "$TMPDIR/int.txt"
for t in '2022-2023/zuid/09.md:' 'Dirkjan Hoogstraten bellen' 'Sofie Claes' 'resource.time' \
	'Ik weet niet meer bij wie ik nog kan aankloppen voor haar.'; do
	grep -q -F -- "$t" "$TMPDIR/int.txt" || fail "the internal report lacks '$t'"
done
check_pages() {
	pages=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
	[ "$pages" -gt 5 ] || fail "$1 has only $pages pages"
	p=1
	while [ "$p" -le "$pages" ]; do
		t=$(pdftotext -f "$p" -l "$p" "$1" - | only_words | tr 'A-Z' 'a-z')
		for want in $2; do
			case $want in
			nl) contains "$t" "interndocumentnietpubliceren" ;;
			fr) contains "$t" "documentinternenepaspublier" ;;
			esac
		done
		p=$((p + 1))
	done
}
check_pages "$o/int.pdf" nl
check_pages "$o/int.both.pdf" "nl fr"

# a bad audience is a usage error naming the choices
px report 2022-2023 --audience everyone
expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--audience' does not take 'everyone' (choose from public, internal)
EOF2
