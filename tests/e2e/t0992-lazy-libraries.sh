# The libraries of one command are not linked (src/dl.h): libmicrohttpd
# (and GnuTLS behind it) for serve, libxlsxwriter for workbooks, libzip
# for the REFI-QDA project, and libgit2 (with libssh2, libcrypto,
# Kerberos and mbedTLS behind it) for the commands that read the
# repository, libxml2 (with ICU and libstdc++ behind it), libxslt and
# libexslt for the commands that parse XML or render pages. Every other
# command starts without them; the command that needs one opens it then,
# and says which package to install when it cannot. A search, stats,
# codes or check on a current index never opens libgit2; a search,
# stats, codes or log never opens libxml2 once the knowledge base's
# parsed files are cached (kb.cache).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid

lazy="libmicrohttpd libxlsxwriter libzip libgnutls"
git="libgit2 libssh2 libcrypto libmbedtls libgssapi"
xml="libxml2 libxslt libexslt libicuuc" # (libstdc++ too, but the sanitizers bring it)

# 1. not in the binary's dependencies, direct or indirect
needed=$(readelf -d "$PRAXIS" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || fail "readelf lists no NEEDED library"
deps=$(ldd "$PRAXIS")
for l in $lazy $git $xml; do
	case $needed in *"$l"*) fail "$l is linked (NEEDED): $needed";; esac
	case $deps in *"$l"*) fail "$l is loaded at start (ldd): $deps";; esac
done

# loaded WHAT ARGS...: the shared objects the dynamic loader opened while
# praxis ran ARGS (its own LD_DEBUG, not under valgrind), one a line
loaded() {
	what=$1; shift
	LD_DEBUG=files LD_DEBUG_OUTPUT="$TMPDIR/ld.$what" "$PRAXIS" "$@" >/dev/null 2>&1 || true
	cat "$TMPDIR"/ld."$what".* | sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sed 's|.*/||' | sort -u
	rm -f "$TMPDIR"/ld."$what".*
}

# 2. at run time: the commands that never need them do not open them
for args in "--version" "search tijd" "stats" "codes" "check" "log" "export --format qdc -o cb.qdc"; do
	# shellcheck disable=SC2086 # the words of a command
	got=$(loaded plain $args)
	[ -n "$got" ] || fail "LD_DEBUG=files showed nothing for praxis $args"
	for l in $lazy; do
		case $got in *"$l"*) fail "praxis $args loaded $l";; esac
	done
done

# libgit2: not before HEAD's record (GITDIR/praxis/head.ok) lets a
# command trust the index without asking libgit2, which a command writes
# only for files older than 2 s (store.h)
sleep 2.2
"$PRAXIS" search x >/dev/null
# each command, and what it must not open (check reads libxml2: the
# privacy guard's entity names; log reads libgit2)
for row in "--version:$git $xml" "search tijd:$git $xml" "stats:$git $xml" "codes:$git $xml" \
	"check:$git" "log:$xml"; do
	args=${row%%:*}
	# shellcheck disable=SC2086
	got=$(loaded warm $args)
	for l in ${row#*:}; do
		case $got in *"$l"*) fail "praxis $args loaded $l";; esac
	done
done
# ... and the same search's whole output as when libgit2 reads HEAD
"$PRAXIS" search tijd >fast.out
rm .git/praxis/head.ok
got=$(loaded slow search tijd)
contains "$got" libgit2.so.1.5
"$PRAXIS" search tijd >slow.out
cmp fast.out slow.out || fail "search differs with libgit2: $(diff fast.out slow.out)"
[ -s fast.out ] || fail "search found nothing"

# 3. the commands that need one open it, and work (their own tests check
# the files in full: t3030, t6000, t7000)
got=$(loaded xlsx stats --format xlsx -o s.xlsx)
contains "$got" libxlsxwriter.so.4
lacks "$got" libzip.so
lacks "$got" libmicrohttpd
[ -s s.xlsx ] || fail "no workbook written"
got=$(loaded log log)
contains "$got" libgit2.so.1.5
lacks "$got" libzip.so
"$PRAXIS" log >log.out
[ -s log.out ] || fail "praxis log printed nothing"
got=$(loaded check check)
contains "$got" libxml2.so.2
lacks "$got" libxslt
got=$(loaded report report 2022-2023 -o r.html)
contains "$got" libxml2.so.2
contains "$got" libxslt.so.1
contains "$got" libexslt.so.0
[ -s r.html ] || fail "no report written"
got=$(loaded qdpx export --format qdpx -o p.qdpx)
contains "$got" libzip.so.4
lacks "$got" libxlsxwriter
[ -s p.qdpx ] || fail "no project written"

# 4. a library that cannot be loaded: one message naming it and its
# package, exit 2, and no file (a broken libzip.so.4 found first)
mkdir fake
echo "not a library" > fake/libzip.so.4
echo "not a library" > fake/libxlsxwriter.so.4
set +e
LD_LIBRARY_PATH=$PWD/fake $vg "$PRAXIS" export --format qdpx -o q.qdpx >out 2>err; rc=$?
set -e
expect_rc 2
[ ! -s out ] || fail "output on stdout: $(cat out)"
[ ! -e q.qdpx ] || fail "a project was written without libzip"
[ "$(wc -l < err)" -eq 1 ] || fail "expected one line on stderr: $(cat err)"
contains "$(cat err)" "praxis: error: cannot load the library 'libzip.so.4' (Debian package 'libzip4'): "
set +e
LD_LIBRARY_PATH=$PWD/fake PRAXIS_LANG=fr $vg "$PRAXIS" stats --format xlsx -o s2.xlsx >out 2>err; rc=$?
set -e
expect_rc 2
[ ! -e s2.xlsx ] || fail "a workbook was written without libxlsxwriter"
contains "$(cat err)" "impossible de charger la bibliothèque 'libxlsxwriter.so.4' (paquet Debian 'libxlsxwriter4') : "
# libgit2 missing: a command that reads the repository says so, in the
# user's language, and writes nothing
echo "not a library" > fake/libgit2.so.1.5
set +e
LD_LIBRARY_PATH=$PWD/fake $vg "$PRAXIS" log >out 2>err; rc=$?
set -e
expect_rc 2
[ ! -s out ] || fail "output on stdout: $(cat out)"
[ "$(wc -l < err)" -eq 1 ] || fail "expected one line on stderr: $(cat err)"
contains "$(cat err)" "praxis: error: cannot load the library 'libgit2.so.1.5' (Debian package 'libgit2-1.5'): "
echo "change" >> 2022-2023/zuid/*01*.md 2>/dev/null || true
set +e
LD_LIBRARY_PATH=$PWD/fake PRAXIS_LANG=nl $vg "$PRAXIS" commit -m x >out 2>err; rc=$?
set -e
expect_rc 2
contains "$(cat err)" "kan de bibliotheek 'libgit2.so.1.5' niet laden (Debian-pakket 'libgit2-1.5'): "
# libxml2 missing: a search does not notice; a check says so once and
# refuses each note (the privacy guard reads entity names through it); a
# report says so and writes nothing
rm -f ./2022-2023/zuid/'*01*.md' fake/*
"$PRAXIS" search tijd >with.out
echo "not a library" > fake/libxml2.so.2
LD_LIBRARY_PATH=$PWD/fake "$PRAXIS" search tijd >without.out
cmp with.out without.out || fail "search differs without libxml2"
set +e
LD_LIBRARY_PATH=$PWD/fake $vg "$PRAXIS" check >out 2>err; rc=$?
set -e
expect_rc 1
notes=$(find 2022-2023 -name '*.md' | wc -l)
[ "$(grep -c "cannot load the library 'libxml2.so.2' (Debian package 'libxml2'): " out)" -eq 1 ] ||
	fail "the loader's message is not there once: $(cat out)"
# every note, and communities.yaml
[ "$(grep -c "could not read character entity names (libxml2 cannot be loaded): it is refused" out)" -eq $((notes + 1)) ] ||
	fail "not every one of the $notes notes and communities.yaml is refused: $(cat out)"
contains "$(cat out)" "communities.yaml: error: the privacy guard could not read"
# ... and refuses a commit whose only text is its message (a deletion)
head=$(git rev-parse HEAD)
gone=$(find 2022-2023 -name '*.md' | sort | head -1)
rm "$gone"
set +e
LD_LIBRARY_PATH=$PWD/fake $vg "$PRAXIS" commit -m "weg" >out 2>err; rc=$?
set -e
expect_rc 1
contains "$(cat out err)" "commit message (-m): error: the privacy guard could not read character entity names"
[ "$(git rev-parse HEAD)" = "$head" ] || fail "a commit was made without the privacy guard"
git checkout -q -- "$gone"
# report_refused LANG FILE MESSAGE: the report with fake/'s libraries
# exits 2 with MESSAGE as its one line on stderr, and writes no FILE
report_refused() {
	set +e
	LD_LIBRARY_PATH=$PWD/fake PRAXIS_LANG=$1 $vg "$PRAXIS" report 2022-2023 -o "$2" >out 2>err; rc=$?
	set -e
	expect_rc 2
	[ ! -e "$2" ] || fail "a report was written without its library: $(cat err)"
	[ "$(wc -l < err)" -eq 1 ] || fail "expected one line on stderr: $(cat err)"
	contains "$(cat err)" "$3"
}
report_refused fr r2.html "impossible de charger la bibliothèque 'libxml2.so.2' (paquet Debian 'libxml2') : "
rm fake/libxml2.so.2
echo "not a library" > fake/libxslt.so.1
report_refused nl r3.html "kan de bibliotheek 'libxslt.so.1' niet laden (Debian-pakket 'libxslt1.1'): "
echo ok
