#include "hotspot/decide/backtest.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/stats/gistar.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

namespace hotspot {

BacktestMethod parse_backtest_method(const std::string& text) {
    const auto colon = text.find(':');
    const std::string kind = text.substr(0, colon);
    const double value = colon == std::string::npos ? 0.0 : parse_finite_double(text.substr(colon + 1)).value_or(0.0);
    const auto refuse = [&](const std::string& why) {
        return ConfigError("evaluation method " + quote_value(text) + ": " + why +
                           " (expected prev:MONTHS, kde:BANDWIDTH_M, gistar:BAND_M or composite:MONTHS, e.g. prev:12,kde:250,gistar:500)");
    };
    BacktestMethod m;
    m.name = text;
    if (kind == "prev") m.kind = BacktestMethodKind::previous;
    else if (kind == "kde") m.kind = BacktestMethodKind::kde;
    else if (kind == "gistar") m.kind = BacktestMethodKind::gistar;
    else if (kind == "composite") m.kind = BacktestMethodKind::composite;
    else throw refuse("unknown method");
    if (!(value > 0)) throw refuse("needs a number > 0 after the colon");
    m.parameter = value;
    const bool months = m.kind == BacktestMethodKind::previous || m.kind == BacktestMethodKind::composite;
    if (months && m.parameter != std::floor(m.parameter)) throw refuse("the number of months must be whole");
    if (m.kind == BacktestMethodKind::composite) {
        m.description = "composite of the sources: each source's incidents in the previous " + format_plain(m.parameter) +
                        " month(s) per cell divided by its busiest cell's (0..1), averaged with equal weights";
    } else if (m.kind == BacktestMethodKind::previous) {
        m.description = "incidents in the previous " + format_plain(m.parameter) + " month(s) (count per cell)";
    } else if (m.kind == BacktestMethodKind::kde) {
        m.description = "quartic kernel density, bandwidth " + format_plain(m.parameter) +
                        " m, of the fit window's incidents at the cell centre (sum of (1 - d^2/h^2)^2)";
    } else {
        m.description = "Getis-Ord Gi* z of the fit window's counts, distance band " + format_plain(m.parameter) +
                        " m between cell centres (z <= 0 never flagged)";
    }
    return m;
}

std::vector<BacktestMethod> parse_backtest_methods(const std::string& comma_list) {
    std::vector<BacktestMethod> out;
    for (const std::string& part : split(comma_list, ',')) {
        const std::string t(trim(part));
        if (t.empty()) continue;
        for (const BacktestMethod& m : out)
            if (m.name == t) throw ConfigError("evaluation method " + quote_value(t) + " is listed twice");
        out.push_back(parse_backtest_method(t));
    }
    if (out.empty()) throw ConfigError("no evaluation methods given (e.g. prev:12,prev:1,kde:250)");
    return out;
}

std::vector<std::vector<double>> monthly_quartic_surfaces(const BacktestData& data, double h, double cell_m) {
    const std::size_t cells = data.area.size(), months = data.counts.size();
    std::vector<std::vector<double>> out(months, std::vector<double>(cells, 0.0));
    const double h2 = h * h;
    const auto add = [&](std::size_t p, std::size_t c) {
        const double dx = data.px[p] - data.x[c], dy = data.py[p] - data.y[c], d2 = dx * dx + dy * dy;
        if (d2 > h2) return;
        const double u = 1.0 - d2 / h2;
        out[data.pmonth[p]][c] += data.pw[p] * u * u;
    };
    if (cell_m <= 0) {  // every cell: the brute force the grid path is tested against
        for (std::size_t p = 0; p < data.px.size(); ++p)
            if (data.pmonth[p] < months)
                for (std::size_t c = 0; c < cells; ++c) add(p, c);
        return out;
    }
    // Cells by grid position (the centres lie on a lattice of spacing cell_m).
    const double x0 = *std::min_element(data.x.begin(), data.x.end()), y0 = *std::min_element(data.y.begin(), data.y.end());
    long nx = 0, ny = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        nx = std::max(nx, std::lround((data.x[c] - x0) / cell_m) + 1);
        ny = std::max(ny, std::lround((data.y[c] - y0) / cell_m) + 1);
    }
    std::vector<std::int64_t> at(static_cast<std::size_t>(nx * ny), -1);
    for (std::size_t c = 0; c < cells; ++c) {
        const double fx = (data.x[c] - x0) / cell_m, fy = (data.y[c] - y0) / cell_m;
        if (std::abs(fx - std::round(fx)) > 1e-6 || std::abs(fy - std::round(fy)) > 1e-6)
            throw InputError("kernel surface: cell " + std::to_string(c) + " is not on a grid of " + format_plain(cell_m) + " m");
        at[static_cast<std::size_t>(std::lround(fy) * nx + std::lround(fx))] = static_cast<std::int64_t>(c);
    }
    for (std::size_t p = 0; p < data.px.size(); ++p) {
        if (data.pmonth[p] >= months) continue;
        const long cx0 = std::max(0L, static_cast<long>(std::ceil((data.px[p] - h - x0) / cell_m)));
        const long cx1 = std::min(nx - 1, static_cast<long>(std::floor((data.px[p] + h - x0) / cell_m)));
        const long cy0 = std::max(0L, static_cast<long>(std::ceil((data.py[p] - h - y0) / cell_m)));
        const long cy1 = std::min(ny - 1, static_cast<long>(std::floor((data.py[p] + h - y0) / cell_m)));
        for (long gy = cy0; gy <= cy1; ++gy)
            for (long gx = cx0; gx <= cx1; ++gx) {
                const std::int64_t c = at[static_cast<std::size_t>(gy * nx + gx)];
                if (c >= 0) add(p, static_cast<std::size_t>(c));
            }
    }
    return out;
}

namespace {

std::vector<double> window_sum(const std::vector<std::vector<double>>& by_month, std::size_t first, std::size_t end) {
    std::vector<double> s(by_month.at(first).size(), 0.0);
    for (std::size_t m = first; m < end; ++m)
        for (std::size_t c = 0; c < s.size(); ++c) s[c] += by_month[m][c];
    return s;
}

std::vector<double> gistar_scores(const std::vector<double>& fit, const Neighbours& nb) {
    std::vector<double> score(fit.size(), 0.0);
    if (std::all_of(fit.begin(), fit.end(), [&](double v) { return v == fit[0]; })) return score;  // no contrast: nothing predicted
    const GiStarResult g = gi_star(fit, nb, GiStarFdr::skip);
    for (std::size_t c = 0; c < fit.size(); ++c)
        if (g.z[c] && *g.z[c] > 0) score[c] = *g.z[c];
    return score;
}

// Each source's window sum over its busiest cell, averaged over the sources (equal weights).
std::vector<double> composite_scores(const BacktestData& d, std::size_t first, std::size_t end) {
    std::vector<double> score(d.area.size(), 0.0);
    for (const auto& source : d.source_counts) {
        const std::vector<double> v = window_sum(source, first, end);
        const double top = *std::max_element(v.begin(), v.end());
        if (top > 0)
            for (std::size_t c = 0; c < v.size(); ++c) score[c] += v[c] / top;
    }
    for (double& s : score) s /= static_cast<double>(d.source_counts.size());
    return score;
}

MeasureSummary summarise(std::vector<double> v) {
    MeasureSummary s;
    s.origins = v.size();
    if (v.empty()) return s;
    for (double x : v) s.mean += x;
    s.mean /= static_cast<double>(v.size());
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    s.median = v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
    return s;
}

void check(const BacktestData& d, const BacktestOptions& o) {
    const std::size_t cells = d.area.size(), months = d.counts.size();
    if (o.methods.empty()) throw ConfigError("back-test: no methods");
    if (o.fit_months == 0) throw ConfigError("back-test: the fit window needs at least one month");
    for (std::size_t m = 0; m < months; ++m)
        if (d.counts[m].size() != cells)
            throw InputError("back-test: month " + std::to_string(m) + " has " + std::to_string(d.counts[m].size()) + " cells, not " +
                             std::to_string(cells));
    if (d.x.size() != cells || d.y.size() != cells) throw InputError("back-test: cell centres and areas differ in number");
    if (o.first_test < o.fit_months)
        throw ConfigError("back-test: the first test month has " + std::to_string(o.first_test) + " month(s) before it, fewer than the " +
                          std::to_string(o.fit_months) + " fit months");
    if (o.last_test < o.first_test || o.last_test >= months) throw ConfigError("back-test: the test window is empty or beyond the data");
    if (o.test_length == 0 || (o.last_test - o.first_test + 1) % o.test_length != 0)
        throw ConfigError("back-test: the test window of " + std::to_string(o.last_test - o.first_test + 1) + " months is not whole periods of " +
                          std::to_string(o.test_length) + " months");
    for (const BacktestMethod& m : o.methods) {
        if (m.kind == BacktestMethodKind::composite) {
            std::string names;
            for (const std::string& n : d.source_names) names += (names.empty() ? " (" : ", ") + n;
            if (!names.empty()) names += ")";
            if (d.source_counts.size() < 2)
                throw ConfigError("evaluation method " + quote_value(m.name) + " combines sources, but the selected incidents come from " +
                                  std::to_string(d.source_counts.size()) + " source(s)" + names + ": give two or more inputs (e.g. --input police=...,format=police.uk --input council_asb=...)");
            for (const auto& source : d.source_counts)
                for (const auto& month : source)
                    if (source.size() != months || month.size() != cells)
                        throw InputError("back-test: a source's months or cells differ from the counts'");
        }
        if ((m.kind == BacktestMethodKind::previous || m.kind == BacktestMethodKind::composite) &&
            m.parameter > static_cast<double>(o.fit_months))
            throw ConfigError("evaluation method " + quote_value(m.name) + " looks back further than the " + std::to_string(o.fit_months) +
                              " fit months");
    }
    for (double s : o.shares)
        if (!(s > 0 && s <= 1)) throw ConfigError("back-test: share " + format_plain(s) + " is outside (0, 1]");
}

}  // namespace

std::vector<double> backtest_scores(const BacktestData& data, const BacktestMethod& m, std::size_t k, std::size_t t,
                                    const std::vector<std::vector<double>>& kde) {
    switch (m.kind) {
        case BacktestMethodKind::previous: return window_sum(data.counts, t - static_cast<std::size_t>(m.parameter), t);
        case BacktestMethodKind::kde: return window_sum(kde, t - k, t);
        case BacktestMethodKind::gistar: {
            const Neighbours nb = distance_band(data.x.data(), data.y.data(), data.x.size(), m.parameter, 1);
            return gistar_scores(window_sum(data.counts, t - k, t), nb);
        }
        case BacktestMethodKind::composite: return composite_scores(data, t - static_cast<std::size_t>(m.parameter), t);
    }
    return {};
}

BacktestResult run_backtest(const BacktestData& data, const BacktestOptions& o) {
    check(data, o);
    BacktestResult r;
    const std::size_t k = o.fit_months;
    std::vector<std::vector<double>> fitted;  // per test month: the fit window's counts (Levine's RRI)
    const std::size_t step = o.test_length;
    std::vector<std::size_t> origin;  // the first month of each test period
    for (std::size_t t = o.first_test; t + step - 1 <= o.last_test; t += step) origin.push_back(t);
    std::vector<std::vector<double>> observed;  // per test period: its incidents (the month's own counts for months)
    for (std::size_t t : origin) {
        fitted.push_back(window_sum(data.counts, t - k, t));
        if (step > 1) observed.push_back(window_sum(data.counts, t, t + step));
    }
    std::vector<AccuracyOutcome> outcomes;  // per test period, checked and prepared once for every method and share
    outcomes.reserve(fitted.size());
    for (std::size_t ti = 0; ti < origin.size(); ++ti)
        outcomes.emplace_back(step > 1 ? observed[ti] : data.counts[origin[ti]], fitted[ti], data.area);
    for (std::size_t mi = 0; mi < o.methods.size(); ++mi) {
        const BacktestMethod& m = o.methods[mi];
        std::vector<std::vector<double>> kde;
        if (m.kind == BacktestMethodKind::kde) kde = monthly_quartic_surfaces(data, m.parameter, data.cell_m);
        Neighbours nb;
        if (m.kind == BacktestMethodKind::gistar) nb = distance_band(data.x.data(), data.y.data(), data.x.size(), m.parameter, 1);
        // Test months are independent: measured in parallel, each writing only its own slot.
        const std::size_t tests = origin.size();
        std::vector<std::vector<BacktestOrigin>> by_test(tests);
        std::vector<std::exception_ptr> failed(tests);
        parallel_blocks(tests, o.threads, 1, [&](std::size_t begin, std::size_t end) {
            for (std::size_t ti = begin; ti < end; ++ti) try {
                const std::size_t t = origin[ti];
                const std::vector<double>& fit = fitted[ti];
                // prev:k is the fit window itself: no second sum.
                const bool is_fit = m.kind == BacktestMethodKind::previous && static_cast<std::size_t>(m.parameter) == k;
                const std::vector<double> computed = is_fit ? std::vector<double>{}
                                                    : m.kind == BacktestMethodKind::gistar ? gistar_scores(fit, nb)
                                                                                            : backtest_scores(data, m, k, t, kde);
                const std::vector<double>& score = is_fit ? fit : computed;
                for (std::size_t si = 0; si < o.shares.size(); ++si) {
                    BacktestOrigin bo{mi, si, t, hotspot_accuracy(score, outcomes[ti], o.shares[si], o.ties)};
                    bo.accuracy.flagged.clear();
                    by_test[ti].push_back(std::move(bo));
                }
            } catch (...) {
                failed[ti] = std::current_exception();
            }
        });
        for (const std::exception_ptr& e : failed)
            if (e) std::rethrow_exception(e);
        for (std::size_t si = 0; si < o.shares.size(); ++si)  // by share, then test month
            for (std::size_t ti = 0; ti < tests; ++ti) r.origins.push_back(std::move(by_test[ti][si]));
    }
    const std::size_t tests = origin.size(), shares = o.shares.size();
    const auto at = [&](std::size_t mi, std::size_t si, std::size_t ti) -> const HotspotAccuracy& {
        return r.origins[(mi * shares + si) * tests + ti].accuracy;
    };
    const auto pai = [&](std::size_t mi, std::size_t si, std::size_t ti) { return at(mi, si, ti).pai.value_or(-1.0); };
    std::vector<std::size_t> won(o.methods.size() * shares, 0);
    for (std::size_t si = 0; si < shares; ++si)
        for (std::size_t ti = 0; ti < tests; ++ti) {
            std::optional<std::size_t> best;
            bool tie = false;
            for (std::size_t mi = 0; mi < o.methods.size(); ++mi) {
                if (!best || pai(mi, si, ti) > pai(*best, si, ti)) best = mi, tie = false;
                else if (pai(mi, si, ti) == pai(*best, si, ti)) tie = true;
            }
            if (tie || o.methods.size() < 2) ++r.tied_origins;
            else ++won[*best * shares + si];
        }
    for (std::size_t mi = 0; mi < o.methods.size(); ++mi)
        for (std::size_t si = 0; si < shares; ++si) {
            std::vector<double> hit, p, pei, rri;
            BacktestSummary s;
            s.method = mi, s.share = si;
            for (std::size_t ti = 0; ti < tests; ++ti) {
                const HotspotAccuracy& a = at(mi, si, ti);
                if (a.hit_rate) hit.push_back(*a.hit_rate);
                if (a.pai) p.push_back(*a.pai);
                if (a.pei) pei.push_back(*a.pei);
                if (a.rri) rri.push_back(*a.rri);
                s.mean_k += static_cast<double>(a.k);
            }
            s.mean_k /= static_cast<double>(tests);
            s.hit_rate = summarise(hit), s.pai = summarise(p), s.pei = summarise(pei), s.rri = summarise(rri);
            s.origins_won = won[mi * shares + si];
            r.summaries.push_back(s);
        }
    for (std::size_t si = 0; si < shares; ++si) {
        BacktestVerdict v;
        v.share = si;
        for (std::size_t mi = 0; mi < o.methods.size(); ++mi) {
            const double mean = r.summaries[mi * shares + si].pai.mean;
            if (!v.best || mean > r.summaries[*v.best * shares + si].pai.mean) v.runner_up = v.best, v.best = mi;
            else if (!v.runner_up || mean > r.summaries[*v.runner_up * shares + si].pai.mean) v.runner_up = mi;
        }
        v.origins_won = won[*v.best * shares + si];
        if (v.runner_up) {
            v.margin_pai = r.summaries[*v.best * shares + si].pai.mean - r.summaries[*v.runner_up * shares + si].pai.mean;
            for (std::size_t ti = 0; ti < tests; ++ti) {
                const double b = pai(*v.best, si, ti), u = pai(*v.runner_up, si, ti);
                if (b > u) ++v.best_beat_runner_up;
                else if (u > b) ++v.runner_up_beat_best;
                else ++v.paired_ties;
            }
        }
        r.verdicts.push_back(v);
    }
    return r;
}

}  // namespace hotspot
