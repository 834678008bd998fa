#!/usr/bin/env bash
# cmake --install puts the binary, man page, library, header and pkg-config
# file in place, and a program built from them with pkg-config works.
#   install.sh BUILD_DIR
set -u
build=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/p" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0
for f in bin/zsmetrics include/zsmetrics.h lib/libzsmetrics.a lib/libzsmetrics.so.0 \
         lib/pkgconfig/zsmetrics.pc share/man/man1/zsmetrics.1 \
         lib/python3/dist-packages/zsmetrics/__init__.py; do
  if [ -e "$tmp/p/$f" ]; then pass=$((pass + 1)); else echo "FAIL missing $f"; fail=$((fail + 1)); fi
done
cat > "$tmp/use.c" <<'C'
#include <zsmetrics.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    zsm_error err;
    zsm_rules *rules = zsm_rules_default(&err);
    const char *text = "今年签约项目8个,总投资5.8亿元。";
    zsm_doc *doc = NULL;
    if (!rules || zsm_extract(rules, text, strlen(text), "t", &doc) != ZSM_OK)
        return 1;
    int ok = zsm_doc_metric_count(doc) == 2 && zsm_doc_metric(doc, 1)->value == 5.8;
    zsm_doc_free(doc);
    zsm_rules_free(rules);
    return ok ? 0 : 1;
}
C
flags=$(PKG_CONFIG_PATH="$tmp/p/lib/pkgconfig" pkg-config --cflags --libs --static zsmetrics)
# shellcheck disable=SC2086
if cc "$tmp/use.c" $flags -o "$tmp/use" && LD_LIBRARY_PATH="$tmp/p/lib" "$tmp/use"; then pass=$((pass + 1));
else echo "FAIL a program built with pkg-config zsmetrics"; fail=$((fail + 1)); fi
# The installed Python package finds the installed library by itself.
if PYTHONPATH="$tmp/p/lib/python3/dist-packages" ZSMETRICS_LIB= python3 -c '
import zsmetrics
r = zsmetrics.extract("今年签约项目8个,总投资5.8亿元。")
assert [m["value"] for m in r["metrics"]] == [8, 5.8], r' ; then pass=$((pass + 1));
else echo "FAIL import zsmetrics from the installed package"; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
