"""hotspot.stats against `hotspot stats`'s GeoPackage (Gi* z and p to 1e-12, Local Moran's I with the
same seed, global Moran's I), and gistar/local_moran on arrays against stats' own units."""
import numpy as np
import pytest

import hotspot
from conftest import CITY_INI, gpkg_rows, run_cli


@pytest.fixture(scope="module")
def city():
    return hotspot.join(CITY_INI)


def nan_none(rows, column):
    return np.array([np.nan if r[column] is None else r[column] for r in rows], dtype=float)


CASES = [
    (["--units", "grid", "--cell", "200", "--neighbours", "band:600", "--category", "Anti-social behaviour"],
     dict(units="grid", cell=200, neighbours="band:600", categories="Anti-social behaviour")),
    (["--units", "wards", "--neighbours", "queen", "--seed", "7", "--permutations", "499"],
     dict(units="wards", neighbours="queen", seed=7, permutations=499)),
    (["--units", "neighbourhoods", "--neighbours", "knn:5", "--value", "rate"],
     dict(units="neighbourhoods", neighbours="knn:5", value="rate")),
]


@pytest.mark.parametrize("args,kw", CASES)
def test_stats_equals_cli(hotspot_exe, out_dir, city, args, kw):
    gpkg = out_dir / f"stats_{kw['units']}.gpkg"
    run_cli(hotspot_exe, "stats", "-c", CITY_INI, *args, "-o", gpkg, "--overwrite", "-q")
    s = hotspot.stats(city, **kw)
    gi = gpkg_rows(gpkg, "SELECT unit_id, gi_zscore, gi_pvalue, gi_bin, gi_bin_fdr, n_neighbours, value FROM gistar ORDER BY fid")
    assert [r[0] for r in gi] == s["ids"]
    if kw["units"] == "grid":  # ids are made on demand: c<col>_r<row> must name each cell's own column and row
        centres = gpkg_rows(gpkg, "SELECT unit_id, centre_x, centre_y FROM gistar")
        col = np.array([int(r[0][1:].split("_r")[0]) for r in centres])
        row = np.array([int(r[0].split("_r")[1]) for r in centres])
        x0 = np.array([r[1] for r in centres]) - (col + 0.5) * kw["cell"]
        y0 = np.array([r[2] for r in centres]) - (row + 0.5) * kw["cell"]  # row 0 is the bottom row
        assert np.ptp(x0) < 1e-6 and np.ptp(y0) < 1e-6, "a grid id does not match its cell centre"
        assert len(set(zip(col, row))) == len(centres)
    np.testing.assert_allclose(s["gistar"]["z"], nan_none(gi, 1), rtol=0, atol=1e-12)
    np.testing.assert_allclose(s["gistar"]["p"], nan_none(gi, 2), rtol=0, atol=1e-12)
    assert list(s["gistar"]["bin"]) == [r[3] for r in gi]
    np.testing.assert_array_equal(s["value"], [r[6] for r in gi])
    lisa = gpkg_rows(gpkg, "SELECT unit_id, local_i, z_i, p_analytic, p_sim, quadrant, cluster FROM lisa ORDER BY fid")
    assert [r[0] for r in lisa] == s["ids"]
    for column, key in ((1, "i"), (2, "z"), (3, "p"), (4, "p_sim")):
        np.testing.assert_allclose(s["lisa"][key], nan_none(lisa, column), rtol=0, atol=1e-12)
    assert s["lisa"]["cluster"] == [r[6] for r in lisa]
    summary = {(st, m): v for st, m, v in gpkg_rows(gpkg, "SELECT statistic, measure, value FROM statistics_summary")}
    assert float(summary[("global_moran", "I")]) == pytest.approx(s["moran"]["i"], rel=0, abs=1e-12)
    assert float(summary[("global_moran", "variance")]) == pytest.approx(s["moran"]["variance"], rel=0, abs=1e-12)


def test_gistar_on_arrays_equals_stats_grid(city):
    """gistar(values, x, y, band) on the grid's cells reproduces stats' grid Gi* (the grid path sums neighbours itself)."""
    s = hotspot.stats(city, units="grid", cell=250, neighbours="band:750", fishnet_cells="extent", statistics="gistar")
    g = hotspot.gistar(s["value"], s["x"], s["y"], band=750)
    np.testing.assert_allclose(g["z"], s["gistar"]["z"], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(g["bin"], s["gistar"]["bin"])


def test_local_moran_seeded(city):
    s = hotspot.stats(city, units="grid", cell=250, neighbours="knn:8", statistics="lisa", seed=11, permutations=199)
    a = hotspot.local_moran(s["value"], s["x"], s["y"], knn=8, seed=11, permutations=199, threads=1)
    b = hotspot.local_moran(s["value"], s["x"], s["y"], knn=8, seed=11, permutations=199, threads=2)
    np.testing.assert_array_equal(a["p_sim"], b["p_sim"])  # the same for any thread count
    np.testing.assert_allclose(a["i"], s["lisa"]["i"], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(a["p_sim"], s["lisa"]["p_sim"])
    c = hotspot.local_moran(s["value"], s["x"], s["y"], knn=8, seed=12, permutations=199)
    assert not np.array_equal(a["p_sim"], c["p_sim"])
