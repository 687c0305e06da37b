#pragma once
// Reads spopt's San Francisco instance (tests/data/spopt_sf/README.md) in spopt's order: tracts
// sorted by NAME, stores sorted by name as text. The files have no commas inside quotes.
#include "hotspot/decide/coverage_model.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace spopt_sf {

inline std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string f;
    while (std::getline(in, f, ',')) {
        if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
        out.push_back(f);
    }
    return out;
}

struct Instance {
    std::vector<std::string> tracts;   // sorted
    std::vector<std::string> stores;   // sorted as text
    std::vector<double> weight;        // POP2000 per tract
    std::vector<double> distance;      // tract x store, metres
    hotspot::CoverageModel coverage(double radius) const {
        return hotspot::coverage_from_distances(weight, stores.size(), distance, radius);
    }
    std::uint32_t store(const std::string& name) const {
        return static_cast<std::uint32_t>(std::find(stores.begin(), stores.end(), name) - stores.begin());
    }
    std::vector<std::string> names(const std::vector<std::uint32_t>& sites) const {
        std::vector<std::string> out;
        for (auto j : sites) out.push_back(stores.at(j));
        std::sort(out.begin(), out.end());
        return out;
    }
};

inline Instance load(const std::string& folder) {
    Instance sf;
    std::ifstream demand(folder + "/SF_demand_205_centroid_uniform_weight.csv");
    std::ifstream dist(folder + "/SF_network_distance_candidateStore_16_censusTract_205_new.csv");
    if (!demand || !dist) throw std::runtime_error("cannot open the spopt SF files in " + folder);
    std::string line;
    std::getline(demand, line);
    std::map<std::string, double> pop;
    while (std::getline(demand, line)) {
        const auto f = fields(line);
        pop[f.at(3)] = std::stod(f.at(6));  // NAME, POP2000
    }
    std::getline(dist, line);
    std::map<std::pair<std::string, std::string>, double> d;  // (tract, store)
    std::map<std::string, int> stores;
    while (std::getline(dist, line)) {
        const auto f = fields(line);  // distance,name,DestinationName,demand
        d[{f.at(2), f.at(1)}] = std::stod(f.at(0));
        stores[f.at(1)] = 1;
    }
    for (const auto& [name, w] : pop) {
        sf.tracts.push_back(name);
        sf.weight.push_back(w);
    }
    for (const auto& kv : stores) sf.stores.push_back(kv.first);
    for (const auto& t : sf.tracts)
        for (const auto& s : sf.stores) sf.distance.push_back(d.at({t, s}));
    return sf;
}

}  // namespace spopt_sf
