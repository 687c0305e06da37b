#include "hotspot/base/text.hpp"

#include "hotspot/base/errors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
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
    for (std::size_t i = 0; i < s.size();) {
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

// --- SHA-256 (FIPS 180-4), small and dependency-free: GDAL does not install its header.
namespace {

class Sha256 {
public:
    void update(const unsigned char* data, std::size_t n) {
        bit_count_ += static_cast<std::uint64_t>(n) * 8u;
        while (n > 0) {
            const std::size_t take = std::min(n, std::size_t{64} - block_len_);
            std::memcpy(block_ + block_len_, data, take);
            block_len_ += take;
            data += take;
            n -= take;
            if (block_len_ == 64) {
                compress();
                block_len_ = 0;
            }
        }
    }
    std::string hex_digest() {
        const std::uint64_t bits = bit_count_;
        const unsigned char pad0 = 0x80;
        update(&pad0, 1);
        const unsigned char zero = 0;
        while (block_len_ != 56) update(&zero, 1);
        unsigned char len[8];
        for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
        update(len, 8);  // the length counter is no longer used after this
        std::string out;
        char buf[9];
        for (auto h : h_) {
            std::snprintf(buf, sizeof buf, "%08x", h);
            out += buf;
        }
        return out;
    }

private:
    static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
    void compress() {
        static constexpr std::array<std::uint32_t, 64> k = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = (std::uint32_t{block_[4 * i]} << 24) | (std::uint32_t{block_[4 * i + 1]} << 16) |
                   (std::uint32_t{block_[4 * i + 2]} << 8) | std::uint32_t{block_[4 * i + 3]};
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h_[0] += a; h_[1] += b; h_[2] += c; h_[3] += d; h_[4] += e; h_[5] += f; h_[6] += g; h_[7] += h;
    }
    std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char block_[64] = {};
    std::size_t block_len_ = 0;
    std::uint64_t bit_count_ = 0;
};

}  // namespace

std::string sha256_hex(std::string_view data) {
    Sha256 sha;
    sha.update(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return sha.hex_digest();
}

struct Sha256Stream::Impl {
    Sha256 sha;
};
Sha256Stream::Sha256Stream() : impl_(std::make_unique<Impl>()) {}
Sha256Stream::~Sha256Stream() = default;
void Sha256Stream::update(const char* data, std::size_t n) {
    impl_->sha.update(reinterpret_cast<const unsigned char*>(data), n);
}
std::string Sha256Stream::hex_digest() { return impl_->sha.hex_digest(); }

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open " + quote_value(path) + " to checksum it");
    Sha256 sha;
    std::array<char, 1 << 16> buf;
    while (in) {
        in.read(buf.data(), buf.size());
        sha.update(reinterpret_cast<const unsigned char*>(buf.data()), static_cast<std::size_t>(in.gcount()));
    }
    return sha.hex_digest();
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
