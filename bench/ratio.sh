#!/usr/bin/env bash
# bench/ratio.sh - zsmetrics against a bare utf8proc NFKC pass over the same
# bytes (the headline of speed work), with cat and ripgrep for scale, peak RSS
# for batches and for one large document, and the -j2 speed-up.  Prints one
# Markdown report (also saved to bench/last-ratio.md).
#
# Environment:
#   ZSM=PATH              the binary to measure (default build/zsmetrics; built if missing)
#   BENCH_CORPUS_ROOT=DIR where corpora are cached (default bench/)
#   RATIO_ROUNDS=N        alternated rounds (default 5)
#   RATIO_SYNTHETIC=SIZE  size of the synthetic corpus (default 64M)
#   RATIO_REAL_FILES=N    1 MB files of the real-looking corpus (default 32)
#   RATIO_SINGLE=SIZE     the one large document (default 30M)
#   RATIO_SEEDS=DIR       real reports joined into 1 MB files as a third corpus
#                         (default ../shared/seeds when it exists; none to skip)
#   RATIO_PIN=CPU         run every one-worker command on that processor (taskset
#                         -c CPU): where processors differ in speed, a ratio of two
#                         programs run on different ones measures the processors
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
CORPUS_ROOT=${BENCH_CORPUS_ROOT:-$HERE}
ZSM=${ZSM:-$ROOT/build/zsmetrics}
SYN=${RATIO_SYNTHETIC:-64M}
REAL_FILES=${RATIO_REAL_FILES:-32}
SINGLE=${RATIO_SINGLE:-30M}
SEEDS=${RATIO_SEEDS:-$ROOT/../shared/seeds}

say() { printf '[ratio.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

. "$HERE/common.sh"
bench_need rg:ripgrep pkg-config:pkg-config cc:gcc /usr/bin/time:time taskset:util-linux
bench_binary ratio
# The reference: a bare NFKC pass, built as the library is (-O2).
cc -O2 -D_GNU_SOURCE "$HERE/nfkc.c" -o "$WORK/nfkc" $(pkg-config --cflags --libs libutf8proc)

# Corpora, cached; made again when their generator or arguments change.
stamp() { (cat "$@"; echo "$SYN $REAL_FILES $SINGLE") | sha256sum | cut -c1-16; }
SYNDIR=$CORPUS_ROOT/ratio-synthetic-$SYN
REALDIR=$CORPUS_ROOT/ratio-real-$REAL_FILES
ONEDIR=$CORPUS_ROOT/ratio-single-$SINGLE
id=$(stamp "$HERE/gen_corpus.py")
if [ "$(cat "$SYNDIR/.stamp" 2>/dev/null)" != "$id" ]; then
  say "generating the $SYN synthetic corpus"
  rm -rf "$SYNDIR" && python3 "$HERE/gen_corpus.py" "$SYNDIR" --size "$SYN" --seed 1 >/dev/null
  echo "$id" > "$SYNDIR/.stamp"
fi
id=$(stamp "$HERE/real_corpus.py" "$ROOT"/samples/*.txt)
if [ "$(cat "$REALDIR/.stamp" 2>/dev/null)" != "$id" ]; then
  say "writing the real-looking corpus ($REAL_FILES files of 1 MB)"
  rm -rf "$REALDIR" && python3 "$HERE/real_corpus.py" "$REALDIR" --files "$REAL_FILES"
  echo "$id" > "$REALDIR/.stamp"
fi
SEEDDIR=$CORPUS_ROOT/ratio-seeds-8
if [ "$SEEDS" != none ] && [ -d "$SEEDS" ]; then
  id=$(stamp "$HERE/real_corpus.py" "$SEEDS"/*.txt)
  if [ "$(cat "$SEEDDIR/.stamp" 2>/dev/null)" != "$id" ]; then
    say "writing the real-report corpus (8 files of 1 MB from $SEEDS)"
    rm -rf "$SEEDDIR" && python3 "$HERE/real_corpus.py" "$SEEDDIR" --files 8 --from "$SEEDS"
    echo "$id" > "$SEEDDIR/.stamp"
  fi
else
  SEEDDIR=
fi
id=$(stamp "$HERE/gen_corpus.py")
if [ "$(cat "$ONEDIR/.stamp" 2>/dev/null)" != "$id" ]; then
  say "generating one $SINGLE document"
  rm -rf "$ONEDIR" && python3 "$HERE/gen_corpus.py" "$ONEDIR" --single "$SINGLE" --seed 1 -q >/dev/null
  echo "$id" > "$ONEDIR/.stamp"
fi

say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/ratio.py" --bin "$WORK/zsmetrics" --nfkc "$WORK/nfkc" --synthetic "$SYNDIR" --real "$REALDIR" \
  --single "$ONEDIR/single-$SINGLE.txt" --rounds "${RATIO_ROUNDS:-5}" --tmp "$WORK" ${SEEDDIR:+--seeds "$SEEDDIR"} \
  --command "bench/ratio.sh" ${RATIO_PIN:+--pin "$RATIO_PIN"} | tee "$HERE/last-ratio.md"
