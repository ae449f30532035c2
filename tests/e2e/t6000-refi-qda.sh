# REFI-QDA (doc/refi-qda.md): the exported codebook (QDC) and project
# (QDPX) validate against the official schemas; every coded segment's
# selection, cut out of sources/GUID.txt by code points, is the segment's
# text in the index (accents, emoji, NFD, CRLF note); codings = (segment,
# code) pairs in the index (sqlite3); GUIDs are version 5 UUIDs (checked
# with Perl's SHA-1) and the same in every export; export, import, export
# gives the same file; bad imports get one error and write nothing.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
REF=$TOP/tests/e2e/refi-qda
valid() { # valid XSD FILE
	xmllint --noout --nonet --schema "$REF/$1" "$2" 2>"$TMPDIR/xsd" ||
		fail "$2 does not validate against $1: $(cat "$TMPDIR/xsd")"
}
base=$PWD
demo_kb kb
# a note with accents, NFD, emoji (astral, ZWJ), CRLF line ends, markup,
# a table row, a quote and follow-ups
printf -- '---\ncommunity: zuid\ncycle: 2022-2023\nsession: 11\ndate: 2023-05-02\nlang: nl\nauthor: "M. Lead"\nmethods: [intervisie]\ntitle: "Crème brûlée 🍮"\n---\n\n## Één — begin 👩‍⚕️\n\nDe *coördinatie* met het **ziekenhuis** liep mis 😟 #coordinatie\nen dat was zwaar. #emotionele-last\n\n- Een item met e\314\201 (NFD) en 𝔘 #tijd\n- [ ] Bellen naar de huisarts #coordinatie\n- [x] Verslag doorsturen\n\n> "Ça va être dur", zei ze. #emotionele-last #tijd\n\n| wie | wat |\n| --- | --- |\n| Zoë | naïef 🙂 #tijd |\n\nEerste regel  \ntweede regel met [een link](https://example.org) en `code` #openheid\n' |
	sed 's/$/\r/' > 2022-2023/zuid/11.md
px commit --author "Test <t@example.org>"
expect_rc 0
db=.git/praxis/index.db

# ---- QDC: valid in both languages, names in the chosen one
for l in nl fr; do
	px export --format qdc --label-lang $l -o "$base/cb.$l.qdc"
	expect_rc 0
	valid Codebook.xsd "$base/cb.$l.qdc"
done
expect_err <<'EOF'
what REFI-QDA cannot carry (REFI-QDA 1.5, sections 6 and 7):
  - a code has one name, its 'fr' label; both languages' labels and descriptions, its aliases and its praxis id are in its Description
  - the session methods are not codes: a codebook file leaves them out
EOF
name() { xmllint --xpath "string(//*[local-name()='Code'][@guid='$2']/@name)" "$1"; }
# the GUID of code:resource.time, computed here independently (RFC 4122
# version 5: SHA-1 of the namespace's bytes and the name)
v5() {
	perl -MDigest::SHA=sha1 -e '
		my $ns = pack("H*", "a5692344a9364292b1887ab9be219618");
		my @b = unpack("C16", substr(sha1($ns . $ARGV[0]), 0, 16));
		$b[6] = ($b[6] & 0x0f) | 0x50; $b[8] = ($b[8] & 0x3f) | 0x80;
		my $h = uc unpack("H*", pack("C16", @b));
		print join("-", substr($h,0,8), substr($h,8,4), substr($h,12,4), substr($h,16,4), substr($h,20));
	' "$1"
}
g=$(v5 code:resource.time)
[ "$(name "$base/cb.nl.qdc" "$g")" = tijd ] || fail "code:resource.time is not $g in the nl codebook"
[ "$(name "$base/cb.fr.qdc" "$g")" = temps ] || fail "code:resource.time is not $g in the fr codebook"
# every code and category of the codebook, once, nested: categories are
# not codable, codes are
n_codes=$(codebook_ids | wc -l)
n_cats=$(xmllint --xpath 'count(//*[local-name()="category"])' "$TOP/schema/codebook.xml")
[ "$(xmllint --xpath 'count(//*[local-name()="Code"][@isCodable="true"])' "$base/cb.nl.qdc")" = "$n_codes" ] ||
	fail "not every code is in the QDC"
[ "$(xmllint --xpath 'count(/*/*/*[local-name()="Code"][@isCodable="false"])' "$base/cb.nl.qdc")" = "$n_cats" ] ||
	fail "not every category is a top-level code"
lacks "$(cat "$base/cb.nl.qdc")" "<Sets"

# ---- QDPX: a ZIP with project.qde at the root and sources/
px export --format qdpx -o "$base/p.qdpx"
expect_rc 0
unzip -Z1 "$base/p.qdpx" | grep -v '^sources/.' > "$base/entries"
printf 'project.qde\nsources/\n' > "$base/want"
test_cmp "$base/want" "$base/entries"
mkdir "$base/x"
(cd "$base/x" && unzip -q "$base/p.qdpx")
valid Project.xsd "$base/x/project.qde"
nsel=$(sqlite3 $db 'SELECT count(DISTINCT segment) FROM segment_codes')
ncod=$(sqlite3 $db 'SELECT count(*) FROM segment_codes')
nnotes=$(sqlite3 $db 'SELECT count(*) FROM notes')
expect_err <<EOF
what REFI-QDA cannot carry (REFI-QDA 1.5, sections 6 and 7):
  - a code has one name, its 'nl' label; both languages' labels and descriptions, its aliases and its praxis id are in its Description
  - a note's methods and themes are text variables of its source (ids separated by spaces), not codes
  - a source is the note's plain text: paragraphs, items, rows and quotes under their headings; Markdown markup, link addresses and other blocks are left out
  - the names of authors and moderators are left out (personal data)
wrote $base/p.qdpx (sources: $nnotes, coded segments: $nsel, codings: $ncod, cases: 4, notes: $(($(sqlite3 $db 'SELECT count(*) FROM segments WHERE task IS NOT NULL') + 2)))
EOF
# every reference (CodeRef, SourceRef, NoteRef, VariableRef) names an
# element of the project, and no two elements share a GUID
xsltproc - "$base/x/project.qde" > "$base/refs" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text"/>
<xsl:key name="guid" match="*[@guid]" use="@guid"/>
<xsl:template match="/">
<xsl:for-each select="//*[@targetGUID][count(key('guid', @targetGUID)) != 1]">
<xsl:value-of select="concat('dangling ', local-name(), ' ', @targetGUID, '&#10;')"/></xsl:for-each>
<xsl:for-each select="//*[@guid][count(key('guid', @guid)) != 1]">
<xsl:value-of select="concat('shared ', local-name(), ' ', @guid, '&#10;')"/></xsl:for-each>
<xsl:value-of select="concat(count(//*[@targetGUID]), ' references&#10;')"/>
</xsl:template></xsl:stylesheet>
XSL
grep -q '^[1-9][0-9]* references$' "$base/refs" || fail "no references: $(cat "$base/refs")"
[ "$(wc -l < "$base/refs")" = 1 ] || fail "broken references: $(head "$base/refs")"
# the codings, counted in the file, are the (segment, code) pairs
[ "$(xmllint --xpath 'count(//*[local-name()="PlainTextSelection"]/*[local-name()="Coding"])' "$base/x/project.qde")" = "$ncod" ] ||
	fail "codings are not the index's $ncod (segment, code) pairs"
# each source's text file exists and is named only through plainTextPath
xsltproc - "$base/x/project.qde" > "$base/paths" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:p="urn:QDA-XML:project:1.0">
<xsl:output method="text"/>
<xsl:template match="/"><xsl:for-each select="//p:TextSource">
<xsl:value-of select="concat(@guid, ' ', @plainTextPath, ' ', count(@richTextPath), '&#10;')"/>
</xsl:for-each></xsl:template></xsl:stylesheet>
XSL
[ "$(wc -l < "$base/paths")" = "$nnotes" ] || fail "not one source per note"
while read -r guid path rich; do
	[ "$path" = "internal://$guid.txt" ] && [ "$rich" = 0 ] || fail "source $guid: $path $rich"
	[ -f "$base/x/sources/$guid.txt" ] || fail "no sources/$guid.txt"
	! grep -q "$(printf '\r')" "$base/x/sources/$guid.txt" || fail "CR in sources/$guid.txt"
done < "$base/paths"
# every selection cut out by code points = its segment's text, per code
xsltproc - "$base/x/project.qde" > "$base/sels" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:p="urn:QDA-XML:project:1.0">
<xsl:output method="text"/>
<xsl:key name="code" match="p:Code" use="@guid"/>
<xsl:template match="/"><xsl:for-each select="//p:PlainTextSelection/p:Coding">
<xsl:value-of select="concat(../../@guid, ' ', ../@startPosition, ' ', ../@endPosition, ' ', ../../@name, ' ',
  substring-after(key('code', p:CodeRef/@targetGUID)/p:Description, '[praxis] '), '&#10;')"/>
</xsl:for-each></xsl:template></xsl:stylesheet>
XSL
while read -r guid start end path code; do
	jq -Rs -c --argjson s "$start" --argjson e "$end" --arg p "$path" --arg c "$code" \
		'[$p, $c, .[$s:$e]]' "$base/x/sources/$guid.txt"
done < "$base/sels" | sort > "$base/got"
sqlite3 $db "SELECT json_array(n.path, c.code, replace(s.text, char(13) || char(10), char(10)))
	FROM segment_codes c JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note" |
	jq -c . | sort > "$base/expected"
[ "$(wc -l < "$base/expected")" = "$ncod" ] || fail "the index lists $(wc -l < "$base/expected") codings"
test_cmp "$base/expected" "$base/got"
# the fixture's selections are there (emoji, NFD, CRLF, a line break)
grep -q '"2022-2023/zuid/11.md","difficulty.coordination","De coördinatie met het ziekenhuis liep mis 😟 #coordinatie en dat was zwaar. #emotionele-last"' "$base/got" ||
	fail "the CRLF note's first paragraph is not selected exactly"
grep -q "Een item met e$(printf '\314\201') (NFD) en 𝔘 #tijd" "$base/got" ||
	fail "the NFD item is not selected exactly"
grep -q '"Eerste regel\\ntweede regel met een link en code #openheid"' "$base/got" ||
	fail "the line break is not kept"
# variables, cases and follow-ups
xmllint --xpath 'count(//*[local-name()="Case"])' "$base/x/project.qde" > "$base/n"
[ "$(cat "$base/n")" = 4 ] || fail "not one case per community"
[ "$(xmllint --xpath 'count(//*[local-name()="Case"]/*[local-name()="SourceRef"])' "$base/x/project.qde")" = "$nnotes" ] ||
	fail "not every note in a case"
[ "$(xmllint --xpath 'count(//*[local-name()="Notes"]/*[local-name()="Note"][*[local-name()="VariableValue"]/*[local-name()="BooleanValue"]])' "$base/x/project.qde")" = \
  "$(sqlite3 $db 'SELECT count(*) FROM segments WHERE task IS NOT NULL')" ] || fail "not every follow-up is a note"
# the same commit gives the same archive, byte for byte
px export --format qdpx -o "$base/p2.qdpx"
expect_rc 0
cmp "$base/p.qdpx" "$base/p2.qdpx" || fail "two exports of one commit differ"
# a cycle and a community narrow it
px export --format qdpx --community centrum -o "$base/c.qdpx"
expect_rc 0
(mkdir "$base/c" && cd "$base/c" && unzip -q "$base/c.qdpx")
valid Project.xsd "$base/c/project.qde"
[ "$(ls "$base/c/sources" | wc -l)" = "$(sqlite3 $db "SELECT count(*) FROM notes WHERE community = 'centrum'")" ] ||
	fail "--community centrum: wrong sources"
px export --format qdpx
expect_rc 2
expect_err <<'EOF'
praxis: error: a QDPX project is a ZIP archive: name the file with -o FILE.qdpx
EOF

# ---- export, import, export: the same file (tree, GUIDs, names, texts)
cd "$base"
px init k2
expect_rc 0
cd k2
px import codebook "$base/cb.nl.qdc" --label-lang nl
expect_rc 0
[ "$(printf '%s\n' "$out" | tail -n 1)" = "wrote codebook.xml: $((n_codes + n_cats)) categories and codes, to translate: 0 (praxis check lists them)" ] ||
	fail "import summary: $out"
px export --format qdc --label-lang nl -o "$base/cb.again.qdc"
expect_rc 0
test_cmp "$base/cb.nl.qdc" "$base/cb.again.qdc"
px check
expect_rc 0
lacks "$out" untranslated

# ---- another tool's codebook: namespace 1:0, a deeper tree, a code with
# no code under it, names needing folding
cd "$base"
px init k3
expect_rc 0
cd k3
cat > "$base/f.qdc" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="QualCoder">
  <Codes>
    <Code guid="{11111111-2222-3333-4444-555555555551}" name="Coördinatie &amp; overleg" isCodable="true">
      <Description>Alles rond samenwerking.</Description>
      <Code guid="11111111-2222-3333-4444-555555555552" name="Met het ziekenhuis" isCodable="true">
        <Code guid="11111111-2222-3333-4444-555555555553" name="Ontslag 🏥" isCodable="true"/>
      </Code>
      <Code guid="11111111-2222-3333-4444-555555555554" name="2de lijn" isCodable="true"/>
    </Code>
    <Code guid="11111111-2222-3333-4444-555555555555" name="Tijd" isCodable="true"/>
  </Codes>
  <Sets><Set guid="11111111-2222-3333-4444-555555555557" name="s"><MemberCode guid="11111111-2222-3333-4444-555555555555"/></Set></Sets>
</CodeBook>
EOF
px import codebook "$base/f.qdc" --label-lang nl
expect_rc 0
tab=$(printf '\t')
expect_out <<EOF
coordinatie-overleg${tab}Coördinatie & overleg${tab}(to translate)
  coordinatie-overleg.met-het-ziekenhuis${tab}Met het ziekenhuis${tab}(to translate)
  coordinatie-overleg.met-het-ziekenhuis.ontslag${tab}Ontslag 🏥${tab}(to translate)
  coordinatie-overleg.c-2de-lijn${tab}2de lijn${tab}(to translate)
imported${tab}imported
  imported.tijd${tab}Tijd${tab}(to translate)
wrote codebook.xml: 6 categories and codes, to translate: 5 (praxis check lists them)
EOF
xmllint --noout --relaxng "$TOP/schema/codebook.rng" codebook.xml 2>/dev/null || fail "imported codebook.xml is not valid"
[ "$(xmllint --xpath 'string(//*[@id="imported.tijd"]/*[local-name()="label"][@lang="fr"])' codebook.xml)" = Tijd ] ||
	fail "the other language's label is not the name"
px check
expect_rc 0
printf '%s\n' "$out" | grep 'untranslated' | sed 's/: warning: .*\[/ [/' > "$base/warned"
cat > "$base/want" <<'EOF'
codebook.xml:6 [untranslated]
codebook.xml:8 [untranslated]
codebook.xml:11 [untranslated]
codebook.xml:14 [untranslated]
codebook.xml:20 [untranslated]
EOF
test_cmp "$base/want" "$base/warned"
contains "$out" "codebook.xml:20: warning: 'imported.tijd' is not translated into 'fr' yet: its label and description there are copies made by praxis import; translate them and remove untranslated=\"fr\" [untranslated]"
# and it exports again, valid, with the same GUIDs it came with? no: its
# own (derived from the new ids), stable
px export --format qdc -o "$base/f2.qdc"
expect_rc 0
valid Codebook.xsd "$base/f2.qdc"
[ "$(name "$base/f2.qdc" "$(v5 code:imported.tijd)")" = Tijd ] || fail "imported.tijd's GUID"
# namespace 0:4 and 1.0 are accepted too
for ns in 'urn:QDA-XML:codebook:0:4' 'urn:QDA-XML:codebook:1.0'; do
	sed "s/urn:QDA-XML:codebook:1:0/$ns/" "$base/f.qdc" > "$base/ns.qdc"
	px import codebook "$base/ns.qdc" --force
	expect_rc 0
done

# ---- bad input: one error, nothing written
cd "$base"
px init k4
expect_rc 0
cd k4
printf 'not xml at all\n' > "$base/bad1.qdc"
sed 's/CodeBook/Project/g' "$base/f.qdc" > "$base/bad2.qdc"
cat > "$base/bad3.qdc" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-2222-3333-4444-555555555551" name="&lol2;" isCodable="true"/></Codes></CodeBook>
EOF
head -c 104857600 /dev/zero | tr '\0' ' ' > "$base/bad4.qdc"
sed 's/name="2de lijn"/name="Met  het ZIEKENHUIS"/' "$base/f.qdc" > "$base/bad5.qdc"
sed 's/<Code guid="11111111-2222-3333-4444-555555555555" name="Tijd"/<Code guid="11111111-2222-3333-4444-555555555555" name="Imported"><Code guid="11111111-2222-3333-4444-555555555558" name="x" isCodable="true"\/><\/Code><Code guid="11111111-2222-3333-4444-555555555559" name="Tijd"/' "$base/f.qdc" > "$base/bad6.qdc"
printf '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>\n' > "$base/bad7.qdc"
ls -A > "$base/before"
while IFS='|' read -r f want; do
	px import codebook "$base/$f"
	expect_rc 2
	# one error (bad1's has the parser's detail under it)
	[ "$(printf '%s\n' "$err" | head -n 1)" = "$want" ] || fail "$f: expected [$want], got [$err]"
	[ "$(printf '%s\n' "$err" | grep -c 'error')" = 1 ] || fail "$f: not one error: $err"
	[ ! -e codebook.xml ] || fail "$f: codebook.xml written"
	ls -A > "$base/after"
	test_cmp "$base/before" "$base/after"
done <<EOF
bad1.qdc|$base/bad1.qdc:1: error: '$base/bad1.qdc' is not well-formed XML [import]
bad2.qdc|$base/bad2.qdc:2: error: '$base/bad2.qdc' is not a REFI-QDA codebook: its root element is 'Project' in namespace 'urn:QDA-XML:codebook:1:0', not CodeBook in urn:QDA-XML:codebook:1.0 [import]
bad3.qdc|$base/bad3.qdc:2: error: '$base/bad3.qdc' has a DOCTYPE: entities and DTDs are not allowed in praxis' XML [import]
bad4.qdc|$base/bad4.qdc: error: '$base/bad4.qdc' is larger than the 4 MiB limit [import]
bad5.qdc|$base/bad5.qdc:9: error: 'Met  het ZIEKENHUIS' and 'Met het ziekenhuis' both become the id 'coordinatie-overleg.met-het-ziekenhuis': rename one of them [import]
bad6.qdc|$base/bad6.qdc:11: error: 'Imported' and 'imported' both become the id 'imported': rename one of them [import]
bad7.qdc|$base/bad7.qdc:2: error: '$base/bad7.qdc' holds no codes [import]
EOF
# an existing codebook.xml stays as it was without --force
cp "$TOP/schema/codebook.xml" codebook.xml
px import codebook "$base/f.qdc"
expect_rc 2
expect_err <<'EOF'
codebook.xml: error: 'codebook.xml' already exists: use --force to replace it [import]
EOF
cmp codebook.xml "$TOP/schema/codebook.xml" || fail "codebook.xml changed without --force"
px import
expect_rc 2
expect_err <<'EOF'
praxis: error: import what? only 'praxis import codebook FILE.qdc' exists
EOF
echo "ok"
