#include "hotspot/geo/projection.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <utility>
#include <thread>

namespace hotspot {

namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

ContextPtr make_context() {
    ContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);  // failures are reported through our own errors
    return ctx;
}

PjPtr create_crs(PJ_CONTEXT* ctx, const std::string& definition) {
    PjPtr crs(proj_create(ctx, definition.c_str()));
    if (!crs) {
        const int err = proj_context_errno(ctx);
        throw CrsError("CRS " + quote_value(definition) + " is not understood by PROJ: " + proj_context_errno_string(ctx, err));
    }
    return crs;
}

// Builds the operation with GIS axis order on both sides.
PjPtr create_operation(PJ_CONTEXT* ctx, const std::string& source, const std::string& target) {
    create_crs(ctx, source);  // validates each side for a clear message
    create_crs(ctx, target);
    PjPtr raw(proj_create_crs_to_crs(ctx, source.c_str(), target.c_str(), nullptr));
    if (!raw)
        throw CrsError("PROJ found no transformation from " + quote_value(source) + " to " + quote_value(target));
    PjPtr normalised(proj_normalize_for_visualization(ctx, raw.get()));
    if (!normalised) throw CrsError("PROJ could not normalise the axis order of " + quote_value(source) + " -> " + quote_value(target));
    return normalised;
}

// Operations built ahead by prepare_transform, each taken by the first transform of its pair.
struct PreparedOperation {
    std::string source, target;
    ContextPtr ctx;
    PjPtr op;
};
std::mutex prepared_mutex;
std::vector<PreparedOperation> prepared;

// The prepared operation for this pair (removed from the pool), or a new one.
std::pair<ContextPtr, PjPtr> take_or_create_operation(const std::string& source, const std::string& target) {
    {
        const std::lock_guard<std::mutex> lock(prepared_mutex);
        for (auto it = prepared.begin(); it != prepared.end(); ++it)
            if (it->source == source && it->target == target) {
                std::pair<ContextPtr, PjPtr> out(std::move(it->ctx), std::move(it->op));
                prepared.erase(it);
                return out;
            }
    }
    auto ctx = make_context();
    PjPtr op = create_operation(ctx.get(), source, target);
    return {std::move(ctx), std::move(op)};
}

}  // namespace

void prepare_transform(const std::string& source_crs, const std::string& target_crs) {
    {  // one per pair: a run that fails before projecting leaves its operation for the next
        const std::lock_guard<std::mutex> lock(prepared_mutex);
        for (const auto& p : prepared)
            if (p.source == source_crs && p.target == target_crs) return;
    }
    try {
        auto ctx = make_context();
        PjPtr op = create_operation(ctx.get(), source_crs, target_crs);
        const std::lock_guard<std::mutex> lock(prepared_mutex);
        prepared.push_back({source_crs, target_crs, std::move(ctx), std::move(op)});
    } catch (const std::exception&) {  // raised again, in its place, by transform_in_place
    }
}

CrsInfo describe_crs(const std::string& definition) {
    auto ctx = make_context();
    PjPtr crs = create_crs(ctx.get(), definition);
    PJ* horizontal = crs.get();
    PjPtr sub;
    if (proj_get_type(crs.get()) == PJ_TYPE_COMPOUND_CRS) {
        sub.reset(proj_crs_get_sub_crs(ctx.get(), crs.get(), 0));
        horizontal = sub.get();
    }
    CrsInfo info;
    info.definition = definition;
    const char* name = proj_get_name(crs.get());
    info.name = name ? name : definition;
    info.projected = horizontal && proj_get_type(horizontal) == PJ_TYPE_PROJECTED_CRS;
    if (horizontal) {
        PjPtr cs(proj_crs_get_coordinate_system(ctx.get(), horizontal));
        const char* unit_name = nullptr;
        double factor = 0.0;
        if (cs && proj_cs_get_axis_info(ctx.get(), cs.get(), 0, nullptr, nullptr, nullptr, &factor, &unit_name, nullptr,
                                        nullptr))
            info.unit = (unit_name ? std::string(unit_name) : "") + (factor == 1.0 ? "" : " (x" + std::to_string(factor) + ")");
    }
    return info;
}

CrsInfo require_metric_crs(const std::string& definition) {
    CrsInfo info = describe_crs(definition);
    if (!info.projected)
        throw CrsError("the analysis CRS " + quote_value(definition) + " (" + info.name +
                       ") is not a projected CRS: distances in degrees are meaningless, so analysis needs a "
                       "projected CRS in metres, e.g. -t_srs EPSG:27700 (British National Grid)");
    if (info.unit != "metre")
        throw CrsError("the analysis CRS " + quote_value(definition) + " (" + info.name + ") uses unit " + quote_value(info.unit) +
                       ", not metres: choose a metric projected CRS, e.g. EPSG:27700");
    return info;
}

ProjectionStats transform_in_place(const std::string& source_crs, const std::string& target_crs, double* x, double* y,
                                   std::size_t n, std::uint8_t* ok, unsigned threads) {
    ProjectionStats stats;
    // A PJ serves one thread, and building one costs ~30 ms of proj.db queries here: the other
    // threads build theirs while this one builds the operation it describes and then uses.
    const unsigned n_threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 50000 + 1)));
    std::vector<std::uint64_t> failed(n_threads, 0);
    std::vector<std::exception_ptr> errors(n_threads);
    const auto transform_part = [&](unsigned t, PJ* op) {
        const std::size_t begin = n * t / n_threads, end = n * (t + 1) / n_threads;
        constexpr std::size_t batch = 4096;
        for (std::size_t i = begin; i < end; i += batch) {
            const std::size_t count = std::min(batch, end - i);
            proj_trans_generic(op, PJ_FWD, x + i, sizeof(double), count, y + i, sizeof(double), count, nullptr, 0, 0, nullptr, 0, 0);
            for (std::size_t k = i; k < i + count; ++k) {
                const bool good = std::isfinite(x[k]) && std::isfinite(y[k]) && x[k] != HUGE_VAL && y[k] != HUGE_VAL;
                ok[k] = good ? 1 : 0;
                failed[t] += good ? 0 : 1;
            }
        }
    };
    const auto other_thread = [&](unsigned t) {
        try {
            auto ctx = make_context();
            PjPtr op = create_operation(ctx.get(), source_crs, target_crs);
            transform_part(t, op.get());
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n_threads; ++t) pool.emplace_back(other_thread, t);
    try {
        auto [ctx, op] = take_or_create_operation(source_crs, target_crs);
        {  // Describe the operation once, on a point in the data (a copy), for the run report.
            PJ* used = op.get();
            PjPtr last;
            if (n > 0) {
                PJ_COORD c = proj_coord(x[0], y[0], 0, 0);
                proj_trans(op.get(), PJ_FWD, c);
                last.reset(proj_trans_get_last_used_operation(op.get()));
                if (last) used = last.get();
            }
            const char* name = proj_get_name(used);
            stats.operation = name ? name : "unknown";
            const double accuracy = proj_coordoperation_get_accuracy(ctx.get(), used);
            stats.accuracy = accuracy >= 0 ? format_fixed(accuracy, 2) + " m" : "unknown";
        }
        transform_part(0, op.get());
    } catch (...) {
        errors[0] = std::current_exception();
    }
    for (auto& th : pool) th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    for (auto f : failed) stats.failed += f;
    return stats;
}

}  // namespace hotspot
