# The history from git: `praxis log` with each commit's message, its
# columns aligned in every language; one note's history (`log PATH`);
# `log --followups`, when each follow-up was added and checked and by
# whom; and the brief's "closed since the last session". The knowledge
# base is built by real git commits with their own authors and dates: a
# follow-up checked in a later commit by another author, one reopened and
# checked again, one written done.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
px init kb
expect_rc 0
make_kb kb
cd kb
# at NAME EMAIL DATE MESSAGE PATH...: a commit by NAME at DATE, as git makes it
at() {
	name=$1 email=$2 date=$3 msg=$4
	shift 4
	git add -- "$@"
	GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE=$date \
		GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE=$date \
		git commit -q -m "$msg" -- "$@"
}
check() { sed -i "s/^- \[ \] $1/- [x] $1/" "$2"; }
uncheck() { sed -i "s/^- \[x\] $1/- [ ] $1/" "$2"; }

note 2022-2023/zuid/01.md <<'EOF2'

## Afspraken

- [ ] De huisarts opbellen #samenwerking
- [ ] Brief aan het OCMW
- [x] Verslag rondsturen
EOF2
at "Test Lead" lead@example.org 2023-01-18T10:00:00+01:00 "zuid 2022-2023 #4 (2023-01-17)" \
	communities.yaml 2022-2023/zuid/01.md
check 'Brief aan het OCMW' 2022-2023/zuid/01.md
echo '- [ ] Terugkoppeling naar de dienst' >> 2022-2023/zuid/01.md
at "Other Lead" other@example.org 2023-01-25T09:30:00+01:00 "OCMW-brief verstuurd

De brief ging per post." 2022-2023/zuid/01.md
mkdir -p 2022-2023/centrum
cat > 2022-2023/centrum/01.md <<'EOF2'
---
community: centrum
cycle: 2022-2023
session: 1
date: 2023-02-01
lang: fr
author: "M. Lead"
---

- [ ] Appeler le CPAS
EOF2
at "Test Lead" lead@example.org 2023-02-02T16:45:00+01:00 "Centre : séance 1" 2022-2023/centrum/01.md
check 'De huisarts opbellen' 2022-2023/zuid/01.md
at "Derde Persoon" derde@example.org 2023-02-10T11:05:00+01:00 "huisarts gebeld" 2022-2023/zuid/01.md
uncheck 'Brief aan het OCMW' 2022-2023/zuid/01.md
at "Test Lead" lead@example.org 2023-02-12T08:00:00+01:00 "brief kwam terug" 2022-2023/zuid/01.md
check 'Brief aan het OCMW' 2022-2023/zuid/01.md
at "Other Lead" other@example.org 2023-02-14T09:00:00-05:00 "OCMW-brief opnieuw verstuurd" 2022-2023/zuid/01.md
[ -z "$(git status --porcelain)" ] || fail "setup: $(git status --porcelain)"
# the commits' short ids, newest first: $h1 .. $h6 (h6 the first commit)
i=0
for c in $(git rev-list HEAD); do
	i=$((i + 1))
	eval "h$i=$(git rev-parse --short=7 "$c") c$i=$c"
done
[ "$i" -eq 7 ] || fail "setup: $i commits" # (and the one of praxis init)

# every change, newest first, with its message's first line; the columns
# aligned whatever the language (display width: "gewijzigd", "modif.")
px log
expect_rc 0
expect_out <<EOF2
$h1  2023-02-14 09:00  Other Lead     changed  zuid 2022-2023 #4 (2023-01-17)     2022-2023/zuid/01.md     OCMW-brief opnieuw verstuurd
$h2  2023-02-12 08:00  Test Lead      changed  zuid 2022-2023 #4 (2023-01-17)     2022-2023/zuid/01.md     brief kwam terug
$h3  2023-02-10 11:05  Derde Persoon  changed  zuid 2022-2023 #4 (2023-01-17)     2022-2023/zuid/01.md     huisarts gebeld
$h4  2023-02-02 16:45  Test Lead      added    centrum 2022-2023 #1 (2023-02-01)  2022-2023/centrum/01.md  Centre : séance 1
$h5  2023-01-25 09:30  Other Lead     changed  zuid 2022-2023 #4 (2023-01-17)     2022-2023/zuid/01.md     OCMW-brief verstuurd
$h6  2023-01-18 10:00  Test Lead      added    zuid 2022-2023 #4 (2023-01-17)     2022-2023/zuid/01.md     zuid 2022-2023 #4 (2023-01-17)
EOF2
PRAXIS_LANG=nl px log --limit 3
expect_rc 0
expect_out <<EOF2
$h1  2023-02-14 09:00  Other Lead     gewijzigd  zuid 2022-2023 #4 (2023-01-17)  2022-2023/zuid/01.md  OCMW-brief opnieuw verstuurd
$h2  2023-02-12 08:00  Test Lead      gewijzigd  zuid 2022-2023 #4 (2023-01-17)  2022-2023/zuid/01.md  brief kwam terug
$h3  2023-02-10 11:05  Derde Persoon  gewijzigd  zuid 2022-2023 #4 (2023-01-17)  2022-2023/zuid/01.md  huisarts gebeld
EOF2
PRAXIS_LANG=fr px log --limit 3 centrum
expect_rc 0
expect_out <<EOF2
$h4  2023-02-02 16:45  Test Lead  ajout  centrum 2022-2023 #1 (2023-02-01)  2022-2023/centrum/01.md  Centre : séance 1
EOF2
PRAXIS_LANG=nl px log 2022-2023/centrum/01.md
expect_out <<EOF2
$h4  2023-02-02 16:45  Test Lead  nieuw  centrum 2022-2023 #1 (2023-02-01)  2022-2023/centrum/01.md  Centre : séance 1
EOF2
# aligned: in each language every line's path starts at the same
# character (not byte) column, and no line ends in a space
for l in en nl fr; do
	PRAXIS_LANG=$l px log
	expect_rc 0
	cols=$(printf '%s\n' "$out" | while IFS= read -r line; do
		pre=${line%%2022-2023/*}; printf '%s\n' "${#pre}"; done | sort -u | wc -l)
	# two session widths (zuid, centrum) shift the path by the same amount
	[ "$cols" -eq 1 ] || fail "$l: the paths are not aligned: $out"
	printf '%s\n' "$out" | grep -q ' $' && fail "$l: a line ends in a space: $out"
done

# one note's history: who, when, what message (the whole message in JSON)
px log 2022-2023/zuid/01.md --format json
expect_rc 0
json_eq '[.[] | [.commit, .time, .author, .email, .change, .message]]' <<EOF2
[["$c1", "2023-02-14 09:00", "Other Lead", "other@example.org", "modified", "OCMW-brief opnieuw verstuurd"],
 ["$c2", "2023-02-12 08:00", "Test Lead", "lead@example.org", "modified", "brief kwam terug"],
 ["$c3", "2023-02-10 11:05", "Derde Persoon", "derde@example.org", "modified", "huisarts gebeld"],
 ["$c5", "2023-01-25 09:30", "Other Lead", "other@example.org", "modified", "OCMW-brief verstuurd\n\nDe brief ging per post."],
 ["$c6", "2023-01-18 10:00", "Test Lead", "lead@example.org", "added", "zuid 2022-2023 #4 (2023-01-17)"]]
EOF2
# the same commits as git's own history of the file
[ "$(json -c '[.[].commit]')" = "$(git log --format=%H -- 2022-2023/zuid/01.md | jq -R . | jq -s -c .)" ] ||
	fail "log PATH against git log: $out"
# from a folder of the knowledge base, the path is relative to it
cd 2022-2023/zuid
px log 01.md --format json
[ "$(json -c '[.[].commit]')" = "$(git log --format=%H -- 01.md | jq -R . | jq -s -c .)" ] || fail "log 01.md: $out"
cd ../..

# the follow-ups: added when, checked when and by whom
px log --followups zuid --format json
expect_rc 0
who() { jq -n --arg c "$1" --arg t "$2" --arg a "$3" --arg e "$4" '{commit: $c, time: $t, author: $a, email: $e}'; }
json_eq <<EOF2
[{"path": "2022-2023/zuid/01.md", "line": 12, "community": "zuid", "cycle": "2022-2023", "session": 4,
  "date": "2023-01-17", "text": "De huisarts opbellen #samenwerking", "done": true,
  "added": $(who "$c6" "2023-01-18 10:00" "Test Lead" lead@example.org),
  "checked": $(who "$c3" "2023-02-10 11:05" "Derde Persoon" derde@example.org)},
 {"path": "2022-2023/zuid/01.md", "line": 13, "community": "zuid", "cycle": "2022-2023", "session": 4,
  "date": "2023-01-17", "text": "Brief aan het OCMW", "done": true,
  "added": $(who "$c6" "2023-01-18 10:00" "Test Lead" lead@example.org),
  "checked": $(who "$c1" "2023-02-14 09:00" "Other Lead" other@example.org)},
 {"path": "2022-2023/zuid/01.md", "line": 14, "community": "zuid", "cycle": "2022-2023", "session": 4,
  "date": "2023-01-17", "text": "Verslag rondsturen", "done": true,
  "added": $(who "$c6" "2023-01-18 10:00" "Test Lead" lead@example.org), "checked": null},
 {"path": "2022-2023/zuid/01.md", "line": 15, "community": "zuid", "cycle": "2022-2023", "session": 4,
  "date": "2023-01-17", "text": "Terugkoppeling naar de dienst", "done": false,
  "added": $(who "$c5" "2023-01-25 09:30" "Other Lead" other@example.org), "checked": null}]
EOF2
# (centrum comes first by community, then zuid)
px log --followups centrum --format json
json_eq '[.[] | [.path, .line, .text, .done, .added.author, .checked]]' <<'EOF2'
[["2022-2023/centrum/01.md", 10, "Appeler le CPAS", false, "Test Lead", null]]
EOF2
px log --followups --format json
[ "$(json -c '[.[].community]')" = '["centrum","zuid","zuid","zuid","zuid"]' ] || fail "order: $out"
px log --followups zuid
expect_rc 0
expect_out <<EOF2
2022-2023/zuid/01.md:12  zuid 2022-2023 #4 (2023-01-17)  [x] De huisarts opbellen #samenwerking
    added    2023-01-18 10:00  Test Lead  $h6
    checked  2023-02-10 11:05  Derde Persoon  $h3
2022-2023/zuid/01.md:13  zuid 2022-2023 #4 (2023-01-17)  [x] Brief aan het OCMW
    added    2023-01-18 10:00  Test Lead  $h6
    checked  2023-02-14 09:00  Other Lead  $h1
2022-2023/zuid/01.md:14  zuid 2022-2023 #4 (2023-01-17)  [x] Verslag rondsturen
    added    2023-01-18 10:00  Test Lead  $h6
    checked  already when it was written
2022-2023/zuid/01.md:15  zuid 2022-2023 #4 (2023-01-17)  [ ] Terugkoppeling naar de dienst
    added    2023-01-25 09:30  Other Lead  $h5
EOF2
PRAXIS_LANG=fr px log --followups zuid
expect_rc 0
printf '%s\n' "$out" | sed -n 2,3p > "$TMPDIR/got"
printf '    ajouté  2023-01-18 10:00  Test Lead  %s\n    coché   2023-02-10 11:05  Derde Persoon  %s\n' "$h6" "$h3" > "$TMPDIR/want"
test_cmp "$TMPDIR/want" "$TMPDIR/got"
PRAXIS_LANG=nl px log --followups zuid
printf '%s\n' "$out" | sed -n 8,9p > "$TMPDIR/got"
printf '    toegevoegd  2023-01-18 10:00  Test Lead  %s\n    afgevinkt   al bij het schrijven\n' "$h6" > "$TMPDIR/want"
test_cmp "$TMPDIR/want" "$TMPDIR/got"
px log --followups nergens
expect_rc 2

# the brief: closed since the last session (session 4, 2023-01-17): the
# two checked later, by whom and when; not the one written done
px brief zuid --format json
expect_rc 0
json_eq '[.closed_followups, [.open_followups[].text]]' <<'EOF2'
[[{"path": "2022-2023/zuid/01.md", "line": 12, "session": 4, "date": "2023-01-17",
   "text": "De huisarts opbellen", "checked": "2023-02-10", "by": "Derde Persoon"},
  {"path": "2022-2023/zuid/01.md", "line": 13, "session": 4, "date": "2023-01-17",
   "text": "Brief aan het OCMW", "checked": "2023-02-14", "by": "Other Lead"}],
 ["Terugkoppeling naar de dienst"]]
EOF2
for l in nl fr; do
	px brief zuid --lang $l
	expect_rc 0
	case $l in
	nl) want='Afgesloten sinds de vorige sessie
---------------------------------

- [x] De huisarts opbellen (afgevinkt op 2023-02-10 door Derde Persoon;
      2023-01-17, 2022-2023/zuid/01.md:12)
- [x] Brief aan het OCMW (afgevinkt op 2023-02-14 door Other Lead; 2023-01-17,
      2022-2023/zuid/01.md:13)' ;;
	fr) want='Clôturés depuis la dernière séance
----------------------------------

- [x] De huisarts opbellen (coché le 2023-02-10 par Derde Persoon ; 2023-01-17,
      2022-2023/zuid/01.md:12)
- [x] Brief aan het OCMW (coché le 2023-02-14 par Other Lead ; 2023-01-17,
      2022-2023/zuid/01.md:13)' ;;
	esac
	printf '%s\n' "$want" > "$TMPDIR/want"
	printf '%s\n' "$out" | awk -v h="$(printf '%s\n' "$want" | head -1)" '$0 == h {p=1} p && /^$/ && n++ >= 1 {exit} p' > "$TMPDIR/got"
	test_cmp "$TMPDIR/want" "$TMPDIR/got"
done
px brief zuid --format html
expect_rc 0
contains "$out" 'Afgesloten sinds de vorige sessie'
contains "$out" 'afgevinkt op 2023-02-10 door Derde Persoon'
# centrum's last session is after nothing was checked: none closed
px brief centrum --format json
[ "$(json -c .closed_followups)" = '[]' ] || fail "centrum closed: $out"
