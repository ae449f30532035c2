# Characters that XML or a terminal cannot take: for each one, in the body
# and in the front matter, `check` names it at its own line and column
# (exact output); then, committed with plain git (as a lead may do), every
# command completes and prints or writes no raw control character.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
make_kb kb2
cp kb2/communities.yaml kb/
cd kb
mkdir -p d

# name|bytes (printf)|severity|message
chars='U+000B|\013|warning|line or page break U+000B (pasted from a word processor) is read as a new line: replace it with a real line break
U+000C|\014|warning|line or page break U+000C (pasted from a word processor) is read as a new line: replace it with a real line break
U+0007|\007|error|control character U+0007 is not allowed in a note: delete it (most editors do not show it)
U+001B|\033|error|control character U+001B is not allowed in a note: delete it (most editors do not show it)
U+0001|\001|error|control character U+0001 is not allowed in a note: delete it (most editors do not show it)
U+007F|\177|error|control character U+007F is not allowed in a note: delete it (most editors do not show it)
U+0085|\302\205|error|control character U+0085 is not allowed in a note: delete it (most editors do not show it)
U+009B|\302\233|error|control character U+009B is not allowed in a note: delete it (most editors do not show it)
U+FDD0|\357\267\220|error|noncharacter U+FDD0 is not allowed in a note: delete it (most editors do not show it)
U+FFFE|\357\277\276|error|noncharacter U+FFFE is not allowed in a note: delete it (most editors do not show it)
U+FFFF|\357\277\277|error|noncharacter U+FFFF is not allowed in a note: delete it (most editors do not show it)'

raw() { grep -c -P '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]' "$@" || true; }
summary() { if [ "$1" = error ]; then echo "1 note checked: 1 error, 0 warnings"; else echo "1 note checked: 0 errors, 1 warning"; fi; }
rc_of() { if [ "$1" = error ]; then echo 1; else echo 0; fi; }

printf '%s\n' "$chars" | while IFS='|' read -r name bytes sev msg; do
	c=$(printf "$bytes")
	esc=$(printf '\\u%s' "${name#U+}")
	# in the body: line 10, column 10
	note 2022-2023/zuid/04.md <<EOF2

Hulp bij ${c}de aanvraag #tijd.
EOF2
	px check 2022-2023/zuid/04.md
	[ "$rc" -eq "$(rc_of "$sev")" ] || fail "$name in the body: exit $rc"
	want=$(printf '%s\n%s\n%s\n%s' \
		"2022-2023/zuid/04.md:10:10: $sev: $msg [control-character]" \
		"   10 | Hulp bij ${esc}de aanvraag #tijd." \
		"      |          ^" \
		"$(summary "$sev")")
	[ "$out" = "$want" ] || fail "$name in the body: got
$out
wanted
$want"
	# in the front matter, where libyaml used to stop at 2:1: line 8, column 13
	note 2022-2023/zuid/04.md "title: \"Voor${c}na\"" <<'EOF2'
Tekst #tijd.
EOF2
	px check 2022-2023/zuid/04.md
	[ "$rc" -eq "$(rc_of "$sev")" ] || fail "$name in the front matter: exit $rc"
	want=$(printf '%s\n%s\n%s\n%s' \
		"2022-2023/zuid/04.md:8:13: $sev: $msg [control-character]" \
		"    8 | title: \"Voor${esc}na\"" \
		"      |             ^" \
		"$(summary "$sev")")
	[ "$out" = "$want" ] || fail "$name in the front matter: got
$out
wanted
$want"
	# as JSON too: the message names it, and nothing raw is printed
	px check --format json 2022-2023/zuid/04.md
	json_eq <<EOF2
[{"file": "2022-2023/zuid/04.md", "line": 8, "column": 13, "severity": "$sev", "rule": "control-character", "message": "$msg"}]
EOF2
	[ "$(printf '%s' "$out" | raw)" = 0 ] || fail "$name: a raw control character in JSON"
done
[ $? -eq 0 ] || exit 1

# the same through a YAML escape: reported at the value
note 2022-2023/zuid/04.md 'title: "Voor\ena"' <<'EOF2'
Tekst.
EOF2
px check 2022-2023/zuid/04.md
expect_rc 1
contains "$out" "2022-2023/zuid/04.md:8:8: error: the value of 'title' holds character U+001B, written as an escape: remove it [control-character]"

# a file name that is an escape sequence is printed escaped
cp 2022-2023/zuid/04.md "$(printf 'd/x\033]0;owned\007.md')"
px check d
[ "$(printf '%s%s' "$out" "$err" | raw)" = 0 ] || fail "a raw control character in a file name"
contains "$out" 'd/x\u001B]0;owned\u0007.md:8:8: error:'
rm -r d

# every character in one note, body and front matter, committed with plain
# git by an author whose name is an escape sequence
all=$(printf '%s\n' "$chars" | while IFS='|' read -r name bytes sev msg; do printf "$bytes"; done)
osc=$(printf '\033]0;owned\007\033[2J')
note 2022-2023/zuid/04.md "title: \"Titel ${osc}${all}\"" "summary: \"Samenvatting ${all}\"" <<EOF2

## Casus ${all}

Het ziekenhuis belde ${osc} niet terug ${all} na het ontslag. #ziekenhuis

> "Ik heb geen tijd ${all} meer." #tijd

| wie | wat |
| --- | --- |
| OCMW ${all} | formulier bleef liggen #samenwerking |

- [ ] Terugbellen ${all} #samenwerking
EOF2
px check 2022-2023/zuid/04.md
expect_rc 1
[ "$(printf '%s%s' "$out" "$err" | raw)" = 0 ] || fail "check printed a raw control character"
git add -A
GIT_AUTHOR_NAME=$(printf 'Evil\033]0;owned\007\033[2J') git commit -q -m "plain git" -- .
out_dir=$(cd .. && pwd)/out
mkdir -p "$out_dir"

for cmd in "search ziekenhuis" "search --format json ziekenhuis" "search #samenwerking" "brief zuid" \
	   "brief zuid --format md" "brief zuid --format json" "brief zuid --format html" \
	   "log" "log --format json" "stats" "stats --format json" "report 2022-2023 -o -"; do
	# shellcheck disable=SC2086
	px $cmd
	[ "$rc" -eq 0 ] || fail "praxis $cmd: exit $rc: $err"
	[ "$(printf '%s%s' "$out" "$err" | raw)" = 0 ] || fail "praxis $cmd printed a raw control character"
done
px search ziekenhuis
contains "$out" 'Het **ziekenhuis** belde \u001B]0;owned\u0007\u001B[2J niet terug'
px log
contains "$out" 'Evil\u001B]0;owned\u0007\u001B[2J'
px brief zuid --format md
contains "$out" 'Titel'

px site --audience internal -o "$out_dir/site"
expect_rc 0
px report 2022-2023 --audience internal --lang nl,fr -o "$out_dir/r.html"
expect_rc 0
for f in "$out_dir/r.nl.html" "$out_dir/r.fr.html" $(find "$out_dir/site" -name '*.html'); do
	[ "$(raw "$f")" = 0 ] || fail "a raw control character in $f"
done
grep -q 'belde' "$out_dir/site/notes/2022-2023/zuid/04.nl.html" || fail "the note page lacks its text"
grep -q 'OCMW' "$out_dir/site/notes/2022-2023/zuid/04.nl.html" || fail "the note page lacks its table"
# the escape sequence shows as replacement characters, visibly
grep -q '�\]0;owned�' "$out_dir/site/notes/2022-2023/zuid/04.nl.html" || fail "ESC and BEL not replaced visibly"
exit 0
