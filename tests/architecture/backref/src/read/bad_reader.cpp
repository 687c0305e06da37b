// Fixture for the include-direction test: a reader that includes a writer's header, the kind
// of back-reference check_include_direction.py must refuse. Never compiled.
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/read/csv.hpp"
