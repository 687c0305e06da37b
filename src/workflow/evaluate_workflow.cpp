#include "hotspot/workflow/evaluate_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/workflow/input_months.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace hotspot {

std::pair<MonthIndex, MonthIndex> parse_month_window(const std::string& text) {
    const auto dots = text.find("..");
    const auto a = parse_year_month(text.substr(0, dots));
    const auto b = dots == std::string::npos ? a : parse_year_month(text.substr(dots + 2));
    if (!a || !b || *b < *a) throw ConfigError("--window " + quote_value(text) + ": expected FIRST..LAST test months, e.g. 2023-10..2025-09");
    return {*a, *b};
}

namespace {

// Grid and study cells: centres strictly on the lattice from the north-west corner, row-major.
void make_cells(const AnalysisResult& a, const EvaluateConfig& c, EvaluateResult& r, std::vector<std::int64_t>& cell_of) {
    const StudyArea& study = a.study_area;
    if (!study.defined()) throw ConfigError("evaluate needs a study area: --study-area LAYER (an --area layer) or --extent");
    const Envelope& e = study.envelope;
    const double s = c.cell_m;
    if (c.origin_x) {
        r.origin_x = *c.origin_x, r.origin_y = *c.origin_y;
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
    cell_of.assign(cx.size(), -1);
    for (std::size_t i = 0; i < cx.size(); ++i)
        if (inside[i]) {
            cell_of[i] = static_cast<std::int64_t>(r.data.x.size());
            r.data.x.push_back(cx[i]), r.data.y.push_back(cy[i]), r.data.area.push_back(s * s);
        }
    if (r.data.x.empty()) throw ConfigError("evaluate: no " + format_plain(s) + " m cell has its centre inside the study area");
    r.data.cell_m = s;
}

}  // namespace

std::string test_period_label(MonthIndex first, std::size_t months) {
    return months <= 1 ? month_label(first) : month_label(first) + ".." + month_label(first + static_cast<MonthIndex>(months) - 1);
}

std::string test_period_name(std::size_t months) {
    return months <= 1 ? "month" : months == 3 ? "quarter" : std::to_string(months) + "-month period";
}

EvaluateResult run_evaluate(const AnalysisResult& a, const EvaluateConfig& c) {
    EvaluateResult r;
    r.study_area = a.study_area.description;
    std::vector<std::int64_t> cell_of;
    make_cells(a, c, r, cell_of);
    const IncidentTable& t = a.incidents;
    const SelectedPoints sel = select_points(t, c.categories, std::nullopt);
    const std::set<MonthIndex> have = months_with_input(t);
    if (have.empty()) throw ConfigError("evaluate: no incidents in the input");
    const MonthIndex k = static_cast<MonthIndex>(c.fit_months);
    const MonthIndex first_test = c.window_first.value_or(*have.begin() + k), last_test = c.window_last.value_or(*have.rbegin());
    if (first_test - k < *have.begin())
        throw ConfigError("evaluate: the window starts " + month_label(first_test) + " but the input begins " + month_label(*have.begin()) +
                          ": fewer than the " + std::to_string(k) + " fit months before it (the first possible test month is " +
                          month_label(*have.begin() + k) + ")");
    if (last_test < first_test) throw ConfigError("evaluate: the window " + month_label(first_test) + ".." + month_label(last_test) + " is empty");
    std::string missing;
    for (MonthIndex m = first_test - k; m <= last_test; ++m)
        if (!have.count(m)) missing += (missing.empty() ? "" : ", ") + month_label(m);
    if (!missing.empty())
        throw ConfigError("evaluate: no input for " + missing + " (inside the fit and test months " + month_label(first_test - k) + ".." +
                          month_label(last_test) + "): a missing month file is not zero incidents; add it or choose another --window");
    r.first_month = first_test - k;
    const std::size_t months = static_cast<std::size_t>(last_test - r.first_month + 1);
    r.data.counts.assign(months, std::vector<double>(r.data.x.size(), 0.0));
    const double s = c.cell_m;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!sel.include[i]) continue;
        ++r.rows_total;
        r.weighted = r.weighted || t.weight[i] != 1.0;
        if (t.month[i] < r.first_month || t.month[i] > last_test) {
            ++r.rows_outside_months;
            continue;
        }
        const auto m = static_cast<std::uint32_t>(t.month[i] - r.first_month);
        r.data.px.push_back(t.x[i]), r.data.py.push_back(t.y[i]), r.data.pw.push_back(t.weight[i]), r.data.pmonth.push_back(m);
        const double fc = std::floor((t.x[i] - r.origin_x) / s), fr = std::floor((r.origin_y - t.y[i]) / s);
        std::int64_t cell = -1;
        if (fc >= 0 && fr >= 0 && fc < static_cast<double>(r.columns) && fr < static_cast<double>(r.rows))
            cell = cell_of[static_cast<std::size_t>(fr) * r.columns + static_cast<std::size_t>(fc)];
        if (cell < 0) {
            ++r.rows_outside_cells;
            continue;
        }
        ++r.rows_in_cells;
        r.weight_in_cells += t.weight[i];
        r.data.counts[m][static_cast<std::size_t>(cell)] += t.weight[i];
    }
    std::string categories;
    for (const auto& name : c.categories) categories += (categories.empty() ? "" : "; ") + name;
    r.harm = c.harm;
    r.incidents_label = std::string(c.harm ? "harm-weighted incidents" : r.weighted ? "weighted incidents (input weights)" : "incidents") + " (" + (categories.empty() ? "all categories" : categories) +
                        ", per month, in " + format_plain(s) + " m cells)";
    r.options.methods = c.methods;
    r.options.fit_months = c.fit_months;
    r.options.first_test = static_cast<std::size_t>(k);
    r.options.last_test = months - 1;
    r.options.shares = c.shares;
    r.options.ties = c.ties;
    r.options.threads = c.threads;
    r.options.test_length = r.test_length = c.test_length;
    if ((last_test - first_test + 1) % static_cast<MonthIndex>(c.test_length) != 0)
        throw ConfigError("evaluate: the window " + month_label(first_test) + ".." + month_label(last_test) + " is " +
                          std::to_string(last_test - first_test + 1) + " months, not whole " + test_period_name(c.test_length) +
                          "s; choose a --window of whole periods");
    for (MonthIndex m = first_test; m <= last_test; m += static_cast<MonthIndex>(c.test_length)) r.test_months.push_back(m);
    r.backtest = run_backtest(r.data, r.options);
    return r;
}

}  // namespace hotspot
