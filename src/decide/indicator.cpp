#include "hotspot/decide/indicator.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>

namespace hotspot {

const char* to_string(IndicatorKind k) {
    switch (k) {
    case IndicatorKind::count: return "count";
    case IndicatorKind::attribute: return "attribute";
    case IndicatorKind::count_column: return "count_column";
    case IndicatorKind::ratio: return "ratio";
    }
    return "?";
}

const char* to_string(IndicatorPer p) {
    switch (p) {
    case IndicatorPer::none: return "count";
    case IndicatorPer::residents_1000_per_year: return "1000 residents";
    case IndicatorPer::km2: return "km2";
    case IndicatorPer::column: return "column";
    }
    return "?";
}

IndicatorKind parse_indicator_kind(const std::string& text) {
    const std::string t = lowercase(trim(text));
    for (IndicatorKind k : {IndicatorKind::count, IndicatorKind::attribute, IndicatorKind::count_column, IndicatorKind::ratio})
        if (t == to_string(k)) return k;
    throw ConfigError("indicator kind " + quote_value(text) + " is not one of count, attribute, count_column, ratio" +
                      closest_suffix(closest_names(t, {"count", "attribute", "count_column", "ratio"})));
}

IndicatorPer parse_indicator_per(const std::string& text, std::string& per_column) {
    const std::string t(trim(text));
    const std::string l = lowercase(t);
    per_column.clear();
    if (l.empty() || l == "count" || l == "none") return IndicatorPer::none;
    if (l == "1000 residents" || l == "1000_residents" || l == "1,000 residents") return IndicatorPer::residents_1000_per_year;
    if (l == "km2") return IndicatorPer::km2;
    if (l.rfind("column:", 0) == 0) {
        per_column = std::string(trim(t.substr(7)));
        const auto dot = per_column.find('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == per_column.size())
            throw ConfigError("per = " + quote_value(text) + ": give the denominator as column:TABLE.FIELD (an [attributes.TABLE] field)");
        return IndicatorPer::column;
    }
    throw ConfigError("per = " + quote_value(text) + " is not one of count, 1000 residents, km2, column:TABLE.FIELD");
}

namespace {

// "last 3 financial years", "last financial year": the number of years, or 0 when it is not that form.
int last_years(const std::string& w) {
    const auto words = split(lowercase(w), ' ');
    std::vector<std::string> v;
    for (const auto& x : words)
        if (!x.empty()) v.push_back(x);
    if (v.size() == 3 && v[0] == "last" && v[1] == "financial" && v[2] == "year") return 1;
    if (v.size() != 4 || v[0] != "last" || v[2] != "financial" || (v[3] != "years" && v[3] != "year")) return 0;
    const auto n = parse_integer(v[1]);
    if (!n || *n < 1 || *n > 50) throw ConfigError("window " + quote_value(w) + ": the number of years must be 1 to 50");
    return static_cast<int>(*n);
}

}  // namespace

Period indicator_window(const std::string& window, MonthIndex data_first, MonthIndex data_last) {
    const std::string w(trim(window));
    const std::string covered = month_range_label(data_first, data_last);
    if (w.empty()) return {data_first, data_last, month_label(data_first) + ".." + month_label(data_last)};
    if (const int n = last_years(w)) {
        // The latest April whose year ends (March) inside the data.
        MonthIndex last_end = financial_year_start(data_last) + 11;
        if (last_end > data_last) last_end -= 12;
        const MonthIndex first = last_end - 12 * n + 1;
        if (first < data_first)
            throw ConfigError("window " + quote_value(w) + ": the data (" + covered + ") holds fewer than " + std::to_string(n) +
                              " complete financial years");
        return {first, last_end, financial_year_label(first) + ".." + financial_year_label(last_end) + " (" + w + ")"};
    }
    const Period p = parse_period(w);
    if (p.first < data_first || p.last > data_last)
        throw ConfigError("window " + quote_value(w) + " (" + month_range_label(p.first, p.last) + ") is not fully covered by the data (" +
                          covered + ")");
    return p;
}

Period published_count_window(const std::string& indicator, const std::string& window, double months) {
    const std::string what = "indicator " + quote_value(indicator) + " (count_column) window = " + quote_value(window);
    Period p;
    try {
        p = parse_period(trim(window));
    } catch (const ConfigError& e) {
        throw ConfigError(what + ": " + e.what() + " (a published count covers fixed months, e.g. 2024-04..2026-04)");
    }
    if (months > 0 && months != p.months())
        throw ConfigError(what + " is " + std::to_string(p.months()) + " months (" + month_range_label(p.first, p.last) + ") but months = " +
                          format_exact(months) + ": give one of them, or both agreeing");
    return p;
}

std::vector<Period> financial_years_of(const Period& window) {
    std::vector<Period> out;
    for (MonthIndex fy = financial_year_start(window.first); fy <= window.last; fy += 12) {
        const MonthIndex a = std::max(fy, window.first), b = std::min(fy + 11, window.last);
        // A year only partly inside the window says which months it holds, so its value is not read as the whole year's.
        const bool whole = a == fy && b == fy + 11;
        out.push_back({a, b, financial_year_label(fy) + (whole ? "" : " (" + month_range_label(a, b) + ", " + std::to_string(b - a + 1) + " months)")});
    }
    return out;
}

const IndicatorValues* IndicatorTable::find(const std::string& name) const {
    for (const auto& i : indicators)
        if (i.spec.name == name) return &i;
    return nullptr;
}

}  // namespace hotspot
