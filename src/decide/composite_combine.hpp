#pragma once
// Combining scaled indicators into the index, the output's reverse, and ranking. The leave-one-out
// robustness reuses these with one indicator skipped, so its sums are the ones a from-scratch
// recomputation makes, term for term.
#include "hotspot/decide/composite_index.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace hotspot::composite {

constexpr std::size_t no_skip = std::numeric_limits<std::size_t>::max();

// What each indicator adds to the geometric mean: ln(scaled), -inf for 0 (so the index becomes 0).
// The sum and the mean add the scaled values themselves.
std::vector<std::vector<double>> log_terms(const std::vector<std::vector<double>>& scaled);

// acc holds sum w t (in indicator order); make it the index: sum as is, mean / weight_sum,
// geomean exp(acc / weight_sum).
void finish_index(std::vector<double>& acc, double weight_sum, Combine combine);

// sum: sum w t; mean: sum w t / sum w; geomean: exp(sum w t / sum w); indicator `skip` left out.
std::vector<double> combine_terms_into_index(const std::vector<std::vector<double>>& terms, std::span<const double> weights,
                                             Combine combine, std::size_t skip = no_skip);

// The output's reverse: max + min - index, so the highest becomes the lowest on the same scale.
void reverse_index(std::vector<double>& index);

// 1 = highest. Without a tie-break: competition rank ("1224"). With one: strict, equal indexes
// ordered by the higher tie-break value, then by area id. Keeps its buffers for repeated use.
class Ranker {
public:
    explicit Ranker(const std::vector<std::string>& ids);
    const std::vector<std::uint32_t>& rank(const std::vector<double>& index, const std::vector<double>* tie_break);

private:
    struct Key {
        std::uint64_t key;  // a value, ordered high first
        std::uint32_t area;
    };
    void sort_by_key();
    std::vector<std::uint32_t> by_id_, rank_;  // by_id_: the areas in id order
    std::vector<Key> keys_, scratch_;
};

}  // namespace hotspot::composite
