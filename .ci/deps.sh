#!/bin/sh
# Installs the Debian 12 packages praxis needs to build, test and demo.
# Usage: .ci/deps.sh [build|test|tools|fuzz]   (each level includes build;
# test and tools include the ones before; fuzz adds clang and libFuzzer)
# Idempotent: does nothing when every package is already there.
set -eu
level=${1:-test}
build="build-essential pkg-config git sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev
  libgit2-dev libsqlite3-dev libxml2-dev libxslt1-dev libyaml-dev libstemmer-dev
  libutf8proc-dev"
# libicu-dev: only to check src/fold_table.h against ICU (make fold-table-check)
# python3: the small web server of the credentials test (t2210)
test="$build libcmocka-dev libicu-dev xsltproc libxml2-utils jq cmark-gfm valgrind chromium weasyprint poppler-utils python3"
tools="$test hyperfine ripgrep time"
fuzz="$build clang libfuzzer-14-dev libclang-rt-14-dev"
case $level in
  build) want=$build ;;
  test) want=$test ;;
  tools) want=$tools ;;
  fuzz) want=$fuzz ;;
  *) echo "usage: .ci/deps.sh [build|test|tools|fuzz]" >&2; exit 2 ;;
esac
missing=
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "praxis: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
