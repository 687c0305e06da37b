"""hotspot.density / kernel_density against `hotspot density`'s GeoTIFF, read with GDAL: equal bit
for bit, on the same grid."""
import numpy as np
import pytest
from osgeo import gdal

import hotspot
from conftest import CITY_INI, run_cli


@pytest.fixture(scope="module")
def city():
    return hotspot.join(CITY_INI)


def cli_surface(exe, out_dir, name, *args):
    tif = out_dir / f"{name}.tif"
    run_cli(exe, "density", "-c", CITY_INI, *args, "--classes", "", "-o", tif, "--overwrite", "-q")
    ds = gdal.Open(str(tif))
    return ds.GetRasterBand(1).ReadAsArray(), ds.GetGeoTransform()


@pytest.mark.parametrize("args,kw", [
    (["--bandwidth", "200", "--cell", "10"], dict(bandwidth=200, cell=10)),
    (["--bandwidth", "300", "--cell", "25", "--kernel", "gaussian", "--values", "raw", "--category", "Anti-social behaviour"],
     dict(bandwidth=300, cell=25, kernel="gaussian", values="raw", categories="Anti-social behaviour")),
    (["--bandwidth", "250", "--cell", "20", "--align", "qgis", "--values", "qgis_scaled", "--period", "2024/25"],
     dict(bandwidth=250, cell=20, align="qgis", values="qgis_scaled", period="2024/25")),
])
def test_density_equals_cli(hotspot_exe, out_dir, city, args, kw):
    expected, gt = cli_surface(hotspot_exe, out_dir, "density_" + "_".join(a.strip("-").replace(" ", "") for a in args[:4]), *args)
    values, geotransform, report = hotspot.density(city, **kw)
    assert values.dtype == np.float32 and values.shape == expected.shape
    assert geotransform == pytest.approx(gt, abs=0)
    assert values.tobytes() == expected.tobytes()  # bit for bit, NaN and -0.0 included
    assert report["points"] > 0


def test_kernel_density_of_arrays_equals_cli_grid_extent(hotspot_exe, out_dir, city):
    """Plain arrays in (the Analysis's own columns, no copies), a given extent: the CLI's --grid-extent surface."""
    extent = (440000, 290000, 446000, 295000)
    expected, gt = cli_surface(hotspot_exe, out_dir, "density_extent", "--bandwidth", "200", "--cell", "10",
                               "--grid-extent", ",".join(map(str, extent)))
    values, geotransform, _ = hotspot.kernel_density(city.x, city.y, city.weight, bandwidth=200, cell=10, extent=extent)
    assert geotransform == tuple(gt)
    assert values.tobytes() == expected.tobytes()


def test_kernel_density_float32_input_is_converted():
    x = np.array([0, 50, 100], dtype=np.float32) + 400000
    y = np.array([0, 50, 100], dtype=np.float32) + 300000
    a, _, r = hotspot.kernel_density(x, y, bandwidth=100, cell=10)
    b, _, _ = hotspot.kernel_density(x.astype(np.float64), y.astype(np.float64), bandwidth=100, cell=10)
    assert r["points"] == 3 and np.array_equal(a, b)


def test_density_real_data(hotspot_exe, out_dir, shared_data):
    """Merseyside ASB, 2024, on Liverpool's LSOAs: the surface equals the CLI's bit for bit."""
    from test_join import real_ini
    ini = real_ini(out_dir, shared_data)
    tif = out_dir / "density_merseyside.tif"
    run_cli(hotspot_exe, "density", "-c", ini, "--category", "Anti-social behaviour", "--bandwidth", "250", "--cell", "25",
            "--classes", "", "-o", tif, "--overwrite", "-q")
    ds = gdal.Open(str(tif))
    values, geotransform, report = hotspot.density(hotspot.join(ini), categories=["Anti-social behaviour"], bandwidth=250, cell=25)
    assert report["points"] > 1000
    assert geotransform == ds.GetGeoTransform()
    assert values.tobytes() == ds.GetRasterBand(1).ReadAsArray().tobytes()
