#include "workflow/intervention_population.hpp"

#include "hotspot/base/text.hpp"

#include <cmath>

namespace hotspot {

namespace {

ZonePopulation of_areas(const std::vector<ZoneMakeup>& zones, std::size_t z) {
    const ZoneMakeup& zone = zones[z];
    const AreaLayer& layer = *zone.layer;
    const std::string give = "; give " + zone.option + " N";
    if (!layer.has_population())
        return {std::nullopt, "layer " + layer.name() + " has no population (population=FIELD in --area, or --attributes)" + give};
    std::vector<std::uint8_t> in = zone.areas;
    std::string without;
    for (std::size_t e = 0; e < z; ++e) {
        if (!zones[e].present || zones[e].layer != &layer) continue;
        bool took = false;
        for (std::size_t k = 0; k < in.size(); ++k)
            if (in[k] && zones[e].areas[k]) in[k] = 0, took = true;
        if (took) without += ", without the " + zones[e].name + "'s areas";
    }
    double residents = 0, m2 = 0;
    std::size_t n = 0;
    for (std::size_t k = 0; k < in.size(); ++k) {
        if (!in[k]) continue;
        const std::optional<double> p = layer.population(k);
        if (!p) return {std::nullopt, "area " + layer.id(k) + " of layer " + layer.name() + " has no population" + give};
        residents += *p, m2 += layer.area_m2(k), ++n;
    }
    if (n == 0) return {std::nullopt, "no area of layer " + layer.name() + " is left to the zone" + without};
    if (std::abs(zone.counted_m2 - m2) > zone_area_tolerance * m2)
        return {std::nullopt, "the zone's counted part (" + format_fixed(zone.counted_m2 / 1e6, 3) + " km2) is not its " + std::to_string(n) +
                                  " areas' whole (" + format_fixed(m2 / 1e6, 3) +
                                  " km2): an earlier zone of another source or the study area's edge cuts them, and residents are not "
                                  "apportioned by area" + give};
    return {residents, "layer " + layer.name() + ", " + layer.population_source() + ": sum of " + std::to_string(n) + " area" +
                           (n == 1 ? "" : "s") + without};
}

}  // namespace

std::vector<ZonePopulation> zone_populations(const std::vector<ZoneMakeup>& zones) {
    std::vector<ZonePopulation> out;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        const ZoneMakeup& zone = zones[z];
        if (!zone.present) out.push_back({std::nullopt, "no " + zone.name});
        else if (zone.given) out.push_back({zone.given, "given by " + zone.option});
        else if (!zone.layer) out.push_back({std::nullopt, "the zone is " + zone.what + ", not whole areas with a population; give " + zone.option + " N"});
        else out.push_back(of_areas(zones, z));
    }
    return out;
}

}  // namespace hotspot
