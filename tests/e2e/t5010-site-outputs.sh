# The site's folder is praxis' own: it refuses a folder holding files it
# did not write ('/' included), an update removes the pages of removed
# notes, what killed runs left is cleaned, and the folder holds exactly
# the files .praxis-site lists.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb

# another application's folder is left alone
mkdir -p ../app/css
echo '<h1>their home</h1>' > ../app/index.html
echo 'body{}' > ../app/style.css
echo 'x' > ../app/css/their.css
cp -a ../app ../app.before
px site --audience internal -o ../app
expect_rc 2
contains "$err" "error: '../app' holds '"
contains "$err" "which praxis did not write: give the site a new or empty folder, or one praxis made"
diff -r ../app ../app.before > /dev/null || fail "site wrote into another application's folder"
ls -A .. | grep -q '^\.app\.' && fail "site left a build folder next to ../app: $(ls -A ..)"
# a single file of others is enough
mkdir -p ../one && echo 'notes' > ../one/todo.txt
px site --audience internal -o ../one/
expect_rc 2
contains "$err" "'../one' holds 'todo.txt', which praxis did not write"
[ "$(ls -A ../one)" = todo.txt ] || fail "site wrote into ../one"

# a new folder, and an empty one, are fine; the site lists what it holds
mkdir ../empty
px site --audience internal -o ../empty
expect_rc 0
px site --audience internal -o ../site
expect_rc 0
manifest_matches() {
	( cd "$1" && find . -type f ! -name .praxis-site ! -path './pagefind/*' | sed 's|^\./||' | sort ) > "$TMPDIR/files"
	cut -f2 "$1/.praxis-site" | sort > "$TMPDIR/listed"
	diff "$TMPDIR/files" "$TMPDIR/listed" > "$TMPDIR/mdiff" ||
		fail "$1 and its .praxis-site disagree: $(head -5 "$TMPDIR/mdiff")"
}
manifest_matches ../site
[ -f ../site/notes/2022-2023/centrum/03.nl.html ] || fail "no page for centrum/03"

# removed notes take their pages with them, text and all
grep -l "centrum" ../site/notes/2022-2023/centrum/03.fr.html > /dev/null
git rm -q 2022-2023/centrum/03.md 2022-2023/zuid/04.md
px commit --author "Test <t@example.org>"
expect_rc 0
px site --audience internal -o ../site
expect_rc 0
for p in notes/2022-2023/centrum/03.nl.html notes/2022-2023/centrum/03.fr.html \
	notes/2022-2023/zuid/04.nl.html notes/2022-2023/zuid/04.fr.html; do
	[ ! -e "../site/$p" ] || fail "$p outlived its note"
done
manifest_matches ../site
grep -rl '2022-2023/zuid/04' ../site > "$TMPDIR/refs" || true
[ ! -s "$TMPDIR/refs" ] || fail "pages still link the removed note: $(head -3 "$TMPDIR/refs")"

# the site's folder gets a file of someone else: refused, kept
echo 'mine' > ../site/notes/mine.txt
px site --audience internal -o ../site
expect_rc 2
contains "$err" "'../site' holds 'notes/mine.txt', which praxis did not write"
[ "$(cat ../site/notes/mine.txt)" = mine ] || fail "a user's file was lost"
rm ../site/notes/mine.txt
# a symbolic link in the site is not praxis' either
ln -s /etc ../site/codes/etc
px site --audience internal -o ../site
expect_rc 2
contains "$err" "'../site' holds 'codes/etc', which praxis did not write"
rm ../site/codes/etc

# what killed runs left (a dead process' temporary files and build
# folders, this version's and the old one's) is removed by the next run
sh -c 'exit 0' & dead=$!
wait $dead
echo half > "../site/index.nl.html.tmp$dead"
echo half > "../site/codes/.x.html.tmp$dead"
mkdir -p "../.site.tmp$dead/notes"
echo half > "../.site.tmp$dead/notes/x.html"
px site --audience internal -o ../site
expect_rc 0
[ ! -e "../site/index.nl.html.tmp$dead" ] && [ ! -e "../site/codes/.x.html.tmp$dead" ] ||
	fail "temporary files of a killed run survived"
[ ! -e "../.site.tmp$dead" ] || fail "a killed run's build folder survived"
manifest_matches ../site
ls -A .. | grep -q 'tmp' && fail "temporary files next to the site: $(ls -A ..)"

# an unchanged site is left as it is; nothing is left next to it
ino=$(stat -c %i ../site)
px site --audience internal -o ../site
contains "$out" "0 rendered, 0 files changed"
[ "$(stat -c %i ../site)" = "$ino" ] || fail "an unchanged site was replaced"
ls -A .. | grep -q 'tmp' && fail "temporary files next to the site: $(ls -A ..)"

# a path that is a file, and the root of the file system, are refused
: > ../file
px site --audience internal -o ../file
expect_rc 2
contains "$err" "error: cannot write '../file': a part of the path is not a folder"
for l in en nl fr; do
	px --lang $l site -o /
	expect_rc 2
	case $l in
	en) [ "$err" = "/: error: refusing to write the site into '/', the file system's root folder: give the site a new or empty folder, or one praxis made [not-ours]" ] || fail "$err";;
	nl) contains "$err" "de hoofdmap van het bestandssysteem";;
	fr) contains "$err" "le dossier racine du système de fichiers";;
	esac
done
[ ! -e /index.nl.html ] && [ ! -e /.praxis-site ] || fail "site wrote into /"
# the knowledge base's own folder, or one holding it
for dir in . "$PWD" .. "$(dirname "$PWD")/"; do
	before=$(find . -path ./.git -prune -o -type f -print | sort | xargs cksum)
	px site --audience internal -o "$dir"
	expect_rc 2
	[ "$err" = "$dir: error: refusing to write the site into '$dir': it holds the knowledge base; give the site a new or empty folder, or one praxis made [not-ours]" ] ||
		[ "$err" = "${dir%/}: error: refusing to write the site into '${dir%/}': it holds the knowledge base; give the site a new or empty folder, or one praxis made [not-ours]" ] ||
		fail "site -o $dir: $err"
	[ "$before" = "$(find . -path ./.git -prune -o -type f -print | sort | xargs cksum)" ] || fail "site -o $dir changed the knowledge base"
done
echo "ok"
