#include "publish/area_titles.hpp"

#include <utility>

namespace hotspot::detail {

namespace {

std::string period_words(const std::optional<Period>& p) { return p ? headline_label(*p) : "no period"; }

}  // namespace

std::string headline_title(const std::string& what, const AreaMeasures& m) { return what + ", " + m.headline_label(); }

std::string all_months_title(const AreaMeasures& m) {
    if (!m.all_months) return "Count, all months (no data)";
    return "Count, all months " + m.all_months->label + " (" + std::to_string(m.months_all()) + " months)";
}

std::string area_column_title(const AreaMeasures& m, const std::string& field) {
    static const std::pair<const char*, const char*> headline_words[] = {
        {"count", "Count"},
        {"weighted_count", "Weighted count"},
        {"share_pct", "Share of study total %"},
        {"rate_per_1000", "Rate per 1,000 residents per year"},
        {"lq", "Location quotient"},
        {"rank", "Rank by count"},
        {"rank_by_rate", "Rank by rate"},
    };
    for (const auto& [name, words] : headline_words)
        if (field == name) return headline_title(words, m);
    if (field == "count_all_months") return all_months_title(m);
    if (field == "months_all") return "Months of data (every input file)";
    if (field == "headline_period") return "Period of the headline measures: " + m.headline_label();
    if (field == "headline_months") return "Months in the headline period";
    return "";
}

std::string base_title(const std::string& what, const AreaMeasures& m) { return what + ", " + period_words(m.base); }
std::string current_title(const std::string& what, const AreaMeasures& m) { return what + ", " + period_words(m.current); }

std::string change_title(const std::string& what, const AreaMeasures& m) {
    if (!m.base || !m.current) return what + " (no comparison)";
    return what + ", " + m.base->label + " to " + m.current->label;
}

std::string area_layer_description(const std::string& layer, const AreaMeasures& m) {
    return "Areas of " + layer + " with their measures (" + m.headline + "). Headline measures (count, weighted_count, " +
           "share_pct, rate_per_1000 per 1,000 residents per year, lq, rank, rank_by_rate, n_*) cover " + m.headline_label() +
           " (" + m.headline_basis + "); count_all_months covers every month of the data" +
           (m.all_months ? " (" + m.all_months->label + ", " + std::to_string(m.months_all()) + " months)" : std::string()) +
           "; base/current/change compare " + (m.base ? m.base->label + " with " + m.current->label : std::string("nothing")) + ".";
}

}  // namespace hotspot::detail
