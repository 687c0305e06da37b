#include "hotspot/time/intervention.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/stats/significance.hpp"

#include <cmath>

namespace hotspot {

namespace {

constexpr double z95 = 1.959963984540054;  // the standard normal's 97.5 % quantile

// Every count is a window's incidents: a negative one is a caller's bug.
bool any_zero(std::initializer_list<std::int64_t> v) {
    for (std::int64_t x : v)
        if (x == 0) return true;
    return false;
}

}  // namespace

WdqResult weighted_displacement_quotient(const InterventionCounts& c) {
    WdqResult r;
    const BeforeAfter &a = c.treatment, &b = c.buffer, &k = c.control;
    if (k.before == 0 || k.after == 0) {
        r.refusal = "the control area has no incident in the " + std::string(k.before == 0 ? "before" : "after") +
                    " window (the WDQ divides by the control counts)";
        return r;
    }
    const double ca = static_cast<double>(k.after), cb = static_cast<double>(k.before);
    r.success_measure = static_cast<double>(a.after) / ca - static_cast<double>(a.before) / cb;
    r.buffer_measure = static_cast<double>(b.after) / ca - static_cast<double>(b.before) / cb;
    // The quotient and its band exactly, in integers: both measures share the denominator ca * cb.
    const std::int64_t success = a.after * k.before - a.before * k.after;
    const std::int64_t buffer = b.after * k.before - b.before * k.after;
    if (success >= 0) {
        r.refusal = std::string("the success measure is ") + (success == 0 ? "0" : "positive") +
                    ": the treatment area did not fall relative to the control, so there is no effect to displace";
        return r;
    }
    r.wdq = static_cast<double>(buffer) / static_cast<double>(success);
    if (buffer == 0) r.reading = WdqReading::none;
    else if (buffer < 0) r.reading = buffer < success ? WdqReading::diffusion_exceeds_effect : WdqReading::diffusion;  // WDQ > 1 iff buffer < success (< 0)
    else if (buffer == -success) r.reading = WdqReading::displacement_equals;
    else r.reading = buffer < -success ? WdqReading::displacement_smaller : WdqReading::displacement_exceeds;
    return r;
}

WddResult weighted_displacement_difference(const InterventionCounts& c) {
    WddResult r;
    const BeforeAfter &t = c.treatment, &d = c.buffer, &k = c.control;
    double wdd = static_cast<double>(t.change() - k.change() + d.change());
    double var = static_cast<double>(t.before + t.after + k.before + k.after + d.before + d.after);
    if (c.buffer_control) {
        wdd -= static_cast<double>(c.buffer_control->change());
        var += static_cast<double>(c.buffer_control->before + c.buffer_control->after);
        r.reduced_form = false;
    }
    r.wdd = wdd;
    r.variance = var;
    r.se = std::sqrt(var);
    if (!(r.se > 0)) {
        r.refusal = "every count is 0: no standard error";
        r.z = 0, r.p_two_sided = 1, r.ci_low = r.ci_high = 0;
        return r;
    }
    r.z = wdd / r.se;
    r.p_two_sided = two_sided_p(r.z);
    r.ci_low = wdd - z95 * r.se;
    r.ci_high = wdd + z95 * r.se;
    return r;
}

RateRatioResult rate_ratio_test(const InterventionCounts& c) {
    RateRatioResult r;
    const BeforeAfter &t = c.treatment, &k = c.control;
    if (any_zero({t.before, t.after, k.before, k.after})) {
        r.refusal = "a count of the treatment or the control area is 0 in a window: the rate ratio's log has no finite standard error";
        return r;
    }
    const auto d = [](std::int64_t v) { return static_cast<double>(v); };
    const double log_irr = std::log(d(t.after)) - std::log(d(t.before)) - std::log(d(k.after)) + std::log(d(k.before));
    const double se = std::sqrt(1 / d(t.after) + 1 / d(t.before) + 1 / d(k.after) + 1 / d(k.before));
    r.irr = std::exp(log_irr);
    r.log_se = se;
    r.z = log_irr / se;
    r.p_two_sided = two_sided_p(*r.z);
    r.ci_low = std::exp(log_irr - z95 * se);
    r.ci_high = std::exp(log_irr + z95 * se);
    return r;
}

const char* wdq_reading_name(WdqReading r) {
    switch (r) {
        case WdqReading::refused: return "not_computed";
        case WdqReading::diffusion_exceeds_effect: return "diffusion_exceeds_effect";
        case WdqReading::diffusion: return "diffusion";
        case WdqReading::none: return "no_displacement_or_diffusion";
        case WdqReading::displacement_smaller: return "displacement_smaller_than_effect";
        case WdqReading::displacement_equals: return "displacement_equals_effect";
        case WdqReading::displacement_exceeds: return "displacement_exceeds_effect";
    }
    return "";
}

std::string wdq_reading_text(const WdqResult& r) {
    if (!r.wdq) return "WDQ not computed: " + r.refusal;
    const std::string head = "WDQ " + format_fixed(*r.wdq, 2) + ": relative to the control, ";
    const char* const untested = " (the WDQ has no significance test)";
    switch (r.reading) {
        case WdqReading::diffusion_exceeds_effect:
            return head + "the buffer fell by more than the treatment area did (diffusion of benefit greater than the direct effect)" + untested;
        case WdqReading::diffusion:
            return head + "the buffer fell too, by no more than the treatment area did (diffusion of benefit)" + untested;
        case WdqReading::none: return head + "the buffer did not change (no displacement, no diffusion)" + untested;
        case WdqReading::displacement_smaller:
            return head + "the buffer rose, by less than the treatment area fell (displacement smaller than the direct effect: a net benefit remains)" +
                   untested;
        case WdqReading::displacement_equals:
            return head + "the buffer rose by as much as the treatment area fell (displacement equal to the direct effect: no net benefit)" + untested;
        case WdqReading::displacement_exceeds:
            return head + "the buffer rose by more than the treatment area fell (displacement greater than the direct effect: a net loss)" + untested;
        case WdqReading::refused: break;
    }
    return head;
}

std::string wdd_control_size_note(const InterventionCounts& c) {
    const double t = static_cast<double>(c.treatment.before), k = static_cast<double>(c.control.before);
    if (t > 0 && k >= 0.5 * t && k <= 2 * t) return {};
    return "the WDD takes the control's change in incidents as what the treatment area would have seen, which holds only for a control "
           "of about the treatment's size; here the control had " + std::to_string(c.control.before) + " incidents before against the "
           "treatment's " + std::to_string(c.treatment.before) + " (outside half to twice): read the rate ratio and the WDQ, which compare "
           "rates, instead";
}

}  // namespace hotspot
