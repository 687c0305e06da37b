#include "hotspot/base/text.hpp"

#include "hotspot/base/errors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace hotspot {

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::optional<double> parse_finite_double(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);  // from_chars refuses a leading '+'
    double value = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<long long> parse_integer(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    long long value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            parts.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

std::string slug(std::string_view s) {
    std::string out;
    bool pending_underscore = false;
    for (char c : s) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            if (pending_underscore && !out.empty()) out += '_';
            pending_underscore = false;
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        } else {
            pending_underscore = true;
        }
    }
    if (out.empty()) out = "blank";
    if (out.front() >= '0' && out.front() <= '9') out.insert(0, "c_");
    return out;
}

std::string quote_value(std::string_view s) {
    constexpr std::size_t max_shown = 200;
    std::size_t cut = std::min(s.size(), max_shown);
    // Cut before a UTF-8 continuation byte's sequence, not inside it.
    while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    std::string shown = escape_invalid_text(s.substr(0, cut));
    if (s.size() > cut) shown += "...";
    return "'" + shown + "'";
}

namespace {

// Length of the valid UTF-8 text character at s[i], or 0 when the byte cannot start one
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; no NUL or C0
// controls other than tab, LF and CR, which no text output can take).
std::size_t text_char_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;  // overlong
        if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;  // overlong
        if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return 0;
    }
    if (i + n > s.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    return n;
}

}  // namespace

std::size_t find_invalid_text(std::string_view s) {
    // Eight bytes at a time while all are printable ASCII (no high bit, none below 0x20), as
    // police.uk fields are: four fields of every row are checked.
    constexpr std::uint64_t ones = 0x0101010101010101u, high_bits = 0x8080808080808080u;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t v = 0;
        std::memcpy(&v, s.data() + i, 8);
        if ((v & high_bits) != 0 || ((v - 0x20 * ones) & ~v & high_bits) != 0) break;
    }
    for (; i < s.size();) {
        const std::size_t n = text_char_length(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string escape_invalid_text(std::string_view s) {
    std::size_t bad = find_invalid_text(s);
    if (bad == std::string_view::npos) return std::string(s);
    std::string out(s.substr(0, bad));
    for (std::size_t i = bad; i < s.size();) {
        if (const std::size_t n = text_char_length(s, i)) {
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        char hex[5];
        std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(s[i++]));
        out += hex;
    }
    return out;
}

std::string format_fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string format_significant(double v, int digits) {
    if (v == 0 || !std::isfinite(v)) return format_fixed(v, 0);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    std::string text = format_fixed(v, std::max(0, digits - 1 - magnitude));
    // Rounding up can add a digit (9.96 -> "10.0" at 3): one decimal fewer then.
    if (const int again = static_cast<int>(std::floor(std::log10(std::fabs(std::stod(text))))); again > magnitude)
        text = format_fixed(v, std::max(0, digits - 1 - again));
    return text;
}

std::string format_significant_below_one(double v, int digits) {
    std::string text = format_significant(v, digits);
    while (std::fabs(v) < 1 && std::fabs(std::stod(text)) >= 1 && digits < 17) text = format_significant(v, ++digits);
    return text;
}

std::string format_plain(double v) {
    if (v == std::trunc(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    return format_exact(v);
}

std::string format_exact(double v) {
    char buf[32];  // enough for any double in shortest round-trip form
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : format_fixed(v, 17);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];  // row[i-1][j-1]
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates, std::size_t most) {
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    std::vector<std::pair<std::size_t, std::string>> near;
    for (const auto& c : candidates)
        if (const std::size_t d = edit_distance(word, c); d <= limit) near.emplace_back(d, c);
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end(), [](const auto& x, const auto& y) { return x.second == y.second; }), near.end());
    std::vector<std::string> out;
    for (std::size_t k = 0; k < near.size() && out.size() < most; ++k) out.push_back(near[k].second);
    return out;
}

std::string closest_suffix(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "; closest: " : ", ") + quote_value(n);
    return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

namespace {

bool is_ascii_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string round_long_decimals(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        // A number starts at a digit not glued to a word (E01006457, 2024-03 stay whole).
        if (!is_ascii_digit(text[i]) || (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.'))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_ascii_digit(text[end])) ++end;
        std::size_t decimals = 0;
        if (end + 1 < text.size() && text[end] == '.' && is_ascii_digit(text[end + 1])) {
            std::size_t k = end + 1;
            while (k < text.size() && is_ascii_digit(text[k])) ++k;
            decimals = k - end - 1;
            end = k;
        }
        const bool glued = end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_');
        const std::string_view number = text.substr(i, end - i);
        const auto value = decimals >= 4 && !glued ? parse_finite_double(number) : std::nullopt;
        out += value ? format_significant_below_one(*value, 3) : std::string(number);
        i = end;
    }
    return out;
}


}  // namespace hotspot
