#!/usr/bin/env bash
# `make run`: first run creates the data directory with demo data and prints the admin
# login; every run then serves on http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
bin=${1:-build/netral}
data=${2:-var}
if [ ! -e "$data/netral.db" ]; then
  echo "First run: creating $data with demo data."
  "$bin" init --demo --data "$data"
else
  echo "Using the existing data in $data (demo users were printed on the first run;"
  echo "  reset a password with: $bin user passwd admin --data $data)"
fi
echo
echo "Open http://127.0.0.1:8080 (public channel) and http://127.0.0.1:8080/staff/login (staff)."
exec "$bin" serve --data "$data" --listen 127.0.0.1:8080
