#!/usr/bin/env bash
# Runs pytest over one test file of the binding with the interpreter given,
# exiting 77 (skipped) when that interpreter has no pytest.
#   run.sh PYTHON TEST_FILE
py=$1 file=$2
"$py" -c 'import pytest' 2>/dev/null || { echo "skip: $py has no pytest (Debian: python3-pytest)"; exit 77; }
exec "$py" -m pytest -q -p no:cacheprovider "$file"
