#include "hotspot/base/incidents.hpp"

#include <algorithm>
#include <array>

namespace hotspot {

std::uint32_t Dictionary::intern(std::string_view value) {
    if (auto it = index_.find(value); it != index_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(value);
    index_.emplace(values_.back(), id);
    return id;
}

namespace {
constexpr char hex_tag = '\x01';  // never the first byte of a textual ID

// Lowercase hex digit values; -1 for anything else (police.uk IDs are lowercase).
constexpr std::array<signed char, 256> hex_values = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    for (int c = 0; c < 10; ++c) t[static_cast<std::size_t>('0' + c)] = static_cast<signed char>(c);
    for (int c = 0; c < 6; ++c) t[static_cast<std::size_t>('a' + c)] = static_cast<signed char>(10 + c);
    return t;
}();

int hex_value(char c) { return hex_values[static_cast<unsigned char>(c)]; }
}  // namespace

void CrimeIdColumn::push_back(std::string_view id) {
    bool is_hex64 = id.size() == 64;
    for (std::size_t i = 0; is_hex64 && i < 64; ++i) is_hex64 = hex_value(id[i]) >= 0;
    if (is_hex64) {  // one resize and direct writes: this runs for most of 10 million rows
        const std::size_t at = bytes_.size();
        bytes_.resize(at + 33);
        char* out = bytes_.data() + at;
        out[0] = hex_tag;
        for (std::size_t i = 0; i < 32; ++i)
            out[i + 1] = static_cast<char>((hex_value(id[2 * i]) << 4) | hex_value(id[2 * i + 1]));
    } else {
        bytes_.append(id);
    }
    offsets_.push_back(bytes_.size());
}

std::string_view CrimeIdColumn::key(std::size_t row) const {
    return std::string_view(bytes_).substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
}

std::string CrimeIdColumn::at(std::size_t row) const {
    const std::string_view k = key(row);
    if (k.empty() || k.front() != hex_tag) return std::string(k);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (std::size_t i = 1; i < k.size(); ++i) {
        const auto b = static_cast<unsigned char>(k[i]);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

void CrimeIdColumn::append(const CrimeIdColumn& other) {
    const std::uint64_t base = bytes_.size();
    bytes_ += other.bytes_;
    for (std::size_t i = 1; i < other.offsets_.size(); ++i) offsets_.push_back(base + other.offsets_[i]);
}

void CrimeIdColumn::keep_rows(const std::vector<std::uint8_t>& keep) {
    std::string bytes;
    std::vector<std::uint64_t> offsets{0};
    bytes.reserve(bytes_.size());
    for (std::size_t i = 0; i + 1 < offsets_.size(); ++i) {
        if (!keep[i]) continue;
        bytes += key(i);
        offsets.push_back(bytes.size());
    }
    bytes_ = std::move(bytes);
    offsets_ = std::move(offsets);
}

void CrimeIdColumn::reserve(std::size_t rows, std::size_t bytes) {
    offsets_.reserve(rows + 1);
    bytes_.reserve(bytes);
}

void IncidentTable::reserve(std::size_t rows) {
    x.reserve(rows);
    y.reserve(rows);
    month.reserve(rows);
    day.reserve(rows);
    category.reserve(rows);
    weight.reserve(rows);
    file.reserve(rows);
    line.reserve(rows);
    location.reserve(rows);
    lsoa.reserve(rows);
}

const KeptColumn* IncidentTable::kept_column(const std::string& name) const {
    for (const auto& k : kept)
        if (k.name == name) return &k;
    return nullptr;
}

namespace {
std::vector<std::uint32_t> remap_dictionary(Dictionary& into, const Dictionary& from) {
    std::vector<std::uint32_t> map(from.size());
    for (std::size_t i = 0; i < from.size(); ++i) map[i] = into.intern(from.at(static_cast<std::uint32_t>(i)));
    return map;
}

template <class T>
void append_column(std::vector<T>& into, const std::vector<T>& from) {
    into.insert(into.end(), from.begin(), from.end());
}

template <class T>
void append_remapped(std::vector<T>& into, const std::vector<T>& from, const std::vector<std::uint32_t>& map) {
    into.reserve(into.size() + from.size());
    for (auto v : from) into.push_back(map[v]);
}

// Days may be absent from a table built by hand: the rows without them get unknown_day.
void append_days(std::vector<DayIndex>& into, std::size_t into_rows, const std::vector<DayIndex>& from, std::size_t from_rows) {
    if (into.empty() && from.empty()) return;
    into.resize(into_rows, unknown_day);
    if (from.size() == from_rows) append_column(into, from);
    else into.resize(into_rows + from_rows, unknown_day);
}

// Kept columns are matched by name; the rows of a table without one hold absent_value.
void append_kept_columns(std::vector<KeptColumn>& into, std::size_t into_rows, const std::vector<KeptColumn>& from,
                         std::size_t from_rows) {
    for (const auto& f : from) {
        auto at = std::find_if(into.begin(), into.end(), [&](const KeptColumn& k) { return k.name == f.name; });
        if (at == into.end()) {
            into.push_back(KeptColumn{f.name, {}, std::vector<std::uint32_t>(into_rows, KeptColumn::absent_value)});
            at = into.end() - 1;
        }
        const auto map = remap_dictionary(at->values, f.values);
        at->value.reserve(into_rows + from_rows);
        for (auto v : f.value) at->value.push_back(v == KeptColumn::absent_value ? v : map[v]);
    }
    for (auto& k : into) k.value.resize(into_rows + from_rows, KeptColumn::absent_value);
}

template <class T>
void keep_column(std::vector<T>& column, const std::vector<std::uint8_t>& keep) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < column.size(); ++i)
        if (keep[i]) column[out++] = column[i];
    column.resize(out);
    column.shrink_to_fit();
}
}  // namespace

void IncidentTable::append(const IncidentTable& other) {
    const auto category_map = remap_dictionary(categories, other.categories);
    const auto location_map = remap_dictionary(locations, other.locations);
    const auto lsoa_map = remap_dictionary(lsoa_codes, other.lsoa_codes);
    std::vector<std::uint32_t> file_map(other.files.size());
    for (std::size_t i = 0; i < other.files.size(); ++i) {
        file_map[i] = static_cast<std::uint32_t>(files.size());
        files.push_back(other.files[i]);
    }
    append_days(day, size(), other.day, other.size());
    append_column(x, other.x);
    append_column(y, other.y);
    append_column(month, other.month);
    append_remapped(category, other.category, category_map);
    append_column(weight, other.weight);
    append_remapped(file, other.file, file_map);
    append_column(line, other.line);
    append_remapped(location, other.location, location_map);
    append_remapped(lsoa, other.lsoa, lsoa_map);
    crime_id.append(other.crime_id);
    append_kept_columns(kept, size() - other.size(), other.kept, other.size());
}

void IncidentTable::keep_rows(const std::vector<std::uint8_t>& keep) {
    keep_column(x, keep);
    keep_column(y, keep);
    keep_column(month, keep);
    keep_column(day, keep);
    keep_column(category, keep);
    keep_column(weight, keep);
    keep_column(file, keep);
    keep_column(line, keep);
    keep_column(location, keep);
    keep_column(lsoa, keep);
    crime_id.keep_rows(keep);
    for (auto& k : kept) keep_column(k.value, keep);
}

void ReadResult::append(ReadResult&& other) {
    const auto file_base = static_cast<std::uint32_t>(incidents.files.size());
    incidents.append(other.incidents);
    for (auto& r : other.rejects) {
        r.file += file_base;
        rejects.push_back(std::move(r));
    }
    for (auto& f : other.skipped) skipped.push_back(std::move(f));
}

}  // namespace hotspot
