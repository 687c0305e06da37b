"""hotspot.sites and hotspot.place against `hotspot sites` and `hotspot place` GeoPackages: the same
sites in the same order at the same places, the same gains and coverage; Merseyside for place."""
import numpy as np
import pytest
from osgeo import ogr

import hotspot
from conftest import CITY_INI, gpkg_rows, run_cli, run_report
from test_join import real_ini


@pytest.fixture(scope="module")
def city():
    return hotspot.join(CITY_INI)


def test_sites_equal_cli(hotspot_exe, out_dir, city):
    gpkg = out_dir / "sites.gpkg"
    within = "wards=Ashcombe;Wexley Green;Billingford;Ladymead"
    run_cli(hotspot_exe, "sites", "-c", CITY_INI, "--category", "Anti-social behaviour", "--within", within, "--count", "8",
            "-o", gpkg, "--overwrite", "-q")
    r = hotspot.sites(city, categories="Anti-social behaviour", within=within, count=8)
    rows = gpkg_rows(gpkg, "SELECT rank, easting, northing, peak_density, share_pct, area_m2, incidents, why FROM sites ORDER BY rank")
    assert len(rows) == len(r["sites"]) == 8
    for row, site in zip(rows, r["sites"]):
        assert row == (site["rank"], site["x"], site["y"], site["peak"], site["share_pct"], site["area_m2"],
                       site["summary"]["incidents"], site["why"])
    hot = gpkg_rows(gpkg, "SELECT rank, cells, peak_density, pai, incidents FROM hotspots ORDER BY rank")
    assert hot and hot == [(h["rank"], h["cells"], h["peak"], h["pai"], h["summary"]["incidents"]) for h in r["hotspots"]]
    # The surface is the sites' own: its peak is the first site's.
    assert r["surface"].max() == pytest.approx(r["sites"][0]["peak"], rel=0, abs=0)


def place_rows(gpkg):
    ds = ogr.Open(str(gpkg))
    out = []
    for f in ds.GetLayerByName("placement_sites"):
        g = f.GetGeometryRef()
        out.append((f.GetField("rank"), f.GetField("candidate"), g.GetX(), g.GetY(), f.GetField("gain"), f.GetField("cumulative"),
                    f.GetField("loss_if_removed"), f.GetField("served_weight")))
    return out


def check_place(gpkg, r):
    rows = place_rows(gpkg)
    mine = [(k + 1, s["candidate"], s["x"], s["y"], s["gain"], s["cumulative"], s["loss_if_removed"], s["served_weight"])
            for k, s in enumerate(r["sites"])]
    assert rows == mine
    report = run_report(gpkg)
    assert report[("place", "status")] == r["status"]
    assert report[("place", "objective_covered_weight")] == f"{r['objective']:.2f}"
    assert report[("place", "covered_incidents")].startswith(f"{r['incidents_covered']} of {r['incidents_counted']} ")


def test_place_equals_cli(hotspot_exe, out_dir, city):
    gpkg = out_dir / "place.gpkg"
    run_cli(hotspot_exe, "place", "-c", CITY_INI, "--count", "6", "--radius", "150", "--period", "2024/25", "-o", gpkg, "--overwrite", "-q")
    r = hotspot.place(city, count=6, radius=150, period="2024/25")
    assert r["status"] == "optimal"
    check_place(gpkg, r)
    # The objective is the weight of demand within radius of a chosen site, recomputed here by brute force.
    sx = np.array([s["x"] for s in r["sites"]])
    sy = np.array([s["y"] for s in r["sites"]])
    d2 = (r["demand_x"][:, None] - sx[None, :]) ** 2 + (r["demand_y"][:, None] - sy[None, :]) ** 2
    covered = (d2 <= 150.0 ** 2).any(axis=1)
    assert r["demand_incidents"][covered].sum() == r["incidents_covered"]


def test_place_real_data(hotspot_exe, out_dir, shared_data):
    ini = real_ini(out_dir, shared_data)
    gpkg = out_dir / "place_merseyside.gpkg"
    run_cli(hotspot_exe, "place", "-c", ini, "--count", "11", "--radius", "150", "--solver", "greedy", "-o", gpkg, "--overwrite", "-q")
    r = hotspot.place(hotspot.join(ini), count=11, radius=150, solver="greedy")
    check_place(gpkg, r)
