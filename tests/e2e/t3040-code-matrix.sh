# codes --matrix community|session|code: every cell is the index's count,
# computed again with the sqlite3 client over the tables; the totals are
# stats'; each cell's segments are what `codes CODE` lists with the
# column as a filter (--community, --note, --with); CSV and text say what
# JSON says.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb
db=.git/praxis/index.db
q() { sqlite3 -separator ' ' "$db" "$1"; }
read_sheet() { python3 "$TOP/tests/e2e/readsheet.py" "$@" || fail "cannot read $2 back"; }
ncodes=$(codebook_ids | wc -l)

# the cells of a matrix JSON as "CODE COLUMN N" lines, zeros left out
cells='.columns as $c | .codes[] | .code as $k | .cells | to_entries[]
	| select(.value > 0) | "\($k) \($c[.key].id) \(.value)"'
for scope in "" "--cycle 2022-2023" "--community zuid" "--cycle 2023-2024"; do
	w=1
	case $scope in
	--cycle*) w="n.cycle = '${scope#--cycle }'";;
	--community*) w="n.community = '${scope#--community }'";;
	esac
	join="segment_codes c JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note WHERE $w"
	for cols in community session code; do
		# shellcheck disable=SC2086
		px codes --matrix $cols $scope --format json; expect_rc 0
		printf '%s\n' "$out" > m.json
		[ "$(json '.codes | length')" = "$ncodes" ] || fail "$cols $scope: not $ncodes rows"
		[ "$(json -c '[.codes[].code]')" = "$(codebook_ids | jq -R . | jq -sc .)" ] || fail "$cols $scope: rows not in codebook order"
		[ "$(json '[.codes[] | .cells | length] | unique | .[]')" = "$(json '.columns | length')" ] ||
			fail "$cols $scope: a row without a cell per column"
		case $cols in
		community)
			want=$(q "SELECT c.code, n.community, count(DISTINCT s.id) FROM $join GROUP BY 1, 2")
			# the columns: communities.yaml's, in its order
			[ "$(json '[.columns[].id] | join(" ")')" = \
			  "$(if [ "${scope%% *}" = --community ]; then echo "${scope#--community }"; else
				sed -n 's/^  - id: //p' communities.yaml | tr '\n' ' ' | sed 's/ $//'; fi)" ] ||
				fail "community columns: $(json -c '[.columns[].id]')";;
		session)
			want=$(q "SELECT c.code, n.path, count(DISTINCT s.id) FROM $join GROUP BY 1, 2")
			# the columns: the scope's notes, by cycle, community, session, date, path
			[ "$(json '.columns[] | "\(.id) \(.community) \(.cycle) \(.session) \(.date)"')" = \
			  "$(q "SELECT path, community, cycle, session, date FROM notes n WHERE $w ORDER BY cycle, community, session, date, path")" ] ||
				fail "session columns $scope";;
		code)
			want=$( (q "SELECT a.code, b.code, count(*) FROM segment_codes a JOIN segment_codes b ON b.segment = a.segment
				AND a.code <> b.code JOIN segments s ON s.id = a.segment JOIN notes n ON n.id = s.note WHERE $w GROUP BY 1, 2"
				q "SELECT c.code, c.code, count(DISTINCT s.id) FROM $join GROUP BY 1") )
			[ "$(json -c '[.columns[].id]')" = "$(json -c '[.codes[].code]')" ] || fail "code columns";;
		esac
		got=$(json "$cells" | LC_ALL=C sort)
		want=$(printf '%s\n' "$want" | grep . | LC_ALL=C sort || true)
		[ "$got" = "$want" ] || fail "codes --matrix $cols $scope: want [$want] got [$got]"
		# the totals: the code's segments in the scope
		want=$(q "SELECT c.code, count(DISTINCT s.id) FROM $join GROUP BY 1" | LC_ALL=C sort)
		got=$(json '.codes[] | select(.segments > 0) | "\(.code) \(.segments)"' | LC_ALL=C sort)
		[ "$got" = "$want" ] || fail "codes --matrix $cols $scope: totals: want [$want] got [$got]"
		# CSV: the same table
		# shellcheck disable=SC2086
		"$PRAXIS" codes --matrix $cols $scope --format csv > m.csv || fail "csv $cols $scope"
		read_sheet csv m.csv > got.json
		jq -c '[["code", "label_nl", "label_fr", "segments"] + [.columns[].id]]
			+ [.codes[] | [.code, .label.nl, .label.fr, (.segments | tostring)] + [.cells[] | tostring]]' m.json > want.json
		[ "$(jq -c . got.json)" = "$(cat want.json)" ] || fail "csv $cols $scope differs from json"
		# text: a header, then a line per code: total and cells (0 as '.')
		# shellcheck disable=SC2086
		px codes --matrix $cols $scope; expect_rc 0
		printf '%s\n' "$out" | awk '{ $1 = $1; print }' > got.txt
		jq -r '(["code", "total"] + [.columns[].id] | join(" ")),
			(.codes[] | [.code, (.segments | tostring)] + [.cells[] | if . == 0 then "." else tostring end] | join(" "))' \
			m.json > want.txt
		test_cmp want.txt got.txt
	done
done
px stats --format json; expect_rc 0; printf '%s\n' "$out" > stats.json
px codes --matrix community --format json; expect_rc 0
[ "$(json -c '[.codes[] | {(.code): .segments}] | add')" = "$(jq -c '[.codes[] | {(.code): .segments}] | add' stats.json)" ] ||
	fail "matrix totals differ from stats"
# the community cells are stats' cells
[ "$(json -c '.columns as $c | [.codes[] | {(.code): ([.cells | to_entries[] | select(.value > 0) | {($c[.key].id): .value}] | add // {})}] | add' | jq -cS .)" = \
  "$(jq -cS '[.codes[] | {(.code): (.by | map_values(.segments))}] | add' stats.json)" ] || fail "matrix cells differ from stats"

# a cell's segments: codes CODE with the column as a filter; every row's
# cells from the code's whole retrieval, and for every cell of a few rows
# the filtered retrieval itself
for cols in community session code; do
	px codes --matrix $cols --format json; expect_rc 0; printf '%s\n' "$out" > "m-$cols.json"
done
for code in $(jq -r '.codes[] | select(.segments > 0) | .code' m-code.json); do
	"$PRAXIS" codes "$code" --format json || fail "codes $code"
done > all.jsonl
for cols in community session code; do
	case $cols in
	community) key='.community';;
	session) key='.path';;
	code) key='.codes[]';;
	esac
	[ "$(jq -cS '.columns as $c | [.codes[] | select(.segments > 0) | {(.code): ([.cells | to_entries[] | select(.value > 0) | {($c[.key].id): .value}] | add)}] | add' "m-$cols.json")" = \
	  "$(jq -cS "{(.code.id): ([.segments[] | $key] | group_by(.) | map({(.[0]): length}) | add)}" all.jsonl | jq -cS -s add)" ] ||
		fail "$cols: a row's cells are not its code's segments"
done
for code in resource.time difficulty.hospital; do
	px codes "$code" --format json; expect_rc 0; printf '%s\n' "$out" > all.json
	for cols in community session code; do
		# every cell with segments, and two without
		jq -r --arg k "$code" '.columns as $c | .codes[] | select(.code == $k) | .cells | to_entries
			| ([.[] | select(.value > 0)] + ([.[] | select(.value == 0)] | .[0:2]))[]
			| "\($c[.key].id) \(.value)"' "m-$cols.json" |
		while read -r col n; do
			case $cols in
			community) px codes "$code" --community "$col" --format json; sel='.community == $v';;
			session) px codes "$code" --note "$col" --format json; sel='.path == $v';;
			code) px codes "$code" --with "$col" --format json; sel='any(.codes[]; . == $v)';;
			esac
			expect_rc 0
			[ "$(json '.segments | length')" = "$n" ] || fail "$code --$cols $col: $(json '.segments | length') segments, cell $n"
			[ "$(json -c '.segments')" = "$(jq -c --arg v "$col" "[.segments[] | select($sel)]" all.json)" ] ||
				fail "$code --$cols $col: other segments"
			[ "$(json -c .code)" = "$(jq -c .code all.json)" ] || fail "$code --$cols $col: the code's counts changed"
		done
	done
done
# a cell of a cycle's matrix: --cycle with --community
px codes tijd --cycle 2022-2023 --community zuid --format json; expect_rc 0
[ "$(json '.segments | length')" = "$(q "SELECT count(DISTINCT s.id) FROM segment_codes c JOIN segments s ON s.id = c.segment
	JOIN notes n ON n.id = s.note WHERE c.code = 'resource.time' AND n.cycle = '2022-2023' AND n.community = 'zuid'")" ] ||
	fail "tijd --cycle --community"
px codes tijd --cycle 2023-2024 --format json; expect_rc 0
[ "$(json '.segments | length')" = 0 ] || fail "a cycle without notes"

# what does not go together
px codes tijd --matrix code; expect_rc 2
expect_err <<'EOF2'
praxis: error: --matrix counts every code: leave out 'tijd'
EOF2
px codes --with tijd; expect_rc 2
expect_err <<'EOF2'
praxis: error: '--with' filters a code's segments: give the CODE too
EOF2
px codes --note 2022-2023/zuid/01.md --matrix community; expect_rc 2
expect_err <<'EOF2'
praxis: error: '--note' filters a code's segments: give the CODE too
EOF2
PRAXIS_LANG=nl px codes --community zuid; expect_rc 2
expect_err <<'EOF2'
praxis: fout: '--community' gaat samen met een CODE of --matrix
EOF2
px codes --matrix cycle; expect_rc 2
expect_err <<'EOF2'
praxis: error: option '--matrix' does not take 'cycle' (choose from community, session, code)
EOF2
px codes tijd --with '#tjid'; expect_rc 2
contains "$err" "unknown code"
px codes --matrix community --community nergens; expect_rc 2
contains "$err" "nergens"
