#!/usr/bin/env bash
# Style is a program's job: every C file of ours must be as clang-format
# (.clang-format) writes it.  Generated tables are left out.
#   style.sh SOURCE_DIR
set -u
cd "$1" || exit 2
command -v clang-format >/dev/null || { echo "skipped: clang-format not installed"; exit 77; }
files=$(git ls-files 'src/*.c' 'src/*.h' 'include/*.h' 'tests/*.c' 'tests/*.h' 2>/dev/null \
        | grep -v '^src/tables/' || true)
[ -n "$files" ] || files=$(find src include tests -name '*.[ch]' -not -path 'src/tables/*')
bad=0 good=0
for f in $files; do
  if clang-format --dry-run -Werror "$f" 2>/dev/null; then good=$((good + 1));
  else echo "FAIL $f: not clang-formatted (clang-format -i $f)"; bad=$((bad + 1)); fi
done
echo "$good passed, $bad failed"
[ $bad -eq 0 ]
