"""hotspot for Python: the engine of the `hotspot` command line, with NumPy arrays in and out.

Errors are raised as hotspot.Error or one of its subclasses (ConfigError, InputError, CrsError,
GeometryError, OutputError), with the command line's message text; `exit_code` is the code the
command line would exit with.
"""
from ._hotspot import (  # noqa: F401
    Analysis,
    Areas,
    ConfigError,
    CrsError,
    Error,
    GeometryError,
    InputError,
    OutputError,
    density,
    gistar,
    join,
    kernel_density,
    load_areas,
    local_moran,
    place,
    plan_assemble,
    plan_task,
    plan_tiles,
    project,
    read_incidents,
    sites,
    stats,
    version,
)

__version__ = version()

# The command line's exit codes (src/cli/main.cpp), so a script can tell the kinds apart the same way.
Error.exit_code = 1
ConfigError.exit_code = 2
InputError.exit_code = 3
CrsError.exit_code = 4
GeometryError.exit_code = 5
OutputError.exit_code = 6
