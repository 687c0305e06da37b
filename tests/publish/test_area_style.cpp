// The default map of an area layer: the measure it shows, its legend title and its labels.
#include "hotspot/publish/area_style.hpp"
#include "hotspot/publish/styles.hpp"

#include "../city_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

using namespace hotspot;

namespace {

AreaMeasures measures_for(const AreaLayer& layer, bool with_rates) {
    AreaMeasures m;
    m.headline = "all incidents";
    for (std::size_t a = 0; a < layer.size(); ++a) {
        m.count.push_back(a % 7);  // zeros and a spread
        m.rate_per_1000.push_back(with_rates ? std::optional<double>(0.5 + static_cast<double>(a)) : std::nullopt);
    }
    return m;
}

}  // namespace

TEST_CASE("an area layer with a population but no rate maps counts, not an empty choropleth", "[area_style]") {
    const AreaLayer& wards = city().layers.at(0);
    REQUIRE(wards.has_population());
    const std::string rates = area_layer_qml(wards, measures_for(wards, true), "2024/25");
    CHECK(rates.find("attr=\"rate_per_1000\"") != std::string::npos);
    CHECK(rates.find("label=\"Incidents, 2024/25 (rate_per_1000: per 1,000 residents per year)&#10;") != std::string::npos);
    const std::string counts = area_layer_qml(wards, measures_for(wards, false), "2024/25");
    CHECK(counts.find("attr=\"count\"") != std::string::npos);
    CHECK(counts.find("label=\"Incidents, 2024/25 (count)&#10;0\"") != std::string::npos);  // the zero class first
    CHECK(counts.find("<range") != std::string::npos);
}

TEST_CASE("area names are labelled at readable scales", "[area_style]") {
    const AreaLayer& wards = city().layers.at(0);
    const std::string qml = area_layer_qml(wards, measures_for(wards, false), "");
    CHECK(qml.find("labelsEnabled=\"1\"") != std::string::npos);
    CHECK(qml.find("fieldName=\"area_name\"") != std::string::npos);
    CHECK(qml.find("scaleVisibility=\"1\"") != std::string::npos);
    // Without a period the title is what and unit alone.
    CHECK(qml.find("label=\"Incidents (count)&#10;") != std::string::npos);
}

TEST_CASE("label scale: a median-sized area 1.5 cm across, rounded down to 1, 2 or 5 x 10^k", "[area_style]") {
    CHECK(readable_label_scale({4e6, 4e6, 4e6}) == 100000);  // 2 km across: 1:133,333 -> 1:100,000
    CHECK(readable_label_scale({1e4, 9e4, 1e9}) == 20000);   // median 300 m across: 1:20,000
    CHECK(readable_label_scale({}) == 0);
}

TEST_CASE("classes from the values shown: every bound is one of them, whatever the measures held", "[area_style]") {
    // A public run styles from the protected values: the measures still hold the small counts
    // (a % 7 gives 1..6), the file shows these.
    const AreaLayer& wards = city().layers.at(0);
    const std::vector<double> shown{0, 12, 20, 33, 47, 58, 71, 90, 0, 12};
    const std::string qml = area_layer_qml(wards, measures_for(wards, false), "2024/25", {}, shown);
    const std::regex bound("(lower|upper)=\"([^\"]+)\"");
    int bounds = 0;
    for (auto it = std::sregex_iterator(qml.begin(), qml.end(), bound); it != std::sregex_iterator(); ++it, ++bounds)
        CHECK(std::find(shown.begin(), shown.end(), std::stod((*it)[2].str())) != shown.end());
    CHECK(bounds >= 4);
    CHECK(qml.find("attr=\"count\"") != std::string::npos);  // no rate shown: counts mapped
}
