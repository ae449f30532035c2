# Layers: libgit2 is called only by the store (store.c, store_*.c and
# their private header store_int.h); nothing else names a libgit2
# function, type or constant, or includes <git2.h>.
. "$TOP/tests/e2e/lib.sh"
set -e

cd "$TOP"
[ -f src/store.c ] || fail "no store in $TOP/src"
outside=$(grep -n -e 'git_' -e 'GIT_[A-Z]' -e 'git2\.h' src/*.c src/*.h src/cmd/*.c |
	grep -v -e '^src/store\.c:' -e '^src/store_[a-z]*\.c:' -e '^src/store_int\.h:' || true)
[ -z "$outside" ] || fail "libgit2 outside the store:
$outside"
# the store's public header hides libgit2 as well
outside=$(grep -n -e '<git2' -e 'git_' src/store.h || true)
[ -z "$outside" ] || fail "store.h shows libgit2: $outside"
# and the store does call it (the check above looks at the right files)
[ "$(grep -c 'git_' src/store.c)" -gt 0 ] || fail "src/store.c calls no libgit2"
