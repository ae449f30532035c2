# Pathological notes (tests/pathological.sh: cmark's own pathological
# families, the GFM extensions', praxis' hashtags): each one is checked,
# committed or indexed to the end, with the diagnostic its table row
# names at the line and column it names. `timeout 20` is only a guard
# against a hang; how the time scales is measured by `make bench`.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/pathological.sh"
set -e
git_identity
make_kb kb
cd kb
git init -q .
mkdir -p 2022-2023/zuid

# run ARGS...: praxis under the hang guard; sets rc, out
run() {
	set +e
	out=$(timeout 60 $vg "$PRAXIS" "$@" 2>&1); rc=$?
	set -e
	[ "$rc" -ne 124 ] || fail "praxis $*: still running after 60 s"
}

message() { # RULE: the English message of a bound
	case $1 in
	too-deep) echo "block quotes and lists nested deeper than 16 levels: the body is not read" ;;
	markup-too-deep) echo "emphasis, links and blocks nested deeper than 100 levels: the body is not read" ;;
	table-too-wide) echo "more than 65 '|' on one line: a table has at most 64 columns; the body is not read" ;;
	autolink-run) echo "more than 8 'www.' in one word: the body is not read" ;;
	line-too-long) echo "line is longer than the 32 KiB limit: the body is not read" ;;
	unknown-code) echo "unknown code '#tjid' (did you mean '#tijd'?)" ;;
	esac
}

families=0 accepted=
while read -r f n rule where; do
	[ -n "$f" ] || continue
	families=$((families + 1))
	file=2022-2023/zuid/$f.md
	patho_note "$f" "$n" "$file"
	# a cycle of its own: the notes would otherwise all claim zuid's session 4
	y=$((2000 + families))
	sed -i "s/^cycle: .*/cycle: $y-$((y + 1))/; s/^date: .*/date: $y-10-01/" "$file"
	run check "$file"
	if [ "$rule" = - ]; then
		[ "$rc" -eq 0 ] || fail "$f: expected exit 0, got $rc: $(printf '%s' "$out" | head -5)"
		lacks "$out" ": error: "
		accepted="$accepted $file"
	else
		[ "$rc" -eq 1 ] || fail "$f: expected exit 1, got $rc: $(printf '%s' "$out" | head -5)"
		contains "$out" "$file:$where: error: $(message "$rule") [$rule]"
		# one diagnostic for a bound, not one per line or per level
		[ "$rule" = unknown-code ] || [ "$(printf '%s\n' "$out" | grep -c ': error: ')" -eq 1 ] ||
			fail "$f: more than one error: $(printf '%s' "$out" | head -5)"
	fi
done <<EOF2
$PATHO_TABLE
EOF2

# the front matter too: libyaml's time grows faster than the square of
# nested '[' (40,000 took 18 s); past 64 brackets it is not read
{
	printf -- '---\ncommunity: zuid\ncycle: 2022-2023\nsession: 4\ndate: 2023-01-17\nlang: nl\nauthor: "M. Lead"\nthemes: '
	awk 'BEGIN { for (i = 0; i < 40000; i++) printf "["; print "" }'
	printf -- '---\nBody.\n'
} > 2022-2023/zuid/yaml-flow.md
run check 2022-2023/zuid/yaml-flow.md
[ "$rc" -eq 1 ] || fail "yaml-flow: expected exit 1, got $rc"
contains "$out" "2022-2023/zuid/yaml-flow.md:8:73: error: front matter has more than 64 '[' and '{': lists nested that deep are not read [too-deep]"
rm 2022-2023/zuid/yaml-flow.md

# every unknown tag of a 5,000-tag note is reported, each at its column
# (the first ones with a suggestion, the rest without: suggestions are
# bounded), in linear time
patho_note unknown-tags-lines 5000 2022-2023/zuid/unknown-tags-lines.md
sed -i 's/^session: 4/session: 5/' 2022-2023/zuid/unknown-tags-lines.md
run check 2022-2023/zuid/unknown-tags-lines.md --format json
# the whole document: the path warning, then a tag every 6 columns, the
# first 64 with a suggestion
f=2022-2023/zuid/unknown-tags-lines.md
jq -n --arg f "$f" '[{file: $f, line: 4, column: 10, severity: "warning", rule: "path-mismatch",
		message: "path does not match the front matter: expected '"'2022-2023/zuid/05.md'"'"}] +
	[range(5000) as $k | {file: $f, line: 9, column: (1 + 6 * $k), severity: "error", rule: "unknown-code",
		message: (if $k < 64 then "unknown code '"'#tjid'"' (did you mean '"'#tijd'"'?)" else "unknown code '"'#tjid'"'" end)}]' |
	json_eq

# the hashtags of the long-lines family are all codes, at their columns
run check 2022-2023/zuid/hashtags-lines.md --format json
[ "$rc" -eq 0 ] || fail "hashtags-lines: $rc"

# in other languages the bound is stated in them
PRAXIS_LANG=nl run check 2022-2023/zuid/dash-newlines.md
contains "$out" "2022-2023/zuid/dash-newlines.md:9:34: fout: citaten en lijsten dieper genest dan 16 niveaus: de tekst wordt niet gelezen [too-deep]"
PRAXIS_LANG=fr run check 2022-2023/zuid/wide-table.md
contains "$out" "2022-2023/zuid/wide-table.md:9:261: erreur: plus de 65 '|' sur une ligne : un tableau a au plus 64 colonnes ; le corps n'est pas lu [table-too-wide]"

# praxis commit checks, commits and indexes the accepted ones
# shellcheck disable=SC2086
run commit -m "pathological notes" $accepted
[ "$rc" -eq 0 ] || fail "commit: $rc: $(printf "%s" "$out" | grep -A2 error)"
[ -z "$(git status --porcelain -- $accepted)" ] || fail "commit left changes"

# the refused ones, committed with plain git, are read by every reading
# command: the index holds every note, the refused ones without segments
git add -A
git commit -q -m "the refused notes too"
run reindex
[ "$rc" -eq 0 ] || fail "reindex: $rc: $out"
notes=$(sqlite3 .git/praxis/index.db "select count(*) from notes")
[ "$notes" -eq "$families" ] || fail "index holds $notes notes, expected $families"
segs=$(sqlite3 .git/praxis/index.db "select count(*) from segments s join notes n on n.id = s.note where n.path = '2022-2023/zuid/dash-newlines.md'")
[ "$segs" -eq 0 ] || fail "a refused body has $segs segments"
codes=$(sqlite3 .git/praxis/index.db "select count(*) from segments s join notes n on n.id = s.note where n.path = '2022-2023/zuid/hashtags-lines.md'")
[ "$codes" -ge 1 ] || fail "hashtags-lines has no segments"
run search woord
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "search: $rc: $out"
run stats
[ "$rc" -eq 0 ] || fail "stats: $rc: $out"
# the site shows a page for every note, a refused body left out of it
# (a knowledge base of three: the site's time over all the families is
# not what this test is about)
cd ..
make_kb kb2
cd kb2
git init -q .
for f in dash-newlines nested-emph table-rows; do
	cp "../kb/2022-2023/zuid/$f.md" "2022-2023-$f.md" 2>/dev/null || true
	mkdir -p 2022-2023/zuid
	mv "2022-2023-$f.md" "2022-2023/zuid/$f.md"
done
git add -A
git commit -q -m notes
run site --audience internal -o "$TMPDIR/site"
[ "$rc" -eq 0 ] || fail "site: $rc: $(printf '%s' "$out" | tail -5)"
for f in dash-newlines nested-emph table-rows; do
	[ -s "$TMPDIR/site/notes/2022-2023/zuid/$f.nl.html" ] || fail "site: no page for $f"
done
lacks "$(cat "$TMPDIR/site/notes/2022-2023/zuid/nested-emph.nl.html")" "<em><strong><em>"
