#pragma once
// The intervention workflow of `hotspot evaluate-intervention`: the inputs' incidents (projected,
// inside the study area, assigned to the area layers) -> treatment, buffer and control counts in a
// before and an after window of equal length around the intervention month -> WDQ, WDD and the
// rate ratio (time/intervention). Every accepted incident is accounted for in exactly one line.
//
// Zones (docs/decisions.md, "Intervention evaluation"): treatment = the chosen areas of a layer
// (an incident assigned to one of them), or the union of a polygon file's features (geo/zone_file:
// an incident inside or on the edge of one; likewise for a buffer or control file); buffer = incidents not in the treatment within
// --buffer metres of it (exact distance to the union of the treatment's polygons) or in the
// chosen --buffer-area areas, minus the treatment; control = every other incident of the study
// area (rest) or of the chosen --control areas, minus treatment and buffer.
#include "hotspot/time/intervention.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// LAYER=NAME;NAME or LAYER (all its areas), as --within of `sites` and `place`.
struct AreaChoice {
    std::string layer;
    std::vector<std::string> names;
};

// A zone drawn in its own polygon file (any OGR source and CRS): PATH and its layer (empty: the only one).
struct ZoneFileChoice {
    std::string path, layer;
    bool given() const { return !path.empty(); }
};

struct InterventionConfig {
    AreaChoice treatment;
    ZoneFileChoice treatment_file;  // instead of treatment when given
    double buffer_m = 0;      // ring width; 0 with buffer_areas and buffer_file unset: no buffer
    AreaChoice buffer_areas;  // used when buffer_areas.layer is set
    ZoneFileChoice buffer_file;
    bool control_rest = true;
    AreaChoice control;       // used when !control_rest and no control_file
    ZoneFileChoice control_file;
    std::string analysis_crs;  // zone files are reprojected to it (the run's -t_srs)
    std::optional<double> residents[3];  // given residents of treatment, buffer, control (--treatment-population ...)
    MonthIndex month = 0;     // the intervention month, in neither window
    int months = 6;           // each window
    std::vector<std::string> categories;  // empty: all
};

enum class Zone : std::uint8_t { treatment, buffer, control, none };

// Why an accepted incident is not in a zone's count, or which count it is in.
struct InterventionAccount {
    std::uint64_t accepted = 0;               // incidents accepted inside the study area
    std::uint64_t other_category = 0;
    std::uint64_t intervention_month = 0;     // of the chosen categories, in the intervention month
    std::uint64_t before_the_windows = 0, after_the_windows = 0;
    std::uint64_t in_zone[2][3] = {};         // [before/after][treatment, buffer, control]
    std::uint64_t outside_zones[2] = {};      // in a window but in no zone (a chosen control)
    std::uint64_t outside_study_area = 0;     // rejected before (counted per file and month)
    std::uint64_t other_rejects = 0;          // rejected rows listed with their reason
};

struct InterventionResult {
    InterventionConfig config;
    InterventionCounts counts;
    InterventionAccount account;
    WdqResult wdq;
    WddResult wdd;
    RateRatioResult rate_ratio;
    std::string wdd_note;  // wdd_control_size_note: why the WDD misleads here, or ""
    MonthIndex before_first = 0, before_last = 0, after_first = 0, after_last = 0;
    std::string zone_description[3];  // "lsoa: E01006512", "ring of 400 m around the treatment", ...
    std::optional<double> zone_residents[3];  // for rates per 1,000 residents per year (workflow/intervention_population)
    std::string residents_source[3];          // where zone_residents comes from, or why there is none
    std::string zone_file[3];         // a zone file's path, layer, feature count, CRS and SHA-256 (ZoneFile::provenance), or ""
    double zone_area_m2[3] = {};      // of the drawn zones; 0 when not drawn (a box study area)
    std::string categories_label;     // "all categories" or "Anti-social behaviour"
    std::string treatment_wkb, buffer_wkb, control_wkb;  // the map: each zone where its incidents are counted
    std::vector<std::string> warnings;      // for the run report and the console (e.g. a ring reaching past the study area)
};

// Refuses (ConfigError) windows the data do not cover fully, naming the missing months (a month
// is covered when any row of the inputs, accepted or rejected, is dated in it).
InterventionResult run_intervention(const AnalysisResult& a, const InterventionConfig& config);

}  // namespace hotspot
