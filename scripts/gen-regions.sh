#!/usr/bin/env bash
# Regenerates data/regions/ from the npm package idn-area-data (pinned in package.json; its
# data are Kemendagri's codes and names, under the ODbL): provinces, regencies/cities and
# districts (kecamatan) as CSV, exactly as the package has them, plus SOURCE naming the
# version. Run after `npm ci` when the pinned version changes; the files are checked in so
# that building and running Netral needs no npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/node_modules/idn-area-data"
[ -f "$SRC/package.json" ] || { echo "gen-regions: run npm ci first (idn-area-data missing)" >&2; exit 1; }
OUT="$ROOT/data/regions"
mkdir -p "$OUT"
for f in provinces regencies districts; do cp "$SRC/data/$f.csv" "$OUT/$f.csv"; done
version="$(node -p "require('$SRC/package.json').version")"
printf 'idn-area-data %s (npm), data under the Open Database License (ODbL) 1.0\n' "$version" > "$OUT/SOURCE"
wc -l "$OUT"/*.csv
