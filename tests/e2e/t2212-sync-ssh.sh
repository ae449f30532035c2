# Sync over SSH as git users expect it: an sshd of the test's own on
# 127.0.0.1 (its own host key, one authorized key), the key in an SSH
# agent. An unknown host key, no agent, and an agent without the key are
# each one clear message (exit 2), never a hang or a prompt; with the host
# known and the key in the agent, sync pushes and clone fetches.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
base=$PWD
pids=
trap 'for p in $pids; do kill $p 2>/dev/null || true; done' EXIT
same() { [ "$2" = "$1" ] || fail "expected: $1
got: $2"; }
# libgit2 1.5's SSH transport leaks on every connection (its known_hosts
# check never frees libssh2's list, nor two buffers of its own; none of
# it is praxis' memory): under the sanitizers this test runs without leak
# checking, the memory errors are still checked
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

ssh-keygen -q -t ed25519 -N '' -f "$base/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$base/userkey"
cp "$base/userkey.pub" "$base/authorized_keys"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$base/sshd_config" <<EOF2
Port $port
ListenAddress 127.0.0.1
HostKey $base/hostkey
AuthorizedKeysFile $base/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $base/sshd.pid
EOF2
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
/usr/sbin/sshd -D -f "$base/sshd_config" -E "$base/sshd.log" &
pids="$pids $!"
tries=0
until ssh-keyscan -p "$port" 127.0.0.1 > "$base/hostline" 2>/dev/null && [ -s "$base/hostline" ]; do
	tries=$((tries + 1)); [ $tries -lt 50 ] || fail "sshd did not start: $(cat "$base/sshd.log")"; sleep 0.1
done
eval "$(ssh-agent -s)" > /dev/null
pids="$pids $SSH_AGENT_PID"
url="ssh://$(id -un)@127.0.0.1:$port$base/srv/kb.git"
auth_msg="origin: error: '$url' refused the credentials: for ssh:// and user@host: remotes start an SSH agent with your key (ssh-add); for https:// set PRAXIS_GIT_TOKEN to an access token (and PRAXIS_GIT_USER when the server needs a user name) [sync-auth]"

px init --bare srv/kb.git
px init a
make_kb a
cd a
px commit
git remote add origin "$url"

# the host key is not known: no known_hosts file at all (refused before
# connecting), then one that knows other hosts (libgit2 reads it)
ssh-add -q "$base/userkey"
host_msg="origin: error: '$url': this machine does not know the server's SSH host key (~/.ssh/known_hosts): connect once with ssh or git, check the key it shows with the server's administrator and accept it, then sync again [sync-auth]"
out=$(timeout 60 "$PRAXIS" sync 2>&1) && rc=0 || rc=$?
[ "$rc" = 2 ] || fail "no known_hosts: exit $rc: $out"
same "$host_msg" "$out"
out=$(timeout 60 "$PRAXIS" clone "$url" c 2>&1) && rc=0 || rc=$?
[ "$rc" = 2 ] || fail "clone, no known_hosts: exit $rc: $out"
same "$url: error: '$url': this machine does not know the server's SSH host key (~/.ssh/known_hosts): connect once with ssh or git, check the key it shows with the server's administrator and accept it, then sync again [sync-auth]" "$out"
[ ! -e c ] || fail "clone made a folder"
mkdir -p "$HOME/.ssh"
sed 's/^[^ ]* /[127.0.0.1]:1 /' "$base/hostline" > "$HOME/.ssh/known_hosts"
out=$(timeout 60 "$PRAXIS" sync 2>&1) && rc=0 || rc=$?
[ "$rc" = 2 ] || fail "unknown host: exit $rc: $out"
same "$host_msg" "$out"
cp "$base/hostline" "$HOME/.ssh/known_hosts"

# no agent at all
out=$(env -u SSH_AUTH_SOCK timeout 60 "$PRAXIS" sync 2>&1) && rc=0 || rc=$?
[ "$rc" = 2 ] || fail "no agent: exit $rc: $out"
same "origin: error: '$url' asks for an SSH key and no SSH agent runs (SSH_AUTH_SOCK is not set): start one and add your key ('eval \"\$(ssh-agent)\"', then 'ssh-add'), then sync again [sync-auth]" "$out"

# an agent without the key: refused once, no loop
ssh-add -q -D
out=$(timeout 60 "$PRAXIS" sync 2>&1) && rc=0 || rc=$?
[ "$rc" = 2 ] || fail "agent without the key: exit $rc: $out"
same "$auth_msg" "$out"
[ -z "$(git --git-dir="$base/srv/kb.git" for-each-ref)" ] || fail "something was pushed"

# the key in the agent: pushed, and cloned on the second laptop
ssh-add -q "$base/userkey"
px sync
expect_rc 0
same "pushed to 'origin'" "$out"
[ "$(git --git-dir="$base/srv/kb.git" rev-parse main)" = "$(git rev-parse HEAD)" ] || fail "not pushed"
cd "$base"
px clone "$url" b
expect_rc 0
[ "$(git -C b rev-parse HEAD)" = "$(git -C a rev-parse HEAD)" ] || fail "clone differs"
cd b
note 2022-2023/zuid/01.md <<'EOF2'
Over SSH. #tijd
EOF2
px commit
expect_rc 0
px sync
expect_rc 0
cd "$base/a"
px sync
expect_rc 0
[ "$(git rev-parse HEAD)" = "$(git -C "$base/b" rev-parse HEAD)" ] || fail "a and b differ"
git --git-dir="$base/srv/kb.git" fsck --strict >/dev/null 2>&1 || fail "fsck"
