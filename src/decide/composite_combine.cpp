#include "decide/composite_combine.hpp"

#include <algorithm>
#include <bit>
#include <utility>
#include <cmath>
#include <numeric>

namespace hotspot::composite {

std::vector<std::vector<double>> log_terms(const std::vector<std::vector<double>>& scaled) {
    std::vector<std::vector<double>> terms = scaled;
    for (auto& column : terms)
        for (double& v : column) v = v == 0 ? -std::numeric_limits<double>::infinity() : std::log(v);
    return terms;
}

void finish_index(std::vector<double>& acc, double weight_sum, Combine combine) {
    if (combine == Combine::mean)
        for (double& v : acc) v /= weight_sum;
    if (combine == Combine::geomean)
        for (double& v : acc) v = std::exp(v / weight_sum);
}

std::vector<double> combine_terms_into_index(const std::vector<std::vector<double>>& terms, std::span<const double> weights,
                                             Combine combine, std::size_t skip) {
    const std::size_t n = terms.empty() ? 0 : terms.front().size();
    std::vector<double> acc(n, 0.0);
    double weight_sum = 0;
    for (std::size_t k = 0; k < terms.size(); ++k) {
        if (k == skip) continue;
        const double w = weights[k];
        weight_sum += w;
        const double* t = terms[k].data();
        for (std::size_t a = 0; a < n; ++a) acc[a] += w * t[a];
    }
    finish_index(acc, weight_sum, combine);
    return acc;
}

void reverse_index(std::vector<double>& index) {
    if (index.empty()) return;
    const auto [mn, mx] = std::minmax_element(index.begin(), index.end());
    const double sum_extremes = *mn + *mx;
    for (double& v : index) v = sum_extremes - v;
}

namespace {

// An unsigned key whose ascending order is the doubles' descending order (-0 as 0; no NaN here).
std::uint64_t descending_key(double d) {
    const auto bits = std::bit_cast<std::uint64_t>(d + 0.0);
    return (bits >> 63) ? bits : ~(bits | (std::uint64_t{1} << 63));
}

}  // namespace

Ranker::Ranker(const std::vector<std::string>& ids) : by_id_(ids.size()), rank_(ids.size()), keys_(ids.size()), scratch_(ids.size()) {
    std::iota(by_id_.begin(), by_id_.end(), 0u);
    std::sort(by_id_.begin(), by_id_.end(), [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
}

// Stable LSD radix sort by key (11-bit digits), O(n) per call: the leave-one-out ranks sort once
// per indicator, and a comparison sort there costs more than everything else.
void Ranker::sort_by_key() {
    constexpr int bits = 11;
    constexpr std::size_t buckets = std::size_t{1} << bits;
    std::vector<std::uint32_t> count(buckets);
    for (int shift = 0; shift < 64; shift += bits) {
        std::fill(count.begin(), count.end(), 0u);
        for (const Key& k : keys_) ++count[(k.key >> shift) & (buckets - 1)];
        if (count[(keys_.front().key >> shift) & (buckets - 1)] == keys_.size()) continue;  // one digit: nothing moves
        std::uint32_t start = 0;
        for (auto& c : count) start += std::exchange(c, start);
        for (const Key& k : keys_) scratch_[count[(k.key >> shift) & (buckets - 1)]++] = k;
        keys_.swap(scratch_);
    }
}

const std::vector<std::uint32_t>& Ranker::rank(const std::vector<double>& index, const std::vector<double>* tie_break) {
    if (keys_.empty()) return rank_;
    if (tie_break) {
        // Stable sorts, the last key first: areas in id order, then by tie-break, then by index.
        for (std::size_t p = 0; p < keys_.size(); ++p) keys_[p] = {descending_key((*tie_break)[by_id_[p]]), by_id_[p]};
        sort_by_key();
        for (Key& k : keys_) k.key = descending_key(index[k.area]);
        sort_by_key();
        // Areas equal in both the index and the tie-break share a rank (1224): the id orders
        // them in lists but is no reason to rank one above the other.
        for (std::size_t p = 0; p < keys_.size(); ++p) {
            const std::uint32_t a = keys_[p].area;
            const bool shared = p > 0 && keys_[p].key == keys_[p - 1].key &&
                                descending_key((*tie_break)[a]) == descending_key((*tie_break)[keys_[p - 1].area]);
            rank_[a] = shared ? rank_[keys_[p - 1].area] : static_cast<std::uint32_t>(p + 1);
        }
        return rank_;
    }
    for (std::uint32_t a = 0; a < keys_.size(); ++a) keys_[a] = {descending_key(index[a]), a};
    sort_by_key();
    for (std::size_t p = 0; p < keys_.size(); ++p) {
        const bool shared = p > 0 && keys_[p].key == keys_[p - 1].key;  // competition rank, 1224
        rank_[keys_[p].area] = shared ? rank_[keys_[p - 1].area] : static_cast<std::uint32_t>(p + 1);
    }
    return rank_;
}

}  // namespace hotspot::composite
