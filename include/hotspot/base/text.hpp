#pragma once
// Small, strict text helpers used by every reader. Strict means: a number is a whole
// field that parses completely and is finite; anything else is "not a number".
#include <cstdint>
#include <memory>
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
// Quote a value for messages: shows empty and whitespace-only values visibly; bytes that are
// not text (see find_invalid_text) are shown as \xNN.
std::string quote_value(std::string_view s);
// Offset of the first byte that cannot be stored or shown as text: NUL, a C0 control
// character other than tab, LF and CR, or a byte that is not part of valid UTF-8 (overlong
// forms and surrogates included); npos when there is none.
std::size_t find_invalid_text(std::string_view s);
// s with every such byte written as \xNN (s itself when there is none), so that input which
// is not text can still be stored in a rejects table and shown in a message.
std::string escape_invalid_text(std::string_view s);
std::string format_fixed(double v, int decimals);
// For people: `digits` significant digits, never exponent notation, whole digits kept (21.6387
// at 3 is "21.6", 1234.6 is "1235"). Fields in outputs keep format_exact.
std::string format_significant(double v, int digits);
// The same, with more digits where a fraction (|v| < 1: a correlation, a share, a probability)
// would read as 1: 0.9995 at 3 is "0.9995", not "1.00". round_long_decimals uses it.
std::string format_significant_below_one(double v, int digits);
// Text shown to people (console lines, the run report's descriptions): each decimal with 4 or
// more digits after the point becomes 3 significant digits, whole digits kept ("cells of
// 155.16205054535436 m" -> "cells of 155 m", 0.000881). Codes and dates glued to letters or
// dashes stay whole (E01006457, 2024-03); a fraction never becomes 1. Exact values go in rows and fields of their own.
std::string round_long_decimals(std::string_view text);
// Whole numbers below 1e15 in plain digits (10000000, not 1e+07), others as format_exact.
std::string format_plain(double v);
// The shortest text that reads back as exactly v (std::to_chars round trip).
std::string format_exact(double v);
// Every occurrence of `from` replaced by `to` (for filling {{...}} style templates).
std::string replace_all(std::string text, const std::string& from, const std::string& to);
// Levenshtein distance (insertions, deletions, substitutions of one byte), ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);
// For "did you mean": up to `most` distinct candidates within max(2, size / 3) edits of `word`,
// nearest first, ties by name.
std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates, std::size_t most = 3);
// "; closest: 'A', 'B'" for those names, or "" when there are none.
std::string closest_suffix(const std::vector<std::string>& names);

// Hex SHA-256 of a file's bytes (recorded for every input in the run report).
std::string sha256_file(const std::string& path);
std::string sha256_hex(std::string_view data);

// SHA-256 of bytes that arrive in pieces (e.g. a gzip file's decompressed content).
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void update(const char* data, std::size_t n);
    std::string hex_digest();  // once, at the end

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace hotspot
