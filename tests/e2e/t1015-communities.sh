# communities.yaml is checked like a note: each mistake at its line and
# column with a rule name and a suggestion, in text and JSON, in the
# user's language; no other command runs while it has errors.
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
cd kb
cp communities.yaml "$TMPDIR/good.yaml"

# a table: the third community as written (printf format, lines 12-) |
# the diagnostic check prints for it, exactly
cases='  - id: Centre\n    name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:12:9: error: community id '"'Centre'"' is not valid: use lowercase letters, digits and '"'-'"' [invalid-value]
  - id: oost\n    name: { nl: "PG Oost" }\n    lang: nl\n|communities.yaml:13:11: error: community '"'oost'"' needs a French name: name: { nl: ..., fr: ... } [missing-key]
  - id: oost\n    name: { fr: "CdP Est" }\n    lang: nl\n|communities.yaml:13:11: error: community '"'oost'"' needs a Dutch name: name: { nl: ..., fr: ... } [missing-key]
  - id: oost\n    lang: nl\n|communities.yaml:12:5: error: community '"'oost'"' needs a name in Dutch and in French: name: { nl: ..., fr: ... } [missing-key]
  - id: oost\n    name: PG Oost\n    lang: nl\n|communities.yaml:13:11: error: '"'name'"' gives the Dutch and the French text: name: { nl: ..., fr: ... } [invalid-value]
  - id: oost\n    name: { nl: "X", fr: "X" }\n    zone: { nl: "Zorgzone Oost" }\n    lang: nl\n|communities.yaml:14:11: error: community '"'oost'"' needs a French zone: zone: { nl: ..., fr: ... } [missing-key]
  - id: oost\n    name: { nl: "X", fr: "X" }\n    lang: français\n|communities.yaml:14:11: error: lang must be '"'nl'"' or '"'fr'"', not '"'français'"' (did you mean '"'fr'"'?) [invalid-value]
  - id: oost\n    name: { nl: "X", fr: "X" }\n    lang: en\n|communities.yaml:14:11: error: lang must be '"'nl'"' or '"'fr'"', not '"'en'"' [invalid-value]
  - id: oost\n    name: { nl: "X", fr: "X" }\n|communities.yaml:12:5: error: community '"'oost'"' needs its language: lang: nl or lang: fr [missing-key]
  - id: oost\n    name: { nl: "X", fr: "X" }\n    lang: nl\n    moderators: "A, B"\n|communities.yaml:15:17: error: '"'moderators'"' must be a list, not one text: write moderators: ["A", "B"] [invalid-value]
  - id: oost\n    name: { nl: "X", fr: "X" }\n    lang: nl\n    colour: blue\n|communities.yaml:15:5: error: unknown key '"'colour'"' [unknown-key]
  - id: oost\n    nmae: { nl: "X", fr: "X" }\n    name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:13:5: error: unknown key '"'nmae'"' (did you mean '"'name'"'?) [unknown-key]
  - id: oost\n    name: { nl: "X", fr: "X", en: "X" }\n    lang: nl\n|communities.yaml:13:31: error: unknown key '"'en'"' [unknown-key]
  - id: oost\n    id: west\n    name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:13:5: error: duplicate key '"'id'"' [duplicate-key]
  - id: zuid\n    name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:12:9: error: community '"'zuid'"' is defined twice, at lines 2 and 12 [duplicate-community]
  - name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:12:5: error: community needs an id: lowercase letters, digits and '"'-'"', e.g. id: zuid [missing-key]
  - id: ../../../outside/pwned\n    name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:12:9: error: community id '"'../../../outside/pwned'"' is not valid: use lowercase letters, digits and '"'-'"' [invalid-value]
  - id: "javascript:alert(1)//"\n    name: { nl: "X", fr: "X" }\n    lang: nl\n|communities.yaml:12:9: error: community id '"'javascript:alert(1)//'"' is not valid: use lowercase letters, digits and '"'-'"' [invalid-value]
  - oost\n|communities.yaml:12:5: error: each community is a mapping of keys to values: id, name, zone, lang, moderators [invalid-value]'
n=0
printf '%s\n' "$cases" | while IFS='|' read -r yaml expected; do
	cp "$TMPDIR/good.yaml" communities.yaml
	# shellcheck disable=SC2059
	printf "$yaml" >> communities.yaml
	px check
	expect_rc 1
	contains "$out" "$expected"
	contains "$out" "0 notes checked: 1 error, 0 warnings"
	# every other command refuses, with the same diagnostic
	px stats
	expect_rc 1
	contains "$err" "$expected"
done

# all problems at once, in order of lines, in JSON too, with the hint
cp "$TMPDIR/good.yaml" communities.yaml
printf '  - id: Centre\n    name: { nl: "X" }\n    lang: français\n    moderators: "A, B"\n    colour: blue\n  - id: zuid\n    name: { nl: "X", fr: "X" }\n    lang: nl\n' >> communities.yaml
px check --format json
expect_rc 1
[ "$out" = '[
 {"file": "communities.yaml", "line": 12, "column": 9, "severity": "error", "rule": "invalid-value", "message": "community id '"'Centre'"' is not valid: use lowercase letters, digits and '"'-'"'", "hint": "write id: centre"},
 {"file": "communities.yaml", "line": 13, "column": 11, "severity": "error", "rule": "missing-key", "message": "community '"'Centre'"' needs a French name: name: { nl: ..., fr: ... }"},
 {"file": "communities.yaml", "line": 14, "column": 11, "severity": "error", "rule": "invalid-value", "message": "lang must be '"'nl'"' or '"'fr'"', not '"'français'"' (did you mean '"'fr'"'?)"},
 {"file": "communities.yaml", "line": 15, "column": 17, "severity": "error", "rule": "invalid-value", "message": "'"'moderators'"' must be a list, not one text: write moderators: [\"A\", \"B\"]"},
 {"file": "communities.yaml", "line": 16, "column": 5, "severity": "error", "rule": "unknown-key", "message": "unknown key '"'colour'"'"},
 {"file": "communities.yaml", "line": 17, "column": 9, "severity": "error", "rule": "duplicate-community", "message": "community '"'zuid'"' is defined twice, at lines 2 and 17"}
]' ] || fail "json: $out"
# in French, asked after the command as before it
px check --lang fr
expect_rc 1
contains "$out" "communities.yaml:13:11: erreur: la communauté 'Centre' a besoin d'un nom français : name: { nl: ..., fr: ... } [missing-key]"
contains "$out" "      = écrivez id: centre"
contains "$out" "0 note vérifiée : 6 erreurs, 0 avertissement"
px --lang nl check
contains "$out" "communities.yaml:17:9: fout: gemeenschap 'zuid' is twee keer gedefinieerd, op regel 2 en 17 [duplicate-community]"
# no command runs; `new` writes nothing
for cmd in "new zuid" "log" "commit" "brief zuid"; do
	# shellcheck disable=SC2086
	px $cmd
	[ "$rc" -eq 1 ] || fail "'$cmd' ran on a broken communities.yaml (exit $rc)"
	contains "$err" "communities.yaml:12:9: error: community id 'Centre' is not valid"
done
[ ! -e 2022-2023 ] || fail "new wrote a note"

# the good file checks clean
cp "$TMPDIR/good.yaml" communities.yaml
px check
expect_rc 0
[ "$out" = "0 notes checked: 0 errors, 0 warnings" ] || fail "clean: $out"
echo ok
