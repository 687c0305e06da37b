// Empirical Bayes smoothing against R spdep 1.2.7 on spData's Auckland infant deaths (CC0; the
// inputs, poly2nb's 772 links and spdep's EBest / EBlocal for all 167 areas are in
// tests/data/auckland, printed to 17 digits by export_auckland.R), plus planted cases for the
// clamp at a = 0 (where esda would give negative rates) and for the refusals.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/empirical_bayes.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace hotspot;

namespace {

struct Auckland {
    std::vector<double> deaths, at_risk, ebest, eblocal, eblocal_a;
    Neighbours nb;
};

// Plain comma splitting: the files are R's write.csv output without quotes.
std::vector<std::vector<double>> read_numbers(const std::string& name) {
    std::ifstream in(std::string(HOTSPOT_TEST_DATA) + "/auckland/" + name);
    REQUIRE(in);
    std::string line;
    std::getline(in, line);  // header
    std::vector<std::vector<double>> rows;
    while (std::getline(in, line)) {
        std::vector<double> row;
        std::stringstream s(line);
        for (std::string cell; std::getline(s, cell, ',');) row.push_back(std::stod(cell));
        rows.push_back(row);
    }
    return rows;
}

Auckland auckland() {
    Auckland a;
    for (const auto& r : read_numbers("auckland_eb.csv")) {
        REQUIRE(r.size() == 6);
        a.deaths.push_back(r[1]);
        a.at_risk.push_back(9 * r[2]);  // nine years of under-fives (Marshall 1991)
        a.ebest.push_back(r[3]);
        a.eblocal.push_back(r[4]);
        a.eblocal_a.push_back(r[5]);
    }
    std::vector<std::vector<std::uint32_t>> lists(a.deaths.size());
    for (const auto& r : read_numbers("auckland_queen_links.csv"))
        lists.at(static_cast<std::size_t>(r[0]) - 1).push_back(static_cast<std::uint32_t>(r[1]) - 1);
    a.nb = Neighbours::from_lists(lists, "spdep poly2nb (queen)");
    return a;
}

}  // namespace

TEST_CASE("eb_global equals spdep EBest on the Auckland infant deaths", "[decide][eb]") {
    const Auckland a = auckland();
    REQUIRE(a.deaths.size() == 167);
    const EbGlobal eb = eb_global(a.deaths, a.at_risk, {});
    // spdep: a = 7.2841729009751469e-07, b = 0.0026334361931361727
    CHECK(eb.a == Approx(7.2841729009751469e-07).epsilon(1e-9));
    CHECK(eb.a_unclamped == eb.a);
    CHECK(eb.b == Approx(0.0026334361931361727).epsilon(1e-12));
    double sum = 0;
    for (std::size_t i = 0; i < 167; ++i) {
        INFO("area " << i + 1);
        CHECK(eb.raw[i] == a.deaths[i] / a.at_risk[i]);
        CHECK(eb.estimate[i] == Approx(a.ebest[i]).epsilon(1e-9));
        sum += eb.estimate[i];
    }
    // The plan's independent printout: sum(estmm) and areas 1, 100.
    CHECK(sum == Approx(0.44224093406300469).epsilon(1e-9));
    CHECK(eb.estimate[0] == Approx(0.00297803392572109).epsilon(1e-9));
    CHECK(eb.estimate[99] == Approx(0.0024926091429561857).epsilon(1e-9));
}

TEST_CASE("eb_local equals spdep EBlocal with poly2nb neighbours on Auckland", "[decide][eb]") {
    const Auckland a = auckland();
    REQUIRE(a.nb.index.size() == 772);
    const EbLocal eb = eb_local(a.deaths, a.at_risk, a.nb, {});
    std::size_t zero_a = 0;
    for (std::size_t i = 0; i < 167; ++i) {
        INFO("area " << i + 1);
        CHECK(eb.estimate[i] == Approx(a.eblocal[i]).epsilon(1e-9));
        CHECK(eb.a[i] == Approx(a.eblocal_a[i]).epsilon(1e-9).margin(1e-15));
        zero_a += a.eblocal_a[i] == 0;
    }
    CHECK(eb.a_clamped == zero_a);
    CHECK(eb.estimate[9] == Approx(0.0018807870370370369).epsilon(1e-9));
    CHECK(eb.estimate[166] == Approx(0.0026195824787844683).epsilon(1e-9));
}

TEST_CASE("equal rates give a negative between-area variance: clamped, every estimate is b", "[decide][eb]") {
    // p = 0.1 everywhere: s2 = 0, a = -b / mean(x) = -0.1 / 200 (esda keeps it and shrinks
    // past b; spdep and we set a = 0).
    const std::vector<double> n = {10, 20, 30}, x = {100, 200, 300};
    const std::vector<std::string> ids = {"A", "B", "C"};
    const EbGlobal eb = eb_global(n, x, ids);
    CHECK(eb.a == 0);
    CHECK(eb.a_unclamped == Approx(-0.0005).epsilon(1e-12));
    for (double v : eb.estimate) CHECK(v == Approx(0.1).epsilon(1e-15));
    // One high area among equal ones: a stays negative for the small population spread.
    const std::vector<double> n2 = {1, 1, 2}, x2 = {1000, 1000, 1000};
    const EbGlobal eb2 = eb_global(n2, x2, ids);
    CHECK(eb2.a_unclamped < 0);
    for (double v : eb2.estimate) {
        CHECK(v == Approx(eb2.b).epsilon(1e-15));
        CHECK(v >= 0);
    }
}

TEST_CASE("eb_local: an area without neighbours keeps its raw rate; no events anywhere gives 0", "[decide][eb]") {
    // Areas 0-1 neighbour each other; area 2 is an island: its window is itself, so m = raw, a <= 0.
    const Neighbours nb = Neighbours::from_lists({{1}, {0}, {}}, "test");
    const std::vector<double> n = {5, 15, 7}, x = {100, 100, 50};
    const EbLocal eb = eb_local(n, x, nb, {});
    CHECK(eb.estimate[2] == Approx(7.0 / 50).epsilon(1e-15));
    // Areas 0 and 1 share the window {0, 1}: m = 20/200, nbar = 100,
    // C_i = sum_j n_j (x_j - m_j)^2 = 100 (0.05 - 0.1)^2 + 100 (0.15 - 0.1)^2 = 0.5,
    // a = 0.5/200 - 0.1/100 = 0.0015; est_0 = 0.1 + (0.05 - 0.1) * 0.0015 / (0.0015 + 0.001).
    CHECK(eb.a[0] == Approx(0.0015).epsilon(1e-12));
    CHECK(eb.estimate[0] == Approx(0.1 - 0.05 * 0.6).epsilon(1e-12));
    CHECK(eb.estimate[1] == Approx(0.1 + 0.05 * 0.6).epsilon(1e-12));
    CHECK(eb.a_clamped == 1);
    const EbLocal none = eb_local(std::vector<double>{0, 0, 0}, x, nb, {});
    for (double v : none.estimate) CHECK(v == 0);
}

TEST_CASE("Empirical Bayes refuses bad input, naming the area", "[decide][eb]") {
    const std::vector<std::string> ids = {"E01000001", "E01000002"};
    CHECK_THROWS_WITH(eb_global(std::vector<double>{1, 2}, std::vector<double>{10, 0}, ids),
                      Catch::Contains("E01000002") && Catch::Contains("population"));
    CHECK_THROWS_WITH(eb_global(std::vector<double>{-1, 2}, std::vector<double>{10, 10}, ids),
                      Catch::Contains("E01000001") && Catch::Contains("-1"));
    CHECK_THROWS_AS(eb_global(std::vector<double>{1, 2}, std::vector<double>{10}, ids), InputError);
    const Neighbours nb = Neighbours::from_lists({{1}, {0}}, "test");
    CHECK_THROWS_WITH(eb_local(std::vector<double>{1, 2}, std::vector<double>{0, 10}, nb, ids), Catch::Contains("E01000001"));
    CHECK_THROWS_AS(eb_local(std::vector<double>{1, 2, 3}, std::vector<double>{1, 1, 1}, nb, {}), InputError);
}
