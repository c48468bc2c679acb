# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := run
DEV := build/dev
ASAN := build/asan
RELEASE := build/release

.PHONY: run test bench build bootstrap unit-asan format clean fuzz fuzz-bounded

bootstrap:
	@scripts/bootstrap

$(DEV)/build.ninja: CMakeLists.txt CMakePresets.json
	@cmake --preset dev >/dev/null

build: bootstrap $(DEV)/build.ninja
	@cmake --build --preset dev

# Builds, migrates ./data/lumbung.db, loads a small demo registry once, serves on :8080.
run: build
	@mkdir -p data
	@$(DEV)/lumbung --config config/dev.ini seed-demo --members 2000 --employers 120 --years 10 --if-empty
	@echo "Lumbung: open http://localhost:8080 (Ctrl+C stops)"
	@# Claim documents are scanned by a clamd of its own with a one-signature database (the EICAR
	@# test file's; nothing is downloaded): stopped with the server.
	@mkdir -p data/clamd && LUMBUNG_CLAMD_STREAM_MAX=100M tests/support/clamd_daemon start data/clamd data/clamd/socket-path && \
	  trap 'tests/support/clamd_daemon stop data/clamd' EXIT; \
	  LUMBUNG_UPLOADS_CLAMD_SOCKET=$$(cat data/clamd/socket-path) $(DEV)/lumbung --config config/dev.ini serve

# Unit tests under AddressSanitizer + UBSan first, then every test (unit, database on SQLite
# and PostgreSQL, HTTP, browser). Ends with CTest's summary.
test: bootstrap
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ctest --preset asan -L unit -j 2
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev
	@status=0; ctest --preset dev -j 2 || status=$$?; scripts/slowest-tests $(DEV); exit $$status
	@$(MAKE) --no-print-directory fuzz-bounded

# The fuzz targets (tests/fuzz/: every parser the server exposes) need clang's libFuzzer:
# `make test` runs each for 20 s when clang is installed (their seed corpora are replayed by unit
# tests either way); `make fuzz` runs each for FUZZ_SECONDS (10 minutes unless given).
FUZZ_SECONDS ?= 600
fuzz-bounded:
	@if command -v clang++ >/dev/null; then \
	  cmake --preset fuzz -DLUMBUNG_FUZZ_SECONDS=20 >/dev/null && cmake --build --preset fuzz && ctest --preset fuzz; \
	else echo "clang++ not found: fuzz run skipped (the seed corpus was replayed as a unit test)"; fi

fuzz: bootstrap
	@cmake --preset fuzz -DLUMBUNG_FUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	@cmake --build --preset fuzz
	@ctest --preset fuzz

bench: bootstrap
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target lumbung lumbung_bench_argon2 lumbung_bench_wage_report
	@bench/run $(RELEASE)

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf build
