#!/usr/bin/env bash
# The HTTP suite against a ThreadSanitizer build of netral (`make tsan`, docs/testing.md).
#
#   1. builds only the `netral` target in build-tsan/ (-DNETRAL_SANITIZE=thread, RelWithDebInfo)
#   2. starts a throwaway PostgreSQL cluster (scripts/pg-cluster.sh) unless
#      NETRAL_TEST_PG_URL is set, so the suites run on SQLite and PostgreSQL
#   3. runs node --test on tests/http/ (or the files given as arguments) with NETRAL_BIN
#      pointing at the TSan binary; every server runs 8 worker threads (the default of
#      [http] worker_threads, which tests/http/netral-test.toml leaves alone)
#   4. fails when any netral process (server or CLI) wrote a ThreadSanitizer report; the
#      reports are in test-artifacts/tsan/ (TSAN_OPTIONS log_path), one file per process
#
# Library false positives are suppressed in scripts/tsan.supp, each with its reason.
# Environment: NETRAL_TSAN_BUILD_DIR (default build-tsan), JOBS (default nproc).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${NETRAL_TSAN_BUILD_DIR:-build-tsan}"
JOBS="${JOBS:-$(nproc)}"
REPORTS="$ROOT/test-artifacts/tsan"
started=$(date +%s)

echo "==== build ($BUILD_DIR, netral only) ===="
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNETRAL_SANITIZE=thread \
  -DNETRAL_TESTS=OFF -DNETRAL_BENCH=OFF >/dev/null || exit 1
cmake --build "$BUILD_DIR" -j "$JOBS" -t netral || exit 1
built=$(date +%s)

PG_DIR=""
cleanup() { [ -n "$PG_DIR" ] && bash "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" >/dev/null 2>&1; }
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -z "${NETRAL_TEST_PG_URL:-}" ]; then
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/netral-pg-XXXXXX")"
  NETRAL_TEST_PG_URL="$(timeout 180 bash "$ROOT/scripts/pg-cluster.sh" start "$PG_DIR" | tail -n 1)" || {
    echo "could not start PostgreSQL" >&2
    exit 1
  }
fi
export NETRAL_TEST_PG_URL NETRAL_REQUIRE_PG=1

rm -rf "$REPORTS"
mkdir -p "$REPORTS"
export NETRAL_BIN="$ROOT/$BUILD_DIR/netral"
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 log_path=$REPORTS/tsan suppressions=$ROOT/scripts/tsan.supp"
# TSan makes the server several times slower to start (catalogue, match databases).
export NETRAL_TEST_START_TIMEOUT_MS="${NETRAL_TEST_START_TIMEOUT_MS:-180000}"

echo "==== HTTP suite against $NETRAL_BIN ===="
if [ $# -gt 0 ]; then files=("$@"); else files=(tests/http/); fi
timeout --kill-after=30 5400 node --test "${files[@]}"
suite=$?
finished=$(date +%s)

shopt -s nullglob
reports=("$REPORTS"/tsan.*)
echo "==== ThreadSanitizer ===="
for r in "${reports[@]}"; do
  echo "--- $r"
  cat "$r"
done
echo "build $((built - started)) s, suite $((finished - built)) s; node --test exit $suite; ${#reports[@]} processes with TSan reports"
[ "$suite" -eq 0 ] && [ "${#reports[@]}" -eq 0 ]
