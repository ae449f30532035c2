# check: every complaint of libyaml (0.2.5) about front matter reads in the
# user's language; libyaml's English never stands inside a translated
# sentence (an unknown one would be a translated sentence plus a labelled
# detail line). One line of front matter per case: "LINE~ENGLISH" with
# ENGLISH the translation expected in English.
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
cd kb
mkdir -p d
bs='\'
cases="title: & a~expected a letter or digit (after '&', '*' or '!'; quote the value)
title: * a~expected a letter or digit (after '&', '*' or '!'; quote the value)
title: !<x a~expected '>' (quote the value)
title: \"${bs}x4\"~expected a hexadecimal digit after '${bs}x', '${bs}u' or '${bs}U'
title: \"${bs}uD800\"~invalid Unicode code after '${bs}u' or '${bs}U'
title: \"${bs}U0011FFFF\"~invalid Unicode code after '${bs}u' or '${bs}U'
title: \"a${bs}qb\"~unknown escape sequence
title: !<%zz> a~'%' must be followed by two hexadecimal digits
title: !x!y a~unknown tag
title: |0~an indentation of 0 after '|' or '>' is not allowed
title: @a~a character that cannot start a value (quote the value)
title: [a~expected ',' or ']'
title: {a: b~expected ',' or '}'
title: a: b~':' is not allowed here (quote the value)
title: *nope~unknown alias
%FOO bar~unknown '%' directive
%YAML 1.1 x~expected a line break (or a comment with '#')
%YAML 1~expected a digit or '.' in the version number
%TAG !a x~expected '!'"
i=0
printf '%s\n' "$cases" | while IFS='~' read -r line english; do
	i=$((i + 1))
	printf -- '---\ncommunity: zuid\ncycle: 2022-2023\n%s\n---\nBody.\n' "$line" > d/y$i.md
	px --lang en check d/y$i.md
	expect_rc 1
	contains "$out" "error: YAML syntax: $english [yaml-syntax]"
	for lang in nl fr; do
		px --lang $lang check d/y$i.md
		expect_rc 1
		case $lang in
		nl) contains "$out" "fout: YAML-syntaxis: ";;
		fr) contains "$out" "erreur: syntaxe YAML : ";;
		esac
		for english in "did not" "found" "expected" "allowed" "octet" "hexdecimal" \
			"character" "Engels" "anglais" "YAML syntax"; do
			lacks "$out" "$english"
		done
	done
done

# two anchors of one name: libyaml's problem is only "second occurrence"
printf -- '---\ncommunity: zuid\ncycle: 2022-2023\ntitle: &a x\nlang: &a nl\n---\nBody.\n' > d/anchor.md
px --lang fr check d/anchor.md
expect_rc 1
contains "$out" "d/anchor.md:5:7: erreur: syntaxe YAML : ancre ('&') en double [yaml-syntax]"
lacks "$out" "occurrence"
echo "ok"
