#pragma once
// Did a place-based intervention (a PSPO, a patrol plan) work? Pure arithmetic on incident counts
// of a treatment area, a displacement buffer and a control area in a before and an after window of
// equal length (docs/decisions.md, "Intervention evaluation"):
// - the Weighted Displacement Quotient (Bowers and Johnson 2003) with its reading;
// - the Weighted Displacement Difference (Wheeler and Ratcliffe 2018) with its standard error;
// - a Wald test of the incidence rate ratio, treatment against control (the period x group
//   interaction of a saturated Poisson model).
// A statistic that cannot be computed is not guessed: it is empty, with the reason.
#include <cstdint>
#include <optional>
#include <string>

namespace hotspot {

struct BeforeAfter {
    std::int64_t before = 0, after = 0;
    std::int64_t change() const { return after - before; }
};

struct InterventionCounts {
    BeforeAfter treatment, buffer, control;
    // Wheeler and Ratcliffe's control of the displacement area; none: the reduced form
    // WDD = dT - dC + dB (ptools' wdd with disp_control = 0), Var = T + C + B counts.
    std::optional<BeforeAfter> buffer_control;
    int months = 0;  // length of each window
};

enum class WdqReading {
    refused,                  // see wdq_refusal
    diffusion_exceeds_effect, // WDQ > 1
    diffusion,                // 0 < WDQ <= 1
    none,                     // WDQ = 0
    displacement_smaller,     // -1 < WDQ < 0: some net benefit remains
    displacement_equals,      // WDQ = -1: the displacement cancels the direct effect
    displacement_exceeds,     // WDQ < -1: the direct effect is erased
};

struct WdqResult {
    std::optional<double> success_measure;  // A_after/C_after - A_before/C_before (< 0: success)
    std::optional<double> buffer_measure;   // B_after/C_after - B_before/C_before (> 0: displacement)
    std::optional<double> wdq;              // buffer_measure / success_measure, only when success < 0
    WdqReading reading = WdqReading::refused;
    std::string refusal;  // why wdq is empty
};

struct WddResult {
    double wdd = 0;          // change in incidents attributable to the intervention (negative: fewer)
    double variance = 0;     // the sum of every count used (Poisson)
    double se = 0, z = 0, p_two_sided = 1;
    double ci_low = 0, ci_high = 0;  // 95 %: WDD +- 1.959964 SE
    bool reduced_form = true;        // no separate displacement control
    std::string refusal;             // non-empty when every count is 0 (SE 0)
};

struct RateRatioResult {
    std::optional<double> irr;  // (T_after/T_before) / (C_after/C_before)
    std::optional<double> log_se, z, p_two_sided, ci_low, ci_high;
    std::string refusal;  // a zero count: the log-rate ratio has no finite SE
};

WdqResult weighted_displacement_quotient(const InterventionCounts& c);
WddResult weighted_displacement_difference(const InterventionCounts& c);
RateRatioResult rate_ratio_test(const InterventionCounts& c);

// "WDQ -1.00: displacement equals the direct effect ..." for a tasking meeting.
std::string wdq_reading_text(const WdqResult& r);
const char* wdq_reading_name(WdqReading r);  // "displacement_smaller", for tables

// Why the WDD's count differences mislead here, or "" : the control's before count is not within
// half to twice the treatment's (docs/decisions.md; e.g. the rest of a city as the control).
std::string wdd_control_size_note(const InterventionCounts& c);

// Incidents per month of a window.
inline double per_month(std::int64_t count, int months) { return months > 0 ? static_cast<double>(count) / months : 0.0; }
// Incidents per 1,000 residents per year of a window of `months`: count / residents x 1,000 x 12 /
// months; none without residents (or with none, where a rate means nothing).
inline std::optional<double> per_1000_per_year(std::int64_t count, std::optional<double> residents, int months) {
    if (!residents || !(*residents > 0) || months <= 0) return std::nullopt;
    return static_cast<double>(count) / *residents * 1000.0 * 12.0 / months;
}

}  // namespace hotspot
