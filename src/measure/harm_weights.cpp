#include "hotspot/measure/harm_weights.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/attribute_table.hpp"

#include <cmath>
#include <set>

namespace hotspot {

const char* to_string(HarmMissing m) {
    switch (m) {
        case HarmMissing::error: return "error";
        case HarmMissing::one: return "one";
        case HarmMissing::zero: return "zero";
    }
    return "?";
}

HarmMissing parse_harm_missing(const std::string& text) {
    const std::string v = lowercase(trim(text));
    if (v == "error") return HarmMissing::error;
    if (v == "one" || v == "1") return HarmMissing::one;
    if (v == "zero" || v == "0") return HarmMissing::zero;
    throw ConfigError("harm.missing = " + quote_value(text) +
                      ": error (refuse categories the harm table lacks), one (count them once each) or zero (leave them out of harm)");
}

HarmTable read_harm_table(const std::string& path) {
    AttributeTableSpec spec;
    spec.name = "harm";
    spec.path = path;
    spec.key = "category";
    spec.fields = {{"weight", AttributeType::real}};
    const AttributeTable t = read_attribute_table(spec);
    if (!t.rows_without_key.empty())
        throw InputError(path + " line " + std::to_string(t.rows_without_key.front()) + ": a harm weight without a category");
    HarmTable h;
    h.path = path;
    h.sha256 = t.sha256;
    for (std::size_t r = 0; r < t.keys.size(); ++r) {
        const auto& w = t.columns[0].number[r];
        if (!w || !std::isfinite(*w) || !(*w > 0))
            throw InputError(path + " line " + std::to_string(t.lines[r]) + ": the harm weight of " + quote_value(t.keys[r]) + " is " +
                             (w ? format_exact(*w) : std::string("empty")) + "; it must be a number above 0");
        h.weight[t.keys[r]] = *w;
        h.line[t.keys[r]] = t.lines[r];
    }
    if (h.weight.empty()) throw InputError(path + ": the harm table has no rows");
    return h;
}

HarmSummary apply_harm(IncidentTable& t, const HarmTable& h, HarmMissing missing) {
    HarmSummary s;
    const std::size_t n_categories = t.categories.size();
    std::vector<std::uint64_t> rows(n_categories, 0);
    for (std::uint32_t c : t.category) ++rows[c];
    std::vector<double> factor(n_categories, 1.0);
    std::set<std::string> used;
    std::string lacking;
    for (std::uint32_t c = 0; c < n_categories; ++c) {
        HarmUse u;
        u.category = t.categories.at(c);
        u.rows = rows[c];
        const auto w = h.weight.find(u.category);
        if (w != h.weight.end()) {
            u.weight = w->second;
            used.insert(u.category);
        } else {
            u.in_table = false;
            u.weight = missing == HarmMissing::zero ? 0.0 : 1.0;
            s.rows_missing += u.rows;
            if (u.rows) lacking += (lacking.empty() ? "" : ", ") + quote_value(u.category) + " (" + std::to_string(u.rows) + " rows)";
        }
        factor[c] = u.weight;
        s.categories.push_back(u);
    }
    if (missing == HarmMissing::error && !lacking.empty())
        throw InputError("the harm table " + h.path + " has no weight for " + lacking +
                         ": add them to the table, or set harm.missing = one or zero (counted in the report)");
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.weight[i] *= factor[t.category[i]];
        s.categories[t.category[i]].harm += t.weight[i];
    }
    for (const auto& [category, weight] : h.weight)
        if (!used.count(category)) s.unused.push_back(category);
    return s;
}

}  // namespace hotspot
