# Outputs of report and brief: never over a file praxis did not write
# (unless --force), written atomically, and every write error (missing
# folder, full disk, not a folder) is a write error naming the path, in
# the user's language, exit 2.
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
demo_kb kb
o=$TMPDIR/out
mkdir -p "$o"

# each way of writing a file, as "ARGS|FILE" (FILE: what -o names)
cases="report 2022-2023 --lang nl -o $o/r.html|$o/r.html
report 2022-2023 --xml -o $o/r.xml|$o/r.xml
brief zuid -o $o/b.txt|$o/b.txt
brief zuid --format html -o $o/b.html|$o/b.html
brief zuid --format json -o $o/b.json|$o/b.json
brief zuid --xml -o $o/bx.xml|$o/bx.xml"

printf '%s\n' "$cases" | while IFS='|' read -r args file; do
	# a file praxis did not write (an uncommitted note, say) stays as it was
	printf -- '---\ncommunity: zuid\n---\nmijn notitie\n' > "$file"
	cp "$file" "$TMPDIR/before"
	# shellcheck disable=SC2086
	px $args
	expect_rc 2
	contains "$err" "error: '$file' exists and praxis did not write it (or it was changed since): use --force to replace it"
	cmp -s "$file" "$TMPDIR/before" || fail "$args replaced a file it did not write"
	# --force replaces it
	# shellcheck disable=SC2086
	px $args --force
	expect_rc 0
	cmp -s "$file" "$TMPDIR/before" && fail "$args --force did not write"
	cp "$file" "$TMPDIR/first"
	# what praxis wrote, it may write again
	# shellcheck disable=SC2086
	px $args
	expect_rc 0
	cmp -s "$file" "$TMPDIR/first" || fail "$args wrote something else the second time"
	# once changed by hand, it is the user's again
	echo "<!-- mine -->" >> "$file"
	cp "$file" "$TMPDIR/edited"
	# shellcheck disable=SC2086
	px $args
	expect_rc 2
	contains "$err" "exists and praxis did not write it"
	cmp -s "$file" "$TMPDIR/edited" || fail "$args replaced a file the user changed"
	# a symbolic link is not praxis' either, and its target is untouched
	rm "$file"
	echo "target" > "$TMPDIR/target"
	ln -s "$TMPDIR/target" "$file"
	# shellcheck disable=SC2086
	px $args
	expect_rc 2
	[ "$(cat "$TMPDIR/target")" = target ] || fail "$args wrote through a link"
	rm "$file"
done

# no temporary files are left behind
ls -A "$o" | grep -q 'tmp' && fail "temporary files left: $(ls -A "$o")"

# write errors: the path, praxis' own words, exit 2, nothing "cannot read"
for args in "report 2022-2023 --lang nl -o" "report 2022-2023 --xml -o" "brief zuid -o" \
	"brief zuid --xml -o" "brief zuid --format html -o"; do
	for target in /dev/full "$o/missing/x.out" "$o/plain.txt/x.out"; do
		: > "$o/plain.txt"
		case $target in
		/dev/full) why="the disk is full"; nl="de schijf is vol"; fr="le disque est plein";;
		*missing*) why="no such file or folder"; nl="bestand of map bestaat niet"; fr="fichier ou dossier inexistant";;
		*) why="a part of the path is not a folder"; nl="een deel van het pad is geen map"; fr="une partie du chemin n'est pas un dossier";;
		esac
		# shellcheck disable=SC2086
		px $args "$target"
		expect_rc 2
		contains "$err" "error: cannot write '$target': $why"
		lacks "$err" "cannot read"
		# shellcheck disable=SC2086
		px --lang nl $args "$target"
		expect_rc 2
		contains "$err" "fout: kan '$target' niet schrijven: $nl"
		# shellcheck disable=SC2086
		px --lang fr $args "$target"
		expect_rc 2
		contains "$err" "erreur: impossible d'écrire '$target' : $fr"
		lacks "$err" "No such file"
		lacks "$err" "No space"
		lacks "$err" "Not a directory"
	done
	[ -c /dev/full ] || fail "/dev/full is no longer a device"
	# a device is written in place, not replaced
	# shellcheck disable=SC2086
	px $args /dev/null
	expect_rc 0
	[ -c /dev/null ] || fail "/dev/null is no longer a device"
done
[ ! -e "$o/missing" ] || fail "a missing folder was made"

# standard output on a full disk: every command that prints says so exactly
# once, exit 2, with the cause of the first failed write in the user's
# language (never the C library's English)
for lang in en nl fr; do
	case $lang in
	en) want="praxis: error: cannot write output: the disk is full";;
	nl) want="praxis: fout: kan uitvoer niet schrijven: de schijf is vol";;
	fr) want="praxis: erreur: impossible d'écrire la sortie : le disque est plein";;
	esac
	for args in "stats" "search tijd" "search tijd -n 1" "brief zuid" "brief zuid --format html" \
		"brief zuid --xml" "report 2022-2023 --xml" "log" "check" "--help" "--version" \
		"--list-commands" "stats --help" "search --help" "brief --help" "log --help" \
		"check --help" "site --help"; do
		set +e
		# shellcheck disable=SC2086
		$vg "$PRAXIS" --lang $lang $args > /dev/full 2>"$TMPDIR/stderr"; rc=$?
		set -e
		err=$(cat "$TMPDIR/stderr")
		[ "$rc" -eq 2 ] || fail "$lang $args > /dev/full: exit $rc: $err"
		[ "$err" = "$want" ] || fail "$lang $args > /dev/full: expected one line [$want], got: $err"
	done
done
echo "ok"
