# Markup the parser would drop or keep raw: a table row with more cells
# than its header (a '|' in a code span splits the cell, as GFM says) is
# reported and its text kept, hashtags coded; <br> is a line break in
# every output; other HTML is dropped, an HTML block reported.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
make_kb kb2
cp kb2/communities.yaml kb/
cd kb
note 2022-2023/zuid/04.md <<'EOF2'

| wie | wat |
| --- | --- |
| OCMW | formulier `A|B` bleef liggen, huisarts niet verwittigd #samenwerking |
| Thuiszorg | geen probleem \| alles <b>goed</b><br>nu #tijd |

> Een citaat<br>op twee regels #tijd

<div>verborgen tekst</div>

<!-- guidance from the template -->
EOF2
px check 2022-2023/zuid/04.md
expect_rc 0
want="2022-2023/zuid/04.md:12:22: warning: table row has 3 cells but its header 2: the extra cells are kept as text of the row; write '\\|' for a '|' inside a cell, also in code [table-cells]
   12 | | OCMW | formulier \`A|B\` bleef liggen, huisarts niet verwittigd #samenwerking |
      |                      ^
2022-2023/zuid/04.md:17:1: warning: HTML block is left out of the note's text: it is not indexed, searched or published [raw-html]
   17 | <div>verborgen tekst</div>
      | ^
1 note checked: 0 errors, 2 warnings"
[ "$out" = "$want" ] || fail "check said
$out
wanted
$want"

px commit --author "Test <t@example.org>" -m "note"
expect_rc 0

# the dropped cell is searchable and coded
px search huisarts --format json
json_eq 'del(.hits[].score)' <<'EOF2'
{"query": "huisarts", "total": 1, "total_capped": false, "hits": [
  {"path": "2022-2023/zuid/04.md", "community": "zuid", "cycle": "2022-2023", "session": 4, "date": "2023-01-17",
   "lang": "nl", "line": 12, "last_line": 12, "title": "", "kind": "row", "heading": "", "codes": ["difficulty.coordination"],
   "code_labels": [{"code": "difficulty.coordination", "nl": "samenwerking en overleg rond de persoon",
     "fr": "collaboration et concertation autour de la personne"}],
   "snippet": "OCMW | formulier `A | B` bleef liggen, **huisarts** niet verwittigd #samenwerking",
   "text": "OCMW | formulier `A | B` bleef liggen, huisarts niet verwittigd #samenwerking"}]}
EOF2
px search '#samenwerking' --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/04.md:12"]]
EOF2
# the index holds the row's whole text, as the sqlite3 client reads it
row=$(sqlite3 .git/praxis/index.db "SELECT text FROM segments WHERE line = 12")
[ "$row" = 'OCMW | formulier `A | B` bleef liggen, huisarts niet verwittigd #samenwerking' ] || fail "row text: $row"
# <br> is a line break, other inline HTML is dropped
cell=$(sqlite3 .git/praxis/index.db "SELECT text FROM segments WHERE line = 13")
[ "$cell" = "Thuiszorg | geen probleem | alles goed
nu #tijd" ] || fail "cell text: $cell"
quote=$(sqlite3 .git/praxis/index.db "SELECT text FROM segments WHERE kind = 'quote'")
[ "$quote" = "Een citaat
op twee regels #tijd" ] || fail "quote text: $quote"
sqlite3 .git/praxis/index.db "SELECT text FROM segments" | grep -q 'verborgen' && fail "the HTML block was indexed"

px search citaat
expect_out <<'EOF2'
2022-2023/zuid/04.md:15  zuid 2022-2023 #4 2023-01-17  #resource.time
    Een **citaat** op twee regels #tijd
1 result, 1 shown
EOF2

out_dir=$(cd .. && pwd)/out
mkdir -p "$out_dir"
px report 2022-2023 --audience internal --xml -o "$out_dir/r.xml"
expect_rc 0
grep -q 'br&gt;\|<br' "$out_dir/r.xml" && fail "a <br> in the report data"
px report 2022-2023 --audience internal -o "$out_dir/r.html"
expect_rc 0
grep -q '&lt;br\|&lt;b&gt;' "$out_dir/r.html" && fail "a note's HTML shown as text in the report"
grep -q 'Een citaat<br>op twee regels' "$out_dir/r.html" || fail "the quote's <br> is not a line break in the report"
for f in text md; do
	px brief zuid --format "$f"
	expect_rc 0
	lacks "$out" 'br>'
	lacks "$out" '<b>'
done
px site --audience internal -o "$out_dir/site"
expect_rc 0
page=$out_dir/site/notes/2022-2023/zuid/04.nl.html
tr -d '\n ' < "$page" > "$TMPDIR/page"
grep -q 'Eencitaat<br>optweeregels' "$TMPDIR/page" || fail "no line break in the site's quote"
grep -q 'alles<b>\|&lt;b&gt;\|&lt;br' "$page" && fail "a note's HTML in the site"
grep -q 'verborgen' "$page" && fail "the HTML block was published"
exit 0
