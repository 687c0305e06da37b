#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"
#include "hotspot/base/random.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/stats/moran.hpp"
#include "hotspot/stats/significance.hpp"

#include <cmath>
#include <numeric>

namespace hotspot {

const char* to_string(MoranScaling s) { return s == MoranScaling::spdep ? "spdep" : "pysal"; }

MoranScaling parse_moran_scaling(const std::string& s) {
    const std::string v = lowercase(trim(s));
    if (v == "spdep") return MoranScaling::spdep;
    if (v == "pysal") return MoranScaling::pysal;
    throw ConfigError("Moran scaling must be spdep or pysal, not " + quote_value(s));
}

const char* to_string(Quadrant q) {
    switch (q) {
        case Quadrant::HH: return "HH";
        case Quadrant::LH: return "LH";
        case Quadrant::LL: return "LL";
        case Quadrant::HL: return "HL";
    }
    return "?";
}

namespace {

// Conditional permutation (x_i held, its neighbours' values drawn without replacement from
// the other n - 1), comparing the sum of the drawn raw values with the observed sum: with the
// weight of i fixed, I_perm >= I_obs is sum >= observed when x_i is above the mean and
// sum <= observed below it, and raw values keep ties among counts exact. Returns METHODS.md's
// folded pseudo p, (min(#>=, #<=) + 1) / (R + 1): ties count on both sides, so a unit whose
// neighbourhood every draw reproduces (all zeros around it, or k = n - 1) gets p = 1.
double permutation_p(std::size_t i, double observed_sum, std::span<const double> x, std::size_t neighbours, std::size_t permutations,
                     SplitMix64& rng, std::vector<std::uint32_t>& pool) {
    const std::size_t n = x.size();
    std::size_t at_least = 0, at_most = 0;
    for (std::size_t r = 0; r < permutations; ++r) {
        // Partial Fisher-Yates over all n features, k + 1 draws: dropping i (or, when i was
        // not drawn, the last draw) leaves a uniform k-subset of the others. The pool stays a
        // permutation, so it needs no reset.
        double s = 0;
        bool saw_self = false;
        for (std::size_t t = 0; t <= neighbours; ++t) {
            const std::size_t j = t + static_cast<std::size_t>(rng.below(n - t));
            std::swap(pool[t], pool[j]);
            if (pool[t] == i) {
                saw_self = true;
                continue;
            }
            if (t < neighbours || saw_self) s += x[pool[t]];
        }
        at_least += s >= observed_sum;
        at_most += s <= observed_sum;
    }
    return static_cast<double>(std::min(at_least, at_most) + 1) / static_cast<double>(permutations + 1);
}

}  // namespace

LocalMoranResult local_moran(std::span<const double> x, const Neighbours& nb, const LocalMoranOptions& o) {
    require_analysable(x, "Local Moran's I");
    if (nb.size() != x.size()) throw Error("Local Moran's I: values and neighbour lists differ in length");
    const std::size_t n = x.size();
    const double nd = static_cast<double>(n);
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / nd;
    std::vector<double> z(n);
    double zz = 0;
    for (std::size_t i = 0; i < n; ++i) {
        z[i] = x[i] - mean;
        zz += z[i] * z[i];
    }
    const double m2 = zz / nd;
    const double scale = o.scaling == MoranScaling::pysal ? (nd - 1.0) / nd : 1.0;

    LocalMoranResult r;
    r.i.resize(n);
    r.expected.resize(n);
    r.variance.resize(n);
    r.z.resize(n);
    r.p.resize(n);
    r.p_sim.resize(n);
    r.lag = spatial_lag(nb, o.style, z);
    r.quadrant.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const bool high = z[i] > 0, high_lag = r.lag[i] > 0;
        r.quadrant[i] = high ? (high_lag ? Quadrant::HH : Quadrant::HL) : (high_lag ? Quadrant::LH : Quadrant::LL);
        const std::size_t k = nb.count(i);
        if (k == 0) {
            ++r.without_neighbours;
            continue;
        }
        r.i[i] = scale * z[i] / m2 * r.lag[i];
        r.at_mean += z[i] == 0;  // E and Var are 0, as spdep gives; z and p stay NULL (spdep: NaN)
        const double w = weight(o.style, k);
        const double wi = w * static_cast<double>(k), wi2 = w * w * static_cast<double>(k);
        // spdep localmoran(conditional = TRUE, mlvar = TRUE): moments given x_i.
        const double e = -(z[i] * z[i] * wi) / ((nd - 1.0) * m2);
        const double v = (z[i] / m2) * (z[i] / m2) * (nd / (nd - 2.0)) * (wi2 - wi * wi / (nd - 1.0)) * (m2 - z[i] * z[i] / (nd - 1.0));
        r.expected[i] = scale * e;
        r.variance[i] = scale * scale * v;
        if (v > 0) {
            r.z[i] = (*r.i[i] - *r.expected[i]) / std::sqrt(*r.variance[i]);
            r.p[i] = two_sided_p(*r.z[i]);
        }
    }

    if (o.permutations > 0) {
        if (n < 3) throw InputError("Local Moran's I permutations need at least 3 features");
        parallel_blocks(n, o.threads, 256, [&](std::size_t begin, std::size_t end) {
            std::vector<std::uint32_t> pool(n);
            std::iota(pool.begin(), pool.end(), 0u);
            for (std::size_t i = begin; i < end; ++i) {
                const std::size_t k = nb.count(i);
                if (k == 0 || k >= n || z[i] == 0) continue;
                double observed = 0;
                for (std::uint32_t j : nb.of(i)) observed += x[j];
                SplitMix64 rng(o.seed, i);
                r.p_sim[i] = permutation_p(i, observed, x, k, o.permutations, rng, pool);
            }
        });
    }

    const auto& used = o.permutations > 0 ? r.p_sim : r.p;
    r.p_used = o.permutations > 0 ? "p_sim (" + std::to_string(o.permutations) + " conditional permutations, seed " + std::to_string(o.seed) + ")"
                                  : std::string("analytic p (spdep conditional moments)");
    double cutoff = -1;
    {
        std::vector<double> tested;
        for (const auto& p : used)
            if (p) tested.push_back(*p);
        cutoff = fdr_cutoff(tested, o.alpha);
    }
    r.cluster.resize(n);
    r.cluster_fdr.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (nb.count(i) == 0) {
            r.cluster[i] = r.cluster_fdr[i] = "no neighbours";
            continue;
        }
        const std::optional<double>& p = used[i];
        r.cluster[i] = p && *p <= o.alpha ? to_string(r.quadrant[i]) : "not significant";
        r.cluster_fdr[i] = p && *p <= cutoff ? to_string(r.quadrant[i]) : "not significant";
    }
    return r;
}

}  // namespace hotspot
