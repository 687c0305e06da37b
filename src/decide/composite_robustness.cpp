#include "decide/composite_robustness.hpp"

#include "decide/composite_combine.hpp"

namespace hotspot::composite {

namespace {

// The sums without each indicator in turn, in indicator order as a from-scratch sum makes them:
// the running sum of the indicators before k is shared, those after k are added to a copy.
class SumsWithout {
public:
    SumsWithout(const std::vector<std::vector<double>>& terms, const std::vector<double>& weights)
        : terms_(terms), weights_(weights), prefix_(terms.front().size(), 0.0) {}

    // Call for k = 0, 1, ... in order.
    const std::vector<double>& without(std::size_t k, Combine combine) {
        sum_ = prefix_;
        double weight_sum = prefix_weight_;
        for (std::size_t j = k + 1; j < terms_.size(); ++j) add(sum_, j), weight_sum += weights_[j];
        finish_index(sum_, weight_sum, combine);
        add(prefix_, k);
        prefix_weight_ += weights_[k];
        return sum_;
    }

private:
    void add(std::vector<double>& acc, std::size_t j) const {
        const double w = weights_[j];
        const double* t = terms_[j].data();
        for (std::size_t a = 0; a < acc.size(); ++a) acc[a] += w * t[a];
    }
    const std::vector<std::vector<double>>& terms_;
    const std::vector<double>& weights_;
    std::vector<double> prefix_, sum_;
    double prefix_weight_ = 0;
};

}  // namespace

LeaveOneOut leave_one_out(const std::vector<std::vector<double>>& terms, const std::vector<double>& weights,
                          const CompositeSpec& spec, const std::vector<std::vector<double>>& tie_break_columns,
                          const std::vector<std::string>& ids) {
    const std::size_t n = ids.size();
    LeaveOneOut loo{std::vector<std::uint32_t>(n, 0), std::vector<std::uint32_t>(n, 0), std::vector<std::size_t>(n, 0),
                    std::vector<std::size_t>(n, 0)};
    Ranker ranker(ids);
    SumsWithout index_sums(terms, weights);
    std::optional<SumsWithout> tie_break_sums;
    if (!tie_break_columns.empty()) tie_break_sums.emplace(tie_break_columns, weights);
    std::vector<double> index;
    for (std::size_t k = 0; k < terms.size(); ++k) {
        index = index_sums.without(k, spec.combine);
        if (spec.reverse_index) reverse_index(index);
        const std::vector<double>* tie_break = tie_break_sums ? &tie_break_sums->without(k, Combine::mean) : nullptr;
        const auto& rank = ranker.rank(index, tie_break);
        for (std::size_t a = 0; a < n; ++a) {
            if (k == 0 || rank[a] < loo.rank_min[a]) loo.rank_min[a] = rank[a], loo.min_without[a] = k;
            if (k == 0 || rank[a] > loo.rank_max[a]) loo.rank_max[a] = rank[a], loo.max_without[a] = k;
        }
    }
    return loo;
}

}  // namespace hotspot::composite
