# Nothing half-done after a kill: `praxis commit`, `praxis reindex` and
# the index update of a reading command killed with SIGKILL at random
# moments (30 kills, then 10 during an update from one commit to
# another). After each, and after the next praxis command: `git fsck
# --strict` passes, `git status` is what it was or what the commit made
# it, no lock is left behind, and the index answers exactly as after a
# fresh `praxis reindex` (or, for the update, is the old or the new one).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid
db=$(git rev-parse --git-dir)/praxis/index.db
seed=${PRAXIS_KILL_SEED:-$$}
echo "kill seed $seed" >&2

# 120 new notes: sessions 1 to 12 of ten cycles
y=2001
while [ $y -le 2010 ]; do
	i=1
	while [ $i -le 12 ]; do
		f=$y-$((y + 1))/centrum/$i.md
		mkdir -p "$(dirname "$f")"
		{
			printf -- '---\ncommunity: centrum\ncycle: %s\nsession: %d\ndate: %d-10-01\nlang: fr\nauthor: "C. Lead"\n---\n' \
				"$y-$((y + 1))" $i $y
			k=0
			while [ $k -lt 20 ]; do
				printf 'Séance %d, point %d : le médecin traitant et le CPAS se sont parlé. #samenwerking\n\n' $i $k
				k=$((k + 1))
			done
			printf -- '- [ ] Rappeler l hôpital #ziekenhuis\n'
		} > "$f.tmp"
		mv "$f.tmp" "$f"
		i=$((i + 1))
	done
	y=$((y + 1))
done
before=$(git status --porcelain)
base=$(git rev-parse HEAD)

dump() {
	sqlite3 "$db" "SELECT path, blob, community, cycle, session, date, lang, author, title, summary, attendance FROM notes ORDER BY path;
		SELECT n.path, s.ord, s.kind, s.heading, s.line, s.last_line, s.task, s.text, s.scope FROM segments s JOIN notes n ON n.id = s.note ORDER BY n.path, s.ord;
		SELECT n.path, s.ord, c.code FROM segment_codes c JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note ORDER BY 1, 2, 3;
		SELECT n.path, t.code FROM note_themes t JOIN notes n ON n.id = t.note ORDER BY 1, 2;
		SELECT value FROM meta WHERE key = 'commit'; PRAGMA integrity_check;"
}
ms() { date +%s%N | cut -c1-13; }
# pause K T: a random pause of up to T milliseconds, the same for a seed
pause() { sleep "$(awk -v s="$seed" -v k="$1" -v t="$2" 'BEGIN { srand(s + k); printf "%.3f", rand() * t / 1000 }')"; }

# how long a whole commit takes, then back to where we were
t0=$(ms)
px commit -m all
expect_rc 0
tc=$(($(ms) - t0))
git reset -q "$base"
[ "$(git status --porcelain)" = "$before" ] || fail "reset"

# killed: whether SIGKILL ended the process (not a finished one)
killed() {
	kill -9 $1 2>/dev/null || true
	set +e
	wait $1 2>/dev/null
	r=$?
	set -e
	[ $r -eq 137 ] && kills=$((kills + 1))
	return 0
}
kills=0 landed=0 k=0
while [ $kills -lt 18 ] && [ $k -lt 36 ]; do
	"$PRAXIS" commit -m "killed $k" > /dev/null 2>&1 &
	pid=$!
	pause $k $((tc * 9 / 10))
	killed $pid
	# the next praxis command finishes what a kill left
	px stats --format json
	expect_rc 0
	[ ! -e .git/index.lock ] || fail "kill $k: index.lock left behind"
	# nor a branch lock, which would stop every later commit, git's too
	locks=$(find .git -name '*.lock' ! -path '.git/praxis/*')
	[ -z "$locks" ] || fail "kill $k: locks left behind: $locks"
	git fsck --strict > /dev/null 2>&1 || fail "kill $k: git fsck --strict"
	st=$(git status --porcelain)
	if [ "$(git rev-parse HEAD)" = "$base" ]; then
		[ "$st" = "$before" ] || fail "kill $k: no commit, but git status changed: $st"
	else
		[ "$(git rev-parse HEAD~1)" = "$base" ] || fail "kill $k: HEAD is not one commit on"
		[ -z "$st" ] || fail "kill $k: committed, but git status is: $st"
		[ "$(git ls-tree -r HEAD | wc -l)" -eq $(($(git ls-tree -r "$base" | wc -l) + 120)) ] ||
			fail "kill $k: the commit lacks notes"
		landed=$((landed + 1))
	fi
	a=$(dump)
	px reindex
	expect_rc 0
	[ "$(dump)" = "$a" ] || fail "kill $k: the index differs from a fresh reindex"
	[ "$(git rev-parse HEAD)" = "$base" ] || git reset -q "$base"
	k=$((k + 1))
done
echo "commit: $kills kills, $landed commits landed, whole commit ${tc} ms" >&2

# reindex, killed: the index stays what it was, or becomes the new one
px commit -m all
expect_rc 0
px reindex
expect_rc 0
ref=$(dump)
px search hôpital --format json
search=$out
t0=$(ms)
px reindex
tr=$(($(ms) - t0))
k=0
while [ $kills -lt 30 ] && [ $k -lt 24 ]; do
	"$PRAXIS" reindex > /dev/null 2>&1 &
	pid=$!
	pause $((k + 100)) $((tr * 9 / 10))
	killed $pid
	[ "$(dump)" = "$ref" ] || fail "reindex kill $k: the index differs"
	px search hôpital --format json
	expect_rc 0
	[ "$out" = "$search" ] || fail "reindex kill $k: search differs"
	k=$((k + 1))
done
[ -z "$(git status --porcelain)" ] || fail "reindex changed git status"
git fsck --strict > /dev/null 2>&1 || fail "git fsck --strict"
echo "reindex: whole ${tr} ms; $kills kills in all" >&2
[ $kills -ge 30 ] || fail "only $kills kills hit a running process"

# an update, killed: a commit made with plain git changes, removes and adds
# notes; the next reading command (`praxis search`) brings the index from
# the old commit to the new one, and is killed at spread moments. After
# each kill the sqlite3 client reads either the old index whole or the new
# one whole, never a mix; the next `praxis search` answers as after the
# update.
ts=$(ms)
old=$(dump)
old_search=$search
sqlite3 "$db" ".backup '$TMPDIR/old.db'"
for f in 2001-2002/centrum/*.md 2002-2003/centrum/*.md 2003-2004/centrum/*.md; do
	sed -i 's/le médecin traitant/la pharmacienne/; s/Rappeler l hôpital/Rappeler la clinique/' "$f"
done
git rm -q -r 2004-2005 2005-2006
cp -r 2006-2007 2011-2012
sed -i 's/^cycle: .*/cycle: 2011-2012/; s/^date: 2006-/date: 2011-/' 2011-2012/centrum/*.md
git add -A && git commit -qm "plain git: 36 changed, 24 removed, 12 added"
t0=$(ms)
px search hôpital --format json
tu=$(($(ms) - t0))
expect_rc 0
new=$(dump)
new_search=$out
[ "$new" != "$old" ] && [ "$new_search" != "$old_search" ] || fail "the update changed nothing"
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'commit'")" = "$(git rev-parse HEAD)" ] || fail "update: meta commit"
[ "$(sqlite3 "$db" "SELECT count(*) FROM notes WHERE path LIKE '2004-2005/%' OR path LIKE '2005-2006/%'")" = 0 ] ||
	fail "update: removed notes still indexed"
back() { sqlite3 "$db" ".restore '$TMPDIR/old.db'"; }
back
[ "$(dump)" = "$old" ] || fail "could not restore the old index"
k=0 olds=0 news=0
while [ $k -lt 10 ]; do
	"$PRAXIS" search hôpital --format json > /dev/null 2>&1 &
	pid=$!
	# spread over the update: from its start to past its end
	pause $((k + 200)) $((tu * (k + 1) / 10))
	killed $pid
	now=$(dump)
	if [ "$now" = "$old" ]; then
		olds=$((olds + 1))
	elif [ "$now" = "$new" ]; then
		news=$((news + 1))
	else
		printf '%s\n' "$old" > "$TMPDIR/old.dump"; printf '%s\n' "$now" > "$TMPDIR/now.dump"
		diff "$TMPDIR/old.dump" "$TMPDIR/now.dump" | head -20 >&2
		fail "update kill $k: the index is neither the old one nor the new one"
	fi
	px search hôpital --format json
	expect_rc 0
	[ "$out" = "$new_search" ] || fail "update kill $k: search after the kill differs from after the update"
	[ "$(dump)" = "$new" ] || fail "update kill $k: the index after the next search is not the new one"
	back
	k=$((k + 1))
done
echo "update: whole ${tu} ms, section $(($(ms) - ts)) ms; after the kills $olds times the old index, $news times the new" >&2
[ $olds -gt 0 ] || fail "no kill landed before the update's end"
