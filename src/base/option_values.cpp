#include "hotspot/base/option_values.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <charconv>
#include <cmath>

namespace hotspot {

namespace {

[[noreturn]] void refuse(std::string_view what, std::string_view text, const std::string& range, std::string_view why) {
    std::string message = std::string(what) + " " + quote_value(text) + " is not " + range;
    if (!why.empty()) message += " (" + std::string(why) + ")";
    throw ConfigError(message);
}

}  // namespace

std::string describe(const RealRange& r) {
    return "a number " + std::string(r.min_open ? "> " : ">= ") + format_plain(r.min) + " and " + (r.max_open ? "< " : "<= ") + format_plain(r.max);
}

std::string describe(const CountRange& r) {
    return "a whole number from " + std::to_string(r.min) + " to " + std::to_string(r.max);
}

double parse_real(std::string_view what, std::string_view text, const RealRange& range) {
    const std::string_view t = trim(text);
    if (t.empty()) refuse(what, text, describe(range), "it is empty");
    const auto v = parse_finite_double(t);
    if (!v) {
        // from_chars also reads nan, inf and numbers beyond double: say which.
        double any = 0;
        const std::string_view body = t.front() == '+' ? t.substr(1) : t;
        const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), any);
        const bool whole = end == body.data() + body.size();
        refuse(what, text, describe(range),
               whole && ec == std::errc::result_out_of_range ? "it is beyond the range of numbers"
               : whole && ec == std::errc()                  ? "it is not a finite number"
                                                             : "it is not a number");
    }
    if (!range.contains(*v)) refuse(what, text, describe(range), "");
    return *v;
}

std::uint64_t parse_count(std::string_view what, std::string_view text, const CountRange& range) {
    std::string_view t = trim(text);
    if (t.empty()) refuse(what, text, describe(range), "it is empty");
    if (t.front() == '+') t.remove_prefix(1);
    const bool digits = !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits) {
        const auto number = parse_finite_double(t);
        refuse(what, text, describe(range),
               !number     ? "it is not a number"
               : *number < 0 || t.front() == '-' ? "it is negative"
                             : "it is not written as a whole number");
    }
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc::result_out_of_range) refuse(what, text, describe(range), "it is too large");
    if (v < range.min || v > range.max) refuse(what, text, describe(range), "");
    return v;
}

int parse_small_count(std::string_view what, std::string_view text, const CountRange& range) {
    if (range.max > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        throw std::logic_error("parse_small_count: the range does not fit in int");
    return static_cast<int>(parse_count(what, text, range));
}

}  // namespace hotspot
