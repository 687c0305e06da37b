#include "hotspot/workflow/study_area.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/unique_points.hpp"

#include <map>
#include <utility>

namespace hotspot {

StudyArea choose_study_area(const std::vector<AreaLayer>& layers, const AnalysisConfig& config) {
    StudyArea s;
    if (config.extent) {  // an explicit box wins, as before
        s.is_box = true;
        s.envelope = *config.extent;
        s.description = "box " + format_fixed(s.envelope.min_x, 0) + "," + format_fixed(s.envelope.min_y, 0) + "," +
                        format_fixed(s.envelope.max_x, 0) + "," + format_fixed(s.envelope.max_y, 0) + " (analysis.extent)";
        return s;
    }
    if (layers.empty()) {
        if (!config.study_area_layer.empty())
            throw ConfigError("analysis.study_area = " + quote_value(config.study_area_layer) + ": no area layer is loaded");
        s.description = "none (no area layer and no extent given)";
        return s;
    }
    std::size_t l = 0;
    if (!config.study_area_layer.empty()) {  // validate() has checked the name against the config
        l = layers.size();
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].name() == config.study_area_layer) l = i;
        if (l == layers.size()) throw ConfigError("analysis.study_area: there is no area layer " + quote_value(config.study_area_layer));
    }
    s.layer = l;
    s.envelope = layers[l].envelope();
    s.description = "union of " + std::to_string(layers[l].size()) + " polygons of layer " + layers[l].name();
    return s;
}

std::vector<std::uint8_t> inside_study_area(const StudyArea& study, const std::vector<AreaLayer>& layers, const IncidentTable& t,
                                            unsigned threads, const UniquePoints* locations) {
    std::vector<std::uint8_t> inside(t.size(), 1);
    if (study.is_box) {
        for (std::size_t i = 0; i < t.size(); ++i) inside[i] = study.envelope.contains(t.x[i], t.y[i]) ? 1 : 0;
    } else if (study.layer) {
        // The same lookup as the assignment (AreaLayer::locate), once per distinct location.
        UniquePoints found;
        if (!locations) found = locations_of_rows(t.x, t.y);
        const UniquePoints& u = locations ? *locations : found;
        const Assignment a = assign_points(layers[*study.layer], u.x.data(), u.y.data(), u.x.size(), threads);
        for (std::size_t i = 0; i < t.size(); ++i) inside[i] = a.area[u.of_row[i]] >= 0 ? 1 : 0;
    }
    return inside;
}

std::vector<OutsideCount> count_outside(const IncidentTable& t, const std::vector<std::uint8_t>& inside) {
    std::map<std::pair<std::uint32_t, MonthIndex>, std::uint64_t> n;
    // Rows come file by file and most files are one month: a run of the same key is one map update.
    std::pair<std::uint32_t, MonthIndex> run_key{};
    std::uint64_t run = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (inside[i]) continue;
        if (run > 0 && run_key != std::pair{t.file[i], t.month[i]}) {
            n[run_key] += run;
            run = 0;
        }
        run_key = {t.file[i], t.month[i]};
        ++run;
    }
    if (run > 0) n[run_key] += run;
    std::vector<OutsideCount> out;
    out.reserve(n.size());
    for (const auto& [key, rows] : n) out.push_back({key.first, key.second, rows});
    return out;
}

std::uint64_t total_rows(const std::vector<OutsideCount>& counts) {
    std::uint64_t n = 0;
    for (const auto& c : counts) n += c.rows;
    return n;
}

std::string grid_over_study_area(DensityOptions& o, const StudyArea& study) {
    if (o.extent) return "the grid extent given";
    if (o.alignment == GridAlignment::qgis) return "the points' extent + kernel radius (QGIS)";
    if (!study.defined()) return "the points' extent + kernel radius";
    o.cover = study.envelope;
    return "the study area's envelope (" + study.description + ") and the points' extent + kernel radius";
}

}  // namespace hotspot
