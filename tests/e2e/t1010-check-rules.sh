# check: the rules that need a place in the knowledge base (the path rule),
# with their whole output, text and JSON. Every other front matter,
# codebook and hashtag rule is a fixture in tests/check/ (NAME.md beside
# NAME.expected, run by t1016-check-fixtures): front-matter-keys,
# front-matter-values, hashtags, and the rest.
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
cd kb

# a note whose date is past its cycle, at a path that is not its session's
note 2022-2023/zuid/05.md <<'EOF2'
Body.
EOF2
sed -i 's/^date: .*/date: 2023-09-01/' 2022-2023/zuid/05.md
px check 2022-2023/zuid/05.md
expect_rc 1
expect_out <<'EOF2'
2022-2023/zuid/05.md:4:10: warning: path does not match the front matter: expected '2022-2023/zuid/04.md' [path-mismatch]
    4 | session: 4
      |          ^
2022-2023/zuid/05.md:5:7: error: date 2023-09-01 is outside cycle 2022-2023 (1 September 2022 to 31 August 2023) [date-outside-cycle]
    5 | date: 2023-09-01
      |       ^
1 note checked: 1 error, 1 warning
EOF2
expect_err < /dev/null

px check --format json 2022-2023/zuid/05.md
expect_rc 1
json_eq <<'EOF2'
[
  {"file": "2022-2023/zuid/05.md", "line": 4, "column": 10, "severity": "warning", "rule": "path-mismatch",
   "message": "path does not match the front matter: expected '2022-2023/zuid/04.md'"},
  {"file": "2022-2023/zuid/05.md", "line": 5, "column": 7, "severity": "error", "rule": "date-outside-cycle",
   "message": "date 2023-09-01 is outside cycle 2022-2023 (1 September 2022 to 31 August 2023)"}
]
EOF2
