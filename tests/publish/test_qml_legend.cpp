// The one QML parser (publish/qml_legend) against what the QML writer was given: the classes of
// classify() and the colours of the ramp in styles.cpp, for the MapLibre style and the dashboard.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/publish/qml_legend.hpp"
#include "hotspot/publish/styles.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("a graduated QML reads back as the classes, title and colours it was written with", "[style][qml_legend]") {
    const std::vector<double> values = {0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233};
    ChoroplethStyle style;
    style.attribute = "count";
    style.title = legend_title("Incidents & <others>", "2024/25", "count");
    const auto legend = graduated_qml_legend(areas_qml(style, values), "wards");
    REQUIRE(legend);
    CHECK(legend->attribute == "count");
    CHECK(legend->title == "Incidents & <others>, 2024/25 (count)");  // unescaped, cut from the first label
    const std::vector<ValueClass> want = classify(values, 6);  // 5 classes and the zero class
    REQUIRE(legend->classes.size() == want.size());
    for (std::size_t k = 0; k < want.size(); ++k) {
        INFO(k);
        CHECK(legend->classes[k].lower == want[k].lower);  // full precision: QGIS draws lower <= v <= upper
        CHECK(legend->classes[k].upper == want[k].upper);
        CHECK(legend->classes[k].label == want[k].label);
        CHECK(legend->classes[k].opacity == Approx(0.8));
        CHECK(!legend->classes[k].outline.empty());
    }
    CHECK(legend->classes.front().colour == "#f0f0f0");  // zero: grey, then YlOrRd from pale yellow to dark red
    CHECK(legend->classes[1].colour == "#ffffb2");
    CHECK(legend->classes.back().colour == "#bd0026");
}

TEST_CASE("a QML that is not graduated has no legend; a broken one is refused naming the layer", "[style][qml_legend]") {
    CHECK_FALSE(graduated_qml_legend("", "wards"));
    CHECK_FALSE(graduated_qml_legend(gi_bin_qml("gi_bin"), "gistar"));  // categories, not ranges
    ChoroplethStyle style;
    style.attribute = "count";
    const std::string qml = areas_qml(style, {1, 2, 3, 4, 5, 6});
    const std::size_t at = qml.find("lower=\"") + 7;
    const std::string broken = qml.substr(0, at) + "x" + qml.substr(qml.find('"', at));
    CHECK_THROWS_AS(graduated_qml_legend(broken, "wards"), InputError);
    CHECK_THROWS_WITH(graduated_qml_legend(broken, "wards"), Catch::Contains("'wards'") && Catch::Contains("lower bound 'x'"));
}
