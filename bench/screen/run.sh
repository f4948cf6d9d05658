#!/usr/bin/env bash
# bench/screen/run.sh: screening throughput of `netral screen` beside what a user would
# use instead, on the same generated corpus, in the same run (docs/benchmarks.md).
#
#   bash bench/screen/run.sh                 # 1100 MB corpus in $WORK (default /tmp/netral-bench-screen)
#   SIZE_MB=200 bash bench/screen/run.sh     # quicker
#   KEEP=1 ...                               # keep the corpus afterwards (deleted by default)
#
# Prints one table (Markdown) and the peak RSS of netral on a tenth of the corpus and on
# all of it: streaming means the two are about the same.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
NETRAL="${NETRAL:-$BUILD/netral}"
BENCH="${BENCH:-$BUILD/bench/bench_screen}"
WORK="${WORK:-/tmp/netral-bench-screen}"
SIZE_MB="${SIZE_MB:-1100}"
PY=/usr/bin/python3   # Debian's interpreter, where python3-ahocorasick lives
export NETRAL_DATA_DIR="$ROOT/data"

for bin in "$NETRAL" "$BENCH"; do
  [[ -x "$bin" ]] || { echo "missing $bin: cmake --build $BUILD --target netral bench_screen" >&2; exit 2; }
done
$PY -c 'import ahocorasick' 2>/dev/null || { echo "python3-ahocorasick missing: apt-get install python3-ahocorasick" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }

need_kb=$(( SIZE_MB * 1000 * 23 / 10 ))   # corpus + its tenth + flags, with room
avail_kb=$(df -Pk "$(dirname "$WORK")" | awk 'NR==2 {print $4}')
if (( avail_kb < need_kb )); then
  echo "not enough space in $(dirname "$WORK"): need ~$((need_kb / 1000)) MB, have $((avail_kb / 1000)) MB" >&2
  exit 2
fi
mkdir -p "$WORK"
cleanup() { [[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"; }
trap cleanup EXIT

echo "generating ${SIZE_MB} MB in $WORK ..." >&2
"$BENCH" generate "$WORK" "$SIZE_MB" | tee "$WORK/generate.txt" >&2
POSTS=$(sed -n 's/.*posts=\([0-9]*\).*/\1/p' "$WORK/generate.txt")
BYTES=$(stat -c %s "$WORK/posts.jsonl")
TERMS=$(sed -n 's/.*terms=\([0-9]*\).*/\1/p' "$WORK/generate.txt")
LITERALS=$(wc -l < "$WORK/lexicon.txt")
CORES=$(nproc)

# Warm the page cache so that every contender reads from memory.
cat "$WORK/posts.jsonl" > /dev/null

ROWS=()
# run NAME CMD...: wall time and peak RSS from /usr/bin/time; output to $WORK/out.<n>.
n=0
run() {
  local name="$1"; shift
  n=$((n + 1))
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.$n" "$@" > "$WORK/out.$n"
  local secs kb user sys
  read -r secs kb user sys < "$WORK/time.$n"
  ROWS+=("$name|$secs|$kb|$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')|$(head -c 200 "$WORK/out.$n" | tr '\n' ' ')")
}

E="$WORK/election.toml"
# Compiled match databases are cached between runs (docs/screening.md, "Speed"); the
# timed runs use a warm cache, as every run after an election's first does. The first,
# compiling run is timed apart.
export NETRAL_CACHE_DIR="$WORK/cache"
rm -rf "$NETRAL_CACHE_DIR"
: > "$WORK/empty.jsonl"
/usr/bin/time -f '%e' -o "$WORK/time.cold" "$NETRAL" screen --election "$E" -i "$WORK/empty.jsonl" -o /dev/null -q
/usr/bin/time -f '%e' -o "$WORK/time.warm" "$NETRAL" screen --election "$E" -i "$WORK/empty.jsonl" -o /dev/null -q
read -r COLD < "$WORK/time.cold"
read -r WARM < "$WORK/time.warm"
run "netral screen, 1 thread" "$NETRAL" screen --election "$E" -i "$WORK/posts.jsonl" -o "$WORK/flags.1.jsonl" -j 1 -q
run "netral screen, $CORES threads" "$NETRAL" screen --election "$E" -i "$WORK/posts.jsonl" -o "$WORK/flags.n.jsonl" -j "$CORES" -q
run "GNU grep -F -i -f lexicon (C locale)" env LC_ALL=C grep -F -i -c -f "$WORK/lexicon.txt" "$WORK/posts.jsonl"
run "GNU grep -F -i -f lexicon (C.UTF-8)" env LC_ALL=C.UTF-8 grep -F -i -c -f "$WORK/lexicon.txt" "$WORK/posts.jsonl"
run "Python pyahocorasick, per line" "$PY" "$ROOT/bench/screen/aho.py" "$WORK/lexicon.txt" "$WORK/posts.jsonl"
run "bare Vectorscan scan (limit)" "$BENCH" scan "$WORK/lexicon.txt" "$WORK/posts.jsonl"

cmp -s "$WORK/flags.1.jsonl" "$WORK/flags.n.jsonl" || { echo "flags differ between 1 and $CORES threads" >&2; exit 1; }
FLAGS=$(wc -l < "$WORK/flags.1.jsonl")

# Flat memory: the same run on the first tenth of the corpus.
head -n $(( POSTS / 10 )) "$WORK/posts.jsonl" > "$WORK/tenth.jsonl"
/usr/bin/time -f '%e %M' -o "$WORK/time.tenth" "$NETRAL" screen --election "$E" -i "$WORK/tenth.jsonl" \
  -o /dev/null -j "$CORES" -q
read -r _ RSS_TENTH < "$WORK/time.tenth"
rm -f "$WORK/tenth.jsonl"

# Checks that the shortcut (src/screen/prefilter.hpp) changes nothing, on a sample.
head -n 200000 "$WORK/posts.jsonl" > "$WORK/sample.jsonl"
"$NETRAL" screen --election "$E" -i "$WORK/sample.jsonl" -o "$WORK/sample.short" -j "$CORES" -q
"$NETRAL" screen --election "$E" -i "$WORK/sample.jsonl" -o "$WORK/sample.full" -j "$CORES" -q --no-shortcut
cmp -s "$WORK/sample.short" "$WORK/sample.full" || { echo "prefilter changed the flags" >&2; exit 1; }
SAMPLE_FLAGS=$(wc -l < "$WORK/sample.full")

echo
echo "corpus: $POSTS posts, $(awk -v b="$BYTES" 'BEGIN{printf "%.0f", b/1e6}') MB JSON Lines; lexicon: $TERMS terms" \
     "($LITERALS literals for the baselines); $FLAGS flagged; $CORES cores"
echo
# Wall-clock rates, and MB per CPU-second (user + sys), which a busy shared machine
# disturbs less; for the multi-threaded row the CPU time is summed over its threads.
echo "| tool | wall (s) | posts/s | MB/s | CPU (s) | MB per CPU-s | peak RSS (MB) | output |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name secs kb cpu out <<< "$row"
  awk -v n="$name" -v s="$secs" -v kb="$kb" -v c="$cpu" -v p="$POSTS" -v b="$BYTES" -v o="$out" \
    'BEGIN { if (s <= 0) s = 0.01; if (c <= 0) c = 0.01;
             printf "| %s | %.2f | %.0f | %.1f | %.2f | %.1f | %.0f | %s |\n", n, s, p / s, b / 1e6 / s, c, b / 1e6 / c, kb / 1000, o }'
done
echo
echo "peak RSS of netral screen ($CORES threads): $((RSS_TENTH / 1000)) MB on a tenth of the corpus," \
     "$(awk -v r="${ROWS[1]}" 'BEGIN{split(r, f, "|"); printf "%.0f", f[3] / 1000}') MB on all of it"
echo "netral startup on an empty input: ${COLD} s compiling the lexicon (first run of an election), ${WARM} s from the cache"
echo "prefilter check on $(wc -l < "$WORK/sample.jsonl") posts: identical flags ($SAMPLE_FLAGS) with and without --no-shortcut"
