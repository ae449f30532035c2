# The README's first lines put praxis on the PATH in two ways; both work
# with no PRAXIS_DATADIR: installed (make install into a staging folder:
# binary, data files, man page; the binary finds its data in
# BIN/../share/praxis) and in place (this folder on the PATH: the build
# finds its data beside it).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
grep -q 'sudo make install' "$TOP/README.md" || fail "the README no longer says how to install"
grep -qF 'export PATH="$PWD:$PATH"' "$TOP/README.md" || fail "the README no longer says how to use the build in place"
stage=$TMPDIR/stage
make -s -C "$TOP" install DESTDIR="$stage" PREFIX=/usr >/dev/null
for f in usr/bin/praxis usr/share/praxis/schema/codebook.xml usr/share/praxis/schema/index.sql \
	 usr/share/praxis/xslt/report.xsl usr/share/praxis/site/report.css usr/share/man/man1/praxis.1; do
	[ -e "$stage/$f" ] || fail "make install did not install $f"
done
unset PRAXIS_DATADIR
kb=$TMPDIR/kb
( PATH=$stage/usr/bin:$PATH
  cd "$TMPDIR" && praxis init kb >/dev/null &&
  cp -r "$TOP/notes/." "$kb/" && cd "$kb" &&
  praxis commit --author "T <t@example.org>" >/dev/null &&
  [ "$(praxis search ziekenhuis --format json --limit 1 | jq .total)" -gt 0 ] ) ||
	fail "the installed praxis does not work"
( PATH=$TOP:$PATH
  [ "$(command -v praxis)" = "$TOP/praxis" ] || exit 1
  cd "$kb" && praxis stats >/dev/null ) || fail "praxis used in place does not work"
echo ok
