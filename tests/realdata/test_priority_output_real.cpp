// The priority outputs on real data: the 793 Birmingham and Solihull LSOAs (2021), West
// Midlands Police crimes per LSOA 2024-04..2026-04 (third-party aggregates, 25 months) and
// Census 2021 residents. The result is assembled here from those files (the index as the mean
// of min-max scaled values, exact Poisson intervals from Boost), written through
// priority_output, and read back with OGR (GeoPackage and CSV driver) field by field.
#include "../publish/priority_fixture.hpp"
#include "hotspot/publish/priority_output.hpp"
#include "shared_data.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <numeric>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

// column value -> number column, from a CSV GDAL reads (gzip through /vsigzip/).
std::map<std::string, double> csv_numbers(const std::string& path, const char* key, const char* value, const char* filter_field = nullptr,
                                          const std::string& filter_value = "") {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    std::map<std::string, double> out;
    for (auto& f : *ds->GetLayer(0))
        if (!filter_field || filter_value == f->GetFieldAsString(filter_field)) out[f->GetFieldAsString(key)] = f->GetFieldAsDouble(value);
    return out;
}

}  // namespace

TEST_CASE("priority outputs on the real Birmingham and Solihull LSOAs", "[real_data][priority_output]") {
    GDALAllRegister();
    const std::string data = shared_data_dir();
    AreaSpec spec;
    spec.name = "lsoa";
    spec.path = data + "/boundaries/bsol_lsoa21.gpkg";
    spec.id_field = "LSOA21";
    spec.name_field = "LSOA21NM";
    PriorityResult r;
    r.analysis.layers.push_back(AreaLayer::load(spec, "EPSG:27700"));
    const AreaLayer& layer = r.analysis.layers[0];
    const std::size_t n = layer.size();
    REQUIRE(n == 793);
    const auto residents = csv_numbers("/vsigzip/" + data + "/population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz", "mnemonic", "total");
    const auto crimes = csv_numbers(data + "/crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04/lsoa_ranking.csv", "lsoa_code", "crimes", "force",
                                    "West Midlands Police");

    IndicatorValues count, rate;
    count.spec.name = "crimes";
    count.spec.title = "WMP crimes";
    count.spec.kind = IndicatorKind::count_column;
    count.unit = "crimes";
    count.period = "2024-04 to 2026-04 (25 months)";
    count.months = 25;
    rate = count;
    rate.spec.name = "crime_rate";
    rate.spec.title = "WMP crime rate";
    rate.unit = "per 1,000 residents per year";
    r.indicators.layer = "lsoa";
    for (std::size_t a = 0; a < n; ++a) {
        r.indicators.area_ids.push_back(layer.id(a));
        r.indicators.area_names.push_back(layer.label(a));
        const auto c = crimes.find(layer.id(a));
        const auto p = residents.find(layer.id(a));
        count.value.push_back(c == crimes.end() ? std::nullopt : std::optional<double>(c->second));
        count.observed.push_back(count.value.back());
        count.denominator.push_back(p == residents.end() ? std::nullopt : std::optional<double>(p->second));
        if (!count.value.back()) count.missing_areas.push_back(layer.id(a)), count.missing_why.push_back("no West Midlands Police row");
        rate.value.push_back(count.value.back() && count.denominator.back() ? std::optional<double>(*count.value.back() / *count.denominator.back() * 1000 * 12 / 25)
                                                                             : std::nullopt);
        if (!rate.value.back()) rate.missing_areas.push_back(layer.id(a)), rate.missing_why.push_back("no count or no residents");
    }
    r.indicators.indicators = {count, rate};

    // The index: mean of min-max scaled values over the areas with both; rank 1 = highest.
    CompositeResult& c = r.composite;
    c.spec.preset = "meanScaled";
    c.spec.indicators = {{"crimes"}, {"crime_rate"}};
    c.spec.explain = 2;
    c.scaled.assign(2, std::vector<std::optional<double>>(n));
    c.index.assign(n, std::nullopt);
    c.kept.assign(n, 0);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& v = r.indicators.indicators[i].value;
        double lo = INFINITY, hi = -INFINITY;
        for (const auto& x : v)
            if (x) lo = std::min(lo, *x), hi = std::max(hi, *x);
        for (std::size_t a = 0; a < n; ++a)
            if (v[a] && count.value[a] && rate.value[a]) c.scaled[i][a] = (*v[a] - lo) / (hi - lo);
    }
    std::vector<std::size_t> order;
    for (std::size_t a = 0; a < n; ++a)
        if (c.scaled[0][a] && c.scaled[1][a]) {
            c.kept[a] = 1;
            c.index[a] = (*c.scaled[0][a] + *c.scaled[1][a]) / 2;
            order.push_back(a);
        } else c.dropped.push_back(layer.id(a));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return *c.index[x] > *c.index[y]; });
    c.rank.assign(n, std::nullopt);
    c.decile.assign(n, std::nullopt);
    c.top_contributors.assign(n, {});
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t a = order[k];
        c.rank[a] = static_cast<std::uint32_t>(k + 1);
        c.decile[a] = static_cast<std::uint32_t>(std::ceil(10.0 * (k + 1) / static_cast<double>(order.size())));
        std::vector<Contribution> parts = {{0, *c.scaled[0][a], *c.scaled[0][a], *count.value[a]}, {1, *c.scaled[1][a], *c.scaled[1][a], *rate.value[a]}};
        std::stable_sort(parts.begin(), parts.end(), [](const Contribution& x, const Contribution& y) { return x.weighted > y.weighted; });
        c.top_contributors[a] = parts;
        if (k < c.spec.top_n) c.top.push_back(a);
    }

    // Over-representation of the count at the rate over the areas with both, exact intervals.
    IndicatorRisk risk;
    risk.indicator = "crimes";
    OverRepresentation& o = risk.over;
    o.method = IntervalMethod::exact;
    for (std::size_t a = 0; a < n; ++a)
        if (count.value[a] && count.denominator[a]) o.city_events += *count.value[a], o.city_population += *count.denominator[a];
    o.city_rate = o.city_events / o.city_population;
    for (std::size_t a = 0; a < n; ++a) {
        if (!count.value[a] || !count.denominator[a]) {
            o.observed.push_back(count.value[a]);
            for (auto* v : {&o.expected, &o.ratio, &o.lower, &o.upper, &o.p_upper}) v->push_back(std::nullopt);
            o.rule.push_back(std::nullopt);
            o.flag.push_back(0);
            continue;
        }
        const double obs = *count.value[a], e = *count.denominator[a] * o.city_rate;
        const double lower = obs > 0 ? boost::math::quantile(boost::math::chi_squared(2 * obs), 0.025) / 2 : 0;
        const double upper = boost::math::quantile(boost::math::chi_squared(2 * obs + 2), 0.975) / 2;
        o.observed.push_back(obs);
        o.expected.push_back(e);
        o.ratio.push_back(obs / e);
        o.lower.push_back(lower / e);
        o.upper.push_back(upper / e);
        o.p_upper.push_back(obs > 0 ? boost::math::cdf(boost::math::complement(boost::math::poisson(e), obs - 1)) : 1.0);
        o.rule.push_back(IntervalMethod::exact);
        o.flag.push_back(lower / e > 1 ? 1 : upper / e < 1 ? -1 : 0);
        o.above += o.flag.back() > 0, o.below += o.flag.back() < 0;
    }
    r.risks = {risk};

    const fs::path dir = fs::temp_directory_path() / "hotspot_test_priority_real";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string gpkg = (dir / "priority.gpkg").string();
    test::make_run_gpkg(gpkg, "lsoa");
    append_priority_layers(r, gpkg, "priority.gpkg");
    if (const char* keep = std::getenv("HOTSPOT_KEEP_PRIORITY_GPKG")) {
        // For the PyQGIS check (tests/qgis/check_priority.sh): without the empty stand-in layer.
        fs::copy_file(gpkg, keep, fs::copy_options::overwrite_existing);
        GDALDatasetUniquePtr kept(GDALDataset::Open(keep, GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(kept);
        for (int k = 0; k < kept->GetLayerCount(); ++k)
            if (std::string(kept->GetLayer(k)->GetName()) == "lsoa") kept->DeleteLayer(k);
    }
    for (const auto& name : priority_csv_names(r)) write_priority_csv(r, name, (dir / name).string());

    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* index = ds->GetLayerByName("priority_index");
    REQUIRE(index);
    REQUIRE(index->GetFeatureCount() == static_cast<GIntBig>(n));
    std::size_t a = 0;
    double area_m2 = 0;
    for (auto& f : *index) {
        CHECK(f->GetFieldAsString("area_id") == layer.id(a));
        CHECK(f->GetFieldAsString("area_name") == layer.label(a));
        if (c.index[a]) CHECK(f->GetFieldAsDouble("composite_index") == *c.index[a]);
        else CHECK(f->IsFieldNull(f->GetFieldIndex("composite_index")));
        area_m2 += f->GetGeometryRef()->toMultiPolygon()->get_Area();
        ++a;
    }
    double layer_m2 = 0;
    for (std::size_t k = 0; k < n; ++k) layer_m2 += layer.area_m2(k);
    CHECK(area_m2 == Approx(layer_m2).epsilon(1e-9));

    // The CSV through GDAL's CSV reader: every area, observed counts summing to the city's events.
    GDALDatasetUniquePtr over((GDALDataset*)GDALOpenEx((dir / "over_representation.csv").string().c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    REQUIRE(over);
    double observed = 0;
    std::size_t rows = 0, above = 0, below = 0;
    for (auto& f : *over->GetLayer(0)) {
        ++rows;
        if (*f->GetFieldAsString("crimes_expected")) observed += std::stod(f->GetFieldAsString("crimes_observed"));
        above += std::string(f->GetFieldAsString("crimes_flag")) == "above";
        below += std::string(f->GetFieldAsString("crimes_flag")) == "below";
    }
    CHECK(rows == n);
    CHECK(observed == o.city_events);
    CHECK(above == o.above);
    CHECK(below == o.below);
    GDALDatasetUniquePtr areas((GDALDataset*)GDALOpenEx((dir / "priority_areas.csv").string().c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    REQUIRE(areas);
    std::size_t top = 0;
    for (auto& f : *areas->GetLayer(0)) top += std::string(f->GetFieldAsString("top")) == "1";
    CHECK(top == 42);
    const std::size_t first = c.top.front();
    std::cout << "priority outputs, real data: " << n << " LSOAs, " << order.size() << " indexed, " << c.dropped.size() << " without a count or residents; "
              << "city rate " << o.city_events << " crimes / " << o.city_population << " residents; " << o.above << " above, " << o.below
              << " below (exact 95 %); rank 1 " << layer.id(first) << " " << layer.label(first) << " (" << *count.value[first] << " crimes, "
              << *rate.value[first] << " per 1,000 per year)\n";
}
