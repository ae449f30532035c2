# communities.yaml, publication.yaml and the codebook, as parsed, are kept
# in GITDIR/praxis/kb.cache (src/cache.h) and used while the files are as
# they were: a cached run answers exactly as a parsing one, and any change
# is seen, even one that keeps the size and puts the modification time
# back (touch -r), or a damaged cache.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid
cache=.git/praxis/kb.cache
cp "$TOP/schema/codebook.xml" codebook.xml

# answers: what the commands say of the communities and the codebook
answers() {
	px search tijd --facets --format json; expect_rc 0
	printf '%s\n' "$out"
	px codes --format json; expect_rc 0
	printf '%s\n' "$out"
	px search '#temps' --community zuid --format json --limit 3; expect_rc 0
	printf '%s\n' "$out"
}
# warm: files older than the 2 s racy window, then a run that caches them
warm() {
	sleep 2.1
	px search zzzznothing; expect_rc 0
	[ -s "$cache" ] || fail "$1: no $cache"
	head -1 "$cache" | grep -qx 'praxis kb 1' || fail "$1: $cache has no header"
	grep -q " $(pwd)/communities.yaml\$" "$cache" || fail "$1: $cache does not list communities.yaml"
}
# same_in_place FILE OLD NEW: FILE rewritten in place (same inode), OLD
# replaced by NEW of the same length, its modification time put back
same_in_place() {
	before=$(stat -c '%s %y %i' "$1")
	cp -p "$1" "$TMPDIR/ref"
	sed "s/$2/$3/" "$TMPDIR/ref" > "$1"
	touch -r "$TMPDIR/ref" "$1"
	[ "$(stat -c '%s %y %i' "$1")" = "$before" ] || fail "size, time or inode of $1 changed"
	cmp -s "$1" "$TMPDIR/ref" && fail "$1 did not change"
	return 0
}

# 1. parsed and cached answers are the same, whole
rm -f "$cache"
answers > parsed.txt
warm first
answers > cached.txt
test_cmp parsed.txt cached.txt
contains "$(cat cached.txt)" '"PG Zuid"'

# 2. a community renamed, same size, time put back
warm rename
same_in_place communities.yaml '"PG Zuid"' '"PG Zoid"'
answers > got.txt
contains "$(cat got.txt)" '"PG Zoid"'
lacks "$(cat got.txt)" '"PG Zuid"'
rm -f "$cache"
answers > want.txt
test_cmp want.txt got.txt

# 3. a code's label changed the same way
warm label
same_in_place codebook.xml '>tijd<' '>tijn<'
answers > got.txt
contains "$(cat got.txt)" '"tijn"'
rm -f "$cache"
answers > want.txt
test_cmp want.txt got.txt

# 4. a broken communities.yaml is never hidden by the cache
warm broken
same_in_place communities.yaml 'communities:' 'communitiez:'
px search tijd
expect_rc 1
contains "$err" "communities.yaml:4:1: error: unknown key 'communitiez' (did you mean 'communities'?) [unknown-key]"
same_in_place communities.yaml 'communitiez:' 'communities:'

# 5. a damaged cache (a byte flipped, cut short, emptied) is ignored and
# written again
warm damaged
answers > want.txt
for damage in flip cut empty; do
	case $damage in
	flip) size=$(stat -c %s "$cache")
	      printf 'X' | dd of="$cache" bs=1 seek=$((size - 3)) conv=notrunc 2>/dev/null ;;
	cut) head -c 200 "$cache" > "$TMPDIR/c" && cat "$TMPDIR/c" > "$cache" ;;
	empty) : > "$cache" ;;
	esac
	answers > got.txt
	test_cmp want.txt got.txt
	sleep 0.1
	px search zzzznothing; expect_rc 0
	[ "$(head -c 11 "$cache")" = "praxis kb 1" ] || fail "$damage: cache not written again"
done
echo ok
