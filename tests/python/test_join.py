"""hotspot.read_incidents and hotspot.join against `hotspot join`'s GeoPackage: the same row account,
the same incidents at the same coordinates, the same area per incident; the embedded city and
Merseyside's police.uk files on Liverpool's LSOAs (real data)."""
import collections

import numpy as np
import pytest
from osgeo import ogr

import hotspot
from conftest import CITY_INI, gpkg_rows, run_cli, run_report


def cli_join(exe, out_dir, name, *args):
    gpkg = out_dir / f"{name}.gpkg"
    run_cli(exe, "join", *args, "-o", gpkg, "--overwrite", "-q")
    return gpkg


def real_ini(out_dir, shared):
    """Twelve months of Merseyside street files, Liverpool's LSOAs as the area layer and study area."""
    ini = out_dir / "merseyside.ini"
    ini.write_text(f"""[input.police]
format = police.uk
path = {shared}/crime/merseyside_street_2022-10_2025-09/2024-*-merseyside-street.csv.gz

[area.lsoa]
path = {shared}/boundaries/liverpool_lsoa11.gpkg
id = LSOA11CD
name = LSOA11NM
""")
    return ini


def check_against_cli(analysis, gpkg, layers):
    report = run_report(gpkg)
    account = analysis.account
    assert account["rows_read"] == int(report[("counter", "rows_read")])
    assert account["accepted"] == int(report[("counter", "accepted")]) == len(analysis)
    assert account["rejected"] == int(report[("counter", "rejected")])
    cli_reasons = {k[len("rejected "):]: int(v) for (s, k), v in report.items() if s == "counter" and k.startswith("rejected ")}
    assert account["rejected_by_reason"] == cli_reasons
    assert account["rows_read"] == account["accepted"] + account["rejected"]

    # Every incident at the same place (doubles read back exactly) with the same area, in the same order.
    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayerByName("incidents")
    assert layer.GetFeatureCount() == len(analysis)
    xs, ys, lines = [], [], []
    ids = {name: [] for name in layers}
    for f in layer:
        g = f.GetGeometryRef()
        xs.append(g.GetX())
        ys.append(g.GetY())
        lines.append(f.GetField("source_line"))
        for name in layers:
            ids[name].append(f.GetField(f"{name}_id"))
    np.testing.assert_array_equal(analysis.x, np.array(xs))
    np.testing.assert_array_equal(analysis.y, np.array(ys))
    np.testing.assert_array_equal(analysis.line, np.array(lines))
    for name in layers:
        codes = np.array(analysis.area_ids(name) + [None], dtype=object)
        mine = codes[analysis.area(name)]  # -1 picks the trailing None (outside every area)
        assert list(mine) == ids[name]
        # Per-area counts, as the layer's GeoPackage counts them.
        counted = dict(gpkg_rows(gpkg, f"SELECT {name}_id, COUNT(*) FROM incidents WHERE {name}_id IS NOT NULL GROUP BY {name}_id"))
        area = analysis.area(name)
        mine_counts = np.bincount(area[area >= 0], minlength=len(codes) - 1)
        assert {c: int(n) for c, n in zip(analysis.area_ids(name), mine_counts) if n} == counted


def test_join_city(hotspot_exe, out_dir):
    gpkg = cli_join(hotspot_exe, out_dir, "join_city", "-c", CITY_INI)
    analysis = hotspot.join(CITY_INI)
    assert analysis.layers == ["wards", "neighbourhoods"]
    check_against_cli(analysis, gpkg, analysis.layers)
    # The planted rejects of the city are there, listed with file and line.
    assert analysis.account["rejected"] > 0
    listed = gpkg_rows(gpkg, "SELECT source_file, source_line, reason FROM rejects ORDER BY rowid")
    assert [(r["file"], r["line"], r["reason"]) for r in analysis.rejects] == listed


def test_read_incidents_account(hotspot_exe, out_dir):
    """The readers alone: rows read per file equal the CLI's; accepted + rejected == read."""
    gpkg = cli_join(hotspot_exe, out_dir, "join_city", "-c", CITY_INI)
    read = hotspot.read_incidents(CITY_INI)
    report = run_report(gpkg)
    assert read["account"]["rows_read"] == int(report[("counter", "rows_read")])
    assert read["account"]["accepted"] + read["account"]["rejected"] == read["account"]["rows_read"]
    assert len(read["x"]) == read["account"]["accepted"]
    for f in read["files"]:
        assert report[("input", f["path"])].endswith(f"sha256 {f['sha256']}")
    # Reading keeps every row the study area later rejects: accepted here = accepted + outside there.
    analysis = hotspot.join(CITY_INI)
    outside = analysis.account["rejected_by_reason"].get("outside_study_area", 0)
    projection_failed = analysis.account["rejected_by_reason"].get("projection_failed", 0)
    assert read["account"]["accepted"] == len(analysis) + outside + projection_failed


def test_join_real_data(hotspot_exe, out_dir, shared_data):
    ini = real_ini(out_dir, shared_data)
    gpkg = cli_join(hotspot_exe, out_dir, "join_merseyside", "-c", ini)
    analysis = hotspot.join(ini)
    assert analysis.account["rows_read"] > 100_000
    assert analysis.account["rejected_by_reason"]["outside_study_area"] > 0  # Merseyside beyond Liverpool
    check_against_cli(analysis, gpkg, ["lsoa"])


def test_project_and_assign_equal_join():
    """read_incidents -> project -> load_areas().assign, step by step, gives join's areas."""
    read = hotspot.read_incidents(CITY_INI)
    x, y = read["x"].copy(), read["y"].copy()
    police = np.array([f["format"] == "police.uk" for f in read["files"]])[read["file"]]
    px, py_, ok, info = hotspot.project(x[police], y[police], "EPSG:4326", "EPSG:27700")
    assert ok.all() and "OSGB" in info["operation"]
    x[police], y[police] = px, py_
    wards = hotspot.load_areas(str(CITY_INI.parent / "boundaries.gpkg"), layer="wards", id_field="ward_code", name_field="ward_name")
    area = wards.assign(x, y)
    analysis = hotspot.join(CITY_INI)
    # join keeps the rows inside the study area (the wards) in read order: those are the rows assigned here.
    inside = area >= 0
    assert inside.sum() == len(analysis)
    np.testing.assert_array_equal(x[inside], analysis.x)
    np.testing.assert_array_equal(area[inside], analysis.area("wards"))
    assert wards.ids == analysis.area_ids("wards")
