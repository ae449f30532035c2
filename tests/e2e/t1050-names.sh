# Names from the knowledge base become paths and links only when they are
# safe: a communities.yaml id that is not [a-z0-9-]+ stops every command
# with a file:line:col diagnostic, before anything is written; a note that
# is a symbolic link (or lies behind one) is never read; `new` writes
# inside the knowledge base.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
note kb/2022-2023/zuid/04.md <<'EOF'

## Casus

Mevrouw A. wacht op een antwoord. #tijd
EOF
cd kb
px commit --author "Test <t@example.org>"
expect_rc 0
cp communities.yaml "$TMPDIR/good.yaml"

# every id that is not a plain name, at its own line and column
for id in '../../../outside/pwned' 'javascript:alert(document.domain)//' 'zuid/../../x' \
	'/etc/passwd' 'Zuid' 'zu id' '.hidden' 'zuid.' 'a\\b' 'café' \
	"$(printf 'x%.0s' $(seq 1 65))"; do
	{
		printf 'communities:\n  - id: zuid\n    name: { nl: "PG Zuid", fr: "CdP Sud" }\n    lang: nl\n'
		printf '  - name: { nl: "X", fr: "X" }\n    lang: nl\n    id: "%s"\n' "$id"
	} > communities.yaml
	for cmd in "check" "stats" "search tijd" "log" "reindex" "brief zuid" "new zuid" \
		"report 2022-2023 -o $TMPDIR/out/r.html" "site -o $TMPDIR/out/site/site"; do
		# shellcheck disable=SC2086
		px $cmd
		[ "$rc" -eq 1 ] || fail "'$cmd' ran with community id '$id' (exit $rc): $out $err"
		expected="communities.yaml:7:9: error: community id '$id' is not valid: use lowercase letters, digits and '-'"
		case $id in \\*|*\\*) expected="communities.yaml:7:9: error: community id 'a\\b' is not valid: use lowercase letters, digits and '-'";; esac
		case $id in xxxxx*) expected="communities.yaml:7:9: error: community id '$id' is longer than 64 characters";; esac
		# check shows them on stdout with the notes' own; the others refuse on stderr
		if [ "$cmd" = check ]; then contains "$out" "$expected"; else contains "$err" "$expected"; fi
	done
done
[ ! -e "$TMPDIR/out" ] || fail "a command wrote output for a knowledge base with a bad id: $(find "$TMPDIR/out")"
[ ! -e "$TMPDIR/outside" ] || fail "a path escaped the output folder"
[ ! -e 2023-2024 ] && [ ! -e 2022-2023/zuid/05.md ] || fail "new wrote a note"
# the ids that are fine, and the limit
for id in 'a' 'noord-2' "$(printf 'y%.0s' $(seq 1 64))"; do
	cp "$TMPDIR/good.yaml" communities.yaml
	printf '  - id: %s\n    name: { nl: "X", fr: "X" }\n    lang: nl\n' "$id" >> communities.yaml
	px stats
	expect_rc 0
done
cp "$TMPDIR/good.yaml" communities.yaml

# the brief pages link nothing but the site's own pages
px site --audience internal -o "$TMPDIR/site"
expect_rc 0
grep -rho --include='*.html' 'href="[^"]*"' "$TMPDIR/site" | sort -u > "$TMPDIR/hrefs"
grep -v -e '^href="[a-z0-9./#-]*"$' -e '^href="data:,"$' "$TMPDIR/hrefs" > "$TMPDIR/odd" || true
[ ! -s "$TMPDIR/odd" ] || fail "unexpected links in the site: $(head -5 "$TMPDIR/odd")"

# a note that is a symbolic link is not read, its target never echoed
printf -- '---\ncommunity: zuid\nSECRET-ROOT-HASH:$6$abc\n' > "$TMPDIR/shadow"
ln -s "$TMPDIR/shadow" 2022-2023/zuid/09.md
mkdir -p "$TMPDIR/elsewhere/zuid"
cp "$TMPDIR/shadow" "$TMPDIR/elsewhere/zuid/01.md"
ln -s "$TMPDIR/elsewhere" 2023-2024
for p in 2022-2023/zuid/09.md "$PWD/2022-2023/zuid/09.md" 2023-2024/zuid/01.md; do
	px check "$p"
	expect_rc 1
	expect_out <<EOF2
$p: error: '$p' is a symbolic link, not a note: praxis reads notes as git stores them and does not follow links [not-a-file]
0 notes checked: 1 error, 0 warnings
EOF2
	expect_err < /dev/null
	px check --format json "$p"
	expect_rc 1
	json_eq <<EOF2
[{"file": "$p", "line": 0, "column": 0, "severity": "error", "rule": "not-a-file",
  "message": "'$p' is a symbolic link, not a note: praxis reads notes as git stores them and does not follow links"}]
EOF2
	lacks "$err$out" "SECRET-ROOT-HASH"
done
( cd 2022-2023 && px check zuid/09.md && [ "$rc" -eq 1 ] && lacks "$err$out" "SECRET-ROOT-HASH" )
rm 2022-2023/zuid/09.md 2023-2024

# new writes CYCLE/COMMUNITY/NN.md inside the knowledge base, never over a note
px new zuid --date 2023-02-01
expect_rc 0
[ "$out" = "$PWD/2022-2023/zuid/05.md" ] || fail "new wrote '$out'"
ln -s "$TMPDIR/elsewhere" 2021-2022
px new zuid --date 2022-02-01
expect_rc 2
contains "$err" "refusing to write '2021-2022/zuid/01.md': it is not a plain path inside '$PWD'"
[ ! -e "$TMPDIR/elsewhere/zuid/02.md" ] && [ ! -e "$TMPDIR/elsewhere/zuid/01.md.tmp" ] || fail "new wrote through a link"
echo "ok"
