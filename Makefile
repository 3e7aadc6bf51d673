# newscheck: one plain Makefile.  `make` builds build/newscheck, `make run`
# cross-checks the built-in articles, `make check` runs every test.

BUILD   ?= build
CC      ?= cc
PKGS     = libcurl libxml-2.0 libcjson libpcre2-8
TESTPKGS = cmocka libmicrohttpd zlib
WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-overlength-strings
OPT     ?= -O2 -g
DATADIR ?= $(CURDIR)/data

# Library flags come from pkg-config, cached in $(BUILD)/config.mk.  Making
# that file first installs missing Debian packages (scripts/install-deps.sh).
# It also records the file name of libxml2 (XML_SONAME): newscheck opens
# it when the first HTML page is read, not at start-up (see html.c).
-include $(BUILD)/config.mk

CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L \
            -DNC_DATADIR='"$(DATADIR)"' -DNC_VERSION='"$(VERSION)"' \
            -DNC_LIBXML2_SONAME='"$(XML_SONAME)"'
CFLAGS   += -std=c11 $(WARN) $(OPT) $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lm -ldl
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

SRCS     := $(sort $(wildcard src/*.c))
LIBSRCS  := $(filter-out src/main.c src/main_fetch.c,$(SRCS))
OBJS     := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIBOBJS  := $(LIBSRCS:src/%.c=$(BUILD)/obj/%.o)
UNITSRCS := $(sort $(wildcard tests/unit/test_*.c))
UNITS    := $(UNITSRCS:tests/unit/%.c=$(BUILD)/tests/%)
HELPSRCS := $(sort $(wildcard tests/helpers/*.c))
HELPERS  := $(HELPSRCS:tests/helpers/%.c=$(BUILD)/tests/%)

.PHONY: all run check bench bench-extract deps format clean

all: $(BUILD)/newscheck $(BUILD)/newscheck-fetch

$(BUILD)/config.mk: scripts/install-deps.sh scripts/soname.sh Makefile
	@mkdir -p $(BUILD)
	@sh scripts/install-deps.sh
	@xml=$$(CC='$(CC)' sh scripts/soname.sh libxml2 \
	          $$(pkg-config --libs libxml-2.0)) && \
	 { echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS = $$(pkg-config --libs $(PKGS))"; \
	   echo "TEST_CFLAGS = $$(pkg-config --cflags $(TESTPKGS))"; \
	   echo "TEST_LIBS = $$(pkg-config --libs $(TESTPKGS))"; \
	   echo "XML_SONAME = $$xml"; } > $@.tmp
	@mv $@.tmp $@

deps:
	sh scripts/install-deps.sh

$(BUILD)/obj/%.o: src/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libnewscheck.a: $(LIBOBJS)
	rm -f $@
	$(AR) rcs $@ $^

# Only newscheck-fetch needs libcurl; --as-needed keeps it (and its slow
# start-up) out of newscheck, which runs `newscheck fetch` through it.
$(BUILD)/newscheck: $(BUILD)/obj/main.o $(BUILD)/libnewscheck.a
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $^ $(LDLIBS)

$(BUILD)/newscheck-fetch: $(BUILD)/obj/main_fetch.o $(BUILD)/libnewscheck.a
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h tests/unit/testworld.h \
                  $(BUILD)/libnewscheck.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(TEST_CFLAGS) -o $@ $< \
	  $(BUILD)/libnewscheck.a $(LDLIBS) $(TEST_LIBS)

$(BUILD)/tests/%: tests/helpers/%.c $(BUILD)/libnewscheck.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(TEST_CFLAGS) -o $@ $< \
	  $(BUILD)/libnewscheck.a $(LDLIBS) $(TEST_LIBS)

# The tests of the files with SSE2 scans (simd.h) again, with those files
# built without it, so that the portable paths other machines take are
# tested as well.
SIMDSRCS := src/util.c src/document.c src/sentences.c src/entities.c \
            src/report_json.c src/claims.c
PORTOBJS := $(SIMDSRCS:src/%.c=$(BUILD)/portable/%.o)
PORTABLE := $(patsubst %,$(BUILD)/tests/test_%_portable,\
              util document sentences entities report_json claims)

.SECONDARY: $(PORTOBJS)

$(BUILD)/portable/%.o: src/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DNC_NO_SSE2 $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%_portable: tests/unit/%.c tests/unit/testutil.h \
                           tests/unit/testworld.h $(PORTOBJS) \
                           $(BUILD)/libnewscheck.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(TEST_CFLAGS) -o $@ $< \
	  $(PORTOBJS) $(BUILD)/libnewscheck.a $(LDLIBS) $(TEST_LIBS)

run: all
	$(BUILD)/newscheck data/articles

check: all $(UNITS) $(PORTABLE) $(HELPERS)
	@sh tests/run-tests.sh $(BUILD)

bench: all $(HELPERS)
	@sh tests/bench/run.sh $(BUILD)

bench-extract: $(BUILD)/newscheck
	@sh tests/bench/extract.sh $(BUILD)

format:
	clang-format -i src/*.c src/*.h include/newscheck/*.h tests/unit/*.c

clean:
	rm -rf build build-*

-include $(OBJS:.o=.d) $(PORTOBJS:.o=.d)

# --- Reliability (docs/RELIABILITY.md) -----------------------------------
# `make fuzz`: the libFuzzer entry points of tests/fuzz, built with clang
# and ASan+UBSan in build-fuzz/, each run for FUZZ_SECONDS on a copy of its
# seed corpus (tests/fuzz/corpus/TARGET); crashes land in build-fuzz/.
# `make check-asan`: every test under ASan+UBSan (build-asan/).
# `make check-valgrind`: the unit tests and the programs under valgrind.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = html text manifest fixture rules
FUZZ_OPT      = -O1 -g -fno-omit-frame-pointer \
                -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all

.PHONY: fuzz fuzz-build check-asan check-valgrind

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
                 tests/fuzz/fuzz_files.h $(BUILD)/libnewscheck.a
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer,address,undefined \
	  -o $@ $< $(BUILD)/libnewscheck.a $(LDLIBS)

fuzz-build:
	@sh scripts/install-deps.sh --dev
	$(MAKE) BUILD=build-fuzz CC=clang OPT='$(FUZZ_OPT)' \
	  $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

fuzz: fuzz-build
	@sh scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer

check-asan:
	ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MAKE) BUILD=build-asan OPT='$(ASAN_FLAGS)' \
	  LDFLAGS='-fsanitize=address,undefined' check

check-valgrind: all $(UNITS) $(HELPERS)
	@sh scripts/install-deps.sh --dev
	@sh tests/valgrind.sh $(BUILD)
