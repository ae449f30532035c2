# praxis synthesis writes the analysts' texts with the evidence at hand:
# one heading per chapter, category and code in the codebook's order and
# the file's language (read independently from the codebook with
# xmllint), the counts of the index (read with sqlite3), references that
# name real segments; never over an existing file; --update puts back
# only what is missing, in its place. check checks the texts: one
# language only is a warning naming the section; chosen quotes cite real
# segments, untranslated words are the source's, a follow-up is never
# quoted. The public report quotes them attributed, never with a path.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
cp -r "$TOP/notes/." kb/
rm kb/2022-2023/synthesis.nl.md kb/2022-2023/synthesis.fr.md
cd kb
px commit
expect_rc 0
db=.git/praxis/index.db
cb=$TOP/schema/codebook.xml

px synthesis 2022-2023
expect_rc 0
expect_out <<'EOF2'
wrote 2022-2023/synthesis.nl.md
wrote 2022-2023/synthesis.fr.md
EOF2

# the headings: the codebook's chapters, categories and codes, in order
x() { xmllint --xpath "$1" "$cb"; }
for l in nl fr; do
	: > "$TMPDIR/want"
	nch=$(x 'count(//*[local-name()="chapter"])')
	[ "$nch" -gt 0 ] || fail "the default codebook has no chapters"
	c=1
	while [ "$c" -le "$nch" ]; do
		ch="(//*[local-name()='chapter'])[$c]"
		printf '# %s\n' "$(x "string($ch/*[local-name()='label'][@lang='$l'])")" >> "$TMPDIR/want"
		ncat=$(x "count($ch/*[local-name()='category'])")
		k=1
		while [ "$k" -le "$ncat" ]; do
			cat="$ch/*[local-name()='category'][$k]"
			printf '## %s\n' "$(x "string($cat/*[local-name()='label'][@lang='$l'])")" >> "$TMPDIR/want"
			ncode=$(x "count($cat/*[local-name()='code'])")
			i=1
			while [ "$i" -le "$ncode" ]; do
				printf '### %s\n' "$(x "string($cat/*[local-name()='code'][$i]/*[local-name()='label'][@lang='$l'])")" >> "$TMPDIR/want"
				i=$((i + 1))
			done
			k=$((k + 1))
		done
		c=$((c + 1))
	done
	LC_ALL=C.UTF-8 sed -i 's/^\(#* \)\(.\)/\1\U\2/' "$TMPDIR/want"
	grep '^#' "2022-2023/synthesis.$l.md" > "$TMPDIR/got"
	test_cmp "$TMPDIR/want" "$TMPDIR/got"
done
[ "$(grep -c '^### ' "$TMPDIR/got")" = "$(x 'count(//*[local-name()="code"])')" ] || fail "not every code"

# the evidence of a code: its segments and notes by community, as the
# index holds them
ev=$(sed -n '/^### Tijd$/,/^-->$/p' 2022-2023/synthesis.nl.md)
segs=$(sqlite3 "$db" "SELECT count(*) FROM coded_segments WHERE code = 'resource.time' AND cycle = '2022-2023'")
notes=$(sqlite3 "$db" "SELECT count(DISTINCT note) FROM coded_segments WHERE code = 'resource.time' AND cycle = '2022-2023'")
[ "$segs" -gt 5 ] || fail "too few segments coded resource.time"
by=$(sqlite3 "$db" "SELECT community, count(*) FROM coded_segments WHERE code = 'resource.time'
	AND cycle = '2022-2023' GROUP BY community ORDER BY community" |
	sed 's/^centrum|/PG Centrum /; s/^noord-oost|/PG Noord-Oost /; s/^zuid|/PG Zuid /; s/^zuid-oost|/PG Zuid-Oost /' |
	paste -sd, - | sed 's/,/, /g')
contains "$ev" "fragmenten: $segs in $notes notities; per gemeenschap: $by"
sessions=$(sqlite3 "$db" "SELECT DISTINCT session FROM coded_segments WHERE code = 'resource.time'
	AND cycle = '2022-2023' ORDER BY session" | paste -sd, - | sed 's/,/, /g')
contains "$ev" "sessies: $sessions"
# every reference of the evidence is a segment coded with its code
refs=0
for l in nl fr; do
	awk '/^### /{h=$0} /^- \[quote: /{print h "|" $0}' "2022-2023/synthesis.$l.md" > "$TMPDIR/refs"
	while IFS='|' read -r _head ref; do
		path=$(printf '%s' "$ref" | sed 's/^- \[quote: \([^]:]*\):\([0-9]*\)\].*/\1/')
		line=$(printf '%s' "$ref" | sed 's/^- \[quote: \([^]:]*\):\([0-9]*\)\].*/\2/')
		hit=$(sqlite3 "$db" "SELECT count(*) FROM coded_segments WHERE path = '$path' AND line = $line")
		[ "$hit" -gt 0 ] || fail "$l: $ref names no segment"
		refs=$((refs + 1))
	done < "$TMPDIR/refs"
done
[ "$refs" -gt 50 ] || fail "only $refs references"

# the skeletons check clean
px check 2022-2023/synthesis.nl.md 2022-2023/synthesis.fr.md
expect_rc 0
expect_out <<'EOF2'
2 notes checked: 0 errors, 0 warnings
EOF2

# never over an existing file
cp 2022-2023/synthesis.nl.md "$TMPDIR/skeleton.nl"
cp 2022-2023/synthesis.fr.md "$TMPDIR/skeleton.fr"
printf 'Onze inleiding.\n' >> 2022-2023/synthesis.nl.md
cp 2022-2023/synthesis.nl.md "$TMPDIR/written.nl"
px synthesis 2022-2023
expect_rc 0
expect_out <<'EOF2'
2022-2023/synthesis.nl.md exists: kept as it is (--update adds the headings it lacks)
2022-2023/synthesis.fr.md exists: kept as it is (--update adds the headings it lacks)
EOF2
cmp -s 2022-2023/synthesis.nl.md "$TMPDIR/written.nl" || fail "synthesis changed an existing file"

# --update: a code's section taken out comes back in its place, with its
# evidence, and the rest stays as written
cp "$TMPDIR/skeleton.nl" 2022-2023/synthesis.nl.md
awk '/^### Vertrouwen$/{skip=1} skip && /^### /&&!/Vertrouwen/{skip=0} !skip' "$TMPDIR/skeleton.nl" |
	sed 's/^## Hulpmiddelen$/## Hulpmiddelen\n\nDe analisten schreven dit./' > 2022-2023/synthesis.nl.md
grep -q '^### Vertrouwen' 2022-2023/synthesis.nl.md && fail "the section was not taken out"
px synthesis 2022-2023 --update
expect_rc 0
expect_out <<'EOF2'
2022-2023/synthesis.nl.md: 1 heading added
2022-2023/synthesis.fr.md has every heading: nothing to add
EOF2
sed 's/^## Hulpmiddelen$/## Hulpmiddelen\n\nDe analisten schreven dit./' "$TMPDIR/skeleton.nl" > "$TMPDIR/want"
test_cmp "$TMPDIR/want" 2022-2023/synthesis.nl.md
cmp -s 2022-2023/synthesis.fr.md "$TMPDIR/skeleton.fr" || fail "--update changed a complete file"
px synthesis 2022-2023 --update
expect_out <<'EOF2'
2022-2023/synthesis.nl.md has every heading: nothing to add
2022-2023/synthesis.fr.md has every heading: nothing to add
EOF2

# a section with text in one language only: a warning naming it, in the
# file that has the text
h=$(grep -n '^## Hulpmiddelen$' 2022-2023/synthesis.nl.md | cut -d: -f1)
px check 2022-2023/synthesis.nl.md 2022-2023/synthesis.fr.md
expect_rc 0
expect_out <<EOF2
2022-2023/synthesis.nl.md:$h:1: warning: section 'Hulpmiddelen' (resource) has text here but none in '2022-2023/synthesis.fr.md' [one-language]
2 notes checked: 0 errors, 1 warning
EOF2
sed -i 's/^## Ressources$/## Ressources\n\nLes analystes ont écrit ceci./' 2022-2023/synthesis.fr.md
px check 2022-2023/synthesis.nl.md 2022-2023/synthesis.fr.md
expect_out <<'EOF2'
2 notes checked: 0 errors, 0 warnings
EOF2

# chosen quotes, each case as the quote is written | what check says of it
q=$((h + 4)) # the heading, a blank line, the text, a blank line, the quote
seg=$(sqlite3 "$db" "SELECT path || ':' || line FROM note_segments WHERE path = '2022-2023/zuid/04.md' AND kind = 'quote' ORDER BY line LIMIT 1")
[ "$seg" = "2022-2023/zuid/04.md:28" ] || fail "the demo's note changed: $seg"
fu=$(sqlite3 "$db" "SELECT path || ':' || line FROM note_segments WHERE path = '2022-2023/zuid/04.md' AND task IS NOT NULL ORDER BY line LIMIT 1")
[ -n "$fu" ] || fail "no follow-up in the demo's note"
cases="> \"Ik heb een jaar gewerkt om haar vertrouwen te winnen … ik wegga.\" [quote: $seg]|
> J'ai travaillé un an pour gagner sa confiance. [quote: $seg, translated]|
> Ik heb twee jaar gewerkt. [quote: $seg]|2022-2023/synthesis.nl.md:$q:1: error: the quote's words are not those of '$seg': quote them as written, or mark a translation with ', translated' [quote-mismatch]
> Je kan een relatie niet overhandigen zoals een dossier. [quote: $seg]|2022-2023/synthesis.nl.md:$q:1: error: the quote's words are not those of '$seg': quote them as written, or mark a translation with ', translated' [quote-mismatch]
      = the words are at line 38 now
> Bellen. [quote: $fu, translated]|2022-2023/synthesis.nl.md:$q:1: error: the quote cites a follow-up ('$fu'), which is never published [quote-reference]
> Iets. [quote: 2022-2023/zuid/04.md:2]|2022-2023/synthesis.nl.md:$q:1: error: the quote cites line 2 of '2022-2023/zuid/04.md', where no segment is [quote-reference]
> Iets. [quote: 2022-2023/zuid/99.md:2]|2022-2023/synthesis.nl.md:$q:1: error: the quote cites '2022-2023/zuid/99.md', which is not a note of this knowledge base [quote-reference]
> Iets. [quote: ../../etc/passwd:1]|2022-2023/synthesis.nl.md:$q:1: error: the quote cites '../../etc/passwd', which is not a note of this knowledge base [quote-reference]
> Iets zonder verwijzing.|2022-2023/synthesis.nl.md:$q:1: error: a quote in a synthesis text ends with the segment it cites: [quote: PATH:LINE], or [quote: PATH:LINE, translated] for a translation [quote-reference]
> Iets. [quote: $seg, vertaald]|2022-2023/synthesis.nl.md:$q:1: error: a quote in a synthesis text ends with the segment it cites: [quote: PATH:LINE], or [quote: PATH:LINE, translated] for a translation [quote-reference]"
cp 2022-2023/synthesis.nl.md "$TMPDIR/base.nl"
printf '%s\n' "$cases" | while IFS='|' read -r quote expected; do
	sed "s|^De analisten schreven dit.\$|De analisten schreven dit.\n\n$(printf '%s' "$quote" | sed 's/[&|]/\\&/g')|" "$TMPDIR/base.nl" > 2022-2023/synthesis.nl.md
	[ "$(sed -n "${q}p" 2022-2023/synthesis.nl.md)" = "$quote" ] || fail "the quote is not at line $q"
	px check 2022-2023/synthesis.nl.md
	if [ -z "$expected" ]; then
		expect_rc 0
		expect_out <<'EOF2'
1 note checked: 0 errors, 0 warnings
EOF2
	else
		expect_rc 1
		printf '%s\n' "$expected" | while IFS= read -r want; do contains "$out" "$want"; done
		contains "$out" "1 note checked: 1 error, 0 warnings"
		# and commit refuses it
		px commit 2022-2023/synthesis.nl.md
		expect_rc 1
	fi
done

# the public report quotes the chosen words, attributed, never a path
sed "s|^De analisten schreven dit.\$|De analisten schreven dit.\n\n> \"Ik heb een jaar gewerkt om haar vertrouwen te winnen … ik wegga.\" [quote: $seg]|" "$TMPDIR/base.nl" > 2022-2023/synthesis.nl.md
sed -i "s|^Les analystes ont écrit ceci.\$|Les analystes ont écrit ceci.\n\n> J'ai travaillé un an pour gagner sa confiance. [quote: $seg, translated]|" 2022-2023/synthesis.fr.md
px commit
expect_rc 0
for l in nl fr; do
	px report 2022-2023 --lang $l -o "$TMPDIR/r.$l.html"
	expect_rc 0
	# (dates have a no-break space)
	out=$(xmllint --html --xpath '//blockquote' "$TMPDIR/r.$l.html" 2>/dev/null | sed 's/\xc2\xa0/ /g')
	case $l in
	nl) want='<blockquote lang="nl" class="quote chosen"><p>Ik heb een jaar gewerkt om haar vertrouwen te winnen … ik wegga.</p><footer lang="nl"><cite>PG Zuid, sessie 4, 6 december 2022</cite></footer></blockquote>' ;;
	fr) want='<blockquote lang="fr" class="quote chosen translated"><p>J'"'"'ai travaillé un an pour gagner sa confiance.</p><footer lang="fr"><cite>CdP Sud, séance 4, 6 décembre 2022</cite> <span class="lang-note">(traduit du néerlandais)</span></footer></blockquote>' ;;
	esac
	[ "$out" = "$want" ] || fail "$l quotes: $out"
done
