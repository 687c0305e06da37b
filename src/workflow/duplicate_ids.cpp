#include "hotspot/workflow/duplicate_ids.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/hash_mix.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <future>
#include <string>
#include <string_view>

namespace hotspot {

namespace {

// A hash of an ID's stored bytes, 8 a step (a police.uk ID is stored as 32 bytes): fewer
// multiplications than std::hash's rounds.
std::uint64_t id_hash(std::string_view key) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL * (key.size() + 1);
    std::size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, key.data() + i, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
    }
    if (i < key.size()) {
        std::uint64_t w = 0;
        std::memcpy(&w, key.data() + i, key.size() - i);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    }
    return hash_mix(h);
}

// The IDs whose hash falls in one part (hash % parts == part), in row order. Open addressing:
// a slot holds the hash's upper 32 bits as a tag and row + 1, so most probes never touch the
// ID bytes; rows are hashed 16 at a time and their slots prefetched, since nearly every first
// probe is a cache miss.
std::vector<RepeatedId> repeated_in_part(const CrimeIdColumn& ids, std::size_t expected, unsigned part, unsigned parts) {
    std::size_t capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    std::vector<std::uint64_t> slots(capacity, 0);
    std::size_t mask = capacity - 1, used = 0;
    const auto row_of = [](std::uint64_t slot) { return static_cast<std::size_t>(slot & 0xffffffffu) - 1; };
    const auto grow = [&] {  // only if the parts are far out of balance: never at half full
        std::vector<std::uint64_t> old(slots.size() * 2, 0);
        old.swap(slots);
        mask = slots.size() - 1;
        for (const std::uint64_t s : old) {
            if (s == 0) continue;
            std::size_t h = id_hash(ids.key(row_of(s))) & mask;
            while (slots[h] != 0) h = (h + 1) & mask;
            slots[h] = s;
        }
    };
    std::vector<RepeatedId> out;
    constexpr std::size_t batch = 16;
    std::array<std::uint64_t, batch> hashes{};
    std::array<std::size_t, batch> rows{};
    for (std::size_t start = 0; start < ids.size(); start += batch) {
        std::size_t n = 0;
        for (std::size_t i = start; i < std::min(ids.size(), start + batch); ++i) {
            if (ids.empty_at(i)) continue;
            const std::uint64_t hash = id_hash(ids.key(i));
            if ((hash >> 32) % parts != part) continue;
            __builtin_prefetch(&slots[hash & mask]);
            hashes[n] = hash;
            rows[n++] = i;
        }
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint64_t tag = hashes[k] >> 32;
            const std::string_view key = ids.key(rows[k]);
            std::size_t h = hashes[k] & mask;
            while (slots[h] != 0 && ((slots[h] >> 32) != tag || ids.key(row_of(slots[h])) != key)) h = (h + 1) & mask;
            if (slots[h] != 0) {
                out.push_back({rows[k], row_of(slots[h])});
                continue;
            }
            slots[h] = (tag << 32) | (rows[k] + 1);
            if (++used * 4 > slots.size() * 3) grow();
        }
    }
    return out;
}

}  // namespace

std::vector<RepeatedId> repeated_crime_ids(const CrimeIdColumn& ids, unsigned threads) {
    if (ids.size() >= 0xffffffffu) throw Error("internal error: the duplicate Crime ID check holds at most 2^32 - 2 rows, not " + std::to_string(ids.size()));
    std::size_t with_id = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) with_id += ids.empty_at(i) ? 0 : 1;
    // Each thread takes the IDs of one part of the hash range: a row's first occurrence is
    // then found by the thread that sees every row with its ID, in row order. Every thread
    // hashes every ID to find its part: cheap next to a probe's cache miss, and no 8 bytes a
    // row of stored hashes.
    const unsigned parts = std::max(1u, std::min(threads, with_id < 100000 ? 1u : 8u));
    std::vector<std::vector<RepeatedId>> found(parts);
    const std::size_t expected = with_id / parts + with_id / (8 * parts) + 1;
    if (parts == 1) {
        found[0] = repeated_in_part(ids, expected, 0, 1);
    } else {
        std::vector<std::future<std::vector<RepeatedId>>> pool;
        for (unsigned p = 0; p < parts; ++p)
            pool.push_back(std::async(std::launch::async, [&ids, expected, p, parts] { return repeated_in_part(ids, expected, p, parts); }));
        for (unsigned p = 0; p < parts; ++p) found[p] = pool[p].get();
    }
    std::vector<RepeatedId> all;
    for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
    std::sort(all.begin(), all.end(), [](const RepeatedId& a, const RepeatedId& b) { return a.row < b.row; });
    return all;
}

}  // namespace hotspot
