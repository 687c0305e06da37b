#include "decide/composite_combine.hpp"

#include <algorithm>
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

Ranker::Ranker(const std::vector<std::string>& ids) : id_position_(ids.size()), rank_(ids.size()), keys_(ids.size()) {
    std::vector<std::uint32_t> order(ids.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
    for (std::uint32_t p = 0; p < order.size(); ++p) id_position_[order[p]] = p;
}

const std::vector<std::uint32_t>& Ranker::rank(const std::vector<double>& index, const std::vector<double>* tie_break) {
    // Sorting the keys themselves (not indices into them) keeps the leave-one-out loop cache-friendly.
    for (std::uint32_t a = 0; a < keys_.size(); ++a)
        keys_[a] = {index[a], tie_break ? (*tie_break)[a] : 0.0, tie_break ? id_position_[a] : a, a};
    std::sort(keys_.begin(), keys_.end(), [](const Key& u, const Key& v) {
        if (u.index != v.index) return u.index > v.index;
        if (u.tie_break != v.tie_break) return u.tie_break > v.tie_break;
        return u.id_position < v.id_position;
    });
    for (std::uint32_t p = 0; p < keys_.size(); ++p) {
        const bool shared = !tie_break && p > 0 && keys_[p].index == keys_[p - 1].index;  // competition rank, 1224
        rank_[keys_[p].area] = shared ? rank_[keys_[p - 1].area] : p + 1;
    }
    return rank_;
}

}  // namespace hotspot::composite
