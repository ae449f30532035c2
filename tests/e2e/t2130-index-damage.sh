# The index is a cache of git: whatever happened to index.db, search,
# stats and reindex rebuild it (with a warning when it was damaged) and
# answer exactly as before. A reader of a current index writes nothing,
# so a full disk does not stop it.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid
db=$(git rev-parse --git-dir)/praxis/index.db
px search ziekenhuis --format json
expect_rc 0
search=$out
contains "$search" '"total": '
px stats --format json
expect_rc 0
stats=$out
size=$(wc -c < "$db")
warn="praxis: warning: the index '$TMPDIR/kb/.git/praxis/index.db' was damaged: it is removed and built again from git [index]"

# damage KIND: does it to a sound, current index
damage() {
	case $1 in
	empty) : > "$db" ;;
	one-byte) printf 'S' > "$db" ;;
	header-only) head -c 100 "$db" > "$db.x" && mv "$db.x" "$db" ;;
	half) head -c $((size / 2)) "$db" > "$db.x" && mv "$db.x" "$db" ;;
	last-page) head -c $((size - 4096)) "$db" > "$db.x" && mv "$db.x" "$db" ;;
	garbage) head -c "$size" /dev/urandom > "$db" ;;
	zeros) head -c "$size" /dev/zero > "$db" ;;
	header-garbage) head -c 100 /dev/urandom | dd of="$db" conv=notrunc 2>/dev/null ;;
	middle-garbage) head -c 16384 /dev/urandom | dd of="$db" bs=4096 seek=$((size / 8192)) conv=notrunc 2>/dev/null ;;
	folder) rm -f "$db" && mkdir -p "$db/sub" && echo x > "$db/sub/f" ;;
	link) rm -f "$db" && head -c 5000 /dev/urandom > "$TMPDIR/elsewhere" && ln -s "$TMPDIR/elsewhere" "$db" ;;
	other-db) rm -f "$db" && sqlite3 "$db" 'CREATE TABLE notes (x); INSERT INTO notes VALUES (1);' ;;
	no-meta) sqlite3 "$db" 'DROP TABLE meta' ;;
	no-notes) sqlite3 "$db" 'PRAGMA foreign_keys=OFF; DROP TABLE note_methods; DROP TABLE note_moderators; DROP TABLE note_themes; DROP TABLE notes' ;;
	bad-commit) sqlite3 "$db" "UPDATE meta SET value = 'zz' WHERE key = 'commit'" ;;
	wal-garbage) head -c 40000 /dev/urandom > "$db-wal" ;;
	shm-garbage) head -c 32768 /dev/urandom > "$db-shm" ;;
	*) fail "no damage $1" ;;
	esac
}
# kinds after which praxis must say that it found the index damaged
loud=" one-byte header-only half last-page garbage zeros header-garbage middle-garbage folder link no-notes "

for kind in empty one-byte header-only half last-page garbage zeros header-garbage \
	middle-garbage folder link other-db no-meta no-notes bad-commit wal-garbage shm-garbage; do
	for cmd in search stats reindex; do
		damage $kind
		case $cmd in
		search) px search ziekenhuis --format json; want=$search ;;
		stats) px stats --format json; want=$stats ;;
		reindex) px reindex; want="indexed 7 notes" ;;
		esac
		[ $rc -eq 0 ] || fail "$kind, $cmd: exit $rc: $err"
		[ "$out" = "$want" ] || fail "$kind, $cmd: output differs: $out"
		case $loud in
		*" $kind "*) [ "$err" = "$warn" ] || fail "$kind, $cmd: stderr [$err]" ;;
		*) [ -z "$err" ] || fail "$kind, $cmd: stderr [$err]" ;;
		esac
		[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "$kind, $cmd: not rebuilt"
		[ -L "$db" ] && fail "$kind, $cmd: still a link"
	done
	px search ziekenhuis --format json
	[ "$out" = "$search" ] || fail "$kind: the next search differs: $out $err"
	[ -z "$err" ] || fail "$kind: the next search warns: $err"
done
[ "$(head -c 10 "$TMPDIR/elsewhere" | wc -c)" -eq 10 ] || fail "wrote through the link"

# a reader of a current index on a full disk: a small file system of its
# own (user and mount namespaces), filled to the last byte
if unshare -rm true 2>/dev/null; then
	cat > "$TMPDIR/full.sh" <<'EOF'
set -e
mount -t tmpfs -o size=16m tmpfs "$1"
cp -a "$2" "$1/kb"
cd "$1/kb"
"$PRAXIS" search ziekenhuis --format json > /dev/null
dd if=/dev/zero of="$1/fill" bs=64k 2>/dev/null || true
dd if=/dev/zero of="$1/fill2" bs=1 2>/dev/null || true
"$PRAXIS" search ziekenhuis --format json > "$3/full-search.out" 2> "$3/full-search.err"
"$PRAXIS" stats --format json > "$3/full-stats.out" 2> "$3/full-stats.err"
EOF
	mkdir "$TMPDIR/mnt"
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
	unshare -rm sh "$TMPDIR/full.sh" "$TMPDIR/mnt" "$TMPDIR/kb" "$TMPDIR" ||
		fail "full disk: $(cat "$TMPDIR/full-search.err" "$TMPDIR/full-stats.err" 2>/dev/null)"
	[ "$(cat "$TMPDIR/full-search.out")" = "$search" ] || fail "full disk: search: $(cat "$TMPDIR/full-search.err")"
	[ "$(cat "$TMPDIR/full-stats.out")" = "$stats" ] || fail "full disk: stats: $(cat "$TMPDIR/full-stats.err")"
else
	echo "skipped: no user namespace for the full-disk case" >&2
fi
