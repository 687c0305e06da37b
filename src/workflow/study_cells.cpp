#include "hotspot/workflow/study_cells.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

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

namespace {

// The month a police.uk file is named for ("2023-10-merseyside-street.csv"), if any.
std::optional<MonthIndex> police_file_month(const SourceFile& f) {
    const std::string name = std::filesystem::path(f.path).filename().string();
    if (f.format != "police.uk" || name.size() < 7) return std::nullopt;
    return parse_year_month(name.substr(0, 7));
}

}  // namespace

std::set<MonthIndex> months_with_input(const IncidentTable& t) {
    std::set<MonthIndex> months(t.month.begin(), t.month.end());
    for (const SourceFile& f : t.files)
        if (const auto m = police_file_month(f)) months.insert(*m);
    return months;
}

std::string police_source_gaps(const IncidentTable& t, MonthIndex first, MonthIndex last) {
    std::map<std::string, std::set<MonthIndex>> by_source;
    for (const SourceFile& f : t.files)
        if (f.format == "police.uk") {
            auto& months = by_source[f.source];
            if (const auto m = police_file_month(f)) months.insert(*m);
        }
    std::string gaps;
    for (const auto& [source, months] : by_source)
        for (MonthIndex m = first; m <= last; ++m)
            if (!months.count(m)) gaps += (gaps.empty() ? "" : ", ") + source + " " + month_label(m);
    return gaps;
}

}  // namespace hotspot
