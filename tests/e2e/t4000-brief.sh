# brief: open follow-ups equal the unchecked task items of the community's
# notes; text fits 80 columns; both languages; JSON shape.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb

for c in zuid centrum noord-oost zuid-oost; do
	px brief "$c" --format json
	expect_rc 0
	# every unchecked task item of the community's notes, as path:line
	want=$(grep -n '^ *[-*+] \[ \]' 2022-2023/$c/*.md | cut -d: -f1,2 | sort)
	got=$(json '.open_followups[] | "\(.path):\(.line)"' | sort)
	[ -n "$want" ] || fail "fixture: no open follow-ups in $c"
	[ "$want" = "$got" ] || fail "open follow-ups of $c differ: want [$want] got [$got]"
	# the attendance of each session, as its front matter says
	want=$(for f in 2022-2023/$c/*.md; do
		printf '%s %s\n' "$(sed -n 's/^session: //p' "$f")" "$(sed -n 's/^attendance: //p' "$f")"; done | sort -n)
	[ "$(json '.attendance[] | "\(.session) \(.attendance)"')" = "$want" ] || fail "attendance of $c: $out"
done

px brief zuid
expect_rc 0
contains "$out" "Voorbereiding van de volgende sessie: PG Zuid"
contains "$out" "Volgende sessie: 8 van ongeveer 10 (cyclus 2022-2023)"
contains "$out" "Open opvolgpunten"
contains "$out" "Aanwezigheid per sessie"
w=$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 wc -L)
[ "$w" -le 80 ] || fail "text brief is $w columns wide"

px brief zuid --lang fr
contains "$out" "Préparation de la prochaine séance : CdP Sud"
contains "$out" "Suivis ouverts"
lacks "$out" "Open opvolgpunten"

px brief centrum
contains "$out" "Prochaine séance : 8 sur environ 10"

# the whole document, once parsed, as recorded from the demo notes (and
# checked above against them for the follow-ups and the attendance)
px brief zuid --format json
expect_rc 0
json_eq < "$TOP/tests/e2e/expected/brief-zuid.json"

px brief zuid --format md
contains "$out" "# Voorbereiding van de volgende sessie: PG Zuid"
contains "$out" "## Open opvolgpunten"

px brief nowhere
expect_rc 2
expect_err <<'EOF2'
praxis: error: unknown community 'nowhere'
EOF2
px brief zuid --format pdf
expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--format' does not take 'pdf' (choose from text, md, html, json)
EOF2
