#!/usr/bin/env bash
# Runs trend_table and compares its CSV with R (trend_oracle.R). Exit 77 (skip) without Rscript.
#   run_trend_oracle.sh TABLE_BINARY WORK_DIR
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
command -v Rscript >/dev/null 2>&1 || { echo "SKIP: Rscript not installed (apt-get install r-base-core)"; exit 77; }
mkdir -p "$2" || exit 1
"$1" >"$2/trend_table.csv" || exit 1
Rscript "$HERE/trend_oracle.R" "$2/trend_table.csv"
