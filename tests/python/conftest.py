"""Shared fixtures of the Python module's tests: the command line (the oracle), the embedded city,
../shared/data (tests needing it skip visibly when it is absent), and an output folder."""
import os
import pathlib
import sqlite3
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
CITY_INI = GEODATA / "hotspot.ini"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def hotspot_exe():
    exe = os.environ.get("HOTSPOT_EXE")
    if not exe:
        pytest.fail("HOTSPOT_EXE is not set (ctest sets it to the built command line)")
    return exe


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory):
    """ctest's build/tests/python_module (kept for a look after a failure), else a pytest temporary folder."""
    given = os.environ.get("HOTSPOT_TEST_OUT")
    if given:
        path = pathlib.Path(given)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("python_module")


@pytest.fixture(scope="session")
def shared_data():
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: real-data comparison skipped")
    return SHARED


def run_cli(exe, *args, check=True):
    """Runs the command line; returns the CompletedProcess (text)."""
    done = subprocess.run([exe, *map(str, args)], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"hotspot {' '.join(map(str, args))} exited {done.returncode}: {done.stderr}")
    return done


def gpkg_rows(path, sql):
    """Rows of a query on a GeoPackage (SQLite): attribute tables and fields without geometry."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


def run_report(path):
    """The run_report table as {(section, key): value} (the last entry wins, as RunReport.get)."""
    return {(s, k): v for s, k, v in gpkg_rows(path, "SELECT section, key, value FROM run_report")}
