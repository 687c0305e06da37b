#!/usr/bin/env bash
# Runs interval_table and compares its CSV with R (r) or SciPy (scipy). Exit 77 (skip) when
# the tool is absent.
#   run_interval_oracle.sh TABLE_BINARY WORK_DIR r|scipy
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$2" || exit 1
TABLE=$2/interval_table.csv
case $3 in
    r)
        command -v Rscript >/dev/null 2>&1 || { echo "SKIP: Rscript not installed (apt-get install r-base-core)"; exit 77; }
        "$1" >"$TABLE" || exit 1
        Rscript "$HERE/interval_oracle.R" "$TABLE" ;;
    scipy)
        [ -x /usr/bin/python3 ] || { echo "SKIP: /usr/bin/python3 absent"; exit 77; }
        "$1" >"$TABLE" || exit 1
        /usr/bin/python3 "$HERE/interval_oracle.py" "$TABLE" ;;
    *) echo "usage: $0 TABLE_BINARY WORK_DIR r|scipy" >&2; exit 2 ;;
esac
