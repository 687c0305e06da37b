#pragma once
// The area layers' measures as one CSV table an analyst can paste into a report: one row per
// area of every layer, headers in words that name each column's period and unit
// ("Rate per 1,000 residents per year, 2024/25 (Apr 2024-Mar 2025, 12 months)").
// Written only on request (output.areas_csv, --areas-csv), through the OutputSet.
#include "hotspot/publish/output_set.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <string>

namespace hotspot {

// The start of the table's header, which lets --overwrite recognise an earlier one.
inline constexpr const char* areas_csv_header_start = "Layer,Area code,Area name,";

// The table as text (every layer in r.measures).
std::string areas_csv_text(const AnalysisResult& r);

// Claims config.output.areas_csv (nothing when empty).
void claim_areas_csv(OutputSet& outputs, const AnalysisConfig& config);
// Writes the table into its temporary and records it in the run report; nothing when not asked for.
void write_areas_csv(AnalysisResult& r, const AnalysisConfig& config, OutputSet& outputs);

}  // namespace hotspot
