// Intervention statistics against oracles: the POP Center hand case of the WDQ, Wheeler and
// Ratcliffe's (2018) worked example of the WDD, hand-computed bands and refusals, and the rate
// ratio against R's Poisson glm (interaction coefficient, Wald SE, p and confint.default).
#include "hotspot/time/intervention.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

using namespace hotspot;

namespace {

InterventionCounts counts(BeforeAfter t, BeforeAfter b, BeforeAfter c) {
    InterventionCounts k;
    k.treatment = t, k.buffer = b, k.control = c, k.months = 6;
    return k;
}

std::string run(const std::string& command) {
    std::FILE* p = ::popen(command.c_str(), "r");
    if (!p) return {};
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
    return out;
}

}  // namespace

TEST_CASE("WDQ: A 100 -> 50, B 100 -> 150, C 100 -> 100 gives -1 (displacement equals the effect)", "[intervention]") {
    const WdqResult r = weighted_displacement_quotient(counts({100, 50}, {100, 150}, {100, 100}));
    REQUIRE(r.wdq);
    CHECK(*r.success_measure == Approx(-0.5));
    CHECK(*r.buffer_measure == Approx(0.5));
    CHECK(*r.wdq == Approx(-1.0));
    CHECK(r.reading == WdqReading::displacement_equals);
    CHECK(wdq_reading_text(r).find("no net benefit") != std::string::npos);
}

TEST_CASE("WDQ bands, computed by hand", "[intervention]") {
    // Control 100 -> 100, treatment 100 -> 50 (SM -0.5); the buffer 100 -> B_after: BDM = B_after/100 - 1.
    const auto band = [](std::int64_t b_after) { return weighted_displacement_quotient(counts({100, 50}, {100, b_after}, {100, 100})); };
    CHECK(band(40).reading == WdqReading::diffusion_exceeds_effect);  // BDM -0.6, WDQ 1.2
    CHECK(*band(40).wdq == Approx(1.2));
    CHECK(band(50).reading == WdqReading::diffusion);  // WDQ exactly 1
    CHECK(*band(50).wdq == Approx(1.0));
    CHECK(band(80).reading == WdqReading::diffusion);  // WDQ 0.4
    CHECK(band(100).reading == WdqReading::none);
    CHECK(*band(100).wdq == 0.0);
    CHECK(band(120).reading == WdqReading::displacement_smaller);  // WDQ -0.4
    CHECK(*band(120).wdq == Approx(-0.4));
    CHECK(band(170).reading == WdqReading::displacement_exceeds);  // WDQ -1.4
    // The control's change is taken out: control 200 -> 100 halves everything relative to it.
    const WdqResult rel = weighted_displacement_quotient(counts({100, 40}, {50, 30}, {200, 100}));
    CHECK(*rel.success_measure == Approx(40.0 / 100 - 100.0 / 200));  // -0.1
    CHECK(*rel.buffer_measure == Approx(30.0 / 100 - 50.0 / 200));    // 0.05
    CHECK(*rel.wdq == Approx(-0.5));
    CHECK(rel.reading == WdqReading::displacement_smaller);
}

TEST_CASE("WDQ refused when the success measure is not negative or the control has a zero count", "[intervention]") {
    const WdqResult same = weighted_displacement_quotient(counts({100, 100}, {10, 20}, {50, 50}));
    CHECK_FALSE(same.wdq);
    CHECK(same.reading == WdqReading::refused);
    CHECK(same.success_measure == Approx(0.0));
    CHECK(same.refusal.find("success measure is 0") != std::string::npos);
    const WdqResult up = weighted_displacement_quotient(counts({100, 120}, {10, 20}, {50, 50}));
    CHECK_FALSE(up.wdq);
    CHECK(up.refusal.find("positive") != std::string::npos);
    const WdqResult no_control = weighted_displacement_quotient(counts({100, 50}, {10, 20}, {0, 50}));
    CHECK_FALSE(no_control.wdq);
    CHECK_FALSE(no_control.success_measure);
    CHECK(no_control.refusal.find("before window") != std::string::npos);
    CHECK(wdq_reading_text(no_control).rfind("WDQ not computed: ", 0) == 0);
    // A buffer with no incidents in either window: BDM 0, WDQ 0.
    const WdqResult empty_buffer = weighted_displacement_quotient(counts({100, 50}, {0, 0}, {100, 100}));
    REQUIRE(empty_buffer.wdq);
    CHECK(empty_buffer.reading == WdqReading::none);
}

TEST_CASE("WDD: Wheeler and Ratcliffe's worked example gives -118, SE sqrt(1568), z -2.98, CI -196 to -40", "[intervention]") {
    // Crime Science 7 (2018): control 308 -> 318, treated 207 -> 110, displacement control 150 -> 140,
    // displacement 178 -> 157.
    InterventionCounts c = counts({207, 110}, {178, 157}, {308, 318});
    c.buffer_control = BeforeAfter{150, 140};
    const WddResult r = weighted_displacement_difference(c);
    CHECK(r.wdd == -118.0);
    CHECK(r.variance == 1568.0);
    CHECK(r.se == Approx(std::sqrt(1568.0)));
    CHECK(std::round(r.z * 100) / 100 == Approx(-2.98));
    CHECK(std::round(r.ci_low) == -196.0);
    CHECK(std::round(r.ci_high) == -40.0);
    CHECK_FALSE(r.reduced_form);
    CHECK(r.p_two_sided == Approx(std::erfc(118.0 / std::sqrt(1568.0) / std::sqrt(2.0))));
}

TEST_CASE("WDD reduced form without a displacement control, and all zero", "[intervention]") {
    // dT = -50, dC = 0, dB = +50: WDD 0 (the displacement ate the effect); Var = 600.
    const WddResult r = weighted_displacement_difference(counts({100, 50}, {100, 150}, {100, 100}));
    CHECK(r.reduced_form);
    CHECK(r.wdd == 0.0);
    CHECK(r.variance == 600.0);
    CHECK(r.z == 0.0);
    CHECK(r.ci_low == Approx(-1.959963984540054 * std::sqrt(600.0)));
    const WddResult zero = weighted_displacement_difference(counts({0, 0}, {0, 0}, {0, 0}));
    CHECK_FALSE(zero.refusal.empty());
    CHECK(zero.se == 0.0);
}

TEST_CASE("Rate ratio: hand value and the zero-count refusal", "[intervention]") {
    const RateRatioResult r = rate_ratio_test(counts({100, 50}, {0, 0}, {100, 100}));
    REQUIRE(r.irr);
    CHECK(*r.irr == Approx(0.5));
    CHECK(*r.log_se == Approx(std::sqrt(1 / 100.0 + 1 / 50.0 + 1 / 100.0 + 1 / 100.0)));
    CHECK(*r.z == Approx(std::log(0.5) / std::sqrt(0.05)));
    const RateRatioResult zero = rate_ratio_test(counts({100, 0}, {0, 0}, {100, 100}));
    CHECK_FALSE(zero.irr);
    CHECK_FALSE(zero.refusal.empty());
}

TEST_CASE("Rate ratio equals R's Poisson glm interaction (Wald SE, p, confint.default)", "[intervention][R]") {
    if (std::system("Rscript -e 'invisible(0)' >/dev/null 2>&1") != 0) {
        WARN("SKIP the R glm peer of the rate ratio: Rscript is not available");
        return;
    }
    const std::vector<InterventionCounts> cases = {counts({207, 110}, {}, {308, 318}), counts({100, 50}, {}, {100, 100}),
                                                   counts({12, 3}, {}, {40, 55}), counts({5, 9}, {}, {1000, 900}),
                                                   counts({1, 1}, {}, {1, 2})};
    for (const InterventionCounts& c : cases) {
        std::ostringstream script;
        script << "d <- data.frame(n = c(" << c.treatment.before << "," << c.treatment.after << "," << c.control.before << ","
               << c.control.after << "), period = factor(c(0, 1, 0, 1)), group = factor(c(1, 1, 0, 0)));"
               << "m <- glm(n ~ period * group, family = poisson, data = d, control = glm.control(epsilon = 1e-14, maxit = 100));"
               << "s <- coef(summary(m))['period1:group1', ]; ci <- confint.default(m)['period1:group1', ];"
               << "cat(sprintf('%.17g', c(s, ci)), '\\n')";
        std::istringstream peer(run("Rscript -e \"" + script.str() + "\" 2>/dev/null"));
        double est = NAN, se = NAN, z = NAN, p = NAN, lo = NAN, hi = NAN;
        peer >> est >> se >> z >> p >> lo >> hi;
        INFO("treatment " << c.treatment.before << " -> " << c.treatment.after << ", control " << c.control.before << " -> "
                          << c.control.after);
        REQUIRE(std::isfinite(hi));
        const RateRatioResult r = rate_ratio_test(c);
        REQUIRE(r.irr);
        CHECK(std::log(*r.irr) == Approx(est).epsilon(1e-9).margin(1e-12));
        CHECK(*r.log_se == Approx(se).epsilon(1e-9));
        CHECK(*r.z == Approx(z).epsilon(1e-9).margin(1e-12));
        CHECK(*r.p_two_sided == Approx(p).epsilon(1e-8));
        CHECK(std::log(*r.ci_low) == Approx(lo).epsilon(1e-9));
        CHECK(std::log(*r.ci_high) == Approx(hi).epsilon(1e-9));
    }
}

TEST_CASE("WDD size note: a control outside half to twice the treatment's before count", "[intervention]") {
    CHECK(wdd_control_size_note(counts({100, 50}, {0, 0}, {100, 100})).empty());
    CHECK(wdd_control_size_note(counts({100, 50}, {0, 0}, {50, 100})).empty());   // exactly half
    CHECK(wdd_control_size_note(counts({100, 50}, {0, 0}, {200, 100})).empty());  // exactly twice
    CHECK_FALSE(wdd_control_size_note(counts({100, 50}, {0, 0}, {201, 100})).empty());
    CHECK_FALSE(wdd_control_size_note(counts({100, 50}, {0, 0}, {49, 100})).empty());
    CHECK_FALSE(wdd_control_size_note(counts({0, 5}, {0, 0}, {0, 100})).empty());  // no treatment count to compare
}
