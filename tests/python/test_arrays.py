"""NumPy in and out without copies: results own the C++ vector's buffer (a capsule is the base),
Analysis columns are read-only views that keep the Analysis alive; long calls release the GIL."""
import gc
import threading
import time

import numpy as np

import hotspot
from conftest import CITY_INI


def is_capsule(obj):
    return type(obj).__name__ == "PyCapsule"


def test_results_own_the_vectors_buffer():
    read = hotspot.read_incidents(CITY_INI)
    for column in ("x", "y", "month", "category", "weight", "file", "line"):
        a = read[column]
        assert not a.flags.owndata and is_capsule(a.base), column
        assert len(a) == read["account"]["accepted"]
    values, _, _ = hotspot.kernel_density(read["x"][:100] * 0 + 400000, read["y"][:100] * 0 + 300000, bandwidth=50, cell=5)
    assert values.flags.c_contiguous and not values.flags.owndata and is_capsule(values.base)


def test_analysis_columns_are_views():
    analysis = hotspot.join(CITY_INI)
    a, b = analysis.x, analysis.x
    assert a is not b and a.base is analysis and np.shares_memory(a, b)
    assert a.ctypes.data == b.ctypes.data  # the same C++ buffer, not two copies
    assert not a.flags.writeable
    area = analysis.area("wards")
    assert area.base is analysis and np.shares_memory(area, analysis.area("wards"))
    # The view keeps the Analysis (and its buffer) alive after the last name for it is gone.
    x = hotspot.join(CITY_INI).x
    gc.collect()
    assert np.isfinite(x).all() and x.min() > 400000


def test_inputs_any_layout():
    """Strided and integer inputs are converted; the result is that of the contiguous float64 array."""
    analysis = hotspot.join(CITY_INI)
    x, y = analysis.x[::3], analysis.y[::3]
    a, gt_a, _ = hotspot.kernel_density(x, y, bandwidth=150, cell=20)
    b, gt_b, _ = hotspot.kernel_density(np.ascontiguousarray(x), np.ascontiguousarray(y), bandwidth=150, cell=20)
    c, gt_c, _ = hotspot.kernel_density(np.round(x).astype(np.int64), np.round(y).astype(np.int64), bandwidth=150, cell=20)
    d, gt_d, _ = hotspot.kernel_density(np.round(x), np.round(y), bandwidth=150, cell=20)
    assert gt_a == gt_b and a.tobytes() == b.tobytes()
    assert gt_c == gt_d and c.tobytes() == d.tobytes()


def test_gil_released_during_density():
    """While one thread computes a surface, Python code in another keeps running (no long gap)."""
    analysis = hotspot.join(CITY_INI, threads=1)
    done = threading.Event()
    took = []

    def work():
        try:
            t0 = time.perf_counter()
            hotspot.density(analysis, bandwidth=300, cell=3)  # 0.5 to 3 s on one core
            took.append(time.perf_counter() - t0)
        finally:
            done.set()

    worker = threading.Thread(target=work)
    worker.start()
    last, longest = time.perf_counter(), 0.0
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert took[0] > 0.2, f"the surface took {took[0]:.2f} s: too quick to tell"
    assert longest < took[0] / 2, f"main thread blocked {longest:.2f} s of a {took[0]:.2f} s computation"
