#pragma once
// The raw text of rows rejected after reading (projection, extent, duplicate IDs), recovered
// from their source files, so the rejects table always holds the row as it was in the input.
#include "hotspot/base/incidents.hpp"

#include <vector>

namespace hotspot {

// Fills in Reject::raw for rejects that lack it by re-reading just those lines.
void fill_reject_raw_text(std::vector<Reject>& rejects, const std::vector<SourceFile>& files);

}  // namespace hotspot
