#include "hotspot/decide/mclp_greedy.hpp"

#include "hotspot/base/errors.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <queue>
#include <string>

namespace hotspot {

namespace {

// A candidate's gain as last evaluated, at step `stamp`. Stale gains are upper bounds of the
// current ones (coverage only grows), which is what makes the lazy evaluation exact.
struct Entry {
    double gain;
    std::uint32_t site;
    std::size_t stamp;
};

struct Worse {
    bool operator()(const Entry& a, const Entry& b) const {  // max-heap: larger gain, then lower index first
        return a.gain != b.gain ? a.gain < b.gain : a.site > b.site;
    }
};

class LazyGreedy {
public:
    LazyGreedy(const CoverageModel& model, const std::vector<std::uint32_t>& fixed)
        : model_(model), covered_(model.demand_count(), 0) {
        std::vector<char> is_fixed(model.candidate_count(), 0);
        for (std::uint32_t j : fixed) {
            if (j >= model.candidate_count()) throw ConfigError("placement: fixed site " + std::to_string(j) + " is not a candidate");
            is_fixed[j] = 1;
            add(j);
        }
        for (std::uint32_t j = 0; j < model.candidate_count(); ++j)
            if (!is_fixed[j]) heap_.push({gain(j), j, 0});
    }

    double value() const { return value_; }
    std::size_t available() const { return heap_.size(); }

    // The k best candidates with their current gains, best first; the heap is left intact.
    std::vector<Entry> best(std::size_t k) {
        std::vector<Entry> out;
        while (out.size() < k && !heap_.empty()) {
            Entry top = heap_.top();
            heap_.pop();
            if (top.stamp == step_) {
                out.push_back(top);
            } else {
                top.gain = gain(top.site);
                top.stamp = step_;
                heap_.push(top);
            }
        }
        for (const Entry& e : out) heap_.push(e);
        return out;
    }

    // Takes the best candidate (best(1) must have been called at this step).
    void take_top() {
        const Entry top = heap_.top();
        heap_.pop();
        add(top.site);
        ++step_;
    }

private:
    double gain(std::uint32_t j) const {
        double g = 0.0;
        for (std::uint32_t i : model_.covers[j])
            if (!covered_[i]) g += model_.demand_weight[i];
        return g;
    }
    void add(std::uint32_t j) {
        for (std::uint32_t i : model_.covers[j])
            if (!covered_[i]) {
                covered_[i] = 1;
                value_ += model_.demand_weight[i];
            }
    }

    const CoverageModel& model_;
    std::vector<char> covered_;
    double value_ = 0.0;
    std::size_t step_ = 0;
    std::priority_queue<Entry, std::vector<Entry>, Worse> heap_;
};

double sum_gains(const std::vector<Entry>& entries) {
    double s = 0.0;
    for (const Entry& e : entries) s += e.gain;
    return s;
}

}  // namespace

std::vector<std::uint32_t> GreedyResult::sites() const {
    std::vector<std::uint32_t> out;
    for (const GreedyStep& s : steps) out.push_back(s.site);
    return out;
}

GreedyResult mclp_greedy(const CoverageModel& model, std::size_t new_sites, const std::vector<std::uint32_t>& fixed) {
    LazyGreedy greedy(model, fixed);
    if (new_sites > greedy.available())
        throw ConfigError("placement: " + std::to_string(new_sites) + " new sites asked for but only " +
                          std::to_string(greedy.available()) + " candidates are left after the " +
                          std::to_string(fixed.size()) + " fixed ones");
    GreedyResult result;
    result.fixed_weight = greedy.value();
    result.bound_minoux = HUGE_VAL;
    for (std::size_t t = 0; t <= new_sites; ++t) {
        const std::vector<Entry> top = greedy.best(std::max<std::size_t>(new_sites, 2));
        std::vector<Entry> first(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(std::min(new_sites, top.size())));
        result.bound_minoux = std::min(result.bound_minoux, greedy.value() + sum_gains(first));
        if (t == new_sites) break;
        GreedyStep step;
        step.site = top[0].site;
        step.gain = top[0].gain;
        if (top.size() > 1) {
            step.runner_up = top[1].site;
            step.runner_up_gain = top[1].gain;
        }
        greedy.take_top();
        step.cumulative = greedy.value();
        result.steps.push_back(step);
    }
    result.objective = greedy.value();
    const double ratio = 1.0 - 1.0 / std::numbers::e;
    result.bound_e = result.fixed_weight + (result.objective - result.fixed_weight) / ratio;
    return result;
}

}  // namespace hotspot
