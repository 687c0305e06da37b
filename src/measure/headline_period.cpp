#include "hotspot/measure/headline_period.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

namespace hotspot {

namespace {

std::string month_words(MonthIndex m) { return month_short_name(m) + " " + std::to_string(year_of(m)); }

}  // namespace

HeadlineChoice parse_headline_choice(const std::string& key, const std::string& text) {
    HeadlineChoice c;
    const std::string value(trim(text));
    if (value.empty()) return c;
    if (value == "all") {
        c.all_months = true;
        return c;
    }
    try {
        c.period = parse_period(value);
    } catch (const ConfigError& e) {
        throw ConfigError("setting " + key + " = " + quote_value(value) + ": " + e.what() + " (or 'all' for every month)");
    }
    return c;
}

std::string headline_setting(const HeadlineChoice& choice) {
    if (choice.period) return choice.period->label;
    return choice.all_months ? "all" : "";
}

HeadlinePeriod choose_headline_period(const HeadlineChoice& choice, const std::optional<Period>& comparison_current,
                                      MonthIndex first_month, MonthIndex last_month) {
    const Period all{first_month, last_month, "all months " + month_range_label(first_month, last_month)};
    if (choice.period) {
        const Period& p = *choice.period;
        if (p.first < first_month || p.last > last_month)
            throw ConfigError("measures.headline_period " + quote_value(p.label) + " (" + month_range_label(p.first, p.last) +
                              ") is not fully covered by the data (" + month_range_label(first_month, last_month) +
                              "): a partial period would understate its count (give 'all' for every month)");
        return {p, "measures.headline_period"};
    }
    if (choice.all_months) return {all, "measures.headline_period = all (every month of the data)"};
    if (comparison_current) return {*comparison_current, "the current period of the comparison"};
    if (last_month - first_month + 1 >= 12)
        return {Period{last_month - 11, last_month, month_range_label(last_month - 11, last_month)},
                "the latest 12 months of the data (no comparison)"};
    return {all, "every month of the data (fewer than 12 months, no comparison)"};
}

std::string headline_label(const Period& p) {
    const int n = p.months();
    const std::string span = p.first == p.last ? month_words(p.first) : month_words(p.first) + "-" + month_words(p.last);
    return p.label + " (" + span + ", " + std::to_string(n) + (n == 1 ? " month)" : " months)");
}

std::optional<double> rate_per_1000_per_year(double count, std::optional<double> population, int months) {
    if (!population || *population <= 0 || months <= 0) return std::nullopt;
    return 1000.0 * count / *population * 12.0 / static_cast<double>(months);
}

}  // namespace hotspot
