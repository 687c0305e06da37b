#pragma once
// Small, strict text helpers used by every reader. Strict means: a number is a whole
// field that parses completely and is finite; anything else is "not a number".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

std::string_view trim(std::string_view s);
std::optional<double> parse_finite_double(std::string_view s);
std::optional<long long> parse_integer(std::string_view s);
std::string lowercase(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
// "Anti-social behaviour" -> "anti_social_behaviour": safe as a column name.
std::string slug(std::string_view s);
// Quote a value for messages: shows empty and whitespace-only values visibly.
std::string quote_value(std::string_view s);
std::string format_fixed(double v, int decimals);
// Whole numbers below 1e15 in plain digits (10000000, not 1e+07), others as format_exact.
std::string format_plain(double v);
// The shortest text that reads back as exactly v (std::to_chars round trip).
std::string format_exact(double v);
// Every occurrence of `from` replaced by `to` (for filling {{...}} style templates).
std::string replace_all(std::string text, const std::string& from, const std::string& to);

// Hex SHA-256 of a file's bytes (recorded for every input in the run report).
std::string sha256_file(const std::string& path);
std::string sha256_hex(std::string_view data);

}  // namespace hotspot
