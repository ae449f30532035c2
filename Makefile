# praxis - plain make with pkg-config.
#
#   make            build ./praxis (installs missing Debian packages first)
#   make check      unit and end-to-end tests, then again under ASan/UBSan
#   make demo       check the demo knowledge base in notes/ and summarise it
#   make bench      benchmarks against the named baselines (not part of check)
#   make sync-loop  the two-laptop sync loop at 100 rounds (check runs 10)
#   make fuzz       each libFuzzer harness for FUZZ_SECONDS (default 60; clang)
#   make fold-table src/fold_table.h again from ICU (src/gen/genfold.c)
#   make install    PREFIX=/usr/local DESTDIR=
#   V=1             show the commands
.SUFFIXES:

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   := build
PKGS    := libcmark-gfm sqlite3 yaml-0.1 libutf8proc uuid
# Opened when a command first needs them (src/dl.h; libgit2 by the store,
# which a search or stats on a current index never starts; libxml2 and
# libxslt by the first XML parsed or page rendered), not linked: only
# their headers are used at build time.
DL_PKGS := xlsxwriter libzip libmicrohttpd libgit2 libxml-2.0 libxslt libexslt

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror \
           -Wno-missing-field-initializers -Wshadow -Wstrict-prototypes
SAN     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

Q := @
ifeq ($(V),1)
Q :=
endif

include $(BUILD)/config.mk

SRCS := $(filter-out src/main.c src/fts_ext.c,$(wildcard src/*.c src/cmd/*.c))
OBJS := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
AOBJS := $(SRCS:src/%.c=$(BUILD)/asan/%.o)
UNIT := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
# libFuzzer harnesses (tests/fuzz/fuzz_NAME.c); in `make check` each one
# replays its regressions and seeds as the unit test test_fuzz_NAME
FUZZERS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
UNIT += $(FUZZERS:%=test_fuzz_%)

all: praxis

# Missing system packages are installed by the project's own script.
$(BUILD)/config.mk: .ci/deps.sh Makefile
	$(Q)sh .ci/deps.sh build
	$(Q)mkdir -p $(BUILD)
	$(Q)printf 'PKG_CFLAGS := %s -pthread\nPKG_LIBS := %s -lstemmer -lm -pthread\n' \
	  "$$(pkg-config --cflags $(PKGS) $(DL_PKGS))" "$$(pkg-config --libs $(PKGS))" > $@

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/asan/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC+SAN  $<"
	$(Q)$(CC) $(WARN) $(SAN) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libpraxis.a: $(OBJS)
	$(Q)rm -f $@ && ar rcs $@ $(OBJS)

$(BUILD)/asan/libpraxis.a: $(AOBJS)
	$(Q)rm -f $@ && ar rcs $@ $(AOBJS)

praxis: $(BUILD)/obj/main.o $(BUILD)/libpraxis.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# The tokenizer as a loadable extension, so the sqlite3 client can read
# the FTS table:  sqlite3 .git/praxis/index.db '.load build/praxisfts' ...
$(BUILD)/praxisfts.so: src/fts_ext.c src/fts.c src/rank.c src/fold.c src/buf.c src/text.c src/fts.h src/fold.h src/fold_table.h
	@echo "  LD      $@"
	$(Q)$(CC) $(WARN) $(CFLAGS) -fPIC -shared -fvisibility=hidden -DPX_FTS_EXTENSION $(PKG_CFLAGS) \
	  -o $@ src/fts_ext.c src/fts.c src/rank.c src/fold.c src/buf.c src/text.c -lstemmer -lutf8proc -lm

$(BUILD)/asan/praxis: $(BUILD)/asan/main.o $(BUILD)/asan/libpraxis.a
	$(Q)$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

# test_oom fails the library's allocations one by one: its calls to
# these functions go through the test's __wrap_ functions (ld --wrap)
OOM_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
$(BUILD)/tests/test_oom $(BUILD)/asan/tests/test_oom: TEST_LDFLAGS = $(OOM_WRAP)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpraxis.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(BUILD)/libpraxis.a $(PKG_LIBS) -lxml2 -lcmocka $(TEST_LDFLAGS)

$(BUILD)/asan/tests/%: tests/unit/%.c $(BUILD)/asan/libpraxis.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(SAN) $(PKG_CFLAGS) -Isrc -o $@ $< $(BUILD)/asan/libpraxis.a $(PKG_LIBS) -lxml2 -lcmocka $(TEST_LDFLAGS)

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(BUILD)/libpraxis.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -DFUZZ_NAME='"$*"' -o $@ tests/fuzz/fuzz_$*.c \
	  tests/fuzz/replay.c $(BUILD)/libpraxis.a $(PKG_LIBS)

$(BUILD)/asan/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(BUILD)/asan/libpraxis.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(SAN) $(PKG_CFLAGS) -Isrc -DFUZZ_NAME='"$*"' -o $@ tests/fuzz/fuzz_$*.c \
	  tests/fuzz/replay.c $(BUILD)/asan/libpraxis.a $(PKG_LIBS)

# The fuzzers: the library built by clang with coverage and sanitizers,
# each harness linked with libFuzzer; tests/fuzz/run.sh runs them.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FOBJS := $(SRCS:src/%.c=$(BUILD)/fuzz/obj/%.o)

$(BUILD)/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC+FUZZ $<"
	$(Q)$(FUZZ_CC) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz/libpraxis.a: $(FOBJS)
	$(Q)rm -f $@ && ar rcs $@ $(FOBJS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/fuzz/libpraxis.a
	@echo "  LD+FUZZ $@"
	$(Q)$(FUZZ_CC) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer $(PKG_CFLAGS) -Isrc -o $@ $< \
	  $(BUILD)/fuzz/libpraxis.a $(PKG_LIBS)

fuzz-deps:
	$(Q)sh .ci/deps.sh fuzz

fuzz: fuzz-deps
	$(Q)$(MAKE) --no-print-directory $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZERS)

test-deps:
	$(Q)sh .ci/deps.sh test

# The letters px_fold() spells out come from ICU's Latin-ASCII
# transliterator through a small generated table: praxis does not link
# ICU. `make check` makes sure the committed table is what ICU gives.
ICU := icu-uc icu-i18n libutf8proc
$(BUILD)/genfold: src/gen/genfold.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) $$(pkg-config --cflags $(ICU)) -o $@ $< $$(pkg-config --libs $(ICU))

fold-table: $(BUILD)/genfold
	$(Q)$(BUILD)/genfold > src/fold_table.h.tmp && mv src/fold_table.h.tmp src/fold_table.h

fold-table-check: $(BUILD)/genfold
	$(Q)$(BUILD)/genfold | tail -n +3 > $(BUILD)/fold_table.want && tail -n +3 src/fold_table.h | \
	  diff -u - $(BUILD)/fold_table.want || \
	  { echo "src/fold_table.h is not what ICU gives: make fold-table, and raise PX_FOLD_VERSION" >&2; exit 1; }

# The whole suite, then the whole suite again under the sanitizers.
check: test-deps
	$(Q)$(MAKE) --no-print-directory fold-table-check
	$(Q)$(MAKE) --no-print-directory praxis $(BUILD)/praxisfts.so $(UNIT:%=$(BUILD)/tests/%) bench-build
	$(Q)sh tests/run.sh ./praxis $(BUILD)/tests
	$(Q)$(MAKE) --no-print-directory asan

asan: test-deps
	$(Q)$(MAKE) --no-print-directory $(BUILD)/asan/praxis $(BUILD)/praxisfts.so $(UNIT:%=$(BUILD)/asan/tests/%)
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  PRAXIS_SANITIZED=1 sh tests/run.sh $(BUILD)/asan/praxis $(BUILD)/asan/tests

# The same suite under valgrind (slower; not part of check).
valgrind: praxis $(BUILD)/praxisfts.so $(UNIT:%=$(BUILD)/tests/%)
	$(Q)PRAXIS_VALGRIND=1 sh tests/run.sh ./praxis $(BUILD)/tests

# The main job on the demo knowledge base: check notes/, put it in a fresh
# git knowledge base under build/demo, index it, and show what it holds;
# the public site gets its search index (Pagefind, installed into
# build/node by .ci/deps.sh search).
DEMO := $(BUILD)/demo
demo: praxis
	$(Q)sh .ci/deps.sh search
	./praxis -C notes check --summary
	rm -rf $(DEMO) $(BUILD)/report-2022-2023.*html && ./praxis init $(DEMO) > /dev/null
	cp -r notes/. $(DEMO)/
	./praxis -C $(DEMO) commit --author "Demo <demo@example.org>" -m "Demo notes 2022-2023"
	./praxis -C $(DEMO) stats --cycle 2022-2023
	./praxis -C $(DEMO) search ziekenhuizen --limit 3
	./praxis -C $(DEMO) search '#temps' --kind quote --limit 3
	./praxis -C $(DEMO) brief zuid
	./praxis -C $(DEMO) report 2022-2023 --lang nl,fr -o $(CURDIR)/$(BUILD)/report-2022-2023.html
	./praxis -C $(DEMO) report 2022-2023 --lang both -o $(CURDIR)/$(BUILD)/report-2022-2023.both.html
	./praxis -C $(DEMO) site -o $(CURDIR)/$(BUILD)/site
	@echo "The analysts' web app over the demo (doc/serve.md; Ctrl-C stops it):"
	@echo "    ./praxis -C $(DEMO) serve"

install: praxis
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/praxis/schema \
	  $(DESTDIR)$(PREFIX)/share/praxis/xslt $(DESTDIR)$(PREFIX)/share/praxis/site \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 praxis $(DESTDIR)$(PREFIX)/bin/praxis
	install -m 644 schema/* $(DESTDIR)$(PREFIX)/share/praxis/schema/
	install -m 644 xslt/* $(DESTDIR)$(PREFIX)/share/praxis/xslt/
	install -m 644 site/* $(DESTDIR)$(PREFIX)/share/praxis/site/
	install -m 644 doc/praxis.1 $(DESTDIR)$(PREFIX)/share/man/man1/praxis.1

# Benchmarks against the named baselines (bench/run.sh; not part of check).
# bench-build: the benchmark programs only (make check builds them, so a
# change to the library's interfaces cannot leave them behind)
bench-build: praxis $(BUILD)/libpraxis.a
	@mkdir -p $(BUILD)/bench
	$(Q)$(CC) $(WARN) $(CFLAGS) -o $(BUILD)/bench/gen bench/gen.c -lm
	$(Q)$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $(BUILD)/bench/searchlat bench/searchlat.c \
	  $(BUILD)/libpraxis.a $(PKG_LIBS)

bench: bench-build
	$(Q)bash bench/run.sh

# The two-laptop sync loop of tests/e2e/t2220 at full length: 100 rounds
# (about three minutes; the suite runs 10). Not part of check.
sync-loop: praxis $(BUILD)/praxisfts.so
	$(Q)tmp=$$(mktemp -d) && cd $$tmp && PRAXIS=$(CURDIR)/praxis TOP=$(CURDIR) \
	  PRAXIS_DATADIR=$(CURDIR) PRAXIS_LANG=en TMPDIR=$$tmp vg= SYNC_ROUNDS=100 \
	  sh $(CURDIR)/tests/e2e/t2220-sync-loop.sh && rm -rf $$tmp

.PHONY: bench bench-build sync-loop

clean:
	rm -rf $(BUILD) praxis

.PHONY: all check asan valgrind demo install clean test-deps fuzz fuzz-deps fold-table fold-table-check

-include $(OBJS:.o=.d) $(AOBJS:.o=.d) $(FOBJS:.o=.d) $(BUILD)/obj/main.d $(BUILD)/asan/main.d
