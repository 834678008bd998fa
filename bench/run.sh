#!/usr/bin/env bash
# bench/run.sh [SIZE] - benchmark zsmetrics on a synthetic corpus of SIZE (default 1G;
# 100M for a quick run) and print a Markdown report (also saved to
# bench/last-run-SIZE.md).
#
# Environment:
#   ZSM=PATH              the binary to measure (default build/zsmetrics; built if missing)
#   BENCH_CORPUS_ROOT=DIR where corpora are cached (default bench/, e.g. $TMPDIR)
#   BENCH_SEED=N          corpus seed (default 1)
#   BENCH_ROUNDS=N        rounds of the alternated throughput commands (default 3)
#   BENCH_RULE_MB=N       size of the rule-count subset in MiB (default 100)
#   BENCH_RULE_ROUNDS=N   rounds of the rule-count runs (default 2)
#   BENCH_CG_MB=N         size of the callgrind subset in MiB (default 2)
#   BENCH_CG_SINGLES=LIST single documents counted with callgrind (default 100K,1M,10M;
#                         "none" to skip)
#   BENCH_PREPARE_ONLY=1  generate the corpora and stop
#   BENCH_WAIT_IDLE=1     first wait (up to 20 min, polling every 30 s) until the
#                         1-minute load average is below 0.5
set -euo pipefail

SIZE=${1:-1G}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
SEED=${BENCH_SEED:-1}
CORPUS_ROOT=${BENCH_CORPUS_ROOT:-$HERE}
CORPUS=$CORPUS_ROOT/corpus-$SIZE
SINGLES=$CORPUS_ROOT/corpus-singles
ZSM=${ZSM:-$ROOT/build/zsmetrics}

say() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

case $SIZE in
  [0-9]*[KMGkmg] | [0-9]*) ;;
  *) echo "usage: bench/run.sh [SIZE]   (e.g. 1G, 300M, 100M)" >&2; exit 2 ;;
esac

# --- tools, and a private copy of the binary
. "$HERE/common.sh"
bench_need rg:ripgrep valgrind:valgrind /usr/bin/time:time
bench_binary run

# --- corpora (cached; regenerated when the generator or its arguments change)
gen_id=$( (cat "$HERE/gen_corpus.py"; echo "size=$SIZE seed=$SEED") | sha256sum | cut -c1-16)
if [ "$(cat "$CORPUS/.stamp" 2>/dev/null)" != "$gen_id" ]; then
  say "generating the $SIZE corpus in $CORPUS"
  rm -rf "$CORPUS"
  python3 "$HERE/gen_corpus.py" "$CORPUS" --size "$SIZE" --seed "$SEED"
  echo "$gen_id" > "$CORPUS/.stamp"
fi
single_id=$( (cat "$HERE/gen_corpus.py"; echo "seed=$SEED") | sha256sum | cut -c1-16)
if [ "$(cat "$SINGLES/.stamp" 2>/dev/null)" != "$single_id" ]; then
  say "generating single documents in $SINGLES"
  rm -rf "$SINGLES"
  for s in 1K 10K 100K 1M 10M; do
    python3 "$HERE/gen_corpus.py" "$SINGLES" --single "$s" --seed "$SEED" -q >/dev/null
  done
  echo "$single_id" > "$SINGLES/.stamp"
fi

if [ "${BENCH_PREPARE_ONLY:-0}" = 1 ]; then
  say "corpora ready: $CORPUS, $SINGLES"
  exit 0
fi

# --- an idle machine
if [ "${BENCH_WAIT_IDLE:-0}" = 1 ]; then
  for i in $(seq 0 40); do
    l1=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$l1" 'BEGIN { exit !(l < 0.5) }'; then break; fi
    if [ "$i" -eq 40 ]; then say "load still $l1 after 20 min; measuring anyway"; break; fi
    say "load average $l1 >= 0.5; waiting 30 s"
    sleep 30
  done
fi
say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$HERE/bench.py" --bin "$WORK/zsmetrics" --binary-from "$ZSM" --corpus "$CORPUS" --singles "$SINGLES" \
  --label "$SIZE" --rounds "${BENCH_ROUNDS:-3}" --rule-mb "${BENCH_RULE_MB:-100}" --cg-mb "${BENCH_CG_MB:-2}" \
  --rule-rounds "${BENCH_RULE_ROUNDS:-2}" --cg-singles "${BENCH_CG_SINGLES:-100K,1M,10M}" \
  --keep-dir "$HERE" --command "bench/run.sh $SIZE" | tee "$HERE/last-run-$SIZE.md"
