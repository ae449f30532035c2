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
contains "$out" "1 note checked: 0 errors, 0 warnings"

# found by walking up from a subfolder, like git
cd kb/2022-2023/zuid
px check 04.md
expect_rc 0
cd "$TMPDIR"

# not a knowledge base
mkdir empty
px -C empty check
expect_rc 2
contains "$err" "not inside a knowledge base"

px -C kb check --format yaml
expect_rc 2
contains "$err" "option '--format' does not take 'yaml' (choose from text, json)"

px -C kb check --frobnicate
expect_rc 2
contains "$err" "unknown option '--frobnicate'"

px -C kb chekc
expect_rc 2
contains "$err" "unknown command 'chekc' (did you mean 'check'?)"

px check --help
expect_rc 0
contains "$out" "usage: praxis check"

px --help
expect_rc 0
contains "$out" "commands:"

px --lang nl check --help
contains "$out" "gebruik: praxis check"
px --lang fr check --help
contains "$out" "usage : praxis check"

px -C does-not-exist check
expect_rc 2
contains "$err" "cannot use directory 'does-not-exist'"
