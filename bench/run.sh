#!/usr/bin/env bash
# bench/run.sh - the praxis benchmarks, side by side with their baselines.
# Run by `make bench` (which builds ./praxis, build/bench/gen and
# build/bench/searchlat first); not part of `make check`.
#
#   a. full index: `praxis reindex` of N notes vs cmark-gfm parsing the same
#      files; peak RSS of reindex at N and at BIG notes
#   b. `praxis commit` of one changed note vs `git add` + `git commit`
#   c. `praxis search` (end to end) vs `rg -i` at N notes (goal 10x) and at
#      BIG notes (goal 20x), and the in-process latency of the same SQL
#      (build/bench/searchlat, at BIG notes)
#
# Environment:
#   d. praxis site of N notes against hugo on the same notes (and the
#      same build without its search index, to tell praxis' time from
#      Pagefind's), one note changed; the report of 150 communities
#   e. praxis check of each pathological family (tests/pathological.sh)
#      at n, 2n and 4n (bench/patho.sh, which also runs on its own)
#   f. praxis serve under load: wrk, 32 connections, a common-word search
#      with facets and a code page, at N notes and (BENCH_SERVE_BIG=1) at
#      BIG notes (bench/serve.sh, which also runs on its own)
#   BENCH_FULL=1        the BIG-note parts (RSS at BIG, search on BIG notes);
#                       0 skips them and searches the N-note base (default 1:
#                       the whole run takes about 31 minutes on 2 idle
#                       cores, ~3 GB of scratch data)
#   BENCH_N=10000       notes for a. and b.       BENCH_BIG=100000
#   BENCH_RUNS=7        runs of each commit       BENCH_SEARCH_RUNS=11
#   BENCH_INDEX_RUNS=3  runs of reindex/cmark-gfm at N
#   BENCH_LAT_RUNS=200 BENCH_LAT_BUDGET=6   searchlat runs / seconds per query
#   BENCH_DIR=build/bench   scratch data (git-ignored)
#   BENCH_KEEP=0        1 keeps the BIG-note knowledge base afterwards
#   BENCH_SERVE_BIG=$BENCH_FULL  1: the load test at BIG notes too (needs
#                       BENCH_FULL=1; ~2 more minutes); 0: at N notes only
#   BENCH_SERVE_SECONDS=10  wrk's duration per target
#   BENCH_SITE_BIG=public   the audiences of d. at BIG notes ("public
#                       internal": the internal site too, whose Pagefind
#                       index needs about 30 GB at 100,000 notes)
#
# Raw numbers and the summary go to $BENCH_DIR/results.txt.
set -eu -o pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS=$ROOT/praxis
B=${BENCH_DIR:-$ROOT/build/bench}
mkdir -p "$B"
B=$(cd "$B" && pwd)
GEN=$ROOT/build/bench/gen
LAT=$ROOT/build/bench/searchlat
QUERIES=$ROOT/bench/queries.tsv
N=${BENCH_N:-10000}
BIG=${BENCH_BIG:-100000}
FULL=${BENCH_FULL:-1}
SITE_BIG=${BENCH_SITE_BIG:-public}
RUNS=${BENCH_RUNS:-7}
SRUNS=${BENCH_SEARCH_RUNS:-11}
IRUNS=${BENCH_INDEX_RUNS:-3}
LRUNS=${BENCH_LAT_RUNS:-200}
LBUDGET=${BENCH_LAT_BUDGET:-6}
RAW=$B/results.txt
SUMMARY=$B/summary.txt
CMARK_EXT=(-e table -e tasklist -e strikethrough -e autolink)

die() { echo "bench: $*" >&2; exit 2; }
for f in "$PRAXIS" "$GEN" "$LAT"; do
	[ -x "$f" ] || die "$f is missing: run \`make bench\`"
done
# a private copy of the binary, so that a rebuild during the run changes
# nothing; it finds schema/ through PRAXIS_DATADIR
cp "$PRAXIS" "$B/praxis"
PRAXIS=$B/praxis
export PRAXIS_DATADIR=$ROOT

# ---- tools: installed only when missing -----------------------------------
updated=
need() { # command package
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "bench: installing $2 (for $1)" >&2
	[ "$(id -u)" -eq 0 ] && sudo= || sudo=sudo
	if [ -z "$updated" ]; then
		DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2
		updated=1
	fi
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$2" >&2
	command -v "$1" >/dev/null 2>&1 || die "$1 still missing after installing $2"
}
need cmark-gfm cmark-gfm
need rg ripgrep
need git git
need sqlite3 sqlite3
[ -x /usr/bin/time ] || need /usr/bin/time time

# ---- helpers ----------------------------------------------------------------
# Microseconds since the epoch, without forking (bash 5 EPOCHREALTIME).
[ -n "${EPOCHREALTIME:-}" ] || die "needs bash >= 5 (EPOCHREALTIME)"
now() { T=${EPOCHREALTIME//[!0-9]/}; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -1; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { if "$@"; then echo ok; else echo MISSED; fi; }
raw() { echo "$*" >>"$RAW"; }
say() { echo "$*" | tee -a "$SUMMARY"; }
# scale WHAT NOTES MS: one time for section g (time at N and at BIG notes)
SCALE=$B/scale.tsv
export BENCH_SCALE_FILE=$SCALE
scale() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$SCALE"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# A knowledge base of $2 notes in $1, committed with the git CLI.
make_kb() {
	local dir=$1 n=$2 t0
	rm -rf "$dir"
	now; t0=$T
	"$GEN" "$dir" "$n"
	(
		cd "$dir"
		git init -q -b main .
		git config user.name "Bench Lead"
		git config user.email "bench@example.invalid"
		git config gc.auto 0
		git add -A
		git commit -q -m "synthetic notes"
	)
	now
	raw "setup $n notes: gen + git add + git commit: $(ms "$t0" "$T") ms"
	(cd "$dir" && find . -name '*.md' -type f -printf '%P\0' | sort -z) >"$dir.files"
}

: >"$RAW"
: >"$SUMMARY"
: >"$SCALE"
raw "# praxis bench raw numbers, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
sqlv=$(sqlite3 :memory: 'select sqlite_version()')
say "praxis benchmark: $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
say "  $("$PRAXIS" --version), $(cmark-gfm --version | head -1 | cut -d' ' -f1-2), $(git --version), $(rg --version | head -1), SQLite $sqlv"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
say "  load average at the start: $load0 (other work on the machine skews every number below)"

# ---- a. full index ------------------------------------------------------------
KB=$B/kb$N
make_kb "$KB" "$N"
bytes=$(cd "$KB" && xargs -0 cat <"$KB.files" | wc -c)
ncm=$(grep -c '^  - id:' "$KB/communities.yaml")
cd "$KB"
# cmark-gfm gets at most $N files per process: one big document per
# process, whose memory grows with it (~30 B of RSS per byte of input)
XARGS=(xargs -0 -n "$N" -s 1000000)
ncall=$("${XARGS[@]}" echo <"$KB.files" | wc -l)
tp=() ; tc=() ; rp=() ; rc=()
for i in $(seq "$IRUNS"); do
	rm -f .git/praxis/index.db .git/praxis/index.db-wal .git/praxis/index.db-shm
	now; t0=$T
	/usr/bin/time -f %M -o "$B/rss" "$PRAXIS" reindex >/dev/null
	now; tp+=("$(ms "$t0" "$T")"); rp+=("$(cat "$B/rss")")
	now; t0=$T
	/usr/bin/time -f %M -o "$B/rss" "${XARGS[@]}" cmark-gfm "${CMARK_EXT[@]}" <"$KB.files" >/dev/null
	now; tc+=("$(ms "$t0" "$T")"); rc+=("$(cat "$B/rss")")
done
raw "a reindex $N ms: ${tp[*]}"
raw "a reindex $N peak_rss_kb: ${rp[*]}"
raw "a cmark-gfm $N ms: ${tc[*]}  (xargs: $ncall process(es))"
raw "a cmark-gfm $N peak_rss_kb: ${rc[*]}"
segs=$(sqlite3 .git/praxis/index.db 'select count(*) from segments')
idx=$(stat -c %s .git/praxis/index.db)
P=$(echo "${tp[*]}" | median); C=$(echo "${tc[*]}" | median)
R10=$(echo "${rp[*]}" | maxof)
ratio=$(div "$P" "$C")
scale "praxis reindex" "$N" "$P"
say ""
say "corpus: $N notes, $ncm communities, $(mb $((bytes / 1024))) MB of Markdown ($((bytes / N)) B/note), $segs segments ($(div "$segs" "$N")/note); index.db $(mb $((idx / 1024))) MB"
say ""
say "a. full index of $N notes (median of $IRUNS, each from an empty index; loose objects as git add + commit"
say "   left them (gc.auto 0); warm page cache)"
printf '   %-28s %9s ms   peak RSS %6s MB\n' "praxis reindex" "$P" "$(mb "$R10")" | tee -a "$SUMMARY"
printf '   %-28s %9s ms   peak RSS %6s MB\n' "cmark-gfm (GFM exts, HTML)" "$C" "$(mb "$(echo "${rc[*]}" | maxof)")" | tee -a "$SUMMARY"
say "   (cmark-gfm ${CMARK_EXT[*]} FILE... through xargs, $N files per process ($ncall process(es) here),"
say "   each process parsing its files as one concatenated document, HTML to /dev/null)"
printf '   %-28s %9s      goal <= 2.0   %s\n' "ratio praxis/cmark-gfm" "$ratio" "$(verdict le "$ratio" 2.0)" | tee -a "$SUMMARY"
# the same repository after `git gc` (git's auto gc would have packed it)
packed_reindex() { # label: sets PK_MS PK_RSS
	now; t0=$T
	git gc -q
	now; raw "setup $1: git gc: $(ms "$t0" "$T") ms"
	rm -f .git/praxis/index.db .git/praxis/index.db-wal .git/praxis/index.db-shm
	now; t0=$T
	/usr/bin/time -f %M -o "$B/rss" "$PRAXIS" reindex >/dev/null
	now; PK_MS=$(ms "$t0" "$T"); PK_RSS=$(cat "$B/rss")
	raw "a reindex $1 packed ms: $PK_MS peak_rss_kb: $PK_RSS"
}
packed_reindex "$N"
say "   after git gc (objects in one pack, which libgit2 maps): praxis reindex $PK_MS ms, peak RSS $(mb "$PK_RSS") MB, ratio $(div "$PK_MS" "$C")"
R10P=$PK_RSS

if [ "$FULL" = 1 ]; then
	KBB=$B/kb$BIG
	make_kb "$KBB" "$BIG"
	cd "$KBB"
	bbytes=$(xargs -0 cat <"$KBB.files" | wc -c)
	ncallb=$("${XARGS[@]}" echo <"$KBB.files" | wc -l)
	now; t0=$T
	/usr/bin/time -f %M -o "$B/rss" "$PRAXIS" reindex >/dev/null
	now; PB=$(ms "$t0" "$T"); RB=$(cat "$B/rss")
	now; t0=$T
	/usr/bin/time -f %M -o "$B/rss" "${XARGS[@]}" cmark-gfm "${CMARK_EXT[@]}" <"$KBB.files" >/dev/null
	now; CB=$(ms "$t0" "$T"); RCB=$(cat "$B/rss")
	raw "a reindex $BIG ms: $PB peak_rss_kb: $RB"
	raw "a cmark-gfm $BIG ms: $CB peak_rss_kb: $RCB (xargs: $ncallb processes)"
	rb=$(div "$PB" "$CB")
	scale "praxis reindex" "$BIG" "$PB"
	say "   at $BIG notes ($(mb $((bbytes / 1024))) MB, one run): praxis reindex $PB ms, cmark-gfm $CB ms ($ncallb processes)"
	printf '   %-28s %9s      goal <= 2.0   %s\n' "ratio at $BIG notes" "$rb" "$(verdict le "$rb" 2.0)" | tee -a "$SUMMARY"
	packed_reindex "$BIG"
	say "   after git gc: praxis reindex $PK_MS ms, ratio $(div "$PK_MS" "$CB")"
	grow=$(awk -v a="$R10" -v b="$RB" 'BEGIN { printf "%+.1f", (b - a) / 1024 }')
	ok=$(verdict awk -v a="$R10" -v b="$RB" 'BEGIN { exit !(b <= 65536 && b - a <= 16384) }')
	say "   peak RSS of praxis reindex, loose objects: $(mb "$R10") MB at $N notes, $(mb "$RB") MB at $BIG notes ($grow MB)"
	say "     goal: at most 64 MB, growing by no more than the 16 MB SQLite page cache   $ok"
	okp=$(verdict awk -v a="$R10P" -v b="$PK_RSS" 'BEGIN { exit !(a <= 65536 && b <= 65536) }')
	say "   peak RSS after git gc (includes the mapped pack): $(mb "$R10P") MB at $N notes, $(mb "$PK_RSS") MB at $BIG notes   $okp"
else
	say "   (peak RSS at $BIG notes skipped: BENCH_FULL=0)"
	say "   peak RSS of praxis reindex at $N notes: $(mb "$R10") MB (loose objects), $(mb "$R10P") MB (after git gc)"
fi

# ---- b. commit one changed note --------------------------------------------------
cd "$KB"
"$PRAXIS" search nietsvindbaar >/dev/null || true # brings the index up to date first
rm -rf "$KB-git"
cp -a "$KB" "$KB-git"
note=$(tr '\0' '\n' <"$KB.files" | sed -n "$((N / 2 + 1))p")
change() { # dir run
	printf '\nExtra alinea %s van de benchmark over de huisarts en de thuiszorg. #tijd\n' "$2" >>"$1/$note"
}
cp1=() ; cg1=() ; cpa=() ; cga=()
for i in $(seq "$RUNS"); do
	change "$KB" "$i"
	now; t0=$T
	"$PRAXIS" commit "$note" -m "bench $i" >/dev/null
	now; cp1+=("$(ms "$t0" "$T")")
	change "$KB-git" "$i"
	now; t0=$T
	git -C "$KB-git" add -- "$note"
	git -C "$KB-git" commit -q -m "bench $i"
	now; cg1+=("$(ms "$t0" "$T")")
done
# the same without naming the file: both look for what changed in the tree
for i in $(seq "$RUNS"); do
	change "$KB" "b$i"
	now; t0=$T
	"$PRAXIS" commit -m "bench b$i" >/dev/null
	now; cpa+=("$(ms "$t0" "$T")")
	change "$KB-git" "b$i"
	now; t0=$T
	git -C "$KB-git" add -A
	git -C "$KB-git" commit -q -m "bench b$i"
	now; cga+=("$(ms "$t0" "$T")")
done
head=$(git rev-parse HEAD)
indexed=$(sqlite3 .git/praxis/index.db "select value from meta where key = 'commit'")
ncommits=$(git rev-list --count HEAD)
[ "$ncommits" -eq $((1 + 2 * RUNS)) ] || die "praxis commit made $((ncommits - 1)) commits, expected $((2 * RUNS))"
[ "$head" = "$indexed" ] || die "index not at HEAD after praxis commit"
hits=$("$PRAXIS" search "alinea" --format json --limit 1 | sed -n 's/.*"total": \([0-9]*\).*/\1/p')
raw "b praxis commit PATH ms: ${cp1[*]}"
raw "b git add PATH + git commit ms: ${cg1[*]}"
raw "b praxis commit (no path) ms: ${cpa[*]}"
raw "b git add -A + git commit ms: ${cga[*]}"
P1=$(echo "${cp1[*]}" | median); G1=$(echo "${cg1[*]}" | median)
PA=$(echo "${cpa[*]}" | median); GA=$(echo "${cga[*]}" | median)
say ""
say "b. commit one changed note into $N notes (packed repository; median of $RUNS; praxis: check + commit + index update)"
printf '   %-34s %8s ms\n' "praxis commit PATH" "$P1" "git add PATH + git commit" "$G1" | tee -a "$SUMMARY"
printf '   %-34s %8s      goal <= 1.0   %s\n' "ratio praxis/git" "$(div "$P1" "$G1")" "$(verdict le "$(div "$P1" "$G1")" 1.0)" | tee -a "$SUMMARY"
printf '   %-34s %8s ms\n' "praxis commit (no path)" "$PA" "git add -A + git commit" "$GA" | tee -a "$SUMMARY"
printf '   %-34s %8s\n' "ratio praxis/git" "$(div "$PA" "$GA")" | tee -a "$SUMMARY"
say "   (index at HEAD after the commits: yes; the changed note: $note; hits for the added word: $hits)"

# ---- c. search -------------------------------------------------------------------
# search_table KB NOTES GOAL: each query family of bench/queries.tsv end to
# end against rg over the same notes, and the fixed cost; the goal is the
# ratio rg/praxis each family must reach (issue 16: 10x at 10,000 notes,
# 20x at 100,000)
search_table() {
	local kb=$1 n=$2 goal=$3 worst= label query filters pat i t0 total lines pm rm_ r
	cd "$kb"
	"$PRAXIS" search nietsvindbaar >/dev/null || true
	say ""
	say "c. search on $n notes, end to end (median and max of $SRUNS runs, after one warm-up each)"
	say "   praxis search QUERY [filters] >/dev/null  vs  rg -i -F PATTERN . (all notes, matching lines to a file)"
	printf '   %-10s %-34s %-14s %8s %8s %8s %8s %7s %7s %8s  %s\n' query "praxis search ..." "rg pattern" "px ms" "px max" "rg ms" "rg max" "rg/px" "hits" "rg lines" "goal ${goal}x" | tee -a "$SUMMARY"
	while IFS=$'\t' read -r -u 3 label query filters pat; do
		case $label in ''|'#'*) continue ;; esac
		[ "$filters" = - ] && filters=
		# shellcheck disable=SC2086 # filters are words
		"$PRAXIS" search "$query" $filters >/dev/null
		rg -i -F -- "$pat" . >"$B/rg.out" || true
		tp=() ; tr_=()
		for i in $(seq "$SRUNS"); do
			now; t0=$T
			# shellcheck disable=SC2086
			"$PRAXIS" search "$query" $filters >/dev/null
			now; tp+=("$(ms "$t0" "$T")")
			now; t0=$T
			rg -i -F -- "$pat" . >"$B/rg.out" || true
			now; tr_+=("$(ms "$t0" "$T")")
		done
		# shellcheck disable=SC2086
		total=$("$PRAXIS" search "$query" $filters --format json --limit 1 | sed -n 's/.*"total": \([0-9]*\).*/\1/p')
		lines=$(wc -l <"$B/rg.out")
		raw "c $n $label praxis ms: ${tp[*]}"
		raw "c $n $label rg ms: ${tr_[*]}  (praxis total $total, rg lines $lines)"
		pm=$(echo "${tp[*]}" | median); rm_=$(echo "${tr_[*]}" | median)
		r=$(div "$rm_" "$pm")
		scale "search: $label" "$n" "$pm"
		le "$goal" "$r" || worst="$worst $label"
		printf '   %-10s %-34s %-14s %8s %8s %8s %8s %7s %7s %8s  %s\n' "$label" "$query${filters:+ $filters}" "$pat" \
			"$pm" "$(echo "${tp[*]}" | maxof)" "$rm_" "$(echo "${tr_[*]}" | maxof)" "${r}x" "$total" "$lines" \
			"$(le "$goal" "$r" && echo met || echo missed)" | tee -a "$SUMMARY"
	done 3<"$QUERIES" </dev/null
	say "   goal at $n notes: rg/praxis >= ${goal}x for each family   $([ -z "$worst" ] && echo met || echo "missed:$worst")"
	say "   (hits: matching segments, praxis' total; rg lines: matching lines rg printed)"

	# The fixed cost every command pays before it searches: a query that
	# finds nothing, end to end, next to `rg -i -c` of the same word and the
	# bare process start (`praxis --version`).
	tv=() ; tz=() ; tc=()
	for i in $(seq "$SRUNS"); do
		now; t0=$T; "$PRAXIS" --version >/dev/null; now; tv+=("$(ms "$t0" "$T")")
		now; t0=$T; "$PRAXIS" search zzzznothing >/dev/null; now; tz+=("$(ms "$t0" "$T")")
		now; t0=$T; rg -i -c zzzznothing . >/dev/null || true; now; tc+=("$(ms "$t0" "$T")")
	done
	raw "c $n fixed praxis --version ms: ${tv[*]}"
	raw "c $n fixed praxis search zzzznothing ms: ${tz[*]}"
	raw "c $n fixed rg -i -c zzzznothing ms: ${tc[*]}"
	FV=$(echo "${tv[*]}" | median); FZ=$(echo "${tz[*]}" | median); FC=$(echo "${tc[*]}" | median)
	say ""
	say "   fixed cost at $n notes (median of $SRUNS): an empty result end to end, and the process start"
	printf '   %-34s %8s ms\n' "praxis --version" "$FV" "praxis search zzzznothing" "$FZ" \
		"rg -i -c zzzznothing ." "$FC" | tee -a "$SUMMARY"
	printf '   %-34s %8s      goal >= %sx   %s\n' "ratio rg/praxis, empty result" "$(div "$FC" "$FZ")" \
		"$goal" "$(verdict le "$goal" "$(div "$FC" "$FZ")")" | tee -a "$SUMMARY"
}
search_table "$KB" "$N" 10
if [ "$FULL" = 1 ]; then SKB=$KBB; SN=$BIG; else SKB=$KB; SN=$N; fi
if [ "$FULL" = 1 ]; then search_table "$KBB" "$BIG" 20; fi

say ""
say "   in-process (build/bench/searchlat: the SQL of src/cmd/search.c, LIMIT 20, prepared each run;"
say "   first = first run on a fresh connection; then up to $LRUNS runs or ${LBUDGET} s per query)"
"$LAT" "$SKB/.git/praxis/index.db" "$ROOT/schema/codebook.xml" "$QUERIES" \
	"$LRUNS" "$LBUDGET" >"$B/lat.txt"
# each family's verdict after its figures (goal: median < 5 ms, p99 < 30 ms)
awk 'NR == 1 { print $0 "  goal"; next }
     { print $0 "  " (($5 < 5 && $6 < 30) ? "met" : "missed") }' "$B/lat.txt" | sed 's/^/   /' | tee -a "$SUMMARY"
sed 's/^/c searchlat /' "$B/lat.txt" >>"$RAW"
latok=$(awk 'NR > 1 && ($5 >= 5 || $6 >= 30) { bad = bad " " $1 } END { print bad }' "$B/lat.txt")
say "   goal: median < 5 ms, p99 < 30 ms   $([ -z "$latok" ] && echo ok || echo "MISSED:$latok")"

# ---- d. static site against Hugo, and the report -------------------------------
# The same N notes: praxis writes every page in Dutch and French (public:
# home, communities, codes; internal: also every note, the briefs and the
# cycle reports); Hugo writes one page per note plus its section list
# pages, with minimal layouts, in one language. Goal: praxis from an empty
# folder no slower than Hugo, for each audience; then one note changed and
# committed, and the site built again into its folder: under 1 s.
need hugo hugo
hugo_site() { # KB: the Hugo project of KB's notes in $B/hugo
	H=$B/hugo
	rm -rf "$H"
	mkdir -p "$H/content" "$H/layouts/_default"
	(cd "$1" && xargs -0 cp --parents -t "$H/content" <"$1.files")
	cat >"$H/config.toml" <<'TOML'
baseURL = "http://localhost/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
	printf '<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1><p>{{ .Params.community }} {{ .Params.cycle }} #{{ .Params.session }}</p>{{ .Content }}\n' >"$H/layouts/_default/single.html"
	printf '<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n' >"$H/layouts/_default/list.html"
	cp "$H/layouts/_default/list.html" "$H/layouts/index.html"
}
site_bench() { # KB N RUNS AUDIENCES
	local kb=$1 n=$2 runs=$3 auds=$4 aud ts th rs rh sm hm i note tinc tnp pages_p pages_h
	hugo_site "$kb"
	th=() ; rh=()
	for i in $(seq "$runs"); do
		rm -rf "$B/hugo-out"
		now; t0=$T
		/usr/bin/time -f %M -o "$B/rss" hugo --quiet -s "$H" -d "$B/hugo-out" >/dev/null 2>&1
		now; th+=("$(ms "$t0" "$T")"); rh+=("$(cat "$B/rss")")
	done
	pages_h=$(find "$B/hugo-out" -name '*.html' | wc -l)
	hm=$(echo "${th[*]}" | median)
	raw "d $n hugo ms: ${th[*]} peak_rss_kb: ${rh[*]} pages: $pages_h ($(hugo version | head -1))"
	say "   at $n notes: hugo $hm ms, $pages_h pages, peak RSS $(mb "$(echo "${rh[*]}" | median)") MB"
	for aud in $auds; do
		ts=() ; rs=()
		for i in $(seq "$runs"); do
			rm -rf "$B/site-out"
			now; t0=$T
			(cd "$kb" && /usr/bin/time -f %M -o "$B/rss" "$PRAXIS" site --audience "$aud" -o "$B/site-out" >/dev/null 2>&1)
			now; ts+=("$(ms "$t0" "$T")"); rs+=("$(cat "$B/rss")")
		done
		pages_p=$(find "$B/site-out" -name '*.html' | wc -l)
		sm=$(echo "${ts[*]}" | median)
		scale "praxis site ($aud)" "$n" "$sm"
		# what the time is made of: the same build without the search
		# index (PRAXIS_PAGEFIND empty), once; the rest is Pagefind's
		rm -rf "$B/site-out"
		now; t0=$T
		(cd "$kb" && PRAXIS_PAGEFIND= /usr/bin/time -f %M -o "$B/rss" "$PRAXIS" site --audience "$aud" -o "$B/site-out" >/dev/null 2>&1)
		now; tnp=$(ms "$t0" "$T")
		raw "d $n praxis site $aud without Pagefind ms: $tnp peak_rss_kb: $(cat "$B/rss")"
		# one note changed and committed, then the site again
		note=$(tr '\0' '\n' <"$kb.files" | sed -n "$((n / 3 + 1))p")
		printf '\nNog een alinea over de huisarts, %s. #tijd\n' "$aud" >>"$kb/$note"
		(cd "$kb" && "$PRAXIS" commit "$note" -m "bench: one note" >/dev/null)
		now; t0=$T
		(cd "$kb" && "$PRAXIS" site --audience "$aud" -o "$B/site-out" >/dev/null 2>&1)
		now; tinc=$(ms "$t0" "$T")
		raw "d $n praxis site $aud ms: ${ts[*]} peak_rss_kb: ${rs[*]} pages: $pages_p; one note changed: $tinc ms"
		printf '   %-26s %9.1f ms   %6d pages   peak RSS %6s MB   praxis/hugo %5s   goal <= 1.0   %s\n' \
			"praxis site ($aud)" "$sm" "$pages_p" "$(mb "$(echo "${rs[*]}" | median)")" "$(div "$sm" "$hm")" \
			"$(verdict le "$sm" "$hm")" | tee -a "$SUMMARY"
		printf '   %-26s %9.1f ms   goal < 1000 ms   %s\n' "  one note changed" "$tinc" \
			"$(verdict le "$tinc" 1000)" | tee -a "$SUMMARY"
		printf '   %-26s %9.1f ms   peak RSS %6s MB   praxis/hugo %5s   (Pagefind: the other %s ms)\n' \
			"  without the search index" "$tnp" "$(mb "$(cat "$B/rss")")" "$(div "$tnp" "$hm")" \
			"$(awk -v a="$sm" -v b="$tnp" 'BEGIN { printf "%.0f", a - b }')" | tee -a "$SUMMARY"
	done
	rm -rf "$B/site-out" "$B/hugo-out"
}
say ""
say "d. static site (both languages) against Hugo (one language), from an empty folder (median of $IRUNS;"
say "   $(nproc) cores: praxis renders on one thread per core, PRAXIS_SITE_THREADS)"
site_bench "$KB" "$N" "$IRUNS" "public internal"
if [ "$FULL" = 1 ]; then
	site_bench "$KBB" "$BIG" 1 "$SITE_BIG"
	case " $SITE_BIG " in *" internal "*) ;; *)
		say "   (the internal site at $BIG notes skipped: Pagefind's memory grows with the pages, 3.1 GB"
		say "   at 10,000 notes; BENCH_SITE_BIG=\"public internal\" runs it on a machine with the room)";;
	esac
fi

# The report of a cycle with 150 communities (ceil(10,500 / 70), gen.c),
# the cycle with the most; goal under 2 s for each audience, in one
# language (-l nl) and in both side by side (-l both, what `praxis report`
# writes for a user whose language is neither).
RN=${BENCH_REPORT_N:-10500}
KBR=$B/kb$RN
make_kb "$KBR" "$RN"
(cd "$KBR" && "$PRAXIS" reindex >/dev/null)
rcycle=$(sqlite3 "$KBR/.git/praxis/index.db" \
	'select cycle from notes group by cycle order by count(distinct community) desc, count(*) desc limit 1')
rcomm=$(sqlite3 "$KBR/.git/praxis/index.db" "select count(distinct community) from notes where cycle = '$rcycle'")
say ""
say "   report of cycle $rcycle: $rcomm communities ($RN notes; median of $RUNS, HTML)"
for aud in public internal; do
	for rl in nl both; do
		tr_=()
		for i in $(seq "$RUNS"); do
			now; t0=$T
			(cd "$KBR" && "$PRAXIS" report "$rcycle" --audience "$aud" -l "$rl" -o "$B/report.html" --force >/dev/null)
			now; tr_+=("$(ms "$t0" "$T")")
		done
		rm -f "$B/report.html"
		raw "d report $rcycle $aud -l $rl ($rcomm communities) ms: ${tr_[*]}"
		rm_=$(echo "${tr_[*]}" | median)
		printf '   %-26s %9.1f ms   goal < 2000 ms   %s\n' "praxis report ($aud, $rl)" "$rm_" "$(verdict le "$rm_" 2000)" | tee -a "$SUMMARY"
	done
done
rm -rf "$KBR" "$KBR.files"

# ---- e. pathological notes --------------------------------------------------
say ""
bash "$ROOT/bench/patho.sh" "$B" | tee -a "$SUMMARY"

# ---- f. praxis serve under load (wrk) ----------------------------------------
need wrk wrk
need curl curl
say ""
serve_kbs=("$KB")
if [ "$FULL" = 1 ] && [ "${BENCH_SERVE_BIG:-1}" = 1 ]; then serve_kbs+=("$KBB"); fi
PRAXIS=$PRAXIS bash "$ROOT/bench/serve.sh" "${serve_kbs[@]}" | tee -a "$SUMMARY"

if [ "$FULL" = 1 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
	rm -rf "$KBB" "$KBB.files"
fi

# ---- g. scaling ---------------------------------------------------------------
# Each time measured at N and at BIG notes, and their ratio. Issue 16:
# nothing may grow faster than N (a search: than log N); what does is
# explained in doc/benchmarks.md g. (the server: its CPU per answer,
# 1000 / requests per second with every connection busy)
say ""
say "g. scaling from $N to $BIG notes (x$(div "$BIG" "$N") notes; log N grows x$(awk -v a="$N" -v b="$BIG" 'BEGIN { printf "%.2f", log(b) / log(a) }'))"
if [ "$FULL" = 1 ]; then
	printf '   %-46s %11s %11s %8s  %s\n' "" "ms at $N" "ms at $BIG" ratio "bound" | tee -a "$SUMMARY"
	awk -F'\t' -v n="$N" -v big="$BIG" '
		{ if (!($1 in seen)) { order[++k] = $1; seen[$1] = 1 } t[$1, $2] = $3 }
		END {
			lin = big / n; lg = log(big) / log(n)
			for (i = 1; i <= k; i++) {
				w = order[i]
				if (!((w, n) in t) || !((w, big) in t) || t[w, n] <= 0)
					continue
				r = t[w, big] / t[w, n]
				one = w ~ /^search: / || w ~ /^serve.*(search|code)/
				b = one ? lg : lin
				printf "   %-46s %11.1f %11.1f %8.2f  %s %.2f: %s\n", w, t[w, n], t[w, big], r,
					one ? "log N" : "N", b, r <= b ? "within" : "faster: doc/benchmarks.md g."
			}
		}' "$SCALE" | tee -a "$SUMMARY"
else
	say "   (skipped: BENCH_FULL=0)"
fi
rm -f "$B/rg.out" "$B/rss"
say ""
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
{ echo; echo "# summary"; cat "$SUMMARY"; } >>"$RAW"
echo
echo "raw numbers: $RAW"
