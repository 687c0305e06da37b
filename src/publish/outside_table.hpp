#pragma once
// The outside_study_area table: rows rejected because their point lies outside the study
// area, counted per source file and month instead of one rejects row (with raw text) each.
#include "hotspot/workflow/pipeline.hpp"

#include <gdal_priv.h>

namespace hotspot::detail {

void write_outside_study_area(GDALDataset& ds, const AnalysisResult& r);

}  // namespace hotspot::detail
