# praxis serve for the end-to-end scripts (sourced after lib.sh).
#
#   serve_start DIR [ARGS...]   starts `praxis serve --listen 127.0.0.1:0 ARGS`
#                               in DIR ($SERVE_LISTEN instead of
#                               127.0.0.1:0 when set); sets $URL (its first line, the
#                               address, ending in '/') and $SERVE_PID; a
#                               trap stops it however the script ends
#   serve_stop                  stops it with SIGTERM: it must exit 0 and
#                               say nothing on stderr (the sanitizers'
#                               reports would be there)
#   get PATH [CURL ARGS...]     GET $URL/PATH: the body in $out, the status
#                               in $code, the headers in $TMPDIR/headers
#
# The server listens on a free port of the loopback; a test never leaves
# it running (the EXIT trap kills it, also after fail).
SERVE_PID=
serve_start() {
	_dir=$1; shift
	: > "$TMPDIR/serve.out"
	_serve_lines=1
	case ${SERVE_LISTEN:-} in 0.0.0.0:*) _serve_lines=2 ;; esac
	( cd "$_dir" && exec $vg "$PRAXIS" serve --listen "${SERVE_LISTEN:-127.0.0.1:0}" "$@" ) \
		> "$TMPDIR/serve.out" 2> "$TMPDIR/serve.err" &
	SERVE_PID=$!
	trap '_serve_kill' EXIT
	trap '_serve_kill; exit 1' INT TERM
	# the first line says the server is up: sanitizers and valgrind take
	# their time, so this waits for the line or the server's end
	_i=0
	until [ -n "$(head -n 1 "$TMPDIR/serve.out")" ]; do
		kill -0 "$SERVE_PID" 2>/dev/null ||
			fail "praxis serve ended before it served: $(cat "$TMPDIR/serve.err")"
		_i=$((_i + 1))
		[ $_i -lt 1200 ] || fail "praxis serve printed no address in 120 s"
		sleep 0.1
	done
	URL=$(head -n 1 "$TMPDIR/serve.out")
	case $URL in
	http://127.0.0.1:[0-9]*/) ;;
	*) fail "the first line of praxis serve is not its address: $URL" ;;
	esac
}
_serve_kill() {
	if [ -n "$SERVE_PID" ]; then
		kill -TERM "$SERVE_PID" 2>/dev/null
		wait "$SERVE_PID" 2>/dev/null
		SERVE_PID=
	fi
}
serve_stop() {
	[ -n "$SERVE_PID" ] || fail "serve_stop: no server"
	kill -TERM "$SERVE_PID" || fail "the server was gone before serve_stop"
	set +e
	wait "$SERVE_PID"
	_rc=$?
	set -e
	SERVE_PID=
	[ "$_rc" -eq 0 ] || fail "praxis serve exited $_rc on SIGTERM: $(cat "$TMPDIR/serve.err")"
	[ ! -s "$TMPDIR/serve.err" ] || fail "praxis serve said on stderr: $(cat "$TMPDIR/serve.err")"
	# on every address (0.0.0.0), a second line says where others go
	[ "$(wc -l < "$TMPDIR/serve.out")" -eq "$_serve_lines" ] ||
		fail "praxis serve printed more than its address: $(cat "$TMPDIR/serve.out")"
}
get() {
	_p=$1; shift
	code=$(curl -s -g --path-as-is -o "$TMPDIR/body" -D "$TMPDIR/headers" -w '%{http_code}' \
		"$@" "$URL$_p") || fail "curl could not GET $URL$_p"
	out=$(cat "$TMPDIR/body")
}
expect_code() { [ "$code" = "$1" ] || fail "expected HTTP $1, got $code: $out"; }
# header NAME: the value of a header of the last answer ("" when none)
header() {
	tr -d '\r' < "$TMPDIR/headers" | sed -n "s/^$1: //Ip" | head -n 1
}
