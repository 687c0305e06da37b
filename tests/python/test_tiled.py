"""Tiled surfaces (hotspot plan / task / assemble) and the Dask driver against one-machine runs.

Oracles: `hotspot density`'s one-shot surface (the tiled COG must equal it bit for bit) and
`hotspot plan --run` (every step in one process) for the Dask runs: density bit for bit, Gi* z to
1e-12, cell counts (the reduced moments' n) exactly. The fault test kills a worker process while
it runs tile tasks; Dask reschedules them, and the result, the ledger (each tile written once)
and the folder (no temporaries left) must show nothing was written twice or half-written."""
import json
import os
import signal
import threading
import time

import numpy as np
import pytest
from osgeo import gdal

import hotspot
from conftest import CITY_INI, gpkg_rows, run_cli

gdal.UseExceptions()

DENSITY = ["--bandwidth", "300", "--cell", "5"]


def read_cog(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    return band.ReadAsArray(), ds.GetGeoTransform(), band.DataType, ds.GetMetadata()


def plan(exe, out_dir, name, *args, run=False):
    work = out_dir / f"{name}.work"
    tif = out_dir / f"{name}.tif"
    run_cli(exe, "plan", "-c", CITY_INI, *args, "-o", tif, "--work-dir", work, "--overwrite", "-q", *(["--run"] if run else []))
    return work / "plan.json", tif


def ledger(work):
    lines = (work / "ledger.txt").read_text().splitlines()
    return [line.split()[1:3] for line in lines]  # [step, tile]


def leftovers(work):
    return [p for p in work.rglob("*") if ".part-" in p.name]


@pytest.fixture(scope="module")
def one_shot_density(hotspot_exe, out_dir):
    tif = out_dir / "tiled_one_shot.tif"
    run_cli(hotspot_exe, "density", "-c", CITY_INI, *DENSITY, "--classes", "", "-o", tif, "--overwrite", "-q")
    return read_cog(tif)


def test_tiled_density_equals_one_shot_bit_for_bit(hotspot_exe, out_dir, one_shot_density):
    plan_path, tif = plan(hotspot_exe, out_dir, "tiled_density_here", "--surface", "density", *DENSITY, "--tile-cells", "500", run=True)
    values, gt, dtype, meta = read_cog(tif)
    expected, expected_gt, expected_type, _ = one_shot_density
    p = json.loads(plan_path.read_text())
    assert len(p["tiles"]) > 40, "the grid should make many tiles"
    assert p["halo_m"] == 300
    assert gt == expected_gt and dtype == expected_type == gdal.GDT_Float32
    assert values.shape == expected.shape
    assert values.tobytes() == expected.tobytes()
    assert meta["kernel"] == "quartic" and meta["values"].startswith("per_km2") and meta["points_sha256"] == p["points"]["sha256"]
    assert (tif.parent / (tif.stem + ".qml")).exists()
    # every tile written exactly once, nothing left half-written
    steps = ledger(plan_path.parent)
    assert sorted(t for s, t in steps if s == "surface") == sorted(t["id"] for t in p["tiles"])
    assert not leftovers(plan_path.parent)


def test_task_rerun_writes_nothing_and_assemble_names_missing_tiles(hotspot_exe, out_dir):
    plan_path, tif = plan(hotspot_exe, out_dir, "tiled_rerun", "--surface", "density", *DENSITY, "--tile-cells", "2000")
    tiles = [t["id"] for t in json.loads(plan_path.read_text())["tiles"]]
    first = run_cli(hotspot_exe, "task", "--plan", plan_path, "--step", "surface", "--tile", tiles[0])
    again = run_cli(hotspot_exe, "task", "--plan", plan_path, "--step", "surface", "--tile", tiles[0])
    assert first.stdout.strip().endswith("written") and again.stdout.strip().endswith("already there")
    refused = run_cli(hotspot_exe, "assemble", "--plan", plan_path, check=False)
    assert refused.returncode == 3 and "tiles not computed yet: " + tiles[1] in refused.stderr
    assert not tif.exists()
    bad = run_cli(hotspot_exe, "task", "--plan", plan_path, "--step", "surface", "--tile", "r9999_c9999", check=False)
    assert bad.returncode == 2 and "has no tile 'r9999_c9999'" in bad.stderr


def test_plan_refuses_what_tiles_cannot_do(hotspot_exe, out_dir):
    done = run_cli(hotspot_exe, "plan", "-c", CITY_INI, "--surface", "density", "--bandwidth-rule", "adaptive", "--cell", "10",
                   "-o", out_dir / "never.tif", check=False)
    assert done.returncode == 2 and "adaptive bandwidth" in done.stderr
    done = run_cli(hotspot_exe, "plan", "-c", CITY_INI, "--surface", "gistar", "--cell", "100", "-o", out_dir / "never.tif", check=False)
    assert done.returncode == 2 and "--band" in done.stderr


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed", reason="python3-distributed (Debian) is not installed")
    cluster = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_density_equals_one_machine(hotspot_exe, out_dir, one_shot_density, dask_client):
    from hotspot import dask_driver

    assert len(dask_client.scheduler_info()["workers"]) == 3
    plan_path, tif = plan(hotspot_exe, out_dir, "dask_density", "--surface", "density", *DENSITY, "--tile-cells", "700")
    result = dask_driver.run_plan(dask_client, str(plan_path))
    assert result["tiles"] == len(json.loads(plan_path.read_text())["tiles"]) and result["already_there"] == 0
    assert len(result["worker_pids"]) >= 2, "the tiles should have run on several worker processes"
    values, gt, _, _ = read_cog(tif)
    expected, expected_gt, _, _ = one_shot_density
    assert gt == expected_gt and values.tobytes() == expected.tobytes()


def test_dask_gistar_equals_one_machine(hotspot_exe, out_dir, dask_client):
    from hotspot import dask_driver

    args = ["--surface", "gistar", "--cell", "50", "--band", "150", "--tile-cells", "150"]
    here_plan, here_tif = plan(hotspot_exe, out_dir, "gistar_here", *args, run=True)
    dask_plan, dask_tif = plan(hotspot_exe, out_dir, "gistar_dask", *args)
    dask_driver.run_plan(dask_client, str(dask_plan))
    here, here_gt, here_type, _ = read_cog(here_tif)
    there, there_gt, there_type, _ = read_cog(dask_tif)
    assert here_type == there_type == gdal.GDT_Float64 and here_gt == there_gt
    assert np.array_equal(np.isnan(here), np.isnan(there))
    assert np.nanmax(np.abs(here - there)) <= 1e-12
    assert np.isfinite(here).sum() > 1000
    moments = [json.loads((p.parent / "moments.json").read_text()) for p in (here_plan, dask_plan)]
    assert moments[0]["n"] == moments[1]["n"] == here.size  # every cell takes part (extent), counted once


def test_dask_survives_a_killed_worker(hotspot_exe, out_dir, one_shot_density, dask_client):
    """SIGKILL one worker process while it runs a tile task; the nanny restarts it, the scheduler
    reschedules its tasks, and the result is still the one-shot surface."""
    from hotspot import dask_driver

    plan_path, tif = plan(hotspot_exe, out_dir, "dask_killed", "--surface", "density", *DENSITY, "--tile-cells", "400")
    work = plan_path.parent
    n_tiles = len(json.loads(plan_path.read_text())["tiles"])
    assembled, futures = dask_driver.submit_plan(dask_client, str(plan_path))

    killed = {}

    def kill_one_busy_worker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            written = len(ledger(work)) if (work / "ledger.txt").exists() else 0
            busy = {w: keys for w, keys in dask_client.processing().items() if keys}
            if written >= 3 and busy:
                address = sorted(busy)[0]
                pid = dask_client.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                killed.update(address=address, pid=pid, written_before=written, tasks=list(busy[address]))
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_busy_worker)
    killer.start()
    output, tiles, removed = assembled.result(timeout=600)
    killer.join()
    assert killed, "no worker was killed: the job finished before the test could kill one"
    assert killed["written_before"] < n_tiles, "the worker was killed after every tile was written"
    outcomes = [f.result()[2] for f in futures]
    values, gt, _, _ = read_cog(tif)
    expected, expected_gt, _, _ = one_shot_density
    assert gt == expected_gt and values.tobytes() == expected.tobytes()
    surface_writes = [t for s, t in ledger(work) if s == "surface"]
    assert len(surface_writes) == len(set(surface_writes)), "a tile was written twice"
    # The ledger line follows the link into place, so a worker killed between the two leaves a tile in
    # place without its line; the rerun of that task must then have found it ("already there").
    outcome_of = {tile: outcome for step, tile, outcome, _ in (f.result() for f in futures) if step == "surface"}
    assert len(outcome_of) == n_tiles
    unlogged = sorted(set(outcome_of) - set(surface_writes))
    assert all(outcome_of[t] == "already there" for t in unlogged), f"tiles neither logged nor found in place: {unlogged}"
    assert len(unlogged) <= len(killed["tasks"]), f"more unlogged tiles {unlogged} than the killed worker was running"
    assert not leftovers(work), "a half-written temporary survived"
    assert outcomes.count("written") + outcomes.count("already there") == n_tiles
    print(f"killed worker pid {killed['pid']} after {killed['written_before']} of {n_tiles} tiles "
          f"(it was running {killed['tasks']}); reruns that found their tile in place: {outcomes.count('already there')}; "
          f"temporaries of the dead task removed: {removed}; placed but not logged when it died: {unlogged}")


MERSEYSIDE = "crime/merseyside_street_2022-10_2025-09"


def test_real_data_tiled_density_equals_one_shot(hotspot_exe, out_dir, shared_data):
    """Merseyside's 36 police.uk files: the tiled 20 m surface is `hotspot density`'s, bit for bit."""
    police = shared_data / MERSEYSIDE
    one = out_dir / "mersey_density_one.tif"
    run_cli(hotspot_exe, "density", "--police", police, "--bandwidth", "400", "--cell", "20", "--classes", "", "-o", one, "--overwrite", "-q")
    tiled = out_dir / "mersey_density_tiled.tif"
    run_cli(hotspot_exe, "plan", "--police", police, "--surface", "density", "--bandwidth", "400", "--cell", "20", "--tile-cells", "512",
            "-o", tiled, "--work-dir", out_dir / "mersey_density.work", "--overwrite", "-q", "--run")
    a, a_gt, _, meta = read_cog(tiled)
    b, b_gt, _, _ = read_cog(one)
    assert a_gt == b_gt and a.shape == b.shape and a.size > 1_000_000
    assert a.tobytes() == b.tobytes()
    assert int(meta["points"]) > 400_000


def test_real_data_tiled_gistar_equals_hotspot_stats(hotspot_exe, out_dir, shared_data):
    """Merseyside, 200 m cells, 600 m band: the tiled Gi* z of every cell is `hotspot stats --units grid`'s
    (the grid Gi* checked against spdep) to 1e-12, and cells without a z are the same cells."""
    police = shared_data / MERSEYSIDE
    stats = out_dir / "mersey_stats.gpkg"
    run_cli(hotspot_exe, "stats", "--police", police, "--units", "grid", "--cell", "200", "--neighbours", "band:600",
            "--fishnet-cells", "extent", "-o", stats, "--overwrite", "-q", "--no-qgis-project")
    tiled = out_dir / "mersey_gistar_tiled.tif"
    run_cli(hotspot_exe, "plan", "--police", police, "--surface", "gistar", "--cell", "200", "--band", "600", "--tile-cells", "64",
            "-o", tiled, "--work-dir", out_dir / "mersey_gistar.work", "--overwrite", "-q", "--run")
    z, gt, dtype, _ = read_cog(tiled)
    assert dtype == gdal.GDT_Float64
    rows = gpkg_rows(stats, "SELECT unit_id, centre_x, centre_y, gi_zscore FROM gistar")
    assert len(rows) == z.size
    worst, compared = 0.0, 0
    for unit, cx, cy, expected in rows:
        col = int((cx - gt[0]) // gt[1])
        row = int((gt[3] - cy) // -gt[5])
        value = z[row, col]
        if expected is None:
            assert np.isnan(value), unit
        else:
            worst = max(worst, abs(value - expected))
            compared += 1
    assert compared > 10_000
    assert worst <= 1e-12
