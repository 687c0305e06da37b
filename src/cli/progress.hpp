#pragma once
// GDAL-style progress ("0...10...20...100 - done.") on stdout across the whole run:
// each pipeline step owns a slice of the bar.
#include "hotspot/workflow/pipeline.hpp"

namespace hotspot::cli {

ProgressFn terminal_progress(bool quiet);

}  // namespace hotspot::cli
