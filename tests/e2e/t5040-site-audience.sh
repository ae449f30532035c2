# site audiences: for every note of a fixture (the demo plus notes with
# names, addresses, phone numbers and follow-ups), no page of the public
# site (the default) holds a sentence of a note's text (every segment of
# the index, read with sqlite3), a follow-up, a note's path, title or
# summary, an author's or a moderator's name, or a code id shown to the
# reader; the internal site still holds them all and says "internal" on
# every page in both languages.
. "$TOP/tests/e2e/lib.sh"
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
author: "Fatima Zahra Idrissi"
moderators: ["Bart De Smet", "Nadia Vanhove"]
allow: ["0470 12 34 56"]
title: "Mevrouw Janssens en haar buren"
summary: "Over mevrouw Janssens uit de Kerkstraat en haar zoon Pieter."
---

## Casus

Mevrouw Janssens woont alleen in de Kerkstraat 12 in Sint-Gillis. Haar zoon Pieter belt haar elke week op 0470 12 34 56 maar komt nooit langs. #tijd #mantelzorgers

> "Ik wil niet dat de buren weten dat ik hulp krijg." #vertrouwensband

## Opvolging

- [ ] Mevrouw Janssens aanmelden bij het OCMW van Sint-Gillis voor een huisbezoek
- [x] Dokter Verbeke bellen over de medicatie van meneer Pauwels
EOF2
cat > kb/2022-2023/centrum/08.md <<'EOF2'
---
community: centrum
cycle: 2022-2023
session: 8
date: 2023-04-20
lang: fr
author: "Jean-Marc Lefèvre"
moderators: ["Sophie Dubois"]
title: "Monsieur Diallo et son logement"
---

## Cas

Monsieur Diallo habite rue Haute 45 à Bruxelles avec ses trois enfants depuis l'expulsion. Sa voisine Madame Leroy l'aide pour les papiers du CPAS. #temps

## Suivis

- [ ] Contacter l'assistante sociale de Monsieur Diallo au CPAS de Bruxelles avant vendredi
EOF2
cd kb
px commit --author "Test <t@example.org>"
expect_rc 0
px site -o ../pub
expect_rc 0
px site -o ../int --audience internal
expect_rc 0
px site -o ../x --audience everyone
expect_rc 2
db=.git/praxis/index.db
cd ..

# the text of each site: one line per page, tags (and the search box's
# script) removed, entities decoded, spaces squeezed
site_text() {
	find "$1" -name '*.html' | sort | while read -r f; do
		tr '\n' ' ' < "$f" | sed 's/<script[^>]*>[^<]*<\/script>//g; s/<[^>]*>/ /g;
			s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' | tr -s ' '
		echo
	done
}
site_text pub > pub.txt
site_text int > int.txt
cat $(find pub -name '*.html') > pub.html
cat $(find int -name '*.html') > int.html
[ "$(wc -l < pub.txt)" -gt 40 ] || fail "the public site has too few pages"

# every segment of every note, without its hashtags, spaces squeezed
sqlite3 kb/$db "SELECT replace(text, char(10), ' ') FROM segments ORDER BY id" |
	sed 's/#[^ ]*//g' | tr -s ' ' | sed 's/^ //; s/ $//' > segments.txt
nseg=$(wc -l < segments.txt)
[ "$nseg" -gt 300 ] || fail "only $nseg segments"
sqlite3 kb/$db "SELECT count(*) FROM segments WHERE task IS NOT NULL" | grep -qv '^0$' || fail "no follow-ups in the fixture"
# its sentences of 20 characters or more
sed 's/\([.!?]"*\) /\1\n/g' segments.txt | sed 's/^ *//' | awk 'length($0) >= 20' | sort -u > sentences.txt
[ "$(wc -l < sentences.txt)" -gt "$nseg" ] || fail "too few sentences"

# public: not one sentence
if grep -o -F -f sentences.txt pub.txt > leaked.txt; then
	fail "$(sort -u leaked.txt | wc -l) sentences of notes on public pages, e.g. $(head -3 leaked.txt)"
fi
# no path, title, summary, author or moderator, in the text or the markup
sqlite3 kb/$db "SELECT path FROM notes UNION SELECT substr(path, 1, length(path) - 3) FROM notes
	UNION SELECT title FROM notes WHERE title != '' UNION SELECT summary FROM notes WHERE summary != ''
	UNION SELECT author FROM notes UNION SELECT name FROM note_moderators" > private.txt
sed -n 's/^ *moderators: \[\(.*\)\]/\1/p' kb/communities.yaml | tr ',' '\n' | sed 's/^ *"//; s/" *$//' >> private.txt
grep -q 'Fatima Zahra Idrissi' private.txt && grep -q 'Sophie Dubois' private.txt &&
	grep -q 'Sofie Claes' private.txt || fail "the fixture's names are not all in the list"
[ "$(wc -l < private.txt)" -gt 60 ] || fail "too few private strings"
if grep -o -F -f private.txt pub.html > leaked.txt; then
	fail "private details on public pages: $(sort -u leaked.txt | head -5)"
fi
grep -q '\.md:[0-9]' pub.html && fail "a line reference on a public page"
# no code id shown to the reader (ids stay in the URLs of code pages)
codebook_ids | sed 's/^/#/' > ids.txt
codebook_ids | grep '\.' >> ids.txt
if grep -o -F -f ids.txt pub.txt > leaked.txt; then
	fail "code ids shown on public pages: $(sort -u leaked.txt | head -5)"
fi
# no page made of notes
[ ! -e pub/notes ] || fail "public note pages"
[ ! -e pub/reports ] || fail "public reports (the public report is not there yet)"
[ -z "$(find pub -name '*.brief.*')" ] || fail "public briefs"
grep -q 'Intern document\|Document interne' pub.txt && fail "the public site says internal"
# what it shows: counts, sessions by date and number, labels
grep -q -F ' PG Zuid 7 Aangehaald in 7 sessies 2022-2023 #1 · 2022-09-27 · 1 segment 2022-2023 #2 · 2022-10-18 · 1 segment ' pub.txt ||
	fail "the public code page lacks its sessions"

# internal: every segment, path, author and moderator is there
missing=0
while IFS= read -r s; do
	[ -n "$s" ] || continue
	grep -q -F -- "$s" int.txt || { missing=$((missing + 1)); echo "missing: $s" >&2; }
done < segments.txt
[ "$missing" = 0 ] || fail "$missing segments missing from the internal site"
# (a note's own moderators are not shown on today's internal site)
sqlite3 kb/$db "SELECT name FROM note_moderators" > note-moderators.txt
grep -v -x -F -f note-moderators.txt private.txt > shown.txt
[ "$(wc -l < shown.txt)" -gt 60 ] || fail "too few private strings to find"
while IFS= read -r s; do
	grep -q -F -- "$s" int.html || fail "'$s' missing from the internal site"
done < shown.txt
# "internal" on every page, in its language (the reports are the report's)
for f in $(find int -name '*.nl.html' ! -path 'int/reports/*'); do
	grep -q 'Intern document: niet publiceren' "$f" || fail "$f does not say it is internal"
done
for f in $(find int -name '*.fr.html' ! -path 'int/reports/*'); do
	grep -q 'Document interne : ne pas publier' "$f" || fail "$f does not say it is internal"
done
[ -f int/notes/2022-2023/zuid/08.nl.html ] || fail "no note page in the internal site"
