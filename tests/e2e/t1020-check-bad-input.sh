# check: malformed input gets one clear diagnostic at the right line and
# never a crash (this script also runs under ASan/UBSan and valgrind).
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
cd kb
mkdir -p d

: > d/empty.md
px check d/empty.md
expect_rc 1
expect_out <<'EOF2'
d/empty.md:1:1: error: empty note: it must start with front matter between '---' lines [empty]
1 note checked: 1 error, 0 warnings
EOF2

printf -- '---\ncommunity: zuid\ncycle: 2022-2023\n\nBody without a closing line.\n' > d/unclosed.md
px check d/unclosed.md
expect_rc 1
expect_out <<'EOF2'
d/unclosed.md:1:1: error: front matter opened here is never closed with '---' [front-matter]
    1 | ---
      | ^
1 note checked: 1 error, 0 warnings
EOF2

printf '# Just markdown\n\nNo front matter.\n' > d/nofm.md
px check d/nofm.md
expect_rc 1
expect_out <<'EOF2'
d/nofm.md:1:1: error: note must start with front matter: a '---' line [front-matter]
    1 | # Just markdown
      | ^
1 note checked: 1 error, 0 warnings
EOF2

printf -- '---\ncommunity: zuid\nmethods: [intervision, evaluation\nlang: nl\n---\nBody.\n' > d/yaml1.md
px check d/yaml1.md
expect_rc 1
expect_out <<'EOF2'
d/yaml1.md:4:5: error: YAML syntax: expected ',' or ']' [yaml-syntax]
    4 | lang: nl
      |     ^
1 note checked: 1 error, 0 warnings
EOF2

printf -- '---\ncommunity: zuid\ntitle: Wie: wat\n---\nBody.\n' > d/yaml2.md
px check d/yaml2.md
expect_rc 1
expect_out <<'EOF2'
d/yaml2.md:3:11: error: YAML syntax: ':' is not allowed here (quote the value) [yaml-syntax]
    3 | title: Wie: wat
      |           ^
1 note checked: 1 error, 0 warnings
EOF2

printf -- '---\n- a\n- b\n---\nBody.\n' > d/list.md
px check d/list.md
expect_rc 1
expect_out <<'EOF2'
d/list.md:2:1: error: front matter must be a mapping of keys to values [front-matter]
    2 | - a
      | ^
1 note checked: 1 error, 0 warnings
EOF2

printf -- '---\ncommunity: zuid\n---\nCaf\351 au lait.\n' > d/latin1.md
px check d/latin1.md
expect_rc 1
expect_out <<'EOF2'
d/latin1.md:4:4: error: invalid UTF-8 byte 0xe9 [encoding]
    4 | Caf\xE9 au lait.
      |    ^
1 note checked: 1 error, 0 warnings
EOF2

printf -- '---\ncommunity: zuid\n---\nab\000cd\n' > d/binary.md
px check d/binary.md
expect_rc 1
expect_out <<'EOF2'
d/binary.md:4:3: error: binary file: a note is UTF-8 text [binary]
    4 | ab
      |   ^
1 note checked: 1 error, 0 warnings
EOF2

# a community id that tries to be a path is refused as an id
note d/etc.md <<'EOF2'
Body.
EOF2
sed -i 's#^community: zuid#community: ../../etc#' d/etc.md
px check d/etc.md
expect_rc 1
expect_out <<'EOF2'
d/etc.md:2:12: error: community id '../../etc' is not valid: use lowercase letters, digits and '-' [invalid-value]
    2 | community: ../../etc
      |            ^
d/etc.md:2:12: error: unknown community '../../etc' [unknown-community]
    2 | community: ../../etc
      |            ^
d/etc.md:3:8: warning: path does not match the front matter: expected '2022-2023/../../etc/04.md' [path-mismatch]
    3 | cycle: 2022-2023
      |        ^
1 note checked: 2 errors, 1 warning
EOF2

# 5 MB: refused with the limit stated, quickly
{ printf -- '---\ncommunity: zuid\n---\n'; yes 'Een lange regel tekst over #tijd en zorg in de wijk.' | head -c 5000000; } > d/big.md
px check d/big.md
expect_rc 1
expect_out <<'EOF2'
d/big.md:1:1: error: note is larger than the 2 MiB limit [too-large]
1 note checked: 1 error, 0 warnings
EOF2

# just under the limit: parsed in full
note d/large.md < /dev/null
yes 'Een lange regel tekst over #tijd en zorg in de wijk.' | head -n 38000 >> d/large.md
px check d/large.md
expect_rc 0
# (the path rule warns, as for every note outside its session's path)
expect_out <<'EOF2'
d/large.md:3:8: warning: path does not match the front matter: expected '2022-2023/zuid/04.md' [path-mismatch]
    3 | cycle: 2022-2023
      |        ^
1 note checked: 0 errors, 1 warning
EOF2
# each note below claims the same session: one at a time
rm d/large.md

# deeply nested lists and quotes are read in linear time: they
{ note d/deep.md < /dev/null; cat d/deep.md; i=0; while [ $i -lt 3000 ]; do printf '>'; i=$((i+1)); done; printf ' diep #tijd\n'; } > d/deep2.md
mv d/deep2.md d/deep.md
i=0; while [ $i -lt 500 ]; do printf '%*s- niveau %d #tijd\n' $((i*2)) '' $i; i=$((i+1)); done >> d/deep.md
# are refused past 16 levels, at the marker that passes it (doc/check.md;
# tests/e2e/t1040-pathological.sh has every family)
px check d/deep.md
expect_rc 1
# the line shown is cut at 400 characters
expect_out <<EOF2
d/deep.md:3:8: warning: path does not match the front matter: expected '2022-2023/zuid/04.md' [path-mismatch]
    3 | cycle: 2022-2023
      |        ^
d/deep.md:9:17: error: block quotes and lists nested deeper than 16 levels: the body is not read [too-deep]
    9 | $(printf '%400s' '' | tr ' ' '>')
      |                 ^
1 note checked: 1 error, 1 warning
EOF2
rm d/deep.md
# a 1 MB line: refused past 32 KiB, without reading the body
{ note d/longline.md < /dev/null; cat d/longline.md; head -c 1000000 /dev/zero | tr '\0' 'a'; printf ' #tjid\n'; } > d/ll.md
mv d/ll.md d/longline.md
px check d/longline.md
expect_rc 1
# (no 'unknown code' for the '#tjid' the body holds: it is not read)
expect_out <<EOF2
d/longline.md:3:8: warning: path does not match the front matter: expected '2022-2023/zuid/04.md' [path-mismatch]
    3 | cycle: 2022-2023
      |        ^
d/longline.md:9:32769: error: line is longer than the 32 KiB limit: the body is not read [line-too-long]
    9 | $(printf '%400s' '' | tr ' ' a)
      | $(printf '%401s' '^')
1 note checked: 1 error, 1 warning
EOF2

# a directory given as a note, and a missing file
px check d/missing.md
expect_rc 1
expect_out <<'EOF2'
d/missing.md: error: cannot read 'd/missing.md': no such file or folder [io-error]
0 notes checked: 1 error, 0 warnings
EOF2
