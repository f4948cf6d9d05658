#!/usr/bin/env bash
# Runs every test stage of Netral against an existing build (make test builds first):
#   1. a throwaway PostgreSQL cluster (scripts/pg-cluster.sh), stopped on exit
#   2. ctest (unit and store tests; store tests on SQLite and PostgreSQL)
#   3. HTTP integration tests (node --test tests/http/) against build/netral
#   4. browser tests (node --test tests/browser/) in Debian's Chromium
#   5. the multipart fuzz smoke run (scripts/fuzz.sh smoke), when present
# Counts passes and failures of every stage and ends with one line "N passed, M failed";
# exits non-zero if anything failed. Every stage has a time guard.
#
# Environment: NETRAL_BUILD_DIR (default build), NETRAL_BIN (default $NETRAL_BUILD_DIR/netral),
# NETRAL_TEST_STAGES (default "ctest http browser fuzz"), NETRAL_TEST_PG_URL (skip starting
# a cluster and use this one).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD_DIR="${NETRAL_BUILD_DIR:-build}"
export NETRAL_BIN="${NETRAL_BIN:-$ROOT/$BUILD_DIR/netral}"
STAGES="${NETRAL_TEST_STAGES:-ctest http browser fuzz}"
LOG_DIR="$ROOT/test-artifacts/logs"
mkdir -p "$LOG_DIR"

passed=0
failed=0
summary=()

note() { printf '\n==== %s ====\n' "$*"; }

record() { # stage passes failures
  passed=$((passed + $2))
  failed=$((failed + $3))
  summary+=("$(printf '%-10s %4d passed, %4d failed' "$1" "$2" "$3")")
}

has_stage() { [[ " $STAGES " == *" $1 "* ]]; }

# --- PostgreSQL -------------------------------------------------------------------------
PG_DIR=""
cleanup() {
  if [ -n "$PG_DIR" ]; then
    bash "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${NETRAL_TEST_PG_URL:-}" ]; then
  note "PostgreSQL: starting a throwaway cluster"
  if [ -f "$ROOT/scripts/pg-cluster.sh" ]; then
    PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/netral-pg-XXXXXX")"
    if out="$(timeout 180 bash "$ROOT/scripts/pg-cluster.sh" start "$PG_DIR" 2>"$LOG_DIR/pg-cluster.log")"; then
      NETRAL_TEST_PG_URL="$(printf '%s\n' "$out" | tail -n 1)"
      echo "PostgreSQL at $NETRAL_TEST_PG_URL"
    else
      cat "$LOG_DIR/pg-cluster.log" >&2
      echo "could not start PostgreSQL: PostgreSQL suites will fail" >&2
      record pg-cluster 0 1
      NETRAL_TEST_PG_URL=""
    fi
  else
    echo "scripts/pg-cluster.sh is missing: PostgreSQL suites will fail" >&2
    record pg-cluster 0 1
  fi
fi
export NETRAL_TEST_PG_URL
export NETRAL_REQUIRE_PG=1

# --- ctest ------------------------------------------------------------------------------
if has_stage ctest; then
  note "ctest ($BUILD_DIR)"
  if [ -d "$BUILD_DIR" ]; then
    timeout 1800 ctest --test-dir "$BUILD_DIR" --output-on-failure 2>&1 | tee "$LOG_DIR/ctest.log"
    rc=${PIPESTATUS[0]}
    line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOG_DIR/ctest.log" | tail -n 1)"
    if [ -n "$line" ]; then
      f="$(sed -E 's/.*passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
      t="$(sed -E 's/.*passed, ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
      p=$((t - f))
      [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
      record ctest "$p" "$f"
    elif grep -q 'No tests were found' "$LOG_DIR/ctest.log"; then
      [ "$rc" -ne 0 ] && record ctest 0 1 || record ctest 0 0
    else
      record ctest 0 1
    fi
  else
    echo "no build directory $BUILD_DIR" >&2
    record ctest 0 1
  fi
fi

# --- node --test suites -----------------------------------------------------------------
run_node_suite() { # name dir guard-seconds
  local name="$1" dir="$2" guard="$3" tap="$LOG_DIR/$1.tap"
  note "$name tests ($dir, NETRAL_BIN=$NETRAL_BIN)"
  rm -f "$tap"
  timeout --kill-after=30 "$guard" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "$dir"
  local rc=$?
  local p f c
  p="$(grep -E '^# pass [0-9]+' "$tap" 2>/dev/null | tail -n 1 | awk '{print $3}')"
  f="$(grep -E '^# fail [0-9]+' "$tap" 2>/dev/null | tail -n 1 | awk '{print $3}')"
  c="$(grep -E '^# cancelled [0-9]+' "$tap" 2>/dev/null | tail -n 1 | awk '{print $3}')"
  p=${p:-0}
  f=$(( ${f:-0} + ${c:-0} ))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$name: runner exited $rc" >&2
    f=1
  fi
  record "$name" "$p" "$f"
}

if has_stage http; then
  run_node_suite http tests/http/ 1800
fi
if has_stage browser; then
  run_node_suite browser tests/browser/ 900
fi

# --- fuzz smoke -------------------------------------------------------------------------
if has_stage fuzz; then
  if [ -f "$ROOT/scripts/fuzz.sh" ]; then
    note "fuzz smoke (scripts/fuzz.sh smoke)"
    if timeout --kill-after=30 900 bash "$ROOT/scripts/fuzz.sh" smoke; then
      record fuzz 1 0
    else
      record fuzz 0 1
    fi
  elif [ -x "$ROOT/build-fuzz/fuzz_multipart" ]; then
    note "fuzz smoke (build-fuzz/fuzz_multipart, 30 s)"
    mkdir -p "$ROOT/fuzz-corpus-smoke"
    if timeout 120 "$ROOT/build-fuzz/fuzz_multipart" -max_total_time=30 "$ROOT/fuzz-corpus-smoke"; then
      record fuzz 1 0
    else
      record fuzz 0 1
    fi
  fi
fi

note "summary"
for s in "${summary[@]}"; do echo "$s"; done
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
