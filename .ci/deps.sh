#!/bin/sh
# Installs the Debian 12 packages praxis needs to build, test and demo.
# Usage: .ci/deps.sh [build|search|test|tools|fuzz]   (each level includes
# build; test and tools include the ones before; search adds only nodejs
# and the npm packages below, for make demo; fuzz adds clang and libFuzzer)
# Idempotent: does nothing when every package is already there.
# test and tools also install, with npm, at the pinned versions below, into
# build/node (project-local, never global): Pagefind, the static site's
# search index (doc/site.md; build/node/node_modules/.bin/pagefind), and
# puppeteer-core, which drives the Debian chromium in the search test
# (tests/e2e/search-page.cjs).
set -eu
PAGEFIND_VERSION=1.6.0
PUPPETEER_VERSION=25.16.0
level=${1:-test}
build="build-essential pkg-config git sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev
  libgit2-dev libsqlite3-dev libxml2-dev libxslt1-dev libyaml-dev libstemmer-dev
  libutf8proc-dev libxlsxwriter-dev libzip-dev uuid-dev libmicrohttpd-dev"
# libicu-dev: only to check src/fold_table.h against ICU (make fold-table-check)
# python3: the small web server of the credentials test (t2210)
# openssh-server, openssh-client: the SSH remote of t2212 (its own sshd)
# strace: kills a push at the exact system call in t2227
test="$build strace libcmocka-dev libicu-dev xsltproc libxml2-utils jq unzip perl cmark-gfm valgrind chromium weasyprint
  poppler-utils nodejs python3 openssh-server openssh-client"
# wrk: the load test of praxis serve (make bench)
tools="$test hyperfine ripgrep time wrk"
fuzz="$build clang libfuzzer-14-dev libclang-rt-14-dev"
case $level in
  build) want=$build ;;
  search) want="$build nodejs" ;;
  test) want=$test ;;
  tools) want=$tools ;;
  fuzz) want=$fuzz ;;
  *) echo "usage: .ci/deps.sh [build|search|test|tools|fuzz]" >&2; exit 2 ;;
esac
missing=
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "praxis: installing missing Debian packages:$missing" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends $missing >&2
fi
case $level in
  search|test|tools)
    # Debian's nodejs comes without npm (its own package); other builds of
    # nodejs bring it and conflict with Debian's npm package
    if ! command -v npm > /dev/null; then
      if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >&2
    fi
    node=$(dirname "$0")/../build/node
    version() {
      sed -n 's/^ *"version": *"\(.*\)",*$/\1/p' "$node/node_modules/$1/package.json" 2>/dev/null || true
    }
    if [ "$(version pagefind)" != "$PAGEFIND_VERSION" ] ||
       [ "$(version puppeteer-core)" != "$PUPPETEER_VERSION" ]; then
      echo "praxis: installing pagefind@$PAGEFIND_VERSION and puppeteer-core@$PUPPETEER_VERSION with npm into build/node" >&2
      mkdir -p "$node"
      # both in one call: npm removes what a call does not name
      npm install --prefix "$node" --no-save --no-audit --no-fund --loglevel=error \
        "pagefind@$PAGEFIND_VERSION" "puppeteer-core@$PUPPETEER_VERSION" >&2
    fi ;;
esac
