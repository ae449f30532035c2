# Pathological note bodies (sourced, POSIX sh): the families of cmark's
# own test/pathological_tests.py, the GitHub extensions' (tables,
# autolinks, strikethrough, footnotes) and praxis' own (hashtags).
#
# Used by tests/e2e/t1040-pathological.sh (each must complete and give
# the right diagnostic) and by bench/run.sh (time at n, 2n and 4n).
#
# PATHO_TABLE has one family a line: NAME BASE_N RULE WHERE, where RULE
# is the diagnostic `praxis check` gives at BASE_N (a bound of
# doc/check.md), or `-` when the note is fine as it is, and WHERE its
# LINE:COLUMN in a note written by patho_note (body from line 9). patho_gen NAME N writes the body of
# size parameter N (about N repetitions of the family's unit) to stdout.

PATHO_TABLE='
dash-newlines            5000 too-deep        9:34
ordered-newlines         4000 too-deep        9:49
nested-quotes            4000 too-deep        9:33
quote-lines              4000 too-deep        9:33
nested-lists              100 too-deep        25:33
nested-brackets         50000 -               -
nested-emph             20000 markup-too-deep 9:344
emph-closers            50000 -               -
emph-openers            50000 -               -
emph-mixed              50000 -               -
emph-mod3               50000 -               -
many-stars              50000 -               -
many-underscores        50000 -               -
link-closers            50000 -               -
link-openers            50000 -               -
link-emph               50000 -               -
bracket-paren           20000 -               -
unclosed-link-a         20000 -               -
unclosed-link-b         20000 -               -
link-nest               20000 -               -
many-lt                 50000 -               -
backticks                 400 -               -
html-comments           20000 -               -
entities                50000 -               -
many-refs                5000 -               -
footnote-refs           20000 -               -
wide-table               2000 table-too-wide  9:261
narrow-table-wide-row    2000 table-too-wide  11:261
table-rows              20000 -               -
autolink-www             2000 autolink-run    9:49
autolink-http           20000 -               -
autolink-email          20000 -               -
strike-tildes           20000 -               -
hashtags-lines          20000 -               -
unknown-tags-lines       5000 unknown-code    9:1
entity-tags             20000 -               -
long-line               10000 line-too-long   9:32769
'

patho_gen() { # NAME N
	awk -v f="$1" -v n="$2" '
	# rep: k copies of s, in lines of at most 1000 bytes (one paragraph:
	# the inline families stay whole, and no line passes the line limit);
	# one: k copies on one line
	function rep(s, k,   i) {
		for (i = 0; i < k; i++) {
			if (col + length(s) > 1000) { printf "\n"; col = 0 }
			printf "%s", s; col += length(s)
		}
	}
	function one(s, k,   i) { for (i = 0; i < k; i++) printf "%s", s }
	BEGIN {
		if (f == "dash-newlines") { one(" -", n); printf "x"; one("\n", n) }
		else if (f == "ordered-newlines") { one("1. ", n); printf "x"; one("\n", n) }
		else if (f == "nested-quotes") { one("> ", n); print "a" }
		else if (f == "quote-lines") { one("> ", n); print "a"; for (i = 0; i < n; i++) print ">" }
		else if (f == "nested-lists") { for (i = 0; i < n; i++) { one("  ", i); print "* a" } }
		else if (f == "nested-brackets") { rep("[", n); rep("a", 1); rep("]", n); print "" }
		else if (f == "nested-emph") { rep("*a **a ", n); rep("b", 1); rep(" a** a*", n); print "" }
		else if (f == "emph-closers") { rep("a_ ", n); print "" }
		else if (f == "emph-openers") { rep("_a ", n); print "" }
		else if (f == "emph-mixed") { rep("*a_ ", n); print "" }
		else if (f == "emph-mod3") { rep("a**b", 1); rep("c* ", n); print "" }
		else if (f == "many-stars") { rep("*", n); rep("a", 1); print "" }
		else if (f == "many-underscores") { rep("_", n); rep("1", 1); print "" }
		else if (f == "link-closers") { rep("a]", n); print "" }
		else if (f == "link-openers") { rep("[a", n); print "" }
		else if (f == "link-emph") { rep("[ a_", n); print "" }
		else if (f == "bracket-paren") { rep("[ (](", n); print "" }
		else if (f == "unclosed-link-a") { rep("[a](<b", n); print "" }
		else if (f == "unclosed-link-b") { rep("[a](b", n); print "" }
		else if (f == "link-nest") { rep("[a](", n); rep(")", n); print "" }
		else if (f == "many-lt") { rep("<", n); print "" }
		else if (f == "backticks") { for (i = 1; i < n; i++) { rep("e", 1); rep("`", i) } print "" }
		else if (f == "html-comments") { rep("</", 1); rep("<!--", n); print "" }
		else if (f == "entities") { rep("&#", n); print "" }
		else if (f == "many-refs") { for (i = 0; i < n; i++) printf "[%d]: u\n", i; print ""; rep("[x] ", n); print "" }
		else if (f == "footnote-refs") { rep("[^a]", n); print ""; print ""; print "[^a]: b" }
		else if (f == "wide-table") { printf "|"; one(" a |", n); print ""; printf "|"; one("---|", n); print ""; printf "|"; one(" b |", n); print "" }
		else if (f == "narrow-table-wide-row") { print "| a | b |"; print "|---|---|"; one("| x ", n); print "|" }
		else if (f == "table-rows") { print "| a | b |"; print "|---|---|"; for (i = 0; i < n; i++) print "| x |" }
		else if (f == "autolink-www") { rep("www.a_", n); print "" }
		else if (f == "autolink-http") { rep("http://a_", n); print "" }
		else if (f == "autolink-email") { rep("a@", n); print "" }
		else if (f == "strike-tildes") { rep("~~a ~", n); print "" }
		else if (f == "hashtags-lines") { for (i = 1; i <= n; i++) printf "#tijd%s", (i % 5000 ? " " : "\n"); print "" }
		else if (f == "unknown-tags-lines") { for (i = 1; i <= n; i++) printf "#tjid%s", (i % 5000 ? " " : "\n"); print "" }
		else if (f == "entity-tags") { rep("&#35;tijd ", n); print "" }
		else if (f == "long-line") { one("woord ", n); print "" }
	}'
}

# patho_note NAME N FILE: a whole note (valid front matter) of that body
patho_note() {
	{
		printf -- '---\ncommunity: zuid\ncycle: 2022-2023\nsession: 4\ndate: 2023-01-17\nlang: nl\nauthor: "M. Lead"\n---\n'
		patho_gen "$1" "$2"
	} > "$3"
}
