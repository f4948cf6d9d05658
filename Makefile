# Netral: the two commands a newcomer needs (README.md).
#   make run    installs what is missing, builds (Release), creates ./var with demo data on
#               first run, and serves http://127.0.0.1:8080
#   make test   installs, builds, and runs every test (unit, SQLite and PostgreSQL store tests,
#               HTTP integration, browser, fuzz smoke)
#   make tsan   the HTTP suite against a ThreadSanitizer build of netral (build-tsan/;
#               docs/testing.md): slow, so not part of make test
BUILD ?= build
JOBS ?= $(shell nproc)
DATA ?= var

.PHONY: all deps build run test tsan bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh
	@if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; fi

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@bash scripts/run.sh $(BUILD)/netral $(DATA)

test: build
	@bash scripts/test.sh

tsan: deps
	@JOBS=$(JOBS) bash scripts/tsan.sh

bench: build
	@echo "Benchmarks are run by hand: see docs/benchmarks.md"

fuzz:
	@bash scripts/fuzz.sh long

clean:
	rm -rf $(BUILD) build-fuzz build-tsan test-artifacts
