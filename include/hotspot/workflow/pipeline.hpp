#pragma once
// The analysis, step by step: read -> project -> check study area -> find duplicate IDs ->
// assign to areas -> measure. Each step is a function; run_analysis chains them and
// checks that every row read was accepted or rejected.
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/run_report.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/unique_points.hpp"
#include "hotspot/measure/measures.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/study_area.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hotspot {

// A Crime ID seen more than once: the later row and where the ID was first seen.
struct DuplicateId {
    std::string crime_id;
    std::uint32_t file = 0;
    std::uint64_t line = 0;
    std::uint32_t first_file = 0;
    std::uint64_t first_line = 0;
    bool dropped = false;
};

struct AnalysisResult {
    IncidentTable incidents;             // accepted rows, projected to the analysis CRS
    std::vector<Reject> rejects;         // listed with raw text; see also outside_counted
    std::vector<DuplicateId> duplicates;
    std::vector<AreaLayer> layers;
    std::vector<Assignment> assignments;  // one per layer, row-aligned with incidents
    std::vector<AreaMeasures> measures;   // one per layer
    StudyArea study_area;
    std::vector<OutsideCount> outside_counted;  // rejected outside the study area, counted only (not in rejects)
    RunReport report;
    // Each row's distinct (projected) location, found once when projecting and kept row-aligned
    // by the steps that drop rows, so that the study area and the assignment do not hash every
    // row again. A step that finds it out of step with `incidents` finds the locations anew.
    UniquePoints locations;
};

// Progress callback: step name and fraction done (0..1).
using ProgressFn = std::function<void(const std::string& step, double fraction)>;

// Which steps to run: `join` stops after assignment (no measures).
enum class AnalysisScope { join, full };

AnalysisResult run_analysis(const AnalysisConfig& config, AnalysisScope scope, const ProgressFn& progress);

// Steps, exposed for tests and for subcommands that run only some of them.
// Loads the area layers and joins the attribute tables (priority uses it alone when there are no inputs).
void load_area_layers(AnalysisResult& r, const AnalysisConfig& config, AnalysisScope scope, const ProgressFn& progress);
void project_incidents(AnalysisResult& r, const std::string& t_srs, unsigned threads);
// Chooses the study area and rejects (or keeps, by policy) the rows outside it; rejected rows
// are listed in rejects only with keep_outside_rows, else counted in outside_counted.
void apply_study_area(AnalysisResult& r, const AnalysisConfig& config, unsigned threads);
void find_duplicate_ids(AnalysisResult& r, bool drop, unsigned threads = 1);
// Multiplies every incident's weight by its category's harm weight ([harm]); in the report.
void weigh_by_harm(AnalysisResult& r, const HarmConfig& harm);
void assign_to_layers(AnalysisResult& r, unsigned threads);
// Fills in reject details deferred for speed (outside_study_area); called before writing.
void describe_rejects(AnalysisResult& r);

// Every rejected row: those listed in rejects and those counted only (outside the study area).
std::uint64_t rejected_rows(const AnalysisResult& r);

unsigned effective_threads(unsigned requested);

}  // namespace hotspot
