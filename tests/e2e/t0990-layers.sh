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

# SQLite is called only by the index: index.c (the one writer), the data
# layer (db.c, db_*.c, and the internal part of db.h) and the FTS5
# extension: the tokenizer and the rank function (fts.c, rank.c,
# fts_ext.c, fts.h); no other file names an SQLite function or
# type, or includes <sqlite3.h>, and no public header shows it.
outside=$(grep -n -e 'sqlite3' -e 'SQLITE_' src/*.c src/*.h src/cmd/*.c |
	grep -v -e '^src/index\.c:' -e '^src/db\.c:' -e '^src/db_[a-z]*\.c:' -e '^src/fts\.c:' \
		-e '^src/rank\.c:' -e '^src/fts_ext\.c:' -e '^src/fts\.h:' -e '^src/db\.h:' -e '^src/index\.h:.*struct sqlite3 \*db;' || true)
[ -z "$outside" ] || fail "SQLite outside the index and the data layer:
$outside"
# in db.h, SQLite appears only inside its internal section
leak=$(awk '/^#ifdef PX_DB_INTERNAL/{i=1} /^#endif/{i=0} !i && /sqlite3|SQLITE_/{print FILENAME":"NR": "$0}' src/db.h)
[ -z "$leak" ] || fail "db.h shows SQLite outside PX_DB_INTERNAL: $leak"
[ "$(grep -c 'sqlite3_' src/db.c)" -gt 0 ] || fail "src/db.c calls no SQLite"

# every row loop of the data layer and the writer tells done from error:
# no bare `while (sqlite3_step(...) == SQLITE_ROW)` outside px_db_step
bare=$(grep -n 'while (sqlite3_step' src/*.c || true)
[ -z "$bare" ] || fail "row loops that end silently on an error:
$bare"

# HTTP is serve.c's alone: no other file calls libmicrohttpd or includes
# it; the handlers (web*.c) see px_web_request and px_web_response only
outside=$(grep -n -e 'MHD_' -e 'microhttpd\.h' src/*.c src/*.h src/cmd/*.c | grep -v '^src/serve\.c:' || true)
[ -z "$outside" ] || fail "libmicrohttpd outside serve.c:
$outside"
[ "$(grep -c 'MHD_' src/serve.c)" -gt 0 ] || fail "src/serve.c calls no libmicrohttpd"
