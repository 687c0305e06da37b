// move_counts and move_scores of hotspot/decide/vintage_lookup.hpp: values carried along the
// links of a lookup, every old value accounted for (moved, or listed as not moved).
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/decide/vintage_lookup.hpp"

#include <cmath>
#include <unordered_map>

namespace hotspot {

namespace {

using Index = std::unordered_map<std::string, std::size_t>;

Index index_of(std::span<const std::string> ids, const char* side) {
    Index at;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!at.emplace(ids[i], i).second) throw InputError(std::string("moving values: the ") + side + " id " + quote_value(ids[i]) + " is given twice");
    return at;
}

void check_length(std::size_t got, std::size_t want, const char* what) {
    if (got != want)
        throw InputError(std::string("moving values: ") + std::to_string(got) + " " + what + " for " + std::to_string(want) + " areas");
}

bool usable_weight(const std::optional<double>& w) { return w && std::isfinite(*w) && *w >= 0; }

// The links seen from both sides, by position; a link naming an id outside the lists is kept
// as "unknown" on that side so a value never moves along half a link.
struct Links {
    std::vector<std::vector<std::size_t>> to_of_from;       // per old area: its new areas in to_ids
    std::vector<bool> from_reaches_outside;                 // per old area: a link leaves to_ids
    std::vector<std::vector<std::size_t>> from_of_to;       // per new area: its old areas in from_ids
    std::vector<bool> to_fed_from_outside;                  // per new area: a link comes from outside from_ids
};

Links links_by_position(const VintageLookup& lookup, const Index& from_at, const Index& to_at) {
    Links l;
    l.to_of_from.resize(from_at.size());
    l.from_reaches_outside.assign(from_at.size(), false);
    l.from_of_to.resize(to_at.size());
    l.to_fed_from_outside.assign(to_at.size(), false);
    for (const auto& link : lookup.links) {
        const auto f = from_at.find(link.from);
        const auto t = to_at.find(link.to);
        if (f != from_at.end() && t != to_at.end()) {
            l.to_of_from[f->second].push_back(t->second);
            l.from_of_to[t->second].push_back(f->second);
        } else if (f != from_at.end()) {
            l.from_reaches_outside[f->second] = true;
        } else if (t != to_at.end()) {
            l.to_fed_from_outside[t->second] = true;
        }
    }
    return l;
}

}  // namespace

MovedValues move_counts(const VintageLookup& lookup, std::span<const std::string> from_ids,
                        std::span<const std::optional<double>> from_value, std::span<const std::string> to_ids,
                        std::span<const std::optional<double>> to_weight) {
    check_length(from_value.size(), from_ids.size(), "old values");
    if (!to_weight.empty()) check_length(to_weight.size(), to_ids.size(), "new weights");
    const Links links = links_by_position(lookup, index_of(from_ids, "old"), index_of(to_ids, "new"));
    MovedValues m;
    m.rule = std::string("counts: each old area's count split among its new areas ") +
             (to_weight.empty() ? "in equal shares" : "in proportion to the new areas' weight") + ", merged areas' counts added";
    std::vector<double> sum(to_ids.size(), 0.0);
    std::vector<bool> complete(to_ids.size(), true);
    for (std::size_t j = 0; j < to_ids.size(); ++j) complete[j] = !links.from_of_to[j].empty() && !links.to_fed_from_outside[j];
    for (std::size_t i = 0; i < from_ids.size(); ++i) {
        const auto& parts = links.to_of_from[i];
        if (!from_value[i]) {
            for (std::size_t j : parts) complete[j] = false;
            continue;
        }
        const double v = *from_value[i];
        if (!std::isfinite(v)) throw InputError("moving counts: old area " + quote_value(from_ids[i]) + " has a non-finite value");
        m.total_in += v;
        if (parts.empty() && !links.from_reaches_outside[i]) {
            m.from_without_link.push_back(from_ids[i]);
            m.total_not_moved += v;
            continue;
        }
        double weight_sum = 0;
        bool weighted = !links.from_reaches_outside[i];
        for (std::size_t j : parts) {
            if (to_weight.empty()) continue;
            weighted = weighted && usable_weight(to_weight[j]);
            if (weighted) weight_sum += *to_weight[j];
        }
        if (!weighted || (!to_weight.empty() && !(weight_sum > 0))) {
            m.from_not_split.push_back(from_ids[i]);
            m.total_not_moved += v;
            for (std::size_t j : parts) complete[j] = false;
            continue;
        }
        double given = 0;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            const double share = to_weight.empty() ? 1.0 / static_cast<double>(parts.size()) : *to_weight[parts[k]] / weight_sum;
            const double part = k + 1 == parts.size() ? v - given : v * share;  // the last part takes the rest: parts add to v
            sum[parts[k]] += part;
            given += part;
        }
    }
    m.value.assign(to_ids.size(), std::nullopt);
    for (std::size_t j = 0; j < to_ids.size(); ++j) {
        if (complete[j]) {
            m.value[j] = sum[j];
            m.total_moved += sum[j];
        } else {
            m.to_without_value.push_back(to_ids[j]);
            m.total_not_moved += sum[j];
        }
    }
    return m;
}

MovedValues move_scores(const VintageLookup& lookup, std::span<const std::string> from_ids,
                        std::span<const std::optional<double>> from_value, std::span<const std::optional<double>> from_weight,
                        std::span<const std::string> to_ids) {
    check_length(from_value.size(), from_ids.size(), "old values");
    if (!from_weight.empty()) check_length(from_weight.size(), from_ids.size(), "old weights");
    const Links links = links_by_position(lookup, index_of(from_ids, "old"), index_of(to_ids, "new"));
    MovedValues m;
    m.rule = std::string("scores: copied to every new area of a split; a merge takes the ") +
             (from_weight.empty() ? "mean of the old values" : "mean of the old values weighted by the old areas' weight");
    for (std::size_t i = 0; i < from_ids.size(); ++i)
        if (from_value[i] && links.to_of_from[i].empty()) m.from_without_link.push_back(from_ids[i]);
    m.value.assign(to_ids.size(), std::nullopt);
    for (std::size_t j = 0; j < to_ids.size(); ++j) {
        const auto& olds = links.from_of_to[j];
        bool known = !olds.empty() && !links.to_fed_from_outside[j];
        double weighted = 0, weights = 0;
        for (std::size_t i : olds) {
            const double w = from_weight.empty() ? 1.0 : (usable_weight(from_weight[i]) ? *from_weight[i] : NAN);
            known = known && from_value[i] && std::isfinite(*from_value[i]) && std::isfinite(w);
            if (!known) break;
            weighted += w * *from_value[i];
            weights += w;
        }
        if (known && olds.size() == 1) m.value[j] = *from_value[olds[0]];  // a copy, whatever its weight
        else if (known && weights > 0) m.value[j] = weighted / weights;
        else m.to_without_value.push_back(to_ids[j]);
    }
    return m;
}

}  // namespace hotspot
