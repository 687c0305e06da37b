#!/usr/bin/env bash
# Public outputs of the embedded city end to end: a public run (GeoPackage, masked density, classes)
# passes check-disclosure and the independent oracle (disclosure_oracle.py: values against the
# analyst run, LP audit by GLPK); the analyst run's GeoPackage (a deliberately leaky file) fails it;
# public tiles are made only from a public GeoPackage; public dashboards and PMTiles pass, the analyst
# ones fail naming the GeoPackage's small counts, a tampered data.json fails; an empty PMTiles is not checked.
# Both public GeoPackages' QGIS legends show published values only (legend_bounds_oracle.py).
# Usage: public_outputs.sh HOTSPOT GEODATA OUTDIR
set -uo pipefail
HS="$1"; GEO="$2"; OUT="$3"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$OUT"
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # expect CODE PATTERN CMD...
    local code="$1" pattern="$2"; shift 2
    local out; out="$("$@" 2>&1)"; local got=$?
    [ "$got" -eq "$code" ] || { echo "$out" | tail -30; fail "exit $got, expected $code: $*"; }
    grep -qE -- "$pattern" <<<"$out" || { echo "$out" | tail -30; fail "output lacks /$pattern/: $*"; }
    echo "ok: $*" | cut -c1-160
    LAST="$out"
}
common=(-c "$GEO/hotspot.ini" --overwrite -q --set output.mbtiles= --set output.xyz= --set output.areas_csv=)

expect 0 "" "$HS" run "${common[@]}" -o "$OUT/analyst.gpkg" --set output.density=
expect 0 "disclosure: +counts 1\.\.9 suppressed: [0-9]+ primary \+ [0-9]+ secondary" \
    "$HS" run -c "$GEO/hotspot.ini" --overwrite --set output.mbtiles= --set output.xyz= --set output.areas_csv= \
    -o "$OUT/public.gpkg" --audience public --set output.density="$OUT/public_density.tif" --set density.cell_m=50
echo "$LAST" | grep -E '^disclosure:'
expect 0 "0 breaches" "$HS" check-disclosure "$OUT/public.gpkg"
expect 0 "masked" "$HS" check-disclosure "$OUT/public_density.tif"
expect 0 "0 breaches" "$HS" check-disclosure "$OUT/public_density_classes.gpkg"
ORACLE_SAMPLE=200 /usr/bin/python3 "$HERE/disclosure_oracle.py" "$OUT/analyst.gpkg" "$OUT/public.gpkg" 10 wards neighbourhoods || fail "oracle"
# Legends: every class bound of the QGIS styles is 0 or a published value (styled after protection).
/usr/bin/python3 "$HERE/legend_bounds_oracle.py" "$OUT/public.gpkg" wards neighbourhoods || fail "legend bounds of public.gpkg"

# The deliberately leaky file: a normal run's GeoPackage.
expect 1 "BREACH incidents geometry" "$HS" check-disclosure "$OUT/analyst.gpkg"
grep -qE "BREACH wards fid [0-9]+ n_[a-z_]+ = [1-9]: count below 10" <<<"$LAST" || fail "no small count named in the leaky file"
grep -q "BREACH disclosure: no disclosure table" <<<"$LAST" || fail "missing disclosure table not reported"

# A public file edited to publish one suppressed cell's total alone is caught by the LP audit.
cp "$OUT/public.gpkg" "$OUT/tampered.gpkg"
/usr/bin/python3 - "$OUT/tampered.gpkg" "$OUT/analyst.gpkg" <<'PY' || fail "could not tamper"
import sqlite3, sys
con, truth = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
    con.execute(f'DROP TRIGGER "{name}"')  # the R-tree triggers call SpatiaLite functions; only attributes change
cols = [r[1] for r in con.execute("PRAGMA table_info(wards)") if r[1].startswith("n_")]
# A ward with a small category hidden among others: every other hidden one of its row is shown with
# its true value, so the row total gives the small one away.
for fid, area, *vals in con.execute(f"SELECT fid, area_id, {', '.join(cols)} FROM wards WHERE count IS NOT NULL"):
    real = dict(zip(cols, truth.execute(f"SELECT {', '.join(cols)} FROM wards WHERE area_id = ?", (area,)).fetchone()))
    nulls = [c for c, v in zip(cols, vals) if v is None]
    small = [c for c in nulls if 1 <= real[c] < 10]
    if len(nulls) >= 2 and small:
        for c in nulls:
            if c != small[0]:
                con.execute(f"UPDATE wards SET {c} = ? WHERE fid = ?", (real[c], fid))
        con.commit()
        print("tampered ward fid", fid, "left", small[0], "=", real[small[0]], "alone")
        sys.exit(0)
sys.exit(1)
PY
expect 1 "BREACH wards fid [0-9]+ n_[a-z_]+ = between .*recoverable from its row total" "$HS" check-disclosure "$OUT/tampered.gpkg"

# Tiles: only from a public GeoPackage; the tiles pass the check too.
expect 0 "" "$HS" tiles --overwrite --audience public "$OUT/public.gpkg" --layers wards,neighbourhoods --mbtiles "$OUT/public.mbtiles"
expect 0 "0 breaches" "$HS" check-disclosure "$OUT/public.mbtiles"
expect 2 "is not a public output" "$HS" tiles --overwrite --audience public "$OUT/analyst.gpkg" --layers wards --mbtiles "$OUT/leaky.mbtiles"
[ ! -e "$OUT/leaky.mbtiles" ] || fail "leaky tiles written"

# Rounding to base 5: every count shown is a multiple of 5, and the file passes.
expect 0 "" "$HS" run "${common[@]}" -o "$OUT/public_r5.gpkg" --audience public --round 5 --set output.density=
rounded=$(sqlite3 "$OUT/public_r5.gpkg" "SELECT sum(rounded) FROM disclosure WHERE round_base = 5")
[ "${rounded:-0}" -gt 0 ] || fail "the disclosure table records no rounding"
expect 0 "0 breaches" "$HS" check-disclosure "$OUT/public_r5.gpkg"
# The rate legends are of the rescaled rates: unrounded ones with the population give exact counts back.
/usr/bin/python3 "$HERE/legend_bounds_oracle.py" "$OUT/public_r5.gpkg" wards neighbourhoods || fail "legend bounds of public_r5.gpkg"
odd=$(sqlite3 "$OUT/public_r5.gpkg" "SELECT count(*) FROM wards WHERE count % 5 != 0 OR n_anti_social_behaviour % 5 != 0" )
[ "$odd" = "0" ] || fail "$odd ward counts not multiples of 5"
periods=$(sqlite3 "$OUT/public_r5.gpkg" "SELECT count(*) FROM gpkg_contents WHERE table_name LIKE '%_periods'")
[ "$periods" = "0" ] || fail "$periods per-period tables published (months nest in quarters and in the area counts)"

# Dashboards and PMTiles: from the public GeoPackage they pass; from the analyst one they fail, every
# small count named being the GeoPackage's own (dashboard_breaches_oracle.py); a public data.json with
# one count set to 3 fails, naming it.
expect 0 "" "$HS" dashboard "$OUT/public.gpkg" --layers wards,neighbourhoods -o "$OUT/dash_public" --audience public --overwrite -q
expect 0 "dash_public: 0 breaches" "$HS" check-disclosure "$OUT/dash_public"
expect 0 "" "$HS" tiles --overwrite --audience public "$OUT/public.gpkg" --layers wards,neighbourhoods --pmtiles "$OUT/public.pmtiles" --min-zoom 8 --max-zoom 12
expect 0 "public.pmtiles: 0 breaches" "$HS" check-disclosure "$OUT/public.pmtiles"
expect 0 "" "$HS" dashboard "$OUT/analyst.gpkg" --layers wards,neighbourhoods -o "$OUT/dash_analyst" --overwrite -q
expect 1 "BREACH tiles.pmtiles/wards area_id [A-Z0-9]+ n_[a-z_]+ = [1-9]: count below 10" "$HS" check-disclosure "$OUT/dash_analyst"
echo "$LAST" > "$OUT/dash_analyst.txt"
/usr/bin/python3 "$HERE/dashboard_breaches_oracle.py" "$OUT/dash_analyst.txt" "$OUT/analyst.gpkg" "$OUT/dash_analyst" wards neighbourhoods || fail "dashboard oracle"
expect 0 "" "$HS" tiles --overwrite "$OUT/analyst.gpkg" --layers wards,neighbourhoods --pmtiles "$OUT/analyst.pmtiles" --min-zoom 8 --max-zoom 12
expect 1 "BREACH neighbourhoods area_id [A-Z0-9]+ n_[a-z_]+ = [1-9]: count below 10" "$HS" check-disclosure "$OUT/analyst.pmtiles"
[ "$(grep -c '^BREACH' <<<"$LAST")" = "$(grep -c '^BREACH tiles.pmtiles/' "$OUT/dash_analyst.txt")" ] || fail "the analyst PMTiles and the dashboard's tiles differ in breaches"
rm -rf "$OUT/dash_tampered" && cp -r "$OUT/dash_public" "$OUT/dash_tampered"
planted=$(/usr/bin/python3 - "$OUT/dash_tampered/data.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for a in d["layers"][0]["areas"]:  # a public dashboard has no months (no per-period tables): a count
    if a["monthly"]:
        sys.exit(1)
    if a["count"] is not None and a["count"] >= 10:
        a["count"] = 3
        json.dump(d, open(sys.argv[1], "w", encoding="utf-8"))
        print(f"data.json/{d['layers'][0]['name']} area {a['id']} ({a['name']}) count = 3")
        sys.exit(0)
sys.exit(1)
PY
) || fail "could not tamper with data.json"
expect 1 "1 breach of the rule" "$HS" check-disclosure "$OUT/dash_tampered"
grep -qF "BREACH $planted: count below 10" <<<"$LAST" || fail "the planted count is not named: $planted"

# Refusals.
expect 2 "output.areas_csv is not written by a public run" "$HS" run -c "$GEO/hotspot.ini" --overwrite -q --set output.mbtiles= \
    --set output.xyz= -o "$OUT/x.gpkg" --audience public --set output.density= --areas-csv "$OUT/x.csv"
rm -f "$OUT/x_run.pmtiles"
expect 2 "output.pmtiles is not written by a public run" "$HS" run "${common[@]}" -o "$OUT/x.gpkg" --audience public \
    --set output.density= --pmtiles "$OUT/x_run.pmtiles"
[ ! -e "$OUT/x_run.pmtiles" ] || fail "a public run wrote PMTiles"
expect 2 "add --audience public" "$HS" run "${common[@]}" -o "$OUT/x.gpkg" --min-count 5 --set output.density=
: > "$OUT/x.pmtiles"
expect 3 "NOT CHECKED" "$HS" check-disclosure "$OUT/x.pmtiles"
echo "PASS"
