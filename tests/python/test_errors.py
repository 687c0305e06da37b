"""The engine's errors as Python exceptions: the class for the command line's exit code, and the
command line's message (its stderr without the 'hotspot: ' prefix)."""
import pytest

import hotspot
from conftest import CITY_INI, run_cli

CLASSES = {2: hotspot.ConfigError, 3: hotspot.InputError, 4: hotspot.CrsError, 5: hotspot.GeometryError, 6: hotspot.OutputError}


def cli_error(exe, *args):
    done = run_cli(exe, *args, check=False)
    assert done.returncode in CLASSES, done.stderr
    lines = [l for l in done.stderr.splitlines() if l.startswith("hotspot: ") and not l.startswith("hotspot: warning")]
    assert len(lines) == 1, done.stderr
    return done.returncode, lines[0][len("hotspot: "):]


def check(exe, cli_args, call):
    code, message = cli_error(exe, *cli_args)
    with pytest.raises(hotspot.Error) as caught:
        call()
    assert type(caught.value) is CLASSES[code]
    assert caught.value.exit_code == code
    assert str(caught.value) == message


def test_missing_input(hotspot_exe, out_dir):
    missing = str(out_dir / "no-such-folder" / "2024-01-street.csv")
    check(hotspot_exe, ["join", "--police", missing, "-of", "none"], lambda: hotspot.join(police=[missing]))


def test_geographic_crs(hotspot_exe):
    check(hotspot_exe, ["join", "-c", CITY_INI, "--set", "analysis.t_srs=EPSG:4326", "-of", "none"],
          lambda: hotspot.join(CITY_INI, settings={"analysis.t_srs": "EPSG:4326"}))


def test_bad_config_line(hotspot_exe, out_dir):
    ini = out_dir / "bad.ini"
    ini.write_text(f"[input.police]\nformat = police.uk\npath = {CITY_INI.parent / 'police'}\nwieght = 2\n")
    check(hotspot_exe, ["join", "-c", ini, "-of", "none"], lambda: hotspot.join(ini))


def test_bad_period(hotspot_exe, out_dir):
    analysis = hotspot.join(CITY_INI)
    check(hotspot_exe, ["density", "-c", CITY_INI, "--bandwidth", "200", "--cell", "10", "--period", "2024-13", "-o", out_dir / "never.tif"],
          lambda: hotspot.density(analysis, bandwidth=200, cell=10, period="2024-13"))


def test_unknown_layer(hotspot_exe, out_dir):
    analysis = hotspot.join(CITY_INI)
    check(hotspot_exe, ["sites", "-c", CITY_INI, "--within", "parishes=Ashcombe", "-o", out_dir / "never.gpkg"],
          lambda: hotspot.sites(analysis, within="parishes=Ashcombe"))


def test_out_of_range_value_names_the_keyword():
    with pytest.raises(hotspot.ConfigError, match=r"^bandwidth '-5' is not a number > 0 "):
        hotspot.kernel_density([400000.0], [300000.0], bandwidth=-5, cell=10)
    with pytest.raises(hotspot.ConfigError, match="unknown density option 'bandwith'"):
        hotspot.kernel_density([400000.0], [300000.0], bandwith=5, cell=10)
