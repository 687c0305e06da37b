#pragma once
// Leave-one-out robustness: each indicator left out in turn, the index recombined from the same
// scaled values (every scaling is per indicator, so leaving one out changes no other's scaling),
// reversed and ranked as the full index; per area the best and worst rank and what gives them.
#include "hotspot/decide/composite_index.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot::composite {

struct LeaveOneOut {
    std::vector<std::uint32_t> rank_min, rank_max;  // per kept area
    std::vector<std::size_t> min_without, max_without;  // the indicator left out (the first, on ties)
};

// terms: the scaled values (sum, mean) or their log_terms (geomean); tie_break_columns: the min-max columns averaged for
// the tie-break, or empty for none. Needs at least 2 indicators. O(K^2 n / 2 + K n log n): the
// sums are recomputed (not S - w_k t_k) so equal indexes stay exactly equal, as from scratch.
LeaveOneOut leave_one_out(const std::vector<std::vector<double>>& terms, const std::vector<double>& weights,
                          const CompositeSpec& spec, const std::vector<std::vector<double>>& tie_break_columns,
                          const std::vector<std::string>& ids);

}  // namespace hotspot::composite
