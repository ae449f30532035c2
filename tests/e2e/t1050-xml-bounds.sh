# A knowledge base's own XML (codebook.xml) cannot exhaust the machine:
# entities (billion laughs, quadratic blow-up, external), DTDs, XInclude
# and oversized files are refused quickly, with a message that names the
# file and says why, in every language. Each case runs with a hang guard
# (timeout) and a memory guard (ulimit -v 1 GiB, for the plain binary),
# not a timing assertion.
. "$TOP/tests/e2e/lib.sh"
set -e
make_kb kb
cd kb
note 2022-2023/zuid/04.md <<'EOF2'
Een gewone alinea. #tijd
EOF2
cb=$TOP/schema/codebook.xml
# the first line of the default codebook that opens <codebook ...>
head_line=$(grep -n '<codebook' "$cb" | head -1 | cut -d: -f1)

# variant NAME: writes codebook.xml of that kind
variant() {
	case $1 in
	laughs) # nested internal entities: 10^9 'a's once expanded
		{
			sed -n "1,$((head_line - 1))p" "$cb"
			printf '<!DOCTYPE codebook [\n<!ENTITY a0 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
			i=1
			while [ $i -le 9 ]; do
				printf '<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">\n' $i $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1))
				i=$((i + 1))
			done
			printf ']>\n'
			sed -n "$head_line,\$p" "$cb" | sed '0,/<label lang="nl">[^<]*</s//<label lang="nl">\&a9;</'
		} > codebook.xml ;;
	quadratic) # one 50 KB entity, referenced 2,000 times: no nesting at all
		{
			sed -n "1,$((head_line - 1))p" "$cb"
			printf '<!DOCTYPE codebook [\n<!ENTITY big "'
			awk 'BEGIN { for (i = 0; i < 50000; i++) printf "a" }'
			printf '">\n]>\n'
			refs=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "&big;" }')
			sed -n "$head_line,\$p" "$cb" | sed "0,/<label lang=\"nl\">[^<]*</s//<label lang=\"nl\">$(printf '%s' "$refs" | sed 's/&/\\\&/g')</"
		} > codebook.xml ;;
	external) # an external entity: the content of another file
		{
			sed -n "1,$((head_line - 1))p" "$cb"
			printf '<!DOCTYPE codebook [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
			sed -n "$head_line,\$p" "$cb" | sed '0,/<label lang="nl">[^<]*</s//<label lang="nl">\&x;</'
		} > codebook.xml ;;
	external-dtd) # an external DTD over the network
		{
			sed -n "1,$((head_line - 1))p" "$cb"
			printf '<!DOCTYPE codebook SYSTEM "http://127.0.0.1:9/codebook.dtd">\n'
			sed -n "$head_line,\$p" "$cb"
		} > codebook.xml ;;
	parameter) # parameter entities, expanded inside the DTD itself
		{
			sed -n "1,$((head_line - 1))p" "$cb"
			printf '<!DOCTYPE codebook [\n<!ENTITY %% p0 "<!ENTITY x \x27aaaa\x27>">\n%%p0;\n]>\n'
			sed -n "$head_line,\$p" "$cb" | sed '0,/<label lang="nl">[^<]*</s//<label lang="nl">\&x;</'
		} > codebook.xml ;;
	xinclude) # XInclude of another file
		sed '0,/<label lang="nl">[^<]*<\/label>/s//<label lang="nl">x<\/label><xi:include xmlns:xi="http:\/\/www.w3.org\/2001\/XInclude" href="\/etc\/passwd" parse="text"\/>/' "$cb" > codebook.xml ;;
	oversized) # 5 MiB: past the 4 MiB limit
		{
			cat "$cb"
			awk 'BEGIN { printf "<!--"; for (i = 0; i < 5 * 1048576 / 64; i++) printf "%064d", 0; print "-->" }'
		} > codebook.xml ;;
	esac
}

# case NAME LINE MESSAGE-EN MESSAGE-NL MESSAGE-FR (LINE: the line shown, or "")
check_case() {
	name=$1 line=$2
	variant "$name"
	for lang in en nl fr; do
		set +e
		# (the memory guard only for the plain binary: AddressSanitizer
		# and valgrind reserve terabytes of address space)
		out=$(if [ -z "${PRAXIS_SANITIZED:-}" ] && [ -z "$vg" ]; then ulimit -v 1048576; fi
		      PRAXIS_LANG=$lang timeout 20 $vg "$PRAXIS" check 2>&1); rc=$?
		set -e
		[ "$rc" -ne 124 ] || fail "$name ($lang): still running after 20 s"
		[ "$rc" -eq 1 ] || fail "$name ($lang): expected exit 1 (a finding in a file of the knowledge base), got $rc: $out"
		case $lang in en) msg=$3 ;; nl) msg=$4 ;; fr) msg=$5 ;; esac
		contains "$out" "codebook.xml${line:+:$line}: "
		contains "$out" "$msg [codebook-invalid]"
		lacks "$out" "root:x:0"
		lacks "$out" "aaaaaaaaaa"
		lacks "$out" "Detected"
		lacks "$out" "Entity"
	done
	rm -f codebook.xml
}

dtd_en="'codebook.xml' has a DOCTYPE: entities and DTDs are not allowed in praxis' XML"
dtd_nl="'codebook.xml' heeft een DOCTYPE: entiteiten en DTD's zijn niet toegestaan in de XML van praxis"
dtd_fr="'codebook.xml' contient un DOCTYPE : les entités et les DTD ne sont pas admises dans le XML de praxis"
for v in laughs quadratic external external-dtd parameter; do
	check_case "$v" "$head_line" "$dtd_en" "$dtd_nl" "$dtd_fr"
done
xi_line=$(sed -n '0,/<label lang="nl">/{=;}' "$cb" | tail -1)
check_case xinclude "$xi_line" "'codebook.xml' uses XInclude, which praxis does not allow" \
	"'codebook.xml' gebruikt XInclude, wat praxis niet toestaat" \
	"'codebook.xml' utilise XInclude, que praxis n'admet pas"
check_case oversized "" "'codebook.xml' is larger than the 4 MiB limit" \
	"'codebook.xml' is groter dan de limiet van 4 MiB" "'codebook.xml' dépasse la limite de 4 Mio"

# a codebook that is not XML: translated, with the parser's own words
# only as a labelled detail
printf '<codebook><category>\n' > codebook.xml
px check
expect_rc 1
contains "$err$out" "codebook.xml:2: error: 'codebook.xml' is not well-formed XML [codebook-invalid]"
contains "$err$out" "= the XML parser says (in English): "
rm codebook.xml

# and the knowledge base works again without it
px check
expect_rc 0
