# agrepl — build, test, bench. See README.md.
CC      ?= cc
PREFIX  ?= /usr/local
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
OPT      = -O3 -g
SAN      = -g -O1 -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer
LIBS     = -lreadline -lm
CRIT     = $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

SRCS     = $(sort $(wildcard src/*.c))
LIBSRCS  = $(filter-out src/main.c,$(SRCS))
HDRS     = $(wildcard src/*.h src/*.def) build/gen/stdlib_gen.h
TESTSRCS = $(sort $(wildcard tests/test_*.c))
STDLIB   = $(sort $(wildcard stdlib/*.ag))

OBJ_N    = $(LIBSRCS:src/%.c=build/normal/%.o)
OBJ_A    = $(LIBSRCS:src/%.c=build/asan/%.o)
OBJ_F    = $(LIBSRCS:src/%.c=build/fuzz/%.o)

# libFuzzer (clang): library objects instrumented for coverage + ASan/UBSan, harnesses in tests/fuzz/
FUZZCC   = clang
FUZZSAN  = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TIME ?= 300
.SECONDARY: $(OBJ_F)

.PHONY: all run test bench install clean deps unit samples diff pty check-asan memcheck fuzz fuzz-smoke

all: agrepl

agrepl: build/normal/agrepl
	cp $< $@.tmp && mv -f $@.tmp $@

build/gen/stdlib_gen.h: $(STDLIB) tests/embed.sh
	@mkdir -p build/gen
	sh tests/embed.sh $(STDLIB) > $@.tmp && mv $@.tmp $@

build/normal/%.o: src/%.c $(HDRS)
	@mkdir -p build/normal
	$(CC) $(CSTD) $(WARN) $(OPT) -Isrc -Ibuild/gen -c $< -o $@

build/asan/%.o: src/%.c $(HDRS)
	@mkdir -p build/asan
	$(CC) $(CSTD) $(WARN) $(SAN) -Isrc -Ibuild/gen -c $< -o $@

build/normal/agrepl: build/normal/main.o $(OBJ_N)
	$(CC) $(OPT) -o $@ $^ $(LIBS)

build/asan/agrepl: build/asan/main.o $(OBJ_A)
	$(CC) $(SAN) -o $@ $^ $(LIBS)

build/fuzz/%.o: src/%.c $(HDRS)
	@mkdir -p build/fuzz
	$(FUZZCC) $(CSTD) $(WARN) $(FUZZSAN) -fsanitize=fuzzer-no-link -Isrc -Ibuild/gen -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(OBJ_F)
	$(FUZZCC) $(CSTD) $(WARN) $(FUZZSAN) -fsanitize=fuzzer -Isrc -Ibuild/gen -o $@ $< $(OBJ_F) $(LIBS)

build/normal/unit: $(TESTSRCS) $(OBJ_N) $(HDRS)
	$(CC) $(CSTD) $(WARN) $(OPT) -Isrc -Ibuild/gen -o $@ $(TESTSRCS) $(OBJ_N) $(CRIT) $(LIBS)

build/asan/unit: $(TESTSRCS) $(OBJ_A) $(HDRS)
	$(CC) $(CSTD) $(WARN) $(SAN) -Isrc -Ibuild/gen -o $@ $(TESTSRCS) $(OBJ_A) $(CRIT) $(LIBS)

run: agrepl
	./agrepl samples/seed_notebook.ag

deps:
	@sh tests/deps.sh

# Every test, under the normal build and under ASan+UBSan.
test: deps build/normal/agrepl build/asan/agrepl build/normal/unit build/asan/unit
	timeout 600 build/normal/unit -j2
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 timeout 900 build/asan/unit -j2
	sh tests/run_samples.sh build/normal/agrepl
	sh tests/run_samples.sh build/asan/agrepl
	sh tests/run_diff.sh build/normal/agrepl
	sh tests/run_diff.sh build/asan/agrepl
	@if [ -x tests/run_pty.sh ] || [ -f tests/run_pty.sh ]; then sh tests/run_pty.sh build/asan/agrepl; fi
	sh tests/run_interrupt.sh build/normal/agrepl
	sh tests/run_interrupt.sh build/asan/agrepl
	sh tests/memcheck.sh build/normal/agrepl
	$(MAKE) --no-print-directory fuzz-smoke
	@echo "make test: all passed"

# Every sample under valgrind: zero errors, zero leaks (readline's still-reachable blocks are fine).
memcheck: build/normal/agrepl
	sh tests/memcheck.sh build/normal/agrepl

# Fuzz each harness for FUZZ_TIME seconds (after replaying tests/fuzz/regress/); see tests/fuzz/run.sh.
fuzz:
	sh tests/fuzz/run.sh $(FUZZ_TIME)

# Part of `make test`: the regression inputs, then 60 seconds of each harness.
fuzz-smoke:
	FUZZ_SEED=$${FUZZ_SEED:-1} sh tests/fuzz/run.sh 60

bench: agrepl
	sh tests/bench/run.sh ./agrepl

install: agrepl
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/agrepl/stdlib
	install -m 755 agrepl $(DESTDIR)$(PREFIX)/bin/agrepl
	install -m 644 $(STDLIB) $(DESTDIR)$(PREFIX)/share/agrepl/stdlib/

clean:
	rm -rf build agrepl
