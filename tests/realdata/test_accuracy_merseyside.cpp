// Predictive accuracy on real data: Liverpool 250 m cells (cell centres inside the LSOA11
// polygons), every Merseyside incident counted per cell and month, 24 rolling origins
// (fit 2022-10..2023-09 -> test 2023-10, ..., test 2025-09) of two simple methods, against an
// independent numpy/GDAL/pyproj recomputation (tests/realdata/accuracy_oracle.py, its "EXACT"
// lines). The grid's origin and size are the oracle's (GDAL's rasterisation of the layer extent).
#include "hotspot/decide/hotspot_accuracy.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hotspot;

namespace {

struct Expected {
    const char* method;
    double share;
    TieOrder ties;
    double sum_n, hit, pai, pei, rri;  // sum of n over the origins; means of the rest
};

}  // namespace

TEST_CASE("Merseyside on Liverpool 250 m cells: 24 monthly back-tests equal the numpy oracle", "[real][merseyside][realdata][accuracy]") {
    AnalysisConfig c = police_config("merseyside_street_2022-10_2025-09");
    add_area(c, "lsoa", "liverpool_lsoa11.gpkg", "LSOA11CD");
    apply_setting(c, "analysis.outside_study_area", "keep", "");  // points in a Liverpool cell but outside the LSOAs count
    const AnalysisResult a = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    REQUIRE(a.incidents.size() == 477331);

    const double cell = 250, x0 = 333000, y1 = 398000;
    const std::size_t nx = 51, ny = 67;
    std::vector<double> cx, cy;
    for (std::size_t r = 0; r < ny; ++r)
        for (std::size_t col = 0; col < nx; ++col) {
            cx.push_back(x0 + (static_cast<double>(col) + 0.5) * cell);
            cy.push_back(y1 - (static_cast<double>(r) + 0.5) * cell);
        }
    const Assignment centres = assign_points(a.layers[0], cx.data(), cy.data(), cx.size(), 2);
    std::vector<std::int64_t> cell_of(nx * ny, -1);  // grid position -> study cell (row-major from the north-west)
    std::size_t cells = 0;
    for (std::size_t i = 0; i < cell_of.size(); ++i)
        if (centres.area[i] >= 0) cell_of[i] = static_cast<std::int64_t>(cells++);
    REQUIRE(cells == 1783);  // 111.4375 km2

    const MonthIndex first = *std::min_element(a.incidents.month.begin(), a.incidents.month.end());
    std::vector<std::vector<double>> count(36, std::vector<double>(cells, 0.0));
    double inside = 0;
    for (std::size_t i = 0; i < a.incidents.size(); ++i) {
        const double fc = std::floor((a.incidents.x[i] - x0) / cell), fr = std::floor((y1 - a.incidents.y[i]) / cell);
        if (fc < 0 || fr < 0 || fc >= static_cast<double>(nx) || fr >= static_cast<double>(ny)) continue;
        const std::int64_t k = cell_of[static_cast<std::size_t>(fr) * nx + static_cast<std::size_t>(fc)];
        if (k < 0) continue;
        count[static_cast<std::size_t>(a.incidents.month[i] - first)][static_cast<std::size_t>(k)] += 1;
        ++inside;
    }
    CHECK(inside == 213258);

    const std::vector<double> area(cells, cell * cell);
    const Expected expected[] = {
        {"prev12", 0.01, TieOrder::cell_order, 24651, 0.1794324821, 18.8193009131, 0.9662675111, 1.0317935650},
        {"prev12", 0.01, TieOrder::pessimistic, 24634, 0.1793084958, 18.8062969456, 0.9656146693, 1.0310569942},
        {"prev12", 0.05, TieOrder::cell_order, 51543, 0.3752383800, 7.5174160845, 0.9248342297, 1.0098276250},
        {"prev12", 0.05, TieOrder::pessimistic, 51476, 0.3747504752, 7.5076415433, 0.9236394396, 1.0085011679},
        {"prev1", 0.01, TieOrder::cell_order, 24277, 0.1767663929, 18.5396752088, 0.9520148214, 1.0513616498},
        {"prev1", 0.01, TieOrder::pessimistic, 24235, 0.1764714572, 18.5087416579, 0.9502898829, 1.0494786061},
        {"prev1", 0.05, TieOrder::cell_order, 49897, 0.3633473174, 7.2791940108, 0.8955371355, 1.0399119679},
        {"prev1", 0.05, TieOrder::pessimistic, 49408, 0.3597612070, 7.2073509214, 0.8866960116, 1.0332871289},
    };
    for (const Expected& e : expected) {
        INFO(e.method << " " << e.share << " " << to_string(e.ties));
        double sum_n = 0, hit = 0, pai = 0, pei = 0, rri = 0;
        for (std::size_t t = 12; t < 36; ++t) {
            std::vector<double> fit(cells, 0.0);
            for (std::size_t m = t - 12; m < t; ++m)
                for (std::size_t k = 0; k < cells; ++k) fit[k] += count[m][k];
            const std::vector<double>& score = std::string(e.method) == "prev12" ? fit : count[t - 1];
            const HotspotAccuracy r = hotspot_accuracy(AccuracyCells{score, count[t], fit, area}, e.share, e.ties);
            REQUIRE(r.k == (e.share == 0.01 ? 17u : 89u));
            if (t == 12 && std::string(e.method) == "prev12" && e.share == 0.05) {  // the plan's first origin
                CHECK(r.hits == 2192);
                CHECK(*r.pai == Approx(6.9993445394).epsilon(1e-9));
                CHECK(*r.pei == Approx(0.9183074990).epsilon(1e-9));
                CHECK(*r.rri == Approx(0.9870209648).epsilon(1e-9));
            }
            sum_n += r.hits;
            hit += *r.hit_rate / 24;
            pai += *r.pai / 24;
            pei += *r.pei / 24;
            rri += *r.rri / 24;
        }
        CHECK(sum_n == e.sum_n);
        CHECK(hit == Approx(e.hit).epsilon(1e-9));
        CHECK(pai == Approx(e.pai).epsilon(1e-9));
        CHECK(pei == Approx(e.pei).epsilon(1e-9));
        CHECK(rri == Approx(e.rri).epsilon(1e-9));
    }
}
