#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks.
#
#   scripts/pg-cluster.sh start DIR   creates (or reuses) a cluster in DIR, prints its URL last
#   scripts/pg-cluster.sh stop DIR    stops it and removes DIR
#   scripts/pg-cluster.sh url DIR     prints the URL of a running cluster
#
# The cluster listens on 127.0.0.1 only, on a free port, with trust auth on loopback, and
# holds an empty database `netral_test`. initdb and postgres refuse to run as root, so as
# root every server-side command runs as the `postgres` OS user; when that user cannot
# reach DIR (e.g. DIR is under /root), the cluster lives in a private directory under /tmp
# and DIR only records where. Durability settings are PostgreSQL's defaults (fsync on), so
# benchmarks against this cluster measure real commits.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DB_NAME=netral_test

die() { echo "pg-cluster: $*" >&2; exit 1; }

usage() { die "usage: $0 start|stop|url DIR"; }

[ $# -eq 2 ] || usage
cmd="$1"
dir="$2"

[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL 15 binaries in $PG_BIN (run scripts/install-deps.sh)"

as_root=0
[ "$(id -u)" = 0 ] && as_root=1

# Runs a server-side command as the user that owns the cluster.
run_pg() {
  if [ $as_root = 1 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Where the cluster files are: DIR itself, or the /tmp directory DIR points to.
cluster_home() {
  if [ -f "$dir/cluster-home" ]; then
    cat "$dir/cluster-home"
  else
    echo "$dir"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

print_url() {
  local home port
  home="$(cluster_home)"
  port="$(cat "$home/port")"
  echo "postgresql://postgres@127.0.0.1:${port}/${DB_NAME}"
}

is_running() {
  local home
  home="$(cluster_home)"
  [ -f "$home/data/PG_VERSION" ] && run_pg "$PG_BIN/pg_ctl" -D "$home/data" status >/dev/null 2>&1
}

start() {
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if is_running; then
    print_url
    return
  fi

  local home
  home="$(cluster_home)"
  if [ ! -f "$home/data/PG_VERSION" ]; then
    home="$dir"
    if [ $as_root = 1 ]; then
      chown postgres: "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        # A parent of DIR is closed to the postgres user: keep the cluster in /tmp.
        home="$(mktemp -d /tmp/netral-pg.XXXXXX)"
        chown postgres: "$home"
        echo "$home" >"$dir/cluster-home"
      fi
    fi
    run_pg mkdir -p "$home/sock"
    run_pg "$PG_BIN/initdb" -D "$home/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = '$home/sock'"
      echo "max_connections = 200"
      echo "logging_collector = off"
    } | run_pg tee -a "$home/data/postgresql.conf" >/dev/null
  fi

  # A new port on every start: the previous one may have been taken meanwhile.
  local port
  port="$(free_port)"
  echo "$port" | run_pg tee "$home/port" >/dev/null
  run_pg "$PG_BIN/pg_ctl" -D "$home/data" -l "$home/server.log" -o "-p $port" -w -t 60 start >/dev/null ||
    { cat "$home/server.log" >&2 || true; die "server did not start"; }

  if ! run_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    run_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  fi
  print_url
}

stop() {
  [ -d "$dir" ] || return 0
  local home
  home="$(cluster_home)"
  if [ -f "$home/data/PG_VERSION" ]; then
    run_pg "$PG_BIN/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ "$home" != "$dir" ] && rm -rf "$home"
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) is_running || die "no cluster running in $dir"; print_url ;;
  *) usage ;;
esac
