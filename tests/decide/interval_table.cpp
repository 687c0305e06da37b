// Prints our count intervals and upper-tail p as CSV for the R and SciPy oracles
// (interval_oracle.R, interval_oracle.py): every method at the 95 % level for whole counts
// O = 0..200 and a few weighted (non-integer) counts, with E = 0.8 O + 1 for the p.
#include "hotspot/decide/poisson_interval.hpp"

#include <cstdio>
#include <vector>

int main() {
    using namespace hotspot;
    std::vector<double> counts;
    for (int o = 0; o <= 200; ++o) counts.push_back(o);
    for (double o : {0.25, 0.5, 2.5, 9.75, 10.25, 33.3, 150.5}) counts.push_back(o);
    std::printf("method,observed,lower,upper,rule,expected,p_upper\n");
    for (IntervalMethod m : {IntervalMethod::phe, IntervalMethod::exact, IntervalMethod::byar, IntervalMethod::epitools_byar})
        for (double o : counts) {
            const CountInterval ci = count_interval(o, 0.95, m);
            const double e = 0.8 * o + 1;
            std::printf("%s,%.17g,%.17g,%.17g,%s,%.17g,%.17g\n", to_string(m), o, ci.lower, ci.upper, to_string(ci.method), e,
                        poisson_upper_tail_p(o, e));
        }
    return 0;
}
