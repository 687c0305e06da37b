#include "hotspot/workflow/evaluate_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/workflow/input_months.hpp"
#include "hotspot/workflow/study_cells.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>

namespace hotspot {

std::pair<MonthIndex, MonthIndex> parse_month_window(const std::string& text, const std::string& option) {
    const auto dots = text.find("..");
    const auto a = parse_year_month(text.substr(0, dots));
    const auto b = dots == std::string::npos ? a : parse_year_month(text.substr(dots + 2));
    if (!a || !b || *b < *a) throw ConfigError(option + " " + quote_value(text) + ": expected FIRST..LAST months, the first not after the last, e.g. 2023-10..2025-09");
    return {*a, *b};
}

std::string test_period_label(MonthIndex first, std::size_t months) {
    return months <= 1 ? month_label(first) : month_label(first) + ".." + month_label(first + static_cast<MonthIndex>(months) - 1);
}

std::string test_period_name(std::size_t months) {
    return months <= 1 ? "month" : months == 3 ? "quarter" : std::to_string(months) + "-month period";
}

EvaluateResult run_evaluate(const AnalysisResult& a, const EvaluateConfig& c) {
    EvaluateResult r;
    r.study_area = a.study_area.description;
    const StudyCells cells = make_study_cells(a, c.cell_m, c.origin_x, c.origin_y, "evaluate");
    r.origin_x = cells.origin_x, r.origin_y = cells.origin_y, r.columns = cells.columns, r.rows = cells.rows;
    r.origin_source = cells.origin_source;
    r.data.x = cells.x, r.data.y = cells.y, r.data.area.assign(cells.x.size(), c.cell_m * c.cell_m), r.data.cell_m = c.cell_m;
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
    refuse_months_without_input(t, first_test - k, last_test, &sel.include, "evaluate",
                                "the fit and test months " + month_label(first_test - k) + ".." + month_label(last_test),
                                "add it or choose another --window", "choose a --window all sources cover");
    r.first_month = first_test - k;
    const std::size_t months = static_cast<std::size_t>(last_test - r.first_month + 1);
    r.data.counts.assign(months, std::vector<double>(r.data.x.size(), 0.0));
    const bool by_source = std::any_of(c.methods.begin(), c.methods.end(), [](const BacktestMethod& m) { return m.kind == BacktestMethodKind::composite; });
    // A source takes part when it has incidents in the cells and months (a selection may leave one empty).
    std::vector<std::size_t> source_of_file(t.files.size(), SIZE_MAX);  // index into r.data.source_names
    const auto source_index = [&](std::uint32_t file) {
        std::size_t& slot = source_of_file[file];
        if (slot != SIZE_MAX) return slot;
        const auto it = std::find(r.data.source_names.begin(), r.data.source_names.end(), t.files[file].source);
        slot = static_cast<std::size_t>(it - r.data.source_names.begin());
        if (it == r.data.source_names.end()) {
            r.data.source_names.push_back(t.files[file].source);
            r.data.source_counts.emplace_back(months, std::vector<double>(r.data.x.size(), 0.0));
        }
        return slot;
    };
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
        const std::int64_t cell = cells.cell_at(t.x[i], t.y[i]);
        if (cell < 0) {
            ++r.rows_outside_cells;
            continue;
        }
        ++r.rows_in_cells;
        r.weight_in_cells += t.weight[i];
        r.data.counts[m][static_cast<std::size_t>(cell)] += t.weight[i];
        if (by_source) r.data.source_counts[source_index(t.file[i])][m][static_cast<std::size_t>(cell)] += t.weight[i];
    }
    std::string categories;
    for (const auto& name : c.categories) categories += (categories.empty() ? "" : "; ") + name;
    r.harm = c.harm;
    r.incidents_label = std::string(c.harm ? "harm-weighted incidents" : r.weighted ? "weighted incidents (input weights)" : "incidents") + " (" + (categories.empty() ? "all categories" : categories) +
                        ", per month, in " + format_plain(s) + " m cells)";
    r.options.methods = c.methods;
    std::string sources;
    for (const std::string& n : r.data.source_names) sources += (sources.empty() ? "" : ", ") + n;
    for (BacktestMethod& m : r.options.methods)
        if (m.kind == BacktestMethodKind::composite) m.description += " (sources: " + sources + ")";
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
