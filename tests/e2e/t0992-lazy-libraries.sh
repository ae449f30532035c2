# The libraries of one command are not linked (src/dl.h): libmicrohttpd
# (and GnuTLS behind it) for serve, libxlsxwriter for workbooks, libzip
# for the REFI-QDA project. Every other command starts without them; the
# command that needs one opens it then, and says which package to install
# when it cannot.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb zuid

lazy="libmicrohttpd libxlsxwriter libzip libgnutls"

# 1. not in the binary's dependencies, direct or indirect
needed=$(readelf -d "$PRAXIS" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || fail "readelf lists no NEEDED library"
deps=$(ldd "$PRAXIS")
for l in $lazy; do
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

# 3. the commands that need one open it, and work (their own tests check
# the files in full: t3030, t6000, t7000)
got=$(loaded xlsx stats --format xlsx -o s.xlsx)
contains "$got" libxlsxwriter.so.4
lacks "$got" libzip.so
lacks "$got" libmicrohttpd
[ -s s.xlsx ] || fail "no workbook written"
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
echo ok
