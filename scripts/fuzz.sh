#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the multipart parser with clang-14.
#   scripts/fuzz.sh smoke      # ~20 s, run by `make test`
#   scripts/fuzz.sh long [S]   # S seconds (default 600), by hand
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-smoke}
secs=${2:-600}
[ "$mode" = smoke ] && secs=20
out=build-fuzz
mkdir -p "$out/corpus"
clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc \
  fuzz/fuzz_multipart.cpp src/http/multipart.cpp -o "$out/fuzz_multipart"
# Seed corpus: a valid body, so the fuzzer starts from the interesting states.
printf '\x07--fuzzBoundary\r\nContent-Disposition: form-data; name="report"\r\n\r\n{}\r\n--fuzzBoundary\r\nContent-Disposition: form-data; name="evidence"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n--fuzzBoundary--\r\n' >"$out/corpus/seed1"
"$out/fuzz_multipart" -max_total_time="$secs" -print_final_stats=1 "$out/corpus" 2>&1 | tail -n 15
echo "fuzz_multipart: no crash in ${secs}s"
