#include "hotspot/base/periods.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <chrono>
#include <cstdio>

namespace hotspot {

std::string month_short_name(MonthIndex m) {
    static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return names[month_of(m) - 1];
}

std::string month_range_label(MonthIndex first, MonthIndex last) {
    return first == last ? month_label(first) : month_label(first) + ".." + month_label(last);
}

std::string MonthRange::label() const { return month_label(first) + ".." + month_label(last); }

MonthRange default_month_range() {
    const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return {month_index(2000, 1), month_index(static_cast<int>(today.year()) + 1, 12)};
}

std::string month_label(MonthIndex m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year_of(m), month_of(m));
    return buf;
}

std::string quarter_label(MonthIndex m) {
    return std::to_string(year_of(m)) + "-Q" + std::to_string((month_of(m) - 1) / 3 + 1);
}

MonthIndex quarter_start(MonthIndex m) { return m - (month_of(m) - 1) % 3; }

MonthIndex financial_year_start(MonthIndex m) {
    const int start_year = month_of(m) >= 4 ? year_of(m) : year_of(m) - 1;
    return month_index(start_year, 4);
}

std::string financial_year_label(MonthIndex m) {
    const int start_year = year_of(financial_year_start(m));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d/%02d", start_year, (start_year + 1) % 100);
    return buf;
}

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// Matches text against a pattern of YYYY, MM, DD and literal characters. The month is -1
// when the shape matched but the values are impossible; the day is unknown without DD.
std::optional<DatedMonth> match_date(std::string_view text, std::string_view format, std::string* why) {
    int year = -1, month = -1, day = -1;
    std::size_t t = 0;
    for (std::size_t f = 0; f < format.size();) {
        const auto take_number = [&](std::size_t width, int& out) {
            if (t + width > text.size() || !all_digits(text.substr(t, width))) return false;
            out = static_cast<int>(*parse_integer(text.substr(t, width)));
            t += width;
            return true;
        };
        if (format.substr(f, 4) == "YYYY") {
            if (!take_number(4, year)) return std::nullopt;
            f += 4;
        } else if (format.substr(f, 2) == "MM") {
            if (!take_number(2, month)) return std::nullopt;
            f += 2;
        } else if (format.substr(f, 2) == "DD") {
            if (!take_number(2, day)) return std::nullopt;
            f += 2;
        } else {
            if (t >= text.size() || text[t] != format[f]) return std::nullopt;
            ++t;
            ++f;
        }
    }
    if (t != text.size() && text[t] != 'T' && text[t] != ' ') return std::nullopt;
    if (month < 1 || month > 12) {
        if (why) *why = "month " + std::to_string(month) + " is not 1-12";
        return DatedMonth{-1, unknown_day};
    }
    if (day != -1 && (day < 1 || day > days_in_month(year, month))) {
        if (why) *why = "day " + std::to_string(day) + " does not exist in " + std::to_string(year) + "-" + std::to_string(month);
        return DatedMonth{-1, unknown_day};
    }
    return DatedMonth{month_index(year, month), day == -1 ? unknown_day : day_index(year, month, day)};
}

}  // namespace

DayIndex day_index(int year, int month, int day) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    return static_cast<DayIndex>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string day_label(DayIndex d) {
    if (d == unknown_day) return "unknown day";
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{d}}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

std::optional<MonthIndex> parse_year_month(std::string_view text) {
    const auto m = match_date(text, "YYYY-MM", nullptr);
    if (!m || m->month < 0 || text.size() != 7) return std::nullopt;
    return m->month;
}

std::optional<DatedMonth> parse_date_day(std::string_view text, std::string_view format, std::string* why) {
    text = trim(text);
    if (text.empty()) {
        if (why) *why = "the date is empty";
        return std::nullopt;
    }
    static constexpr std::string_view auto_formats[] = {"YYYY-MM-DD", "DD/MM/YYYY", "YYYY/MM/DD", "YYYY-MM", "MM/YYYY"};
    if (format == "auto" || format.empty()) {
        for (auto f : auto_formats) {
            std::string reason;
            const auto m = match_date(text, f, &reason);
            if (m && m->month >= 0) return m;
            if (m) {  // the shape matched but the values are impossible
                if (why) *why = reason;
                return std::nullopt;
            }
        }
        if (why) *why = "not a date in any of YYYY-MM-DD, DD/MM/YYYY, YYYY/MM/DD, YYYY-MM, MM/YYYY";
        return std::nullopt;
    }
    std::string reason;
    const auto m = match_date(text, format, &reason);
    if (m && m->month >= 0) return m;
    if (why) *why = m ? reason : "not a date of the form " + std::string(format);
    return std::nullopt;
}

std::optional<MonthIndex> parse_date_month(std::string_view text, std::string_view format, std::string* why) {
    const auto d = parse_date_day(text, format, why);
    if (!d) return std::nullopt;
    return d->month;
}

Period parse_period(std::string_view text) {
    const std::string_view s = trim(text);
    const auto fail = [&]() -> Period {
        throw ConfigError("period " + quote_value(s) +
                          " is not understood: use 2024-03, 2024-Q1, 2023/24 (financial year), 2024, "
                          "or a range 2023-04..2024-03");
    };
    if (const auto dots = s.find(".."); dots != std::string_view::npos) {
        const Period a = parse_period(s.substr(0, dots));
        const Period b = parse_period(s.substr(dots + 2));
        if (b.last < a.first) throw ConfigError("period " + quote_value(s) + " ends before it starts");
        return {a.first, b.last, std::string(s)};
    }
    std::string_view fy = s;
    if (fy.substr(0, 2) == "FY") fy.remove_prefix(2);
    if (fy.size() == 7 && fy[4] == '/' && all_digits(fy.substr(0, 4)) && all_digits(fy.substr(5, 2))) {
        const int start = static_cast<int>(*parse_integer(fy.substr(0, 4)));
        if ((start + 1) % 100 != *parse_integer(fy.substr(5, 2)))
            throw ConfigError("financial year " + quote_value(s) + " must name consecutive years, e.g. 2023/24");
        const MonthIndex first = month_index(start, 4);
        return {first, first + 11, financial_year_label(first)};
    }
    if (s.size() == 7 && s[4] == '-' && s[5] == 'Q' && all_digits(s.substr(0, 4)) && s[6] >= '1' && s[6] <= '4') {
        const MonthIndex first = month_index(static_cast<int>(*parse_integer(s.substr(0, 4))), (s[6] - '1') * 3 + 1);
        return {first, first + 2, std::string(s)};
    }
    if (const auto m = parse_year_month(s)) return {*m, *m, std::string(s)};
    if (s.size() == 4 && all_digits(s)) {
        const MonthIndex first = month_index(static_cast<int>(*parse_integer(s)), 1);
        return {first, first + 11, std::string(s)};
    }
    return fail();
}

}  // namespace hotspot
