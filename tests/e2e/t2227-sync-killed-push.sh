# A push to a remote on this machine (a path or a file:// URL) killed
# while it updates the remote's branch: libgit2 writes the remote's
# refs/heads/main.lock in praxis' own process, and a kill -9 leaves it.
# strace kills praxis exactly there (on its write into that lock: an
# empty lock; on the rename that would publish it: a full one), and the
# next 'praxis sync' drops the lock its killed push left and completes:
# the remote on the laptop's commit, both passing git fsck --strict. A
# lock someone else holds stays, and the push fails naming it.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
base=$PWD
command -v strace > /dev/null || fail "strace is missing (.ci/deps.sh test installs it)"

px init --bare srv/kb.git
px init a
make_kb tmpkb
cp tmpkb/communities.yaml a/
lock=$base/srv/kb.git/refs/heads/main.lock
cd a
px commit
expect_rc 0
i=1
# each kind of remote URL, each moment
for url in "file://$base/srv/kb.git" "$base/srv/kb.git" "../srv/kb.git"; do
	git remote remove origin 2>/dev/null || true
	git remote add origin "$url"
	for sys in write rename,renameat,renameat2; do
		what="$url, killed on ${sys%%,*}"
		note 2022-2023/zuid/0$i.md <<EOF2
Sessie $i. #tijd
EOF2
		sed -i "s/^session: 4/session: $i/" 2022-2023/zuid/0$i.md
		px commit
		expect_rc 0
		head=$(git rev-parse HEAD)
		# LeakSanitizer cannot run under ptrace; the process is killed anyway
		set +e
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -qq -o /dev/null -P "$lock" \
			-e trace=write,rename,renameat,renameat2 \
			-e inject=$sys:signal=KILL "$PRAXIS" sync > /dev/null 2>&1
		krc=$?
		set -e
		[ "$krc" -ne 0 ] || fail "$what: the sync was not killed"
		[ -f "$lock" ] || fail "$what: the kill left no lock (strace did not stop it there)"
		if [ $sys = write ]; then
			[ ! -s "$lock" ] || fail "$what: the lock is not empty"
		else
			[ "$(cat "$lock")" = "$head" ] || fail "$what: the lock does not hold the pushed commit"
		fi
		git --git-dir="$base/srv/kb.git" fsck --strict --full > /dev/null 2>&1 || fail "$what: fsck remote"
		px sync
		expect_rc 0
		[ ! -e "$lock" ] || fail "$what: the lock is still there"
		[ "$(git --git-dir="$base/srv/kb.git" rev-parse main)" = "$head" ] || fail "$what: not pushed"
		git fsck --strict --full > /dev/null 2>&1 || fail "$what: fsck local"
		git --git-dir="$base/srv/kb.git" fsck --strict --full > /dev/null 2>&1 || fail "$what: fsck remote after"
		i=$((i + 1))
	done
done

# a lock no killed push of this laptop left: it stays, the push fails
# naming it, nothing local changes; once its owner is done, the sync
# completes
what="foreign lock"
note 2022-2023/zuid/0$i.md <<EOF2
Sessie $i. #tijd
EOF2
sed -i "s/^session: 4/session: $i/" 2022-2023/zuid/0$i.md
px commit
head=$(git rev-parse HEAD)
echo "someone else" > "$lock"
px sync
expect_rc 2
contains "$err" "cannot push to 'origin'"
expect_err <<EOF2
origin: error: cannot push to 'origin': '$(realpath "$lock")' exists there: another program is pushing to it, or one stopped without removing it; nothing was sent. If no other program is pushing, remove that file and run 'praxis sync' again [sync]
EOF2
[ "$(cat "$lock")" = "someone else" ] || fail "$what: the lock was touched"
[ "$(git rev-parse HEAD)" = "$head" ] || fail "$what: HEAD moved"
rm "$lock"
px sync
expect_rc 0
[ "$(git --git-dir="$base/srv/kb.git" rev-parse main)" = "$head" ] || fail "$what: not pushed after"
