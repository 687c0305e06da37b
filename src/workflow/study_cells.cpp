#include "hotspot/workflow/study_cells.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>

namespace hotspot {

std::int64_t StudyCells::cell_at(double px, double py) const {
    const double fc = std::floor((px - origin_x) / cell_m), fr = std::floor((origin_y - py) / cell_m);
    if (!(fc >= 0 && fr >= 0 && fc < static_cast<double>(columns) && fr < static_cast<double>(rows))) return -1;
    return cell_of[static_cast<std::size_t>(fr) * columns + static_cast<std::size_t>(fc)];
}

StudyCells make_study_cells(const AnalysisResult& a, double s, std::optional<double> origin_x, std::optional<double> origin_y,
                            const std::string& command) {
    const StudyArea& study = a.study_area;
    if (!study.defined()) throw ConfigError(command + " needs a study area: --study-area LAYER (an --area layer) or --extent");
    const Envelope& e = study.envelope;
    StudyCells r;
    r.cell_m = s;
    if (origin_x && origin_y) {
        r.origin_x = *origin_x, r.origin_y = *origin_y;
        r.origin_source = "given (--grid-origin)";
        if (r.origin_x > e.min_x || r.origin_y < e.max_y)
            throw ConfigError("--grid-origin " + format_plain(r.origin_x) + "," + format_plain(r.origin_y) +
                              " lies east or south of the study area's north-west corner (" + format_plain(e.min_x) + ", " +
                              format_plain(e.max_y) + "): part of it would have no cells");
    } else {
        r.origin_x = std::floor(e.min_x / s) * s, r.origin_y = std::ceil(e.max_y / s) * s;
        r.origin_source = "the study area's extent snapped out to multiples of " + format_plain(s) + " m";
    }
    r.columns = static_cast<std::size_t>(std::max(1.0, std::ceil((e.max_x - r.origin_x) / s)));
    r.rows = static_cast<std::size_t>(std::max(1.0, std::ceil((r.origin_y - e.min_y) / s)));
    std::vector<double> cx, cy;
    for (std::size_t row = 0; row < r.rows; ++row)
        for (std::size_t col = 0; col < r.columns; ++col) {
            cx.push_back(r.origin_x + (static_cast<double>(col) + 0.5) * s);
            cy.push_back(r.origin_y - (static_cast<double>(row) + 0.5) * s);
        }
    std::vector<std::uint8_t> inside(cx.size(), 0);
    if (study.layer) {
        const Assignment centres = assign_points(a.layers[*study.layer], cx.data(), cy.data(), cx.size(), 2);
        for (std::size_t i = 0; i < cx.size(); ++i) inside[i] = centres.area[i] >= 0;
    } else {
        for (std::size_t i = 0; i < cx.size(); ++i) inside[i] = e.contains(cx[i], cy[i]);
    }
    r.cell_of.assign(cx.size(), -1);
    for (std::size_t i = 0; i < cx.size(); ++i)
        if (inside[i]) {
            r.cell_of[i] = static_cast<std::int64_t>(r.x.size());
            r.x.push_back(cx[i]), r.y.push_back(cy[i]);
        }
    if (r.x.empty()) throw ConfigError(command + ": no " + format_plain(s) + " m cell has its centre inside the study area");
    return r;
}

}  // namespace hotspot
