# check: every front matter and codebook rule, each at its line and column.
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
cd kb

# diag FILE LINE COL RULE MESSAGE: the text output has that diagnostic
diag() {
	contains "$out" "$1:$2:$3: error: $5 [$4]"
}

mkdir -p 2022-2023
cat > 2022-2023/zuid-keys.md <<'EOF2'
---
community: zuid
cycle: 2022-2023
sesion: 4
date: 2023-01-17
lang: nl
author: "M. Lead"
author: "Again"
methods: [case-presentaton, world-cafe]
themes: [tijd, tjid, resource.trust]
attendance: -3
---
Body.
EOF2
px check 2022-2023/zuid-keys.md
expect_rc 1
diag 2022-2023/zuid-keys.md 4 1 unknown-key "unknown key 'sesion' (did you mean 'session'?)"
diag 2022-2023/zuid-keys.md 8 1 duplicate-key "duplicate key 'author'"
diag 2022-2023/zuid-keys.md 9 11 unknown-method "unknown method 'case-presentaton' (did you mean 'case-presentation'?)"
diag 2022-2023/zuid-keys.md 10 16 unknown-code "unknown code 'tjid' (did you mean 'tijd'?)"
diag 2022-2023/zuid-keys.md 11 13 invalid-value "'attendance' must be a whole number from 0 to 1000, not '-3'"
diag 2022-2023/zuid-keys.md 1 1 missing-key "missing required key 'session'"

cat > 2022-2023/values.md <<'EOF2'
---
community: zuud
cycle: 2022-2024
session: 13
date: 2023-02-30
lang: en
author: ""
---
Body.
EOF2
px check 2022-2023/values.md
expect_rc 1
diag 2022-2023/values.md 2 12 unknown-community "unknown community 'zuud' (did you mean 'zuid'?)"
diag 2022-2023/values.md 3 8 invalid-value "cycle must be two consecutive years as YYYY-YYYY, not '2022-2024'"
diag 2022-2023/values.md 4 10 invalid-value "'session' must be a whole number from 1 to 12, not '13'"
diag 2022-2023/values.md 5 7 invalid-value "date must be a real date as YYYY-MM-DD, not '2023-02-30'"
diag 2022-2023/values.md 6 7 invalid-value "lang must be 'nl' or 'fr', not 'en'"
diag 2022-2023/values.md 7 9 invalid-value "'author' must not be empty"

note 2022-2023/zuid/05.md <<'EOF2'
Body.
EOF2
sed -i 's/^date: .*/date: 2023-09-01/' 2022-2023/zuid/05.md
px check 2022-2023/zuid/05.md
expect_rc 1
diag 2022-2023/zuid/05.md 5 7 date-outside-cycle "date 2023-09-01 is outside cycle 2022-2023 (1 September 2022 to 31 August 2023)"
contains "$out" "2022-2023/zuid/05.md:4:10: warning: path does not match the front matter: expected '2022-2023/zuid/04.md' [path-mismatch]"
rm 2022-2023/zuid/05.md

# hashtags: in text they code, in code, links, URLs and headings they do not
note 2022-2023/zuid/04.md <<'EOF2'

## Casus #tijd

Niemand wist wie de coördinatie opnam. #samenwerking #tjid
Wie is `#nocode` hier, en [de link](https://example.org/#nocode) of https://example.org/#nocode?
Ook C#sharp of mail#nocode telt niet, en #4 is een nummer.

```
#nocode in a code block
```

| Dienst | Wat |
| --- | --- |
| OCMW | hulp #overleg #onbekend |

- [ ] opvolgen #ziekenhuiz
EOF2
px check 2022-2023/zuid/04.md
expect_rc 1
diag 2022-2023/zuid/04.md 12 54 unknown-code "unknown code '#tjid' (did you mean '#tijd'?)"
diag 2022-2023/zuid/04.md 22 24 unknown-code "unknown code '#onbekend'"
diag 2022-2023/zuid/04.md 24 16 unknown-code "unknown code '#ziekenhuiz' (did you mean '#ziekenhuis'?)"
lacks "$out" "nocode"
lacks "$out" "sharp"
contains "$out" "3 errors, 0 warnings"
# the caret sits under the '#' of the accented line
contains "$out" "   12 | Niemand wist wie de coördinatie opnam. #samenwerking #tjid"

px check --format json 2022-2023/zuid/04.md
expect_rc 1
contains "$out" '{"file": "2022-2023/zuid/04.md", "line": 12, "column": 54, "severity": "error", "rule": "unknown-code", "message": "unknown code '"'"'#tjid'"'"' (did you mean '"'"'#tijd'"'"'?)"}'
