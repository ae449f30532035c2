# Every option that takes a whole number, of every command, reads it the
# one way (opt.h px_opt_number): decimal digits only, from its lower to
# its upper bound; anything else (a sign, a fraction, a space, hex, an
# empty value, a number too large for the machine) is refused with the
# bounds in the user's language and exit 2, before the command does
# anything; both bounds are accepted. The web's parameters and front
# matter's numbers read the same way (px_whole_number): t7030, t1000.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid

# command, its argument (- for none), option, lowest, highest, and whether
# an accepted value can be run here (serve would serve until stopped)
while read -r cmd arg opt lo hi run; do
	[ "$arg" != - ] || arg=
	# shellcheck disable=SC2086 # the argument is one word or none
	for v in $((lo - 1)) $((hi + 1)) abc '' 1.5 +1 ' 1' 0x10 -0 99999999999999999999; do
		for form in split joined; do
			if [ $form = split ]; then px $cmd $arg "--$opt" "$v"; else px $cmd $arg "--$opt=$v"; fi
			expect_rc 2
			expect_err <<EOF2
praxis: error: option '--$opt' needs a whole number from $lo to $hi, not '$v'
EOF2
			[ -z "$out" ] || fail "$cmd --$opt '$v' printed: $out"
		done
	done
	if [ "$run" = y ]; then
		for v in $lo $hi; do
			px $cmd $arg "--$opt" "$v"
			expect_rc 0
		done
	fi
done <<'TABLE'
search tijd limit 0 1000000000 y
log - limit 0 1000000000 y
codes tijd limit 0 1000000000 y
codes tijd offset 0 1000000000 y
codes tijd session 1 12 y
serve - threads 1 64 n
serve - timeout 1 3600 n
serve - max-connections 1 4096 n
serve - cache-size 0 4096 n
TABLE

# the same message in Dutch and French
PRAXIS_LANG=nl px codes tijd --session 13
expect_rc 2
expect_err <<'EOF2'
praxis: fout: optie '--session' verwacht een geheel getal van 1 tot 12, niet '13'
EOF2
PRAXIS_LANG=fr px search tijd --limit=-1
expect_rc 2
expect_err <<'EOF2'
praxis: erreur: l'option '--limit' attend un nombre entier de 0 à 1000000000, pas '-1'
EOF2

# a session number narrows: 12 finds nothing in zuid's notes, 2 its own
px codes tijd --session 2 --format json
expect_rc 0
[ "$(json '[.segments[] | .session] | unique | map(tostring) | join(" ")')" = 2 ] ||
	fail "--session 2: $(json -c '[.segments[] | .session]')"
px codes tijd --session 12 --format json
expect_rc 0
[ "$(json '.segments | length')" = 0 ] || fail "--session 12: $(json -c .segments)"
echo ok
