#pragma once
// GDAL-style progress ("0...10...20...100 - done.") on stdout across the whole run:
// each pipeline step owns a slice of the bar. It is printed whether or not stdout is a
// terminal (GDALTermProgress does not ask); -q turns it off.
#include "hotspot/workflow/pipeline.hpp"

#include <ostream>

namespace hotspot::cli {

ProgressFn terminal_progress(bool quiet);

// std::cerr, after ending an unfinished progress line with a newline on stdout, so a warning
// or an error starts its own line instead of following "0...10...20". Every message of the
// command line goes through this.
std::ostream& message_stream();

}  // namespace hotspot::cli
