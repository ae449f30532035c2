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
	got=$(printf '%s\n' "$out" | jq -r '.open_followups[] | "\(.path):\(.line)"' | sort)
	[ -n "$want" ] || fail "fixture: no open follow-ups in $c"
	[ "$want" = "$got" ] || fail "open follow-ups of $c differ: want [$want] got [$got]"
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

px brief zuid --format json
[ "$(printf '%s' "$out" | jq -c '{community, name, lang, cycle, next_session, expected_sessions}')" = \
  '{"community":"zuid","name":"PG Zuid","lang":"nl","cycle":"2022-2023","next_session":8,"expected_sessions":10}' ] ||
	fail "brief zuid json: $out"
[ "$(printf '%s' "$out" | jq -c '.last_session | {path, line, session, date}')" = \
  '{"path":"2022-2023/zuid/07.md","line":1,"session":7,"date":"2023-03-21"}' ] || fail "brief zuid last session: $out"

px brief zuid --format md
contains "$out" "# Voorbereiding van de volgende sessie: PG Zuid"
contains "$out" "## Open opvolgpunten"

px brief nowhere
expect_rc 2
contains "$err" "unknown community 'nowhere'"
px brief zuid --format pdf
expect_rc 2
