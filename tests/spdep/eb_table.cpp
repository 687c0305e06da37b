// Empirical Bayes and over-representation on real areas for the spdep parity case e_eb
// (eb_parity.R): the areas of one value of a polygon layer's field (e.g. Area = Birmingham),
// counts and populations joined by code from two CSVs with our attribute-table reader, queen
// neighbours from our geo/neighbours, then eb_global, eb_local and over_representation (PHE
// 95 % intervals). Writes one CSV row per area.
//
//   eb_table POLYGONS.gpkg ID_FIELD FILTER_FIELD FILTER_VALUE COUNTS.csv KEY COLUMN POPULATION.csv KEY COLUMN OUT.csv
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/empirical_bayes.hpp"
#include "hotspot/decide/over_representation.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/read/attribute_table.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

using namespace hotspot;

namespace {

// One numeric column by area code.
AttributeTable read_column(const std::string& path, const std::string& key, const std::string& column) {
    AttributeTableSpec spec;
    spec.name = column;
    spec.path = path;
    spec.key = key;
    spec.fields = {{column, AttributeType::real}};
    return read_attribute_table(spec);
}

double value_of(const AttributeTable& t, const std::string& id) {
    const auto it = t.row_of.find(id);
    if (it == t.row_of.end()) throw InputError(t.spec.path + ": no row for area " + id);
    const auto& v = t.columns[0].number[it->second];
    if (!v) throw InputError(t.spec.path + ": empty " + t.columns[0].name + " for area " + id);
    return *v;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 12) {
        std::cerr << "usage: eb_table POLYGONS ID_FIELD FILTER_FIELD FILTER_VALUE COUNTS KEY COLUMN POPULATION KEY COLUMN OUT.csv\n";
        return 2;
    }
    try {
        AreaSpec spec;
        spec.name = "areas";
        spec.path = argv[1];
        spec.id_field = argv[2];
        spec.name_field = argv[3];  // the filter field, read as the label
        const AreaLayer layer = AreaLayer::load(spec, "EPSG:27700");
        const AttributeTable counts = read_column(argv[5], argv[6], argv[7]);
        const AttributeTable population = read_column(argv[8], argv[9], argv[10]);

        std::vector<std::string> ids, wkb;
        std::vector<double> n, x;
        for (std::size_t i = 0; i < layer.size(); ++i) {
            if (layer.label(i) != argv[4]) continue;
            ids.push_back(layer.id(i));
            wkb.push_back(layer.wkb(i));
            n.push_back(value_of(counts, layer.id(i)));
            x.push_back(value_of(population, layer.id(i)));
        }
        const Neighbours nb = queen_contiguity(wkb, 0);
        const EbGlobal global = eb_global(n, x, ids);
        const EbLocal local = eb_local(n, x, nb, ids);
        const std::vector<std::optional<double>> observed(n.begin(), n.end()), residents(x.begin(), x.end());
        const OverRepresentation over = over_representation(observed, residents, 0.95, IntervalMethod::phe);

        std::ofstream out(argv[11]);
        out << "id,events,population,raw,ebest,ebest_a,ebest_a_unclamped,ebest_b,eblocal,eblocal_a,expected,sir,sir_lower,sir_upper,p_upper,rule,flag,neighbours\n";
        char buf[512];
        for (std::size_t i = 0; i < ids.size(); ++i) {
            std::snprintf(buf, sizeof buf, ",%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,", n[i], x[i], global.raw[i],
                          global.estimate[i], global.a, global.a_unclamped, global.b, local.estimate[i], local.a[i]);
            out << ids[i] << buf;
            if (!over.ratio[i]) throw InputError("no events in any area: no ratio to compare");
            std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g,%.17g,%.17g,%s,%d,", *over.expected[i], *over.ratio[i], *over.lower[i],
                          *over.upper[i], *over.p_upper[i], to_string(*over.rule[i]), over.flag[i]);
            out << buf;
            const auto of = nb.of(i);
            for (std::size_t k = 0; k < of.size(); ++k) out << (k ? ";" : "") << ids[of[k]];
            out << '\n';
        }
        if (!out) throw OutputError(std::string(argv[11]) + ": cannot write");
        for (const AreaProblem& p : layer.problems()) std::printf("polygon %s: %s (%s): %s\n", p.area_id.c_str(), p.problem.c_str(), p.detail.c_str(), p.action.c_str());
        std::printf("%zu areas, %zu queen links, EBest a = %.15g b = %.15g, EBlocal a clamped at %zu areas; city rate %.9g "
                    "per 1,000 residents over the counts' period, SIR 95 %% interval above 1 at %zu areas, below 1 at %zu\n",
                    ids.size(), nb.index.size(), global.a, global.b, local.a_clamped, 1000 * over.city_rate, over.above, over.below);
        return 0;
    } catch (const Error& e) {
        std::cerr << "eb_table: " << e.what() << '\n';
        return e.exit_code();
    }
}
