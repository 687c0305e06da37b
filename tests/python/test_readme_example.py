"""The README's Python example is python/examples/ward_counts.py, word for word, and it runs: its
ward counts equal `hotspot join`'s GeoPackage."""
import os
import pathlib
import re
import subprocess
import sys

import hotspot
from conftest import CITY_INI, ROOT, gpkg_rows, run_cli

EXAMPLE = ROOT / "python" / "examples" / "ward_counts.py"


def test_readme_shows_the_example():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Python"):]
    shown = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert shown == EXAMPLE.read_text()


def test_example_runs_and_counts_as_the_cli(hotspot_exe, out_dir):
    work = out_dir / "readme_example"
    work.mkdir(exist_ok=True)
    link = work / "geodata"
    if not link.exists():
        link.symlink_to(CITY_INI.parent)
    for name in ("ward_counts.png", "ward_counts.gpkg"):
        if (work / name).exists():
            (work / name).unlink()
    # The example imports the same module as these tests, whatever PYTHONPATH says (it runs elsewhere).
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(hotspot.__file__).parents[1]))
    subprocess.run([sys.executable, str(EXAMPLE)], cwd=work, check=True, env=env)
    assert (work / "ward_counts.png").stat().st_size > 1000
    gpkg = out_dir / "join_city.gpkg"
    run_cli(hotspot_exe, "join", "-c", CITY_INI, "-o", gpkg, "--overwrite", "-q")
    cli = dict(gpkg_rows(gpkg, "SELECT wards_id, COUNT(*) FROM incidents WHERE wards_id IS NOT NULL GROUP BY wards_id"))
    mine = dict(gpkg_rows(work / "ward_counts.gpkg", "SELECT ward_code, incidents FROM ward_counts"))
    assert {k: v for k, v in mine.items() if v} == cli
