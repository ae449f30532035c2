# sync over a network transport, and a refused login: a git daemon on
# 127.0.0.1 (started here, on a free port) serves a shared repository made
# by 'praxis init --bare' over git://; clone, push and fetch go through
# it. A smart-HTTP server that refuses every login (a small Python one)
# gets one clear error, quickly, with and without a token, never a hang
# or a retry loop.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
base=$PWD
free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
pids=
trap 'for p in $pids; do kill $p 2>/dev/null || true; done' EXIT

mkdir srv
px init --bare srv/kb.git
expect_rc 0
port=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$base/srv" \
	--export-all --enable=receive-pack --informative-errors "$base/srv" 2>"$base/daemon.log" &
pids="$pids $!"
url=git://127.0.0.1:$port/kb.git
tries=0
until git ls-remote "$url" >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ $tries -lt 50 ] || fail "git daemon did not start: $(cat "$base/daemon.log")"
	sleep 0.1
done

px init a
make_kb tmpkb
cp tmpkb/communities.yaml a/
cd a
px commit
git remote add origin "$url"
px sync
expect_rc 0
expect_out <<EOF2
pushed to 'origin'
EOF2
cd ..
px clone "$url"
expect_rc 0
expect_out <<EOF2
the knowledge base of '$url' is in 'kb' (branch main, 0 notes indexed): cd 'kb', then after a session 'praxis new COMMUNITY', 'praxis check', 'praxis commit' and 'praxis sync'
EOF2
[ "$(git -C kb rev-parse HEAD)" = "$(git -C a rev-parse HEAD)" ] || fail "the clone is not a's main"
cd kb
note 2022-2023/zuid/04.md <<'EOF2'
Het ziekenhuis belde terug. #ziekenhuis
EOF2
px commit
px sync
expect_rc 0
cd ../a
px sync
expect_rc 0
expect_out <<EOF2
brought in 1 commit
EOF2
px search ziekenhuis --format json
hits_eq <<'EOF2'
[1, ["2022-2023/zuid/04.md:9"]]
EOF2
cd ..
for r in a kb srv/kb.git; do git -C $r fsck --strict --full >/dev/null 2>&1 || fail "fsck $r"; done

# a smart-HTTP server that refuses every login; it counts the requests
cat > auth.py <<'EOF2'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(sys.argv[2], "a") as f:
            f.write(("auth " if self.headers.get("Authorization") else "none ") + self.path + "\n")
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="kb"')
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_POST = do_GET
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
EOF2
hport=$(free_port)
/usr/bin/python3 auth.py "$hport" "$base/requests" &
pids="$pids $!"
tries=0
until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $hport), 1)" 2>/dev/null; do
	tries=$((tries + 1))
	[ $tries -lt 50 ] || fail "the web server did not start"
	sleep 0.1
done
hurl=http://127.0.0.1:$hport/kb.git
cd a
git remote add web "$hurl"
for token in '' wrong-token; do
	: > "$base/requests"
	set +e
	out=$(PRAXIS_GIT_TOKEN=$token timeout 20 $vg "$PRAXIS" sync web 2>"$TMPDIR/stderr"); rc=$?
	set -e
	err=$(cat "$TMPDIR/stderr")
	[ "$rc" -ne 124 ] || fail "sync hung on a refused login (token '$token')"
	expect_rc 2
	expect_err <<EOF2
web: error: '$hurl' refused the credentials: for ssh:// and user@host: remotes start an SSH agent with your key (ssh-add); for https:// set PRAXIS_GIT_TOKEN to an access token (and PRAXIS_GIT_USER when the server needs a user name) [sync-auth]
EOF2
	n=$(wc -l < "$base/requests")
	[ "$n" -le 3 ] || fail "$n requests for one refused login (token '$token'): $(cat "$base/requests")"
done
grep -q '^auth ' "$base/requests" || fail "the token was never offered"
