#pragma once
// The files the composite oracles read: the input matrix, the specs as JSON and one result CSV
// per spec (kept areas only: index, rank and leave-one-out ranges). Shared by composite_dump
// and the Birmingham real-data test.
#include "hotspot/decide/composite_index.hpp"

#include <cstdio>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace composite_files {

using namespace hotspot;

struct Case {
    std::string name;
    CompositeSpec spec;
};

inline std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

inline void write_spec(std::ostream& js, const Case& c) {
    const auto& s = c.spec;
    js << "  {\"name\": \"" << c.name << "\", \"combine\": \"" << to_string(s.combine) << "\", \"missing\": \""
       << to_string(s.missing) << "\", \"outliers\": \"" << to_string(s.outliers)
       << "\", \"reverse_index\": " << (s.reverse_index ? "true" : "false")
       << ", \"tie_break\": " << (s.tie_break_mean_minmax ? "true" : "false") << ", \"indicators\": [\n";
    for (std::size_t k = 0; k < s.indicators.size(); ++k) {
        const auto& i = s.indicators[k];
        js << "    {\"scaling\": \"" << to_string(i.scaling) << "\", \"weight\": " << num(i.weight)
           << ", \"reverse\": " << (i.reverse ? "true" : "false") << ", \"threshold\": " << num(i.threshold)
           << ", \"flag_above\": " << (i.flag_above ? "true" : "false") << ", \"threshold_scale\": \""
           << to_string(i.threshold_scale) << "\", \"range\": "
           << (i.range ? "[" + num(i.range->first) + ", " + num(i.range->second) + "]" : std::string("null"))
           << ", \"z_mean\": " << (i.z_mean ? num(*i.z_mean) : "null") << ", \"z_sd\": " << (i.z_sd ? num(*i.z_sd) : "null")
           << "}" << (k + 1 < s.indicators.size() ? "," : "") << "\n";
    }
    js << "  ]}";
}

// dir/input.csv, dir/specs.json and dir/result_NAME.csv for every case.
inline void write_all(const std::string& dir, const CompositeInput& in, const std::vector<Case>& cases) {
    std::ofstream csv(dir + "/input.csv");
    csv << "area_id";
    for (const auto& n : in.indicator_names) csv << "," << n;
    csv << "\n";
    for (std::size_t a = 0; a < in.area_ids.size(); ++a) {
        csv << in.area_ids[a];
        for (const auto& column : in.values) csv << "," << (column[a] ? num(*column[a]) : "");
        csv << "\n";
    }
    std::ofstream js(dir + "/specs.json");
    js << "[\n";
    for (std::size_t c = 0; c < cases.size(); ++c) {
        write_spec(js, cases[c]);
        js << (c + 1 < cases.size() ? ",\n" : "\n");
        const auto r = composite_index(in, cases[c].spec);
        std::ofstream out(dir + "/result_" + cases[c].name + ".csv");
        out << "area_id,index,rank,loo_rank_min,loo_rank_max,loo_min_without,loo_max_without\n";
        for (std::size_t a = 0; a < in.area_ids.size(); ++a) {
            if (!r.index[a]) continue;
            out << in.area_ids[a] << "," << num(*r.index[a]) << "," << *r.rank[a] << "," << *r.loo_rank_min[a] << ","
                << *r.loo_rank_max[a] << "," << *r.loo_min_without[a] << "," << *r.loo_max_without[a] << "\n";
        }
    }
    js << "]\n";
}

}  // namespace composite_files
