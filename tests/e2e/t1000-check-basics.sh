# check: a clean note, the knowledge base found from a subfolder, -C,
# --help, usage errors and the exit statuses.
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
note kb/2022-2023/zuid/04.md 'attendance: 11' 'methods: [case-presentation]' 'themes: [tijd]' <<'EOF2'

## Casus

Een deelnemer stelde de situatie van mevrouw A. voor. #samenwerking #Ziekenhuis

> "Ik voel me radeloos." #emotionele-last

- [ ] De helpdesk contacteren #hôpital
EOF2
px -C kb check
expect_rc 0
expect_out <<'EOF2'
1 note checked: 0 errors, 0 warnings
EOF2
expect_err < /dev/null

# found by walking up from a subfolder, like git
cd kb/2022-2023/zuid
px check 04.md
expect_rc 0
expect_out <<'EOF2'
1 note checked: 0 errors, 0 warnings
EOF2
cd "$TMPDIR"

# not a knowledge base
mkdir empty
px -C empty check
expect_rc 2
expect_out < /dev/null
expect_err <<EOF2
praxis: error: not inside a knowledge base (no communities.yaml here or above '$(cd empty && pwd -P)'); use -C DIR or 'praxis init DIR'
EOF2

px -C kb check --format yaml
expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--format' does not take 'yaml' (choose from text, json)
EOF2

px -C kb check --frobnicate
expect_rc 2
expect_err <<'EOF2'
praxis: error: unknown option '--frobnicate' (see 'praxis check --help')
EOF2

px -C kb chekc
expect_rc 2
expect_err <<'EOF2'
praxis: error: unknown command 'chekc' (did you mean 'check'?)
EOF2

# help: on stdout, in the language asked; its first line is the usage
px check --help
expect_rc 0
[ -z "$err" ] || fail "help wrote to stderr: $err"
[ "$(printf '%s\n' "$out" | head -1)" = "usage: praxis check [--format text|json] [--summary] [--lang LANG] [PATH...]" ] ||
	fail "check --help: $out"

px --help
expect_rc 0
[ "$(printf '%s\n' "$out" | head -1)" = "usage: praxis [-C DIR] [--lang nl|fr|en] COMMAND [ARGS]" ] || fail "--help: $out"
contains "$out" "commands:"

px --lang nl check --help
expect_rc 0
[ "$(printf '%s\n' "$out" | head -1)" = "gebruik: praxis check [--format text|json] [--summary] [--lang TAAL] [PAD...]" ] ||
	fail "nl check --help: $out"
px --lang fr check --help
expect_rc 0
[ "$(printf '%s\n' "$out" | head -1)" = "usage : praxis check [--format text|json] [--summary] [--lang LANGUE] [CHEMIN...]" ] ||
	fail "fr check --help: $out"

px -C does-not-exist check
expect_rc 2
expect_err <<'EOF2'
praxis: error: cannot use directory 'does-not-exist': no such file or folder
EOF2
