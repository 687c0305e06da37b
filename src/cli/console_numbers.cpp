#include "cli/console_numbers.hpp"

#include "hotspot/base/text.hpp"

#include <cctype>

namespace hotspot::cli {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string rounded_for_console(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        // A number starts at a digit not glued to a word (E01006457, 2024-03 stay whole).
        if (!is_digit(text[i]) || (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.'))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_digit(text[end])) ++end;
        std::size_t decimals = 0;
        if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) {
            std::size_t k = end + 1;
            while (k < text.size() && is_digit(text[k])) ++k;
            decimals = k - end - 1;
            end = k;
        }
        const bool glued = end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_');
        const std::string_view number = text.substr(i, end - i);
        const auto value = decimals >= 4 && !glued ? parse_finite_double(number) : std::nullopt;
        out += value ? format_significant(*value, 3) : std::string(number);
        i = end;
    }
    return out;
}

}  // namespace hotspot::cli
