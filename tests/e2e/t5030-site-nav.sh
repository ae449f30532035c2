# site navigation: up to 8 communities each has a link in every page's
# navigation; with more, the navigation links to the home page's list
# (the threshold is C's alone: site.c NAV_MAX, the stylesheet renders
# communities/@nav).
. "$TOP/tests/e2e/lib.sh"
set -e
git_identity
nav_links() { # FILE: the hrefs of the header navigation's list
	xmllint --html --xpath '//header//nav/ul//a/@href' "$1" 2>/dev/null | sed 's/^ *href="\(.*\)"$/\1/'
}
for count in 8 9; do
	rm -rf kb site
	px init kb
	expect_rc 0
	{
		echo "communities:"
		i=1
		while [ $i -le $count ]; do
			printf '  - id: c%d\n    name: { nl: "PG %d", fr: "CdP %d" }\n    zone: { nl: "Zone %d", fr: "Zone %d" }\n    lang: nl\n    moderators: [ "A. M" ]\n' \
				$i $i $i $i $i
			i=$((i + 1))
		done
	} > kb/communities.yaml
	note kb/2022-2023/c1/01.md 'session: 1' 'date: 2022-10-04' 'title: "Start"' <<'EOF2'
Een eerste sessie over #tijd.
EOF2
	sed -i 's/^community: zuid/community: c1/; 0,/^session: 4$/{/^session: 4$/d}; 0,/^date: 2023-01-17$/{/^date: 2023-01-17$/d}' kb/2022-2023/c1/01.md
	(cd kb && px commit --author "Test <t@example.org>" && expect_rc 0)
	(cd kb && px site -o ../site && expect_rc 0)
	for page in site/index.nl.html site/communities/c1.fr.html; do
		got=$(nav_links "$page")
		root=
		case $page in site/communities/*) root=../ ;; esac
		lang=${page%.html}; lang=${lang##*.}
		if [ $count -le 8 ]; then
			want=$(i=1; while [ $i -le $count ]; do echo "${root}communities/c$i.$lang.html"; i=$((i + 1)); done)
		else
			want="${root}index.$lang.html#communities"
		fi
		[ "$got" = "$want" ] || fail "$count communities, $page: navigation [$got], want [$want]"
	done
done
echo ok
