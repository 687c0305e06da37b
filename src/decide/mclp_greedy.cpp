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
        : model_(model), covered_(model.demand_count(), 0), taken_(model.candidate_count(), 0), blocked_(model.candidate_count(), 0) {
        for (std::uint32_t j : fixed) {
            if (j >= model.candidate_count()) throw ConfigError("placement: fixed site " + std::to_string(j) + " is not a candidate");
            mark_taken(j);
        }
        for (std::uint32_t j = 0; j < model.candidate_count(); ++j)
            if (!taken_[j]) heap_.push({gain(j), j, 0});
    }

    double value() const { return value_; }
    std::size_t available() const { return heap_.size(); }

    // The k best candidates not taken, with their current gains, best first; with allowed_only,
    // only those no chosen site is too close to. The heap is left intact.
    std::vector<Entry> best(std::size_t k, bool allowed_only) {
        std::vector<Entry> out, held;
        while (out.size() < k && !heap_.empty()) {
            Entry top = heap_.top();
            heap_.pop();
            if (taken_[top.site]) continue;  // chosen earlier: dropped for good
            if (top.stamp != step_) {
                top.gain = gain(top.site);
                top.stamp = step_;
                heap_.push(top);
                continue;
            }
            held.push_back(top);
            if (!allowed_only || !blocked_[top.site]) out.push_back(top);
        }
        for (const Entry& e : held) heap_.push(e);
        return out;
    }

    void take(std::uint32_t j) {
        mark_taken(j);
        ++step_;
    }

private:
    double gain(std::uint32_t j) const {
        double g = 0.0;
        for (std::uint32_t i : model_.covers[j])
            if (!covered_[i]) g += model_.demand_weight[i];
        return g;
    }
    void mark_taken(std::uint32_t j) {
        taken_[j] = 1;
        if (!model_.too_close.empty())
            for (std::uint32_t b : model_.too_close[j]) blocked_[b] = 1;
        for (std::uint32_t i : model_.covers[j])
            if (!covered_[i]) {
                covered_[i] = 1;
                value_ += model_.demand_weight[i];
            }
    }

    const CoverageModel& model_;
    std::vector<char> covered_, taken_, blocked_;
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
        // The bound takes every candidate not chosen, even those too close to a chosen one: the
        // optimum may hold them.
        result.bound_minoux = std::min(result.bound_minoux, greedy.value() + sum_gains(greedy.best(new_sites, false)));
        if (t == new_sites) break;
        const std::vector<Entry> top = greedy.best(2, true);
        if (top.empty()) break;  // the separation leaves no candidate: greedy stops short
        GreedyStep step;
        step.site = top[0].site;
        step.gain = top[0].gain;
        if (top.size() > 1) {
            step.runner_up = top[1].site;
            step.runner_up_gain = top[1].gain;
        }
        greedy.take(step.site);
        step.cumulative = greedy.value();
        result.steps.push_back(step);
    }
    result.objective = greedy.value();
    result.complete = result.steps.size() == new_sites;
    // (1 - 1/e) holds for p sites chosen freely (a cardinality constraint), not with a separation.
    const double ratio = 1.0 - 1.0 / std::numbers::e;
    result.bound_e = model.too_close.empty() && result.complete ? result.fixed_weight + (result.objective - result.fixed_weight) / ratio
                                                                : HUGE_VAL;
    return result;
}

}  // namespace hotspot
