#!/usr/bin/env bash
# R spdep parity of Empirical Bayes (decide/empirical_bayes) on real areas. Case:
#   e_eb  the 659 Birmingham LSOA21 (boundaries/bsol_lsoa21.gpkg, Area = Birmingham), counts
#         = crimes in lsoa_ranking.csv (WM aggregates 2024-04..2026-04), population = Census
#         2021 TS001 usual residents; queen neighbours ours vs poly2nb; EBest and EBlocal;
#         over-representation (E, SIR, PHE 95 % interval, upper-tail p, flags) against R.
#
#   run_eb_parity.sh EB_TABLE_BINARY WORK_DIR
#
# Exit 0 pass, 1 fail, 77 (skip) when Rscript / spdep / sf or ../shared/data is absent.
set -u
. "$(cd "$(dirname "$0")" && pwd)/require_spdep.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=$(dirname "$ROOT")/shared/data
POLYGONS=$DATA/boundaries/bsol_lsoa21.gpkg
COUNTS=$DATA/crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04/lsoa_ranking.csv
POPULATION=$DATA/population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz
for f in "$POLYGONS" "$COUNTS" "$POPULATION"; do
    [ -f "$f" ] || { echo "e_eb: SKIP: $f is absent (the shared data sits beside the repository)"; exit 77; }
done
mkdir -p "$2" || exit 1
OUT=$2/e_eb.csv
ARGS=("$POLYGONS" LSOA21 Area Birmingham "$COUNTS" lsoa_code crimes "$POPULATION" mnemonic total)
echo "== e_eb: Birmingham LSOA21, crimes 2024-04..2026-04 per Census 2021 resident, queen contiguity"
"$1" "${ARGS[@]}" "$OUT" >"$2/e_eb.log" 2>&1
status=$?
sed 's/^/    /' "$2/e_eb.log"
[ "$status" -eq 0 ] || { echo "e_eb: FAIL (eb_table failed)"; exit 1; }
if Rscript "$HERE/eb_parity.R" "$OUT" "${ARGS[@]}"; then
    echo "e_eb: PASS"
else
    echo "e_eb: FAIL"
    exit 1
fi
