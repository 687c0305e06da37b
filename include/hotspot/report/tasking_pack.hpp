#pragma once
// hotspot report: the tasking pack, one self-contained HTML file (data, CSS and SVG inlined,
// no script, opens offline from file://, prints to A4) built only from GeoPackages our
// commands wrote. Contents follow docs/OUTPUTS "What a tasking meeting reads".
#include "hotspot/report/pack_disclosure.hpp"
#include "hotspot/report/pack_figures.hpp"

#include <string>
#include <vector>

namespace hotspot::report {

enum class Audience { internal, public_ };

struct PackOptions {
    std::vector<std::string> inputs;  // run + sites GeoPackages, optionally stats, emerging, table, priority, trend
    std::string previous;             // the last period's sites GeoPackage, or ""
    std::string title = "Tasking pack";
    std::string classification = "OFFICIAL-SENSITIVE";
    int period_months = 3;            // the pack period: the last N months of the data
    Audience audience = Audience::internal;
    DisclosureRule rule;              // a public pack's threshold (min_count)
};

struct TaskingPack {
    PackInputs inputs;
    PackFigures figures;
    PackProtection protection;  // what a public pack withholds; nothing for an internal one
    std::string html;
};

// A public pack (audience public_) withholds small counts and their complements, draws no
// incidents and shows another GeoPackage's table only when that file passes check-disclosure
// (pack_disclosure.hpp). Throws InputError for inputs it cannot use.
TaskingPack build_tasking_pack(const PackOptions& options);

// "Jan 2025-Mar 2025" style label of the pack period and the previous one.
std::string pack_period_label(const PackWindow& w);
std::string previous_period_label(const PackWindow& w);

}  // namespace hotspot::report
