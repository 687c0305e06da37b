#!/usr/bin/env bash
# `cmake --install BUILD --component python` (what tools/demo and tools/test run) into a staging
# DESTDIR: the package lands in a folder on Debian python3's sys.path and imports from there.
#   check_install.sh BUILD_DIR STAGE_DIR SITE_DIR
set -euo pipefail
build=$1 stage=$2 site=$3
rm -rf "$stage"
DESTDIR="$stage" cmake --install "$build" --component python >/dev/null
/usr/bin/python3 -c "import site, sys; sys.exit(0 if '$site' in site.getsitepackages() else 'install folder $site is not on sys.path')"
PYTHONPATH="$stage$site" /usr/bin/python3 -c "
import hotspot, sys
assert hotspot.__file__.startswith('$stage'), hotspot.__file__
print('installed', hotspot.__file__, hotspot.version())
"
