#pragma once
// Confidence intervals for a count of events (Poisson), as UK public health publishes them
// (PHE "Technical Guide - Confidence Intervals", METHODS.md): exact for fewer than 10 events,
// Byar's approximation from 10. epitools' pois.byar (which adds 0.5 to the count) is offered
// as a named variant, never as the default.
#include <string>

namespace hotspot {

enum class IntervalMethod {
    phe,            // exact for O < 10, Byar for O >= 10 (the default)
    exact,          // chi-squared quantiles for every O
    byar,           // Byar's approximation for every O > 0 (exact at O = 0, where Byar has no lower limit)
    epitools_byar,  // R epitools::pois.byar: Byar on O + 0.5
};
const char* to_string(IntervalMethod m);
IntervalMethod parse_interval_method(const std::string& text);  // ConfigError naming the choices

struct CountInterval {
    double lower = 0, upper = 0;
    IntervalMethod method = IntervalMethod::phe;  // the rule actually used (exact or byar under phe)
};

// The two-sided interval at `level` (e.g. 0.95) for an observed count O >= 0 (whole or not:
// harm-weighted counts are allowed; the rule switches at 10). Refuses (InputError) a negative
// or non-finite count and a level outside (0, 1). A Byar lower limit below 0 (O < ~0.7) is 0.
CountInterval count_interval(double observed, double level, IntervalMethod method);

// P(X >= observed) for X ~ Poisson(expected): the upper tail, as over-representation asks
// (1 - ppois(O - 1, E)); 1 when observed <= 0. Computed as the regularised lower incomplete
// gamma P(O, E), which is that sum for whole O and its continuous extension for weighted O.
// Refuses (InputError) a negative or non-finite O or E.
double poisson_upper_tail_p(double observed, double expected);

}  // namespace hotspot
