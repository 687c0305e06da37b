#include "hotspot/base/incidents.hpp"

#include "hotspot/base/parallel.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <sys/mman.h>
#include <unistd.h>

namespace hotspot {

namespace {

// Hands the whole pages between a column's last byte in use and the end of its capacity back
// to the system, without a copy (shrink_to_fit copies: at 10 million rows, 80 MB of fresh pages
// a column, and the copy and the original both held at once). The capacity stays; a page
// written again later comes back zeroed, and nothing reads past the size.
void release_pages(const void* used_end, const void* capacity_end) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(used_end) + page - 1) / page * page;
    const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(capacity_end) / page * page;
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

template <class T>
void release_unused(std::vector<T>& v) {
    release_pages(v.data() + v.size(), v.data() + v.capacity());
}

}  // namespace

std::uint32_t Dictionary::intern(std::string_view value) { return intern_hashed(value, std::hash<std::string_view>{}(value)); }

std::vector<std::uint32_t> Dictionary::merge(const Dictionary& other) {
    std::vector<std::uint32_t> map(other.size());
    for (std::size_t i = 0; i < other.size(); ++i) map[i] = intern_hashed(other.values_[i], other.hashes_[i]);
    return map;
}

std::uint32_t Dictionary::intern_hashed(std::string_view value, std::uint64_t hash) {
    if (2 * (values_.size() + 1) > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
        Slot& slot = slots_[s];
        if (slot.index_plus_1 == 0) {
            const auto index = static_cast<std::uint32_t>(values_.size());
            values_.emplace_back(value);
            hashes_.push_back(hash);
            slot = Slot{tag, index + 1};
            return index;
        }
        if (slot.tag == tag && values_[slot.index_plus_1 - 1] == value) return slot.index_plus_1 - 1;
    }
}

void Dictionary::grow() {
    slots_.assign(std::max<std::size_t>(16, 2 * slots_.size()), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t index = 0; index < values_.size(); ++index) {
        std::size_t s = hashes_[index] & mask;
        while (slots_[s].index_plus_1 != 0) s = (s + 1) & mask;
        slots_[s] = Slot{static_cast<std::uint32_t>(hashes_[index] >> 32), static_cast<std::uint32_t>(index + 1)};
    }
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

[[maybe_unused]] int hex_value(char c) { return hex_values[static_cast<unsigned char>(c)]; }

#ifdef __SSE2__
// 16 lowercase hex digits into 8 bytes; false (nothing written) if any is not one.
bool pack_hex16(const char* in, char* out) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('f' + 1)));
    if (_mm_movemask_epi8(_mm_or_si128(digit, letter)) != 0xFFFF) return false;
    // '0'..'9' -> 0..9, 'a'..'f' -> 10..15
    const __m128i nibbles = _mm_sub_epi8(v, _mm_or_si128(_mm_and_si128(digit, _mm_set1_epi8('0')), _mm_andnot_si128(digit, _mm_set1_epi8('a' - 10))));
    // Each 16-bit lane holds (first digit, second digit) as (low byte, high byte): first << 4 | second.
    const __m128i bytes16 = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(nibbles, _mm_set1_epi16(0x00FF)), 4), _mm_srli_epi16(nibbles, 8));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(bytes16, bytes16));
    return true;
}
#endif

// 64 lowercase hex digits into 32 bytes; false if any is not one (out may then be part-written).
bool pack_hex64(std::string_view id, char* out) {
#ifdef __SSE2__
    for (std::size_t i = 0; i < 4; ++i)
        if (!pack_hex16(id.data() + 16 * i, out + 8 * i)) return false;
    return true;
#else
    for (std::size_t i = 0; i < 64; ++i)
        if (hex_value(id[i]) < 0) return false;
    for (std::size_t i = 0; i < 32; ++i) out[i] = static_cast<char>((hex_value(id[2 * i]) << 4) | hex_value(id[2 * i + 1]));
    return true;
#endif
}
}  // namespace

void CrimeIdColumn::push_back(std::string_view id) {
    char packed[32];
    if (id.size() == 64 && pack_hex64(id, packed)) {  // most of 10 million rows
        bytes_ += hex_tag;
        bytes_.append(packed, sizeof packed);
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
    // In place: a kept row's bytes move down, never up (a copy of the column was 300 MB of
    // fresh pages at 10 million rows).
    std::size_t out = 0;
    std::uint64_t end = 0;
    for (std::size_t i = 0; i + 1 < offsets_.size(); ++i) {
        if (!keep[i]) continue;
        const std::uint64_t from = offsets_[i], to = offsets_[i + 1];  // read before offsets_[out + 1] <= offsets_[i + 1] is written
        if (end != from) std::memmove(bytes_.data() + end, bytes_.data() + from, to - from);
        end += to - from;
        offsets_[++out] = end;
    }
    offsets_.resize(out + 1);
    release_unused(offsets_);
    bytes_.resize(end);
    release_pages(bytes_.data() + bytes_.size() + 1, bytes_.data() + bytes_.capacity() + 1);  // after the terminating NUL
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
        const auto map = at->values.merge(f.values);
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
    release_unused(column);
}
}  // namespace

void IncidentTable::append(const IncidentTable& other) {
    const auto category_map = categories.merge(other.categories);
    const auto location_map = locations.merge(other.locations);
    const auto lsoa_map = lsoa_codes.merge(other.lsoa_codes);
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

void IncidentTable::keep_rows(const std::vector<std::uint8_t>& keep, unsigned threads) {
    // Each column is a pass of its own; passes run on up to `threads` threads, largest first.
    std::vector<std::function<void()>> passes = {
        [&] { crime_id.keep_rows(keep); }, [&] { keep_column(x, keep); },        [&] { keep_column(y, keep); },
        [&] { keep_column(weight, keep); }, [&] { keep_column(month, keep); },   [&] { keep_column(day, keep); },
        [&] { keep_column(category, keep); }, [&] { keep_column(file, keep); },  [&] { keep_column(line, keep); },
        [&] { keep_column(location, keep); }, [&] { keep_column(lsoa, keep); }};
    for (auto& k : kept) passes.push_back([&k, &keep] { keep_column(k.value, keep); });
    parallel_blocks(passes.size(), std::max(1u, threads), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t p = begin; p < end; ++p) passes[p]();
    });
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
