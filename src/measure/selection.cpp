#include "hotspot/measure/selection.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

namespace hotspot {

std::vector<std::uint8_t> category_mask(const IncidentTable& t, const std::vector<std::string>& names) {
    std::vector<std::uint8_t> mask(t.categories.size(), names.empty() ? 1 : 0);
    for (const auto& name : names) {
        bool found = false;
        for (std::uint32_t c = 0; c < t.categories.size(); ++c)
            if (t.categories.at(c) == name) mask[c] = 1, found = true;
        if (!found) {
            std::vector<std::string> known;
            for (std::uint32_t c = 0; c < t.categories.size(); ++c) known.emplace_back(t.categories.at(c));
            throw ConfigError("no incidents have category " + quote_value(name) + closest_suffix(closest_names(name, known)));
        }
    }
    return mask;
}

SelectedPoints select_points(const IncidentTable& t, const std::vector<std::string>& categories, const std::optional<Period>& period) {
    const std::vector<std::uint8_t> mask = category_mask(t, categories);
    SelectedPoints out;
    out.include.assign(t.size(), 0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!mask[t.category[i]] || (period && !period->contains(t.month[i]))) continue;
        out.include[i] = 1;
        out.x.push_back(t.x[i]);
        out.y.push_back(t.y[i]);
        out.w.push_back(t.weight[i]);
    }
    return out;
}

}  // namespace hotspot
