#pragma once
// Harm weights (issue 12): a table of category -> weight (days of custody, as the ONS Crime
// Severity Score or the Cambridge Crime Harm Index give them), multiplied into each incident's
// weight once after reading, so every weighted count, density, site, statistic and placement
// counts harm instead of incidents. A category the data has but the table lacks is never
// guessed: refused, or weighted 1 or 0 as the configuration says, and counted in the report.
#include "hotspot/base/incidents.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hotspot {

struct HarmTable {
    std::string path, sha256;
    std::map<std::string, double> weight;      // category -> weight > 0
    std::map<std::string, std::uint64_t> line; // category -> the table's line
};

enum class HarmMissing { error, one, zero };
const char* to_string(HarmMissing m);
HarmMissing parse_harm_missing(const std::string& text);  // ConfigError naming the choices

// A CSV with a header holding `category` and `weight` (other columns, e.g. source, averaging,
// note, document the table and are not read) and one row per category. InputError
// naming file, line and value: a duplicate category, a weight that is not a finite number > 0.
HarmTable read_harm_table(const std::string& path);

struct HarmUse {
    std::string category;
    std::uint64_t rows = 0;
    double weight = 1;        // the table's, or 1/0 under `missing`
    bool in_table = true;
    double harm = 0;          // sum of the rows' weights after weighting
};

struct HarmSummary {
    std::vector<HarmUse> categories;            // every category of the data, in its dictionary order
    std::vector<std::string> unused;            // table categories no row has
    std::uint64_t rows_missing = 0;             // rows whose category the table lacks
};

// Multiplies each row's weight by its category's harm weight. With HarmMissing::error, a
// category the table lacks is an InputError listing every such category with its rows.
HarmSummary apply_harm(IncidentTable& t, const HarmTable& h, HarmMissing missing);

}  // namespace hotspot
