#!/usr/bin/env bash
# bench/intake: report submissions per second and p50/p99 latency over HTTP (wrk against
# POST /api/v1/reports on 127.0.0.1), beside the ceiling measured in the same run (the same
# rows inserted straight into the database by bench_intake, same durability settings),
# printed as a ratio. For SQLite and PostgreSQL. See docs/benchmarks.md.
#
# Environment (all optional):
#   BUILD_DIR    build directory with netral and bench/bench_intake (default build)
#   NETRAL_BIN   default $BUILD_DIR/netral
#   BENCH_BIN    default $BUILD_DIR/bench/bench_intake
#   BACKENDS     default "sqlite postgresql"
#   DURATION     seconds of load per backend (default 10, at most 60)
#   CONNECTIONS  concurrent HTTP connections (default 8); direct inserts use 1 and 8 threads
#   PG_URL       an existing PostgreSQL server to use (a database is created in it);
#                otherwise a throwaway cluster is started with scripts/pg-cluster.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/intake"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
NETRAL_BIN="${NETRAL_BIN:-$BUILD_DIR/netral}"
BENCH_BIN="${BENCH_BIN:-$BUILD_DIR/bench/bench_intake}"
BACKENDS="${BACKENDS:-sqlite postgresql}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-8}"
[ "$DURATION" -le 60 ] || { echo "DURATION is capped at 60 s" >&2; exit 2; }
[ "$CONNECTIONS" -le 64 ] || { echo "CONNECTIONS is capped at 64" >&2; exit 2; }

die() { echo "bench/intake: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is not installed (scripts/install-deps.sh)"
[ -x "$NETRAL_BIN" ] || die "no netral binary at $NETRAL_BIN (build first)"
[ -x "$BENCH_BIN" ] || die "no bench_intake at $BENCH_BIN (cmake --build $BUILD_DIR --target bench_intake)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/netral-bench-XXXXXX")"
SERVER_PID=""
SERVER_URL=""
PG_DIR=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$PG_DIR" ]; then bash "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Sets PG_URL, starting a throwaway cluster when none was given (in this shell, not a subshell).
ensure_pg() {
  [ -n "${PG_URL:-}" ] && return 0
  PG_DIR="$WORK/pg"
  mkdir -p "$PG_DIR"
  PG_URL="$(bash "$ROOT/scripts/pg-cluster.sh" start "$PG_DIR" | tail -n 1)"
  [ -n "$PG_URL" ] || die "could not start PostgreSQL"
}

# A fresh database URL for a backend.
fresh_db() {
  local backend="$1" dir="$2"
  if [ "$backend" = sqlite ]; then
    echo "$dir/netral.db"
  else
    local base name
    base="$PG_URL"
    name="netral_bench_$(date +%s)_$RANDOM"
    psql -v ON_ERROR_STOP=1 -qAt -d "$base" -c "CREATE DATABASE $name" >/dev/null
    # Replace the database name of the URL, keeping any query string.
    node -e 'const [u, n] = process.argv.slice(1); const m = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(u); console.log(`${m[1]}/${n}${m[3] ?? ""}`)' "$base" "$name"
  fi
}

# Starts netral serve in the background; sets SERVER_PID and SERVER_URL.
start_server() {
  local db="$1" data="$2" log="$3" line
  "$NETRAL_BIN" serve --db "$db" --data "$data" --listen 127.0.0.1:0 --config "$HERE/netral-bench.toml" >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    line="$(grep -oE 'netral: listening on http://127\.0\.0\.1:[0-9]+' "$log" | head -n 1 || true)"
    if [ -n "$line" ]; then
      SERVER_URL="${line#netral: listening on }"
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; die "server exited"; }
    sleep 0.1
  done
  cat "$log" >&2
  die "server did not start within 60 s"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"

for backend in $BACKENDS; do
  echo "== $backend =="
  data="$WORK/$backend"
  mkdir -p "$data"
  [ "$backend" = postgresql ] && ensure_pg
  db="$(fresh_db "$backend" "$data")"
  "$NETRAL_BIN" init --demo --db "$db" --data "$data" >"$data/init.log" 2>&1 || { cat "$data/init.log" >&2; die "init failed"; }

  start_server "$db" "$data" "$data/serve.log"
  url="$SERVER_URL"
  # Warm-up, then the measured run.
  wrk -t 2 -c "$CONNECTIONS" -d 2s -s "$HERE/report.lua" "$url" >/dev/null
  wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s -s "$HERE/report.lua" "$url" | tee "$data/wrk.txt"
  stop_server
  http_line="$(grep WRK_RESULT "$data/wrk.txt")"

  # The ceiling, on the same database, with the server stopped.
  NETRAL_BENCH_DB="$db" NETRAL_BENCH_DATA="$data" "$BENCH_BIN" \
    --benchmark_min_time=3 --benchmark_format=console \
    --benchmark_out="$data/direct.json" --benchmark_out_format=json | tee "$data/direct.txt"

  echo "$backend $http_line DIRECT=$data/direct.json" >>"$RESULTS"
  cp "$data/direct.json" "$WORK/direct-$backend.json"
done

echo
echo "== intake: HTTP vs direct insert (same rows, same durability), ${DURATION} s, ${CONNECTIONS} connections =="
node - "$RESULTS" "$CONNECTIONS" <<'NODE'
const fs = require('fs');
const [file, conns] = process.argv.slice(2);
const rows = [];
for (const line of fs.readFileSync(file, 'utf8').trim().split('\n')) {
  const backend = line.split(' ')[0];
  const kv = Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const secs = Number(kv.duration_us) / 1e6;
  const httpRate = Number(kv.created) / secs;
  const direct = JSON.parse(fs.readFileSync(kv.DIRECT, 'utf8')).benchmarks;
  const rate = (name) => direct.find((b) => b.name.startsWith(name) && !b.error_occurred)?.items_per_second ?? NaN;
  const d1 = rate('BM_SubmitReport/real_time/threads:1');
  const d8 = rate('BM_SubmitReport/real_time/threads:8');
  const rows1 = rate('BM_StoreRowsOnly/real_time/threads:1');
  const best = Math.max(d1 || 0, d8 || 0);
  rows.push({
    backend,
    'http reports/s': httpRate.toFixed(1),
    'p50 ms': (Number(kv.p50_us) / 1000).toFixed(2),
    'p99 ms': (Number(kv.p99_us) / 1000).toFixed(2),
    'non-201': Number(kv.other_status) + Number(kv.socket_errors),
    'direct/s (1 thr)': d1.toFixed(1),
    'direct/s (8 thr)': d8.toFixed(1),
    'rows only/s': rows1.toFixed(1),
    'http / best direct': (httpRate / best).toFixed(3),
  });
}
console.table(rows);
for (const r of rows) {
  console.log(`INTAKE ${r.backend}: ${r['http reports/s']} reports/s over HTTP (p50 ${r['p50 ms']} ms, p99 ${r['p99 ms']} ms), ` +
    `direct ${r['direct/s (1 thr)']}/s (1 thread), ${r['direct/s (8 thr)']}/s (8 threads): ratio ${r['http / best direct']}`);
}
NODE
