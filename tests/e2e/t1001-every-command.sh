# Every command of the command table (praxis --list-commands, so a new
# command is covered without editing this test), with --help, -h, an
# unknown option and no arguments, in English, Dutch and French, inside and
# outside a knowledge base: exit 0, 1 or 2 with a message, never a signal.
# `serve` without arguments in a knowledge base serves until stopped: it
# runs on a free port (lib-serve.sh) and must stop on SIGTERM with exit 0.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/lib-serve.sh"
set -e
git_identity
px init kb
expect_rc 0
mkdir outside
base=$PWD

px --list-commands
expect_rc 0
cmds=$out
[ "$(printf '%s\n' "$cmds" | wc -l)" -ge 12 ] || fail "too few commands: $cmds"
for c in init check commit search stats sync; do
	printf '%s\n' "$cmds" | grep -qx "$c" || fail "'$c' missing from --list-commands"
done

usage_word() {
	case $1 in en) echo "usage: praxis" ;; nl) echo "gebruik: praxis" ;; fr) echo "usage : praxis" ;; esac
}

runs=0
for c in $cmds; do
	for lang in en nl fr; do
		for where in kb outside; do
			# a fresh copy for the runs without arguments, which may write
			rm -rf "$base/scratch" && cp -r "$base/kb" "$base/scratch"
			for args in --help -h --no-such-option ''; do
				dir=$base/$where
				[ -z "$args" ] && [ $where = kb ] && dir=$base/scratch
				cd "$dir"
				if [ "$c" = serve ] && [ -z "$args" ] && [ $where = kb ]; then
					# a server runs until it is stopped: on a free port,
					# up once it prints its address, then SIGTERM, exit 0
					serve_start . --threads 1
					serve_stop
					rc=0 out= err=
				else
					# shellcheck disable=SC2086
					px --lang $lang $c $args
				fi
				cd "$base"
				runs=$((runs + 1))
				what="praxis --lang $lang $c $args (in $where): exit $rc"
				[ "$rc" -lt 128 ] || fail "$what: killed by a signal; $err"
				case $args in
				--help|-h)
					[ "$rc" -eq 0 ] || fail "$what; $err"
					[ -z "$err" ] || fail "$what: help wrote to stderr: $err"
					# the command's own usage line, in the chosen language
					first=$(printf '%s\n' "$out" | head -n 1)
					case $first in "$(usage_word $lang) $c"*) ;;
					*) fail "$what: help starts with [$first]" ;; esac
					;;
				--no-such-option)
					[ "$rc" -eq 2 ] || fail "$what; $out $err"
					[ -n "$err" ] || fail "$what: no message"
					if [ $where = kb ]; then contains "$err" "--no-such-option"; fi
					;;
				*)
					[ "$rc" -le 2 ] || fail "$what; $err"
					if [ "$rc" -eq 2 ]; then [ -n "$err" ] || fail "$what: exit 2 without a message"; fi
					;;
				esac
				lacks "$err" "internal error"
			done
		done
	done
done
# help differs by language: the catalogue is used, not one fixed text
cd kb
px --lang nl stats --help; nl=$out
px --lang fr stats --help; fr=$out
px --lang en stats --help; en=$out
[ "$nl" != "$fr" ] && [ "$nl" != "$en" ] && [ "$fr" != "$en" ] || fail "help is not translated"
# "--" ends the options: what follows is an argument, not a request for help
px search -- --help
[ "$rc" -lt 128 ] || fail "search -- --help: signal"
lacks "$out" "usage: praxis search"
echo "ok: $runs runs"
