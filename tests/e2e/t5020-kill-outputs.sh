# Nothing half-done after a kill: `site` and `report` killed with SIGKILL
# at moments spread over their run leave the output folder or file exactly
# as the old build or exactly as the new one (compared with snapshots of
# both), and the next run cleans what the killed ones left.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb
w=$TMPDIR/w
mkdir -p "$w"

# the old build
px site --audience internal -o "$w/site"
expect_rc 0
cp -a "$w/site" "$w/old-site"
px report 2022-2023 --lang nl -o "$w/r.html"
expect_rc 0
cp "$w/r.html" "$w/old-r.html"
cp "$(git rev-parse --absolute-git-dir)/praxis/outputs" "$TMPDIR/old-registry" 2>/dev/null || : > "$TMPDIR/old-registry"

# the knowledge base changes: notes removed, one changed
git rm -q 2022-2023/centrum/03.md 2022-2023/zuid/04.md
sed -i 's/#tijd/#tijd #vertrouwen/' 2022-2023/zuid/05.md
px commit --author "Test <t@example.org>"
expect_rc 0
# the new build, made apart
px site --audience internal -o "$w/new-site"
expect_rc 0
px report 2022-2023 --lang nl -o "$w/new-r.html"
expect_rc 0
diff -r "$w/old-site" "$w/new-site" > /dev/null && fail "the change changed nothing"
cmp -s "$w/old-r.html" "$w/new-r.html" && fail "the report did not change"

# how long an uninterrupted update takes, to spread the kills over it
rm -rf "$w/site" && cp -a "$w/old-site" "$w/site"
t0=$(date +%s%N)
"$PRAXIS" site --audience internal -o "$w/site" > /dev/null 2>&1
span=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$span" -gt 0 ] || span=1
diff -r "$w/site" "$w/new-site" > /dev/null || fail "an update differs from a fresh build"

kills=0 hit=0
same_as() { diff -r "$1" "$2" > /dev/null 2>&1; }
for i in $(seq 1 20); do
	rm -rf "$w/site" && cp -a "$w/old-site" "$w/site"
	"$PRAXIS" site --audience internal -o "$w/site" > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v i="$i" -v s="$span" 'BEGIN { printf "%.3f", (i - 1) * s / 19 / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then hit=$((hit + 1)); fi
	wait "$pid" 2>/dev/null || true
	kills=$((kills + 1))
	if same_as "$w/site" "$w/old-site"; then
		:
	elif same_as "$w/site" "$w/new-site"; then
		:
	else
		diff -r "$w/site" "$w/new-site" | head -5 >&2
		fail "kill $i (after $(( (i - 1) * span / 19 )) ms): the site is neither the old nor the new one"
	fi
done
# the next run finishes the job and leaves nothing behind
px site --audience internal -o "$w/site"
expect_rc 0
same_as "$w/site" "$w/new-site" || fail "the site after the kills is not the new one"
ls -A "$w" | grep -q 'tmp' && fail "killed runs left: $(ls -A "$w")"
find "$w/site" -name '*tmp*' | grep -q . && fail "killed runs left files in the site"

# report: the same over the report file. Before each run the file and
# praxis' record of it (.git/praxis/outputs) are as after the old build.
reg=$(git rev-parse --absolute-git-dir)/praxis/outputs
cp "$w/old-r.html" "$w/r.html"
cp "$TMPDIR/old-registry" "$reg"
t0=$(date +%s%N)
px report 2022-2023 --lang nl -o "$w/r.html"
expect_rc 0
span=$(( ($(date +%s%N) - t0) / 1000000 ))
for i in $(seq 1 15); do
	cp "$w/old-r.html" "$w/r.html"
	cp "$TMPDIR/old-registry" "$reg"
	"$PRAXIS" report 2022-2023 --lang nl -o "$w/r.html" > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v i="$i" -v s="$span" 'BEGIN { printf "%.3f", (i - 1) * s / 14 / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then hit=$((hit + 1)); fi
	wait "$pid" 2>/dev/null || true
	kills=$((kills + 1))
	cmp -s "$w/r.html" "$w/old-r.html" || cmp -s "$w/r.html" "$w/new-r.html" ||
		fail "kill $i: the report is neither the old nor the new one"
	# whatever the moment, praxis still knows the file as its own
	px report 2022-2023 --lang nl -o "$w/r.html"
	expect_rc 0
	cmp -s "$w/r.html" "$w/new-r.html" || fail "the report after kill $i is not the new one"
	ls -A "$w" | grep -q 'tmp' && fail "killed runs left: $(ls -A "$w")"
done
[ "$kills" -ge 25 ] || fail "only $kills kills"
[ "$hit" -ge 15 ] || fail "only $hit of $kills kills hit a running praxis"
echo "ok: $kills kills, $hit while running"
