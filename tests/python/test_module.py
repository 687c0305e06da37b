"""The module loads, is the same build as the command line, and maps the engine's errors."""
import hotspot
from conftest import run_cli


def test_version_matches_command_line(hotspot_exe):
    first_line = run_cli(hotspot_exe, "--version").stdout.splitlines()[0]
    assert first_line == f"hotspot {hotspot.version()}"


def test_error_classes():
    for cls in (hotspot.ConfigError, hotspot.InputError, hotspot.CrsError, hotspot.GeometryError, hotspot.OutputError):
        assert issubclass(cls, hotspot.Error)
    assert issubclass(hotspot.Error, Exception)
    assert [c.exit_code for c in (hotspot.Error, hotspot.ConfigError, hotspot.InputError)] == [1, 2, 3]
