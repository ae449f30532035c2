# site: every page in both languages, no broken internal link, the
# language switch lands on the same page, notes escaped, pages render in
# Chromium, and a second run rewrites nothing.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-browser.sh"
set -e
git_identity
px init kb
cp -r "$TOP/notes/." kb/
hostile_note kb/2022-2023/zuid/08.md
cd kb
px commit --author "Test <t@example.org>"
expect_rc 0
px site --audience internal -o ../site
expect_rc 0
contains "$out" "site in ../site:"
cd ../site

# every page exists in both languages
n_nl=$(find . -name '*.nl.html' | wc -l)
n_fr=$(find . -name '*.fr.html' | wc -l)
[ "$n_nl" -gt 60 ] || fail "only $n_nl Dutch pages"
[ "$n_nl" = "$n_fr" ] || fail "$n_nl Dutch pages but $n_fr French ones"
for f in $(find . -name '*.nl.html'); do
	[ -f "${f%.nl.html}.fr.html" ] || fail "no French page for $f"
done
for p in index communities/zuid codes/resource.time notes/2022-2023/zuid/04 reports/2022-2023 communities/zuid.brief; do
	[ -f "$p.nl.html" ] || fail "missing $p.nl.html"
done

# no broken internal link
broken=0
for f in $(find . -name '*.html'); do
	dir=$(dirname "$f")
	for h in $(grep -o 'href="[^"]*"' "$f" | sed 's/^href="//; s/"$//; s/#.*//' | sort -u); do
		case $h in http://*|https://*|mailto:*|data:*|'') continue ;; esac
		[ -e "$dir/$h" ] || { echo "broken: $f -> $h" >&2; broken=$((broken + 1)); }
	done
done
[ "$broken" = 0 ] || fail "$broken broken links"

# the language switch lands on the same page in the other language
grep -q 'hreflang="fr"[^>]*href="../../../notes/2022-2023/zuid/04.fr.html"' notes/2022-2023/zuid/04.nl.html ||
grep -q 'href="../../../notes/2022-2023/zuid/04.fr.html"' notes/2022-2023/zuid/04.nl.html || fail "no switch to the French note"
grep -q 'href="../codes/resource.time.nl.html"' codes/resource.time.fr.html || fail "no switch to the Dutch code page"
grep -q 'href="zuid.brief.fr.html"' communities/zuid.brief.nl.html || fail "no switch on the brief page"
grep -q 'href="2022-2023.nl.html"' reports/2022-2023.fr.html || fail "no switch on the report page"
grep -q '<html lang="fr"' index.fr.html || fail "French home not lang=fr"
grep -q 'Communautés' index.fr.html || fail "French home lacks French words"
grep -q 'Gemeenschappen' index.nl.html || fail "Dutch home lacks Dutch words"

# hashtags link to their code pages; follow-ups are text boxes
grep -q 'class="code-tag" href="../../../codes/resource.time.nl.html"' notes/2022-2023/zuid/08.nl.html || fail "hashtag not linked"
grep -q '☐' communities/zuid.nl.html || fail "no open follow-up box"
grep -q '<input' notes/2022-2023/zuid/04.nl.html && fail "a form control in a note page"

# what a note says is text, never markup
for f in notes/2022-2023/zuid/08.nl.html communities/zuid.nl.html index.nl.html; do
	# the only scripts: Pagefind's search box and the line that starts it
	grep -o '<script[^>]*>' "$f" | grep -v -x -e '<script src="[./]*pagefind/pagefind-ui.js">' -e '<script>' &&
		fail "unescaped script in $f"
	grep -q '<script>alert' "$f" && fail "unescaped script in $f"
	grep -q 'onerror=\|onclick=' "$f" && fail "an event handler in $f"
	grep -q 'javascript:' "$f" && fail "a javascript: link in $f"
done
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' notes/2022-2023/zuid/08.nl.html || fail "the title was not shown as text"
# well-formed enough for an HTML parser
for f in index.nl.html codes/resource.time.fr.html notes/2022-2023/zuid/04.nl.html communities/zuid.fr.html; do
	xmllint --html --noout "$f" 2>"$TMPDIR/lint" || true
	# libxml2's HTML parser knows HTML 4 only: new element names are fine
	grep 'error' "$TMPDIR/lint" | grep -v 'Tag [a-z]* invalid' | grep -q . && fail "HTML errors in $f: $(grep error "$TMPDIR/lint" | grep -v 'Tag [a-z]* invalid' | head -3)"
done

# Chromium renders the pages
shot "file://$PWD/index.nl.html" "$TMPDIR/home.png"
shot "file://$PWD/communities/zuid.fr.html" "$TMPDIR/community.png"
shot "file://$PWD/codes/resource.time.nl.html" "$TMPDIR/code.png"
shot "file://$PWD/notes/2022-2023/zuid/04.fr.html" "$TMPDIR/note.png"

# a second run rewrites nothing; a changed note rewrites its own pages
cd ../kb
before=$(stat -c %y ../site/notes/2022-2023/zuid/05.nl.html)
px site --audience internal -o ../site
contains "$out" "0 rendered, 0 files changed"
sed -i 's/Mevrouw T./Mevrouw U./' 2022-2023/zuid/04.md
px commit --author "Test <t@example.org>"
sleep 1
px site --audience internal -o ../site
lacks "$out" " 0 rendered"
grep -q 'Mevrouw U.' ../site/notes/2022-2023/zuid/04.nl.html || fail "changed note not re-rendered"
[ "$(stat -c %y ../site/notes/2022-2023/zuid/05.nl.html)" = "$before" ] || fail "an unchanged note page was rewritten"
