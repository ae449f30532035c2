# Interrupted syncs lose nothing: the remote gone (before the sync, and
# mid-push: a git daemon killed while its pre-receive hook runs), and
# praxis itself killed with SIGKILL at moments spread over fetch, merge,
# checkout and push. After each, the local knowledge base and the remote
# pass git fsck --strict, and the next 'praxis sync' finishes the job: both
# laptops on one commit holding both sides' notes.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
base=$PWD
pids=
trap 'for p in $pids; do kill $p 2>/dev/null || true; done' EXIT
fsck_all() {
	for r in "$@"; do git -C "$r" fsck --strict --full >/dev/null 2>&1 || fail "$what: fsck $r"; done
}

px init --bare srv/kb.git
px init a
make_kb tmpkb
cp tmpkb/communities.yaml a/
cd a
px commit
git remote add origin "$base/srv/kb.git"
px sync
expect_rc 0
cd ..
px clone srv/kb.git b
expect_rc 0

# the remote gone: an error, nothing changed; back, the sync completes
what="remote gone"
cd a
note 2022-2023/zuid/01.md <<'EOF2'
Eerste. #tijd
EOF2
sed -i 's/^session: 4/session: 1/' 2022-2023/zuid/01.md
px commit
head=$(git rev-parse HEAD)
mv "$base/srv/kb.git" "$base/srv/away.git"
px sync
expect_rc 2
contains "$err" "origin: error: cannot fetch from 'origin': "
[ "$(git rev-parse HEAD)" = "$head" ] || fail "$what: HEAD moved"
mv "$base/srv/away.git" "$base/srv/kb.git"
px sync
expect_rc 0
[ "$(git --git-dir="$base/srv/kb.git" rev-parse main)" = "$head" ] || fail "$what: not pushed after"
fsck_all . "$base/srv/kb.git"
cd ..

# kill -9 at spread moments while b brings in a's commit and merges it
# with its own, then pushes (a kill inside the checkout itself, which
# these moments reach only by chance, is t2226's)
i=1
delays="0.005 0.01 0.02 0.03 0.05 0.08 0.12 0.2"
for delay in $delays; do
	what="kill after ${delay}s"
	cd "$base/a"
	note 2022-2023/zuid/0$((1 + i)).md <<EOF2
Van a, $i. #tijd
EOF2
	sed -i "s/^session: 4/session: $((1 + i))/" 2022-2023/zuid/0$((1 + i)).md
	px commit
	px sync
	expect_rc 0
	cd "$base/b"
	note 2022-2023/centrum/0$i.md <<EOF2
Séance $i de b. #temps
EOF2
	sed -i "s/^session: 4/session: $i/; s/^community: zuid/community: centrum/; s/^lang: nl/lang: fr/" 2022-2023/centrum/0$i.md
	px commit
	expect_rc 0
	mine=$(git rev-parse HEAD)
	"$PRAXIS" sync >/dev/null 2>&1 &
	p=$!
	sleep $delay
	kill -9 $p 2>/dev/null || true
	wait $p 2>/dev/null || true
	fsck_all . "$base/srv/kb.git"
	git merge-base --is-ancestor "$mine" HEAD || fail "$what: b's commit left HEAD"
	px sync
	expect_rc 0
	cd "$base/a"
	px sync
	expect_rc 0
	[ "$(git rev-parse HEAD)" = "$(git -C "$base/b" rev-parse HEAD)" ] || fail "$what: a and b differ"
	git merge-base --is-ancestor "$mine" HEAD || fail "$what: b's commit lost"
	[ -f 2022-2023/centrum/0$i.md ] || fail "$what: b's note not in a"
	[ -z "$(git -C "$base/b" status --porcelain)" ] || fail "$what: b dirty: $(git -C "$base/b" status --porcelain)"
	fsck_all . "$base/b" "$base/srv/kb.git"
	i=$((i + 1))
done

# the remote going away mid-push: a git daemon whose pre-receive hook
# waits, killed while it does
what="daemon killed mid-push"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '#!/bin/sh\nsleep 2\n' > "$base/srv/kb.git/hooks/pre-receive"
chmod +x "$base/srv/kb.git/hooks/pre-receive"
start_daemon() {
	git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$base/srv" \
		--export-all --enable=receive-pack "$base/srv" 2>/dev/null &
	dpid=$!
	pids="$pids $dpid"
	tries=0
	until git ls-remote "git://127.0.0.1:$port/kb.git" >/dev/null 2>&1; do
		tries=$((tries + 1)); [ $tries -lt 50 ] || fail "git daemon did not start"; sleep 0.1
	done
}
start_daemon
cd "$base/a"
git remote set-url origin "git://127.0.0.1:$port/kb.git"
note 2022-2023/zuid/12.md <<'EOF2'
Tijdens de push. #tijd
EOF2
sed -i 's/^session: 4/session: 12/' 2022-2023/zuid/12.md
px commit
head=$(git rev-parse HEAD)
"$PRAXIS" sync > "$base/out" 2> "$base/err" &
p=$!
sleep 1
# the daemon and what it runs for the push (receive-pack, the hook)
killtree() {
	for c in $(pgrep -P "$1"); do killtree "$c"; done
	kill -9 "$1" 2>/dev/null || true
}
killtree $dpid
wait $p && rc=0 || rc=$?
[ "$rc" = 2 ] || fail "$what: exit $rc: $(cat "$base/err")"
contains "$(cat "$base/err")" "origin: error: cannot push to 'origin'"
[ "$(git rev-parse HEAD)" = "$head" ] || fail "$what: HEAD moved"
fsck_all . "$base/srv/kb.git"
rm "$base/srv/kb.git/hooks/pre-receive"
start_daemon
px sync
expect_rc 0
[ "$(git --git-dir="$base/srv/kb.git" rev-parse main)" = "$head" ] || fail "$what: not pushed after"
fsck_all . "$base/srv/kb.git"

# a server that accepts and never answers: the watchdog ends the sync
# (and a clone) after PRAXIS_NET_TIMEOUT seconds without a sign of life,
# with one message; nothing changed, the next sync works
what="silent server"
sport=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
held = []
while True:
    held.append(s.accept()[0])
' "$sport" &
pids="$pids $!"
tries=0
until /usr/bin/python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])))' "$sport" 2>/dev/null; do
	tries=$((tries + 1)); [ $tries -lt 50 ] || fail "silent server did not start"; sleep 0.1
done
surl="git://127.0.0.1:$sport/kb.git"
git remote set-url origin "$surl"
head=$(git rev-parse HEAD)
PRAXIS_NET_TIMEOUT=2 px sync
expect_rc 2
expect_err <<EOF2
origin: error: no answer from '$surl' for 2 seconds: the server or the network is down; nothing was lost: run 'praxis sync' again later (PRAXIS_NET_TIMEOUT sets the wait) [sync]
EOF2
[ "$(git rev-parse HEAD)" = "$head" ] || fail "$what: HEAD moved"
fsck_all .
cd "$base"
PRAXIS_LANG=nl PRAXIS_NET_TIMEOUT=2 px clone "$surl" c
expect_rc 2
expect_err <<EOF2
$surl: fout: geen antwoord van '$surl' gedurende 2 seconden: de server of het netwerk ligt plat; er ging niets verloren: voer later opnieuw 'praxis sync' uit (PRAXIS_NET_TIMEOUT bepaalt hoe lang er gewacht wordt) [sync]
EOF2
[ ! -e c ] || fail "$what: a half-made clone stayed"
cd "$base/a"
git remote set-url origin "git://127.0.0.1:$port/kb.git"
px sync
expect_rc 0
