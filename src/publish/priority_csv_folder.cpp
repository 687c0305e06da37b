// The priority tables as CSV files in one folder: one code path for `hotspot priority` and `hotspot run`.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/priority_output.hpp"

#include <filesystem>

namespace hotspot {

namespace {

// Every table priority_output may write: claimed before the work, so they cannot depend on the result.
const std::vector<std::string> all_csv_names = {"priority_areas.csv", "priority_top.csv", "indicators_long.csv",
                                                "over_representation.csv", "deprivation_profile.csv", "missing_values.csv",
                                                "hierarchy_rollup.csv", "dashboard.csv", "zone_area_shares.csv"};

std::string csv_path(const std::string& dir, const std::string& name) { return (std::filesystem::path(dir) / name).string(); }

}  // namespace

void claim_priority_csvs(OutputSet& outputs, const std::string& dir) {
    if (dir.empty()) return;
    for (const auto& name : all_csv_names) outputs.claim(csv_path(dir, name), OutputKind::priority_csv);
}

void write_priority_csvs(PriorityResult& result, const std::string& dir, OutputSet& outputs) {
    if (dir.empty()) return;
    if (priority_csv_names(result) != all_csv_names) throw Error("internal error: the priority tables differ from those claimed before the work");
    for (const auto& name : all_csv_names) write_priority_csv(result, name, outputs.temporary(csv_path(dir, name)));
    result.analysis.report.add("output", "priority_csv_dir", std::filesystem::absolute(dir).string());
}

}  // namespace hotspot
